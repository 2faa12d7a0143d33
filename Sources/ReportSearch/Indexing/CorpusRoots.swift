import Foundation

/// A corpus folder an index was built from, and the name its files' paths start with.
///
/// | roots of the index                      | a file's path in the index |
/// |-----------------------------------------|----------------------------|
/// | `/data/reports` (the only one, built alone) | `a.txt`                |
/// | `/data/2019`, `/data/2020`               | `2019/a.txt`, `2020/a.txt` |
/// | `/x/reports`, `/y/reports`               | `reports/a.txt`, `reports-2/a.txt` |
/// | `/data/reports` then `/data/2019` added  | `a.txt`, `2019/a.txt`      |
struct CorpusRoot: Equatable, Sendable {
    /// The first path component of the root's files in the index; empty for the one root
    /// of an index first built from a single folder (its paths are relative to it).
    var name: String
    /// The folder's absolute path.
    var path: String

    /// The index path of a file at `relative` under this root.
    func indexPath(_ relative: String) -> String { name.isEmpty ? relative : name + "/" + relative }
}

/// The folders an index was built from (metadata `roots`), so that a run over one folder
/// neither renames nor removes the files of the others.
///
/// Stored one root a line as `name<TAB>path`. Indexes written before names were stored hold
/// bare paths: one path is the unnamed root; several are named by their last component, as
/// those versions prefixed them.
struct CorpusRoots: Equatable, Sendable {
    var roots: [CorpusRoot] = []

    init(roots: [CorpusRoot] = []) { self.roots = roots }

    init(metadata: String) {
        let lines = metadata.split(separator: "\n").map(String.init)
        roots = lines.map { line in
            if let tab = line.firstIndex(of: "\t") {
                return CorpusRoot(name: String(line[..<tab]), path: String(line[line.index(after: tab)...]))
            }
            return CorpusRoot(name: lines.count == 1 ? "" : (line as NSString).lastPathComponent, path: line)
        }
    }

    var metadata: String { roots.map { "\($0.name)\t\($0.path)" }.joined(separator: "\n") }

    /// The absolute, standardized path that identifies a root across runs.
    static func canonicalPath(_ url: URL) -> String { url.standardizedFileURL.path }

    /// The roots after a run over `given`: the stored ones keep their names; a new folder
    /// gets its last path component, made unique with `-2`, `-3`, … (also against a top-level
    /// entry of the unnamed root, whose files have no prefix). The first folder of a new
    /// index built from one folder stays unnamed. With `only`, roots not given are dropped.
    static func resolve(given: [URL], stored: CorpusRoots, only: Bool) -> (all: CorpusRoots, run: [CorpusRoot]) {
        var all = only ? CorpusRoots() : stored
        var run: [CorpusRoot] = []
        var paths: [String] = []
        for url in given where !paths.contains(canonicalPath(url)) { paths.append(canonicalPath(url)) }
        for path in paths {
            if let existing = stored.roots.first(where: { $0.path == path }) {
                if !all.roots.contains(existing) { all.roots.append(existing) }
                run.append(existing)
                continue
            }
            let name: String
            if stored.roots.isEmpty && paths.count == 1 {
                name = ""
            } else {
                let base = (path as NSString).lastPathComponent
                let unnamed = all.roots.first(where: { $0.name.isEmpty })
                func taken(_ candidate: String) -> Bool {
                    all.roots.contains { $0.name == candidate }
                        || unnamed.map { FileManager.default.fileExists(atPath: $0.path + "/" + candidate) } == true
                }
                var candidate = base.isEmpty ? "root" : base
                var n = 2
                while taken(candidate) {
                    candidate = (base.isEmpty ? "root" : base) + "-\(n)"
                    n += 1
                }
                name = candidate
            }
            let root = CorpusRoot(name: name, path: path)
            all.roots.append(root)
            run.append(root)
        }
        return (all, run)
    }

    /// The root an index path belongs to: the named root it starts with, else the unnamed
    /// root; nil when there is neither.
    func owner(of indexPath: String) -> CorpusRoot? {
        if let named = roots.first(where: { !$0.name.isEmpty && indexPath.hasPrefix($0.name + "/") }) { return named }
        return roots.first(where: { $0.name.isEmpty })
    }
}

/// Which indexed files a run may remove when it does not find them: those of the folders it
/// walked (outside the subfolders it could not list), and with `--only` those of folders
/// dropped from the index.
struct RemovalScope: Sendable {
    /// All roots the index will remember after this run (written into its metadata).
    var roots: CorpusRoots
    /// The roots this run walked.
    var walked: [CorpusRoot]
    /// Folders that could not be listed, as (their root, the index-path prefix of their
    /// files: "2020/secret/", or "" for the whole of an unnamed root): their files are kept.
    var unreadable: [(root: CorpusRoot, prefix: String)] = []
    /// Remove files of roots that are no longer remembered (`--only`), and files of no known
    /// root (an index written before roots were remembered).
    var removeOthers = false

    /// Whether a file of the index that this run did not find is gone.
    func isGone(_ indexPath: String) -> Bool {
        if isInUnreadableFolder(indexPath) { return false }
        guard let owner = roots.owner(of: indexPath) else { return removeOthers || roots.roots.isEmpty }
        return walked.contains(owner)
    }

    func isInUnreadableFolder(_ indexPath: String) -> Bool {
        unreadable.contains { $0.root == roots.owner(of: indexPath) && indexPath.hasPrefix($0.prefix) }
    }
}
