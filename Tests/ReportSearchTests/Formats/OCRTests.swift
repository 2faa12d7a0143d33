import Foundation
import Testing
@testable import ReportSearch

/// `index --ocr`: pages without a text layer read by Tesseract (``PageOCR``), their sections
/// marked as OCR text. The recognising tests need tesseract-ocr-chi-sim (scripts/test.sh
/// installs it through `scripts/setup.sh --ocr`); the failure paths run everywhere.
@Suite struct OCRTests {
    static let tesseractReady = PageOCR().missingPiece() == nil
    static let scan = "liuxi-audit-2024-work-report-scanned.pdf"
    static let textPDF = "liuxi-audit-2024-work-report.pdf"
    static let scannedOFD = "liuxi-audit-2024-work-report-scanned.ofd"

    func extractor(tesseract: String = "tesseract") -> PDFExtractor {
        var ocr = PageOCR()
        ocr.tesseract = tesseract
        return PDFExtractor().configured(ExtractionOptions(ocr: ocr)) as! PDFExtractor
    }

    @Test(.enabled(if: tesseractReady, "needs tesseract-ocr-chi-sim (scripts/setup.sh --ocr)"))
    func aScanIsReadPageByPage() throws {
        let text = try extractor().extract(FormatFixtures.bytes(Self.scan), path: "scan.pdf")
        #expect(text.lines.allSatisfy { $0.ocr })
        #expect(Set(text.lines.compactMap(\.page)) == [1, 2])
        let joined = text.lines.map { String($0.text) }.joined(separator: "\n")
        // Tesseract's spaces between characters and around digits are gone.
        #expect(joined.contains("审计工作总体情况"))
        #expect(joined.contains("全年共完成审计项目42个"))
        // A heading on page 2 of the scan knows its page.
        let page2 = try #require(text.lines.first { $0.text.contains("审计发现的主要问题") })
        #expect(page2.page == 2)
    }

    @Test(.enabled(if: tesseractReady, "needs tesseract-ocr-chi-sim (scripts/setup.sh --ocr)"))
    func onlyThePagesWithoutTextAreRecognised() throws {
        // Three pages with a text layer, then the two scanned pages: a report with a
        // scanned attachment. pdfunite comes with poppler-utils.
        let dir = try TemporaryDirectory()
        let mixed = dir.path + "/mixed.pdf"
        let unite = Process()
        unite.executableURL = URL(fileURLWithPath: "/usr/bin/pdfunite")
        unite.arguments = [FormatFixtures.url(Self.textPDF).path, FormatFixtures.url(Self.scan).path, mixed]
        try unite.run()
        unite.waitUntilExit()
        try #require(unite.terminationStatus == 0)

        let text = try extractor().extract([UInt8](try Data(contentsOf: URL(fileURLWithPath: mixed))), path: "mixed.pdf")
        let ocrPages = Set(text.lines.filter(\.ocr).compactMap(\.page))
        let textPages = Set(text.lines.filter { !$0.ocr }.compactMap(\.page))
        #expect(ocrPages == [4, 5])
        #expect(textPages == [1, 2, 3])
        // Without OCR the scanned pages are left out and nothing is marked.
        let plain = try PDFExtractor().extract([UInt8](try Data(contentsOf: URL(fileURLWithPath: mixed))), path: "mixed.pdf")
        #expect(plain.lines.allSatisfy { !$0.ocr && ($0.page ?? 0) <= 3 })
    }

    @Test(.enabled(if: tesseractReady, "needs tesseract-ocr-chi-sim (scripts/setup.sh --ocr)"))
    func anIndexRunWithOCRIndexesTheScanAndMarksItsSections() throws {
        let dir = try TemporaryDirectory()
        let root = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FormatFixtures.url(Self.scan), to: root.appendingPathComponent("scan.pdf"))
        try FileManager.default.copyItem(at: FormatFixtures.url(Self.textPDF), to: root.appendingPathComponent("text.pdf"))
        let index = dir.path + "/index"

        // Without --ocr the scan is a named bad file; the next run with --ocr reads it
        // (a file that failed is tried again) and leaves the unchanged text PDF alone.
        let first = try Indexer.run(roots: [root], indexPath: index)
        #expect(first.skipped.map(\.path) == ["scan.pdf"])
        var options = IndexOptions()
        options.ocr = PageOCR()
        let second = try Indexer.run(roots: [root], indexPath: index, options: options)
        #expect(second.filesIndexed == 1 && second.filesUnchanged == 1 && second.skipped.isEmpty)

        let engine = try SearchEngine(indexPaths: [index])
        let hits = try engine.search("\"预算执行审计\"", options: SearchOptions(limit: 10)).hits
        let scanHit = try #require(hits.first { $0.record.path == "scan.pdf" })
        #expect(scanHit.record.ocr && scanHit.record.page == 1)
        #expect(hits.filter { $0.record.path == "text.pdf" }.allSatisfy { !$0.record.ocr })
        #expect(hits.contains { $0.record.path == "text.pdf" })
    }

    @Test(.enabled(if: tesseractReady, "needs tesseract-ocr-chi-sim (scripts/setup.sh --ocr)"))
    func anImageOnlyOFDIsReadFromItsPictures() throws {
        let bytes = try FormatFixtures.bytes(Self.scannedOFD)
        #expect(throws: ReportError.noTextLayer(path: "s.ofd", format: .ofd)) { try OFDExtractor().extract(bytes, path: "s.ofd") }
        var ocr = PageOCR()
        ocr.tesseract = "tesseract"
        let text = try OFDExtractor().configured(ExtractionOptions(ocr: ocr)).extract(bytes, path: "s.ofd")
        #expect(text.lines.allSatisfy { $0.ocr && $0.page == 1 })
        let joined = text.lines.map { String($0.text) }.joined(separator: "\n")
        #expect(joined.contains("审计工作总体情况") && joined.contains("预算执行审计"))
    }

    @Test func withoutTesseractAScanNamesThePackagesAndTextPDFsStillRead() throws {
        let missing = extractor(tesseract: "/nonexistent/tesseract")
        #expect(throws: ReportError.missingHelper(path: "s.pdf", program: "tesseract", package: "tesseract-ocr tesseract-ocr-chi-sim")) {
            try missing.extract(FormatFixtures.bytes(Self.scan), path: "s.pdf")
        }
        // Every page has a text layer: Tesseract is never asked for.
        let text = try missing.extract(FormatFixtures.bytes(Self.textPDF), path: "t.pdf")
        #expect(!text.lines.isEmpty && text.lines.allSatisfy { !$0.ocr })
        var ocr = PageOCR()
        ocr.tesseract = "/nonexistent/tesseract"
        #expect(ocr.missingPiece() == "tesseract is not installed")
    }

    @Test func aTesseractWithoutChineseIsNamed() throws {
        // A stand-in that lists only English, as tesseract-ocr without tesseract-ocr-chi-sim does.
        let dir = try TemporaryDirectory()
        let fake = dir.path + "/tesseract"
        try Data("#!/bin/sh\necho 'List of available languages in \"/usr/share/tessdata/\" (2):'\necho eng\necho osd\n".utf8)
            .write(to: URL(fileURLWithPath: fake))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        var ocr = PageOCR()
        ocr.tesseract = fake
        #expect(ocr.missingPiece() == "tesseract has no chi_sim language data")
    }

    @Test func aCopyFromATextLayerIsShownBeforeAnOCRCopy() throws {
        func record(_ path: String, date: String, ocr: Bool) -> SectionRecord {
            SectionRecord(path: path, title: "报告", date: date, agency: "", documentNumber: "", sectionPath: SectionPath([]),
                          level: 0, lineStart: 1, lineEnd: 1, passage: 0, text: "正文", ocr: ocr)
        }
        let scan = record("a-scanned.pdf", date: "2025-02-18", ocr: true)
        let text = record("b.txt", date: "2025-02-18", ocr: false)
        #expect(DuplicateCollapse.precedes(text, scan) && !DuplicateCollapse.precedes(scan, text))
        // The earliest copy still comes first, scanned or not.
        #expect(DuplicateCollapse.precedes(record("a-scanned.pdf", date: "2025-02-17", ocr: true), text))
    }

    @Test func theOCRMarkIsStoredAndOlderRecordsStillDecode() throws {
        var record = SectionRecord(path: "scan.pdf", title: "标题", date: "2025-02-18", agency: "", documentNumber: "",
                                   sectionPath: SectionPath(["一、总体"]), level: 1, lineStart: 3, lineEnd: 4,
                                   passage: 0, text: "扫描的正文", page: 2, ocr: true)
        #expect(SectionRecord(decoding: record.encoded()) == record)
        let raw = record.encoded().withUnsafeBytes { SectionRecord.raw($0).map { String(decoding: $0.text, as: UTF8.self) } }
        #expect(raw == "扫描的正文")
        // A version 2 record (no flags field) reads as not OCR.
        record.ocr = false
        var version2 = record.encoded()
        version2[0] = 2
        let flagsOffset = version2.count - 1 - record.text.utf8.count - 1
        version2.remove(at: flagsOffset)
        #expect(SectionRecord(decoding: version2) == record)
    }
}
