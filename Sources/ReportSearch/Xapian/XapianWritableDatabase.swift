internal import CXapian

/// The one writer of a Xapian database. Only one process may hold it at a time: a second
/// open fails with `XapianError.Kind.databaseLock`.
///
/// ``commit()`` and ``close()`` are explicit and throw. `deinit` frees quietly; Xapian's
/// destructor then commits what is pending and swallows any error, so call `commit()`.
package final class XapianWritableDatabase {
    package enum OpenMode: Sendable {
        /// Open the database, creating it when missing.
        case createOrOpen
        /// Start a new, empty database, replacing any existing one.
        case createOrOverwrite

        var raw: cx_open_mode {
            switch self {
            case .createOrOpen: CX_CREATE_OR_OPEN
            case .createOrOverwrite: CX_CREATE_OR_OVERWRITE
            }
        }
    }

    let handle: OpaquePointer

    package init(path: String, mode: OpenMode = .createOrOpen) throws {
        handle = try withBytes(path) { p, n in try xapianHandle { cx_writable_open(p, n, mode.raw, $0, $1) } }
    }

    deinit { cx_writable_free(handle) }

    package func commit() throws {
        try xapianCall { cx_writable_commit(handle, $0) }
    }

    /// Commits and releases the write lock; the handle cannot be used afterwards.
    package func close() throws {
        try xapianCall { cx_writable_close(handle, $0) }
    }

    /// A reader on this database that also sees uncommitted changes.
    func reader() throws -> XapianDatabase {
        XapianDatabase(handle: try xapianHandle { cx_writable_database(handle, $0, $1) })
    }

    @discardableResult
    package func add(_ document: XapianDocument) throws -> UInt32 {
        var id: UInt32 = 0
        try xapianCall { cx_writable_add_document(handle, document.handle, &id, $0) }
        return id
    }

    /// Deletes every document indexed by `term`.
    func deleteDocuments(withTerm term: String) throws {
        try withBytes(term) { p, n in try xapianCall { cx_writable_delete_documents_by_term(handle, p, n, $0) } }
    }

    /// Stores user metadata, committed with the next commit. An empty value deletes the key.
    func setMetadata(_ key: String, _ value: [UInt8]) throws {
        try withBytes(key) { kp, kn in
            try withBytes(value) { vp, vn in
                try xapianCall { cx_writable_set_metadata(handle, kp, kn, vp, vn, $0) }
            }
        }
    }
}
