/// One unit of ranking: a heading and the lines up to the next heading (or a passage of a
/// long section).
///
/// For the sample report `changshou-bigdata-2020-fazhi-report.txt`:
///
/// | path                                       | level | lines  | passage |
/// |--------------------------------------------|-------|--------|---------|
/// | (preamble)                                 | 0     | 9–9    | 0       |
/// | 一、工作推进情况                             | 1     | 11–11  | 0       |
/// | 一、工作推进情况 > (一)加强组织领导            | 2     | 13–15  | 0       |
///
/// `text` is the section's non-blank lines (trimmed, heading line included) joined with
/// `\n`; line numbers are 1-based lines of the decoded file (of the extracted text for
/// HTML). Blank lines and removed page junk inside the range are not part of `text`.
public struct Section: Sendable, Equatable {
    /// Headings from the top down to this section's heading; empty for the preamble.
    public var path: SectionPath
    /// This section's heading text (numbering included), `nil` for the preamble.
    public var heading: String?
    /// 0 for the preamble, 1 for top-level headings, deeper headings count up.
    public var level: Int
    /// First line (the heading line, or a passage's first line), 1-based.
    public var lineStart: Int
    /// Last non-blank line, 1-based, inclusive.
    public var lineEnd: Int
    /// 0 when the section is not split; 1, 2, … for the passages of a long section.
    public var passage: Int
    /// The section's lines joined with `\n`.
    public var text: String
    /// The 1-based page its first line is on, for paginated formats (PDF, OFD); else `nil`.
    public var page: Int?
    /// Some of its lines were read by OCR from a scanned page (``PageOCR``).
    public var ocr: Bool

    public init(path: SectionPath, heading: String?, level: Int, lineStart: Int, lineEnd: Int, passage: Int = 0, text: String,
                page: Int? = nil, ocr: Bool = false) {
        self.page = page
        self.ocr = ocr
        self.path = path
        self.heading = heading
        self.level = level
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.passage = passage
        self.text = text
    }

    /// Length of ``text`` in Unicode scalars (characters, for Chinese text).
    public var characterCount: Int { text.unicodeScalars.count }
}
