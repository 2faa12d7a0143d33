import ArgumentParser
import Foundation
import ReportSearch

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a query's hit list as a CSV file for Excel (UTF-8 with BOM).")

    @Argument(help: "The query.")
    var query: String

    @Option(name: .shortAndLong, help: "The CSV file to write.")
    var output: String

    @Option(help: "Number of sections to export.")
    var limit = 1_000

    @OptionGroup var location: IndexLocation
    @OptionGroup var flags: SearchFlags

    @Flag(inversion: .prefixedNo, help: "Start the file with a UTF-8 byte order mark (default: yes).")
    var bom = true

    func validate() throws { try flags.validate(limit: limit) }

    func run() throws {
        let results = try location.openEngine().search(query, options: flags.options(limit: limit))
        let renderer = HitListRenderer(format: .csv)
        let csv = (bom ? CSVWriter.byteOrderMark : "") + renderer.header() + renderer.render(results)
        try Self.write(Array(csv.utf8), to: output)
        printStatus("wrote \(results.hits.count) sections to \(output)")
    }

    /// Writes into whatever is at `path`, as a shell's `>` does: an existing file is opened
    /// and truncated, so a symbolic link stays a link, a hard link stays linked, the file's
    /// mode and owner stay, a FIFO's reader gets the bytes and a device gets them too (or
    /// fails, as /dev/full does). A new file is created with the usual mode (0666 & ~umask).
    static func write(_ bytes: [UInt8], to path: String) throws {
        func failure(_ code: Int32) -> RunError {
            RunError("cannot write \(path): \(String(cString: strerror(code))); check the path and the free space, then run again")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw failure(code)
            }
            written += n
        }
        guard close(fd) == 0 else { throw failure(errno) }
    }
}
