import Foundation

/// A first build (or a `--rebuild`) of a single database on every core: `jobs` shard
/// databases are written in parallel in a staging folder beside the index, then Xapian's
/// compaction merges them into one database that replaces the index.
///
/// ```
/// index/            the index: empty (or the old one) until the merge, locked meanwhile
/// index.staging/    shard-00 … and their stub, written by ShardedIndex
/// ```
/// Xapian's write path is most of an index run and one writer uses one core; the merge
/// costs a fraction of what the second core saves (README, Performance).
///
/// Crash safety: the shards commit in batches like any index, so a killed build resumes
/// from them on the next run; until the merge, the index holds its last committed state
/// (empty for a first build, the previous index for a `--rebuild`, which stays searchable).
enum StagedBuild {
    static func stagingPath(_ indexPath: String) -> String { indexPath + ".staging" }

    /// Whether this run builds from nothing: `--rebuild`, no index yet, or an index with
    /// no section in it (a first build that was interrupted before its merge). Every
    /// section carries its file's term, so no section means no file.
    static func applies(indexPath: String, options: IndexOptions) -> Bool {
        guard options.jobs > 1 && options.shardCount == 1 else { return false }
        if options.rebuild { return true }
        guard FileManager.default.fileExists(atPath: indexPath) else { return true }
        return (try? XapianDatabase(path: indexPath).documentCount) == 0
    }

    /// A staging folder left by an interrupted `--rebuild` is stale once the index is
    /// updated in place.
    static func discardLeftovers(indexPath: String) {
        try? FileManager.default.removeItem(atPath: stagingPath(indexPath))
    }

    static func run(
        files: [CorpusFile], scope: RemovalScope, indexPath: String, options: IndexOptions,
        progress: ((IndexProgress) -> Void)?
    ) throws -> IndexSummary {
        let fm = FileManager.default
        let staging = stagingPath(indexPath)
        // 1. Hold the index's lock for the whole build; a new index is committed empty, with
        //    its format, so that it opens (and searches find nothing) until the merge.
        //    A --rebuild of a damaged index starts from an empty one instead (the damage is
        //    what the rebuild is for, and Xapian cannot open it to keep it meanwhile).
        let target: XapianWritableDatabase
        do {
            target = try DatabaseUpdate.openWriter(indexPath, mode: .createOrOpen)
        } catch IndexingError.damaged where options.rebuild {
            target = try DatabaseUpdate.openWriter(indexPath, mode: .createOrOverwrite)
        }
        let reader = try target.reader()
        if !options.rebuild { try IndexSchema.checkFormat(of: reader, path: indexPath) }
        if try IndexSchema.storedFormat(of: reader).isEmpty {
            try target.setMetadata(IndexSchema.formatKey, Array(IndexSchema.formatValue.utf8))
            try target.commit()
        }

        // 2. The shards: resumed when an earlier run of the same layout was interrupted.
        var shardOptions = options
        shardOptions.shards = options.jobs
        shardOptions.rebuild = false
        let stub = try? String(contentsOfFile: staging + "/" + IndexLayout.stubName, encoding: .utf8)
        if options.rebuild || (stub != nil && stub != IndexLayout.stub(count: shardOptions.shardCount)) {
            try? fm.removeItem(atPath: staging)
        }
        let summary = try ShardedIndex.update(files: files, scope: scope, indexPath: staging, options: shardOptions,
                                              progress: progress)

        // 3. Merge into one database and put it in the index's place. A crash between the
        //    two moves leaves no index, and the next run redoes the merge from the shards.
        let merged = staging + "/merged", previous = staging + "/previous"
        try? fm.removeItem(atPath: merged)
        try? fm.removeItem(atPath: previous)
        progress?(IndexProgress(filesDone: files.count, filesTotal: files.count, bytesDone: 0, bytesTotal: 0,
                                elapsedSeconds: 0, merging: true))
        try XapianDatabase(path: staging).compact(to: merged)
        try CharacterTotals.storeSummed(ofShards: (0..<shardOptions.shardCount).map { staging + "/" + IndexLayout.shardName($0) },
                                        in: merged)
        try fm.moveItem(atPath: indexPath, toPath: previous)
        try fm.moveItem(atPath: merged, toPath: indexPath)
        try target.close()
        CheckedStamp.record(indexPath: indexPath)
        try fm.removeItem(atPath: staging)
        return summary
    }
}
