import ArgumentParser
import ReportSearch

@main
struct ReportSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-search",
        abstract: "Index folders of Chinese reports and find the sections that answer a query.",
        version: "0.1.0"
    )
}
