internal import CXapian
import Foundation

/// An error raised by Xapian, classified by the C shim's ordered `catch` clauses.
///
/// | Xapian exception                           | `kind`            |
/// |--------------------------------------------|-------------------|
/// | `DatabaseLockError`                        | `.databaseLock`   |
/// | `DatabaseCorruptError`                     | `.corrupt`        |
/// | `DatabaseOpeningError`, `…VersionError`    | `.opening`        |
/// | `DatabaseModifiedError`                    | `.modified`       |
/// | `DatabaseNotFoundError`, `DocNotFoundError`| `.notFound`       |
/// | `InvalidArgumentError`, `RangeError`, …    | `.invalidArgument`|
/// | `NetworkError`, `NetworkTimeoutError`      | `.network`        |
/// | `UnimplementedError`                       | `.unsupported`    |
/// | anything else                              | `.other`          |
///
/// `.unsupported` is what a remote shard (`xapian-tcpsrv`) answers to a match decider:
/// "Xapian::MatchDecider not supported for the remote backend".
public struct XapianError: Error, LocalizedError, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case databaseLock, corrupt, opening, modified, notFound, invalidArgument, network, unsupported, other
    }

    public var kind: Kind
    /// Xapian's own message, e.g. "Unable to get write lock on /tmp/x: already locked".
    public var message: String

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var errorDescription: String? { message }
}

extension XapianError.Kind {
    init(status: cx_status) {
        switch status {
        case CX_ERROR_LOCK: self = .databaseLock
        case CX_ERROR_CORRUPT: self = .corrupt
        case CX_ERROR_OPENING: self = .opening
        case CX_ERROR_MODIFIED: self = .modified
        case CX_ERROR_NOT_FOUND: self = .notFound
        case CX_ERROR_INVALID_ARGUMENT: self = .invalidArgument
        case CX_ERROR_NETWORK: self = .network
        case CX_ERROR_UNSUPPORTED: self = .unsupported
        default: self = .other
        }
    }
}

/// Runs one shim call and turns a failed status into `XapianError`, freeing the message.
@inline(__always)
func xapianCall(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> cx_status) throws {
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = body(&message)
    guard status != CX_OK else { return }
    let text = message.map { String(cString: $0) } ?? "Xapian call failed"
    cx_free(message)
    throw XapianError(kind: XapianError.Kind(status: status), message: text)
}

/// Runs one shim call that creates a handle and returns it: on `CX_OK` the shim has
/// always stored one, so a missing handle is a broken invariant, not an error.
@inline(__always)
func xapianHandle(
    _ body: (UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> cx_status
) throws -> OpaquePointer {
    var out: OpaquePointer? = nil
    try xapianCall { body(&out, $0) }
    guard let out else { preconditionFailure("cxapian returned CX_OK without a handle") }
    return out
}

/// Copies a malloc'd buffer handed out by the shim into Swift and frees it.
func takeBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { cx_free(pointer) }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

/// Calls `body` with a string's UTF-8 bytes as pointer + length (NUL bytes allowed; the
/// pointer may be nil when the length is 0, which the shim allows).
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    var copy = string
    return try copy.withUTF8 { (buffer) throws -> R in
        try buffer.withMemoryRebound(to: CChar.self) { (chars) throws -> R in
            try body(chars.baseAddress, chars.count)
        }
    }
}

@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { (buffer) throws -> R in
        try buffer.withMemoryRebound(to: CChar.self) { (chars) throws -> R in
            try body(chars.baseAddress, chars.count)
        }
    }
}

/// One term of the database with its term frequency (how many documents hold it).
struct XapianTermCount: Equatable, Sendable {
    var term: String
    var count: UInt32
}

func drainTerms(_ iterator: OpaquePointer) -> [XapianTermCount] {
    defer { cx_termiter_free(iterator) }
    var result: [XapianTermCount] = []
    var term: UnsafePointer<CChar>? = nil
    var length = 0
    var count: UInt32 = 0
    while cx_termiter_next(iterator, &term, &length, &count) != 0 {
        let text = term.map {
            $0.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        } ?? ""
        result.append(XapianTermCount(term: text, count: count))
    }
    return result
}
