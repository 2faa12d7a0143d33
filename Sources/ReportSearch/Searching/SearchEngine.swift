import Foundation

/// Searches an index. ``search(_:options:)`` runs a pipeline of stages, each a value made
/// for that search:
///
/// | stage                 | type                 | does                                              |
/// |-----------------------|----------------------|---------------------------------------------------|
/// | parse                 | ``QueryParser``      | text → ``ParsedQuery``                            |
/// | compile               | `QueryCompiler`      | parsed query → Xapian queries (exact, relaxed)    |
/// | exact candidates      | `ExactSearch`        | Xapian match + exact check of the stored text     |
/// | ranking               | `Ranking`            | BM25, field boosts, proximity, tie order          |
/// | relaxation            | `RelaxationStage`    | fills a short list with all-terms/any-term hits   |
/// | page                  | `ResultPage`         | records, exactness and snippets of the shown hits |
///
/// Safe to share between threads and tasks: the engine keeps no per-search state, and each
/// search borrows its own Xapian handle from a pool (a Xapian database handle must not be
/// used from two threads at once).
public final class SearchEngine: Sendable {
    let databases: DatabasePool
    /// The synonym dictionary, read from every shard when the engine opened.
    public let synonyms: SynonymDictionary
    /// Shards left out (only with `allowPartial`): those that could not be opened, then
    /// those that stopped answering during a search, each with the reason.
    public var missingShards: [String] { unavailableAtOpen + databases.lostShards }
    private let unavailableAtOpen: [String]
    /// What errors name as the index: the paths given.
    private let indexLabel: String
    /// Most candidates a single-pass search reads (see `ExactSearch`); 0 turns it off.
    let singlePassLimit: Int

    /// Opens one database, a stub file (or a folder holding one, as `index --shards` writes),
    /// or several of these combined. Shards are opened one by one so that a failure names
    /// the shard; with `allowPartial` an unavailable shard is left out and listed in
    /// ``missingShards`` instead. An index in another format is refused.
    public convenience init(indexPaths: [String], allowPartial: Bool = false, remoteTimeoutMilliseconds: UInt32 = 5_000) throws {
        try self.init(indexPaths: indexPaths, allowPartial: allowPartial, remoteTimeoutMilliseconds: remoteTimeoutMilliseconds,
                      singlePassLimit: 200)
    }

    init(indexPaths: [String], allowPartial: Bool = false, remoteTimeoutMilliseconds: UInt32 = 5_000,
         singlePassLimit: Int) throws {
        guard !indexPaths.isEmpty else { throw IndexOpenError.noIndex("") }
        var opened: [(spec: ShardSpec, database: XapianDatabase)] = []
        var synonyms = SynonymDictionary()
        var missing: [String] = []
        for path in indexPaths {
            guard FileManager.default.fileExists(atPath: path) else { throw IndexOpenError.noIndex(path) }
            let specs = try ShardSpec.parse(indexPath: path)
            if specs.count == 1, specs[0].isLocal, ShardSpec.isEmptyStub(path) { throw SearchError.emptyStub(path) }
            for spec in specs {
                do {
                    let database = try spec.open(timeoutMilliseconds: remoteTimeoutMilliseconds)
                    try IndexSchema.checkFormat(of: database, path: spec.isLocal && specs.count == 1 ? path : spec.label)
                    opened.append((spec, database))
                    for entry in try SynonymDictionary.stored(in: database).entries { synonyms.set(entry) }
                } catch let error as XapianError {
                    if specs.count == 1 && spec.isLocal { throw IndexOpenError.cannotOpen(path, error.message) }
                    guard allowPartial else { throw IndexOpenError.shardUnavailable(spec.label, path, error.message) }
                    missing.append("\(spec.label) (\(error.message))")
                }
            }
        }
        guard !opened.isEmpty else {
            throw IndexOpenError.shardUnavailable("every shard", indexPaths.joined(separator: ", "), missing.joined(separator: "; "))
        }
        databases = try DatabasePool(shards: opened, timeoutMilliseconds: remoteTimeoutMilliseconds,
                                     allowPartial: allowPartial)
        unavailableAtOpen = missing
        indexLabel = indexPaths.joined(separator: ", ")
        self.singlePassLimit = singlePassLimit
        self.synonyms = synonyms
    }

    public func search(_ queryText: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        try search(try QueryParser.parse(queryText), options: options)
    }

    /// Xapian's failures become ``SearchError``s that name the index (or the shard) and
    /// say what to do: a damaged database is never searched on as if it were whole.
    public func search(_ query: ParsedQuery, options: SearchOptions) throws -> SearchResults {
        let start = ContinuousClock.now
        do {
            return try databases.withDatabase { database in
                do {
                    return try run(query, options: options, database: database, start: start)
                } catch let error as XapianError where error.kind == .modified {
                    // A writer committed twice during our read: move to the latest commit, once.
                    try database.reopen()
                    return try run(query, options: options, database: database, start: start)
                }
            }
        } catch let error as XapianError {
            switch error.kind {
            case .corrupt: throw SearchError.damaged(index: indexLabel, reason: error.message)
            case .network: throw SearchError.shardFailed(shard: indexLabel, reason: error.message)
            default: throw SearchError.failed(index: indexLabel, reason: error.message)
            }
        }
    }

    private func run(_ typed: ParsedQuery, options: SearchOptions, database: XapianDatabase,
                     start: ContinuousClock.Instant) throws -> SearchResults {
        let (query, applied) = SynonymExpansion(synonyms: synonyms.byTerm).expand(typed)
        let compiler = QueryCompiler(query, database: database, hasRemoteShards: databases.hasRemoteShards)
        let needles = query.needles
        let matcher = ExactMatcher(query)

        // Collapsing copies can leave the page short: rank more candidates, a few times.
        var options = options
        var collector: CandidateCollector
        var exact: ExactSearch.Result, ranked: RelaxationStage.Result, shown: [Candidate]
        repeat {
            collector = CandidateCollector(database: database, options: options, hasRemoteShards: databases.hasRemoteShards)
            exact = try ExactSearch(compiler: compiler, collector: collector, options: options,
                                    singlePassLimit: singlePassLimit, needles: needles).run(matcher: matcher)
            ranked = try RelaxationStage(compiler: compiler, collector: collector, options: options).run(after: exact)
            shown = options.collapseDuplicates ? DuplicateCollapse.firstOfEachGroup(ranked.hits) : ranked.hits
            let short = shown.count < options.offset + options.limit && ranked.hits.count >= options.candidatesWanted
            guard short && options.extraCandidates < 100_000 else { break }
            options.extraCandidates = max(100, options.candidatesWanted * 4)
        } while true

        var copies: [[String]] = []
        if options.collapseDuplicates {
            let collapse = DuplicateCollapse(collector: collector, compiler: compiler, matcher: matcher)
            var shownKeys = Set<String>()
            for i in shown.indices.dropFirst(options.offset).prefix(options.limit) {
                let (copy, others) = try collapse.stableCopy(of: shown[i], shownKeys: shownKeys)
                shown[i] = copy
                copies.append(others)
                if let key = copy.record?.key { shownKeys.insert(key) }
            }
        }
        var hits = try ResultPage(collector: collector, options: options, needles: needles)
            .hits(shown, matcher: matcher, folded: exact.folded)
        for i in hits.indices where options.collapseDuplicates { hits[i].copies = copies[i] }
        var facets: CollectionCounts?
        if options.facets {
            facets = try CollectionCounter(collector: collector, query: try compiler.matchingQuery(.exact),
                                           matcher: compiler.isProvenByTerms ? nil : matcher, needles: [])
                .count(by: FacetDimension.allCases)
        }
        return SearchResults(query: query, hits: hits, estimatedTotal: ranked.total, relaxation: ranked.relaxation,
                             elapsedSeconds: start.duration(to: .now).inSeconds,
                             xapianQuery: exact.xapianQuery.description, synonyms: applied, facets: facets)
    }
}
