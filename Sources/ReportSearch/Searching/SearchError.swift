import Foundation

/// Failures while searching an index that opened: each says which index or shard, and what
/// to do.
public enum SearchError: Error, LocalizedError, Equatable {
    /// Xapian found the database damaged (`DatabaseCorruptError`): its answers cannot be trusted.
    case damaged(index: String, reason: String)
    /// A shard stopped answering during the search (e.g. its `xapian-tcpsrv` died).
    case shardFailed(shard: String, reason: String)
    /// A stub file (or a folder's `XAPIANDB`) that lists no database.
    case emptyStub(String)
    /// Any other failure Xapian reported while searching.
    case failed(index: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .damaged(let index, let reason):
            "the index at \(index) is damaged (\(reason)); rebuild it with: report-search index DIR --index \(index) --rebuild"
        case .shardFailed(let shard, let reason):
            "shard \(shard) stopped answering (\(reason)); restart its xapian-tcpsrv (scripts/serve-shards.sh) or search with --allow-partial"
        case .emptyStub(let path):
            "the stub \(path) lists no database; add lines such as `glass shard-00` or `remote HOST:PORT`, or index into it with: report-search index DIR --index \(path)"
        case .failed(let index, let reason):
            "searching the index at \(index) failed: \(reason); check it with xapian-check, or rebuild it with: report-search index DIR --index \(index) --rebuild"
        }
    }
}
