import ArgumentParser
import Foundation
import ReportSearch

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what an index holds.")

    @OptionGroup var location: IndexLocation

    func run() throws {
        for path in location.paths {
            try writeOutput(try IndexStatistics(indexPath: path).description + "\n")
        }
    }
}
