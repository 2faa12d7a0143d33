import Foundation

/// A fresh temporary directory, removed with everything in it when the value goes away.
///
///     let dir = try TemporaryDirectory()
///     let file = try dir.file(named: "gbk.txt", bytes: bytes)   // <dir>/gbk.txt
struct TemporaryDirectory: ~Copyable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "rs-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to a file named `name` in this directory and returns its URL.
    func file(named name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    /// A copy of the project's corpus in this directory, without the scanned PDF and OFD:
    /// they are skipped (no text layer) and so retried on every run, which would write; the
    /// tests using the copy are about files that index.
    func copyOfCorpus() throws -> URL {
        let target = url.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: TestPaths.corpus, to: target)
        for scan in FormatFixtures.scans { try FileManager.default.removeItem(at: target.appendingPathComponent(scan)) }
        return target
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
