import Foundation

/// Renders search results as text for a terminal, CSV rows or JSON lines.
public struct HitListRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, csv, json }

    public var format: Format
    /// Bold colour highlights (text format on a terminal); 【】 otherwise.
    public var color: Bool
    /// `qid,query` in front of each CSV row / JSON object (batch mode).
    public var batch: Bool

    public init(format: Format, color: Bool = false, batch: Bool = false) {
        self.format = format
        self.color = color
        self.batch = batch
    }

    public static let csvColumns = ["rank", "score", "path", "title", "date", "agency", "section",
                                    "line_start", "line_end", "page", "copies", "snippet"]

    public func header() -> String {
        guard format == .csv else { return "" }
        let columns = (batch ? ["qid", "query"] : []) + Self.csvColumns
        return CSVWriter.row(columns.map { .text($0) })
    }

    /// The rows (or text block) for one query's results.
    public func render(_ results: SearchResults, qid: String = "", query: String = "") -> String {
        switch format {
        case .text: text(results)
        case .csv: results.hits.map { csvRow($0, qid: qid, query: query) }.joined()
        case .json: results.hits.map { jsonLine($0, qid: qid, query: query) }.joined() + FacetRenderer.jsonLine(results)
        }
    }

    /// Report text as shown: control characters replaced (see ``Snippet/displayable(_:)``).
    static func shown(_ text: String) -> String { Snippet.displayable(text) }

    static func sectionLabel(_ record: SectionRecord) -> String {
        var label = shown(record.sectionPath.joined)
        if label.isEmpty { label = "（正文开头）" }
        if record.passage > 0 { label += " [\(record.passage)]" }
        return label
    }

    /// All fragments on one line (line breaks flattened to spaces), matches in 【】.
    static func snippetLine(_ hit: SearchHit) -> String {
        let joined = hit.snippets.map { $0.marked() }.joined(separator: " … ")
        let bytes = Array(joined.utf8)
        guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return joined }
        var line: [UInt8] = []
        line.reserveCapacity(bytes.count)
        var afterCR = false
        for byte in bytes {
            if byte == 0x0A && afterCR { afterCR = false; continue }
            afterCR = byte == 0x0D
            line.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// `String(format: "%.4f", value)`, without Foundation's formatter (a tenth of a CSV
    /// row's cost) where rounding cannot differ: away from a tie at the fifth decimal.
    static func fourDecimals(_ value: Double) -> String {
        let scaled = value * 10_000
        guard value >= 0, scaled < 1e15, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else {
            return String(format: "%.4f", value)
        }
        let units = Int(scaled.rounded())
        let fraction = String(units % 10_000)
        return String(units / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    func csvRow(_ hit: SearchHit, qid: String, query: String) -> String {
        let r = hit.record
        var cells: [CSVWriter.Cell] = batch ? [.text(qid), .text(query)] : []
        cells += [.number(String(hit.rank)), .number(Self.fourDecimals(hit.score)), .text(Self.shown(r.path)),
                  .text(Self.shown(r.title)), .text(Self.shown(r.date)), .text(Self.shown(r.agency)),
                  .text(Self.sectionLabel(r)), .number(String(r.lineStart)), .number(String(r.lineEnd)),
                  r.page.map { .number(String($0)) } ?? .text(""),
                  .text((hit.copies ?? []).map(Self.shown).joined(separator: "; ")), .text(Self.snippetLine(hit))]
        return CSVWriter.row(cells)
    }

    struct JSONHit: Encodable {
        var qid: String?
        var query: String?
        var rank: Int
        var score: Double
        var path, title, date, agency, section: String
        var line_start, line_end: Int
        /// First page of the section; absent for formats without pages.
        var page: Int?
        /// `true` when the section was read by OCR from a scanned page; absent otherwise.
        var ocr: Bool?
        var exact: Bool
        var snippet: String
        var fragments: [Snippet]
        /// Other reports with the same text; left out when copies were not collapsed.
        var copies: [String]?
    }

    /// One hit as a JSON object and a line break (what `--format json` prints per hit).
    public func jsonLine(_ hit: SearchHit, qid: String = "", query: String = "") -> String {
        let r = hit.record
        let value = JSONHit(qid: batch ? qid : nil, query: batch ? query : nil, rank: hit.rank, score: hit.score,
                            path: Self.shown(r.path), title: Self.shown(r.title), date: Self.shown(r.date),
                            agency: Self.shown(r.agency),
                            section: Self.sectionLabel(r), line_start: r.lineStart, line_end: r.lineEnd, page: r.page,
                            ocr: r.ocr ? true : nil, exact: hit.exact, snippet: Self.snippetLine(hit), fragments: hit.snippets,
                            copies: hit.copies?.map(Self.shown))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func text(_ results: SearchResults) -> String {
        var out = ""
        let range = results.hits.first.flatMap { first in results.hits.last.map { " (\(first.rank)–\($0.rank))" } } ?? ""
        out += "about \(results.estimatedTotal) matching sections\(range), \(String(format: "%.1f", results.elapsedSeconds * 1000)) ms\n"
        for applied in results.synonyms { out += "\(applied.description)\n" }
        switch results.relaxation {
        case .none: break
        case .allTerms: out += "note: few exact matches; also showing sections that contain all the query's characters in other order (marked ≈)\n"
        case .someWords: out += "note: few exact matches; also showing sections that contain some of the query's words (marked ≈)\n"
        case .anyTerm: out += "note: few exact matches; also showing sections that contain some of the query's characters (marked ≈)\n"
        }
        if results.hits.isEmpty {
            out += "no sections match; try fewer or shorter words, or remove filters\n"
            return out + FacetRenderer.text(results)
        }
        for hit in results.hits {
            let r = hit.record
            let bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
            out += "\n\(bold)\(hit.rank). \(Self.shown(r.title))\(reset)\(r.date.isEmpty ? "" : "  \(Self.shown(r.date))")\(hit.exact ? "" : "  ≈")\n"
            out += "   \(Self.sectionLabel(r))\n"
            out += "   \(Self.shown(r.path)):\(r.lineStart)\(r.page.map { "  p. \($0)" } ?? "")\(r.ocr ? "  OCR" : "")  score \(String(format: "%.3f", hit.score))\n"
            for snippet in hit.snippets {
                let line = color ? snippet.marked(open: "\u{1B}[1;31m", close: "\u{1B}[0m") : snippet.marked()
                out += "   \(line)\n"
            }
            if let copies = hit.copies, !copies.isEmpty {
                out += "   also in \(counted(copies.count, "other report")): \(copies.joined(separator: ", "))\n"
            }
        }
        return out + FacetRenderer.text(results)
    }
}
