import Foundation
import Testing
@testable import ReportSearch

/// Bad input gets a named reason, and the rest of the folder still indexes.
@Suite struct ExtractionFailureTests {
    static let pdfName = "liuxi-audit-2024-work-report.pdf"
    static let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func aScanHasNoTextLayer() throws {
        #expect(throws: ReportError.noTextLayer(path: "s.pdf", format: .pdf)) {
            try PDFExtractor().extract(FormatFixtures.bytes("liuxi-audit-2024-work-report-scanned.pdf"), path: "s.pdf")
        }
        #expect(ReportError.noTextLayer(path: "s.pdf", format: .pdf).errorDescription == "s.pdf: no text layer: scanned? index with --ocr")
    }

    @Test func aTruncatedPDFIsDamaged() throws {
        let bytes = try FormatFixtures.bytes(Self.pdfName)
        #expect {
            try PDFExtractor().extract(Array(bytes.prefix(2_000)), path: "t.pdf")
        } throws: { error in
            guard case .damaged(_, .pdf, let reason)? = error as? ReportError else { return false }
            return reason.hasPrefix("truncated or corrupt")
        }
    }

    @Test(.enabled(if: qpdf != nil, "qpdf is not installed (apt-get install qpdf): no encrypted PDF to test with"))
    func anEncryptedPDFIsNamedEncrypted() throws {
        let dir = try TemporaryDirectory()
        let output = dir.path + "/locked.pdf"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.qpdf))
        process.arguments = ["--encrypt", "user-secret", "owner-secret", "256", "--", FormatFixtures.url(Self.pdfName).path, output]
        try process.run()
        process.waitUntilExit()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(throws: ReportError.encrypted(path: "locked.pdf", format: .pdf)) { try PDFExtractor().extract(bytes, path: "locked.pdf") }
    }

    @Test func aMissingHelperSaysWhichPackageToInstall() throws {
        let pdf = PDFExtractor(executable: "/nonexistent/pdftotext")
        #expect(throws: ReportError.missingHelper(path: "a.pdf", program: "pdftotext", package: "poppler-utils")) {
            try pdf.extract(FormatFixtures.bytes(Self.pdfName), path: "a.pdf")
        }
        let doc = DOCExtractor(executable: "/nonexistent/antiword")
        #expect(throws: ReportError.missingHelper(path: "a.doc", program: "antiword", package: "antiword")) {
            try doc.extract(FormatFixtures.bytes("liuxi-audit-2024-work-report.doc"), path: "a.doc")
        }
        #expect(ReportError.missingHelper(path: "a.pdf", program: "pdftotext", package: "poppler-utils").extractionReason
            == "needs pdftotext: install poppler-utils")
    }

    @Test func aHungHelperIsKilledAndNamed() throws {
        let dir = try TemporaryDirectory()
        let script = dir.path + "/slow-pdftotext"
        try "#!/bin/sh\nsleep 30\n".write(toFile: script, atomically: true, encoding: .utf8)
        #expect(chmod(script, 0o755) == 0)
        let start = ContinuousClock.now
        #expect(throws: ReportError.extractionTimedOut(path: "h.pdf", program: "pdftotext", seconds: 0.5)) {
            try PDFExtractor(executable: script, timeoutSeconds: 0.5).extract(FormatFixtures.bytes(Self.pdfName), path: "h.pdf")
        }
        #expect(start.duration(to: .now) < .seconds(10))
        #expect(ReportError.extractionTimedOut(path: "h.pdf", program: "pdftotext", seconds: 60).extractionReason
            == "extraction timed out after 60 s")
    }

    @Test func aCorruptZipAndAnEncryptedDOCXAreNamed() throws {
        var zip = try FormatFixtures.bytes("liuxi-audit-2024-work-report.docx")
        zip = Array(zip.prefix(zip.count / 2))
        #expect {
            try ReportParser.read(fileAt: try write(zip, "c.docx"), relativePath: "c.docx", maxBytes: 1 << 20)
        } throws: { error in
            guard case .damaged(_, .docx, _)? = error as? ReportError else { return false }
            return true
        }
        // An encrypted DOCX is an OLE2 file with an EncryptedPackage stream, named .docx.
        let ole = FormatDetector.ole2Magic + Array(repeating: 0, count: 64) + FormatDetector.encryptedPackageName
        #expect(throws: ReportError.encrypted(path: "e.docx", format: .docx)) {
            try ReportParser.read(fileAt: try write(ole, "e.docx"), relativePath: "e.docx", maxBytes: 1 << 20)
        }
    }

    @Test func theRestOfTheFolderStillIndexes() throws {
        let dir = try TemporaryDirectory()
        let root = dir.url.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let pdf = try FormatFixtures.bytes(Self.pdfName)
        try Data(pdf).write(to: root.appendingPathComponent("good.pdf"))
        try Data(pdf.prefix(1_000)).write(to: root.appendingPathComponent("cut.pdf"))
        try FileManager.default.copyItem(at: FormatFixtures.url("liuxi-audit-2024-work-report-scanned.pdf"),
                                         to: root.appendingPathComponent("scan.pdf"))
        try Data("PK\u{03}\u{04}broken".utf8).write(to: root.appendingPathComponent("broken.ofd"))
        let summary = try Indexer.run(roots: [root], indexPath: dir.path + "/index")
        #expect(summary.filesIndexed == 1)
        let reasons = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["scan.pdf"] == "no text layer: scanned? index with --ocr")
        #expect(reasons["broken.ofd"] == "damaged ofd: not a readable ZIP archive")
        #expect(reasons["cut.pdf"]?.hasPrefix("damaged pdf: truncated or corrupt") == true)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rs-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        return url
    }
}
