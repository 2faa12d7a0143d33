import Foundation

/// The title's weight, looked up once per report.
///
/// A report's title terms (`T`) are on its first section only, which also carries the bare
/// term `T` and the report's section count (``SectionDocumentBuilder``); on every section they
/// cost 5% of an index run's CPU and 6% of the index (README, Performance). A search asks
/// which reports' titles hold each of its words (a match over first sections) and lends
/// every section of those reports the title's weight
/// (``XapianQuery/titleBoost(_:units:keySlot:countSlot:portable:)``): a report's sections
/// follow its first section, so a report is a range of docids.
///
/// The weight of a word is what BM25 gave a title term on every section, with the report
/// as the unit: the sum of its terms' idf, log((N − n + ½) / (n + ½)) as Xapian computes it
/// (below 2 inside the log: ½x + 1), where N counts reports and n the reports whose title
/// has the term, times ``Ranking/titleBoost``. An index written before titles moved (every
/// section has `T` terms, none the bare `T`) counts sections for both, as it did.
struct TitleBoost {
    let database: XapianDatabase
    let hasRemoteShards: Bool

    /// The files whose title holds every term of `unit` (title-prefixed), by file-slot value.
    func files(matching unit: XapianQuery) throws -> Set<[UInt8]> {
        Set(try database.matchingValues(unit, slot: IndexSchema.fileSlot))
    }

    /// The boost of a search's words: each word's title query and title terms; nil when no
    /// title holds any of them.
    func query(_ units: [(query: XapianQuery, terms: [String])]) throws -> XapianQuery? {
        let reportsTerm = try database.termFrequency(IndexSchema.titlePrefix)
        let count = Double(reportsTerm > 0 ? reportsTerm : try database.documentCount)
        var weighted: [(query: XapianQuery, weight: Double)] = []
        for unit in units {
            var weight = 0.0
            if unit.terms.isEmpty {
                // A lone character has no term of its own: the reports its title word is in.
                weight = Self.idf(reports: count, holding: Double(try files(matching: unit.query).count))
            }
            for term in unit.terms {
                weight += Self.idf(reports: count, holding: Double(try database.termFrequency(term)))
            }
            weighted.append((unit.query, weight * Ranking.titleBoost))
        }
        return try XapianQuery.titleBoost(database, units: weighted, keySlot: IndexSchema.fileSlot,
                                         countSlot: IndexSchema.sectionCountSlot, portable: hasRemoteShards)
    }

    /// BM25's term weight as Xapian 1.4 computes it without relevance data.
    static func idf(reports n: Double, holding k: Double) -> Double {
        var ratio = (n - k + 0.5) / (k + 0.5)
        if ratio < 2 { ratio = ratio * 0.5 + 1 }
        return log(ratio)
    }
}
