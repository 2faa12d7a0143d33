import Foundation
import Testing
@testable import ReportSearch

/// `report-search doctor`'s checks: they pass on this machine (scripts/setup.sh installs the
/// helpers), and a missing helper, an old-format index and a damaged one each show ✗ with
/// what to do.
@Suite struct DoctorTests {
    @Test func everyRequiredCheckPassesHere() throws {
        let report = Doctor().run()
        for check in report.checks where check.isRequired {
            #expect(check.passed, "\(check.line)")
        }
        #expect(!report.hasRequiredFailure)
        let names = report.checks.map(\.name)
        #expect(names == ["pdftotext", "poppler-data", "antiword", "OpenCC t2s", "xapian-tcpsrv", "xapian-check", "tesseract"])
        let pdf = try #require(report.check(named: "pdftotext"))
        #expect(pdf.line.hasPrefix("✓ pdftotext: "))
        #expect(pdf.detail.firstMatch(of: /^\d+\.\d+(\.\d+)* at \//) != nil)
        #expect(try #require(report.check(named: "antiword")).detail.hasPrefix("0."))
        #expect(try #require(report.check(named: "OpenCC t2s")).detail.hasPrefix("經濟 → 经济"))
    }

    @Test func theSamplesConvertLikeReports() throws {
        // The samples themselves: the PDF has both lines, the DOC unpacks to an OLE2 file.
        #expect(DoctorSamples.pdf.starts(with: Array("%PDF-1.4".utf8)))
        let doc = try DoctorSamples.doc()
        #expect(doc.starts(with: [0xD0, 0xCF, 0x11, 0xE0]))
        let lines = try DOCExtractor().extract(doc, path: "sample.doc").lines
        #expect(lines.contains { $0.text == DoctorSamples.docTitle })
    }

    @Test(arguments: [
        ("pdftotext", "poppler-utils"), ("antiword", "antiword"), ("xapian-tcpsrv", "xapian-tools"), ("xapian-check", "xapian-tools"),
    ])
    func aMissingHelperShowsThePackage(helper: String, package: String) throws {
        var doctor = Doctor()
        let missing = "/nonexistent/\(helper)"
        switch helper {
        case "pdftotext": doctor.pdftotext = missing
        case "antiword": doctor.antiword = missing
        case "xapian-tcpsrv": doctor.xapianTCPServer = missing
        default: doctor.xapianCheck = missing
        }
        let report = doctor.run()
        let check = try #require(report.check(named: helper))
        #expect(!check.passed)
        #expect(check.line.hasPrefix("✗ \(helper): not found"))
        #expect(check.line.contains("sudo apt-get install \(package)"))
        #expect(report.hasRequiredFailure)
    }

    @Test func missingTesseractIsOptional() throws {
        var doctor = Doctor(ocr: true)
        doctor.tesseract = "/nonexistent/tesseract"
        let report = doctor.run()
        let check = try #require(report.check(named: "tesseract"))
        #expect(!check.passed && !check.isRequired)
        #expect(check.line.hasPrefix("✗ tesseract (optional): not found"))
        #expect(check.line.contains("tesseract-ocr-chi-sim"))
        #expect(!report.hasRequiredFailure)
    }

    @Test(.enabled(if: HelperProgram(name: "tesseract", package: "tesseract-ocr", executable: "tesseract", timeoutSeconds: 1).resolvedURL() != nil,
                   "Tesseract is not installed (optional)"))
    func tesseractReadsTheSamplePageWhenInstalled() throws {
        let check = try #require(Doctor(ocr: true).run().check(named: "tesseract"))
        #expect(check.passed, "\(check.line)")
        #expect(check.detail.contains("read 经济发展 from a scanned page"))
    }

    @Test func aHealthyIndexPasses() throws {
        let index = try SharedIndexes.sample()
        let checks = Doctor().checkIndex(at: index)
        #expect(checks.map(\.name) == ["index", "index format", "index check", "index size"])
        for check in checks { #expect(check.passed, "\(check.line)") }
        #expect(checks[1].detail == IndexSchema.formatValue)
        #expect(checks[3].detail.contains("MB on disk, last update 20"))
    }

    @Test func aMissingIndexSaysHowToBuildOne() throws {
        let dir = try TemporaryDirectory()
        let checks = Doctor().checkIndex(at: dir.path + "/none")
        #expect(checks.count == 1 && !checks[0].passed)
        #expect(checks[0].line.contains("report-search index DIR --index \(dir.path)/none"))
    }

    @Test func anOldFormatIndexShowsRebuild() throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let writer = try XapianWritableDatabase(path: index)
        try writer.setMetadata(IndexSchema.formatKey, Array("reportsearch-4 bigram-nopos".utf8))
        try writer.commit()
        try writer.close()
        let checks = Doctor().checkIndex(at: index)
        let format = try #require(checks.first { $0.name == "index format" })
        #expect(!format.passed)
        #expect(format.line.contains("reportsearch-4 bigram-nopos"))
        #expect(format.line.contains("--rebuild"))
        #expect(DoctorReport(checks: checks).hasRequiredFailure)
    }

    @Test func aDamagedIndexShowsRebuild() throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let table = try FileHandle(forWritingTo: URL(fileURLWithPath: index + "/postlist.glass"))
        try table.seek(toOffset: 4096)
        try table.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try table.close()
        let report = DoctorReport(checks: Doctor().checkIndex(at: index))
        let failed = report.checks.filter { !$0.passed }
        #expect(!failed.isEmpty)
        #expect(failed.allSatisfy { $0.line.contains("--rebuild") }, "\(report)")
        #expect(report.hasRequiredFailure)
    }
}
