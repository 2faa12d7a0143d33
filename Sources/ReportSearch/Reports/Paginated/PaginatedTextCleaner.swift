/// Turns the pages of a fixed-layout document (PDF through pdftotext, OFD) into report
/// lines that read like the plain text: extraction spaces removed (``ChineseSpacing``),
/// page numbers (``PageNumberLine``) and running headers and footers (``RunningHeaders``)
/// dropped from the page edges, wrapped lines and titles joined (``ParagraphJoiner``).
/// Every line knows its page; line numbers are lines of this cleaned text.
///
/// | pages                                                                  | lines (page)                           |
/// |------------------------------------------------------------------------|----------------------------------------|
/// | [`柳溪区审计局`, `一、总体情况`, `全年完成审计项目…(full)`, `— 1 —`],      | `一、总体情况` (1),                      |
/// | [`柳溪区审计局`, `42个。`, `二、主要做法`, `— 2 —`]                         | `全年完成审计项目…42个。` (1), `二、主要做法` (2) |
enum PaginatedTextCleaner {
    /// The report lines of `pages`, each page given as its raw text lines; the lines of
    /// `ocrPages` (1-based) are marked as read by OCR.
    static func lines(pages: [[Substring]], ocrPages: Set<Int> = []) -> [ReportLine] {
        var kept: [[String]] = []
        var layout: [[(indented: Bool, blankBefore: Bool, width: Double)]] = []
        for page in pages {
            var texts: [String] = []
            var flags: [(Bool, Bool, Double)] = []
            var blank = false
            for raw in page {
                let trimmed = ReportLine.trimmed(raw)
                if trimmed.isEmpty { blank = true; continue }
                texts.append(ChineseSpacing.clean(trimmed))
                flags.append((isIndented(raw), blank, ParagraphJoiner.width(trimmed)))
                blank = false
            }
            kept.append(texts)
            layout.append(flags)
        }
        // Page numbers first, so that a header line next to one counts as an edge line.
        for p in kept.indices {
            for i in RunningHeaders.edgeIndices(kept[p]).reversed() where PageNumberLine.matches(kept[p][i]) {
                kept[p].remove(at: i)
                layout[p].remove(at: i)
            }
        }
        let repeated = RunningHeaders.repeatedKeys(kept)
        var visual: [VisualLine] = []
        for p in kept.indices {
            let edges = Set(RunningHeaders.edgeIndices(kept[p]))
            var firstOnPage = true
            for (i, text) in kept[p].enumerated() {
                if edges.contains(i), repeated.contains(RunningHeaders.key(text)) { continue }
                // A blank at the top of a page (below a running header) breaks no paragraph.
                visual.append(VisualLine(text: text, page: p + 1, indented: layout[p][i].indented,
                                         blankBefore: layout[p][i].blankBefore && !(firstOnPage && p > 0),
                                         width: layout[p][i].width))
                firstOnPage = false
            }
        }
        let paragraphs = ParagraphJoiner.paragraphs(visual)
        let text = paragraphs.map(\.text).joined(separator: "\n")
        var lines = ReportLine.lines(of: text)
        for i in lines.indices where i < paragraphs.count {
            lines[i].page = paragraphs[i].page
            lines[i].ocr = ocrPages.contains(paragraphs[i].page)
        }
        return lines
    }

    /// Splits pdftotext's output at form feeds (one per page end) and each page at LF.
    ///
    /// `"甲\n乙\n\u{0C}丙\n\u{0C}"` → `[["甲", "乙", ""], ["丙", ""]]`.
    static func pages(ofPDFText text: String) -> [[Substring]] {
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        if let last = pages.last, last.allSatisfy({ $0 == "\n" || $0 == " " }) { pages.removeLast() }
        return pages.map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
    }

    /// A line that starts with an ideographic space or two ASCII spaces.
    static func isIndented(_ raw: Substring) -> Bool {
        let u = raw.unicodeScalars
        guard let first = u.first else { return false }
        if first.value == 0x3000 { return true }
        return u.prefix(2).allSatisfy { $0 == " " } && u.count > 2
    }
}
