import Foundation

/// Read handles on one index, one per concurrent search: a Xapian database handle must not
/// be used from two threads at once, so each search borrows a handle of its own. Handles
/// are opened on demand from the shards that opened when the engine was made, and reused.
///
/// `@unchecked Sendable`: the idle handles are only touched under `lock`, and a borrowed
/// handle belongs to one search until it is given back.
final class DatabasePool: @unchecked Sendable {
    private let shards: [ShardSpec]
    private let timeoutMilliseconds: UInt32
    private let lock = NSLock()
    private var idle: [XapianDatabase]
    /// Some shard is served by `xapian-tcpsrv`, whose backend runs no match deciders.
    let hasRemoteShards: Bool

    /// Starts with the handles the engine opened (one per shard), combined into one.
    init(shards: [(spec: ShardSpec, database: XapianDatabase)], timeoutMilliseconds: UInt32) throws {
        self.shards = shards.map(\.spec)
        self.timeoutMilliseconds = timeoutMilliseconds
        hasRemoteShards = shards.contains { !$0.spec.isLocal }
        idle = [try Self.combine(shards.map(\.database))]
    }

    /// Runs `body` with a handle no other search uses meanwhile. A handle that failed is
    /// not given back: the next search opens a fresh one.
    func withDatabase<T>(_ body: (XapianDatabase) throws -> T) throws -> T {
        let database = try lock.withLock { idle.popLast() } ?? open()
        let result = try body(database)
        lock.withLock { idle.append(database) }
        return result
    }

    private func open() throws -> XapianDatabase {
        try Self.combine(shards.map { spec in
            do {
                return try spec.open(timeoutMilliseconds: timeoutMilliseconds)
            } catch let error as XapianError {
                throw IndexOpenError.shardUnavailable(spec.label, spec.label, error.message)
            }
        })
    }

    private static func combine(_ databases: [XapianDatabase]) throws -> XapianDatabase {
        databases.count == 1 ? databases[0] : try XapianDatabase(combining: databases)
    }
}
