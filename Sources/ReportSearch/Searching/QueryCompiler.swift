/// Turns a ``ParsedQuery`` into Xapian queries: made once per search, so each text unit
/// is tokenized once however often the search asks for its terms (the selecting query,
/// three boosts, the relaxed queries, the exactness and candidate-count checks).
///
/// | unit              | terms                          | Xapian                                  |
/// |-------------------|--------------------------------|-----------------------------------------|
/// | `合法性审查`       | 合法 法性 性审 审查              | AND of the four (exact: checked after)  |
/// | `税`              | a lone character               | OR of every term `税…` (bigrams, unigram) |
/// | `2015年`          | `2015`, and 年 beside it        | `2015` (年 left to the exact check)      |
/// | `GDP`             | `gdp`                          | the word term                           |
struct QueryCompiler {
    /// | mode        | words (space-separated units) | a word's terms |
    /// |-------------|-------------------------------|----------------|
    /// | `exact`     | all (AND)                     | all (AND)      |
    /// | `allTerms`  | all (AND)                     | all (AND)      |
    /// | `someWords` | any (OR)                      | all (AND)      |
    /// | `anyTerm`   | any (OR)                      | any (OR), of the query's 8 rarest terms |
    ///
    /// `exact` and `allTerms` are the same Xapian query; only the exact check tells them apart.
    enum Mode { case exact, allTerms, someWords, anyTerm }
    enum TermPart { case term(String), character(String) }

    let query: ParsedQuery
    let database: XapianDatabase
    /// Some shard is remote: the title boost uses what Xapian's remote backend can run.
    let hasRemoteShards: Bool
    /// Every text unit's terms (nil: nothing searchable), keyed by the unit's text.
    private let unitTerms: [String: [TermPart]?]
    /// ``keptTerms(_:)`` of the any-term match, looked up once per search: the relaxation
    /// and every shown hit with copies (``DuplicateCollapse``) ask for it.
    private let anyTermKept = Memo<Set<String>?>()
    private let titleBoost = Memo<XapianQuery?>()
    /// The title and agency filters, each looked up in the index once per search: every
    /// stage's query and every shown hit with copies (``DuplicateCollapse``) holds them.
    private let lookedUpFilters = Lookups<String, XapianQuery>()

    /// A value computed on first use; a compiler belongs to one search, on one thread.
    private final class Memo<Value> {
        var value: Value?
        func get(_ make: () throws -> Value) rethrows -> Value {
            if let value { return value }
            let made = try make()
            value = made
            return made
        }
    }

    /// Values computed on first use, by key.
    private final class Lookups<Key: Hashable, Value> {
        var values: [Key: Value] = [:]
        func get(_ key: Key, _ make: () throws -> Value) rethrows -> Value {
            if let value = values[key] { return value }
            let made = try make()
            values[key] = made
            return made
        }
    }

    init(_ query: ParsedQuery, database: XapianDatabase, hasRemoteShards: Bool = false) {
        self.query = query
        self.database = database
        self.hasRemoteShards = hasRemoteShards
        var units: [String: [TermPart]?] = [:]
        let tokenizer = Tokenizer()
        func collect(_ q: ParsedQuery) {
            switch q {
            case .text(let t, _), .field(.title, let t):
                if units[t] == nil { units[t] = .some(Self.tokenize(t, tokenizer)) }
            case .and(let qs), .or(let qs): qs.forEach(collect)
            case .not(let inner): collect(inner)
            case .field, .year, .date: break
            }
        }
        collect(query)
        unitTerms = units
    }

    /// The index terms of a text unit: bigrams and words, or a lone Han character.
    func termsOf(_ text: String) -> [TermPart]? {
        unitTerms[text] ?? Self.tokenize(text, Tokenizer())
    }

    private static func tokenize(_ text: String, _ tokenizer: Tokenizer) -> [TermPart]? {
        var parts: [TermPart] = []
        let tokens = tokenizer.tokens(in: text)
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .bigram, .word: parts.append(.term(token.term))
            case .unigram:
                // A run of one character has no bigram: match any term starting with it
                // (its bigrams, and the unigram it has where it ends a run).
                let previousIsSameRun = i > 0 && tokens[i - 1].kind == .bigram
                    && tokens[i - 1].scalarRange.upperBound == token.scalarRange.upperBound
                if !previousIsSameRun { parts.append(.character(token.term)) }
            }
        }
        return parts.isEmpty ? nil : parts
    }

    /// The Xapian query. Text units become the AND of their bigram and word terms (a single
    /// Han character: every term starting with it, see ``Token/Kind``); headings, ancestor
    /// headings and the title add weight through AND_MAYBE (``Ranking/fieldBoosts``,
    /// ``TitleBoost``).
    func xapianQuery(_ mode: Mode) throws -> XapianQuery {
        let selecting = try selectingQuery(query, mode: mode, kept: try keptTerms(mode)) ?? XapianQuery.matchAll()
        var boosts: [XapianQuery] = []
        for text in query.positiveTexts {
            for (prefix, factor) in Ranking.fieldBoosts {
                if let unit = try textQuery(text, prefix: prefix, mode: .exact) { boosts.append(try unit.scaled(by: factor)) }
            }
        }
        if let title = try titleBoost.get(makeTitleBoost) { boosts.append(title) }
        guard !boosts.isEmpty else { return selecting }
        return try XapianQuery(.andMaybe, [selecting, try XapianQuery(.or, boosts)])
    }

    /// The sections ``xapianQuery(_:)`` matches, without its field boosts (which weigh,
    /// but select nothing).
    func matchingQuery(_ mode: Mode) throws -> XapianQuery {
        try selectingQuery(query, mode: mode, kept: try keptTerms(mode)) ?? XapianQuery.matchAll()
    }

    /// The title's weight per report (``TitleBoost``), looked up once per search.
    private func makeTitleBoost() throws -> XapianQuery? {
        var units: [(query: XapianQuery, terms: [String])] = []
        for text in query.positiveTexts {
            guard let unit = try textQuery(text, prefix: IndexSchema.titlePrefix, mode: .exact) else { continue }
            var terms: [String] = []
            for case .term(let t) in termsOf(text) ?? [] { terms.append(IndexSchema.titlePrefix + t) }
            units.append((unit, terms))
        }
        return try TitleBoost(database: database, hasRemoteShards: hasRemoteShards).query(units)
    }

    /// The any-term match of a query with more terms than this ORs only its rarest ones.
    ///
    /// The common bigrams of a long query (发展, 建设, 推进) add little weight and have the
    /// longest posting lists, and that OR was about 80% of a known-item query's work. Measured
    /// on the 200 dev queries over gov-reports (release build, callgrind, 40 queries): all
    /// terms 611 M instructions, 8 rarest 449 M (−27%), 5 rarest 402 M; the first hit of
    /// every query, MRR@10 0.983 and topical nDCG@10 0.891 unchanged at 8 (40 queries list
    /// other relaxed hits further down), at 5 topical group c fell from 0.893 to 0.883.
    /// Rarity is the whole index's term frequency, so shards choose the same terms (Xapian's
    /// own OP_ELITE_SET chooses per shard).
    static let anyTermLimit = 8

    /// For the any-term match of a query with more than ``anyTermLimit`` terms, its rarest
    /// ones (ties by term); nil: all.
    func keptTerms(_ mode: Mode) throws -> Set<String>? {
        guard mode == .anyTerm else { return nil }
        return try anyTermKept.get(rarestTerms)
    }

    private func rarestTerms() throws -> Set<String>? {
        let limit = Self.anyTermLimit
        var terms: [String] = []
        for text in query.positiveTexts {
            for case .term(let t) in termsOf(text) ?? [] where !terms.contains(t) { terms.append(t) }
        }
        guard terms.count > limit else { return nil }
        let ranked = try terms.map { (term: $0, frequency: try database.termFrequency($0)) }
            .sorted { ($0.frequency, $0.term) < ($1.frequency, $1.term) }
        return Set(ranked.prefix(limit).map(\.term))
    }

    /// Whether Xapian's match alone is exact: every text unit is one term (a bigram, a word,
    /// or a lone character's OR of terms starting with it), whose presence proves the unit occurs, and any
    /// exclusion is a single term, which Xapian's AND_NOT applies. Then no candidate's text
    /// needs reading.
    var isProvenByTerms: Bool { provenByTerms(query) }

    private func provenByTerms(_ q: ParsedQuery) -> Bool {
        switch q {
        case .text(let t, _): termsOf(t)?.count == 1
        case .and(let qs):
            qs.allSatisfy { part in
                if case .not(let inner) = part, case .text = inner { return provenByTerms(inner) }
                return provenByTerms(part)
            }
        case .or(let qs): qs.allSatisfy(provenByTerms)
        case .not: false  // applied in Xapian only inside an AND (see selectingQuery)
        case .field, .year, .date: true
        }
    }

    /// Whether every text unit is a quoted phrase, which is never relaxed.
    var isAllQuoted: Bool { Self.allQuoted(query) }

    private static func allQuoted(_ q: ParsedQuery) -> Bool {
        switch q {
        case .text(_, let quoted): quoted
        case .and(let qs), .or(let qs): qs.allSatisfy(allQuoted)
        default: true
        }
    }

    /// An upper bound on the sections the query's selecting part can match: the rarest
    /// required term's frequency. Nil when there is no useful bound (a lone character, or
    /// only filters).
    func candidateBound() throws -> Int? { try candidateBound(query) }

    private func candidateBound(_ q: ParsedQuery) throws -> Int? {
        switch q {
        case .text(let t, _):
            var best: Int?
            for case .term(let term) in termsOf(t) ?? [] {
                let frequency = try database.termFrequency(term)
                best = min(best ?? frequency, frequency)
            }
            return best
        case .and(let qs):
            return try qs.compactMap { part -> Int? in
                if case .not = part { return nil }
                return try candidateBound(part)
            }.min()
        case .or(let qs):
            var sum = 0
            for part in qs {
                guard let bound = try candidateBound(part) else { return nil }
                sum += bound
            }
            return sum
        case .not, .field, .year, .date:
            return nil
        }
    }

    private func selectingQuery(_ q: ParsedQuery, mode: Mode, kept: Set<String>? = nil) throws -> XapianQuery? {
        switch q {
        case .text(let t, _):
            return try textQuery(t, prefix: "", mode: mode, kept: kept)
        case .and(let parts):
            var positives: [XapianQuery] = [], negatives: [XapianQuery] = [], filters: [XapianQuery] = []
            for part in parts {
                switch part {
                case .not(let inner):
                    // Exact exclusion happens in the matcher; a single-term exclusion is also
                    // exact in Xapian, so it can prune early.
                    if case .text(let t, _) = inner, let terms = termsOf(t), terms.count == 1, case .term(let term) = terms[0] {
                        negatives.append(try XapianQuery(term: term))
                    }
                case .field, .year, .date:
                    if let f = try selectingQuery(part, mode: mode) { filters.append(f) }
                default:
                    if let p = try selectingQuery(part, mode: mode, kept: kept) { positives.append(p) }
                }
            }
            var result: XapianQuery
            if positives.isEmpty {
                result = try XapianQuery.matchAll()
            } else if positives.count == 1 {
                result = positives[0]
            } else {
                result = try XapianQuery(mode == .anyTerm || mode == .someWords ? .or : .and, positives)
            }
            if !filters.isEmpty { result = try XapianQuery(.filter, [result] + filters) }
            if !negatives.isEmpty { result = try XapianQuery(.andNot, [result, try XapianQuery(.or, negatives)]) }
            return result
        case .or(let parts):
            let subs = try parts.compactMap { try selectingQuery($0, mode: mode, kept: kept) }
            return subs.isEmpty ? nil : try XapianQuery(.or, subs)
        case .not:
            return nil
        case .field(.title, let v):
            // Titles are on first sections: the filter is the files whose title matches.
            guard let unit = try textQuery(v, prefix: IndexSchema.titlePrefix, mode: .exact) else { return nil }
            return try lookedUpFilters.get("title\t" + v) {
                let files = try TitleBoost(database: database, hasRemoteShards: hasRemoteShards).files(matching: unit)
                guard !files.isEmpty else { return try XapianQuery.matchNothing() }
                return try XapianQuery(.or, files.sorted { $0.lexicographicallyPrecedes($1) }.map {
                    try XapianQuery(term: IndexSchema.filePrefix + String(decoding: $0, as: UTF8.self))
                }).scaled(by: 0)
            }
        case .field(.agency, let v):
            return try lookedUpFilters.get("agency\t" + v) {
                let names = try database.terms(withPrefix: IndexSchema.agencyPrefix).filter { $0.term.contains(v) }
                guard !names.isEmpty else { return try XapianQuery.matchNothing() }
                return try XapianQuery(.or, names.map { try XapianQuery(term: $0.term) }).scaled(by: 0)
            }
        case .field(.path, let v):
            let prefix = v.hasPrefix("/") ? String(v.dropFirst()) : v
            return try XapianQuery(wildcard: IndexSchema.filePrefix + prefix).scaled(by: 0)
        case .year(let range):
            let years = try range.clamped(to: 0...9999).map { try XapianQuery(term: IndexSchema.yearPrefix + String($0)) }
            return try XapianQuery(.or, years).scaled(by: 0)
        case .date(let low, let high):
            return try XapianQuery(valueSlot: IndexSchema.dateSlot, from: low.isEmpty ? nil : Array(low.utf8),
                                   to: high.isEmpty ? nil : Array((high + "\u{7F}").utf8))
        }
    }

    private func textQuery(_ text: String, prefix: String, mode: Mode, kept: Set<String>? = nil) throws -> XapianQuery? {
        guard var parts = termsOf(text) else { return nil }
        if let kept {
            parts = parts.filter { if case .term(let t) = $0 { kept.contains(t) } else { true } }
            if parts.isEmpty { return nil }
        }
        // Beside other terms (the 年 of 2015年) a lone character is left to the exact check:
        // its wildcard expands to every term starting with it (thousands for 年, milliseconds
        // a query) and would only filter.
        let hasTerm = parts.contains { if case .term = $0 { true } else { false } }
        let subs = try parts.compactMap { part -> XapianQuery? in
            switch part {
            case .term(let t): try XapianQuery(term: prefix + t)
            case .character(let c): hasTerm ? nil : try characterQuery(prefix + c)
            }
        }
        if subs.count == 1 { return subs[0] }
        return try XapianQuery(mode == .anyTerm ? .or : .and, subs)
    }

    /// Every term starting with `prefix` (a lone character, maybe behind a field prefix),
    /// as the OR of the terms, expanded here over the whole database's term list.
    ///
    /// Not Xapian's OP_WILDCARD, nor OP_SYNONYM: both weight the terms as one, with a
    /// frequency Xapian estimates per shard over an OR tree shaped by that shard's own
    /// frequencies and rounded to a whole number at every node ("P(l or r) = P(l) + P(r) -
    /// P(l) . P(r)", then `+ 0.5` and a cast), so a section scored differently over shards
    /// than in one index. Each term of an OR is weighted with the collection's statistics
    /// of that term alone, which every sharding shares.
    private func characterQuery(_ prefix: String) throws -> XapianQuery {
        let terms = try database.terms(withPrefix: prefix)
        guard !terms.isEmpty else { return try XapianQuery.matchNothing() }
        return try XapianQuery(.or, terms.map { try XapianQuery(term: $0.term) })
    }
}
