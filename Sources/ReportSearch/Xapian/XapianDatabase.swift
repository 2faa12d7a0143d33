internal import CXapian

/// A read-only Xapian database: one directory, a stub file listing shards, a remote
/// shard served by `xapian-tcpsrv`, or several of these searched as one.
///
/// Readers see the last commit. A long read may fail with `.modified` once a writer has
/// committed twice since: call ``reopen()`` and retry (Xapian's `DatabaseModifiedError`).
///
/// Not `Sendable`: a Xapian handle must not be used from two threads at once.
public final class XapianDatabase {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens a database directory or a stub database file.
    public convenience init(path: String) throws {
        var out: OpaquePointer? = nil
        try withBytes(path) { p, n in try xapianCall { cx_database_open(p, n, &out, $0) } }
        self.init(handle: out!)
    }

    /// A remote shard served by `xapian-tcpsrv` on `host:port`.
    /// - Parameter timeoutMilliseconds: for each request and for connecting.
    public convenience init(remoteHost host: String, port: UInt16, timeoutMilliseconds: UInt32 = 10_000) throws {
        var out: OpaquePointer? = nil
        try withBytes(host) { p, n in
            try xapianCall {
                cx_database_open_remote(p, n, UInt32(port), timeoutMilliseconds, timeoutMilliseconds, &out, $0)
            }
        }
        self.init(handle: out!)
    }

    /// Several databases searched as one (Xapian's `Database::add_database`). Document ids
    /// are interleaved: docid = (shard docid − 1) × shard count + shard index + 1.
    public convenience init(combining shards: [XapianDatabase]) throws {
        var out: OpaquePointer? = nil
        try xapianCall { cx_database_new_empty(&out, $0) }
        self.init(handle: out!)
        for shard in shards {
            try xapianCall { cx_database_add_database(handle, shard.handle, $0) }
        }
    }

    deinit { cx_database_free(handle) }

    /// How many shards this handle searches (1 for a plain database).
    public var shardCount: Int {
        get throws {
            var n = 0
            try xapianCall { cx_database_shard_count(handle, &n, $0) }
            return n
        }
    }

    /// Moves to the latest commit; returns whether anything changed.
    @discardableResult
    public func reopen() throws -> Bool {
        var changed: Int32 = 0
        try xapianCall { cx_database_reopen(handle, &changed, $0) }
        return changed != 0
    }

    public func close() throws {
        try xapianCall { cx_database_close(handle, $0) }
    }

    public var documentCount: Int {
        get throws {
            var n: UInt32 = 0
            try xapianCall { cx_database_doccount(handle, &n, $0) }
            return Int(n)
        }
    }

    public var lastDocumentID: UInt32 {
        get throws {
            var n: UInt32 = 0
            try xapianCall { cx_database_lastdocid(handle, &n, $0) }
            return n
        }
    }

    /// Average document length in wdf units.
    public var averageLength: Double {
        get throws {
            var n = 0.0
            try xapianCall { cx_database_average_length(handle, &n, $0) }
            return n
        }
    }

    /// Number of documents indexed by `term`.
    public func termFrequency(_ term: String) throws -> Int {
        var n: UInt32 = 0
        try withBytes(term) { p, c in try xapianCall { cx_database_termfreq(handle, p, c, &n, $0) } }
        return Int(n)
    }

    public func document(_ id: UInt32) throws -> XapianDocument {
        var out: OpaquePointer? = nil
        try xapianCall { cx_database_get_document(handle, id, &out, $0) }
        return XapianDocument(handle: out!)
    }

    /// User metadata stored with the database; empty when the key is not set.
    public func metadata(_ key: String) throws -> [UInt8] {
        var value: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try withBytes(key) { p, n in try xapianCall { cx_database_get_metadata(handle, p, n, &value, &length, $0) } }
        return takeBytes(value, length)
    }

    /// The ids of the documents indexed by `term`, ascending.
    public func documentIDs(withTerm term: String) throws -> [UInt32] {
        var ids: UnsafeMutablePointer<UInt32>? = nil
        var count = 0
        try withBytes(term) { p, n in try xapianCall { cx_database_postlist(handle, p, n, &ids, &count, $0) } }
        defer { cx_free(ids) }
        return Array(UnsafeBufferPointer(start: ids, count: count))
    }

    /// All terms starting with `prefix`, in byte order, with their term frequencies.
    public func terms(withPrefix prefix: String) throws -> [XapianTermCount] {
        var out: OpaquePointer? = nil
        try withBytes(prefix) { p, n in try xapianCall { cx_database_allterms(handle, p, n, &out, $0) } }
        return drainTerms(out!)
    }

    /// Writes a compacted copy to `destination` (Xapian's `Database::compact`): every
    /// shard of this handle is merged into one database.
    public func compact(to destination: String, singleFile: Bool = false) throws {
        try withBytes(destination) { p, n in
            try xapianCall { cx_database_compact(handle, p, n, singleFile ? 1 : 0, $0) }
        }
    }

    /// Runs Xapian's consistency check on the database at `path`; returns the number of
    /// errors found (0 for a healthy database). Throws when the path cannot be checked.
    public static func check(path: String) throws -> Int {
        var errors = 0
        try withBytes(path) { p, n in try xapianCall { cx_database_check(p, n, &errors, $0) } }
        return errors
    }

    /// Xapian's version, e.g. "1.4.22".
    public static var version: String { String(cString: cx_version_string()) }
}
