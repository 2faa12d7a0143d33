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

    @OptionGroup var location: IndexLocation
    @OptionGroup var flags: SearchFlags

    @Flag(inversion: .prefixedNo, help: "Start the file with a UTF-8 byte order mark (default: yes).")
    var bom = true

    func run() throws {
        var options = try flags.options()
        if options.limit == 10 { options.limit = 1_000 }
        let engine = try location.openEngine()
        let results: SearchResults
        do {
            results = try engine.search(query, options: options)
        } catch let error as QuerySyntaxError {
            throw fail(error.message, code: 64)
        }
        let renderer = HitListRenderer(format: .csv)
        let csv = (bom ? CSVWriter.byteOrderMark : "") + renderer.header() + renderer.render(results)
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw fail("cannot write \(output): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote \(results.hits.count) sections to \(output)\n".utf8))
    }
}
