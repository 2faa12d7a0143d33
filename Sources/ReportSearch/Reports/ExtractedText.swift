/// What an extractor makes of a file: its lines, the encoding it was read in and what went
/// wrong, plus the metadata hints of a web page. The parser takes it from here: page junk →
/// title, date, agency → sections.
///
/// | file                         | `lines`                          | `encoding`  | `hints`            |
/// |------------------------------|----------------------------------|-------------|--------------------|
/// | `a.txt` (GBK)                | lines of the decoded file         | `GB18030`   | `nil`              |
/// | `b.md`                       | lines of the file, `#` stripped   | `UTF-8`     | `nil`              |
/// | `c.html`                     | lines of the extracted text       | `UTF-8`     | `<title>`, `<meta>` |
///
/// Line numbers are what a section's `lineStart`/`lineEnd` report; each line may carry the
/// page it is on (``ReportLine/page``), `nil` for the text formats.
struct ExtractedText: Sendable {
    var lines: [ReportLine]
    /// `UTF-8`, `GB18030`, `UTF-16LE`… for decoded text; what the container used otherwise.
    var encoding: String
    /// One message per problem, each naming the file.
    var warnings: [String]
    /// A web page's `<title>` and `<meta>` pairs, read by ``ReportHeaderExtractor``.
    var hints: HTMLText?

    init(lines: [ReportLine], encoding: String = "UTF-8", warnings: [String] = [], hints: HTMLText? = nil) {
        self.lines = lines
        self.encoding = encoding
        self.warnings = warnings
        self.hints = hints
    }
}
