import ArgumentParser
import Foundation
import ReportSearch

enum ColorChoice: String, ExpressibleByArgument { case auto, always, never }

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Rank the sections that match a query and show them with highlights.",
        discussion: """
            Query language: words separated by spaces must all occur; "quoted phrase" is exact;
            -word excludes; A OR B; parentheses; filters title:/标题:, agency:/机关:, year:2020,
            year:2019..2021, date:2020-01-01..2020-06-30, path:/来源: (a folder prefix).
            """)

    @Argument(help: "The query. Several words are searched as one query, joined with spaces (营商环境 优化).")
    var query: [String] = []

    @Option(help: "Batch mode: a file of `qid<TAB>query` lines (or bare queries); - reads standard input.")
    var queries: String?

    @Option(help: "Number of sections to show.")
    var limit = 10

    @OptionGroup var location: IndexLocation
    @OptionGroup var flags: SearchFlags

    @Option(help: "Output: text, csv or json (one object per line).")
    var format: HitListRenderer.Format = .text

    @Option(help: "Highlight colour: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Show the parsed query and each hit's weight.")
    var explain = false

    @Flag(help: "When a shard is down or unreachable, search the others and say which is missing.")
    var allowPartial = false

    @Flag(inversion: .prefixedNo, help: "Write a UTF-8 byte order mark first (CSV for Excel).")
    var bom = false

    @Flag(help: "Count the exact matches by year, agency and folder (a block after the hits; JSON: one more line).")
    var facets = false

    @Flag(help: "Time each query (search, ranking and snippets): `qid<TAB>ms` lines and a median/p95 summary on stderr.")
    var timing = false

    func validate() throws {
        try flags.validate(limit: limit)
        if !query.isEmpty && queries != nil { throw ValidationError("give either a QUERY or --queries FILE, not both") }
        if query.isEmpty && queries == nil { throw ValidationError("give a QUERY, e.g. report-search search 合法性审查") }
    }

    func run() throws {
        let batch = try queries.map(Self.readBatch) ?? QueryBatch(entries: [.init(qid: "1", query: query.joined(separator: " "))])
        var options = flags.options(limit: limit)
        options.facets = facets
        let useColor = color == .always || (color == .auto && isTerminal(STDOUT_FILENO))
        let renderer = HitListRenderer(format: format, color: useColor && format == .text, batch: queries != nil)
        let engine = try location.openEngine(allowPartial: allowPartial)
        // Each missing shard is named once: those that did not open, then any that stops
        // answering during the batch.
        var warned = 0
        func warnAboutMissingShards() {
            let missing = engine.missingShards
            for shard in missing.dropFirst(warned) { printError("warning: shard \(shard) is unavailable; results are partial") }
            warned = max(warned, missing.count)
        }
        warnAboutMissingShards()

        var out = (bom ? CSVWriter.byteOrderMark : "") + renderer.header()
        var failures = 0
        var times: [Double] = []
        for entry in batch.entries {
            let start = ContinuousClock.now
            do {
                let results = try engine.search(entry.query, options: options)
                warnAboutMissingShards()
                if explain {
                    out += "query: \(results.query)\nxapian: \(results.xapianQuery)\nrelaxation: \(results.relaxation.rawValue)\n"
                    for applied in results.synonyms { out += "synonyms: \(applied.description)\n" }
                }
                out += renderer.render(results, qid: entry.qid, query: entry.query)
            } catch let error as QuerySyntaxError where queries != nil {
                failures += 1
                printError("query \(entry.qid): \(error.message)")
                continue
            } catch where queries != nil {
                // A batch that stops (a shard died): the results so far are good, keep them.
                try writeOutput(out)
                throw error
            }
            if timing {
                let elapsed = start.duration(to: .now)
                let ms = elapsed.inSeconds * 1e3
                times.append(ms)
                printStatus("\(entry.qid)\t\(TimingSummary.format(ms))")
            }
            if out.utf8.count > 1 << 16 {
                try writeOutput(out)
                out = ""
            }
        }
        try writeOutput(out)
        if let summary = TimingSummary(milliseconds: times) { printStatus(summary.description) }
        if failures > 0 && failures == batch.entries.count { throw ExitCode(64) }
    }

    static func readBatch(_ path: String) throws -> QueryBatch {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else {
                throw UsageError("the queries on standard input are not UTF-8 text; convert them with iconv -t UTF-8")
            }
            return QueryBatch(text: text)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UsageError("cannot read queries file \(path); check the path")
        }
        return QueryBatch(text: text)
    }
}
