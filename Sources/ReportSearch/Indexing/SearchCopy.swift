import Foundation

/// A compacted, read-only copy of an index for searching (`report-search publish`): every
/// shard merged into one database by Xapian's compaction, without the termlist table.
///
/// Xapian needs the termlist only to delete or replace documents, which a copy that is
/// never updated does not do; searching, snippets, the exact check, facets and trends read
/// the posting lists, values and document data. Without it a copy of gov-reports takes
/// about 60% of the writable index's bytes (README, Performance). A copy is marked by its
/// ``IndexSchema/searchCopyKey`` metadata, and writers refuse it (``IndexingError/searchCopy``):
/// the index it came from is updated instead, and published again.
///
/// Publishing writes a sibling folder and moves it into place, so a search running on the
/// previous copy keeps its open files; a copy is replaced only by a copy, never a folder
/// holding something else.
public enum SearchCopy {
    public struct Summary: Sendable, CustomStringConvertible {
        public var source: String
        public var destination: String
        public var sections: Int
        public var sourceBytes: Int
        public var bytes: Int

        public var description: String {
            String(format: "published %@ sections from %@ to %@: %.1f MB (the index: %.1f MB)",
                   sections.formatted(), source, destination,
                   Double(bytes) / 1_048_576, Double(sourceBytes) / 1_048_576)
        }
    }

    /// Whether the database at `path` is a search copy (false when it cannot be opened).
    public static func isSearchCopy(_ path: String) -> Bool { origin(atPath: path) != nil }

    /// The origin of the database at `path` when it is a search copy; nil for an index,
    /// a missing path or one that cannot be opened.
    static func origin(atPath path: String) -> (source: String, published: String)? {
        guard FileManager.default.fileExists(atPath: path + "/iamglass"), let db = try? XapianDatabase(path: path) else {
            return nil
        }
        return (try? origin(of: db)) ?? nil
    }

    /// What a copy records of its origin ("SOURCE<TAB>TIME"); nil for an index.
    static func origin(of database: XapianDatabase) throws -> (source: String, published: String)? {
        let marker = String(decoding: try database.metadata(IndexSchema.searchCopyKey), as: UTF8.self)
        guard !marker.isEmpty else { return nil }
        let parts = marker.split(separator: "\t", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// Writes the search copy of the index at `source` to `destination`.
    public static func publish(from source: String, to destination: String) throws -> Summary {
        let fm = FileManager.default
        let source = IndexTarget.absolute(source), destination = IndexTarget.absolute(destination)
        guard fm.fileExists(atPath: source) else { throw IndexOpenError.noIndex(source) }
        let specs = try ShardSpec.parse(indexPath: source)
        let shards: [String] = try specs.map { spec in
            guard case .local(let path) = spec.kind else { throw IndexingError.publishRemote(index: source, shard: spec.label) }
            return path
        }
        let reader: XapianDatabase
        do { reader = try XapianDatabase(path: source) } catch let error as XapianError {
            throw IndexOpenError.cannotOpen(source, error.message)
        }
        try IndexSchema.checkFormat(of: reader, path: source)
        if try origin(of: reader) != nil { throw IndexingError.publishCopy(index: source) }
        let sourceParts = shards.map { URL(fileURLWithPath: $0).standardizedFileURL.path } + [source]
        if sourceParts.contains(where: { destination == $0 || destination.hasPrefix($0 + "/") }) {
            throw IndexingError.publishOverSource(index: source, destination: destination)
        }
        if fm.fileExists(atPath: destination) && origin(atPath: destination) == nil && !isEmptyFolder(destination) {
            throw IndexingError.publishOverOther(destination: destination)
        }

        // 1. Compact into a sibling folder (the same file system, so the move is a rename).
        //    Publishes into one folder take turns (a lock on the folder, released if the
        //    process dies), so a leftover staging folder is never another run's.
        let parent = (destination as NSString).deletingLastPathComponent
        let staging = destination + ".publishing", previous = destination + ".previous"
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw IndexingError.cannotCreate(index: destination, reason: error.localizedDescription)
        }
        func systemError() -> IndexingError {
            .cannotCreate(index: destination, reason: "\(parent): \(String(cString: strerror(errno)))")
        }
        let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw systemError() }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw systemError() }
        try? fm.removeItem(atPath: staging)
        try? fm.removeItem(atPath: previous)
        // A writer committing twice during the compaction moves the source on: start again
        // from its latest commit, up to three times.
        for attempt in 0... {
            do {
                if attempt > 0 { try reader.reopen() }
                try reader.compact(to: staging)
                break
            } catch let error as XapianError {
                try? fm.removeItem(atPath: staging)
                guard error.kind == .modified && attempt < 3 else {
                    throw IndexingError.cannotCreate(index: destination, reason: error.message)
                }
            }
        }
        do {
            if shards.count > 1 { try CharacterTotals.storeSummed(ofShards: shards, in: staging) }
            // 2. Mark it, then drop the termlist ("You can also convert an existing database
            //    to not have a termlist table by simply deleting termlist.*", xapian/constants.h).
            let db = try XapianWritableDatabase(path: staging)
            let published = ISO8601DateFormatter().string(from: Date())
            try db.setMetadata(IndexSchema.searchCopyKey, Array("\(source)\t\(published)".utf8))
            try db.close()
            for name in try fm.contentsOfDirectory(atPath: staging) where name.hasPrefix("termlist.") {
                try fm.removeItem(atPath: staging + "/" + name)
            }
            let copy = try XapianDatabase(path: staging)
            guard try copy.documentCount == reader.documentCount else {
                throw IndexingError.cannotCreate(index: destination, reason: "the copy holds \(try copy.documentCount) sections, the index \(try reader.documentCount)")
            }
            // 3. Into place.
            if fm.fileExists(atPath: destination) { try fm.moveItem(atPath: destination, toPath: previous) }
            try fm.moveItem(atPath: staging, toPath: destination)
            try? fm.removeItem(atPath: previous)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return Summary(source: source, destination: destination, sections: try reader.documentCount,
                       sourceBytes: IndexStatistics.bytesOnDisk(of: source), bytes: IndexStatistics.bytesOnDisk(of: destination))
    }

    private static func isEmptyFolder(_ path: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true
    }
}
