import Foundation
import Testing

/// `report-search doctor` as a user runs it: its exit code follows the required checks.
@Suite struct DoctorCommandTests {
    func run(_ arguments: [String], path: String = "/usr/bin:/bin") throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = try TestPaths.reportSearchCLI()
        process.arguments = ["doctor"] + arguments
        process.environment = ["PATH": path, "REPORT_SEARCH_INDEX": "/nonexistent/default-index"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func passesWithAnIndexAndFailsWithoutHelpers() throws {
        let index = try SharedIndexes.sample()
        let healthy = try run(["--index", index])
        #expect(healthy.status == 0, "\(healthy.out)")
        #expect(healthy.out.contains("✓ index check: "))
        #expect(!healthy.out.split(separator: "\n").contains { $0.hasPrefix("✗") && !$0.contains("(optional)") })

        // No helper on PATH: each required one is ✗ with its package, and the exit code is 1.
        let bare = try run([], path: "/nonexistent")
        #expect(bare.status == 1)
        for package in ["poppler-utils", "antiword", "xapian-tools"] {
            #expect(bare.out.contains("sudo apt-get install \(package)"), "\(package)")
        }
        #expect(bare.out.contains("· index: none at /nonexistent/default-index"))
    }

    @Test func aMissingIndexFails() throws {
        let missing = try run(["--index", "/nonexistent/index"])
        #expect(missing.status == 1)
        #expect(missing.out.contains("✗ index: no index at /nonexistent/index — build one: report-search index DIR --index /nonexistent/index"))
    }
}
