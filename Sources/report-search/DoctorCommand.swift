import ArgumentParser
import Foundation
import ReportSearch

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the helper programs, OpenCC's data and an index are present and work.",
        discussion: """
            One line per check, ✓ or ✗; each ✗ names the Debian package to install or the
            command to run. Exits 1 when a required check fails (Tesseract, for OCR, is optional).
            Without --index, the default index is checked when there is one.
            """)

    @Option(name: .long, help: "The index to check (a database folder or a stub file).")
    var index: String?

    @Flag(name: .long, help: "Also run Tesseract on a sample picture (OCR stays an optional check).")
    var ocr = false

    func run() throws {
        var indexPath = index
        if indexPath == nil, FileManager.default.fileExists(atPath: IndexLocation.defaultPath) {
            indexPath = IndexLocation.defaultPath
        }
        let report = Doctor(ocr: ocr).run(indexPath: indexPath)
        try writeOutput(report.description + "\n")
        if index == nil, indexPath == nil {
            try writeOutput("· index: none at \(IndexLocation.defaultPath) (give --index PATH to check another)\n")
        }
        if report.hasRequiredFailure { throw ExitCode(1) }
    }
}
