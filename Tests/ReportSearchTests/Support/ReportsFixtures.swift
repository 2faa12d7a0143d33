import Foundation
import Testing
@testable import ReportSearch

/// Small helpers for the Reports tests: parsing texts, listing corpus files, making
/// bytes in other encodings. Paths come from ``TestPaths``.
enum ReportsFixtures {
    /// Parses plain text as a `.txt` report.
    static func parse(_ text: String, format: ReportFormat = .text, path: String = "test.txt") -> Report {
        ReportParser.parse(text, format: format, path: path)
    }

    /// The `.txt` files of a corpus folder, sorted by name.
    static func textFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Converts UTF-8 text to another encoding with iconv(1), as a test would get it from a file.
    static func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "iconv could not convert the text to \(encoding)")
        return [UInt8](data)
    }
}
