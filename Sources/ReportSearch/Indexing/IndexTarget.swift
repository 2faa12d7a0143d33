import Foundation

/// What an index path holds before a run writes to it, and how many shards the run writes.
/// An index remembers its layout: a run never writes a sharded index as one database or
/// with another shard count (that once moved files between databases and lost sections).
///
/// | on disk                          | `--shards` | run writes                        |
/// |----------------------------------|-----------|------------------------------------|
/// | nothing                          | none / N  | one database / N shards            |
/// | one database                     | none / 1  | that database                      |
/// | one database                     | N > 1     | refused                            |
/// | `XAPIANDB` + N shards            | none / N  | the N shards                       |
/// | `XAPIANDB` + N shards            | M ≠ N     | refused; with `--rebuild`, M shards (M > 1) |
/// | shard folders without a stub     | none      | refused (an unfinished `--shards` build) |
/// | a stub file, a hand-written stub | any       | refused (cycles and missing shards named) |
/// | any other file                   | any       | refused                            |
enum IndexTarget {
    /// `idx` → `/current/dir/idx`: Xapian and the folder creation need a path with a parent.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// The number of shards a run writes to `indexPath`; throws when the path holds a layout
    /// the run must not write (see the table above).
    static func shardCount(indexPath: String, requested: Int?, rebuild: Bool) throws -> Int {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: indexPath, isDirectory: &isDirectory) else { return requested ?? 1 }
        if !isDirectory.boolValue {
            let entries = ShardSpec.localEntries(ofStub: indexPath)
            guard !entries.isEmpty else { throw IndexingError.notAFolder(index: indexPath) }
            try checkStub(indexPath, entries: entries)
            throw IndexingError.foreignStub(index: indexPath, databases: entries.count)
        }
        let stubPath = indexPath + "/" + IndexLayout.stubName
        if fm.fileExists(atPath: stubPath) {
            let entries = ShardSpec.localEntries(ofStub: stubPath)
            let stub = try? String(contentsOfFile: stubPath, encoding: .utf8)
            guard !entries.isEmpty, stub == IndexLayout.stub(count: entries.count) else {
                try checkStub(indexPath, entries: entries)
                throw IndexingError.foreignStub(index: indexPath, databases: entries.count)
            }
            let count = entries.count
            if !rebuild { try checkStub(indexPath, entries: entries) }
            switch requested {
            case nil, count: return count
            case let other? where rebuild && other > 1: return other
            case 1?:
                throw IndexingError.wrongLayout(
                    index: indexPath, found: "\(count) shards",
                    advice: "leave out --shards to update them; to make one database, give another --index or remove this folder first")
            case let other?:
                throw IndexingError.wrongLayout(
                    index: indexPath, found: "\(count) shards, not \(other)",
                    advice: "leave out --shards to update them, or add --rebuild to rewrite the index as \(other) shards")
            }
        }
        if fm.fileExists(atPath: indexPath + "/" + IndexLayout.databaseMarker) {
            if let other = requested, other > 1 {
                throw IndexingError.wrongLayout(
                    index: indexPath, found: "one database, not shards",
                    advice: "leave out --shards to update it; for \(other) shards give another --index, or remove this folder first")
            }
            return 1
        }
        let shardFolders = ((try? fm.contentsOfDirectory(atPath: indexPath)) ?? []).filter { $0.hasPrefix("shard-") }
        if !shardFolders.isEmpty && requested == nil && !rebuild {
            throw IndexingError.wrongLayout(
                index: indexPath, found: "\(shardFolders.count) shard folders but no \(IndexLayout.stubName) (an unfinished --shards build)",
                advice: "run again with --shards \(shardFolders.count) to finish it")
        }
        return requested ?? 1
    }

    /// Cycles first (Xapian would crash following them), then missing local shards.
    private static func checkStub(_ indexPath: String, entries: [(label: String, path: String)]) throws {
        try ShardSpec.checkIncludes(indexPath: indexPath)
        for entry in entries where !FileManager.default.fileExists(atPath: entry.path) {
            throw IndexingError.missingShard(index: indexPath, shard: entry.label)
        }
    }

    /// The folders the index remembers (empty for a new index, or one that cannot be read:
    /// the writer reports that).
    static func storedRoots(indexPath: String) -> CorpusRoots {
        guard FileManager.default.fileExists(atPath: indexPath),
              let db = try? XapianDatabase(path: indexPath),
              let bytes = try? db.metadata(IndexSchema.rootsKey) else { return CorpusRoots() }
        return CorpusRoots(metadata: String(decoding: bytes, as: UTF8.self))
    }

    /// Turns a Xapian failure on the index into the error a user can act on: damage (Xapian
    /// says so, or its check finds errors) asks for `--rebuild`; anything else is passed on.
    static func classify(_ error: any Error, indexPath: String) -> any Error {
        // A damaged shard (or staging part) is repaired by rebuilding the whole index.
        if case IndexingError.damaged(let part, let reason) = error, part != indexPath {
            let name = part.hasPrefix(indexPath) ? String(part.dropFirst(indexPath.count)).trimmingCharacters(in: ["/", "."]) : part
            return IndexingError.damaged(index: indexPath, reason: "\(name): \(reason)")
        }
        guard let xapian = error as? XapianError else { return error }
        if xapian.kind == .corrupt { return IndexingError.damaged(index: indexPath, reason: xapian.message) }
        if xapian.kind == .databaseLock { return IndexingError.locked(index: indexPath) }
        if let problems = try? damage(indexPath: indexPath) {
            return IndexingError.damaged(index: indexPath, reason: "\(xapian.message); \(problems)")
        }
        return error
    }

    /// What Xapian's consistency check (`xapian-check`) finds wrong with the database at
    /// `path`, or nil when it is sound. The check throws on the first bad block
    /// (`DatabaseCorruptError` "dir_end invalid in block 8", or a plain `DatabaseError`
    /// "Block 74 item 0: item ends outside block"); errors it only counts are reported by
    /// number. A database that cannot be opened at all is not called damaged here (the
    /// writer's open names that reason).
    static func damage(indexPath: String) throws -> String? {
        do {
            let errors = try XapianDatabase.check(path: indexPath)
            return errors == 0 ? nil : "xapian-check finds \(errors) \(errors == 1 ? "error" : "errors")"
        } catch let error as XapianError where error.kind == .corrupt || error.kind == .other {
            return error.message
        }
    }
}
