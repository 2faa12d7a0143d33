import Foundation

/// A known-item query: the section a person meant, named by file and line.
public struct KnownItemQuery: Sendable {
    public var qid: String
    public var type: String
    public var query: String
    public var targetPath: String
    public var targetLine: Int
}

/// Known-item evaluation: MRR@k, success@1 and success@k, at section level (the hit's file
/// is the target and its line range holds the target line) and at document level.
public struct Evaluation: Sendable {
    public struct Outcome: Sendable {
        public var query: KnownItemQuery
        /// 1-based rank of the first section-level hit; nil when not in the top k.
        public var sectionRank: Int?
        public var documentRank: Int?
    }

    public struct Metrics: Sendable, Codable {
        public var group: String
        public var queries: Int
        public var sectionMRR: Double
        public var sectionSuccessAt1: Double
        public var sectionSuccessAtK: Double
        public var documentMRR: Double
        public var documentSuccessAt1: Double
        public var documentSuccessAtK: Double
    }

    public var k: Int
    public var outcomes: [Outcome]
    /// Queries the parser rejected, with the reason.
    public var rejected: [(qid: String, reason: String)]

    /// Reads the TSV format of ../shared/eval/dev-queries.tsv: a header row naming at least
    /// `qid`, `query`, `target_path`, `target_line` (and optionally `type`).
    public static func readQueries(tsv: String, name: String = "the queries file") throws -> [KnownItemQuery] {
        let table = TSVTable(tsv, name: name)
        let required = ["qid", "query", "target_path", "target_line"]
        let c = try required.map { try table.column($0, required: required) }
        let type = table.header.firstIndex(of: "type")
        return try table.rows.map { row in
            KnownItemQuery(qid: try table.field(row, c[0]), type: try type.map { try table.field(row, $0) } ?? "all",
                           query: try table.field(row, c[1]), targetPath: try table.field(row, c[2]),
                           targetLine: try table.integer(row, c[3]))
        }
    }

    /// Paths match when equal or when one is the other below a folder (an index of
    /// `gov-reports/` stores `x.txt` for the target `gov-reports/x.txt`).
    static func samePath(_ a: String, _ b: String) -> Bool {
        a == b || a.hasSuffix("/" + b) || b.hasSuffix("/" + a)
    }

    public init(engine: SearchEngine, queries: [KnownItemQuery], k: Int = 10, options: SearchOptions = SearchOptions()) throws {
        self.k = k
        var options = options
        options.limit = k
        options.offset = 0
        outcomes = []
        rejected = []
        for q in queries {
            do {
                let hits = try engine.search(q.query, options: options).hits
                let section = hits.first { Self.samePath($0.record.path, q.targetPath) && ($0.record.lineStart...$0.record.lineEnd).contains(q.targetLine) }
                let document = hits.first { Self.samePath($0.record.path, q.targetPath) }
                outcomes.append(Outcome(query: q, sectionRank: section?.rank, documentRank: document?.rank))
            } catch let error as QuerySyntaxError {
                rejected.append((q.qid, error.message))
                outcomes.append(Outcome(query: q, sectionRank: nil, documentRank: nil))
            }
        }
    }

    /// Overall first, then one row per query type.
    public var metrics: [Metrics] {
        let types = Array(Set(outcomes.map(\.query.type))).sorted()
        let groups = [("all", outcomes)] + (types.count > 1 ? types.map { t in (t, outcomes.filter { $0.query.type == t }) } : [])
        return groups.map { name, list in
            let n = Double(max(1, list.count))
            func mrr(_ ranks: [Int?]) -> Double { ranks.reduce(0) { $0 + ($1.map { 1 / Double($0) } ?? 0) } / n }
            func at(_ ranks: [Int?], _ cut: Int) -> Double { Double(ranks.filter { ($0 ?? Int.max) <= cut }.count) / n }
            let s = list.map(\.sectionRank), d = list.map(\.documentRank)
            return Metrics(group: name, queries: list.count, sectionMRR: mrr(s), sectionSuccessAt1: at(s, 1),
                           sectionSuccessAtK: at(s, k), documentMRR: mrr(d), documentSuccessAt1: at(d, 1),
                           documentSuccessAtK: at(d, k))
        }
    }

    /// The queries ranked worst at section level (missing first).
    public var worst: [Outcome] {
        Array(outcomes.sorted { ($0.sectionRank ?? Int.max) > ($1.sectionRank ?? Int.max) }
            .filter { ($0.sectionRank ?? Int.max) > 1 }.prefix(10))
    }
}
