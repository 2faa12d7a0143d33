import Hummingbird

/// Puts the safety headers on every response, and turns every error into a page (or a JSON
/// body under `/api/`) with its status and message, so nothing reaches the client as a bare
/// status and nothing is served without the Content-Security-Policy.
///
/// The policy allows only this server's stylesheet and script: no inline script or style,
/// nothing from elsewhere, no frames, forms only to this server.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            response = request.uri.path.hasPrefix("/api/")
                ? WebRoutes.json(WebAPI.error(status: status, message: message), status: status)
                : WebRoutes.html(HTML.errorPage(status: status, message: message), status: status)
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in Self.extraHeaders { response.headers[name] = value }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Headers HTTPTypes has no constant for.
    static let extraHeaders: [(HTTPFields.Element.Name, String)] = [("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY")]
        .compactMap { name, value in HTTPFields.Element.Name(name).map { ($0, value) } }

    /// Hummingbird's own errors (no route: 404; a method not allowed: 405) keep their status.
    static func describe(_ error: any Error) -> (status: Int, message: String) {
        if let error = error as? HTTPError {
            let message = error.status == .notFound ? "there is no page here; start at /" : (error.body ?? error.status.reasonPhrase)
            return (error.status.code, message)
        }
        return WebError.describe(error)
    }
}
