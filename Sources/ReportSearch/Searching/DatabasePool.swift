import Foundation

/// Read handles on one index, one per concurrent search: a Xapian database handle must not
/// be used from two threads at once, so each search borrows a handle of its own. Handles
/// are opened on demand from the shards that opened when the engine was made, and reused.
///
/// A remote shard that stops answering during a search (its `xapian-tcpsrv` died or hangs)
/// is found by connecting to each remote shard anew. With `allowPartial` it is left out
/// from then on, listed in ``lostShards``, and the search runs again on the others;
/// otherwise the search fails naming it.
///
/// `@unchecked Sendable`: the shard list, the idle handles and the lost shards are only
/// touched under `lock`, and a borrowed handle belongs to one search until it is given back.
final class DatabasePool: @unchecked Sendable {
    private var shards: [ShardSpec]
    private let timeoutMilliseconds: UInt32
    private let allowPartial: Bool
    private let lock = NSLock()
    /// Handles of the current shard list; a handle of an older list is not given back.
    private var idle: [XapianDatabase]
    private var generation = 0
    private var lost: [String] = []
    /// Some shard is served by `xapian-tcpsrv`, whose backend runs no match deciders.
    let hasRemoteShards: Bool

    /// Starts with the handles the engine opened (one per shard), combined into one.
    init(shards: [(spec: ShardSpec, database: XapianDatabase)], timeoutMilliseconds: UInt32,
         allowPartial: Bool = false) throws {
        self.shards = shards.map(\.spec)
        self.timeoutMilliseconds = timeoutMilliseconds
        self.allowPartial = allowPartial
        hasRemoteShards = shards.contains { !$0.spec.isLocal }
        idle = [try Self.combine(shards.map(\.database))]
    }

    /// Shards left out after they stopped answering, each with the reason, in order.
    var lostShards: [String] { lock.withLock { lost } }

    /// Runs `body` with a handle no other search uses meanwhile. A handle that failed is
    /// not given back: the next search opens a fresh one.
    func withDatabase<T>(_ body: (XapianDatabase) throws -> T) throws -> T {
        while true {
            var borrowedGeneration = lock.withLock { generation }
            do {
                let database: XapianDatabase
                (database, borrowedGeneration) = try borrow()
                let result = try body(database)
                lock.withLock { if generation == borrowedGeneration { idle.append(database) } }
                return result
            } catch let error as XapianError where error.kind == .network && hasRemoteShards {
                try leaveOutDeadShards(after: error, generation: borrowedGeneration)
            }
        }
    }

    /// Runs `body` on each shard of the current list, opened on its own: what each shard
    /// stores in its metadata (``CharacterTotals``) must be read from all of them, and of a
    /// combined handle "currently only the metadata for the first is considered"
    /// (`Database::get_metadata`).
    func eachShard<T>(_ body: (XapianDatabase) throws -> T) throws -> [T] {
        let specs = lock.withLock { shards }
        return try specs.map { try body(try $0.open(timeoutMilliseconds: timeoutMilliseconds)) }
    }

    private func borrow() throws -> (XapianDatabase, Int) {
        let (handle, current, specs) = lock.withLock { (idle.popLast(), generation, shards) }
        if let handle { return (handle, current) }
        return (try open(specs), current)
    }

    /// Connects to each remote shard anew: those that fail are the dead ones. Throws unless
    /// `allowPartial` (and some shard is left); otherwise the caller searches again.
    private func leaveOutDeadShards(after error: XapianError, generation borrowed: Int) throws {
        let specs = lock.withLock { shards }
        var dead: [(spec: ShardSpec, reason: String)] = []
        for spec in specs where !spec.isLocal {
            do {
                _ = try spec.open(timeoutMilliseconds: timeoutMilliseconds)
            } catch let failure as XapianError {
                dead.append((spec, failure.message))
            }
        }
        guard let first = dead.first else {
            // Every shard answers again: the next search may succeed; name what failed.
            throw SearchError.shardFailed(shard: specs.filter { !$0.isLocal }.map(\.label).joined(separator: ", "),
                                          reason: error.message)
        }
        guard allowPartial else { throw SearchError.shardFailed(shard: first.spec.label, reason: first.reason) }
        let deadLabels = Set(dead.map(\.spec.label))
        let left = specs.filter { !deadLabels.contains($0.label) }
        guard !left.isEmpty else { throw SearchError.shardFailed(shard: first.spec.label, reason: first.reason) }
        lock.withLock {
            // Another search may have left them out already.
            guard generation == borrowed else { return }
            shards = left
            generation += 1
            idle = []
            lost += dead.map { "\($0.spec.label) (\($0.reason))" }
        }
    }

    private func open(_ specs: [ShardSpec]) throws -> XapianDatabase {
        try Self.combine(specs.map { spec in
            do {
                return try spec.open(timeoutMilliseconds: timeoutMilliseconds)
            } catch let error as XapianError {
                if allowPartial && !spec.isLocal { throw error }
                throw IndexOpenError.shardUnavailable(spec.label, spec.label, error.message)
            }
        })
    }

    private static func combine(_ databases: [XapianDatabase]) throws -> XapianDatabase {
        databases.count == 1 ? databases[0] : try XapianDatabase(combining: databases)
    }
}
