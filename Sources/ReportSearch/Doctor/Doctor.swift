import Foundation

/// Checks that what `report-search` needs at run time is present and works: each helper
/// program is found, tells its version and converts a tiny sample (``DoctorSamples``);
/// OpenCC folds Traditional to Simplified; and, given an index, that it can be read
/// (``Doctor/checkIndex(at:)``).
///
/// | check           | passes when                                          | on failure                            |
/// |-----------------|------------------------------------------------------|---------------------------------------|
/// | `pdftotext`     | found; reads the sample PDF's ASCII line             | install poppler-utils                 |
/// | `poppler-data`  | the sample PDF's Chinese line (CID font) comes out   | install poppler-data                  |
/// | `antiword`      | found; reads the sample .doc's Chinese title         | install antiword                      |
/// | `OpenCC t2s`    | 經濟 folds to 经济                                     | install libopencc-data                |
/// | `xapian-tcpsrv`, `xapian-check` | found; print their version           | install xapian-tools                  |
/// | `tesseract` (optional) | found with `chi_sim`; with `ocr`, reads 经济发展 off the sample page rendered by pdftoppm | install tesseract-ocr-chi-sim |
///
///     let report = Doctor().run(indexPath: "/srv/index")
///     print(report)                       // one ✓/✗ line per check
///     exit(report.hasRequiredFailure ? 1 : 0)
package struct Doctor: Sendable {
    /// Also convert the sample picture with Tesseract (still an optional check).
    package var ocr: Bool
    // Bare names are looked up on PATH; tests point them at programs that do not exist.
    var pdftotext = "pdftotext"
    var pdftoppm = "pdftoppm"
    var antiword = "antiword"
    var tesseract = "tesseract"
    var xapianTCPServer = "xapian-tcpsrv"
    var xapianCheck = "xapian-check"
    /// Seconds each helper may run.
    var timeoutSeconds: Double = 30

    package init(ocr: Bool = false) {
        self.ocr = ocr
    }

    /// Every check of the helpers and OpenCC, then the index's when `indexPath` is given.
    package func run(indexPath: String? = nil) -> DoctorReport {
        var checks = pdfChecks()
        checks.append(docCheck())
        checks.append(openCCCheck())
        checks.append(versionCheck(name: "xapian-tcpsrv", executable: xapianTCPServer, package: "xapian-tools",
                                   purpose: "serves remote shards"))
        checks.append(versionCheck(name: "xapian-check", executable: xapianCheck, package: "xapian-tools",
                                   purpose: "checks an index by hand"))
        checks.append(tesseractCheck())
        if let indexPath { checks += checkIndex(at: indexPath) }
        return DoctorReport(checks: checks)
    }

    /// `install the Debian package X: sudo apt-get install X`.
    static func install(_ packages: String) -> String {
        "install the Debian package\(packages.contains(" ") ? "s" : "") \(packages): sudo apt-get install \(packages)"
    }

    // MARK: - The helpers

    /// pdftotext on the sample PDF: its ASCII line proves pdftotext, its Chinese line poppler-data.
    func pdfChecks() -> [DoctorCheck] {
        let program = HelperProgram(name: "pdftotext", package: "poppler-utils", executable: pdftotext, timeoutSeconds: timeoutSeconds)
        guard let url = program.resolvedURL() else {
            return [.fail("pdftotext", "not found (reads PDF reports)", remedy: Self.install("poppler-utils")),
                    .fail("poppler-data", "not checked without pdftotext", remedy: Self.install("poppler-utils poppler-data"))]
        }
        let found = foundAt(program, url, versionArguments: ["-v"])
        let text: String
        do {
            let output = try program.run(on: DoctorSamples.pdf, fileExtension: "pdf",
                                         arguments: { ["-enc", "UTF-8", "-eol", "unix", "-q", $0, "-"] }, path: "doctor sample PDF")
            text = String(decoding: output.stdout, as: UTF8.self)
        } catch {
            return [.fail("pdftotext", "\(found) failed on a one-page PDF: \(error.localizedDescription)",
                          remedy: "reinstall poppler-utils: sudo apt-get install --reinstall poppler-utils"),
                    .fail("poppler-data", "not checked: pdftotext failed", remedy: Self.install("poppler-data"))]
        }
        guard text.contains(DoctorSamples.pdfLatinText) else {
            return [.fail("pdftotext", "\(found) read no text from a one-page PDF",
                          remedy: "reinstall poppler-utils: sudo apt-get install --reinstall poppler-utils"),
                    .fail("poppler-data", "not checked: pdftotext read nothing", remedy: Self.install("poppler-data"))]
        }
        let pdf = DoctorCheck.pass("pdftotext", "\(found); read a one-page PDF")
        guard text.contains(DoctorSamples.pdfChineseText) else {
            return [pdf, .fail("poppler-data", "a Chinese line in a CID font (Adobe-GB1) came out empty",
                               remedy: Self.install("poppler-data"))]
        }
        return [pdf, .pass("poppler-data", "read \(DoctorSamples.pdfChineseText) from a CID font (Adobe-GB1)")]
    }

    /// antiword on the sample .doc, with the arguments ``DOCExtractor`` uses.
    func docCheck() -> DoctorCheck {
        let program = DOCExtractor(executable: antiword, timeoutSeconds: timeoutSeconds).program
        guard let url = program.resolvedURL() else {
            return .fail("antiword", "not found (reads Word 97 .doc and WPS reports)", remedy: Self.install("antiword"))
        }
        // antiword has no --version: its usage text says "Version: 0.37  (21 Oct 2005)".
        let found = foundAt(program, url, versionArguments: [])
        do {
            let output = try program.run(on: try DoctorSamples.doc(), fileExtension: "doc",
                                         arguments: { ["-m", "UTF-8.txt", "-w", "0", $0] }, path: "doctor sample DOC")
            let text = String(decoding: output.stdout, as: UTF8.self)
            guard output.status == 0, text.contains(DoctorSamples.docTitle) else {
                let reason = output.stderr.split(separator: "\n").last.map(String.init) ?? "no Chinese text"
                return .fail("antiword", "\(found) could not read a Word 97 file: \(reason)",
                             remedy: "reinstall antiword: sudo apt-get install --reinstall antiword")
            }
        } catch {
            return .fail("antiword", "\(found) failed on a Word 97 file: \(error.localizedDescription)",
                         remedy: "reinstall antiword: sudo apt-get install --reinstall antiword")
        }
        return .pass("antiword", "\(found); read a Word 97 .doc with Chinese text")
    }

    /// OpenCC's `t2s` table, as the tokenizer uses it.
    func openCCCheck() -> DoctorCheck {
        let folded = CharacterFolding.shared.fold("經濟")
        guard folded == "经济" else {
            return .fail("OpenCC t2s", "經濟 stays \(folded): OpenCC's t2s.json was not found, Traditional text will not match Simplified queries",
                         remedy: Self.install("libopencc1.1 libopencc-data") + ", then rebuild the index with --rebuild")
        }
        return .pass("OpenCC t2s", "經濟 → 经济 (\(CharacterFolding.shared.traditionalCount) Traditional characters fold)")
    }

    /// A helper checked by its version output only.
    func versionCheck(name: String, executable: String, package: String, purpose: String) -> DoctorCheck {
        let program = HelperProgram(name: name, package: package, executable: executable, timeoutSeconds: timeoutSeconds)
        guard let url = program.resolvedURL() else {
            return .fail(name, "not found (\(purpose))", remedy: Self.install(package))
        }
        guard let version = version(of: program, arguments: ["--version"]) else {
            return .fail(name, "\(url.path) does not run or tell its version",
                         remedy: "reinstall \(package): sudo apt-get install --reinstall \(package)")
        }
        return .pass(name, "\(version) at \(url.path)")
    }

    /// Tesseract with `chi_sim` (optional: for scanned PDFs); with ``ocr``, reads the sample
    /// page rendered to a picture by pdftoppm, as `index --ocr` reads a scan (``PageOCR``).
    func tesseractCheck() -> DoctorCheck {
        let name = "tesseract"
        let remedy = Self.install(PageOCR.packages) + " (only needed for scanned PDFs, --ocr)"
        var reader = PageOCR()
        (reader.tesseract, reader.pdftoppm, reader.timeoutSeconds) = (tesseract, pdftoppm, timeoutSeconds)
        guard let url = reader.recognizer.resolvedURL() else {
            return .fail(name, "not found (reads scanned pages)", remedy: remedy, isRequired: false)
        }
        let found = foundAt(reader.recognizer, url, versionArguments: ["--version"])
        if let missing = reader.missingPiece() {
            return .fail(name, "\(found): \(missing)", remedy: remedy, isRequired: false)
        }
        guard ocr else { return .pass(name, "\(found) with chi_sim", isRequired: false) }
        do {
            let text = try recognizeSamplePage(with: reader).filter { !$0.isWhitespace }
            guard text.contains(DoctorSamples.pdfChineseText) else {
                return .fail(name, "\(found) read \(text.isEmpty ? "nothing" : "“\(text.prefix(40))”") from a picture of \(DoctorSamples.pdfChineseText)",
                             remedy: "reinstall tesseract-ocr-chi-sim: sudo apt-get install --reinstall tesseract-ocr-chi-sim", isRequired: false)
            }
        } catch {
            return .fail(name, "\(found) failed on a picture: \(error.localizedDescription)", remedy: remedy, isRequired: false)
        }
        return .pass(name, "\(found) with chi_sim; read \(DoctorSamples.pdfChineseText) from a scanned page", isRequired: false)
    }

    /// The sample PDF's page read by OCR.
    func recognizeSamplePage(with reader: PageOCR) throws -> String {
        try HelperProgram.withTemporaryCopy(of: DoctorSamples.pdf, fileExtension: "pdf", for: "pdftoppm", path: "doctor sample PDF") {
            file throws(ReportError) in
            try reader.read(pages: [1], ofPDFAt: file, path: "doctor sample PDF")[1] ?? ""
        }
    }

    /// The first version number a program prints (`pdftotext version 22.12.0` → `22.12.0`).
    func version(of program: HelperProgram, arguments: [String]) -> String? {
        guard let output = try? program.run(arguments, path: program.name) else { return nil }
        let text = String(decoding: output.stdout, as: UTF8.self) + "\n" + output.stderr
        guard let match = text.firstMatch(of: /\d+\.\d+(\.\d+)*/) else { return nil }
        return String(match.output.0)
    }

    /// `22.12.0 at /usr/bin/pdftotext`.
    func foundAt(_ program: HelperProgram, _ url: URL, versionArguments: [String]) -> String {
        "\(version(of: program, arguments: versionArguments) ?? "version unknown") at \(url.path)"
    }
}
