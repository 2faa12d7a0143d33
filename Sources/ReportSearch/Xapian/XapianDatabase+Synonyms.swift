internal import CXapian

/// Xapian's synonym table: a term maps to a set of synonym terms (`Database::synonyms_begin`).
///
/// | call                         | returns                               |
/// |------------------------------|---------------------------------------|
/// | `synonymKeys()`              | every term that has synonyms, sorted  |
/// | `synonyms(of: "放管服")`      | `["优化服务", "放管结合", "简政放权"]` |
///
/// Xapian 1.4's remote backend serves no synonym table (both calls return nothing there).
extension XapianDatabase {
    func synonymKeys(prefix: String = "") throws -> [String] {
        drainTerms(try withBytes(prefix) { p, n in try xapianHandle { cx_database_synonym_keys(handle, p, n, $0, $1) } })
            .map(\.term)
    }

    func synonyms(of term: String) throws -> [String] {
        drainTerms(try withBytes(term) { p, n in try xapianHandle { cx_database_synonyms(handle, p, n, $0, $1) } })
            .map(\.term)
    }
}

extension XapianWritableDatabase {
    /// Adds `synonym` to `term`'s synonyms; stored with the next commit.
    func addSynonym(_ synonym: String, for term: String) throws {
        try withBytes(term) { tp, tn in
            try withBytes(synonym) { sp, sn in try xapianCall { cx_writable_add_synonym(handle, tp, tn, sp, sn, $0) } }
        }
    }

    /// Removes every synonym of `term`.
    func clearSynonyms(of term: String) throws {
        try withBytes(term) { p, n in try xapianCall { cx_writable_clear_synonyms(handle, p, n, $0) } }
    }
}
