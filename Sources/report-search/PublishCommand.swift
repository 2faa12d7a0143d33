import ArgumentParser
import Foundation
import ReportSearch

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write a compacted, read-only search copy of the index (its shards merged into one).",
        discussion: """
            The copy leaves out Xapian's termlist, which only updating needs: about 60% of the
            index's size, and searched exactly like it (search, export, trend, serve --index DEST).
            It cannot be updated: run `index` on the index and publish again, which replaces
            the copy in one step while searches on the old one finish.
            Example: report-search publish /srv/report-search/copy --index ~/.report-search/index
            """)

    @Argument(help: "Where to write the copy: a new or empty folder, or a copy published before.")
    var destination: String

    @OptionGroup var location: IndexLocation

    func validate() throws {
        guard location.index.count <= 1 else { throw ValidationError("publish copies one index: give --index once") }
    }

    func run() throws {
        try writeOutput(try SearchCopy.publish(from: location.paths[0], to: destination).description + "\n")
    }
}
