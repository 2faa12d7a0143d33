import Foundation
@testable import ReportSearch

/// `xapian-tcpsrv` on 127.0.0.1 and a free port, for one test.
final class LocalTCPServer {
    let port: UInt16
    private let process: Process

    static var executable: String? {
        ["/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    convenience init(executable: String, database: String) throws {
        try self.init(executable: executable, databases: [database])
    }

    /// Serves `databases` (combined, as xapian-tcpsrv does with several paths) on a port
    /// the OS reports free. Another process may take that port before xapian-tcpsrv binds
    /// it, so a server that dies or never answers is retried on a new port.
    init(executable: String, databases: [String]) throws {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let candidate: UInt16
            do {
                candidate = try Self.freePort()
            } catch {
                lastError = error
                continue
            }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["--interface", "127.0.0.1", "--port", String(candidate)] + databases
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            do {
                try p.run()
            } catch {
                lastError = error
                continue
            }
            // Wait until it accepts connections (or died because the port was taken).
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline && p.isRunning {
                if (try? XapianDatabase(remoteHost: "127.0.0.1", port: candidate, timeoutMilliseconds: 1000)) != nil {
                    port = candidate
                    process = p
                    return
                }
                usleep(50_000)
            }
            if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
            lastError = XapianError(kind: .network, message: "xapian-tcpsrv did not answer on 127.0.0.1:\(candidate)")
        }
        throw lastError ?? XapianError(kind: .network, message: "xapian-tcpsrv did not start")
    }

    func connect() throws -> XapianDatabase {
        try XapianDatabase(remoteHost: "127.0.0.1", port: port, timeoutMilliseconds: 5000)
    }

    deinit { stop() }

    /// SIGKILL: xapian-tcpsrv does not always stop on SIGTERM while a connection is open.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A TCP port on 127.0.0.1 that is free now: bind a socket to port 0, read back the
    /// port the OS chose, and close the socket.
    static func freePort() throws -> UInt16 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return UInt16(bigEndian: address.sin_port)
    }
}
