import Foundation

/// Renders an ``Evaluation`` (known items) or a ``GradedEvaluation`` (topical) as a text
/// table (with the worst queries), CSV (through ``CSVWriter``: quoted, formula-guarded) or
/// JSON lines.
///
/// CSV columns, known items: `group,queries,section_mrr,section_success_1,section_success_k,document_mrr,document_success_1,document_success_k`;
/// topical: `group,queries,ndcg_k,p_k,hits,no_hits,unjudged`.
package struct EvaluationRenderer: Sendable {
    package var format: HitListRenderer.Format

    package init(format: HitListRenderer.Format) { self.format = format }

    package static let csvColumns = ["group", "queries", "section_mrr", "section_success_1", "section_success_k",
                                    "document_mrr", "document_success_1", "document_success_k"]

    package func render(_ evaluation: Evaluation) throws -> String {
        switch format {
        case .json:
            return try Self.jsonLines(evaluation.metrics)
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

    /// One JSON object a line, keys sorted.
    static func jsonLines(_ rows: [some Encodable]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try rows.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    package static let gradedColumns = ["group", "queries", "ndcg_k", "p_k", "hits", "no_hits", "unjudged"]

    package func render(_ evaluation: GradedEvaluation) throws -> String {
        switch format {
        case .json:
            return try Self.jsonLines(evaluation.metrics)
        case .csv:
            return CSVWriter.row(Self.gradedColumns.map { .text($0) }) + evaluation.metrics.map { m in
                CSVWriter.row([.text(m.group), .number(String(m.queries)), .number(String(format: "%.4f", m.ndcg)),
                               .number(String(format: "%.4f", m.precision)), .number(String(m.hits)),
                               .number(String(m.queriesWithoutHits)), .number(String(m.unjudged))])
            }.joined()
        case .text:
            let k = evaluation.k
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            var out = ["group", "queries", "nDCG@\(k)", "P@\(k)", "hits", "no hits", "unjudged"].map { pad($0, 9) }
                .joined(separator: " ") + "\n"
            for m in evaluation.metrics {
                out += [m.group, String(m.queries), String(format: "%.3f", m.ndcg), String(format: "%.3f", m.precision),
                        String(m.hits), String(m.queriesWithoutHits), String(m.unjudged)].map { pad($0, 9) }.joined(separator: " ") + "\n"
            }
            out += "\nworst topical queries (nDCG@\(k)):\n"
            for o in evaluation.outcomes.sorted(by: { $0.ndcg < $1.ndcg }).prefix(10) {
                out += "  \(o.query.qid)  \(String(format: "%.3f", o.ndcg))  \(o.query.query)\n"
            }
            let unjudged = evaluation.outcomes.flatMap { o in o.unjudged.map { (o.query.qid, $0.record) } }
            if !unjudged.isEmpty {
                out += "\nunjudged hits (judge them before trusting the score):\n"
                for (qid, r) in unjudged.prefix(30) { out += "  \(qid)  \(r.path):\(r.lineStart)-\(r.lineEnd)\n" }
                if unjudged.count > 30 { out += "  … \(unjudged.count - 30) more\n" }
            }
            return out
        }
    }
}
