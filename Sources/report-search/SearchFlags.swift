import ArgumentParser
import ReportSearch

/// Options shared by `search` and `export` (each states its own `--limit` default).
struct SearchFlags: ParsableArguments {
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

    static let maxLimit = 100_000

    func validate(limit: Int) throws {
        guard (0...Self.maxLimit).contains(limit), (0...Self.maxLimit).contains(offset), (0...10_000).contains(perDoc),
              (1...20).contains(fragments), (20...10_000).contains(snippetChars) else {
            throw ValidationError("--limit and --offset must be 0–\(Self.maxLimit), --per-doc 0–10000, --fragments 1–20, --snippet-chars 20–10000")
        }
    }

    func options(limit: Int) -> SearchOptions {
        SearchOptions(limit: limit, offset: offset, perDocument: perDoc, sort: sort,
                      snippet: SnippetMaker(maxCharacters: snippetChars, fragments: fragments),
                      collapseDuplicates: !noCollapse)
    }
}

extension SearchOptions.Sort: ExpressibleByArgument {}
extension HitListRenderer.Format: ExpressibleByArgument {}
