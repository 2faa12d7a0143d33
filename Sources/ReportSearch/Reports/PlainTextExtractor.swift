/// Plain text: one paragraph per line, line numbers those of the file.
///
/// `"标题\r\n日期:2020\r\n"` → lines `1 标题`, `2 日期:2020` (CRLF is one line break).
struct PlainTextExtractor: TextReportExtractor {
    var format: ReportFormat { .text }

    func extract(text: String, path: String) -> ExtractedText {
        ExtractedText(lines: ReportLine.lines(of: text))
    }
}
