import Foundation
import Testing
@testable import ReportSearch

/// Facets and trends against a brute-force count: every section of the corpus parsed again
/// and checked with the same exact matcher, bucketed by hand.
@Suite struct FacetCountTests {
    /// Text units only: the brute force checks substrings, which is the hit list's matching
    /// for Chinese; a Latin word (5G) matches whole words in the index, not substrings.
    static let queries = ["法治政府", "合法性审查", "数字政府 营商环境", "\"经济发展\" -疫情", "税", "审查合法性", "一网通办 OR 放管服"]

    /// Sections and reports per bucket of each dimension, counted over the parsed files.
    static func bruteForce(_ query: String, corpus: URL) throws -> [FacetDimension: [String: BucketCount]] {
        let matcher = ExactMatcher(try QueryParser.parse(query))
        var sections: [FacetDimension: [String: Int]] = [:]
        var reports: [FacetDimension: [String: Set<String>]] = [:]
        for file in try CorpusWalker.files(under: corpus) {
            guard let report = try? ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20)
            else { continue }
            for section in report.sections where matcher.matches(folded: NormalizedText.foldedScalars(section.text)) {
                let date = report.date ?? ""
                let year = date.prefix(4).allSatisfy(\.isASCIIDigitLike) && date.count >= 4 ? String(date.prefix(4)) : FacetDimension.unknown
                let agency = (report.agency ?? "").isEmpty ? FacetDimension.unknown : report.agency!
                let folder = file.relativePath.contains("/") ? String(file.relativePath.split(separator: "/")[0]) : "."
                for (dimension, bucket) in [(FacetDimension.year, year), (.agency, agency), (.folder, folder)] {
                    sections[dimension, default: [:]][bucket, default: 0] += 1
                    reports[dimension, default: [:]][bucket, default: []].insert(file.relativePath)
                }
            }
        }
        var result: [FacetDimension: [String: BucketCount]] = [:]
        for dimension in FacetDimension.allCases {
            result[dimension] = (sections[dimension] ?? [:]).reduce(into: [:]) { out, entry in
                out[entry.key] = BucketCount(reports: reports[dimension]?[entry.key]?.count ?? 0, sections: entry.value)
            }
        }
        return result
    }

    static func expectFacets(index: String, corpus: URL) throws {
        let engine = try SearchEngine(indexPaths: [index])
        for query in queries {
            let expected = try bruteForce(query, corpus: corpus)
            let facets = try #require(try engine.search(query, options: SearchOptions(limit: 3, facets: true)).facets)
            for dimension in FacetDimension.allCases {
                #expect(facets.buckets[dimension] ?? [:] == expected[dimension] ?? [:], "\(query) by \(dimension)")
            }
            let trend = try engine.trend([query], by: .year, per10k: false)
            for (b, bucket) in trend.buckets.enumerated() {
                #expect(trend.counts[0][b] == expected[.year]?[bucket] ?? BucketCount(), "trend \(query) \(bucket)")
            }
        }
    }

    @Test func facetsAndTrendsCountExactlyOnTheSampleCorpus() throws {
        try Self.expectFacets(index: try SharedIndexes.sample(), corpus: TestPaths.corpus)
    }

    @Test(.requiresShared("corpus/gov-reports")) func facetsCountExactlyOnGovReports() throws {
        try Self.expectFacets(index: try SharedIndexes.gov(), corpus: TestPaths.shared("corpus/gov-reports"))
    }

    @Test func trendListsEveryYearAndDividesByCharacters() throws {
        let engine = try SearchEngine(indexPaths: [try SharedIndexes.sample()])
        let trend = try engine.trend(["法治政府", "数字政府"], by: .year, per10k: true)
        let years = trend.buckets.compactMap(Int.init)
        #expect(years == Array(try #require(years.first)...(try #require(years.last))))
        #expect(trend.counts.allSatisfy { $0.count == trend.buckets.count })
        let zero = try #require(trend.buckets.indices.first { trend.counts[0][$0].sections == 0 })
        #expect(trend.per10k(query: 0, bucket: zero) == 0)
        let characters = try #require(trend.characters)
        let total = try CorpusWalker.files(under: TestPaths.corpus).compactMap {
            try? ReportParser.read(fileAt: $0.url, relativePath: $0.relativePath, maxBytes: 64 << 20)
        }.flatMap(\.sections).reduce(0) { $0 + $1.text.unicodeScalars.count }
        #expect(characters.values.reduce(0, +) == total)
        let csv = TrendRenderer(format: .csv).render(trend)
        #expect(csv.hasPrefix("query,bucket,reports,sections,per_10k\r\n"))
        #expect(csv.split(separator: "\r\n").count == 1 + 2 * trend.buckets.count)
        let text = TrendRenderer(format: .text).render(trend)
        #expect(text.contains("█") && !text.contains("\u{1B}"))
    }
}

private extension Character {
    var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}
