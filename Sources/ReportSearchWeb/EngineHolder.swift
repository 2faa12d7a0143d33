import Foundation
import ReportSearch

/// The one ``SearchEngine`` every request shares (it is safe to share: each search borrows
/// its own Xapian handle). Opened on first use and kept; while the index is missing or
/// cannot be opened each request tries again, so the server starts, says what is wrong on
/// every page, and recovers once `report-search index` has run.
///
/// `@unchecked Sendable`: `engine` is only read and written under `lock`.
final class EngineHolder: @unchecked Sendable {
    let indexPaths: [String]
    private let lock = NSLock()
    private var opened: SearchEngine?

    init(indexPaths: [String], engine: SearchEngine? = nil) {
        self.indexPaths = indexPaths
        opened = engine
    }

    /// The engine, opening the index if it is not open yet.
    func engine() throws -> SearchEngine {
        try lock.withLock {
            if let opened { return opened }
            let engine = try SearchEngine(indexPaths: indexPaths)
            opened = engine
            return engine
        }
    }
}
