/// One visual line of a paginated document (a PDF text line, an OFD text object), cleaned
/// of extraction spaces, with what its layout says about paragraph breaks.
struct VisualLine: Sendable, Equatable {
    var text: String
    var page: Int
    /// Starts with a full-width (U+3000) or wide ASCII indent.
    var indented = false
    /// A blank line stood before it.
    var blankBefore = false
    /// Its display width as extracted (``ParagraphJoiner/width(_:)``), spaces included.
    var width: Double = 0

    init(text: String, page: Int, indented: Bool = false, blankBefore: Bool = false, width: Double? = nil) {
        self.text = text
        self.page = page
        self.indented = indented
        self.blankBefore = blankBefore
        self.width = width ?? ParagraphJoiner.width(text)
    }
}

/// Joins the visual lines of a paginated document into paragraphs, one per output line, so
/// that a phrase wrapped across lines (or pages) is one run of text, as in the plain text.
///
/// A line continues the paragraph before it when the line before is *full* (at least 88% of
/// the width of the document's wide lines, the 90th percentile; CJK characters count 1,
/// Latin ones ½ and spaces ⅓, as extracted), and the line itself has no blank line or
/// indent before it and is neither a heading nor a labelled field (`日期：…`). A
/// paragraph's page is the page of its first line.
///
/// | visual lines (full width 20)                        | paragraphs                      |
/// |-----------------------------------------------------|---------------------------------|
/// | `…20 characters…` / `其余部分。`                      | one: `…20 characters…其余部分。`  |
/// | `…20 characters…` / `二、重点任务`                     | two (a heading starts one)       |
/// | `短句。` / `下一段`                                    | two (the first line is not full) |
/// | `……GDP` / `growth……` (both full)                     | one, joined with a space         |
/// | `柳溪区审计局关于2024年度` / `审计工作情况的报告` (page 1) | one title line                  |
enum ParagraphJoiner {
    /// Display width: CJK characters 1, spaces ⅓, everything else ½.
    static func width(_ text: some StringProtocol) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (ChineseSpacing.isCJK($1) ? 1 : $1 == " " ? 1.0 / 3 : 0.5) }
    }

    /// The width of a full line: the 90th percentile of the lines' widths.
    static func fullWidth(_ lines: [VisualLine]) -> Double {
        let widths = lines.map(\.width).sorted()
        guard !widths.isEmpty else { return 0 }
        return widths[min(widths.count - 1, Int(Double(widths.count) * 0.9))]
    }

    static func paragraphs(_ lines: [VisualLine]) -> [(text: String, page: Int)] {
        let full = fullWidth(lines)
        let titleEnd = titleLineCount(lines)
        var result: [(text: String, page: Int)] = []
        var index = 0
        if let (start, count) = titleEnd {
            for line in lines[0..<start] { result.append((line.text, line.page)) }
            let title = lines[start..<(start + count)].map(\.text).reduce("") { $0 + separator($0, $1) + $1 }
            result.append((title, lines[start].page))
            index = start + count
        }
        let closedAt = index
        while index < lines.count {
            let line = lines[index]
            if index > closedAt, !(index == 1 && endsTitle(lines[0])),
               continues(line, after: lines[index - 1], fullWidth: full), var last = result.popLast() {
                last.text += separator(last.text, line.text) + line.text
                result.append(last)
            } else {
                result.append((line.text, line.page))
            }
            index += 1
        }
        return result
    }

    static func continues(_ line: VisualLine, after previous: VisualLine, fullWidth: Double) -> Bool {
        guard !line.blankBefore, !line.indented, fullWidth >= 8 else { return false }
        guard previous.width >= fullWidth * 0.88 else { return false }
        return HeadingDetector.match(Substring(line.text)) == nil && !MetadataLabels.isLabelledLine(Substring(line.text))
    }

    /// A space only between two Latin letters or digits (an English phrase wrapped).
    static func separator(_ left: String, _ right: String) -> String {
        guard let l = left.unicodeScalars.last, let r = right.unicodeScalars.first else { return "" }
        let latin = { (s: Unicode.Scalar) in s.properties.isAlphabetic && s.isASCII }
        return latin(l) && latin(r) ? " " : ""
    }

    static func endsTitle(_ line: VisualLine) -> Bool {
        ReportHeaderExtractor.documentTypeSuffixes.contains { line.text.hasSuffix($0) }
    }

    /// A title wrapped over two or three lines near the top of page 1: where it starts and
    /// how many lines it has. The last line ends with a document type (报告, 方案, …), the
    /// lines before do not; none is a heading, a sentence, a date or a labelled field.
    static func titleLineCount(_ lines: [VisualLine]) -> (start: Int, count: Int)? {
        func plain(_ line: VisualLine) -> Bool {
            let text = Substring(line.text)
            return line.page == lines.first?.page && !line.text.isEmpty && !line.text.contains("。")
                && HeadingDetector.match(text) == nil && !MetadataLabels.isLabelledLine(text)
                && !ReportDate.isStandaloneDate(text) && DocumentNumber.match(text) == nil
        }
        for start in 0..<min(6, lines.count) where plain(lines[start]) && !endsTitle(lines[start]) {
            for count in 2...3 where start + count <= lines.count {
                let part = lines[start..<(start + count)]
                guard part.allSatisfy(plain) else { break }
                if endsTitle(part[part.endIndex - 1]) { return (start, count) }
                if endsTitle(part[part.endIndex - 2]) { break }
            }
        }
        return nil
    }
}
