import Foundation

/// Renders an ``Evaluation`` as a text table (with the worst queries), CSV (through
/// ``CSVWriter``: quoted, formula-guarded) or JSON lines.
///
/// CSV columns: `group,queries,section_mrr,section_success_1,section_success_k,document_mrr,document_success_1,document_success_k`.
package struct EvaluationRenderer: Sendable {
    package var format: HitListRenderer.Format

    package init(format: HitListRenderer.Format) { self.format = format }

    package static let csvColumns = ["group", "queries", "section_mrr", "section_success_1", "section_success_k",
                                    "document_mrr", "document_success_1", "document_success_k"]

    package func render(_ evaluation: Evaluation) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try evaluation.metrics.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        case .csv:
            return CSVWriter.row(Self.csvColumns.map { .text($0) }) + evaluation.metrics.map { m in
                CSVWriter.row([.text(m.group), .number(String(m.queries))] + Self.values(m).map { .number(String(format: "%.4f", $0)) })
            }.joined()
        case .text:
            return text(evaluation)
        }
    }

    static func values(_ m: Evaluation.Metrics) -> [Double] {
        [m.sectionMRR, m.sectionSuccessAt1, m.sectionSuccessAtK, m.documentMRR, m.documentSuccessAt1, m.documentSuccessAtK]
    }

    func text(_ evaluation: Evaluation) -> String {
        let k = evaluation.k
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var out = ["group", "queries", "MRR@\(k)", "S@1", "S@\(k)", "docMRR", "docS@1", "docS@\(k)"].map { pad($0, 9) }
            .joined(separator: " ") + "\n"
        for m in evaluation.metrics {
            out += pad(m.group, 9) + " " + pad(String(m.queries), 9) + " "
                + Self.values(m).map { pad(String(format: "%.3f", $0), 9) }.joined(separator: " ") + "\n"
        }
        out += "\nworst queries (section rank, '-' = not in top \(k)):\n"
        for o in evaluation.worst {
            out += "  \(o.query.qid)  \(o.sectionRank.map(String.init) ?? "-")  \(o.query.query)  → \(o.query.targetPath):\(o.query.targetLine)\n"
        }
        return out
    }
}
