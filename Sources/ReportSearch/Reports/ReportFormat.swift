/// The file formats a report can come in; the format decides which extractor reads it
/// (see ``ReportExtractors``). ``FormatDetector`` names a file's format from its bytes.
///
/// | path extension         | format        | read now |
/// |------------------------|---------------|----------|
/// | `txt`, `text`          | ``text``      | yes      |
/// | `md`, `markdown`       | ``markdown``  | yes      |
/// | `html`, `htm`          | ``html``      | yes      |
/// | `pdf`                  | ``pdf``       | not yet  |
/// | `docx`                 | ``docx``      | not yet  |
/// | `doc`, `wps`           | ``doc``       | not yet  |
/// | `ofd`                  | ``ofd``       | not yet  |
/// | `zip`                  | ``zip``       | no       |
/// | anything else          | `nil` (``FormatDetector``: text without an extension, else ``other``) | |
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Plain text, one paragraph per line (blank lines allowed).
    case text
    /// Markdown: `#` heading markers are stripped, the heading text is kept.
    case markdown
    /// HTML: parsed with libxml2's tolerant parser; see ``HTMLTextExtractor``.
    case html
    /// PDF (`%PDF` at the start of the file).
    case pdf
    /// Word 2007+ (a ZIP container with `word/document.xml`).
    case docx
    /// Word 97–2003 and WPS (an OLE2 compound file with a `WordDocument` stream).
    case doc
    /// OFD, the Chinese fixed-layout format (GB/T 33190; a ZIP container with `OFD.xml`).
    case ofd
    /// A ZIP archive that is neither DOCX nor OFD (`.zip`, `.xlsx`, `.pptx`…).
    case zip
    /// An OLE2 compound file that is not a Word document (`.xls`, `.ppt`, `Thumbs.db`…).
    case ole2
    /// Text or data whose extension names no report format (`.tsv`, `.csv`, `.png`, `.json`…):
    /// a manifest or a picture beside the reports, not a report.
    case other

    /// The format a path extension claims (case-insensitive, without the dot).
    ///
    /// `ReportFormat(pathExtension: "HTM")` → `.html`; `"wps"` → `.doc`; `"png"` → `nil`.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "pdf": self = .pdf
        case "docx": self = .docx
        case "doc", "wps": self = .doc
        case "ofd": self = .ofd
        case "zip": self = .zip
        default: return nil
        }
    }

    /// What users call the format, for messages: `PDF`, `Word`, `OFD`, …
    ///
    /// | format          | name                        |
    /// |-----------------|-----------------------------|
    /// | `.docx`, `.doc` | `Word`                      |
    /// | `.zip`          | `ZIP archives`              |
    /// | `.ole2`         | `Office files other than Word` |
    public var displayName: String {
        switch self {
        case .text: "plain text"
        case .markdown: "Markdown"
        case .html: "HTML"
        case .pdf: "PDF"
        case .docx, .doc: "Word"
        case .ofd: "OFD"
        case .zip: "ZIP archives"
        case .ole2: "Office files other than Word"
        case .other: "other files"
        }
    }

    /// Whether a later release is meant to read the format (`pdf`, `docx`, `doc`, `ofd`):
    /// the summary then says "not supported yet" rather than "not a report format".
    var isPlannedReportFormat: Bool {
        switch self {
        case .pdf, .docx, .doc, .ofd: true
        case .text, .markdown, .html, .zip, .ole2, .other: false
        }
    }
}
