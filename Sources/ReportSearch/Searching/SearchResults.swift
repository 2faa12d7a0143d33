/// One ranked section.
public struct SearchHit: Sendable {
    /// 1-based rank in the whole result list.
    public var rank: Int
    public var score: Double
    public var record: SectionRecord
    /// Whether every text unit of the query occurs exactly (not only its bigrams).
    public var exact: Bool
    public var snippets: [Snippet]
    /// Other reports holding the same text (``DuplicateGroup``), sorted; nil when
    /// duplicates were not collapsed.
    public var copies: [String]? = nil
}

/// How far a search had to relax to find enough sections.
public enum Relaxation: String, Sendable {
    /// Every hit contains every query word exactly.
    case none
    /// Added: sections holding all bigrams of the query, in any order.
    case allTerms = "all-terms"
    /// Added: sections holding some of the query's words (each word whole).
    case someWords = "some-words"
    /// Added: sections holding any term of the query.
    case anyTerm = "any-term"
}

/// What one search found.
public struct SearchResults: Sendable {
    public var query: ParsedQuery
    public var hits: [SearchHit]
    /// Xapian's estimate of matching sections (of the exact search, plus relaxed ones).
    public var estimatedTotal: Int
    public var relaxation: Relaxation
    public var elapsedSeconds: Double
    /// Xapian's description of the query run (for --explain).
    public var xapianQuery: String
    /// Query words the synonym dictionary expanded.
    public var synonyms: [AppliedSynonyms] = []
    /// Exact counts by year, agency and folder, when asked for (``SearchOptions/facets``).
    public var facets: CollectionCounts? = nil
}
