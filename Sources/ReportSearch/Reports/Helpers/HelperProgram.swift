import Foundation

/// A program from a Debian package that an extractor runs as a child process (pdftotext,
/// antiword): run with a time limit, so a hostile or broken file can neither crash nor hang
/// the indexer; its output is read on other threads, so a full pipe never blocks it.
///
/// | situation                                   | result                                             |
/// |---------------------------------------------|----------------------------------------------------|
/// | `pdftotext` on `PATH`, exits within the limit | ``Output`` with status, stdout bytes, stderr text  |
/// | `executable` not found                      | throws ``ReportError/missingHelper(path:program:package:)`` |
/// | still running after `timeoutSeconds`        | killed (SIGTERM, then SIGKILL); throws ``ReportError/extractionTimedOut(path:program:seconds:)`` |
///
/// `executable` is a bare name looked up on `PATH`, or a path; tests point it at a program
/// that does not exist to check the "install …" message.
struct HelperProgram: Sendable {
    /// The program's usual name, for messages: `pdftotext`.
    var name: String
    /// The Debian package that installs it: `poppler-utils`.
    var package: String
    /// A bare name (looked up on `PATH`) or a path.
    var executable: String
    /// Seconds before the child is killed.
    var timeoutSeconds: Double
    /// Extra environment variables (`LC_ALL=C.UTF-8` for antiword).
    var environment: [String: String] = [:]

    struct Output: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    /// The executable's location, or `nil` when there is none.
    func resolvedURL() -> URL? {
        let fileManager = FileManager.default
        if executable.contains("/") {
            return fileManager.isExecutableFile(atPath: executable) ? URL(fileURLWithPath: executable) : nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(executable)"
            if fileManager.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// Runs the program with `arguments`; `path` names the report in errors.
    func run(_ arguments: [String], path: String) throws(ReportError) -> Output {
        guard let url = resolvedURL() else { throw .missingHelper(path: path, program: name, package: package) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let collected = Collected()
        let readers = DispatchGroup()
        for (pipe, isOut) in [(stdout, true), (stderr, false)] {
            readers.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread {
                let data = handle.readDataToEndOfFile()
                collected.store(data, isOut: isOut)
                readers.leave()
            }
        }
        do {
            try process.run()
        } catch {
            try? stdout.fileHandleForWriting.close()
            try? stderr.fileHandleForWriting.close()
            readers.wait()
            throw .missingHelper(path: path, program: name, package: package)
        }
        // The parent's copies of the write ends must close, or the readers never see EOF.
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                // Foundation may report the exit only once the pipes close; do not hang on it.
                _ = finished.wait(timeout: .now() + 1)
            }
            // A grandchild (a shell's `sleep`) may still hold the pipes open: do not wait for it.
            _ = readers.wait(timeout: .now() + 1)
            throw .extractionTimedOut(path: path, program: name, seconds: timeoutSeconds)
        }
        if readers.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            throw .extractionTimedOut(path: path, program: name, seconds: timeoutSeconds)
        }
        return Output(status: process.terminationStatus, stdout: collected.stdout, stderr: collected.stderr)
    }

    /// Runs the program on `bytes` written to a private temporary file (pdftotext and
    /// antiword seek in their input, so a pipe will not do); the file is removed afterwards.
    func run(on bytes: [UInt8], fileExtension: String, arguments: (String) -> [String], path: String) throws(ReportError) -> Output {
        guard resolvedURL() != nil else { throw .missingHelper(path: path, program: name, package: package) }
        return try Self.withTemporaryCopy(of: bytes, fileExtension: fileExtension, for: name, path: path) { file throws(ReportError) in
            try run(arguments(file), path: path)
        }
    }

    /// Calls `body` with the path of a private temporary file holding `bytes`, removed afterwards.
    static func withTemporaryCopy<T>(of bytes: [UInt8], fileExtension: String, for program: String, path: String,
                                     _ body: (String) throws(ReportError) -> T) throws(ReportError) -> T {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("report-search-\(UUID().uuidString).\(fileExtension)")
        do {
            try Data(bytes).write(to: temporary, options: .atomic)
        } catch {
            throw .unreadable(path: path, reason: "cannot write a temporary copy for \(program): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try body(temporary.path)
    }
}

/// The child's output, filled in by the reader threads.
private final class Collected: @unchecked Sendable {
    // Safe to share: every access goes through `lock`.
    private let lock = NSLock()
    private var out: [UInt8] = []
    private var err: [UInt8] = []

    func store(_ data: Data, isOut: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isOut { out = [UInt8](data) } else { err = [UInt8](data) }
    }

    var stdout: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return out
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: err.prefix(4_096), as: UTF8.self)
    }
}
