/// The file formats a report can come in; the format decides how text is extracted.
///
/// | path extension       | format        |
/// |----------------------|---------------|
/// | `txt`, `text`        | ``text``      |
/// | `md`, `markdown`     | ``markdown``  |
/// | `html`, `htm`        | ``html``      |
/// | anything else        | `nil`         |
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Plain text, one paragraph per line (blank lines allowed).
    case text
    /// Markdown: `#` heading markers are stripped, the heading text is kept.
    case markdown
    /// HTML: parsed with libxml2's tolerant parser; see ``HTMLTextExtractor``.
    case html

    /// The format for a path extension (case-insensitive, without the dot).
    ///
    /// `ReportFormat(pathExtension: "HTM")` → `.html`; `ReportFormat(pathExtension: "pdf")` → `nil`.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}
