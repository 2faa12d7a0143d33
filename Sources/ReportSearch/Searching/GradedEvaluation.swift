import Foundation

/// Graded topical evaluation: nDCG@k and P@k against judgments graded 0/1/2, the way
/// `../shared/eval/topical-dev/score.py` scores a run, plus the hits nobody judged.
///
/// A hit matches a judged section of the same query when the file names are equal (folders
/// ignored) and the judged line range covers at least half of the hit's lines; the highest
/// such grade counts. Unjudged hits count as grade 0.
///
/// | grades of the top 3 | ideal (all judged, best first) | nDCG@10 | P@10 |
/// |---------------------|--------------------------------|---------|------|
/// | 2, 2, 1             | 2, 2, 1                        | 1.000   | 0.3  |
/// | 1, 2, –             | 2, 2, 1                        | 0.558   | 0.2  |
public struct GradedEvaluation: Sendable {
    public struct Query: Sendable {
        public var qid: String
        public var group: String
        public var query: String
    }

    public struct Judgment: Sendable {
        public var qid: String
        public var path: String
        public var lineStart: Int
        public var lineEnd: Int
        public var grade: Int
    }

    /// One query's numbers.
    public struct Outcome: Sendable {
        public var query: Query
        public var ndcg: Double
        public var precision: Double
        public var hits: Int
        public var unjudged: [SearchHit]
    }

    public struct Metrics: Sendable, Codable {
        public var group: String
        public var queries: Int
        public var ndcg: Double
        public var precision: Double
        public var hits: Int
        public var queriesWithoutHits: Int
        public var unjudged: Int
    }

    public var k: Int
    public var outcomes: [Outcome]

    /// Topical queries: a header row naming `qid` and `query` (and optionally `group`).
    public static func readQueries(tsv: String, name: String = "the topical queries file") throws -> [Query] {
        let table = TSVTable(tsv, name: name)
        let required = ["qid", "query"]
        let (qid, query) = (try table.column("qid", required: required), try table.column("query", required: required))
        let group = table.header.firstIndex(of: "group")
        return try table.rows.map { row in
            Query(qid: try table.field(row, qid), group: try group.map { try table.field(row, $0) } ?? "all",
                  query: try table.field(row, query))
        }
    }

    /// Judgments: `qid, path, line_start, line_end, grade` (more columns are ignored; a row
    /// with an empty grade is a stub not judged yet and is skipped).
    public static func readJudgments(tsv: String, name: String = "the judgments file") throws -> [Judgment] {
        let table = TSVTable(tsv, name: name)
        let required = ["qid", "path", "line_start", "line_end", "grade"]
        let c = try required.map { try table.column($0, required: required) }
        return try table.rows.compactMap { row in
            guard !(try table.field(row, c[4])).trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return Judgment(qid: try table.field(row, c[0]), path: try table.field(row, c[1]),
                            lineStart: try table.integer(row, c[2]), lineEnd: try table.integer(row, c[3]),
                            grade: try table.integer(row, c[4]))
        }
    }

    public init(engine: SearchEngine, queries: [Query], judgments: [Judgment], k: Int = 10,
                options: SearchOptions = SearchOptions()) throws {
        self.k = k
        var options = options
        (options.limit, options.offset) = (k, 0)
        let byQuery = Dictionary(grouping: judgments, by: \.qid)
        outcomes = try queries.map { q in
            let judged = byQuery[q.qid] ?? []
            let hits = try engine.search(q.query, options: options).hits
            let grades = hits.map { Self.grade(of: $0.record, in: judged) }
            let ideal = Self.dcg(judged.map(\.grade).sorted(by: >).prefix(k))
            return Outcome(query: q, ndcg: ideal > 0 ? Self.dcg(grades.map { $0 ?? 0 }) / ideal : 0,
                           precision: Double(grades.filter { ($0 ?? 0) >= 1 }.count) / Double(k), hits: hits.count,
                           unjudged: zip(hits, grades).filter { $0.1 == nil }.map(\.0))
        }
    }

    static func fileName(_ path: String) -> Substring { path.split(separator: "/").last ?? Substring(path) }

    /// The highest grade of a judged range that covers at least half of the hit's lines.
    static func grade(of record: SectionRecord, in judged: [Judgment]) -> Int? {
        let name = fileName(record.path)
        let length = record.lineEnd - record.lineStart + 1
        return judged.filter { j in
            let overlap = min(record.lineEnd, j.lineEnd) - max(record.lineStart, j.lineStart) + 1
            return fileName(j.path) == name && overlap > 0 && 2 * overlap >= length
        }.map(\.grade).max()
    }

    static func dcg(_ grades: some Sequence<Int>) -> Double {
        grades.enumerated().reduce(0) { $0 + (pow(2, Double($1.element)) - 1) / log2(Double($1.offset + 2)) }
    }

    /// Overall first, then one row per group.
    public var metrics: [Metrics] {
        let groups = Array(Set(outcomes.map(\.query.group))).sorted()
        let all = [("all", outcomes)] + (groups.count > 1 ? groups.map { g in (g, outcomes.filter { $0.query.group == g }) } : [])
        return all.map { name, list in
            let n = Double(max(1, list.count))
            return Metrics(group: name, queries: list.count, ndcg: list.reduce(0) { $0 + $1.ndcg } / n,
                           precision: list.reduce(0) { $0 + $1.precision } / n, hits: list.reduce(0) { $0 + $1.hits },
                           queriesWithoutHits: list.filter { $0.hits == 0 }.count,
                           unjudged: list.reduce(0) { $0 + $1.unjudged.count })
        }
    }
}
