import ArgumentParser
import Foundation
import ReportSearch

/// Options shared by `search` and `export`.
struct SearchFlags: ParsableArguments {
    @Option(help: "Number of sections to show.")
    var limit = 10

    @Option(help: "Skip this many sections first (paging).")
    var offset = 0

    @Option(help: "At most this many sections per report; 0 = no limit.")
    var perDoc = 3

    @Option(help: "Order: relevance or date (newest first).")
    var sort: SearchOptions.Sort = .relevance

    @Option(help: "Snippet fragments per section.")
    var fragments = 1

    @Option(help: "Snippet length in characters.")
    var snippetChars = 160

    @Flag(help: "Show every copy of reposted text instead of one hit with the other reports listed.")
    var noCollapse = false

    func options() throws -> SearchOptions {
        guard limit >= 0, offset >= 0, perDoc >= 0, fragments >= 1, snippetChars >= 20 else {
            throw ValidationError("--limit, --offset and --per-doc must be ≥ 0, --fragments ≥ 1, --snippet-chars ≥ 20")
        }
        return SearchOptions(limit: limit, offset: offset, perDocument: perDoc, sort: sort,
                             snippet: SnippetMaker(maxCharacters: snippetChars, fragments: fragments),
                             collapseDuplicates: !noCollapse)
    }
}

extension SearchOptions.Sort: ExpressibleByArgument {}
extension HitListRenderer.Format: ExpressibleByArgument {}

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

    @Argument(help: "The query.")
    var query: String?

    @Option(help: "Batch mode: a file of `qid<TAB>query` lines (or bare queries).")
    var queries: String?

    @OptionGroup var location: IndexLocation
    @OptionGroup var flags: SearchFlags

    @Option(help: "Output: text, csv or json (one object per line).")
    var format: HitListRenderer.Format = .text

    @Option(help: "Highlight colour: auto (on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Show the parsed query and each hit's weight.")
    var explain = false

    @Flag(help: "Count the exact matches by year, agency and folder (a block after the hits; JSON: one more line).")
    var facets = false

    @Flag(help: "When a shard is down or unreachable, search the others and say which is missing.")
    var allowPartial = false

    @Flag(inversion: .prefixedNo, help: "Write a UTF-8 byte order mark first (CSV for Excel).")
    var bom = false

    @Flag(help: "Time each query (search, ranking and snippets): `qid<TAB>ms` lines and a median/p95 summary on stderr.")
    var timing = false

    func run() throws {
        var options = try flags.options()
        options.facets = facets
        let useColor = color == .always || (color == .auto && isTerminal(STDOUT_FILENO))
        let batch = queries != nil
        let renderer = HitListRenderer(format: format, color: useColor && format == .text, batch: batch)
        let lines: [(qid: String, query: String)]
        if let file = queries {
            guard query == nil else { throw ValidationError("give either a QUERY or --queries FILE, not both") }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw fail("cannot read queries file \(file); check the path", code: 64)
            }
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, raw in
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !line.isEmpty else { return nil }
                let parts = line.split(separator: "\t", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (String(i + 1), line)
            }
        } else {
            guard let query else { throw ValidationError("give a QUERY, e.g. report-search search 合法性审查") }
            lines = [("1", query)]
        }
        let engine = try location.openEngine(allowPartial: allowPartial)
        for shard in engine.missingShards {
            FileHandle.standardError.write(Data("report-search: warning: shard \(shard) is unavailable; results are partial\n".utf8))
        }
        var out = bom ? CSVWriter.byteOrderMark : ""
        out += renderer.header()
        var failures = 0
        var times: [Double] = []
        for (qid, text) in lines {
            do {
                let start = DispatchTime.now()
                let results = try engine.search(text, options: options)
                if explain {
                    out += "query: \(results.query)\nxapian: \(results.xapianQuery)\nrelaxation: \(results.relaxation.rawValue)\n"
                    for applied in results.synonyms { out += "synonyms: \(applied.description)\n" }
                }
                out += renderer.render(results, qid: qid, query: text)
                if timing {
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
                    times.append(ms)
                    FileHandle.standardError.write(Data("\(qid)\t\(String(format: "%.3f", ms))\n".utf8))
                }
            } catch let error as QuerySyntaxError {
                guard batch else { throw fail(error.message, code: 64) }
                failures += 1
                FileHandle.standardError.write(Data("report-search: query \(qid): \(error.message)\n".utf8))
            } catch let error as XapianError {
                throw fail("search failed: \(error.message)")
            }
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if timing && !times.isEmpty {
            let sorted = times.sorted()
            let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
            FileHandle.standardError.write(Data(String(
                format: "timing: %d queries, median %.3f ms, p95 %.3f ms\n", sorted.count, sorted[sorted.count / 2], p95).utf8))
        }
        if batch && failures == lines.count && failures > 0 { throw ExitCode(64) }
    }
}
