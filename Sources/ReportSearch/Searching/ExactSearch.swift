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
        let exactCount = reranks ? max(wanted, Ranking.rerankDepth) : wanted
        let needleScalars = needles.map { $0.unicodeScalars.map(\.value) }
        let proven = compiler.isProvenByTerms
        let query = try compiler.xapianQuery(.exact)
        var result: Result
        if !proven, let bound = try compiler.candidateBound(), bound <= singlePassLimit {
            result = try singlePass(query, exactCount: exactCount, matcher: matcher, needles: needleScalars)
        } else {
            result = try deciderPass(query, exactCount: exactCount, proven: proven, matcher: matcher, needles: needleScalars)
        }
        if options.sort == .relevance { Ranking.orderByScoreThenKey(&result.hits.candidates) }
        return result
    }

    /// The exact check runs as Xapian's match decider; the proximity factor is read off
    /// the same folded text, so re-ranking costs no second read. Keyed by the section's
    /// sort key, which the hit carries too (a decider's docid is shard-local over shards).
    private func deciderPass(_ query: XapianQuery, exactCount: Int, proven: Bool, matcher: ExactMatcher,
                             needles: [[UInt32]]) throws -> Result {
        var proximity: [[UInt8]: Double] = [:]
        var folded = FoldedTexts()
        var matcher = matcher
        let reranks = self.reranks
        var hits = try collector.collect(
            query, count: exactCount,
            decider: proven ? nil : { _, data in
                guard let raw = SectionRecord.raw(data), matcher.matches(utf8: raw.text) else { return false }
                guard reranks || !folded.isFull else { return true }
                let key = raw.sortKey
                if reranks { proximity[key] = Ranking.proximityFactor(folded: matcher.folded, needles: needles) }
                folded.keep(matcher.keepFolded(), for: key)
                return true
            })
        for i in hits.candidates.indices {
            hits.candidates[i].exact = true
            guard reranks else { continue }
            let key = hits.candidates[i].sortKey
            if proximity[key] == nil {
                let text = NormalizedText.foldedScalars(try collector.record(&hits.candidates[i]).text)
                proximity[key] = Ranking.proximityFactor(folded: text, needles: needles)
                folded.keep(text, for: key)
            }
            hits.candidates[i].score *= proximity[key]!
        }
        return Result(xapianQuery: query, hits: hits, allTerms: nil, isProven: proven, folded: folded)
    }

    /// One match without decider or collapse that holds every candidate (the caller
    /// checked that they fit), each checked here. Gives what the decider search plus the
    /// all-terms search give, in one Xapian run: the exact hits (at most `perDocument` per
    /// report among them, the first `exactCount`, with their proximity factor) and the
    /// all-terms list (at most `perDocument` per report among all candidates, the first
    /// `wanted`), as Xapian's collapse would have kept them.
    private func singlePass(_ query: XapianQuery, exactCount: Int, matcher: ExactMatcher,
                            needles: [[UInt32]]) throws -> Result {
        var matcher = matcher
        let all = try collector.collect(query, count: singlePassLimit + 1, decider: nil,
                                        collapse: false, readData: true)
        var exact: [Candidate] = [], allTerms: [Candidate] = []
        var exactPerFile: [[UInt8]: Int] = [:], allPerFile: [[UInt8]: Int] = [:]
        var folded = FoldedTexts()
        let exclusions = ExactMatcher(compiler.query, exclusionsOnly: true)
        let checksExclusions = exclusions.hasExclusions
        let cap = options.perDocument > 0 ? options.perDocument : Int.max
        for var candidate in all.candidates {
            let (file, isExact) = (candidate.data ?? []).withUnsafeBytes { bytes -> ([UInt8], Bool) in
                guard let raw = SectionRecord.raw(bytes) else { return ([], false) }
                return (Array(raw.path), matcher.matches(utf8: raw.text))
            }
            // An exact candidate beyond its report's cap here is beyond it among all
            // candidates too (those before it are counted there as well), and relaxing needs
            // fewer exact hits than `exactCount`: so no relaxed hit is exact.
            candidate.exact = isExact
            if isExact && exactPerFile[file, default: 0] < cap {
                exactPerFile[file, default: 0] += 1
                if reranks && exact.count < exactCount {
                    candidate.score *= Ranking.proximityFactor(folded: matcher.folded, needles: needles)
                }
                exact.append(candidate)
            }
            // A relaxed hit must still honour the exclusions (an exact one does already).
            let allowed = isExact || !checksExclusions || exclusions.matches(folded: matcher.folded)
            if allowed && allPerFile[file, default: 0] < cap {
                allPerFile[file, default: 0] += 1
                allTerms.append(candidate)
            }
            folded.keep(matcher.keepFolded(), for: candidate.sortKey)
        }
        let exactHits = Array(exact.prefix(exactCount))
        return Result(xapianQuery: query, hits: CandidateList(candidates: exactHits, total: exactHits.count),
                      allTerms: CandidateList(candidates: allTerms.prefix(wanted).filter { $0.exact == false },
                                              total: allTerms.count),
                      isProven: false, folded: folded)
    }
}
