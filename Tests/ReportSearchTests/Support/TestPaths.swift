import Foundation
import Testing

/// Where the tests find their data and the built CLI.
///
/// | path                   | what                                                   |
/// |------------------------|--------------------------------------------------------|
/// | `packageRoot/corpus`   | the project's own sample corpus: always there          |
/// | `../shared/<relative>` | real data beside the package: tests that need it carry |
/// |                        | `.requiresShared(relative)` and are skipped without it |
/// | `productsDirectory`    | the build products of the running test bundle          |
enum TestPaths {
    /// The package root, derived from this file's location (`<root>/Tests/ReportSearchTests/Support/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The project's sample corpus.
    static let corpus: URL = packageRoot.appendingPathComponent("corpus")

    /// The seed sample report, shipped in the project's corpus (the same bytes as
    /// ../shared/samples/changshou-bigdata-2020-fazhi-report.txt).
    static let sampleReport: URL = corpus.appendingPathComponent("changshou-bigdata-2020-fazhi-report.txt")

    /// `../shared` beside the package: the one place the shared data is looked up.
    static let sharedRoot: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/<relative>`, whether or not it exists; use it in tests that carry
    /// `.requiresShared(relative)`.
    static func shared(_ relative: String) -> URL {
        sharedRoot.appendingPathComponent(relative)
    }

    /// Whether every `../shared/<relative>` exists.
    static func hasShared(_ relatives: [String]) -> Bool {
        relatives.allSatisfy { FileManager.default.fileExists(atPath: shared($0).path) }
    }

    /// The folder SwiftPM builds the products into (…/.build/<triple>/debug, or the
    /// folder of another `--scratch-path` or configuration): the test bundle
    /// `ReportSearchPackageTests.xctest` sits there beside the `report-search` executable.
    /// On Linux the bundle is the running executable; on macOS a helper loads it.
    static let productsDirectory: URL = {
        let bundles = [Bundle.main] + Bundle.allBundles
        if let xctest = bundles.map({ $0.bundleURL }).first(where: { $0.pathExtension == "xctest" }) {
            return xctest.deletingLastPathComponent()
        }
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    /// The `report-search` executable of the same build as these tests. `swift build
    /// --build-tests` builds it, so a missing one is a failure, not a reason to skip.
    static func reportSearchCLI(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let cli = productsDirectory.appendingPathComponent("report-search")
        try #require(FileManager.default.isExecutableFile(atPath: cli.path),
                     "\(cli.path) is not built: run `swift build --build-tests` before `swift test --skip-build`",
                     sourceLocation: sourceLocation)
        return cli
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when every `../shared/<relative>` exists; otherwise Swift Testing
    /// reports it as skipped, with the missing paths as the reason.
    ///
    ///     @Test(.requiresShared("corpus/gov-reports")) func … { let gov = TestPaths.shared("corpus/gov-reports") … }
    static func requiresShared(_ relatives: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        .enabled(if: TestPaths.hasShared(relatives),
                 "needs \(relatives.map { "../shared/\($0)" }.joined(separator: " and ")), not found beside the package",
                 sourceLocation: sourceLocation)
    }
}
