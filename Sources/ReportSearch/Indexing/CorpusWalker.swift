import Foundation

/// A file found under a corpus root.
package struct CorpusFile: Sendable, Hashable {
    package var url: URL
    /// Path relative to its corpus root, with `/` separators.
    package var relativePath: String
    package var size: Int
    /// Modification time in nanoseconds since 1970.
    package var modificationTime: Int64
    /// Status change time in nanoseconds since 1970: moves on every write, even one that
    /// puts the old size and mtime back (`touch -d`, `cp --preserve`, an editor's restore).
    package var changeTime: Int64 = 0
    /// The file's inode: a file replaced by another (a rename over it) gets a new one.
    package var inode: UInt64 = 0

    public init(url: URL, relativePath: String, size: Int, modificationTime: Int64, changeTime: Int64 = 0, inode: UInt64 = 0) {
        self.url = url
        self.relativePath = relativePath
        self.size = size
        self.modificationTime = modificationTime
        self.changeTime = changeTime
        self.inode = inode
    }

    /// The fingerprint stored with the index to detect changes, with the section count
    /// (see ``FileState``).
    func state(sections: Int) -> FileState {
        FileState(size: size, modificationTime: modificationTime, sections: sections, changeTime: changeTime, inode: inode)
    }
}

/// What the index stores per file (metadata `file:<path>`): "size mtime ctime inode sections"
/// (size and mtime first and the section count last, as before). States written before
/// ctime and inode were kept have three fields, "size mtime sections"; they are compared on
/// size and mtime alone, so an index keeps working (and is not re-read) after an upgrade.
struct FileState: Equatable {
    var size: Int
    var modificationTime: Int64
    var sections: Int
    var changeTime: Int64?
    var inode: UInt64?
    /// Set for a file skipped for its format (`… 0 skipped:pdf`): unchanged, it is named in
    /// the summary again but not read again.
    var skippedFormat: ReportFormat?

    var encoded: String {
        "\(size) \(modificationTime) " + (changeTime.map { "\($0) \(inode ?? 0) " } ?? "") + "\(sections)"
            + (skippedFormat.map { " \(Self.skippedMarker)\($0.rawValue)" } ?? "")
    }

    static let skippedMarker = "skipped:"

    /// Nil for an empty or unreadable value (no file, or a file that could not be read).
    init?(decoding text: String) {
        var fields = text.split(separator: " ")
        var skipped: ReportFormat?
        if let last = fields.last, last.hasPrefix(Self.skippedMarker) {
            guard let format = ReportFormat(rawValue: String(last.dropFirst(Self.skippedMarker.count))) else { return nil }
            skipped = format
            fields.removeLast()
        }
        guard fields.count == 3 || fields.count == 5, let size = Int(fields[0]), let mtime = Int64(fields[1]),
              let sections = fields.last.flatMap({ Int($0) }) else { return nil }
        self.init(size: size, modificationTime: mtime, sections: sections)
        skippedFormat = skipped
        if fields.count == 5 {
            guard let ctime = Int64(fields[2]), let inode = UInt64(fields[3]) else { return nil }
            changeTime = ctime
            self.inode = inode
        }
    }

    init(size: Int, modificationTime: Int64, sections: Int, changeTime: Int64? = nil, inode: UInt64? = nil) {
        self.size = size
        self.modificationTime = modificationTime
        self.sections = sections
        self.changeTime = changeTime
        self.inode = inode
    }

    /// Whether `file` is the version this state was written for.
    func matches(_ file: CorpusFile) -> Bool {
        guard size == file.size, modificationTime == file.modificationTime else { return false }
        if let changeTime, changeTime != file.changeTime { return false }
        if let inode, inode != file.inode { return false }
        return true
    }
}

/// What a walk found: the files, and the folders it could not list (their files are not
/// gone, only out of sight, so the index keeps them).
package struct CorpusListing: Sendable {
    package var files: [CorpusFile] = []
    /// Folders that could not be listed, relative to the root ("" for the root itself), with
    /// the reason, e.g. ("2020/secret", "Permission denied").
    package var unreadableFolders: [(path: String, reason: String)] = []
    /// FIFOs, sockets and devices (also through links), relative to the root, with what they
    /// are: not read (a FIFO would block the run), but named in the summary.
    package var notRegular: [(path: String, kind: String)] = []
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
/// | a FIFO, socket or device (or a link to one) | not read (it could hang); named as "not a regular file" |
/// | a link to a folder already visited        | no (loops end)                |
/// | a dangling link                           | no                            |
package enum CorpusWalker {
    /// Lists a folder's entries; throws with the reason when it cannot.
    typealias ListFolder = (String) throws -> [String]

    package static func files(under root: URL) throws -> [CorpusFile] { try listing(under: root).files }

    /// The files under `root` and the folders that could not be listed.
    package static func listing(under root: URL) throws -> CorpusListing {
        try listing(under: root, list: listFolder)
    }

    /// `opendir`'s reason, e.g. "Permission denied", when a folder cannot be listed.
    static func listFolder(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw FolderError(reason: String(cString: strerror(errno))) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    struct FolderError: Error { var reason: String }

    static func listing(under root: URL, list: ListFolder) throws -> CorpusListing {
        let fm = FileManager.default
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: rootPath, isDirectory: &isDirectory) else {
            throw IndexingError.missingRoot(root.path)
        }
        if !isDirectory.boolValue {
            // A single file given as the "corpus".
            let url = URL(fileURLWithPath: rootPath)
            guard let file = corpusFile(url, relativePath: url.lastPathComponent) else {
                return CorpusListing(notRegular: [(url.lastPathComponent, kind(of: rootPath))])
            }
            return CorpusListing(files: [file])
        }
        var result = CorpusListing()
        var visited = Set<String>()
        func walk(_ dir: String, _ relative: String) {
            guard visited.insert(dir).inserted else { return }
            let names: [String]
            do { names = try list(dir) } catch {
                result.unreadableFolders.append((relative, (error as? FolderError)?.reason ?? "\(error)"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }  // dangling link
                if isDir.boolValue {
                    walk(URL(fileURLWithPath: full).resolvingSymlinksInPath().path, rel)
                } else if let file = corpusFile(URL(fileURLWithPath: full), relativePath: rel) {
                    result.files.append(file)
                } else {
                    result.notRegular.append((rel, kind(of: full)))
                }
            }
        }
        walk(rootPath, "")
        return result
    }

    /// "not a regular file (a FIFO)", … for the summary.
    static func kind(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "not a regular file" }
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "not a regular file (a FIFO)"
        case S_IFSOCK: return "not a regular file (a socket)"
        case S_IFCHR, S_IFBLK: return "not a regular file (a device)"
        default: return "not a regular file"
        }
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
        let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        return CorpusFile(url: url, relativePath: relativePath, size: Int(info.st_size), modificationTime: mtime,
                          changeTime: ctime, inode: UInt64(info.st_ino))
    }
}
