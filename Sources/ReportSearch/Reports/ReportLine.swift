/// One line of a report's decoded (or, for HTML, extracted) text: trimmed, with its 1-based
/// line number, its length in Unicode scalars and, for paginated formats, its page.
///
/// `"　　一、总体要求 "` on line 7 → `ReportLine(number: 7, text: "一、总体要求", length: 6, page: nil)`.
struct ReportLine: Sendable {
    var number: Int
    var text: Substring
    var length: Int
    /// The 1-based page the line is on, for formats with pages (PDF, OFD); `nil` for text,
    /// Markdown and HTML.
    var page: Int?
    /// The heading level a document's own structure gives the line (a DOCX paragraph
    /// styled `heading 2` → 2), `nil` where only the numbering can tell (text, PDF, …).
    var outlineLevel: Int?
    /// Read by OCR from a picture of the page (``PageOCR``), not from a text layer.
    var ocr = false

    init(number: Int, text: Substring, page: Int? = nil, outlineLevel: Int? = nil) {
        self.number = number
        self.text = text
        self.length = ReportLine.scalarCount(text)
        self.page = page
        self.outlineLevel = outlineLevel
    }

    var isBlank: Bool { text.isEmpty }

    /// Splits on LF (the decoder has already normalised CR/CRLF) and trims every line.
    static func lines(of text: String) -> [ReportLine] {
        var lines: [ReportLine] = []
        let utf8 = text.utf8
        var number = 0
        var start = utf8.startIndex
        var index = start
        // Splitting on the UTF-8 view: LF is ASCII, so the indices are valid String indices,
        // and no grapheme breaking is needed.
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                number += 1
                lines.append(ReportLine(number: number, text: trimmed(text[start..<index])))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex {
            number += 1
            lines.append(ReportLine(number: number, text: trimmed(text[start..<utf8.endIndex])))
        }
        return lines
    }

    /// Whitespace a line may be padded with: ASCII space/tab, NBSP, ideographic space
    /// (U+3000, used for paragraph indents), zero-width space and stray BOMs.
    @inline(__always)
    static func isPadding(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x2002...0x200A: return true
        default: return false
        }
    }

    static func trimmed(_ s: Substring) -> Substring {
        let u = s.unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, isPadding(u[start]) { start = u.index(after: start) }
        while end > start {
            let previous = u.index(before: end)
            if isPadding(u[previous]) { end = previous } else { break }
        }
        if start == u.startIndex, end == u.endIndex { return s }
        return Substring(u[start..<end])
    }

    @inline(__always)
    static func scalarCount(_ s: Substring) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
