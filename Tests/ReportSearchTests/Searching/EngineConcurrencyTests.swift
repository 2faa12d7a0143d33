import Foundation
import Testing
@testable import ReportSearch

/// ``SearchEngine`` is documented as safe to share: many tasks searching one engine at once
/// get exactly what one task gets searching the same queries one after another.
@Suite struct EngineConcurrencyTests {
    /// What a hit list is compared by: the sections, their scores, exactness and snippets.
    static func fingerprint(_ results: SearchResults) -> [String] {
        results.hits.map { "\($0.record.key) \(String(format: "%.9f", $0.score)) \($0.exact) \($0.snippets.map { $0.marked() })" }
            + ["relaxation \(results.relaxation.rawValue)", "total \(results.estimatedTotal)"]
    }

    func expectConcurrentEqualsSerial(index: String, queries: [String], tasks: Int) async throws {
        let engine = try SearchEngine(indexPaths: [index])
        let options = SearchOptions(limit: 10, snippet: SnippetMaker(fragments: 2))
        let serial = try queries.map { Self.fingerprint(try engine.search($0, options: options)) }
        // Every task runs every query, starting at a different one, so the same query runs
        // in several tasks at the same moment.
        let concurrent = try await withThrowingTaskGroup(of: [Int: [String]].self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var seen: [Int: [String]] = [:]
                    for k in 0..<queries.count {
                        let i = (k + t * queries.count / tasks) % queries.count
                        seen[i] = Self.fingerprint(try engine.search(queries[i], options: options))
                    }
                    return seen
                }
            }
            var all: [[Int: [String]]] = []
            for try await part in group { all.append(part) }
            return all
        }
        #expect(concurrent.count == tasks)
        for part in concurrent {
            for (i, hits) in part { #expect(hits == serial[i], "\(queries[i])") }
        }
    }

    @Test func sampleCorpusQueriesFromEightTasks() async throws {
        let queries = ["合法性审查", "法治政府 建设", "\"数字政府\"", "审查合法性", "税", "經濟發展", "５Ｇ 基站",
                       "营商环境 OR 放管服", "法治 year:2021", "行政执法 -公示"]
        try await expectConcurrentEqualsSerial(index: try SharedIndexes.sample(), queries: queries, tasks: 8)
    }

    @Test(.requiresShared("corpus/gov-reports", "eval/dev-queries.tsv"))
    func devQueriesFromEightTasksOnGovReports() async throws {
        let tsv = try String(contentsOf: TestPaths.shared("eval/dev-queries.tsv"), encoding: .utf8)
        let queries = tsv.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[2]) }
        #expect(queries.count == 200)
        try await expectConcurrentEqualsSerial(index: try SharedIndexes.gov(), queries: queries, tasks: 8)
    }
}
