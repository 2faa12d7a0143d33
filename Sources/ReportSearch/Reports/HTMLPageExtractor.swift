/// A web page: decoded honouring its declared charset, then reduced to visible text by
/// ``HTMLTextExtractor``; line numbers are lines of that text. The page's `<title>` and
/// `<meta>` pairs travel along as hints for the header (`ArticleTitle`, `PubDate`,
/// `ContentSource`).
///
/// | bytes                                                         | result                              |
/// |---------------------------------------------------------------|-------------------------------------|
/// | GBK page with `<meta charset="gbk">`                           | encoding `GB18030`, text decoded    |
/// | `<title>站点</title><h1>标题</h1><p>正文</p>`                  | lines `1 标题`, `2 正文`; hint title `站点` |
struct HTMLPageExtractor: TextReportExtractor {
    var format: ReportFormat { .html }

    func declaredEncoding(_ bytes: [UInt8]) -> String? {
        TextDecoding.declaredHTMLCharset(bytes)
    }

    func extract(text: String, path: String) -> ExtractedText {
        let page = HTMLTextExtractor.extract(text)
        return ExtractedText(lines: ReportLine.lines(of: page.text), hints: page)
    }
}
