import Foundation

/// A file found under a corpus root.
package struct CorpusFile: Sendable, Hashable {
    package var url: URL
    /// Path relative to its corpus root, with `/` separators.
    package var relativePath: String
    package var size: Int
    /// Modification time in nanoseconds since 1970.
    package var modificationTime: Int64

    /// The fingerprint stored with the index to detect changes.
    var state: String { "\(size) \(modificationTime)" }
}

/// Walks corpus folders: recursive, hidden entries skipped, symbolic-link loops survived
/// (each real directory is visited once). Every regular file is listed, whatever its
/// extension: the parser names the format from the bytes, and the indexer counts and names
/// the files it cannot read instead of ignoring them.
///
/// | entry under the root                      | listed?                       |
/// |-------------------------------------------|-------------------------------|
/// | `a.txt`, `b.pdf`, `README` (no extension) | yes                           |
/// | `.hidden.txt`, `.git/…`                    | no                            |
/// | a FIFO, socket or device                  | no (reading it could hang)    |
/// | a link to a folder already visited        | no (loops end)                |
/// | a dangling link                           | no                            |
package enum CorpusWalker {
    package static func files(under root: URL) throws -> [CorpusFile] {
        let fm = FileManager.default
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: rootPath, isDirectory: &isDirectory) else {
            throw IndexingError.missingRoot(root.path)
        }
        if !isDirectory.boolValue {
            // A single file given as the "corpus".
            let url = URL(fileURLWithPath: rootPath)
            guard let file = corpusFile(url, relativePath: url.lastPathComponent) else { return [] }
            return [file]
        }
        var result: [CorpusFile] = []
        var visited = Set<String>()
        func walk(_ dir: String, _ relative: String) {
            guard visited.insert(dir).inserted, let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }  // dangling link
                if isDir.boolValue {
                    walk(URL(fileURLWithPath: full).resolvingSymlinksInPath().path, rel)
                } else if let file = corpusFile(URL(fileURLWithPath: full), relativePath: rel) {
                    result.append(file)
                }
            }
        }
        walk(rootPath, "")
        return result
    }

    /// The file at `url`, or `nil` when it is not a regular file (a FIFO, socket or device).
    static func corpusFile(_ url: URL, relativePath: String) -> CorpusFile? {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            // Unreadable metadata: still listed, so the indexer reports it.
            return CorpusFile(url: url, relativePath: relativePath, size: -1, modificationTime: 0)
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return CorpusFile(url: url, relativePath: relativePath, size: Int(info.st_size), modificationTime: mtime)
    }
}
