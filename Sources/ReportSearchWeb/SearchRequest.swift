import Foundation
import ReportSearch

/// The settings of one search, all from the URL, so that a link is a saved search.
///
/// | parameter | meaning                                   | example      |
/// |-----------|-------------------------------------------|--------------|
/// | `q`       | the query, in the CLI's query language    | `合法性审查`  |
/// | `from`, `to` | year range (either may be left out)    | `2020`       |
/// | `agency`  | an agency facet                           | `长寿区大数据局` |
/// | `folder`  | a top-level folder facet                  | `gov-reports` |
/// | `sort`    | `relevance` (default) or `date`           | `date`       |
/// | `page`    | 1-based page of results                   | `2`          |
/// | `size`    | results per page, 1–``maxPageSize``       | `20`         |
///
/// The filters become the query language's own fields (`year:`, `agency:`, `path:`), so
/// the search is exactly what `report-search search` runs for ``effectiveQuery``.
struct SearchRequest: Equatable, Sendable {
    static let maxQueryCharacters = QueryParser.maxQueryCharacters
    static let maxPageSize = 100
    static let defaultPageSize = 20
    /// Most hits a download holds (the CLI's `export` default).
    static let maxDownload = 1_000
    static let maxPage = 500

    var query = ""
    var from: Int?
    var to: Int?
    var agency = ""
    var folder = ""
    var sort = SearchOptions.Sort.relevance
    var page = 1
    var size = defaultPageSize

    init() {}

    /// Reads the parameters of a URL query string (`a=1&b=%E4%B8%AD+x`); a value out of
    /// range is a ``WebError/badRequest(_:)`` that says which and what is allowed.
    init(queryString: String?) throws {
        let parameters = Self.parameters(queryString)
        func value(_ name: String) -> String { parameters.last { $0.0 == name }?.1 ?? "" }
        func number(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            let text = value(name).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let n = Int(text), range.contains(n) else {
                throw WebError.badRequest("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not “\(text)”")
            }
            return n
        }
        query = value("q").trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.count <= Self.maxQueryCharacters else {
            throw WebError.badRequest("the query is longer than \(Self.maxQueryCharacters) characters; shorten it")
        }
        from = try number("from", 0...9999)
        to = try number("to", 0...9999)
        if let from, let to, from > to { throw WebError.badRequest("the year range \(from)–\(to) is reversed; put the earlier year first") }
        agency = value("agency")
        folder = value("folder")
        for (name, text) in [("agency", agency), ("folder", folder)] where text.count > 200 || text.contains(where: Self.isQuote) {
            throw WebError.badRequest("\(name) must be a name from the facets (at most 200 characters, no quotes)")
        }
        let sortText = value("sort")
        guard sortText.isEmpty || SearchOptions.Sort(rawValue: sortText) != nil else {
            throw WebError.badRequest("sort must be relevance or date, not “\(sortText)”")
        }
        sort = SearchOptions.Sort(rawValue: sortText) ?? .relevance
        page = try number("page", 1...Self.maxPage) ?? 1
        size = try number("size", 1...Self.maxPageSize) ?? Self.defaultPageSize
    }

    static func isQuote(_ c: Character) -> Bool { c == "\"" || c == "“" || c == "”" || c == "＂" }

    /// Name–value pairs of a query string: `+` is a space (HTML forms), `%XX` decoded as
    /// UTF-8; a pair that does not decode is dropped.
    static func parameters(_ queryString: String?) -> [(String, String)] {
        guard let queryString, !queryString.isEmpty else { return [] }
        return queryString.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { return nil }
            return (name, value)
        }
    }

    /// The query with the filters as query-language fields, e.g.
    /// `合法性审查 year:2020..2021 agency:"某局" path:"gov/"`.
    var effectiveQuery: String {
        var parts = [query]
        if from != nil || to != nil { parts.append("year:\(from ?? 0)..\(to ?? 9999)") }
        if !agency.isEmpty { parts.append("agency:\"\(agency)\"") }
        if !folder.isEmpty { parts.append("path:\"\(folder)/\"") }
        return parts.joined(separator: " ")
    }

    var hasFilters: Bool { from != nil || to != nil || !agency.isEmpty || !folder.isEmpty }

    /// The CLI's defaults (`search`: 3 sections per report, one 160-character fragment,
    /// copies collapsed), for this page.
    func options(facets: Bool) -> SearchOptions {
        SearchOptions(limit: size, offset: (page - 1) * size, perDocument: 3, sort: sort,
                      snippet: SnippetMaker(maxCharacters: 160, fragments: 1), collapseDuplicates: true, facets: facets)
    }

    /// The options of a download: the first ``maxDownload`` hits.
    var downloadOptions: SearchOptions {
        SearchOptions(limit: Self.maxDownload, perDocument: 3, sort: sort, collapseDuplicates: true)
    }

    /// This search as URL parameters, defaults left out; `page` 1 is left out too.
    var queryString: String {
        var pairs: [(String, String)] = [("q", query)] + hiddenFields
        if page != 1 { pairs.append(("page", String(page))) }
        if size != Self.defaultPageSize { pairs.append(("size", String(size))) }
        return pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The filters and sort, which ride along (as hidden form fields) when a new query is typed.
    var hiddenFields: [(String, String)] {
        var fields: [(String, String)] = []
        if let from { fields.append(("from", String(from))) }
        if let to { fields.append(("to", String(to))) }
        if !agency.isEmpty { fields.append(("agency", agency)) }
        if !folder.isEmpty { fields.append(("folder", folder)) }
        if sort != .relevance { fields.append(("sort", sort.rawValue)) }
        return fields
    }

    /// A copy changed by `change`, back on page 1 unless `change` set a page.
    func with(_ change: (inout SearchRequest) -> Void) -> SearchRequest {
        var copy = self
        copy.page = 1
        change(&copy)
        return copy
    }

    /// Percent-encodes everything but unreserved ASCII (RFC 3986).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
