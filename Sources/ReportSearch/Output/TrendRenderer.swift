import Foundation

/// Renders a ``Trend``: a bar chart for the terminal, or long-format rows for scripts.
///
/// | format | output                                                                         |
/// |--------|--------------------------------------------------------------------------------|
/// | text   | one row per bucket, one column per query: `███▌ 7 (3)` = 7 sections in 3 reports |
/// | csv    | `query,bucket,reports,sections,per_10k`, one row per query and bucket          |
/// | json   | one object per query and bucket with the same fields                           |
///
/// With occurrences per 10,000 characters the bars show that rate instead of sections.
/// Bars are scaled per column (each query's own maximum fills `barWidth`).
package struct TrendRenderer: Sendable {
    package var format: HitListRenderer.Format
    /// Coloured bars (a terminal).
    package var color: Bool
    package var barWidth = 16

    package init(format: HitListRenderer.Format, color: Bool = false) {
        self.format = format
        self.color = color
    }

    package static let csvColumns = ["query", "bucket", "reports", "sections", "per_10k"]

    package func render(_ trend: Trend) -> String {
        switch format {
        case .text: text(trend)
        case .csv: CSVWriter.row(Self.csvColumns.map { .text($0) }) + rows(trend).map(csvRow).joined()
        case .json: rows(trend).map(jsonLine).joined()
        }
    }

    struct Row: Encodable {
        var query, bucket: String
        var reports, sections: Int
        var per10k: Double?

        enum CodingKeys: String, CodingKey { case query, bucket, reports, sections, per10k = "per_10k" }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(bucket, forKey: .bucket)
            try c.encode(reports, forKey: .reports)
            try c.encode(sections, forKey: .sections)
            if let per10k { try c.encode((per10k * 1_000).rounded() / 1_000, forKey: .per10k) } else { try c.encodeNil(forKey: .per10k) }
        }
    }

    func rows(_ trend: Trend) -> [Row] {
        trend.queries.indices.flatMap { q in
            trend.buckets.indices.map { b in
                Row(query: trend.queries[q], bucket: trend.buckets[b], reports: trend.counts[q][b].reports,
                    sections: trend.counts[q][b].sections, per10k: trend.per10k(query: q, bucket: b))
            }
        }
    }

    func csvRow(_ row: Row) -> String {
        CSVWriter.row([.text(row.query), .text(row.bucket), .number(String(row.reports)), .number(String(row.sections)),
                       .number(row.per10k.map { String(format: "%.3f", $0) } ?? "")])
    }

    func jsonLine(_ row: Row) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(row) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    static let colors = ["\u{1B}[36m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[32m", "\u{1B}[34m"]

    /// A bar of `value / maximum` of `width` cells, in eighths of a cell.
    static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        let eighthsTotal = max(1, Int((value / maximum * Double(width * 8)).rounded()))
        return String(repeating: "█", count: eighthsTotal / 8) + eighths[eighthsTotal % 8]
    }

    /// Terminal columns of `s`: East Asian wide characters take two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: width + 2
            default: width + 1
            }
        }
    }

    static func padded(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - displayWidth(s)))
    }

    func text(_ trend: Trend) -> String {
        let perRate = trend.characters != nil
        var out = perRate ? "occurrences per 10,000 characters of each \(trend.dimension.rawValue)'s text (sections, reports)\n"
                          : "matching sections per \(trend.dimension.rawValue) (reports in parentheses)\n"
        let values = trend.queries.indices.map { q in
            trend.buckets.indices.map { b in perRate ? trend.per10k(query: q, bucket: b) ?? 0 : Double(trend.counts[q][b].sections) }
        }
        let cells = trend.queries.indices.map { q in
            trend.buckets.indices.map { b -> (bar: String, label: String) in
                let c = trend.counts[q][b]
                let label = perRate ? String(format: "%.2f (%d, %d)", values[q][b], c.sections, c.reports) : "\(c.sections) (\(c.reports))"
                return (Self.bar(values[q][b], maximum: values[q].max() ?? 0, width: barWidth), label)
            }
        }
        let bucketWidth = max(trend.dimension.rawValue.count, trend.buckets.map(Self.displayWidth).max() ?? 0)
        let columnWidths = trend.queries.indices.map { q in
            max(Self.displayWidth(trend.queries[q]), barWidth + 2 + (cells[q].map { $0.label.count }.max() ?? 0))
        }
        out += Self.padded(trend.dimension.rawValue, to: bucketWidth)
        for q in trend.queries.indices { out += "  " + Self.padded(trend.queries[q], to: columnWidths[q]) }
        out = out.trimmingTrailingSpaces() + "\n"
        for b in trend.buckets.indices {
            var line = Self.padded(trend.buckets[b], to: bucketWidth)
            for q in trend.queries.indices {
                let (bar, label) = cells[q][b]
                let paint = color ? Self.colors[q % Self.colors.count] : "", reset = color ? "\u{1B}[0m" : ""
                let cell = paint + bar + reset + String(repeating: " ", count: barWidth - bar.unicodeScalars.count) + "  " + label
                line += "  " + cell + String(repeating: " ", count: max(0, columnWidths[q] - barWidth - 2 - label.count))
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        return out
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
