import Foundation

/// One line of a Xapian stub database file, opened on its own so errors can name it.
///
/// | stub line                 | opens                                      |
/// |---------------------------|--------------------------------------------|
/// | `glass shard-00`          | a local database, relative to the stub     |
/// | `auto /data/idx`          | any local database or stub                 |
/// | `remote 10.0.0.5:33101`   | a shard served by `xapian-tcpsrv`          |
struct ShardSpec {
    enum Kind { case local(String), remote(host: String, port: UInt16) }
    var kind: Kind
    var label: String

    var isLocal: Bool { if case .local = kind { true } else { false } }

    func open(timeoutMilliseconds: UInt32) throws -> XapianDatabase {
        switch kind {
        case .local(let path): try XapianDatabase(path: path)
        case .remote(let host, let port):
            try XapianDatabase(remoteHost: host, port: port, timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    /// The shards of an index path: a database folder (one shard), a folder with a
    /// `XAPIANDB` stub, or a stub file.
    static func parse(indexPath: String) throws -> [ShardSpec] {
        try checkIncludes(indexPath: indexPath)
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: indexPath, isDirectory: &isDirectory)
        let stubPath = isDirectory.boolValue ? indexPath + "/" + IndexLayout.stubName : indexPath
        guard let stub = try? String(contentsOfFile: stubPath, encoding: .utf8), !stub.utf8.contains(0) else {
            return [ShardSpec(kind: .local(indexPath), label: indexPath)]
        }
        let base = (URL(fileURLWithPath: stubPath).standardizedFileURL.path as NSString).deletingLastPathComponent  // "" for a bare relative name
        var specs: [ShardSpec] = []
        for raw in stub.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { return [ShardSpec(kind: .local(indexPath), label: indexPath)] }
            if parts[0] == "remote", let colon = parts[1].lastIndex(of: ":"), colon != parts[1].startIndex,
               let port = UInt16(parts[1][parts[1].index(after: colon)...]) {
                specs.append(ShardSpec(kind: .remote(host: String(parts[1][..<colon]), port: port), label: "remote \(parts[1])"))
            } else if parts[0] == "remote" {
                // `remote :program args` and other forms: let Xapian open the whole stub.
                return [ShardSpec(kind: .local(indexPath), label: indexPath)]
            } else {
                let path = parts[1].hasPrefix("/") ? parts[1] : base + "/" + parts[1]
                specs.append(ShardSpec(kind: .local(path), label: parts[1]))
            }
        }
        return specs.isEmpty ? [ShardSpec(kind: .local(indexPath), label: indexPath)] : specs
    }

    /// A stub file, or a folder whose `XAPIANDB` stub, lists no database (Xapian then opens
    /// an "uninitialised Database object").
    static func isEmptyStub(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        let stub = isDirectory.boolValue ? path + "/" + IndexLayout.stubName : path
        if isDirectory.boolValue && !FileManager.default.fileExists(atPath: stub) { return false }
        guard let data = FileManager.default.contents(atPath: stub), data.count < 1 << 20,
              !data.contains(0), let text = String(data: data, encoding: .utf8) else { return false }
        return text.split(whereSeparator: \.isNewline).allSatisfy {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#")
        }
    }

    /// The stub file of an index path: the path itself when it is a file, the folder's
    /// `XAPIANDB` when it has one; nil for a database folder or nothing.
    static func stubFile(of path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if !isDirectory.boolValue { return path }
        let stub = path + "/" + IndexLayout.stubName
        return FileManager.default.fileExists(atPath: stub) ? stub : nil
    }

    /// The local paths a stub file names (lines `TYPE PATH`, relative to the stub's folder;
    /// `remote` lines are left out).
    static func localEntries(ofStub stubPath: String) -> [(label: String, path: String)] {
        guard let text = try? String(contentsOfFile: stubPath, encoding: .utf8), !text.utf8.contains(0) else { return [] }
        let base = (URL(fileURLWithPath: stubPath).standardizedFileURL.path as NSString).deletingLastPathComponent  // "" for a bare relative name
        var entries: [(String, String)] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            // Xapian's local backends; `remote` lines and anything else are not local paths.
            guard parts.count == 2, ["auto", "glass", "chert", "honey"].contains(parts[0]) else { continue }
            entries.append((parts[1], parts[1].hasPrefix("/") ? parts[1] : base + "/" + parts[1]))
        }
        return entries
    }

    /// Throws ``IndexOpenError/stubCycle(stub:through:)`` when the stub at `indexPath`
    /// includes itself, directly or through other stubs: Xapian follows stubs recursively
    /// and would overflow its stack (SIGSEGV) opening it.
    static func checkIncludes(indexPath: String) throws {
        func real(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        var done = Set<String>()
        func visit(_ stub: String, chain: [String]) throws {
            let key = real(stub)
            if let first = chain.firstIndex(of: key) {
                throw IndexOpenError.stubCycle(stub: chain[first], through: chain.last ?? key)
            }
            guard done.insert(key).inserted || chain.isEmpty else { return }
            for entry in localEntries(ofStub: stub) {
                if let next = stubFile(of: entry.path) { try visit(next, chain: chain + [key]) }
            }
        }
        if let stub = stubFile(of: indexPath) { try visit(stub, chain: []) }
    }
}
