import Foundation

/// Why an index could not be opened or read; exit code 1.
public enum IndexOpenError: Error, LocalizedError, Equatable {
    case noIndex(String)
    case cannotOpen(String, String)
    case shardUnavailable(String, String, String)
    /// Written by another version of ReportSearch (or not by ReportSearch at all).
    case wrongFormat(index: String, found: String)
    /// A document whose data is not a ``SectionRecord``.
    case corruptRecord(documentID: UInt32)
    /// A stub that includes itself, directly or through other stubs (Xapian would recurse
    /// until the stack overflows).
    case stubCycle(stub: String, through: String)

    public var errorDescription: String? {
        switch self {
        case .noIndex(let path):
            "no index at \(path.isEmpty ? "the default location" : path); build one with: report-search index DIR"
        case .shardUnavailable(let shard, let index, let reason):
            "shard \(shard) of \(index) is unavailable: \(reason); start its xapian-tcpsrv (scripts/serve-shards.sh) or search with --allow-partial"
        case .cannotOpen(let path, let reason):
            "cannot open the index at \(path): \(reason); rebuild it with: report-search index DIR --rebuild"
        case .wrongFormat(let index, let found):
            "the index at \(index) was written in another format (\(found.isEmpty ? "none recorded" : found)); rebuild it with: report-search index DIR --index \(index) --rebuild"
        case .stubCycle(let stub, let through):
            through == stub
                ? "stub \(stub) includes itself; remove that line from it"
                : "stub \(stub) includes itself through \(through); remove one of those lines"
        case .corruptRecord(let id):
            "document \(id) of the index holds no section record; the index is damaged, rebuild it with: report-search index DIR --rebuild"
        }
    }
}
