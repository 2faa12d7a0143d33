/// Turns one format's bytes into lines. Each ``ReportFormat`` that can be read has exactly
/// one extractor, registered in ``ReportExtractors/all``; adding a format is one new file
/// with a type conforming to this protocol plus one line in that table.
///
/// | extractor                | format      | bytes → lines                                         |
/// |--------------------------|-------------|-------------------------------------------------------|
/// | ``PlainTextExtractor``   | `text`      | decode (``TextDecoding``), split into lines           |
/// | ``MarkdownExtractor``    | `markdown`  | decode, split, strip `#` heading markers              |
/// | ``HTMLPageExtractor``    | `html`      | decode (honouring `<meta charset>`), libxml2 text     |
///
/// An extractor throws ``ReportError`` for a file it cannot read (binary, empty,
/// undecodable); the indexer skips such files and names them in its summary.
protocol ReportExtractor: Sendable {
    /// The format this extractor reads.
    var format: ReportFormat { get }

    /// The lines of the file whose bytes are `bytes`; `path` is only for messages.
    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText

    /// This extractor with the run's settings applied (``ExtractionOptions``); most formats
    /// have none and return themselves.
    func configured(_ options: ExtractionOptions) -> any ReportExtractor
}

extension ReportExtractor {
    func configured(_ options: ExtractionOptions) -> any ReportExtractor { self }
}

/// Settings of an index run that change how files are read.
///
/// | setting | effect                                                                          |
/// |---------|---------------------------------------------------------------------------------|
/// | `ocr`   | nil: a PDF page without a text layer is left out (a PDF with none is a bad file); set: such pages are read by Tesseract and their sections marked as OCR text |
package struct ExtractionOptions: Sendable {
    package var ocr: PageOCR?

    package init(ocr: PageOCR? = nil) {
        self.ocr = ocr
    }
}

/// An extractor for a format that is text once decoded: decoding is shared, and
/// ``ReportParser/parse(_:format:path:)`` can hand it text that is already decoded.
protocol TextReportExtractor: ReportExtractor {
    /// The encoding the bytes declare for themselves (an HTML page's `<meta charset>`), or `nil`.
    func declaredEncoding(_ bytes: [UInt8]) -> String?

    /// The lines of already-decoded `text` (LF line breaks); `encoding` stays `UTF-8`.
    func extract(text: String, path: String) -> ExtractedText
}

extension TextReportExtractor {
    func declaredEncoding(_ bytes: [UInt8]) -> String? { nil }

    /// Decodes with ``TextDecoding`` (BOMs, UTF-8, UTF-16, GB18030; binary and empty files
    /// throw), then extracts from the text; the decoder's warnings come first.
    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        let decoded = try TextDecoding.decode(bytes, path: path, declaredEncoding: declaredEncoding(bytes))
        var extracted = extract(text: decoded.text, path: path)
        extracted.encoding = decoded.encoding
        extracted.warnings = decoded.warnings + extracted.warnings
        return extracted
    }
}
