import Foundation
import Hummingbird
import ReportSearch

/// The routes of `report-search serve`, each one library call and one renderer. Only GET
/// (and HEAD) routes exist: the server never writes.
///
/// | route                        | answers                                        |
/// |------------------------------|------------------------------------------------|
/// | `/`                          | the search page                                |
/// | `/report/{id}`               | a report's preview                             |
/// | `/report/{id}/original`      | the original file (unless `--no-originals`)    |
/// | `/download.csv`, `/download.jsonl` | the current query's hits (first 1,000)   |
/// | `/api/search`, `/api/facets`, `/api/trend`, `/api/report/{id}` | JSON       |
/// | `/static/style.css`, `/static/app.js` | the stylesheet and the script         |
struct WebRoutes: Sendable {
    let engines: EngineHolder
    let originals: Bool

    func register(on router: Router<BasicRequestContext>) {
        router.add(middleware: SecurityMiddleware())
        router.get("/") { request, _ in try await self.searchPage(request) }
        router.get("/report/{id}") { request, context in try await self.previewPage(request, id: context.parameters.get("id") ?? "") }
        router.get("/report/{id}/original") { _, context in try await self.original(id: context.parameters.get("id") ?? "") }
        router.get("/download.csv") { request, _ in try await self.download(request, format: .csv) }
        router.get("/download.jsonl") { request, _ in try await self.download(request, format: .json) }
        router.get("/api/search") { request, _ in try await self.apiSearch(request) }
        router.get("/api/facets") { request, _ in try await self.apiFacets(request) }
        router.get("/api/trend") { request, _ in try await self.apiTrend(request) }
        router.get("/api/report/{id}") { request, context in try await self.apiReport(request, id: context.parameters.get("id") ?? "") }
        router.get("/static/style.css") { _, _ in Self.asset(WebAssets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in Self.asset(WebAssets.script, type: "text/javascript; charset=utf-8") }
    }

    // MARK: pages

    func searchPage(_ request: Request) async throws -> Response {
        let search = try SearchRequest(queryString: request.uri.query)
        guard !search.query.isEmpty else { return Self.html(SearchPage(request: search, results: nil).render()) }
        do {
            let results = try await offload { [engines] in
                try engines.engine().search(search.effectiveQuery, options: search.options(facets: true))
            }
            return Self.html(SearchPage(request: search, results: results).render())
        } catch {
            let (status, message) = WebError.describe(error)
            return Self.html(HTML.errorPage(status: status, message: message, query: search.query), status: status)
        }
    }

    /// The preview keeps the search it was opened from (query, filters, sort, page), so
    /// "← results" returns to that page of that search.
    func previewPage(_ request: Request, id: String) async throws -> Response {
        let search = try SearchRequest(queryString: request.uri.query)
        let preview = try await report(id: id, query: search.query)
        return Self.html(PreviewPage(preview: preview, search: search, originals: originals).render())
    }

    func original(id: String) async throws -> Response {
        guard originals else { throw WebError.notFound("opening original files is turned off on this server (--no-originals)") }
        let preview = try await report(id: id, query: "")
        guard let file = preview.originalFile, let data = FileManager.default.contents(atPath: file.path) else {
            throw WebError.notFound("the original of \(preview.path) is not inside an indexed folder any more")
        }
        let name = SearchRequest.encode(file.lastPathComponent)
        return Response(status: .ok, headers: [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"report\(Self.extension(file))\"; filename*=UTF-8''\(name)",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func `extension`(_ file: URL) -> String {
        let ext = file.pathExtension.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return ext.isEmpty ? "" : "." + ext
    }

    func download(_ request: Request, format: HitListRenderer.Format) async throws -> Response {
        let search = try SearchRequest(queryString: request.uri.query)
        guard !search.query.isEmpty else { throw WebError.badRequest("give a query: /download.csv?q=合法性审查") }
        let results = try await offload { [engines] in
            try engines.engine().search(search.effectiveQuery, options: search.downloadOptions)
        }
        let renderer = HitListRenderer(format: format)
        let body = (format == .csv ? CSVWriter.byteOrderMark : "") + renderer.header() + renderer.render(results)
        let (type, name) = format == .csv ? ("text/csv; charset=utf-8", "hits.csv") : ("application/x-ndjson; charset=utf-8", "hits.jsonl")
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: JSON API

    func apiSearch(_ request: Request) async throws -> Response {
        let search = try SearchRequest(queryString: request.uri.query)
        guard !search.query.isEmpty else { throw WebError.badRequest("give a query: /api/search?q=合法性审查") }
        let results = try await offload { [engines] in
            try engines.engine().search(search.effectiveQuery, options: search.options(facets: false))
        }
        return Self.json(WebAPI.search(results, request: search))
    }

    func apiFacets(_ request: Request) async throws -> Response {
        let search = try SearchRequest(queryString: request.uri.query)
        guard !search.query.isEmpty else { throw WebError.badRequest("give a query: /api/facets?q=合法性审查") }
        var options = search.options(facets: true)
        options.limit = 0
        let results = try await offload { [engines, options] in try engines.engine().search(search.effectiveQuery, options: options) }
        return Self.json(WebAPI.facets(results))
    }

    /// `q` once per query (at most 10), `by` year, agency or folder, `per10k=1`.
    func apiTrend(_ request: Request) async throws -> Response {
        let parameters = SearchRequest.parameters(request.uri.query)
        let queries = parameters.filter { $0.0 == "q" }.map { $0.1.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (1...10).contains(queries.count), queries.allSatisfy({ $0.count <= SearchRequest.maxQueryCharacters }) else {
            throw WebError.badRequest("give 1 to 10 queries of at most \(SearchRequest.maxQueryCharacters) characters: /api/trend?q=放管服&q=营商环境")
        }
        let byText = parameters.last { $0.0 == "by" }?.1 ?? "year"
        guard let dimension = FacetDimension(rawValue: byText) else { throw WebError.badRequest("by must be year, agency or folder") }
        let per10k = ["1", "true", "yes"].contains(parameters.last { $0.0 == "per10k" }?.1 ?? "")
        let trend = try await offload { [engines] in try engines.engine().trend(queries, by: dimension, per10k: per10k) }
        return Self.json(WebAPI.trend(trend))
    }

    func apiReport(_ request: Request, id: String) async throws -> Response {
        let preview = try await report(id: id, query: Self.query(request))
        return Self.json(WebAPI.report(preview, originals: originals))
    }

    // MARK: helpers

    func report(id text: String, query: String) async throws -> ReportPreview {
        guard let id = ReportID(text) else { throw WebError.notFound("no report has the id “\(text)”; ids are 16 hex digits from a hit") }
        guard query.count <= SearchRequest.maxQueryCharacters else {
            throw WebError.badRequest("the query is longer than \(SearchRequest.maxQueryCharacters) characters; shorten it")
        }
        let preview = try await offload { [engines] in try engines.engine().report(id, query: query) }
        guard let preview else { throw WebError.notFound("the index has no report with the id \(id); search again, the index may have changed") }
        return preview
    }

    static func query(_ request: Request) -> String {
        (SearchRequest.parameters(request.uri.query).last { $0.0 == "q" }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func html(_ page: String, status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ body: String, status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Runs blocking library work (a Xapian search) on a Dispatch thread, so that a long
/// search does not hold one of Swift concurrency's few cooperative threads.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
