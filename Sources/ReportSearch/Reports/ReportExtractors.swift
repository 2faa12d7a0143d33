/// The one registry of extractors: which formats can be read, and by what.
///
/// | format                             | extractor               |
/// |------------------------------------|-------------------------|
/// | `text`                             | ``PlainTextExtractor``  |
/// | `markdown`                         | ``MarkdownExtractor``   |
/// | `html`                             | ``HTMLPageExtractor``   |
/// | `pdf`                              | ``PDFExtractor`` (pdftotext)   |
/// | `docx`                             | ``DOCXExtractor`` (ZIPFoundation + libxml2) |
/// | `doc` (Word 97, WPS)               | ``DOCExtractor`` (antiword)    |
/// | `ofd`                              | ``OFDExtractor`` (ZIPFoundation + libxml2) |
/// | `zip`, `ole2`, `other`             | none: the file is skipped with ``ReportError/unsupportedFormat(path:format:)`` |
enum ReportExtractors {
    /// Every extractor, one per format. A new format: its extractor's file, and one line here.
    static let all: [any ReportExtractor] = [
        PlainTextExtractor(),
        MarkdownExtractor(),
        HTMLPageExtractor(),
        PDFExtractor(),
        DOCXExtractor(),
        DOCExtractor(),
        OFDExtractor(),
    ]

    static let byFormat: [ReportFormat: any ReportExtractor] = {
        var table: [ReportFormat: any ReportExtractor] = [:]
        for extractor in all {
            precondition(table[extractor.format] == nil, "two extractors for \(extractor.format)")
            table[extractor.format] = extractor
        }
        return table
    }()

    /// The extractor for `format` with `options` applied, or `nil` when the format cannot be read yet.
    static func extractor(for format: ReportFormat, options: ExtractionOptions = ExtractionOptions()) -> (any ReportExtractor)? {
        byFormat[format]?.configured(options)
    }
}
