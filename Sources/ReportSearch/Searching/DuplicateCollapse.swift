/// One hit per group of reposted sections (``DuplicateGroup``: the same letters and
/// digits, or a near copy), after ranking:
///
/// | step          | does                                                                   |
/// |---------------|------------------------------------------------------------------------|
/// | collapse      | keeps a candidate unless it is a copy of one kept before it            |
/// | members       | for a shown hit: every copy of it that the query's filters allow       |
/// | stable copy   | shows the member with the earliest date (undated last), then a text layer before OCR text, then path |
///
/// Near copies are not transitive (a ≈ b and b ≈ c, but not a ≈ c): each kept candidate
/// stands for the copies *of itself*, so every hidden candidate is a member of the kept
/// one that hid it, and the group of a hit does not depend on which other hits are ranked.
///
/// The rank and score are the group's best; the copies are the other members' reports.
/// The members query is the any-term query filtered by the hit's `B` (or `D`) terms, which
/// keeps the query's field filters (year, agency, path) and exclusions; each member is
/// then checked with ``DuplicateGroup/isCopy(of:)``. A near copy may lack a word of the
/// query: it is listed among the copies, but shown instead of an exact hit only when it
/// matches exactly too.
struct DuplicateCollapse {
    let collector: CandidateCollector
    let compiler: QueryCompiler
    let matcher: ExactMatcher

    /// The candidates that are no copy of a candidate kept before them, in order;
    /// ungrouped candidates all stay.
    static func firstOfEachGroup(_ ranked: [Candidate]) -> [Candidate] {
        var kept: [DuplicateGroup] = []
        var keys = Set<String>()
        var byBand: [UInt64: [Int]] = [:]
        return ranked.filter { candidate in
            guard let group = DuplicateGroup(slotValue: candidate.group) else { return true }
            guard !keys.contains(group.key) else { return false }
            let bands = group.bandKeys
            for band in bands {
                for i in byBand[band, default: []] where group.isCopy(of: kept[i]) { return false }
            }
            for band in bands { byBand[band, default: []].append(kept.count) }
            kept.append(group)
            keys.insert(group.key)
            return true
        }
    }

    /// `candidate` replaced by its group's stable copy, and the other reports of the group
    /// (sorted, each once; empty for an ungrouped section). A member in `shownKeys` (the
    /// ``SectionRecord/key``s shown above it) is not shown again.
    func stableCopy(of candidate: Candidate, shownKeys: Set<String> = []) throws -> (shown: Candidate, copies: [String]) {
        guard let group = DuplicateGroup(slotValue: candidate.group) else { return (candidate, []) }
        let terms = group.terms
        // Most sections have no copy: every term of theirs is their own. A few term
        // lookups instead of a match over all the query's terms (which was a third of a
        // search's instructions when run for every shown hit).
        if try terms.allSatisfy({ try collector.database.termFrequency($0) <= 1 }) { return (candidate, []) }
        // The set of members is all that matters here (the order does not): the any-term
        // match without its field boosts and without weights.
        let possible = try XapianQuery(.or, terms.map { try XapianQuery(term: $0) })
        let query = try XapianQuery(.filter, [try compiler.matchingQuery(.anyTerm).scaled(by: 0), possible])
        var members = try collector.collect(query, count: 10_000, decider: nil, collapse: false, readData: true).candidates
            .filter { member in DuplicateGroup(slotValue: member.group).map(group.isCopy(of:)) ?? false }
        var records: [SectionRecord] = []
        for i in members.indices { records.append(try collector.record(&members[i])) }
        var shown = candidate
        let own = try collector.record(&shown)
        // Shown instead of the candidate: a member that answers the query as the
        // candidate did (exactly, when it did) and is not on the page already.
        let showable = records.indices.filter { i in
            records[i].key == own.key || (!shownKeys.contains(records[i].key)
                && (candidate.exact != true || matcher.matches(folded: NormalizedText.foldedScalars(records[i].text))))
        }
        guard let best = showable.min(by: { Self.precedes(records[$0], records[$1]) }) else { return (candidate, []) }
        if records[best].key != own.key {
            shown.docid = members[best].docid
            shown.sortKey = members[best].sortKey
            shown.record = records[best]
            shown.data = members[best].data
        }
        let copies = Set(records.map(\.path)).subtracting([records[best].path]).sorted()
        return (shown, copies)
    }

    /// Earliest date first (an undated copy after every dated one), then a copy read from a
    /// text layer before one read by OCR (a scan of the same report holds misread
    /// characters), then path, then line.
    static func precedes(_ a: SectionRecord, _ b: SectionRecord) -> Bool {
        if a.date.isEmpty != b.date.isEmpty { return !a.date.isEmpty }
        if a.date != b.date { return a.date < b.date }
        if a.ocr != b.ocr { return !a.ocr }
        if a.path != b.path { return a.path < b.path }
        return a.sortKey.lexicographicallyPrecedes(b.sortKey)
    }
}
