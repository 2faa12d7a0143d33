import ReportSearch

/// The search page (`/`): the query box, facets, a trend chart, the hits and paging, as
/// one HTML string. Shows what ``SearchEngine/search(_:options:)`` returned and nothing
/// it computed itself.
struct SearchPage {
    var request: SearchRequest
    var results: SearchResults?

    func render() -> String {
        let title = request.query.isEmpty ? "report-search" : "\(request.query) — report-search"
        var body = "<header class=\"bar\"><a class=\"home\" href=\"/\">report-search</a>"
            + SearchForm.render(query: request.query, hidden: request.hiddenFields) + "</header>"
        guard let results else {
            body += "<main class=\"intro\"><p>输入查询词，查找报告中的相关章节。Words separated by spaces must all occur; "
                + "\"quoted phrase\" is exact; -word excludes; A OR B; year:2020, agency:…, path:….</p></main>"
            return HTML.page(title: title, body: body)
        }
        body += "<div class=\"layout\"><aside class=\"facets\">\(filters())\(facets(results))</aside><main>"
        body += summary(results) + notices(results)
        if let years = results.facets?.buckets[.year] {
            body += TrendChart(yearFacet: years).svg { year in "/?" + request.with { $0.from = year; $0.to = year }.queryString }
        }
        body += hits(results) + paging(results) + "</main></div>"
        return HTML.page(title: title, body: body)
    }

    func link(_ change: (inout SearchRequest) -> Void) -> String { "/?" + request.with(change).queryString }

    func filters() -> String {
        var items: [String] = []
        if request.from != nil || request.to != nil {
            let range = request.from == request.to ? "\(request.from ?? 0)" : "\(request.from.map(String.init) ?? "…")–\(request.to.map(String.init) ?? "…")"
            items.append(chip("年份 \(range)", link { $0.from = nil; $0.to = nil }))
        }
        if !request.agency.isEmpty { items.append(chip("机关 \(request.agency)", link { $0.agency = "" })) }
        if !request.folder.isEmpty { items.append(chip("目录 \(request.folder)", link { $0.folder = "" })) }
        let other: SearchOptions.Sort = request.sort == .relevance ? .date : .relevance
        let sort = "<p class=\"sort\">排序: \(request.sort == .relevance ? "相关度" : "日期") · "
            + "<a href=\"\(HTML.escape(link { $0.sort = other }))\">按\(other == .date ? "日期" : "相关度")</a></p>"
        return sort + (items.isEmpty ? "" : "<ul class=\"active\">\(items.joined())</ul>")
    }

    private func chip(_ label: String, _ href: String) -> String {
        "<li><a class=\"remove\" href=\"\(HTML.escape(href))\" title=\"remove this filter\">\(HTML.escape(label)) ×</a></li>"
    }

    func facets(_ results: SearchResults) -> String {
        guard let counts = results.facets else { return "" }
        var out = "<p class=\"total\">\(counted(counts.total.sections, "section")) in \(counted(counts.total.reports, "report")) match exactly</p>"
        let names: [(FacetDimension, String)] = [(.year, "年份 Year"), (.agency, "机关 Agency"), (.folder, "目录 Folder")]
        for (dimension, name) in names {
            let buckets = counts.buckets[dimension] ?? [:]
            guard !buckets.isEmpty else { continue }
            let rows = buckets.sorted { a, b in
                if dimension == .year { return a.key > b.key }
                return a.value.sections != b.value.sections ? a.value.sections > b.value.sections : a.key < b.key
            }.prefix(20)
            out += "<section class=\"facet facet-\(dimension.rawValue)\"><h2>\(name)</h2><ul>"
            for (bucket, count) in rows {
                let label = "\(HTML.escape(bucket)) <span class=\"n\">\(count.reports)</span>"
                if let href = facetLink(dimension, bucket) {
                    out += "<li><a href=\"\(HTML.escape(href))\" data-facet=\"\(dimension.rawValue)\">\(label)</a></li>"
                } else {
                    out += "<li>\(label)</li>"
                }
            }
            out += "</ul></section>"
        }
        return out
    }

    /// Buckets that no filter can select (no year, no agency, files at the root) get no link.
    func facetLink(_ dimension: FacetDimension, _ bucket: String) -> String? {
        guard bucket != FacetDimension.unknown, bucket != "." else { return nil }
        switch dimension {
        case .year: return Int(bucket).map { year in link { $0.from = year; $0.to = year } }
        case .agency: return bucket.contains(where: SearchRequest.isQuote) ? nil : link { $0.agency = bucket }
        case .folder: return bucket.contains(where: SearchRequest.isQuote) ? nil : link { $0.folder = bucket }
        }
    }

    func summary(_ results: SearchResults) -> String {
        let range = results.hits.first.flatMap { first in results.hits.last.map { " (\(first.rank)–\($0.rank))" } } ?? ""
        let downloads = "<a href=\"\(HTML.escape("/download.csv?" + request.with { _ in }.queryString))\" download>CSV</a> · "
            + "<a href=\"\(HTML.escape("/download.jsonl?" + request.with { _ in }.queryString))\" download>JSON lines</a>"
        return "<p class=\"summary\">about \(results.estimatedTotal) matching sections\(range) · "
            + "\(String(format: "%.1f", results.elapsedSeconds * 1000)) ms · 下载 \(downloads)</p>"
    }

    func notices(_ results: SearchResults) -> String {
        var out = results.synonyms.map { "<p class=\"notice\">\(HTML.escape($0.description))</p>" }.joined()
        let relaxed: String? = switch results.relaxation {
        case .none: nil
        case .allTerms: "all the query's characters in another order"
        case .someWords: "some of the query's words"
        case .anyTerm: "some of the query's characters"
        }
        if let relaxed {
            out += "<p class=\"notice relaxed\">Few exact matches: also showing sections that contain \(relaxed) (marked ≈).</p>"
        }
        if results.hits.isEmpty {
            out += "<p class=\"notice\">No sections match; try fewer or shorter words, or remove filters.</p>"
        }
        return out
    }

    func hits(_ results: SearchResults) -> String {
        guard let first = results.hits.first else { return "" }
        var out = "<ol class=\"hits\" start=\"\(first.rank)\">"
        for hit in results.hits {
            let r = hit.record
            let id = ReportID(path: r.path)
            let href = "/report/\(id)?\(request.queryString)#s-\(r.lineStart)-\(r.passage)"
            var meta = [r.date, r.agency].filter { !$0.isEmpty }.map(HTML.escape)
            meta.append("<span class=\"section\">\(HTML.escape(Self.sectionLabel(r)))</span>")
            if let page = r.page { meta.append("p. \(page)") }
            if r.ocr { meta.append("OCR 识别文本") }
            meta.append("<span class=\"path\">\(HTML.escape(r.path)):\(r.lineStart)</span>")
            out += "<li class=\"hit\(hit.exact ? "" : " relaxed")\"><h3><a href=\"\(HTML.escape(href))\">"
                + "\(HTML.escape(r.title.isEmpty ? r.path : r.title))</a>\(hit.exact ? "" : " <span class=\"approx\" title=\"relaxed match\">≈</span>")</h3>"
                + "<p class=\"meta\">\(meta.joined(separator: " · "))</p>"
            for snippet in hit.snippets {
                out += "<p class=\"snippet\">\(HTML.marked(snippet.text, highlights: snippet.highlights))</p>"
            }
            if let copies = hit.copies, !copies.isEmpty {
                out += "<p class=\"copies\">also in \(counted(copies.count, "other report")): "
                    + copies.map { "<a href=\"\(HTML.escape("/report/\(ReportID(path: $0))?" + request.queryString))\">\(HTML.escape($0))</a>" }
                        .joined(separator: ", ") + "</p>"
            }
            out += "</li>"
        }
        return out + "</ol>"
    }

    /// As the CLI labels a section: the heading path joined with ` > `, `[n]` for a passage.
    static func sectionLabel(_ record: SectionRecord) -> String {
        var label = record.sectionPath.joined
        if label.isEmpty { label = "（正文开头）" }
        if record.passage > 0 { label += " [\(record.passage)]" }
        return label
    }

    func paging(_ results: SearchResults) -> String {
        var links: [String] = []
        if request.page > 1 {
            links.append("<a rel=\"prev\" href=\"\(HTML.escape(link { $0.page = request.page - 1 }))\">← 上一页</a>")
        }
        links.append("<span>第 \(request.page) 页</span>")
        if results.hits.count == request.size && request.page < SearchRequest.maxPage {
            links.append("<a rel=\"next\" href=\"\(HTML.escape(link { $0.page = request.page + 1 }))\">下一页 →</a>")
        }
        return "<nav class=\"paging\">\(links.joined(separator: " "))</nav>"
    }
}
