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
    private let databases: DatabasePool
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
        var missing: [String] = []
        for path in indexPaths {
            guard FileManager.default.fileExists(atPath: path) else { throw IndexOpenError.noIndex(path) }
            let specs = try ShardSpec.parse(indexPath: path)
            if specs.count == 1, specs[0].isLocal, Self.isEmptyStub(path) { throw SearchError.emptyStub(path) }
            for spec in specs {
                do {
                    let database = try spec.open(timeoutMilliseconds: remoteTimeoutMilliseconds)
                    try IndexSchema.checkFormat(of: database, path: spec.isLocal && specs.count == 1 ? path : spec.label)
                    opened.append((spec, database))
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

    /// A stub file, or a folder whose `XAPIANDB` stub, lists no database (Xapian then opens
    /// an "uninitialised Database object").
    static func isEmptyStub(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        let stub = isDirectory.boolValue ? path + "/" + IndexLayout.stubName : path
        if isDirectory.boolValue && !FileManager.default.fileExists(atPath: stub) { return false }
        guard let data = FileManager.default.contents(atPath: stub), data.count < 1 << 20,
              !data.contains(0), let text = String(data: data, encoding: .utf8) else { return false }
        return text.split(whereSeparator: \.isNewline).allSatisfy {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#")
        }
    }

    private func run(_ query: ParsedQuery, options: SearchOptions, database: XapianDatabase,
                     start: ContinuousClock.Instant) throws -> SearchResults {
        let compiler = QueryCompiler(query, database: database)
        let collector = CandidateCollector(database: database, options: options, hasRemoteShards: databases.hasRemoteShards)
        var needles: [String] = []
        for text in query.positiveTexts where !needles.contains(text) { needles.append(text) }
        let matcher = ExactMatcher(query)

        let exact = try ExactSearch(compiler: compiler, collector: collector, options: options,
                                    singlePassLimit: singlePassLimit, needles: needles).run(matcher: matcher)
        let ranked = try RelaxationStage(compiler: compiler, collector: collector, options: options).run(after: exact)
        let hits = try ResultPage(collector: collector, options: options, needles: needles)
            .hits(ranked.hits, matcher: matcher, folded: exact.folded)
        return SearchResults(query: query, hits: hits, estimatedTotal: ranked.total, relaxation: ranked.relaxation,
                             elapsedSeconds: start.duration(to: .now).inSeconds,
                             xapianQuery: exact.xapianQuery.description)
    }
}
