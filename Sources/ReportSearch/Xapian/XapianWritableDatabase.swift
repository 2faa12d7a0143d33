internal import CXapian

/// The one writer of a Xapian database. Only one process may hold it at a time: a second
/// open fails with `XapianError.Kind.databaseLock`.
///
/// ``commit()`` and ``close()`` are explicit and throw. `deinit` frees quietly; Xapian's
/// destructor then commits what is pending and swallows any error, so call `commit()`.
public final class XapianWritableDatabase {
    public enum OpenMode: Sendable {
        /// Open the database, creating it when missing.
        case createOrOpen
        /// Start a new, empty database, replacing any existing one.
        case createOrOverwrite
        /// Open an existing database; fail when missing.
        case openExisting
        /// Create a new database; fail when one exists.
        case createNew

        var raw: cx_open_mode {
            switch self {
            case .createOrOpen: CX_CREATE_OR_OPEN
            case .createOrOverwrite: CX_CREATE_OR_OVERWRITE
            case .openExisting: CX_OPEN_EXISTING
            case .createNew: CX_CREATE_NEW
            }
        }
    }

    let handle: OpaquePointer
    public let path: String

    public init(path: String, mode: OpenMode = .createOrOpen) throws {
        var out: OpaquePointer? = nil
        try withBytes(path) { p, n in try xapianCall { cx_writable_open(p, n, mode.raw, &out, $0) } }
        handle = out!
        self.path = path
    }

    deinit { cx_writable_free(handle) }

    public func commit() throws {
        try xapianCall { cx_writable_commit(handle, $0) }
    }

    /// Starts a transaction; with `flushed`, its changes are committed as one when it ends.
    public func beginTransaction(flushed: Bool = true) throws {
        try xapianCall { cx_writable_begin_transaction(handle, flushed ? 1 : 0, $0) }
    }

    public func commitTransaction() throws {
        try xapianCall { cx_writable_commit_transaction(handle, $0) }
    }

    public func cancelTransaction() throws {
        try xapianCall { cx_writable_cancel_transaction(handle, $0) }
    }

    /// Commits and releases the write lock; the handle cannot be used afterwards.
    public func close() throws {
        try xapianCall { cx_writable_close(handle, $0) }
    }

    /// A reader on this database that also sees uncommitted changes.
    public func reader() throws -> XapianDatabase {
        var out: OpaquePointer? = nil
        try xapianCall { cx_writable_database(handle, &out, $0) }
        return XapianDatabase(handle: out!)
    }

    @discardableResult
    public func add(_ document: XapianDocument) throws -> UInt32 {
        var id: UInt32 = 0
        try xapianCall { cx_writable_add_document(handle, document.handle, &id, $0) }
        return id
    }

    /// Replaces every document indexed by `uniqueTerm` with `document`, or adds it.
    @discardableResult
    public func replace(uniqueTerm: String, with document: XapianDocument) throws -> UInt32 {
        var id: UInt32 = 0
        try withBytes(uniqueTerm) { p, n in
            try xapianCall { cx_writable_replace_document_by_term(handle, p, n, document.handle, &id, $0) }
        }
        return id
    }

    public func replace(documentID: UInt32, with document: XapianDocument) throws {
        try xapianCall { cx_writable_replace_document(handle, documentID, document.handle, $0) }
    }

    /// Deletes every document indexed by `term`.
    public func deleteDocuments(withTerm term: String) throws {
        try withBytes(term) { p, n in try xapianCall { cx_writable_delete_documents_by_term(handle, p, n, $0) } }
    }

    public func deleteDocument(_ id: UInt32) throws {
        try xapianCall { cx_writable_delete_document(handle, id, $0) }
    }

    /// Stores user metadata, committed with the next commit. An empty value deletes the key.
    public func setMetadata(_ key: String, _ value: [UInt8]) throws {
        try withBytes(key) { kp, kn in
            try withBytes(value) { vp, vn in
                try xapianCall { cx_writable_set_metadata(handle, kp, kn, vp, vn, $0) }
            }
        }
    }
}
