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
            dictionaries/synonyms-policy.tsv is an example of common policy abbreviations.
            """,
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the terms of FILE (a term already stored is replaced).")

        @Argument(help: "The dictionary file (UTF-8, tab-separated).")
        var file: String

        @OptionGroup var location: IndexLocation

        func run() throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw fail(SynonymDictionaryError.cannotRead(file).localizedDescription, code: 64)
            }
            do {
                let dictionary = try SynonymDictionary.parse(text, source: file)
                for path in location.paths { try SynonymImport.run(dictionary, indexPath: path) }
                FileHandle.standardError.write(Data("imported \(dictionary.entries.count) terms\n".utf8))
            } catch let error as SynonymDictionaryError {
                throw fail(error.localizedDescription, code: 64)
            } catch let error as IndexOpenError {
                throw fail(error.localizedDescription)
            } catch let error as IndexingError {
                throw fail(error.localizedDescription)
            } catch let error as XapianError {
                throw fail("cannot import synonyms: \(error.message)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the stored dictionary as `term<TAB>a|b` lines.")

        @OptionGroup var location: IndexLocation

        func run() throws {
            var out = ""
            do {
                for path in location.paths { out += try SynonymImport.stored(indexPath: path).text }
            } catch let error as IndexOpenError {
                throw fail(error.localizedDescription)
            } catch let error as XapianError {
                throw fail("cannot read synonyms: \(error.message)")
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}
