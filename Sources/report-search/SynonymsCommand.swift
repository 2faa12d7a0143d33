import ArgumentParser
import Foundation
import ReportSearch

struct SynonymsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synonyms",
        abstract: "Import or list the abbreviation and synonym dictionary kept in the index.",
        discussion: """
            Dictionary lines are `term<TAB>expansion|expansion…`; # starts a comment. A query
            word then also matches its expansions (quoted phrases are not expanded).
            corpus/synonyms/policy-abbreviations.tsv is an example of common policy abbreviations.
            """,
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the terms of FILE (a term already stored is replaced).")

        @Argument(help: "The dictionary file (UTF-8, tab-separated).")
        var file: String

        @OptionGroup var location: IndexLocation

        func run() throws {
            // Its errors are usage errors (exit 64) in ReportSearchCommand.exitError.
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw SynonymDictionaryError.cannotRead(file)
            }
            let dictionary = try SynonymDictionary.parse(text, source: file)
            for path in location.paths { try SynonymImport.run(dictionary, indexPath: path) }
            printStatus("imported \(dictionary.entries.count) terms")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the stored dictionary as `term<TAB>a|b` lines.")

        @OptionGroup var location: IndexLocation

        func run() throws {
            for path in location.paths { try writeOutput(try SynonymImport.stored(indexPath: path).text) }
        }
    }
}
