import ReportSearch

/// The preview of one report (`/report/{id}`): every section from the index's stored text,
/// its section path as the heading, every match of the query marked and numbered.
///
/// Without JavaScript: each section has an anchor `s-<line>-<passage>` (the hit list links
/// to it and `:target` shows it), each mark `hit-<n>` is followed by a small link to the
/// next one, and the toolbar links to the first. The script only adds previous/next
/// buttons that remember the current hit.
struct PreviewPage {
    var preview: ReportPreview
    /// The search the preview was opened from: its query is marked, "← results" returns to it.
    var search: SearchRequest
    /// Whether `/report/{id}/original` may serve the file (`--no-originals` turns it off).
    var originals: Bool

    var hitCount: Int { preview.sections.reduce(0) { $0 + $1.highlights.count } }

    func render() -> String {
        let first = preview.sections.first?.record
        let title = preview.title.isEmpty ? preview.path : preview.title
        let back = search.query.isEmpty ? "/" : "/?" + search.queryString
        var meta = [first?.date ?? "", first?.agency ?? "", first?.documentNumber ?? ""].filter { !$0.isEmpty }.map(HTML.escape)
        meta.append("<span class=\"path\">\(HTML.escape(preview.path))</span>")
        if originals && preview.originalFile != nil {
            meta.append("<a href=\"/report/\(preview.id)/original\" download>original file</a>")
        }
        let total = hitCount
        var body = "<header class=\"bar\"><a class=\"home\" href=\"/\">report-search</a>"
            + SearchForm.render(query: search.query, hidden: search.hiddenFields) + "</header>"
        body += "<nav class=\"hitbar\" data-hits=\"\(total)\"><a href=\"\(HTML.escape(back))\">← results</a> · "
            + "<span id=\"hit-status\">\(counted(total, "hit"))</span>"
        if total > 0 {
            body += " · <a id=\"prev-hit\" href=\"#hit-\(total)\">↑ previous hit</a> · <a id=\"next-hit\" href=\"#hit-1\">↓ next hit</a>"
        }
        body += "</nav><main class=\"preview\"><h1>\(HTML.escape(title))</h1><p class=\"meta\">\(meta.joined(separator: " · "))</p>"
        var n = 0
        for section in preview.sections {
            let r = section.record
            let level = min(6, max(2, r.sectionPath.headings.count + 1))
            body += "<section class=\"section\" id=\"s-\(r.lineStart)-\(r.passage)\">"
            body += "<h\(level)>\(HTML.escape(SearchPage.sectionLabel(r)))"
                + "<span class=\"lines\">\(r.lineStart == r.lineEnd ? "line \(r.lineStart)" : "lines \(r.lineStart)–\(r.lineEnd)")"
                + "\(r.page.map { " · p. \($0)" } ?? "")\(r.ocr ? " · OCR 识别文本" : "")</span></h\(level)>"
            let base = n
            body += "<div class=\"text\">" + HTML.marked(r.text, highlights: section.highlights, markAttributes: { i in
                " id=\"hit-\(base + i + 1)\" class=\"hit\""
            }, afterMark: { i in
                base + i + 1 < total ? "<a class=\"next\" href=\"#hit-\(base + i + 2)\" aria-label=\"next hit\">›</a>" : ""
            }) + "</div></section>"
            n += section.highlights.count
        }
        return HTML.page(title: "\(title) — report-search", body: body + "</main>")
    }
}
