/// Matching sections and reports in one bucket; `occurrences` of the query's words when
/// they were counted (trends per 10,000 characters), else 0.
public struct BucketCount: Equatable, Sendable {
    public var reports = 0
    public var sections = 0
    public var occurrences = 0

    public init(reports: Int = 0, sections: Int = 0, occurrences: Int = 0) {
        (self.reports, self.sections, self.occurrences) = (reports, sections, occurrences)
    }
}

/// Exact counts of what a query matches, per bucket of each dimension asked for.
public struct CollectionCounts: Sendable {
    public var buckets: [FacetDimension: [String: BucketCount]] = [:]
    /// Every matching section and report.
    public var total = BucketCount()
}

/// Counts every section the query matches exactly: the same check as the hit list, run as
/// a match decider that accepts nothing, so that Xapian offers it every candidate (a
/// decider that accepts never fills the result set, so no candidate is skipped for weight;
/// over remote shards the post-filter pages through them all). No estimate is involved.
///
/// Measured on ../shared/corpus (see the issue 16 note): counting from the stored record's
/// raw fields inside the decider, as here, reads each candidate's data once.
struct CollectionCounter {
    let collector: CandidateCollector
    /// The exact query, or match-all for the character totals of ``characterTotals()``.
    let query: XapianQuery
    /// Checks each candidate's text; nil when Xapian's match is exact by itself.
    let matcher: ExactMatcher?
    /// Folded needles whose occurrences are summed per bucket; empty: not counted.
    let needles: [[UInt32]]

    /// Counts by each of `dimensions`.
    func count(by dimensions: [FacetDimension]) throws -> CollectionCounts {
        var tally = Tally(dimensions: dimensions)
        var checker = matcher
        let needles = needles
        _ = try collector.collect(query, count: 1, decider: { _, data in
            guard let fields = SectionRecord.raw(data) else { return false }
            var occurrences = 0
            if checker != nil {
                guard checker!.matches(utf8: fields.text) else { return false }
                if !needles.isEmpty { occurrences = Self.occurrences(needles, in: checker!.folded) }
            } else if !needles.isEmpty {
                occurrences = Self.occurrences(needles, in: NormalizedText.foldedScalars(String(decoding: fields.text, as: UTF8.self)))
            }
            tally.add(fields, weight: occurrences)
            return false
        }, collapse: false)
        return tally.result()
    }

    /// Sections and characters of section text per bucket, over every section `query`
    /// matches (match-all: the denominators of a trend per 10,000 characters), read from
    /// each section's data. What ``CharacterTotals`` stores saves this scan; it runs for
    /// indexes whose stored totals do not describe them.
    func characterTotals() throws -> CharacterTotals {
        var totals = CharacterTotals()
        _ = try collector.collect(query, count: 1, decider: { _, data in
            totals.add(record: data)
            return false
        }, collapse: false)
        return totals
    }

    static func occurrences(_ needles: [[UInt32]], in folded: [UInt32]) -> Int {
        needles.reduce(0) { $0 + ExactMatcher.occurrences(of: $1, in: folded).count }
    }

    /// Sections, distinct paths and a weight per bucket, keyed by bytes while counting.
    private struct Tally {
        let dimensions: [FacetDimension]
        var sections: [[[UInt8]: Int]]
        var weights: [[[UInt8]: Int]]
        var paths: [[[UInt8]: Set<[UInt8]>]]
        var allPaths = Set<[UInt8]>()
        var total = BucketCount()

        init(dimensions: [FacetDimension]) {
            self.dimensions = dimensions
            sections = Array(repeating: [:], count: dimensions.count)
            weights = sections
            paths = Array(repeating: [:], count: dimensions.count)
        }

        mutating func add(_ fields: SectionRecord.Raw, weight: Int) {
            let path = Array(fields.path)
            allPaths.insert(path)
            total.sections += 1
            total.occurrences += weight
            for (i, dimension) in dimensions.enumerated() {
                let key = dimension.bucket(of: fields)
                sections[i][key, default: 0] += 1
                weights[i][key, default: 0] += weight
                paths[i][key, default: []].insert(path)
            }
        }

        func result() -> CollectionCounts {
            var counts = CollectionCounts()
            counts.total.reports = allPaths.count
            counts.total.sections = total.sections
            counts.total.occurrences = total.occurrences
            for (i, dimension) in dimensions.enumerated() {
                var buckets: [String: BucketCount] = [:]
                for (key, n) in sections[i] {
                    let label = FacetDimension.label(of: key)
                    buckets[label] = BucketCount(reports: paths[i][key]?.count ?? 0, sections: n,
                                                 occurrences: weights[i][key] ?? 0)
                }
                counts.buckets[dimension] = buckets
            }
            return counts
        }
    }
}
