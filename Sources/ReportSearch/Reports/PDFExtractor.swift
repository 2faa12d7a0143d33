/// PDF through poppler's `pdftotext` in reading-order mode (not `-layout`), run as a child
/// process with a time limit; its pages (split at form feeds) go through
/// ``PaginatedTextCleaner``, so lines know their page and wrapped lines are joined.
///
/// | file                                   | result                                                     |
/// |----------------------------------------|------------------------------------------------------------|
/// | a PDF with text                        | lines of the cleaned text, each with its page              |
/// | a scan (images, no text)               | throws `noTextLayer` ("no text layer: scanned? index with --ocr") |
/// | user password set                      | throws `encrypted`                                         |
/// | cut short, garbage after `%PDF`        | throws `damaged` with pdftotext's reason                   |
/// | pdftotext not installed                | throws `missingHelper` ("install poppler-utils")           |
/// | still running after `timeoutSeconds`   | killed; throws `extractionTimedOut`                         |
struct PDFExtractor: ReportExtractor {
    var format: ReportFormat { .pdf }
    /// `pdftotext` on `PATH`, or a path (tests point it at a missing program).
    var executable = "pdftotext"
    var timeoutSeconds: Double = 120
    /// Fewer non-space characters than this over the whole file means no text layer.
    static let minimumCharacters = 10

    var program: HelperProgram {
        HelperProgram(name: "pdftotext", package: "poppler-utils", executable: executable, timeoutSeconds: timeoutSeconds)
    }

    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        let output = try program.run(on: bytes, fileExtension: "pdf",
                                     arguments: { ["-enc", "UTF-8", "-eol", "unix", $0, "-"] }, path: path)
        let text = String(decoding: output.stdout, as: UTF8.self)
        let characters = text.unicodeScalars.lazy.filter { !ReportLine.isPadding($0) && $0 != "\n" }.count
        // pdftotext's messages (its stderr) say why a run failed or found no text.
        if output.status != 0 || (characters == 0 && output.stderr.contains("Error")) {
            throw Self.failure(status: output.status, stderr: output.stderr, path: path)
        }
        guard characters >= Self.minimumCharacters else { throw .noTextLayer(path: path, format: .pdf) }
        let lines = PaginatedTextCleaner.lines(pages: PaginatedTextCleaner.pages(ofPDFText: text))
        var warnings: [String] = []
        if lines.isEmpty { warnings.append("\(path): the PDF's text was all page furniture") }
        return ExtractedText(lines: lines, encoding: "UTF-8", warnings: warnings)
    }

    /// Reads pdftotext's exit status and messages (1: cannot open, 3: permissions).
    ///
    /// | status, message                                       | error                         |
    /// |-------------------------------------------------------|-------------------------------|
    /// | 1, `Command Line Error: Incorrect password`            | `encrypted`                   |
    /// | 3, …                                                  | `encrypted`                   |
    /// | 1, `Syntax Error: Couldn't find trailer dictionary`    | `damaged` (that message)      |
    static func failure(status: Int32, stderr: String, path: String) -> ReportError {
        let messages = stderr.split(separator: "\n").map { $0.trimmingPrefix("Syntax Error: ").trimmingPrefix("Command Line Error: ") }
        if status == 3 || stderr.localizedCaseInsensitiveContains("password") || stderr.contains("encrypt") {
            return .encrypted(path: path, format: .pdf)
        }
        let last = messages.last(where: { !$0.isEmpty && !$0.hasPrefix("Internal Error") }).map(String.init)
        var reason = "truncated or corrupt"
        if let last { reason += ": " + String(last.prefix(100)) }
        return .damaged(path: path, format: .pdf, reason: reason)
    }
}
