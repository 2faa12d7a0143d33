import Foundation
import Testing
@testable import ReportSearch

@Suite struct QueryBatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var entries: [QueryBatch.Entry]
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(text: "d001\t合法性审查\nd002\t数字政府\n", entries: [.init(qid: "d001", query: "合法性审查"), .init(qid: "d002", query: "数字政府")]),
        Case(text: "d001\t合法性审查\r\nd002\t数字政府\r\n", entries: [.init(qid: "d001", query: "合法性审查"), .init(qid: "d002", query: "数字政府")]),
        Case(text: "a\rb", entries: [.init(qid: "1", query: "a"), .init(qid: "2", query: "b")]),
        Case(text: "\u{FEFF}q1\t税\n\n营商环境 优化\n", entries: [.init(qid: "q1", query: "税"), .init(qid: "3", query: "营商环境 优化")]),
        Case(text: "  \n\t\n", entries: []),
        Case(text: "x\t\"经济 发展\"\t多余", entries: [.init(qid: "x", query: "\"经济 发展\"\t多余")]),
    ]

    @Test(arguments: cases) func reads(_ c: Case) {
        #expect(QueryBatch(text: c.text).entries == c.entries)
    }
}

@Suite struct TimingSummaryTests {
    @Test func medianAndP95() throws {
        #expect(TimingSummary(milliseconds: []) == nil)
        let three = try #require(TimingSummary(milliseconds: [3, 1, 2]))
        #expect(three.medianMilliseconds == 2 && three.p95Milliseconds == 3)
        let hundred = try #require(TimingSummary(milliseconds: (1...100).map(Double.init)))
        #expect(hundred.medianMilliseconds == 51 && hundred.p95Milliseconds == 95)
        #expect(hundred.description == "timing: 100 queries, median 51.000 ms, p95 95.000 ms")
    }
}

@Suite struct EvaluationRendererTests {
    @Test func csvIsQuotedAndFormulaGuarded() throws {
        let queries = [KnownItemQuery(qid: "q1", type: "=cmd|' /c calc'!A0", query: "合法性审查", targetPath: "x.txt", targetLine: 1),
                       KnownItemQuery(qid: "q2", type: "a,b", query: "税", targetPath: "x.txt", targetLine: 1)]
        let evaluation = try Evaluation(engine: try SearchEngine(indexPaths: [try SharedIndexes.sample()]), queries: queries)
        let csv = try EvaluationRenderer(format: .csv).render(evaluation)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first == EvaluationRenderer.csvColumns.joined(separator: ","))
        #expect(lines.contains { $0.hasPrefix("'=cmd|' /c calc'!A0,1,") })
        #expect(lines.contains { $0.hasPrefix("\"a,b\",1,") })
        let json = try EvaluationRenderer(format: .json).render(evaluation)
        #expect(json.split(separator: "\n").count == 3)
        #expect(try EvaluationRenderer(format: .text).render(evaluation).contains("worst queries"))
    }
}
