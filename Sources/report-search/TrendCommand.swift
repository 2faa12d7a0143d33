import ArgumentParser
import Foundation
import ReportSearch

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Count matching reports and sections per year, agency or folder; several queries side by side.",
        discussion: """
            Counts are exact (the same matching as search, synonyms included). Years without a
            hit are zero rows. --per-10k divides occurrences by each bucket's characters, so
            years with more reports do not look busier.
            Example: report-search trend 放管服 营商环境 数字政府 --per-10k
            """)

    @Argument(help: "One or more queries; each gets a column.")
    var queries: [String] = []

    @Option(help: "Bucket by year, agency or folder (the top-level folder).")
    var by = "year"

    @Flag(name: .customLong("per-10k"), help: "Occurrences per 10,000 characters of each bucket's text.")
    var per10k = false

    @Option(help: "Output: text (a bar chart), csv or json (one object per query and bucket).")
    var format: HitListRenderer.Format = .text

    @Option(help: "Bar colour: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @OptionGroup var location: IndexLocation

    func validate() throws {
        guard FacetDimension(rawValue: by) != nil else { throw ValidationError("unknown --by \(by); use year, agency or folder") }
        guard !queries.isEmpty else { throw ValidationError("give a QUERY, e.g. report-search trend 放管服") }
    }

    func run() throws {
        let dimension = FacetDimension(rawValue: by) ?? .year
        let trend = try location.openEngine().trend(queries, by: dimension, per10k: per10k)
        let useColor = format == .text && (color == .always || (color == .auto && isTerminal(STDOUT_FILENO)))
        try writeOutput(TrendRenderer(format: format, color: useColor).render(trend))
    }
}
