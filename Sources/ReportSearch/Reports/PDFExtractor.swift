/// PDF through poppler's `pdftotext` in reading-order mode (not `-layout`), run as a child
/// process with a time limit; its pages (split at form feeds) go through
/// ``PaginatedTextCleaner``, so lines know their page and wrapped lines are joined.
///
/// | file                                   | result                                                     |
/// |----------------------------------------|------------------------------------------------------------|
/// | a PDF with text                        | lines of the cleaned text, each with its page              |
/// | a scan (images, no text)               | throws `noTextLayer` ("no text layer: scanned? index with --ocr") |
/// | a scan, with ``ocr`` set                | the pages read by Tesseract (``PageOCR``), lines marked ``ReportLine/ocr`` |
/// | text pages and scanned pages, ``ocr`` set | the text layer where there is one, Tesseract's reading elsewhere |
/// | user password set                      | throws `encrypted`                                         |
/// | cut short, garbage after `%PDF`        | throws `damaged` with pdftotext's reason                   |
/// | pdftotext not installed                | throws `missingHelper` ("install poppler-utils")           |
/// | still running after `timeoutSeconds`   | killed; throws `extractionTimedOut`                         |
struct PDFExtractor: ReportExtractor {
    var format: ReportFormat { .pdf }
    /// `pdftotext` on `PATH`, or a path (tests point it at a missing program).
    var executable = "pdftotext"
    var timeoutSeconds: Double = 120
    /// Fewer non-space characters than this over the whole file (or, for OCR, on a page)
    /// means no text layer.
    static let minimumCharacters = 10
    /// Reads pages without a text layer; nil (the default) leaves them out.
    var ocr: PageOCR?

    func configured(_ options: ExtractionOptions) -> any ReportExtractor {
        var copy = self
        copy.ocr = options.ocr
        return copy
    }

    var program: HelperProgram {
        HelperProgram(name: "pdftotext", package: "poppler-utils", executable: executable, timeoutSeconds: timeoutSeconds)
    }

    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        guard program.resolvedURL() != nil else { throw .missingHelper(path: path, program: program.name, package: program.package) }
        return try HelperProgram.withTemporaryCopy(of: bytes, fileExtension: "pdf", for: program.name, path: path) { file throws(ReportError) in
            try extract(fileAt: file, path: path)
        }
    }

    func extract(fileAt file: String, path: String) throws(ReportError) -> ExtractedText {
        let output = try program.run(["-enc", "UTF-8", "-eol", "unix", file, "-"], path: path)
        let text = String(decoding: output.stdout, as: UTF8.self)
        let characters = Self.characterCount(text[...])
        // pdftotext's messages (its stderr) say why a run failed or found no text.
        if output.status != 0 || (characters == 0 && output.stderr.contains("Error")) {
            throw Self.failure(status: output.status, stderr: output.stderr, path: path)
        }
        var pages = PaginatedTextCleaner.pages(ofPDFText: text)
        var scanned: [Int] = []
        if let ocr {
            scanned = pages.indices.filter { Self.characterCount(pages[$0].joined(separator: "\n")[...]) < Self.minimumCharacters }
                .map { $0 + 1 }
            for (page, recognised) in try ocr.read(pages: scanned, ofPDFAt: file, path: path) {
                pages[page - 1] = recognised.split(separator: "\n", omittingEmptySubsequences: false)
            }
        } else if characters < Self.minimumCharacters {
            throw .noTextLayer(path: path, format: .pdf)
        }
        let lines = PaginatedTextCleaner.lines(pages: pages, ocrPages: Set(scanned))
        var warnings: [String] = []
        if lines.isEmpty {
            warnings.append(scanned.isEmpty ? "\(path): the PDF's text was all page furniture" : "\(path): OCR found no text")
        }
        return ExtractedText(lines: lines, encoding: "UTF-8", warnings: warnings)
    }

    /// Characters that are not padding or line breaks.
    static func characterCount(_ text: Substring) -> Int {
        text.unicodeScalars.lazy.filter { !ReportLine.isPadding($0) && $0 != "\n" }.count
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
