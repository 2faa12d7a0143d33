import Foundation
import Testing
@testable import ReportSearch

@Suite struct GradedEvaluationTests {
    static func record(_ path: String, _ lines: ClosedRange<Int>) -> SectionRecord {
        SectionRecord(path: path, title: "", date: "", agency: "", documentNumber: "", sectionPath: SectionPath([]),
                      level: 0, lineStart: lines.lowerBound, lineEnd: lines.upperBound, passage: 0, text: "")
    }

    static func judged(_ path: String, _ lines: ClosedRange<Int>, _ grade: Int) -> GradedEvaluation.Judgment {
        .init(qid: "q", path: path, lineStart: lines.lowerBound, lineEnd: lines.upperBound, grade: grade)
    }

    /// The rule of score.py: same file name (folders ignored), the judged range covers at
    /// least half of the hit's lines, the highest such grade.
    @Test(arguments: [
        (10...20, [judged("gov/a.txt", 15...30, 2)], Optional(2)),   // 6 of 11 lines
        (10...20, [judged("gov/a.txt", 17...30, 2)], nil),            // 4 of 11 lines
        (10...20, [judged("b.txt", 10...20, 2)], nil),                // another file
        (10...20, [judged("a.txt", 10...20, 1), judged("x/a.txt", 12...19, 2)], Optional(2)),
    ] as [(ClosedRange<Int>, [GradedEvaluation.Judgment], Int?)])
    func matching(hit: ClosedRange<Int>, judgments: [GradedEvaluation.Judgment], grade: Int?) {
        #expect(GradedEvaluation.grade(of: Self.record("a.txt", hit), in: judgments) == grade)
    }

    @Test func dcgIsThatOfScorePy() {
        #expect(abs(GradedEvaluation.dcg([2, 2, 1]) - (3 + 3 / log2(3.0) + 1 / 2)) < 1e-12)
        #expect(GradedEvaluation.dcg([]) == 0)
    }

    @Test func readsFilesAndScoresARun() throws {
        let queries = try GradedEvaluation.readQueries(tsv: "qid\tgroup\tquery\r\nq1\ta\t合法性审查\nq2\tb\tqzxwvjk\n")
        #expect(queries.map(\.group) == ["a", "b"])
        let engine = try SearchEngine(indexPaths: [try SharedIndexes.sample()])
        let top = try #require(try engine.search("合法性审查").hits.first?.record)
        let judgments = try GradedEvaluation.readJudgments(tsv: "qid\tpath\tline_start\tline_end\tgrade\treason\n"
            + "q1\tcorpus/\(top.path)\t\(top.lineStart)\t\(top.lineEnd)\t2\tthe top hit\nq1\tx.txt\t1\t1\t\tnot judged yet\n")
        #expect(judgments.count == 1)
        let evaluation = try GradedEvaluation(engine: engine, queries: queries, judgments: judgments)
        let q1 = try #require(evaluation.outcomes.first)
        #expect(q1.ndcg == 1 && q1.precision == 0.1 && q1.unjudged.count == q1.hits - 1)
        #expect(evaluation.outcomes[1].hits == 0 && evaluation.metrics[0].queriesWithoutHits == 1)
        #expect(throws: QuerySyntaxError.self) { try GradedEvaluation.readJudgments(tsv: "qid\tpath\n") }
        #expect(throws: QuerySyntaxError.self) {
            try GradedEvaluation.readJudgments(tsv: "qid\tpath\tline_start\tline_end\tgrade\nq\ta\tx\t2\t1\n")
        }
    }
}
