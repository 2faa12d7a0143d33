import Foundation
import ReportSearch

/// The JSON bodies of `/api/…`. Hits and facets are the CLI's own JSON lines
/// (``HitListRenderer`` with `--format json`), so the field names are the same; a page
/// wraps them in one object.
///
/// | route                | body                                                                 |
/// |----------------------|----------------------------------------------------------------------|
/// | `/api/search`        | `{"query","effective_query","relaxation","estimated_total","page","size","hits":[…]}` |
/// | `/api/facets`        | the CLI's facets line: `{"facets":{"agency":{…},"folder":{…},"year":{…}}}` |
/// | `/api/trend`         | `{"trend":[…]}`: the CLI's `trend --format json` objects               |
/// | `/api/report/{id}`   | `{"id","path","title","date","agency","original","hits","sections":[…]}` |
/// | any error            | `{"error":"message","status":400}`                                   |
enum WebAPI {
    /// Each hit is the CLI's JSON line with `report_id` (for `/api/report/{id}`) in front.
    static func search(_ results: SearchResults, request: SearchRequest) -> String {
        let renderer = HitListRenderer(format: .json)
        let hits = results.hits.map { hit in
            "{\"report_id\":\"\(ReportID(path: hit.record.path))\"," + renderer.jsonLine(hit).dropFirst().dropLast()
        }
        let head = Header(query: request.query, effective_query: request.effectiveQuery,
                          relaxation: results.relaxation.rawValue, estimated_total: results.estimatedTotal,
                          page: request.page, size: request.size)
        let encoded = encode(head)
        return encoded.dropLast() + ",\"hits\":[" + hits.joined(separator: ",") + "]}"
    }

    struct Header: Encodable {
        var query, effective_query, relaxation: String
        var estimated_total, page, size: Int
    }

    /// The facets line of `search --facets --format json`.
    static func facets(_ results: SearchResults) -> String {
        var facetsOnly = results
        facetsOnly.hits = []
        let line = HitListRenderer(format: .json).render(facetsOnly).trimmingCharacters(in: .newlines)
        return line.isEmpty ? "{\"facets\":{}}" : line
    }

    static func trend(_ trend: Trend) -> String {
        // Lines split as bytes: a Character split walks the grapheme breaks of every report name.
        let lines = TrendRenderer(format: .json).render(trend).utf8.split(separator: UInt8(ascii: "\n"))
        return "{\"trend\":[" + lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]}"
    }

    struct Report: Encodable {
        var id, path, title, date, agency: String
        /// Whether `/api/report/{id}/original` serves the file.
        var original: Bool
        var hits: Int
        var sections: [Section]
    }

    struct Section: Encodable {
        var section: String
        var line_start, line_end: Int
        var page: Int?
        /// `true` for text read by OCR from a scanned page; absent otherwise.
        var ocr: Bool?
        var text: String
        /// `[start, end)` offsets in Unicode scalars of `text`, as a snippet's fragments.
        var highlights: [[Int]]
    }

    static func report(_ preview: ReportPreview, originals: Bool) -> String {
        let first = preview.sections.first?.record
        let value = Report(id: preview.id.rawValue, path: Snippet.displayable(preview.path), title: Snippet.displayable(preview.title),
                           date: first?.date ?? "", agency: Snippet.displayable(first?.agency ?? ""),
                           original: originals && preview.originalFile != nil,
                           hits: preview.sections.reduce(0) { $0 + $1.highlights.count },
                           sections: preview.sections.map { s in
                               Section(section: SearchPage.sectionLabel(s.record), line_start: s.record.lineStart,
                                       line_end: s.record.lineEnd, page: s.record.page,
                                       ocr: s.record.ocr ? true : nil, text: Snippet.displayable(s.record.text),
                                       highlights: s.highlights.map { [$0.lowerBound, $0.upperBound] })
                           })
        return encode(value)
    }

    struct ErrorBody: Encodable {
        var error: String
        var status: Int
    }

    static func error(status: Int, message: String) -> String { encode(ErrorBody(error: message, status: status)) }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
