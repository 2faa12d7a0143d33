import Foundation
@testable import ReportSearch

/// The format fixtures in corpus/formats/: one report of ours as text, PDF, DOCX (with and
/// without heading styles), DOC and OFD, and a scan (made by scripts/make-fixtures.sh).
enum FormatFixtures {
    static let folder = "formats"
    static let stem = "liuxi-audit-2024-work-report"
    static let scannedPDF = "formats/liuxi-audit-2024-work-report-scanned.pdf"
    static let scannedOFD = "formats/liuxi-audit-2024-work-report-scanned.ofd"
    /// The files with no text layer: skipped unless indexed with OCR.
    static let scans = [scannedPDF, scannedOFD]
    /// Every readable copy of the report, the text first.
    static let copies = ["\(stem).txt", "\(stem).pdf", "\(stem).docx", "\(stem)-nostyles.docx", "\(stem).doc", "\(stem).ofd"]

    static func url(_ name: String) -> URL {
        TestPaths.corpus.appendingPathComponent(folder).appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    static func report(_ name: String) throws -> Report {
        try ReportParser.read(fileAt: url(name), relativePath: "\(folder)/\(name)", maxBytes: 1 << 26)
    }
}
