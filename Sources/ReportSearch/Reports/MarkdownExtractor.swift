/// Markdown: lines of the file, with ATX heading markers stripped so that the heading text
/// is what the heading detector sees.
///
/// | line                    | text                |
/// |-------------------------|---------------------|
/// | `## 一、主要工作成效`     | `一、主要工作成效`    |
/// | `# 标题 #`               | `标题`               |
/// | `#标签` (no space)       | `#标签` (unchanged)  |
/// | `####### 七级`           | unchanged (> 6 `#`) |
struct MarkdownExtractor: TextReportExtractor {
    var format: ReportFormat { .markdown }

    func extract(text: String, path: String) -> ExtractedText {
        ExtractedText(lines: ReportLine.lines(of: text).map(Self.strippingHeadingMarkers))
    }

    static func strippingHeadingMarkers(_ line: ReportLine) -> ReportLine {
        guard line.text.hasPrefix("#") else { return line }
        var rest = line.text
        var hashes = 0
        while rest.first == "#", hashes < 7 { rest = rest.dropFirst(); hashes += 1 }
        guard hashes <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return line }
        var text = ReportLine.trimmed(rest)
        while text.last == "#" { text = text.dropLast() }
        return ReportLine(number: line.number, text: ReportLine.trimmed(text), page: line.page)
    }
}
