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
                      StatsCommand.self, EvalCommand.self]
    )
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

    /// Opens the index for searching, or exits with a one-line message saying what to do.
    func openEngine(allowPartial: Bool = false) throws -> SearchEngine {
        do {
            return try SearchEngine(indexPaths: paths, allowPartial: allowPartial)
        } catch let error as IndexOpenError {
            throw fail(error.localizedDescription)
        }
    }
}

/// Prints a one-line message to stderr and exits with `code`.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("report-search: \(message)\n".utf8))
    return ExitCode(code)
}

func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
