import Dispatch
import Foundation

/// Options of one search.
public struct SearchOptions: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case relevance, date }
    public var limit = 10
    public var offset = 0
    /// Sections per report; 0 = no limit.
    public var perDocument = 3
    public var sort = Sort.relevance
    public var snippet = SnippetMaker()
    /// Relax an unquoted query when the exact search finds fewer sections than this.
    public var relaxBelow = 3

    public init(limit: Int = 10, offset: Int = 0, perDocument: Int = 3, sort: Sort = .relevance,
                snippet: SnippetMaker = SnippetMaker(), relaxBelow: Int = 3) {
        (self.limit, self.offset, self.perDocument, self.sort, self.snippet, self.relaxBelow) =
            (limit, offset, perDocument, sort, snippet, relaxBelow)
    }
}

/// One ranked section.
public struct SearchHit: Sendable {
    /// 1-based rank in the whole result list.
    public var rank: Int
    public var score: Double
    public var record: SectionRecord
    /// Whether every text unit of the query occurs exactly (not only its bigrams).
    public var exact: Bool
    public var snippets: [Snippet]
}

/// How far a search had to relax to find enough sections.
public enum Relaxation: String, Sendable {
    /// Every hit contains every query word exactly.
    case none
    /// Added: sections holding all bigrams of the query, in any order.
    case allTerms = "all-terms"
    /// Added: sections holding any term of the query.
    case anyTerm = "any-term"
}

public struct SearchResults: Sendable {
    public var query: ParsedQuery
    public var hits: [SearchHit]
    /// Xapian's estimate of matching sections (of the exact search, plus relaxed ones).
    public var estimatedTotal: Int
    public var relaxation: Relaxation
    public var elapsedSeconds: Double
    /// Xapian's description of the query run (for --explain).
    public var xapianQuery: String
}

/// Searches an index: parses the query, runs it on Xapian, proves exact matches against
/// the stored text, relaxes when needed, and makes snippets.
public final class SearchEngine {
    public let database: XapianDatabase
    let tokenizer = Tokenizer()
    /// Set once a remote shard refused a MatchDecider; exact checks then run here.
    private var deciderUnsupported = false

    /// Shards that could not be opened and were left out (only with `allowPartial`).
    public private(set) var missingShards: [String] = []

    /// Opens one database, a stub file (or a folder holding one, as `index --shards` writes),
    /// or several of these combined. Shards are opened one by one so that a failure names
    /// the shard; with `allowPartial` an unavailable shard is left out and listed in
    /// ``missingShards`` instead.
    public init(indexPaths: [String], allowPartial: Bool = false, remoteTimeoutMilliseconds: UInt32 = 5_000) throws {
        guard !indexPaths.isEmpty else { throw SearchError.noIndex("") }
        var shards: [XapianDatabase] = []
        for path in indexPaths {
            guard FileManager.default.fileExists(atPath: path) else { throw SearchError.noIndex(path) }
            let specs = try ShardSpec.parse(indexPath: path)
            for spec in specs {
                do {
                    shards.append(try spec.open(timeoutMilliseconds: remoteTimeoutMilliseconds))
                } catch let error as XapianError {
                    if specs.count == 1 && spec.isLocal { throw SearchError.cannotOpen(path, error.message) }
                    guard allowPartial else { throw SearchError.shardUnavailable(spec.label, path, error.message) }
                    missingShards.append("\(spec.label) (\(error.message))")
                }
            }
        }
        guard !shards.isEmpty else { throw SearchError.shardUnavailable("every shard", indexPaths.joined(separator: ", "), missingShards.joined(separator: "; ")) }
        database = shards.count == 1 ? shards[0] : try XapianDatabase(combining: shards)
    }

    public func search(_ queryText: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        let query = try QueryParser.parse(queryText)
        return try search(query, options: options)
    }

    public func search(_ query: ParsedQuery, options: SearchOptions) throws -> SearchResults {
        let start = DispatchTime.now()
        do {
            return try run(query, options: options, start: start)
        } catch let error as XapianError where error.kind == .modified {
            // A writer committed twice during our read: move to the latest commit, once.
            try database.reopen()
            return try run(query, options: options, start: start)
        }
    }

    /// A ranked section before its stored record is read: only the shown page's are.
    struct Candidate {
        var docid: UInt32
        var score: Double
        /// ``SectionRecord/sortKey``, from the tie-break value slot.
        var sortKey: [UInt8]
        /// Whether it satisfies the query exactly; nil: not known yet (a relaxed match).
        var exact: Bool?
        var record: SectionRecord?
        /// The stored data, when it was read already (single pass, remote post-filter).
        var data: [UInt8]?
    }

    private func run(_ query: ParsedQuery, options: SearchOptions, start: DispatchTime) throws -> SearchResults {
        unitTerms.removeAll(keepingCapacity: true)
        let exactQuery = try xapianQuery(query, mode: .exact)
        // A few more than shown, so that ties at the cut are ordered by key, not by docid.
        let wanted = options.offset + options.limit + Self.tieMargin
        var matcher = ExactMatcher(query)
        var needles: [String] = []   // in the order typed, once each
        for text in query.positiveTexts where !needles.contains(text) { needles.append(text) }
        let needleScalars = needles.map { $0.unicodeScalars.map(\.value) }
        let rerank = options.sort == .relevance && needles.count > 1
        let exactCount = rerank ? max(wanted, Self.rerankDepth) : wanted
        let proven = provenByTerms(query)
        let canRelax = query.positiveTexts.contains { !$0.isEmpty } && !Self.allQuoted(query)

        func relaxedRun(_ mode: QueryMode) throws -> ([Candidate], Int) {
            try collect(try xapianQuery(query, mode: mode), options: options, count: wanted, decider: nil)
        }
        var hits: [Candidate]
        var exactTotal: Int
        // The all-terms relaxation: sections holding every term, not exactly; and how many.
        var allTerms: (() throws -> ([Candidate], Int))?
        if !proven, let bound = try candidateBound(query), bound <= singlePassLimit {
            // Few candidates: one match without a decider holds them all, and checking each
            // here yields the exact hits and the all-terms relaxation at once.
            let pass = try singlePass(exactQuery, options: options, exactCount: exactCount, wanted: wanted,
                                      matcher: &matcher, proximityNeedles: rerank ? needleScalars : nil)
            (hits, exactTotal) = (pass.exact, pass.exact.count)
            allTerms = { pass.allTerms }
        } else {
            // The exact check folds each candidate's text; the proximity factor is read off the
            // same folded text, so re-ranking costs no second read. Keyed by the section's sort
            // key, which the hit carries too (a decider's docid is shard-local over shards).
            var proximity: [[UInt8]: Double] = [:]
            (hits, exactTotal) = try collect(
                exactQuery, options: options, count: exactCount,
                decider: proven ? nil : { _, data in
                    guard let raw = SectionRecord.raw(data), matcher.matches(utf8: raw.text) else { return false }
                    if rerank { proximity[raw.sortKey] = Self.proximityFactor(folded: matcher.folded, needles: needleScalars) }
                    return true
                })
            for i in hits.indices {
                hits[i].exact = true
                if rerank {
                    hits[i].score *= try proximity[hits[i].sortKey]
                        ?? Self.proximityFactor(folded: NormalizedText.foldedScalars(record(&hits[i]).text), needles: needleScalars)
                }
            }
            // Without a check the all-terms query is the exact one: it would add nothing.
            if !proven { allTerms = { try relaxedRun(.allTerms) } }
        }
        if options.sort == .relevance { Self.orderByScoreThenKey(&hits) }
        var total = exactTotal
        var relaxation = Relaxation.none
        if exactTotal < options.relaxBelow && canRelax {
            var stages: [(Relaxation, () throws -> ([Candidate], Int))] = []
            if let allTerms { stages.append((.allTerms, allTerms)) }
            stages.append((.anyTerm, { try relaxedRun(.anyTerm) }))
            // Any-term matches (some of the words) only when nothing better exists: for a
            // long query they are many and mostly noise, and the widest search to run.
            for (mode, stage) in stages where mode == .allTerms ? hits.count < wanted : hits.isEmpty {
                let (more, moreTotal) = try stage()
                let seen = Set(hits.map(\.docid))
                var added = more.filter { !seen.contains($0.docid) }
                if options.sort == .relevance { Self.orderByScoreThenKey(&added) }
                hits += added
                if !added.isEmpty { relaxation = mode }
                total = max(total, exactTotal + moreTotal)
            }
        }
        let fallback = needles.flatMap { tokenizer.tokens(in: $0).filter { $0.kind != .unigram }.map(\.term) }
        var results: [SearchHit] = []
        for (i, var hit) in hits.dropFirst(options.offset).prefix(options.limit).enumerated() {
            let record = try record(&hit)
            results.append(SearchHit(
                rank: options.offset + i + 1, score: hit.score, record: record, exact: hit.exact ?? matcher.matches(record.text),
                snippets: options.snippet.snippets(for: record.text, needles: needles, fallbackTerms: fallback)))
        }
        return SearchResults(query: query, hits: results, estimatedTotal: total, relaxation: relaxation,
                             elapsedSeconds: Indexer.seconds(since: start), xapianQuery: exactQuery.description)
    }

    /// Most candidates a single-pass search reads (see ``singlePass``); 0 turns it off.
    var singlePassLimit = 200

    /// An upper bound on the sections the query's selecting part can match: the rarest
    /// required term's frequency. Nil when there is no useful bound (a lone character, or
    /// only filters).
    func candidateBound(_ q: ParsedQuery) throws -> Int? {
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

    /// One match without decider or collapse that holds every candidate (the caller
    /// checked that they fit), each checked here. Gives what the decider search plus the
    /// all-terms search give, in one Xapian run: the exact hits (at most `perDocument` per
    /// report among them, the first `exactCount`, with their proximity factor) and the
    /// all-terms list (at most `perDocument` per report among all candidates, the first
    /// `wanted`), as Xapian's collapse would have kept them.
    private func singlePass(
        _ query: XapianQuery, options: SearchOptions, exactCount: Int, wanted: Int,
        matcher: inout ExactMatcher, proximityNeedles: [[UInt32]]?
    ) throws -> (exact: [Candidate], allTerms: ([Candidate], Int)) {
        let (all, _) = try collect(query, options: options, count: singlePassLimit + 1, decider: nil,
                                   collapse: false, readData: true)
        var exact: [Candidate] = [], allTerms: [Candidate] = []
        var exactPerFile: [[UInt8]: Int] = [:], allPerFile: [[UInt8]: Int] = [:]
        let cap = options.perDocument > 0 ? options.perDocument : Int.max
        for var candidate in all {
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
                if let needles = proximityNeedles, exact.count < exactCount {
                    candidate.score *= Self.proximityFactor(folded: matcher.folded, needles: needles)
                }
                exact.append(candidate)
            }
            if allPerFile[file, default: 0] < cap {
                allPerFile[file, default: 0] += 1
                allTerms.append(candidate)
            }
        }
        return (Array(exact.prefix(exactCount)), (allTerms.prefix(wanted).filter { $0.exact == false }, allTerms.count))
    }

    /// The candidate's stored record, read once.
    private func record(_ candidate: inout Candidate) throws -> SectionRecord {
        if let record = candidate.record { return record }
        guard let record = SectionRecord(decoding: try candidate.data ?? database.document(candidate.docid).data()) else {
            throw SearchError.cannotOpen("the index", "document \(candidate.docid) holds no section record")
        }
        candidate.record = record
        return record
    }

    /// Equal scores are ordered by section key, not by Xapian's docid, so one index and any
    /// sharding of it (where docids differ) list the same sections in the same order.
    static func orderByScoreThenKey(_ hits: inout [Candidate]) {
        hits.sort { abs($0.score - $1.score) > 1e-9 ? $0.score > $1.score : $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    }

    static let tieMargin = 10

    /// Exact hits re-ranked by proximity: how many Xapian ranks are looked at.
    static let rerankDepth = 50

    /// Words a person types together usually stand together in the section they mean: a
    /// weight bonus when every query word occurs in one sentence (×1.4) or one paragraph
    /// (×1.2), ×1.15 more when they stand there in the order typed. Position-less terms
    /// cannot tell Xapian this, the stored text can. `needles` are in query order.
    static func proximityFactor(_ text: String, needles: [String]) -> Double {
        proximityFactor(folded: NormalizedText.foldedScalars(text), needles: needles.map { $0.unicodeScalars.map(\.value) })
    }

    /// The same over folded scalars: each needle's occurrences are found once, then a
    /// sentence (paragraph) qualifies when it holds an occurrence of every needle.
    static func proximityFactor(folded: [UInt32], needles: [[UInt32]]) -> Double {
        // Sentence and paragraph number of every position.
        var sentence = [Int32](repeating: 0, count: folded.count)
        var paragraph = [Int32](repeating: 0, count: folded.count)
        var s: Int32 = 0, p: Int32 = 0
        for (i, v) in folded.enumerated() {
            sentence[i] = s
            paragraph[i] = p
            if v == 0x0A { p += 1; s += 1 } else if sentenceEnds.contains(v) { s += 1 }
        }
        let occurrences = needles.map { ExactMatcher.occurrences(of: $0, in: folded) }
        var sentences: Set<Int32>? = nil, paragraphs: Set<Int32>? = nil
        for found in occurrences {
            var inSentence = Set<Int32>(), inParagraph = Set<Int32>()
            for r in found {
                if sentence[r.lowerBound] == sentence[r.upperBound - 1] { inSentence.insert(sentence[r.lowerBound]) }
                if paragraph[r.lowerBound] == paragraph[r.upperBound - 1] { inParagraph.insert(paragraph[r.lowerBound]) }
            }
            sentences = sentences.map { $0.intersection(inSentence) } ?? inSentence
            paragraphs = paragraphs.map { $0.intersection(inParagraph) } ?? inParagraph
        }
        // A span holding every word in the order typed counts a little more (an ordered
        // window, as in Indri's #od or Xapian's OP_PHRASE versus OP_NEAR), never as much
        // as the next tighter span: 1.2 × 1.15 < 1.4.
        let ordered = Self.inOrderFactor
        func inOrder(_ unit: [Int32], _ id: Int32) -> Bool {
            var after = -1
            for found in occurrences {
                guard let r = found.first(where: { $0.lowerBound > after && unit[$0.lowerBound] == id }) else { return false }
                after = r.upperBound - 1
            }
            return true
        }
        if let sentences, !sentences.isEmpty { return sentences.contains { inOrder(sentence, $0) } ? 1.4 * ordered : 1.4 }
        if let paragraphs, !paragraphs.isEmpty { return paragraphs.contains { inOrder(paragraph, $0) } ? 1.2 * ordered : 1.2 }
        return 1.0
    }

    static let inOrderFactor = 1.15

    /// 。！？； and their ASCII forms (folding maps full-width ！？； to ASCII).
    static let sentenceEnds: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B]

    /// Whether Xapian's match alone is exact: every text unit is one term (a bigram, a word,
    /// or a lone character's wildcard), whose presence proves the unit occurs, and any
    /// exclusion is a single term, which Xapian's AND_NOT applies. Then no candidate's text
    /// needs reading.
    func provenByTerms(_ q: ParsedQuery) -> Bool {
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

    static func allQuoted(_ q: ParsedQuery) -> Bool {
        switch q {
        case .text(_, let quoted): quoted
        case .and(let qs), .or(let qs): qs.allSatisfy(allQuoted)
        default: true
        }
    }

    private func collect(
        _ query: XapianQuery, options: SearchOptions, count: Int,
        decider: ((UInt32, UnsafeRawBufferPointer) -> Bool)?, collapse: Bool = true, readData: Bool = false
    ) throws -> ([Candidate], Int) {
        let enquire = try XapianEnquire(database)
        try enquire.setQuery(query)
        try enquire.setWeighting(.init(k1: 1.2, b: 0.75))
        if options.perDocument > 0 && collapse {
            try enquire.setCollapseKey(slot: IndexSchema.fileSlot, max: UInt32(options.perDocument))
        }
        if options.sort == .date {
            try enquire.setSort(.valueThenRelevance(slot: IndexSchema.dateSlot, descending: true))
        } else {
            try enquire.setSort(.relevanceThenValue(slot: IndexSchema.tieSlot, descending: false))
        }
        if let decider, !deciderUnsupported {
            do {
                let mset = try enquire.matches(offset: 0, limit: count, decider: decider)
                return (try candidates(mset), mset.estimatedMatches)
            } catch let error as XapianError where error.kind == .unsupported {
                // Xapian's remote backend cannot run a MatchDecider ("MatchDecider not
                // supported for the remote backend"): check candidates here instead.
                deciderUnsupported = true
            }
        }
        guard let decider else {
            let mset = try enquire.matches(offset: 0, limit: count)
            var result = try candidates(mset)
            if readData {
                for i in result.indices { result[i].data = try mset.data(at: i) }
            }
            return (result, mset.estimatedMatches)
        }
        // Post-filter: page through the candidates in rank order until `count` pass.
        var result: [Candidate] = []
        var offset = 0, estimated = 0
        let page = max(100, count * 2)
        while result.count < count {
            let mset = try enquire.matches(offset: offset, limit: page)
            estimated = mset.estimatedMatches
            for i in 0..<mset.count {
                let docid = try mset.documentID(at: i)
                let data = try mset.data(at: i)
                guard data.withUnsafeBytes({ decider(docid, $0) }) else { continue }
                result.append(Candidate(docid: docid, score: try mset.weight(at: i),
                                        sortKey: try mset.value(at: i, slot: IndexSchema.tieSlot), data: data))
            }
            offset += mset.count
            if mset.count < page { estimated = result.count; break }
        }
        // Exhausted: the exact count is known; otherwise Xapian's estimate of candidates.
        return (Array(result.prefix(count)), estimated)
    }

    /// Ids, weights and tie-break keys: no document data is read here.
    private func candidates(_ mset: XapianMatchSet) throws -> [Candidate] {
        try (0..<mset.count).map { i in
            Candidate(docid: try mset.documentID(at: i), score: try mset.weight(at: i),
                      sortKey: try mset.value(at: i, slot: IndexSchema.tieSlot))
        }
    }

    enum QueryMode { case exact, allTerms, anyTerm }

    /// The Xapian query for a parsed query. Text units become the AND of their bigram and
    /// word terms (a single Han character: every term starting with it, see ``Token/Kind``);
    /// headings, ancestor headings and the title add weight through AND_MAYBE.
    func xapianQuery(_ q: ParsedQuery, mode: QueryMode) throws -> XapianQuery {
        let selecting = try selectingQuery(q, mode: mode) ?? XapianQuery.matchAll()
        var boosts: [XapianQuery] = []
        for text in q.positiveTexts {
            for (prefix, factor) in [(IndexSchema.headingPrefix, 2.0), (IndexSchema.titlePrefix, 0.6),
                                     (IndexSchema.ancestorPrefix, 0.6)] {
                if let unit = try textQuery(text, prefix: prefix, mode: .exact) { boosts.append(try unit.scaled(by: factor)) }
            }
        }
        guard !boosts.isEmpty else { return selecting }
        return try XapianQuery(.andMaybe, [selecting, try XapianQuery(.or, boosts)])
    }

    private func selectingQuery(_ q: ParsedQuery, mode: QueryMode) throws -> XapianQuery? {
        switch q {
        case .text(let t, _):
            return try textQuery(t, prefix: "", mode: mode)
        case .and(let parts):
            var positives: [XapianQuery] = []
            var negatives: [XapianQuery] = []
            var filters: [XapianQuery] = []
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
                    if let p = try selectingQuery(part, mode: mode) { positives.append(p) }
                }
            }
            var result: XapianQuery
            if positives.isEmpty {
                result = try XapianQuery.matchAll()
            } else if positives.count == 1 {
                result = positives[0]
            } else {
                result = try XapianQuery(mode == .anyTerm ? .or : .and, positives)
            }
            if !filters.isEmpty { result = try XapianQuery(.filter, [result] + filters) }
            if !negatives.isEmpty { result = try XapianQuery(.andNot, [result, try XapianQuery(.or, negatives)]) }
            return result
        case .or(let parts):
            let subs = try parts.compactMap { try selectingQuery($0, mode: mode) }
            return subs.isEmpty ? nil : try XapianQuery(.or, subs)
        case .not:
            return nil
        case .field(.title, let v):
            return try textQuery(v, prefix: IndexSchema.titlePrefix, mode: .exact)?.scaled(by: 0)
        case .field(.agency, let v):
            let names = try database.terms(withPrefix: IndexSchema.agencyPrefix).filter { $0.term.contains(v) }
            guard !names.isEmpty else { return try XapianQuery.matchNothing() }
            return try XapianQuery(.or, names.map { try XapianQuery(term: $0.term) }).scaled(by: 0)
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

    enum TermPart { case term(String), character(String) }

    /// The index terms of a text unit: bigrams and words, or a lone Han character. A query
    /// asks for a unit's terms several times (the selecting query, three boosts, the
    /// relaxed queries, the exactness and candidate-count checks): tokenized once each.
    func termsOf(_ text: String) -> [TermPart]? {
        if let known = unitTerms[text] { return known }
        let parts = tokenize(text)
        unitTerms[text] = .some(parts)
        return parts
    }

    /// Units tokenized by ``termsOf``, kept for one search.
    private var unitTerms: [String: [TermPart]?] = [:]

    private func tokenize(_ text: String) -> [TermPart]? {
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

    private func textQuery(_ text: String, prefix: String, mode: QueryMode) throws -> XapianQuery? {
        guard let parts = termsOf(text) else { return nil }
        // Beside other terms (the 年 of 2015年) a lone character is left to the exact check:
        // its wildcard expands to every term starting with it (thousands for 年, milliseconds
        // a query) and would only filter.
        let hasTerm = parts.contains { if case .term = $0 { true } else { false } }
        let subs = try parts.compactMap { part -> XapianQuery? in
            switch part {
            case .term(let t): try XapianQuery(term: prefix + t)
            case .character(let c): hasTerm ? nil : try XapianQuery(wildcard: prefix + c)
            }
        }
        if subs.count == 1 { return subs[0] }
        return try XapianQuery(mode == .anyTerm ? .or : .and, subs)
    }
}

/// Why a search could not run; exit code 1.
public enum SearchError: Error, LocalizedError, Equatable {
    case noIndex(String)
    case cannotOpen(String, String)
    case shardUnavailable(String, String, String)

    public var errorDescription: String? {
        switch self {
        case .noIndex(let path):
            "no index at \(path.isEmpty ? "the default location" : path); build one with: report-search index DIR"
        case .shardUnavailable(let shard, let index, let reason):
            "shard \(shard) of \(index) is unavailable: \(reason); start its xapian-tcpsrv (scripts/serve-shards.sh) or search with --allow-partial"
        case .cannotOpen(let path, let reason):
            "cannot open the index at \(path): \(reason); rebuild it with: report-search index DIR --rebuild"
        }
    }
}
