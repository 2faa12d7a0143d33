import Foundation
import Hummingbird
import HummingbirdTesting
import ReportSearch
import Testing
@testable import ReportSearchWeb

/// Indexes the web tests share, built at most once per test process and removed at exit:
/// the project's corpus plus one hostile report whose title and text hold markup.
enum WebFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sharedRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rs-web-\(getpid())").path
        atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("rs-web-\(getpid())").path) }
        return path
    }()

    static let hostileTitle = "\"><img src=x onerror=alert(1)>示范报告<script>alert('t')</script>"
    static let hostileReport = """
        \(hostileTitle)
        2021

        一、<script>alert(1)</script>合法性审查工作
        本年度开展合法性审查<b>二十</b>次，"><img src=x onerror=alert(2)>并公开结果。
        二、其他
        合法性审查覆盖全部规范性文件。

        """

    /// The corpus folder of the sample index (a copy of corpus/ with the hostile report).
    static func sampleCorpus() throws -> URL { try sample.get().corpus }
    static func sampleIndex() throws -> String { try sample.get().index }

    private static let sample: Result<(corpus: URL, index: String), any Error> = Result {
        let corpus = URL(fileURLWithPath: root).appendingPathComponent("corpus")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("corpus"), to: corpus)
        try Data(hostileReport.utf8).write(to: corpus.appendingPathComponent("hostile-2021-report.txt"))
        let index = root + "/sample-index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        return (corpus, index)
    }

    /// An index of ../shared/corpus/gov-reports (tests using it check ``hasShared``).
    static func govIndex() throws -> String { try gov.get() }
    private static let gov: Result<String, any Error> = Result {
        let index = root + "/gov-index"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = try Indexer.run(roots: [sharedRoot.appendingPathComponent("corpus/gov-reports")], indexPath: index)
        return index
    }

    static func hasShared(_ relatives: String...) -> Bool {
        relatives.allSatisfy { FileManager.default.fileExists(atPath: sharedRoot.appendingPathComponent($0).path) }
    }

    /// A server over the sample index.
    static func server(originals: Bool = true) throws -> WebServer {
        WebServer(configuration: .init(indexPaths: [try sampleIndex()], originals: originals))
    }

    /// `path?name=value&…`, each value percent-encoded.
    static func uri(_ path: String, _ parameters: [(String, String)] = []) -> String {
        parameters.isEmpty ? path : path + "?" + parameters.map { "\($0.0)=\(SearchRequest.encode($0.1))" }.joined(separator: "&")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
