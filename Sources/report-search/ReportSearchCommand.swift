import ArgumentParser
import Foundation
import ReportSearch

@main
struct ReportSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-search",
        abstract: "Index folders of Chinese reports and find the sections that answer a query.",
        discussion: """
            The index lives at --index, else $REPORT_SEARCH_INDEX, else ~/.report-search/index.
            Example: report-search index corpus && report-search search 合法性审查
            """,
        version: "0.1.0",
        subcommands: [IndexCommand.self, SearchCommand.self, ExportCommand.self, TrendCommand.self, SynonymsCommand.self,
                      StatsCommand.self, EvalCommand.self, ServeCommand.self, PublishCommand.self, DoctorCommand.self]
    )

    /// Parses and runs the command. Every failure becomes one line on stderr and an exit
    /// code here, in one place: 64 for a usage error (bad flag, bad query), 1 for others.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: exitError(for: error))
        }
    }

    static func exitError(for error: any Error) -> any Error {
        let code: Int32
        switch error {
        case is QuerySyntaxError, is UsageError, is SynonymDictionaryError: code = 64
        case is IndexOpenError, is SearchError, is IndexingError, is XapianError, is ReportError, is RunError, is CocoaError: code = 1
        default: return error  // the argument parser's own errors, ExitCode, CleanExit
        }
        printError(error.localizedDescription)
        return ExitCode(code)
    }
}

/// A usage error found by a command (exit 64): what is wrong and how to fix it.
struct UsageError: LocalizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

/// A failure outside the library's own error types (exit 1), e.g. output that cannot be written.
struct RunError: LocalizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

/// `--index`, shared by the subcommands.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "Index path (a database folder or a stub file); repeat to search several.")
    var index: [String] = []

    static var defaultPath: String {
        if let env = ProcessInfo.processInfo.environment["REPORT_SEARCH_INDEX"], !env.isEmpty { return env }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".report-search/index").path
    }

    var paths: [String] { index.isEmpty ? [Self.defaultPath] : index }

    func openEngine(allowPartial: Bool = false) throws -> SearchEngine {
        try SearchEngine(indexPaths: paths, allowPartial: allowPartial)
    }
}

/// `report-search: message` on stderr.
func printError(_ message: String) {
    try? FileHandle.standardError.write(contentsOf: Data("report-search: \(message)\n".utf8))
}

/// A status line on stderr (no prefix): progress, summaries of what was written.
func printStatus(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}

/// Writes to stdout, reporting a full disk or a closed pipe as an error instead of trapping.
func writeOutput(_ text: String) throws {
    guard !text.isEmpty else { return }
    do {
        try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    } catch {
        throw RunError("cannot write the results to standard output: \(error.localizedDescription)")
    }
}

func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
