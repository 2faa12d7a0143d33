import Foundation

/// A fresh temporary directory, removed when the returned guard's `cleanup` runs.
struct TemporaryDirectory: ~Copyable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "rs-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum TestPaths {
    /// The package root (…/main), derived from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package, when present.
    static var shared: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A folder of ../shared/corpus, or nil with a printed notice (tests then skip).
    static func sharedCorpus(_ name: String, for test: String) -> URL? {
        if let shared, FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/\(name)").path) {
            return shared.appendingPathComponent("corpus/\(name)")
        }
        print("notice: ../shared/corpus/\(name) is absent; skipping \(test)")
        return nil
    }
}
