import Foundation
import Hummingbird
import HummingbirdTesting
import ReportSearch
import Testing
@testable import ReportSearchWeb

/// The routes through Hummingbird's router test client: status codes, headers, JSON shape,
/// escaping, and that the pages show what the library returns.
@Suite struct RouterTests {
    @Test func searchPageShowsMarkedHitsAndSettingsLiveInLinks() async throws {
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/", [("q", "合法性审查")]), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let page = response.text
                #expect(page.contains("<mark>合法性审查</mark>"))
                #expect(page.contains("data-facet=\"year\""))
                #expect(page.contains("<svg class=\"trend\""))
                #expect(page.contains("href=\"/download.csv?q=%E5%90%88"))
                #expect(!page.contains("<script>"), "no inline script")
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("name=\"q\""))
            }
        }
    }

    @Test(arguments: ["<script>alert(1)</script>", "合法性审查 <script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                      "合法性审查 '><img src=x onerror=alert(1)>"])
    func hostileQueryIsEscapedInPagesAndNeverServedAsHTML(query: String) async throws {
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/", [("q", query)]), method: .get) { response in
                #expect([200, 400].contains(response.status.code))
                #expect(!response.text.contains("<script>alert"))
                #expect(!response.text.contains("<img src=x"))
                #expect(response.text.contains(HTML.escape(query)))
            }
            // CSV and JSON carry the text as data (the CLI's bytes); a browser must never
            // read them as HTML.
            for path in ["/download.csv", "/download.jsonl", "/api/search"] {
                try await client.execute(uri: WebFixture.uri(path, [("q", query)]), method: .get) { response in
                    if response.status == .ok {
                        #expect(response.headers[.contentType]?.hasPrefix("text/html") == false, "\(path)")
                    } else {
                        #expect(response.status == .badRequest, "\(path)")
                        #expect(!response.text.contains("<img src=x"), "\(path): an error page escapes too")
                    }
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                }
            }
        }
    }

    @Test func badQueryIs400WithTheMessageOnThePage() async throws {
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/", [("q", "\"><img onerror=alert(1)>")]), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("unbalanced quote"))
                #expect(response.text.contains("value=\"&quot;&gt;&lt;img onerror=alert(1)&gt;\""))
            }
            try await client.execute(uri: WebFixture.uri("/api/search", [("q", "nofield:x")]), method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try response.json()
                #expect((body["error"] as? String)?.contains("unknown field") == true)
                #expect(body["status"] as? Int == 400)
            }
            let long = String(repeating: "审", count: SearchRequest.maxQueryCharacters + 1)
            for uri in [WebFixture.uri("/", [("q", long)]), "/?q=x&size=1000", "/?q=x&page=0", "/?q=x&from=2022&to=2020", "/?q=x&sort=evil"] {
                try await client.execute(uri: uri, method: .get) { response in #expect(response.status == .badRequest, "\(uri.prefix(40))") }
            }
        }
    }

    @Test func hostileReportIsEscapedInHitsAndPreview() async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let hostile = try #require(try engine.search("title:示范报告", options: SearchOptions(limit: 1)).hits.first)
        let id = ReportID(path: hostile.record.path)
        try await WebFixture.server().application().test(.router) { client in
            for uri in [WebFixture.uri("/", [("q", "示范报告")]), WebFixture.uri("/", [("q", "合法性审查 year:2021")]),
                        WebFixture.uri("/report/\(id)", [("q", "合法性审查")])] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(!response.text.contains("<script>alert"))
                    #expect(!response.text.contains("<img src=x"))
                    #expect(!response.text.contains("<b>二十"))
                    #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || uri.hasPrefix("/?"))
                }
            }
        }
    }

    @Test func previewMarksEveryHitAndNumbersThem() async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let hit = try #require(try engine.search("合法性审查").hits.first)
        let preview = try #require(try engine.report(ReportID(path: hit.record.path), query: "合法性审查"))
        let total = preview.sections.reduce(0) { $0 + $1.highlights.count }
        let text = preview.sections.map(\.record.text).joined()
        #expect(total == text.components(separatedBy: "合法性审查").count - 1)
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/report/\(preview.id)", [("q", "合法性审查")]), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"hit-\(total)\""))
                #expect(!response.text.contains("id=\"hit-\(total + 1)\""))
                #expect(response.text.contains("id=\"s-\(hit.record.lineStart)-\(hit.record.passage)\""))
                #expect(response.text.contains("id=\"next-hit\""))
            }
            try await client.execute(uri: "/api/report/\(preview.id)?q=%E5%90%88%E6%B3%95%E6%80%A7%E5%AE%A1%E6%9F%A5", method: .get) { response in
                let body = try response.json()
                #expect(body["path"] as? String == hit.record.path)
                #expect(body["hits"] as? Int == total)
                let sections = try #require(body["sections"] as? [[String: Any]])
                #expect(sections.count == preview.sections.count)
                #expect(Set(sections[0].keys).isSuperset(of: ["section", "line_start", "line_end", "text", "highlights"]))
            }
        }
    }

    @Test func aPreviewKeepsTheSearchItWasOpenedFrom() async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let hit = try #require(try engine.search("合法性审查").hits.first)
        let year = try #require(Int(hit.record.date.prefix(4)))
        let settings = "q=%E5%90%88%E6%B3%95%E6%80%A7%E5%AE%A1%E6%9F%A5&from=\(year)&to=\(year)&sort=date"
        try await WebFixture.server().application().test(.router) { client in
            // The hit list links to the preview with the search's own settings, not a typed query.
            try await client.execute(uri: "/?" + settings, method: .get) { response in
                #expect(response.text.contains("href=\"/report/\(ReportID(path: hit.record.path))?\(HTML.escape(settings))#s-"))
                #expect(!response.text.contains("year%3A"))
            }
            try await client.execute(uri: "/report/\(ReportID(path: hit.record.path))?" + settings, method: .get) { response in
                #expect(response.status == .ok)
                // "← results" goes back to that search; the box holds the query as typed.
                #expect(response.text.contains("<a href=\"/?\(HTML.escape(settings))\">← results</a>"))
                #expect(response.text.contains("value=\"合法性审查\""))
                #expect(response.text.contains("<mark"))
            }
        }
    }

    @Test func apiSearchHasTheCLIFieldNames() async throws {
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/api/search", [("q", "合法性审查"), ("size", "5")]), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try response.json()
                #expect(Set(body.keys) == ["query", "effective_query", "relaxation", "estimated_total", "page", "size", "hits"])
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.count == 5)
                let cli: Set<String> = ["rank", "score", "path", "title", "date", "agency", "section", "line_start", "line_end",
                                        "exact", "snippet", "fragments", "copies"]
                #expect(Set(hits[0].keys).isSuperset(of: cli.union(["report_id"])))
            }
            try await client.execute(uri: WebFixture.uri("/api/trend", [("q", "合法性审查"), ("q", "营商环境")]), method: .get) { response in
                let trend = try #require(try response.json()["trend"] as? [[String: Any]])
                #expect(Set(trend.compactMap { $0["query"] as? String }) == ["合法性审查", "营商环境"])
            }
        }
    }

    @Test(arguments: ["合法性审查", "法治政府", "营商环境 OR 放管服"])
    func facetCountsEqualTheLibrarys(query: String) async throws {
        let engine = try SearchEngine(indexPaths: [try WebFixture.sampleIndex()])
        let expected = try #require(try engine.search(query, options: SearchOptions(facets: true)).facets)
        try await WebFixture.server().application().test(.router) { client in
            try await client.execute(uri: WebFixture.uri("/api/facets", [("q", query)]), method: .get) { response in
                let facets = try #require(try response.json()["facets"] as? [String: [String: [String: Int]]])
                for dimension in FacetDimension.allCases {
                    let got = (facets[dimension.rawValue] ?? [:]).mapValues { BucketCount(reports: $0["reports"] ?? -1, sections: $0["sections"] ?? -1) }
                    #expect(got == (expected.buckets[dimension] ?? [:]), "\(dimension)")
                }
            }
            try await client.execute(uri: WebFixture.uri("/", [("q", query)]), method: .get) { response in
                #expect(response.text.contains("\(expected.total.sections) sections in \(expected.total.reports) reports"))
            }
        }
    }
}
