import Foundation

/// How often queries match, bucket by bucket: the numbers behind `report-search trend`.
///
/// | query  | bucket | reports | sections | per 10k (occurrences per 10,000 characters of the bucket) |
/// |--------|--------|---------|----------|-------------------------------------------------------------|
/// | 放管服  | 2016   | 3       | 7        | 0.52                                                        |
/// | 放管服  | 2017   | 0       | 0        | 0.00 (a year of the index without a hit: a zero row)        |
public struct Trend: Sendable {
    public var dimension: FacetDimension
    public var queries: [String]
    /// Years: every year from the index's first to its last, then any undated bucket.
    /// Agencies and folders: those with a hit, most sections first.
    public var buckets: [String]
    /// `counts[q][b]`: query `q` in bucket `b`.
    public var counts: [[BucketCount]]
    /// Characters of section text per bucket, when occurrences per 10,000 were asked for.
    public var characters: [String: Int]?

    /// Occurrences per 10,000 characters of the bucket's text; nil when not asked for.
    public func per10k(query q: Int, bucket b: Int) -> Double? {
        guard let characters else { return nil }
        let total = characters[buckets[b]] ?? 0
        return total == 0 ? 0 : Double(counts[q][b].occurrences) * 10_000 / Double(total)
    }
}

extension SearchEngine {
    /// Counts each query's exact matches (the hit list's matching, synonyms included) by
    /// `dimension`; with `per10k`, also its occurrences and every bucket's characters.
    ///
    /// The characters come from the totals each shard's writer stored (``CharacterTotals``),
    /// or, when they do not describe the index searched (an index written before they were
    /// kept and not updated since; a `xapian-tcpsrv` serving several databases as one), from
    /// every section's text, as before. `trend 放管服 --per-10k` on all three folders of
    /// ../shared/corpus (291,077 sections, release build): 1.4–1.8 s reading every section,
    /// 0.05–0.08 s with the stored totals, as fast as without `--per-10k` (README, Facets).
    public func trend(_ queryTexts: [String], by dimension: FacetDimension, per10k: Bool) throws -> Trend {
        let parsed = try queryTexts.map { try QueryParser.parse($0) }
        return try databases.withDatabase { database in
            // The latest commit, which the shards opened for their totals see too.
            try database.reopen()
            let collector = CandidateCollector(database: database, options: SearchOptions(perDocument: 0),
                                               hasRemoteShards: databases.hasRemoteShards)
            var perQuery: [[String: BucketCount]] = []
            for typed in parsed {
                let query = SynonymExpansion(synonyms: synonyms.byTerm).expand(typed).query
                let compiler = QueryCompiler(query, database: database, hasRemoteShards: databases.hasRemoteShards)
                let needles = query.needles.map { $0.unicodeScalars.map(\.value) }
                let counter = CollectionCounter(collector: collector, query: try compiler.matchingQuery(.exact),
                                                matcher: compiler.isProvenByTerms ? nil : ExactMatcher(query),
                                                needles: per10k ? needles : [])
                perQuery.append(try counter.count(by: [dimension]).buckets[dimension] ?? [:])
            }
            var characters: [String: Int]?
            if per10k {
                let totals = try storedCharacterTotals(describing: database)
                    ?? CollectionCounter(collector: collector, query: try XapianQuery.matchAll(), matcher: nil,
                                         needles: []).characterTotals()
                characters = totals.characters(by: dimension)
            }
            let buckets = try Self.buckets(dimension, perQuery, database: database)
            return Trend(dimension: dimension, queries: queryTexts, buckets: buckets,
                         counts: perQuery.map { counts in buckets.map { counts[$0] ?? BucketCount() } },
                         characters: characters)
        }
    }

    /// The character totals every shard stores, summed; nil when some shard stores none or
    /// the sum does not describe `database` (see ``CharacterTotals``).
    func storedCharacterTotals(describing database: XapianDatabase) throws -> CharacterTotals? {
        try CharacterTotals.summed(try databases.eachShard { try CharacterTotals.stored(in: $0) }, describing: database)
    }

    private static func buckets(_ dimension: FacetDimension, _ perQuery: [[String: BucketCount]],
                                database: XapianDatabase) throws -> [String] {
        let hit = Set(perQuery.flatMap(\.keys))
        guard dimension == .year else {
            var sections: [String: Int] = [:]
            for counts in perQuery { for (b, c) in counts { sections[b, default: 0] += c.sections } }
            return hit.sorted { sections[$0]! != sections[$1]! ? sections[$0]! > sections[$1]! : $0 < $1 }
        }
        let indexed = try database.terms(withPrefix: IndexSchema.yearPrefix).compactMap { Int($0.term.dropFirst()) }
        let years = indexed + hit.compactMap { Int($0) }
        var result: [String] = []
        if let first = years.min(), let last = years.max() { result = (first...last).map(String.init) }
        return result + hit.filter { Int($0) == nil }.sorted()
    }
}
