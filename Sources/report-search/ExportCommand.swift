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
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw RunError("cannot write \(output): \(error.localizedDescription)")
        }
        printStatus("wrote \(results.hits.count) sections to \(output)")
    }
}
