import ArgumentParser
import Foundation
import ReportSearchWeb

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Search the index in a web browser: search page, previews, facets, downloads and a JSON API.",
        discussion: """
            Binds to 127.0.0.1 (this machine only) unless --host says otherwise. Ctrl-C stops it.
            Example: report-search serve --index ~/.report-search/index, then open http://127.0.0.1:8080/
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "Address to listen on; anything but loopback lets other machines read the reports.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Flag(help: "Never serve a report's original file, only the index's text.")
    var noOriginals = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535") }
        guard !host.isEmpty else { throw ValidationError("--host needs an address, e.g. 127.0.0.1") }
    }

    /// The CLI's commands are synchronous; the server runs in a task and this thread waits
    /// for it to finish (after Ctrl-C), then reports how it ended.
    func run() throws {
        let server = WebServer(configuration: .init(indexPaths: location.paths, host: host, port: port, originals: !noOriginals))
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { printStatus($0) }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw RunError("the server stopped: \(error.localizedDescription); is another program using port \(port)? try --port")
        }
        printStatus("stopped")
    }
}

/// How the server task ended, read after it signalled. `@unchecked Sendable`: written once
/// by the task under `lock`, read after the semaphore.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? { lock.withLock { stored } }
    func set(_ error: any Error) { lock.withLock { stored = error } }
}
