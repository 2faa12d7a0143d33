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
            do {
                let stats = try IndexStatistics(indexPath: path)
                print(stats.description)
            } catch let error as IndexOpenError {
                throw fail(error.localizedDescription)
            }
        }
    }
}
