/// One hit per group of reposted sections (``DuplicateGroup``), after ranking:
///
/// | step          | does                                                                   |
/// |---------------|------------------------------------------------------------------------|
/// | collapse      | keeps the best-ranked candidate of each group, in rank order           |
/// | members       | for a shown hit: every section of its group the query's filters allow  |
/// | stable copy   | shows the member with the earliest date (undated last), then path      |
///
/// The rank and score are the group's best; the copies are the other members' reports.
/// Copies share their letters and digits, so a text query that matches one matches all;
/// the members query is the any-term query filtered by the group's `D` term, which keeps
/// the query's field filters (year, agency, path) and exclusions.
struct DuplicateCollapse {
    let collector: CandidateCollector
    let compiler: QueryCompiler

    /// The first candidate of each group, in order; ungrouped candidates all stay.
    static func firstOfEachGroup(_ ranked: [Candidate]) -> [Candidate] {
        var seen = Set<[UInt8]>()
        return ranked.filter { $0.group.isEmpty || seen.insert($0.group).inserted }
    }

    /// `candidate` replaced by its group's stable copy, and the other reports of the group
    /// (sorted, each once; empty for an ungrouped section).
    func stableCopy(of candidate: Candidate) throws -> (shown: Candidate, copies: [String]) {
        guard !candidate.group.isEmpty else { return (candidate, []) }
        let groupTerm = IndexSchema.duplicatePrefix + String(decoding: candidate.group, as: UTF8.self)
        // Most sections have no copy: the candidate is then its group's only member. One
        // term lookup instead of a match over all the query's terms (which was a third of
        // a search's instructions when run for every shown hit).
        if try collector.database.termFrequency(groupTerm) <= 1 { return (candidate, []) }
        // The set of members is all that matters here (the order does not): the any-term
        // match without its field boosts and without weights.
        let query = try XapianQuery(.filter, [try compiler.matchingQuery(.anyTerm).scaled(by: 0), try XapianQuery(term: groupTerm)])
        var members = try collector.collect(query, count: 10_000, decider: nil, collapse: false, readData: true).candidates
        var records: [SectionRecord] = []
        for i in members.indices { records.append(try collector.record(&members[i])) }
        guard let best = records.indices.min(by: { Self.precedes(records[$0], records[$1]) }) else { return (candidate, []) }
        var shown = candidate
        if records[best].key != (try? collector.record(&shown))?.key {
            shown.docid = members[best].docid
            shown.sortKey = members[best].sortKey
            shown.record = records[best]
            shown.data = members[best].data
        }
        let copies = Set(records.map(\.path)).subtracting([records[best].path]).sorted()
        return (shown, copies)
    }

    /// Earliest date first (an undated copy after every dated one), then path, then line.
    static func precedes(_ a: SectionRecord, _ b: SectionRecord) -> Bool {
        if a.date.isEmpty != b.date.isEmpty { return !a.date.isEmpty }
        if a.date != b.date { return a.date < b.date }
        if a.path != b.path { return a.path < b.path }
        return a.sortKey.lexicographicallyPrecedes(b.sortKey)
    }
}
