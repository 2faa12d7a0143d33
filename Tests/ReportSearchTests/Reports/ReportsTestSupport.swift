import Foundation
@testable import ReportSearch

/// Shared helpers for the Reports tests: locating ../shared and parsing small texts.
enum ReportsFixtures {
    /// The package root, derived from this file's location (`<root>/Tests/ReportSearchTests/Reports/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/../shared/<relative>`, or `nil` with a printed notice naming the skipped test.
    static func shared(_ relative: String, for test: String) -> URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        print("notice: ../shared/\(relative) is absent; skipping \(test)")
        return nil
    }

    /// The seed sample report, when ../shared/samples is present.
    static func sampleReport(for test: String) -> URL? {
        shared("samples/changshou-bigdata-2020-fazhi-report.txt", for: test)
    }

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

    /// The sections' texts joined the way ``Report/body`` documents.
    static func joinedBody(_ report: Report) -> String { report.body }

    /// Writes `bytes` to a fresh file in a temporary directory; the caller removes the directory.
    static func temporaryFile(named name: String, bytes: [UInt8]) throws -> (file: URL, directory: URL) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("reports-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return (file, directory)
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
        return [UInt8](data)
    }
}
