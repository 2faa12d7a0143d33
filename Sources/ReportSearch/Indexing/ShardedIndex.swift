import Dispatch
import Foundation

/// Writes a sharded index (see ``IndexLayout``): a stable hash of each file's path picks
/// its shard, so an incremental run touches only the shards whose files changed. Shards
/// are written in parallel, one writer each.
enum ShardedIndex {
    /// FNV-1a over the path's UTF-8, so a file stays in its shard on every run and machine.
    static func shard(of relativePath: String, count: Int) -> Int {
        Int(FNV1a.hash(relativePath.utf8) % UInt64(count))
    }

    static func update(
        files: [CorpusFile], scope: RemovalScope, indexPath: String, options: IndexOptions,
        progress: ((IndexProgress) -> Void)? = nil
    ) throws -> IndexSummary {
        let fm = FileManager.default
        let count = options.shardCount
        let stubPath = indexPath + "/" + IndexLayout.stubName
        let stub = IndexLayout.stub(count: count)
        // The layout was checked by IndexTarget (a database folder, another count, a stub
        // naming a missing shard are refused there).
        do {
            try fm.createDirectory(atPath: indexPath, withIntermediateDirectories: true)
        } catch {
            throw IndexingError.cannotCreate(index: indexPath, reason: DatabaseUpdate.reason(error))
        }

        var parts = Array(repeating: [CorpusFile](), count: count)
        for file in files { parts[shard(of: file.relativePath, count: count)].append(file) }

        let results = ResultBox(count: count)
        let overall = progress.map { ProgressBox(shards: count, report: $0) }
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: options.jobs)
        let start = ContinuousClock.now
        for i in 0..<count {
            slots.wait()
            let part = parts[i]
            DispatchQueue.global().async(group: group) {
                defer { slots.signal() }
                results.set(i, Result {
                    try DatabaseUpdate.run(files: part, scope: scope, indexPath: indexPath + "/" + IndexLayout.shardName(i),
                                       options: options, start: start, progress: overall.map { box in { box.update(i, $0) } })
                })
            }
        }
        group.wait()
        // The stub is written last, so a reader never sees it name a missing shard.
        if (try? String(contentsOfFile: stubPath, encoding: .utf8)) != stub {
            try stub.write(toFile: stubPath, atomically: true, encoding: .utf8)
            // Shards beyond the new count belonged to an older layout (a --rebuild).
            for name in (try? fm.contentsOfDirectory(atPath: indexPath)) ?? []
            where name.hasPrefix("shard-") && !(0..<count).map(IndexLayout.shardName).contains(name) {
                try? fm.removeItem(atPath: indexPath + "/" + name)
            }
        }
        var merged = IndexSummary()
        for i in 0..<count {
            let summary = try results.get(i)
            merged.filesSeen += summary.filesSeen
            merged.filesIndexed += summary.filesIndexed
            merged.filesUnchanged += summary.filesUnchanged
            merged.filesRemoved += summary.filesRemoved
            merged.filesUnreadable += summary.filesUnreadable
            merged.sectionsWritten += summary.sectionsWritten
            merged.skipped += summary.skipped
            merged.unsupported += summary.unsupported
            merged.warnings += summary.warnings
        }
        return merged
    }
}

/// Per-shard outcomes written from worker threads; the lock makes it safe to share.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<IndexSummary, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<IndexSummary, Error>) { lock.withLock { results[i] = r } }
    func get(_ i: Int) throws -> IndexSummary {
        guard let r = lock.withLock({ results[i] }) else { throw IndexingError.cannotOpen(index: "shard \(i)", reason: "not written") }
        return try r.get()
    }
}

/// Sums the shards' progress into one line's worth; reports under the lock, so lines
/// from two shards never interleave.
private final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [IndexProgress?]
    private let report: (IndexProgress) -> Void
    init(shards: Int, report: @escaping (IndexProgress) -> Void) {
        latest = Array(repeating: nil, count: shards)
        self.report = report
    }
    func update(_ shard: Int, _ p: IndexProgress) {
        lock.withLock {
            latest[shard] = p
            // Totals are only right once every shard has counted its files.
            let known = latest.compactMap { $0 }
            guard known.count == latest.count else { return }
            report(IndexProgress(
                filesDone: known.reduce(0) { $0 + $1.filesDone }, filesTotal: known.reduce(0) { $0 + $1.filesTotal },
                bytesDone: known.reduce(0) { $0 + $1.bytesDone }, bytesTotal: known.reduce(0) { $0 + $1.bytesTotal },
                elapsedSeconds: p.elapsedSeconds))
        }
    }
}
