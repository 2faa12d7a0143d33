/// Options of one search.
public struct SearchOptions: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case relevance, date }
    public var limit = 10
    public var offset = 0
    /// Sections per report; 0 = no limit.
    public var perDocument = 3
    public var sort = Sort.relevance
    public var snippet = SnippetMaker()
    /// Relax an unquoted query when the exact search finds fewer sections than this, or
    /// too few to fill the page.
    public var relaxBelow = 3
    /// One hit per group of reposted sections (``DuplicateCollapse``); false: every copy.
    /// The CLI collapses unless `--no-collapse`; the library lists every section unless asked.
    public var collapseDuplicates = false
    /// Count the exact matches by year, agency and folder (``SearchResults/facets``).
    public var facets = false
    /// More candidates to rank, when collapsing duplicates left the page short.
    var extraCandidates = 0

    public init(limit: Int = 10, offset: Int = 0, perDocument: Int = 3, sort: Sort = .relevance,
                snippet: SnippetMaker = SnippetMaker(), relaxBelow: Int = 3, collapseDuplicates: Bool = false,
                facets: Bool = false) {
        (self.limit, self.offset, self.perDocument, self.sort, self.snippet, self.relaxBelow) =
            (max(0, limit), max(0, offset), max(0, perDocument), sort, snippet, relaxBelow)
        (self.collapseDuplicates, self.facets) = (collapseDuplicates, facets)
    }

    /// Candidates to rank: the page and those before it, plus ``Ranking/tieMargin`` so that
    /// ties at the cut are ordered by key, not by docid. Saturates instead of overflowing.
    var candidatesWanted: Int {
        let (page, overflow) = offset.addingReportingOverflow(limit)
        let margin = Ranking.tieMargin + extraCandidates
        return overflow || page > Int.max - margin ? Int.max : page + margin
    }
}
