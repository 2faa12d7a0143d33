internal import CXapian

/// A read-only Xapian database: one directory, a stub file listing shards, a remote
/// shard served by `xapian-tcpsrv`, or several of these searched as one.
///
/// Readers see the last commit. A long read may fail with `.modified` once a writer has
/// committed twice since: call ``reopen()`` and retry (Xapian's `DatabaseModifiedError`).
///
/// Public only as a type (``SearchEngine/database`` names it); its members are for the
/// package.
///
/// Not `Sendable`: a Xapian handle must not be used from two threads at once.
public final class XapianDatabase {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens a database directory or a stub database file.
    package convenience init(path: String) throws {
        self.init(handle: try withBytes(path) { p, n in try xapianHandle { cx_database_open(p, n, $0, $1) } })
    }

    /// A remote shard served by `xapian-tcpsrv` on `host:port`.
    /// - Parameter timeoutMilliseconds: for each request and for connecting.
    convenience init(remoteHost host: String, port: UInt16, timeoutMilliseconds: UInt32 = 10_000) throws {
        self.init(handle: try withBytes(host) { p, n in
            try xapianHandle {
                cx_database_open_remote(p, n, UInt32(port), timeoutMilliseconds, timeoutMilliseconds, $0, $1)
            }
        })
    }

    /// Several databases searched as one (Xapian's `Database::add_database`). Document ids
    /// are interleaved: docid = (shard docid − 1) × shard count + shard index + 1.
    convenience init(combining shards: [XapianDatabase]) throws {
        self.init(handle: try xapianHandle { cx_database_new_empty($0, $1) })
        for shard in shards {
            try xapianCall { cx_database_add_database(handle, shard.handle, $0) }
        }
    }

    deinit { cx_database_free(handle) }

    /// Moves to the latest commit.
    func reopen() throws {
        try xapianCall { cx_database_reopen(handle, $0) }
    }

    var documentCount: Int {
        get throws {
            var n: UInt32 = 0
            try xapianCall { cx_database_doccount(handle, &n, $0) }
            return Int(n)
        }
    }

    /// The sum of every document's length over every shard (Xapian's `get_total_length`:
    /// a document's length is the sum of its terms' wdf). A writer's reader counts its
    /// uncommitted documents too.
    var totalLength: UInt64 {
        get throws {
            var n: UInt64 = 0
            try xapianCall { cx_database_total_length(handle, &n, $0) }
            return n
        }
    }

    /// Number of documents indexed by `term`.
    func termFrequency(_ term: String) throws -> Int {
        var n: UInt32 = 0
        try withBytes(term) { p, c in try xapianCall { cx_database_termfreq(handle, p, c, &n, $0) } }
        return Int(n)
    }

    /// The document with this id; `.notFound` when there is none.
    func document(_ id: UInt32) throws -> XapianDocument {
        XapianDocument(handle: try xapianHandle { cx_database_get_document(handle, id, $0, $1) })
    }

    /// User metadata stored with the database; empty when the key is not set.
    func metadata(_ key: String) throws -> [UInt8] {
        var value: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try withBytes(key) { p, n in try xapianCall { cx_database_get_metadata(handle, p, n, &value, &length, $0) } }
        return takeBytes(value, length)
    }

    /// The values in `slot` of the documents `query` matches, in docid order, read along the
    /// slot's value stream rather than one document at a time.
    func matchingValues(_ query: XapianQuery, slot: UInt32) throws -> [[UInt8]] {
        var bytes: UnsafeMutablePointer<CChar>? = nil
        var lengths: UnsafeMutablePointer<UInt32>? = nil
        var count = 0
        try xapianCall { cx_database_matching_values(handle, query.handle, slot, &bytes, &lengths, &count, $0) }
        defer { cx_free(bytes); cx_free(lengths) }
        guard let bytes, let lengths else { return [] }
        var result: [[UInt8]] = []
        result.reserveCapacity(count)
        var offset = 0
        for i in 0..<count {
            let length = Int(lengths[i])
            result.append(UnsafeRawBufferPointer(start: bytes + offset, count: length).map { $0 })
            offset += length
        }
        return result
    }

    /// All terms starting with `prefix`, in byte order, with their term frequencies.
    func terms(withPrefix prefix: String) throws -> [XapianTermCount] {
        drainTerms(try withBytes(prefix) { p, n in try xapianHandle { cx_database_allterms(handle, p, n, $0, $1) } })
    }

    /// Writes a compacted copy to the directory `destination` (Xapian's
    /// `Database::compact`): every shard of this handle is merged into one database.
    package func compact(to destination: String) throws {
        try withBytes(destination) { p, n in try xapianCall { cx_database_compact(handle, p, n, $0) } }
    }

    /// Runs Xapian's consistency check on the database at `path`; returns the number of
    /// errors found (0 for a healthy database). Throws when the path cannot be checked.
    static func check(path: String) throws -> Int {
        var errors = 0
        try withBytes(path) { p, n in try xapianCall { cx_database_check(p, n, &errors, $0) } }
        return errors
    }
}
