import Foundation

/// Reads the pages of a PDF that have no text layer (a scan) with Tesseract: each page is
/// rendered to a grey picture by poppler's `pdftoppm` and recognised with the `chi_sim`
/// model (which also reads Latin letters and digits). An OFD's scanned pages are pictures
/// already (PNG, JPEG, TIFF…): they are recognised as they are. Both programs run as child
/// processes with a time limit (``HelperProgram``); Tesseract is limited to one thread,
/// since the indexer already reads several files at once.
///
/// | situation                                  | result                                             |
/// |--------------------------------------------|----------------------------------------------------|
/// | a scanned page of 柳溪区审计局's report     | its text, one visual line per line (`2024 年，柳溪区审计局…`) |
/// | `tesseract` not installed                  | throws `missingHelper` ("install tesseract-ocr")   |
/// | tesseract without the `chi_sim` model      | throws `missingHelper` ("install tesseract-ocr-chi-sim") |
/// | a page still being read after `timeoutSeconds` | killed; throws `extractionTimedOut`             |
///
/// Tesseract's Chinese output has spaces between characters and around digits; the
/// paginated clean-up (``ChineseSpacing``) removes them as it does for pdftotext.
package struct PageOCR: Sendable {
    /// `tesseract` on `PATH`, or a path (tests point it at a missing program).
    package var tesseract = "tesseract"
    package var pdftoppm = "pdftoppm"
    /// The Tesseract language model.
    static let language = "chi_sim"
    static let packages = "tesseract-ocr tesseract-ocr-chi-sim"
    /// Rendering resolution: Tesseract reads body text best at about 300 dpi.
    package var dotsPerInch = 300
    /// Seconds per page and program.
    package var timeoutSeconds: Double = 180

    package init() {}

    var renderer: HelperProgram {
        HelperProgram(name: "pdftoppm", package: "poppler-utils", executable: pdftoppm, timeoutSeconds: timeoutSeconds)
    }

    var recognizer: HelperProgram {
        HelperProgram(name: "tesseract", package: Self.packages, executable: tesseract,
                      timeoutSeconds: timeoutSeconds, environment: ["OMP_THREAD_LIMIT": "1"])
    }

    /// What is missing for OCR here, or nil when Tesseract and its `chi_sim` model are installed.
    ///
    /// | machine                           | result                                          |
    /// |-----------------------------------|-------------------------------------------------|
    /// | tesseract-ocr-chi-sim installed   | nil                                             |
    /// | no `tesseract` on `PATH`          | "tesseract is not installed"                    |
    /// | tesseract without `chi_sim`       | "tesseract has no chi_sim language data"        |
    package func missingPiece() -> String? {
        guard recognizer.resolvedURL() != nil else { return "tesseract is not installed" }
        let listed = (try? recognizer.run(["--list-langs"], path: "tesseract")).map {
            String(decoding: $0.stdout, as: UTF8.self) + $0.stderr
        } ?? ""
        if listed.split(whereSeparator: \.isNewline).contains(Substring(Self.language)) { return nil }
        return "tesseract has no \(Self.language) language data"
    }

    /// The text of each page in `pages` (1-based) of the PDF at `pdfPath`.
    package func read(pages: [Int], ofPDFAt pdfPath: String, path: String) throws(ReportError) -> [Int: String] {
        if pages.isEmpty { return [:] }
        guard recognizer.resolvedURL() != nil else {
            throw .missingHelper(path: path, program: "tesseract", package: Self.packages)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-search-ocr-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: path, reason: "cannot make a temporary folder for OCR: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        var texts: [Int: String] = [:]
        for page in pages {
            let prefix = folder.appendingPathComponent("page").path
            // -singlefile: the picture is prefix.pgm whatever the page number.
            let rendered = try renderer.run(["-r", String(dotsPerInch), "-gray", "-f", String(page), "-l", String(page),
                                             "-singlefile", pdfPath, prefix], path: path)
            let picture = prefix + ".pgm"
            guard rendered.status == 0, FileManager.default.fileExists(atPath: picture) else {
                throw .damaged(path: path, format: .pdf, reason: "pdftoppm could not render page \(page)")
            }
            texts[page] = try recognise(pictureAt: picture, format: .pdf, page: page, path: path)
            try? FileManager.default.removeItem(atPath: picture)
        }
        return texts
    }

    /// The text of a picture of one page (an OFD's scanned page), given as its bytes.
    func read(picture: [UInt8], fileExtension: String, page: Int, path: String) throws(ReportError) -> String {
        guard recognizer.resolvedURL() != nil else {
            throw .missingHelper(path: path, program: "tesseract", package: Self.packages)
        }
        return try HelperProgram.withTemporaryCopy(of: picture, fileExtension: fileExtension, for: "tesseract", path: path) {
            file throws(ReportError) in
            try recognise(pictureAt: file, format: .ofd, page: page, path: path)
        }
    }

    func recognise(pictureAt picture: String, format: ReportFormat, page: Int, path: String) throws(ReportError) -> String {
        let output = try recognizer.run([picture, "stdout", "-l", Self.language], path: path)
        if output.status != 0 {
            if output.stderr.contains("Failed loading language") || output.stderr.contains("traineddata") {
                throw .missingHelper(path: path, program: "tesseract's \(Self.language) model", package: "tesseract-ocr-chi-sim")
            }
            throw .damaged(path: path, format: format, reason: "tesseract could not read page \(page)")
        }
        // Tesseract ends each page with a form feed.
        return String(decoding: output.stdout, as: UTF8.self).filter { $0 != "\u{0C}" }
    }
}
