import ArgumentParser
import Foundation
import ReportSearch

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking with known-item queries: MRR@k, success@1, success@k.",
        discussion: """
            The queries file is tab-separated with a header row naming qid, type, query,
            target_path (relative to the indexed folder or its parent) and target_line (a
            1-based line inside the section that answers the query). Write one line per
            question you know the answer to in your own reports.
            """)

    @Option(help: "The known-item queries (TSV).")
    var queries: String

    @Option(help: "Cut-off rank.")
    var k = 10

    @OptionGroup var location: IndexLocation

    @Option(help: "At most this many sections per report; 0 = no limit.")
    var perDoc = 3

    @Option(help: "Output: text, csv or json.")
    var format: HitListRenderer.Format = .text

    func validate() throws {
        guard (1...10_000).contains(k) else { throw ValidationError("--k must be between 1 and 10000") }
        guard (0...10_000).contains(perDoc) else { throw ValidationError("--per-doc must be between 0 and 10000") }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else {
            throw UsageError("cannot read \(queries); check the path")
        }
        let list = try Evaluation.readQueries(tsv: text)
        let evaluation = try Evaluation(engine: try location.openEngine(), queries: list, k: k,
                                        options: SearchOptions(perDocument: perDoc))
        for (qid, reason) in evaluation.rejected { printError("query \(qid): \(reason)") }
        try writeOutput(try EvaluationRenderer(format: format).render(evaluation))
    }
}
