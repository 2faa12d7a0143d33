import Foundation
import Hummingbird
import HummingbirdTesting
import ReportSearch
import Testing
@testable import ReportSearchWeb

/// What the server refuses or serves carefully: paths, originals, writes, a missing index,
/// and the downloads' contract.
@Suite struct SafetyTests {
    @Test(arguments: ["/report/../../etc/passwd", "/report/..%2F..%2Fetc%2Fpasswd", "/static/", "/static/../Package.swift",
                      "/corpus/", "/report/ZZZZ", "/report/0123456789abcdef", "/api/report/0123456789abcdef", "/nothing"])
    func unknownPathsAre404WithAPage(uri: String) async throws {
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentSecurityPolicy] != nil)
                #expect(!response.text.contains("root:"))
            }
        }
    }

    @Test func writesAreNotAllowed() async throws {
        try await WebFixture.server().application().test(.router) { client in
            for method in [.post, .put, .delete] as [HTTPRequest.Method] {
                try await client.execute(uri: "/api/search?q=x", method: method) { response in
                    #expect([404, 405].contains(response.status.code))
                }
            }
        }
    }

    @Test func originalIsServedOnlyWhenAllowedAndInsideTheCorpus() async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let hit = try #require(try engine.search("合法性审查").hits.first)
        let id = ReportID(path: hit.record.path)
        let bytes = try Data(contentsOf: try WebFixture.sampleCorpus().appendingPathComponent(hit.record.path))
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: "/report/\(id)/original", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == bytes)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            }
            try await client.execute(uri: "/report/\(id)", method: .get) { response in
                #expect(response.text.contains("/report/\(id)/original"))
            }
        }
        try await WebFixture.server(originals: false).application().test(.router) { client in
            try await client.execute(uri: "/report/\(id)/original", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("--no-originals"))
            }
            try await client.execute(uri: "/report/\(id)", method: .get) { response in
                #expect(!response.text.contains("/original"))
            }
        }
    }

    @Test func missingIndexIsAClearErrorNotACrash() async throws {
        let server = WebServer(configuration: .init(indexPaths: ["/nonexistent/rs-web-index"]))
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/?q=%E5%AE%A1%E6%9F%A5", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("/nonexistent/rs-web-index"))
                #expect(response.text.contains("<form"))
            }
            try await client.execute(uri: "/api/search?q=x", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try response.json()
                #expect(body["status"] as? Int == 503)
            }
            try await client.execute(uri: "/", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func corruptIndexIsAClearErrorNotACrash() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rs-web-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("not a database".utf8).write(to: dir.appendingPathComponent("iamglass"))
        try await WebServer(configuration: .init(indexPaths: [dir.path])).application().test(.router) { client in
            try await client.execute(uri: "/?q=x", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("cannot be opened"))
            }
        }
    }

    @Test func csvDownloadHasBOMColumnsAndFormulaGuard() async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let options = SearchOptions(limit: SearchRequest.maxDownload, perDocument: 3, collapseDuplicates: true)
        let renderer = HitListRenderer(format: .csv)
        let expected = CSVWriter.byteOrderMark + renderer.header() + renderer.render(try engine.search("合法性审查", options: options))
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/download.csv", [("q", "合法性审查"), ("page", "3")]), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
                #expect(response.text == expected)
                #expect(response.text.dropFirst().hasPrefix(HitListRenderer.csvColumns.joined(separator: ",")))
            }
            try await client.execute(uri: WebFixture.uri("/download.jsonl", [("q", "合法性审查")]), method: .get) { response in
                let lines = response.text.split(separator: "\n")
                #expect(!lines.isEmpty)
                #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
            }
        }
    }

    @Test(arguments: [("<script>", "&lt;script&gt;"), ("\"><img onerror=x>", "&quot;&gt;&lt;img onerror=x&gt;"),
                      ("a'b&c", "a&#39;b&amp;c"), ("a\u{1B}[31mb", "a\u{FFFD}[31mb")])
    func escapeTable(input: String, output: String) {
        #expect(HTML.escape(input) == output)
    }

    @Test func filtersBecomeQueryFieldsAndLinksRoundTrip() throws {
        let request = try SearchRequest(queryString: "q=%E5%AE%A1%E6%9F%A5+%E5%B7%A5%E4%BD%9C&from=2020&to=2021&agency=%E5%B8%82%E5%B1%80&folder=gov&sort=date&page=2")
        #expect(request.effectiveQuery == "审查 工作 year:2020..2021 agency:\"市局\" path:\"gov/\"")
        #expect(try SearchRequest(queryString: request.queryString) == request)
        #expect(throws: WebError.self) { try SearchRequest(queryString: "q=x&agency=%22evil") }
    }
}
