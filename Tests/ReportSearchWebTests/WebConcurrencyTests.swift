import Foundation
import Hummingbird
import HummingbirdTesting
import ReportSearch
import Testing
@testable import ReportSearchWeb

/// One engine serves concurrent requests: queries fired at once over a real socket get
/// the same hits as the library searching them one by one.
@Suite struct WebConcurrencyTests {
    /// What a hit is compared by, from the API's JSON or the library's hit.
    static func fingerprint(path: String, line: Int, score: Double, snippet: String) -> String {
        "\(path):\(line) \(String(format: "%.6f", score)) \(snippet)"
    }

    func expectConcurrentEqualsLibrary(index: String, queries: [String], concurrency: Int) async throws {
        let engine = try SearchEngine(indexPaths: [index])
        let request = SearchRequest()
        var expected: [Int: [String]] = [:]
        for (i, query) in queries.enumerated() {
            var page = request
            page.query = query
            let results = try engine.search(page.effectiveQuery, options: page.options(facets: false))
            expected[i] = results.hits.map { hit in
                Self.fingerprint(path: hit.record.path, line: hit.record.lineStart, score: hit.score,
                                 snippet: hit.snippets.map { $0.marked() }.joined(separator: " … "))
            }
        }
        let wanted = expected
        let server = WebServer(configuration: .init(indexPaths: [index], port: 0), engine: engine)
        try await server.application().test(.live) { client in
            let got = try await withThrowingTaskGroup(of: [(Int, [String])].self) { group in
                for worker in 0..<concurrency {
                    group.addTask {
                        var seen: [(Int, [String])] = []
                        for i in stride(from: worker, to: queries.count, by: concurrency) {
                            let response = try await client.execute(uri: WebFixture.uri("/api/search", [("q", queries[i])]), method: .get)
                            #expect(response.status == .ok, "\(queries[i])")
                            let body = try response.json()
                            let hits = body["hits"] as? [[String: Any]] ?? []
                            seen.append((i, hits.map { hit in
                                Self.fingerprint(path: hit["path"] as? String ?? "", line: hit["line_start"] as? Int ?? -1,
                                                 score: hit["score"] as? Double ?? -1,
                                                 snippet: (hit["fragments"] as? [[String: Any]] ?? []).map { Self.marked($0) }
                                                     .joined(separator: " … "))
                            }))
                        }
                        return seen
                    }
                }
                var all: [Int: [String]] = [:]
                for try await part in group { for (i, hits) in part { all[i] = hits } }
                return all
            }
            #expect(got.count == queries.count)
            for i in queries.indices { #expect(got[i] == wanted[i], "\(queries[i])") }
        }
    }

    /// A JSON fragment (`{"text","highlights"}`) marked as ``Snippet/marked(open:close:)`` marks it.
    static func marked(_ fragment: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fragment),
              let snippet = try? JSONDecoder().decode(Snippet.self, from: data) else { return "(undecodable fragment)" }
        return snippet.marked()
    }

    @Test(.enabled(if: WebFixture.hasShared("corpus/gov-reports", "eval/dev-queries.tsv"),
                   "needs ../shared/corpus/gov-reports and ../shared/eval/dev-queries.tsv"))
    func devQueriesAtOnceGetTheLibrarysHits() async throws {
        let tsv = try String(contentsOf: WebFixture.sharedRoot.appendingPathComponent("eval/dev-queries.tsv"), encoding: .utf8)
        let queries = tsv.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[2]) }
        #expect(queries.count == 200)
        try await expectConcurrentEqualsLibrary(index: try WebFixture.govIndex(), queries: queries, concurrency: 16)
    }

    @Test func sampleQueriesAtOnceGetTheLibrarysHits() async throws {
        let queries = ["合法性审查", "法治政府 建设", "\"数字政府\"", "审查合法性", "税", "經濟發展", "５Ｇ 基站",
                       "营商环境 OR 放管服", "法治 year:2021", "行政执法 -公示", "示范报告", "乡村振兴"]
        try await expectConcurrentEqualsLibrary(index: try WebFixture.sampleIndex(), queries: queries, concurrency: 8)
    }
}
