import ArgumentParser
import Foundation
import ReportSearch

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking: known-item MRR@k and success@k, topical nDCG@k and P@k.",
        discussion: """
            Known items (--queries): a tab-separated file with a header row naming qid, type,
            query, target_path (relative to the indexed folder or its parent) and target_line
            (a 1-based line inside the section that answers the query). Write one line per
            question you know the answer to in your own reports.
            Topical (--topical with --qrels): queries with a header naming qid, group, query;
            judgments naming qid, path, line_start, line_end, grade (0, 1 or 2). Hits nobody
            judged count as 0 and are listed: judge them before trusting the score.
            """)

    @Option(help: "Known-item queries (TSV).")
    var queries: String?

    @Option(help: "Topical queries (TSV), scored with the graded judgments of --qrels.")
    var topical: String?

    @Option(help: "Graded judgments for --topical (TSV).")
    var qrels: String?

    @Option(help: "Cut-off rank.")
    var k = 10

    @OptionGroup var location: IndexLocation

    @Option(help: "At most this many sections per report; 0 = no limit.")
    var perDoc = 3

    @Flag(help: "Rank every copy of reposted text (as `search --no-collapse`).")
    var noCollapse = false

    @Option(help: "Output: text, csv or json.")
    var format: HitListRenderer.Format = .text

    func validate() throws {
        guard queries != nil || topical != nil else { throw ValidationError("give --queries FILE, or --topical FILE with --qrels FILE") }
        guard (topical == nil) == (qrels == nil) else { throw ValidationError("--topical and --qrels go together") }
        guard (1...10_000).contains(k) else { throw ValidationError("--k must be between 1 and 10000") }
        guard (0...10_000).contains(perDoc) else { throw ValidationError("--per-doc must be between 0 and 10000") }
    }

    func run() throws {
        let engine = try location.openEngine()
        let renderer = EvaluationRenderer(format: format)
        let options = SearchOptions(perDocument: perDoc, collapseDuplicates: !noCollapse)
        if let queries {
            let list = try Evaluation.readQueries(tsv: try Self.read(queries), name: queries)
            let evaluation = try Evaluation(engine: engine, queries: list, k: k, options: options)
            for (qid, reason) in evaluation.rejected { printError("query \(qid): \(reason)") }
            try writeOutput(try renderer.render(evaluation))
        }
        if let topical, let qrels {
            let evaluation = try GradedEvaluation(
                engine: engine, queries: try GradedEvaluation.readQueries(tsv: try Self.read(topical), name: topical),
                judgments: try GradedEvaluation.readJudgments(tsv: try Self.read(qrels), name: qrels), k: k, options: options)
            try writeOutput((queries == nil ? "" : "\n") + (try renderer.render(evaluation)))
        }
    }

    static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UsageError("cannot read \(path); check the path")
        }
        return text
    }
}
