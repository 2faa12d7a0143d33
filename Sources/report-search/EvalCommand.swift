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

    @Flag(help: "Rank every copy of reposted text (as `search --no-collapse`).")
    var noCollapse = false

    @Option(help: "Output: text, csv or json.")
    var format: HitListRenderer.Format = .text

    func run() throws {
        guard k >= 1 else { throw ValidationError("--k must be at least 1") }
        guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else {
            throw fail("cannot read \(queries); check the path", code: 64)
        }
        let list: [KnownItemQuery]
        do { list = try Evaluation.readQueries(tsv: text) } catch let error as QuerySyntaxError {
            throw fail(error.message, code: 64)
        }
        let engine = try location.openEngine()
        let evaluation = try Evaluation(engine: engine, queries: list, k: k, options: SearchOptions(perDocument: perDoc, collapseDuplicates: !noCollapse))
        for (qid, reason) in evaluation.rejected {
            FileHandle.standardError.write(Data("report-search: query \(qid): \(reason)\n".utf8))
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for m in evaluation.metrics { print(String(decoding: try encoder.encode(m), as: UTF8.self)) }
        case .csv:
            print("group,queries,section_mrr,section_success_1,section_success_k,document_mrr,document_success_1,document_success_k")
            for m in evaluation.metrics {
                print([m.group, String(m.queries)].joined(separator: ",") + "," + [m.sectionMRR, m.sectionSuccessAt1, m.sectionSuccessAtK,
                      m.documentMRR, m.documentSuccessAt1, m.documentSuccessAtK].map { String(format: "%.4f", $0) }.joined(separator: ","))
            }
        case .text:
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            print(["group", "queries", "MRR@\(k)", "S@1", "S@\(k)", "docMRR", "docS@1", "docS@\(k)"].map { pad($0, 9) }.joined(separator: " "))
            for m in evaluation.metrics {
                print(pad(m.group, 9) + String(format: " %-9d %-9.3f %-9.3f %-9.3f %-9.3f %-9.3f %-9.3f", m.queries, m.sectionMRR,
                             m.sectionSuccessAt1, m.sectionSuccessAtK, m.documentMRR, m.documentSuccessAt1, m.documentSuccessAtK))
            }
            print("\nworst queries (section rank, '-' = not in top \(k)):")
            for o in evaluation.worst {
                print("  \(o.query.qid)  \(o.sectionRank.map(String.init) ?? "-")  \(o.query.query)  → \(o.query.targetPath):\(o.query.targetLine)")
            }
        }
    }
}
