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
/// | anything else                              | `.other`          |
public struct XapianError: Error, LocalizedError, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case databaseLock, corrupt, opening, modified, notFound, invalidArgument, network, other
    }

    public var kind: Kind
    /// Xapian's own message, e.g. "Unable to get write lock on /tmp/x: already locked".
    public var message: String

    public init(kind: Kind, message: String) {
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

/// Copies a malloc'd buffer handed out by the shim into Swift and frees it.
func takeBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { cx_free(pointer) }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

/// Calls `body` with a string's UTF-8 bytes as pointer + length (NUL bytes allowed).
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

/// One term with a count: a term frequency from the database, or a wdf from a document.
public struct XapianTermCount: Equatable, Sendable {
    public var term: String
    public var count: UInt32
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
