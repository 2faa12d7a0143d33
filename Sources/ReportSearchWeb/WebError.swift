import Foundation
import ReportSearch

/// What a request can fail with, and the HTTP status each gets.
///
/// | error                                   | status |
/// |-----------------------------------------|--------|
/// | ``badRequest(_:)``, `QuerySyntaxError`  | 400    |
/// | ``notFound(_:)``                        | 404    |
/// | `IndexOpenError`, a damaged index       | 503    |
/// | anything else                           | 500    |
enum WebError: Error, LocalizedError, Equatable {
    case badRequest(String)
    case notFound(String)

    var errorDescription: String? {
        switch self {
        case .badRequest(let message), .notFound(let message): message
        }
    }

    /// The status and the message a user sees for `error`.
    static func describe(_ error: any Error) -> (status: Int, message: String) {
        switch error {
        case WebError.badRequest(let message): (400, message)
        case WebError.notFound(let message): (404, message)
        case let error as QuerySyntaxError: (400, error.message)
        case let error as IndexOpenError:
            (503, "The index cannot be opened: \(error.localizedDescription)")
        case let error as SearchError:
            (503, "The index cannot be searched: \(error.localizedDescription)")
        default: (500, "The server failed: \(error.localizedDescription)")
        }
    }
}
