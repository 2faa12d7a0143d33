import Foundation
import Hummingbird
import ReportSearch

/// `report-search serve`: a Hummingbird 2 application over one index. It binds to
/// loopback unless told otherwise, and stops cleanly on SIGINT (Ctrl-C) or SIGTERM.
///
///     let server = WebServer(configuration: .init(indexPaths: ["/data/index"]))
///     try await server.run { print($0) }   // "serving /data/index at http://127.0.0.1:8080/ …"
public struct WebServer: Sendable {
    public struct Configuration: Sendable {
        public var indexPaths: [String]
        public var host: String
        public var port: Int
        /// Whether a report's original file may be downloaded (`--no-originals`: false).
        public var originals: Bool

        public init(indexPaths: [String], host: String = "127.0.0.1", port: Int = 8080, originals: Bool = true) {
            (self.indexPaths, self.host, self.port, self.originals) = (indexPaths, host, port, originals)
        }
    }

    public var configuration: Configuration
    let engines: EngineHolder

    /// `engine`, when given, is used instead of opening `configuration.indexPaths` (tests).
    public init(configuration: Configuration, engine: SearchEngine? = nil) {
        self.configuration = configuration
        engines = EngineHolder(indexPaths: configuration.indexPaths, engine: engine)
    }

    /// Whether `host` is a loopback address, reachable from this machine only.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The router with every route (see ``WebRoutes``).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        WebRoutes(engines: engines, originals: configuration.originals).register(on: router)
        return router
    }

    /// The application; `status` gets one line once it listens (with the real port, also
    /// for port 0).
    public func application(status: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        let configuration = configuration
        return Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "report-search"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                status("serving \(configuration.indexPaths.joined(separator: ", ")) at http://\(host):\(port)/ — Ctrl-C stops")
            })
    }

    /// Warns (through `status`) when the address is not loopback, then serves until
    /// SIGINT or SIGTERM, finishing the requests under way.
    public func run(status: @escaping @Sendable (String) -> Void) async throws {
        if Self.isLoopback(configuration.host) {
            status("listening on loopback only (\(configuration.host)); other machines cannot connect")
        } else {
            status("warning: listening on \(configuration.host), reachable from other machines: anyone who can "
                   + "connect can read every indexed report; use --host 127.0.0.1 to keep it local")
        }
        do {
            _ = try engines.engine()
        } catch {
            status("warning: \(error.localizedDescription) — pages will say so until the index can be opened")
        }
        try await application(status: status).runService()
    }
}
