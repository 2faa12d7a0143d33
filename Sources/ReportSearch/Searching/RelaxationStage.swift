/// Fills the page with relaxed hits below the exact ones when an unquoted query finds too
/// few sections exactly to fill it (or fewer than ``SearchOptions/relaxBelow``): exact hits
/// always come first, the best relaxed hits follow, marked ≈.
///
/// | stage        | runs when                          | adds                                       |
/// |--------------|------------------------------------|--------------------------------------------|
/// | all-terms    | too few hits                       | sections holding every term, in any order  |
/// | some-words   | still too few, several words typed | sections holding some of the words whole   |
/// | any-term     | still too few                      | sections holding some of the query's terms |
///
/// Each stage runs only while the page is short, so the widest search (any term: for a long
/// query many matches, mostly weak) runs only when the narrower ones cannot fill it.
struct RelaxationStage {
    let compiler: QueryCompiler
    let collector: CandidateCollector
    let options: SearchOptions

    struct Result {
        var hits: [Candidate]
        var total: Int
        var relaxation: Relaxation
    }

    func run(after exact: ExactSearch.Result) throws -> Result {
        var result = Result(hits: exact.hits.candidates, total: exact.hits.total, relaxation: .none)
        let canRelax = compiler.query.positiveTexts.contains { !$0.isEmpty } && !compiler.isAllQuoted
        let (pageEnd, overflow) = options.offset.addingReportingOverflow(options.limit)
        let needed = max(options.relaxBelow, overflow ? Int.max : pageEnd)
        guard exact.hits.candidates.count < needed && canRelax else { return result }
        let wanted = options.candidatesWanted
        // Without a check the all-terms query is the exact one: it would add nothing.
        if !exact.isProven && result.hits.count < wanted {
            add(try exact.allTerms ?? relaxed(.allTerms, exact: exact), as: .allTerms, to: &result, exactTotal: exact.hits.total)
        }
        if result.hits.count < needed && compiler.query.positiveTexts.count > 1 {
            add(try relaxed(.someWords, exact: exact), as: .someWords, to: &result, exactTotal: exact.hits.total)
        }
        if result.hits.count < needed {
            add(try relaxed(.anyTerm, exact: exact), as: .anyTerm, to: &result, exactTotal: exact.hits.total)
        }
        return result
    }

    /// The relaxed match, without the exact matches: those were ranked already, and any
    /// not shown were left out on purpose (the cap per report). The all-terms match is the
    /// exact one unchecked, so each candidate's text tells; the wider ones leave out the
    /// exact query's matches in Xapian. When the query excludes something, each candidate's
    /// text is checked for the exclusions too (Xapian applies only single-term ones).
    private func relaxed(_ mode: QueryCompiler.Mode, exact: ExactSearch.Result) throws -> CandidateList {
        var exclusions = ExactMatcher(compiler.query, exclusionsOnly: true)
        var full = ExactMatcher(compiler.query)
        let checksExactness = mode == .allTerms
        var query = try compiler.xapianQuery(mode)
        // The exact matches are left out by the sections they match: the exact query's
        // field boosts select nothing, and would open three more posting lists per term.
        if !checksExactness { query = try XapianQuery(.andNot, [query, try compiler.matchingQuery(.exact)]) }
        guard checksExactness || exclusions.hasExclusions else {
            return try collector.collect(query, count: options.candidatesWanted, decider: nil, tiesByKey: false)
        }
        return try collector.collect(query, count: options.candidatesWanted, decider: { _, data in
            guard let raw = SectionRecord.raw(data) else { return false }
            if checksExactness && full.matches(utf8: raw.text) { return false }
            return !exclusions.hasExclusions || exclusions.matches(utf8: raw.text)
        })
    }

    private func add(_ more: CandidateList, as mode: Relaxation, to result: inout Result, exactTotal: Int) {
        let seen = Set(result.hits.map(\.docid))
        var added = more.candidates.filter { !seen.contains($0.docid) }
        if options.sort == .relevance { Ranking.orderByScoreThenKey(&added) }
        result.hits += added
        if !added.isEmpty { result.relaxation = mode }
        result.total = max(result.total, exactTotal + more.total)
    }
}
