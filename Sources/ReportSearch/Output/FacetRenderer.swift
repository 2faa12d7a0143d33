import Foundation

/// The facets block of a search (``SearchResults/facets``), after the hits.
///
/// | format | output                                                                       |
/// |--------|------------------------------------------------------------------------------|
/// | text   | `facets: 12 sections in 5 reports match exactly`, then one row per bucket    |
/// | json   | `{"facets":{"agency":{…},"folder":{…},"year":{"2020":{"reports":R,"sections":S}}}}` |
/// | csv    | nothing (a hit list has one row per hit)                                     |
///
/// A relaxed search says so: the counts are of exact matches only.
enum FacetRenderer {
    static func text(_ results: SearchResults) -> String {
        guard let facets = results.facets else { return "" }
        var out = "\nfacets: \(counted(facets.total.sections, "section")) in \(counted(facets.total.reports, "report")) match exactly"
        out += results.relaxation == .none ? "\n" : " (the hit list was relaxed; relaxed hits are not counted)\n"
        for dimension in FacetDimension.allCases {
            let rows = ordered(facets.buckets[dimension] ?? [:], dimension)
            guard !rows.isEmpty else { continue }
            out += "  \(dimension.rawValue)\n"
            for (bucket, count) in rows {
                out += "    \(bucket)  \(counted(count.reports, "report")), \(counted(count.sections, "section"))\n"
            }
        }
        return out
    }

    /// Years in order, other buckets by sections (most first), then name.
    static func ordered(_ buckets: [String: BucketCount], _ dimension: FacetDimension) -> [(String, BucketCount)] {
        buckets.sorted { a, b in
            if dimension == .year { return a.key < b.key }
            return a.value.sections != b.value.sections ? a.value.sections > b.value.sections : a.key < b.key
        }
    }

    struct JSONCount: Encodable { var reports: Int; var sections: Int }
    struct JSONFacets: Encodable {
        var facets: [String: [String: JSONCount]]
        var relaxation: String?
    }

    static func jsonLine(_ results: SearchResults) -> String {
        guard let facets = results.facets else { return "" }
        var value = JSONFacets(facets: [:], relaxation: results.relaxation == .none ? nil : results.relaxation.rawValue)
        for dimension in FacetDimension.allCases {
            value.facets[dimension.rawValue] = (facets.buckets[dimension] ?? [:]).mapValues {
                JSONCount(reports: $0.reports, sections: $0.sections)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
