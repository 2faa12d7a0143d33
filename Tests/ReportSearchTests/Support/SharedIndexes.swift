import Foundation
@testable import ReportSearch

/// Indexes built at most once per test process (they are expensive) and removed at exit.
///
/// Each index is built on first use and its outcome kept: every test that uses an index
/// `try`s it, so an index that cannot be built fails those tests with the indexer's error
/// instead of letting them pass or skip.
enum SharedIndexes {
    static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rs-shared-\(getpid())").path
        atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("rs-shared-\(getpid())").path) }
        return path
    }()

    /// An index of the project's sample corpus.
    static func sample() throws -> String { try sampleIndex.get() }

    /// An index of ../shared/corpus/gov-reports; tests using it carry
    /// `.requiresShared("corpus/gov-reports")`.
    static func gov() throws -> String { try govIndex.get() }

    private static let sampleIndex = build(TestPaths.corpus, into: "sample")
    private static let govIndex = build(TestPaths.shared("corpus/gov-reports"), into: "gov")

    private static func build(_ corpus: URL, into name: String) -> Result<String, any Error> {
        Result {
            let path = root + "/" + name
            _ = try Indexer.run(roots: [corpus], indexPath: path)
            return path
        }
    }
}
