/// The exact hits of a query, found one of two ways:
///
/// | case                                   | how                                                   |
/// |----------------------------------------|-------------------------------------------------------|
/// | every unit is one term (proven)        | Xapian's match alone, no text read                    |
/// | rarest term in ≤ `singlePassLimit`     | one match holding every candidate, each checked here  |
/// | otherwise                              | a match whose decider checks each candidate's text    |
///
/// Exact hits of a multi-word query are re-ranked by ``Ranking/proximityFactor(folded:needles:)``,
/// read off the text the exact check folded.
struct ExactSearch {
    let compiler: QueryCompiler
    let collector: CandidateCollector
    let options: SearchOptions
    let singlePassLimit: Int
    /// The query's text units in the order typed, once each.
    let needles: [String]

    /// What the exact stage found.
    struct Result {
        /// The exact query as Xapian runs it (for --explain).
        var xapianQuery: XapianQuery
        var hits: CandidateList
        /// The all-terms relaxation when the single pass found it on the way; nil: run
        /// its query if needed (``isProven``: there is none, it would equal the exact one).
        var allTerms: CandidateList?
        var isProven: Bool
        var folded: FoldedTexts
    }

    var wanted: Int { options.candidatesWanted }

    private var reranks: Bool { options.sort == .relevance && needles.count > 1 }

    func run(matcher: ExactMatcher) throws -> Result {
        let needleScalars = needles.map { $0.unicodeScalars.map(\.value) }
        let proven = compiler.isProvenByTerms
        let query = try compiler.xapianQuery(.exact)
        var result: Result
        if !proven, let bound = try compiler.candidateBound(), bound <= singlePassLimit {
            result = try singlePass(query, matcher: matcher, needles: needleScalars)
        } else if reranks {
            result = try rerankedPass(query, proven: proven, matcher: matcher, needles: needleScalars)
        } else {
            result = try deciderPass(query, proven: proven, matcher: matcher)
        }
        if options.sort == .relevance { Ranking.orderByScoreThenKey(&result.hits.candidates) }
        return result
    }

    /// How many ranked hits must be right: the page and those before it, and enough to
    /// tell whether relaxing is needed.
    private var needed: Int {
        let (page, overflow) = options.offset.addingReportingOverflow(options.limit)
        return max(overflow ? Int.max : page, options.relaxBelow, 1)
    }

    /// No re-ranking: Xapian's order (score, then section key) is the final one, and its
    /// collapse keeps the first sections of each report in that order. The exact check runs
    /// as Xapian's match decider.
    private func deciderPass(_ query: XapianQuery, proven: Bool, matcher: ExactMatcher) throws -> Result {
        var folded = FoldedTexts()
        var matcher = matcher
        var hits = try collector.collect(
            query, count: wanted,
            decider: proven ? nil : { _, data in
                guard let raw = SectionRecord.raw(data), matcher.matches(utf8: raw.text) else { return false }
                if !folded.isFull { folded.keep(matcher.keepFolded(), for: raw.sortKey) }
                return true
            })
        for i in hits.candidates.indices { hits.candidates[i].exact = true }
        return Result(xapianQuery: query, hits: hits, allTerms: nil, isProven: proven, folded: folded)
    }

    /// Exact hits re-ranked by proximity, so that the page is the top of the complete
    /// ranking: a candidate's proximity factor is at most ``Ranking/maxProximityFactor``, so
    /// once the last candidate read, times that, scores below the last hit needed, no
    /// candidate further down Xapian's ranking can reach the page; until then, more are
    /// read. Xapian's collapse would keep a report's first sections by Xapian's score, not
    /// by the final one, so the cap per report is applied here, after re-ranking.
    /// The exact check runs as Xapian's match decider and reads the proximity factor off
    /// the same folded text; keyed by the section's sort key, which the hit carries too (a
    /// decider's docid is shard-local over shards).
    private func rerankedPass(_ query: XapianQuery, proven: Bool, matcher: ExactMatcher,
                              needles: [[UInt32]]) throws -> Result {
        // Sort key → proximity factor of an exact section, 0 for one that is not exact.
        var factors: [[UInt8]: Double] = [:]
        var folded = FoldedTexts()
        var matcher = matcher
        var depth = max(wanted, Ranking.rerankDepth)
        while true {
            var list = try collector.collect(
                query, count: depth,
                decider: proven ? nil : { _, data in
                    guard let raw = SectionRecord.raw(data) else { return false }
                    let key = raw.sortKey
                    if let factor = factors[key] { return factor > 0 }
                    guard matcher.matches(utf8: raw.text) else { factors[key] = 0; return false }
                    factors[key] = Ranking.proximityFactor(folded: matcher.folded, needles: needles)
                    if !folded.isFull { folded.keep(matcher.keepFolded(), for: key) }
                    return true
                }, collapse: false)
            let fetched = list.candidates.count
            let lowestXapianScore = list.candidates.last?.score ?? 0
            for i in list.candidates.indices {
                list.candidates[i].exact = true
                let key = list.candidates[i].sortKey
                let factor: Double
                if let known = factors[key], known > 0 {
                    factor = known
                } else {
                    let text = NormalizedText.foldedScalars(try collector.record(&list.candidates[i]).text)
                    factor = Ranking.proximityFactor(folded: text, needles: needles)
                    factors[key] = factor
                    folded.keep(text, for: key)
                }
                list.candidates[i].score *= factor
            }
            Ranking.orderByScoreThenKey(&list.candidates)
            let hits = Ranking.capPerFile(list.candidates, perDocument: options.perDocument)
            if fetched < depth {
                // Every candidate was read: the count is exact.
                return Result(xapianQuery: query, hits: CandidateList(candidates: hits, total: hits.count),
                              allTerms: nil, isProven: proven, folded: folded)
            }
            if hits.count >= needed,
               Ranking.scoreKey(lowestXapianScore * Ranking.maxProximityFactor) < Ranking.scoreKey(hits[needed - 1].score) {
                return Result(xapianQuery: query, hits: CandidateList(candidates: hits, total: max(list.total, hits.count)),
                              allTerms: nil, isProven: proven, folded: folded)
            }
            let (deeper, overflow) = depth.multipliedReportingOverflow(by: 4)
            depth = overflow ? Int.max : deeper
        }
    }

    /// One match without decider or collapse that holds every candidate (the caller
    /// checked that they fit), each checked here. Gives what the decider search plus the
    /// all-terms search give, in one Xapian run: every exact hit (re-ranked by proximity,
    /// then at most `perDocument` per report) and the all-terms list (at most
    /// `perDocument` per report among all candidates in Xapian's order, the first
    /// `wanted`), as Xapian's collapse would have kept them.
    private func singlePass(_ query: XapianQuery, matcher: ExactMatcher, needles: [[UInt32]]) throws -> Result {
        var matcher = matcher
        let all = try collector.collect(query, count: singlePassLimit + 1, decider: nil,
                                        collapse: false, readData: true)
        var exact: [Candidate] = [], allTerms: [Candidate] = []
        var allPerFile: [[UInt8]: Int] = [:]
        var folded = FoldedTexts()
        let exclusions = ExactMatcher(compiler.query, exclusionsOnly: true)
        let checksExclusions = exclusions.hasExclusions
        let cap = options.perDocument > 0 ? options.perDocument : Int.max
        for var candidate in all.candidates {
            let (file, isExact) = (candidate.data ?? []).withUnsafeBytes { bytes -> ([UInt8], Bool) in
                guard let raw = SectionRecord.raw(bytes) else { return ([], false) }
                return (Array(raw.path), matcher.matches(utf8: raw.text))
            }
            candidate.exact = isExact
            candidate.file = file
            // A relaxed hit must still honour the exclusions (an exact one does already).
            let allowed = isExact || !checksExclusions || exclusions.matches(folded: matcher.folded)
            if allowed && allPerFile[file, default: 0] < cap {
                allPerFile[file, default: 0] += 1
                allTerms.append(candidate)
            }
            if isExact {
                var reranked = candidate
                if reranks { reranked.score *= Ranking.proximityFactor(folded: matcher.folded, needles: needles) }
                exact.append(reranked)
            }
            if !folded.isFull { folded.keep(matcher.keepFolded(), for: candidate.sortKey) }
        }
        if options.sort == .relevance { Ranking.orderByScoreThenKey(&exact) }
        let exactHits = Ranking.capPerFile(exact, perDocument: options.perDocument)
        return Result(xapianQuery: query, hits: CandidateList(candidates: exactHits, total: exactHits.count),
                      allTerms: CandidateList(candidates: allTerms.prefix(wanted).filter { $0.exact == false },
                                              total: allTerms.count),
                      isProven: false, folded: folded)
    }
}
