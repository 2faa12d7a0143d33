internal import CXapian

/// A Xapian document: terms (with or without positions), boolean terms, values and data.
package final class XapianDocument {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    package convenience init() throws {
        self.init(handle: try xapianHandle { cx_document_new($0, $1) })
    }

    deinit { cx_document_free(handle) }

    /// Adds `term` at `position`, increasing its wdf by `wdfIncrement`. The index stores no
    /// positions; the positional variant is measured by `report-search-bench formats`.
    package func addPosting(_ term: String, position: UInt32, wdfIncrement: UInt32 = 1) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_posting(handle, p, n, position, wdfIncrement, $0) } }
    }

    /// Adds `term` without a position.
    package func addTerm(_ term: String, wdfIncrement: UInt32 = 1) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_term(handle, p, n, wdfIncrement, $0) } }
    }

    /// Adds many terms without positions in one call: `bytes` holds their UTF-8 back to
    /// back, `lengths[i]` and `wdfs[i]` describe term `i`.
    func addTerms(_ bytes: [UInt8], lengths: [UInt32], wdfs: [UInt32]) throws {
        precondition(lengths.count == wdfs.count && Int(lengths.reduce(0, +)) == bytes.count, "malformed packed terms")
        try withBytes(bytes) { b, _ in
            try lengths.withUnsafeBufferPointer { l in
                try wdfs.withUnsafeBufferPointer { w in
                    try xapianCall { cx_document_add_terms(handle, b, l.baseAddress, w.baseAddress, l.count, $0) }
                }
            }
        }
    }

    /// Adds a filter term: wdf 0, so it never changes a weight.
    package func addBooleanTerm(_ term: String) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_boolean_term(handle, p, n, $0) } }
    }

    /// The document data, byte for byte (NUL and non-UTF-8 bytes survive).
    func data() throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_document_get_data(handle, &out, &length, $0) }
        return takeBytes(out, length)
    }

    package func setData(_ bytes: [UInt8]) throws {
        try withBytes(bytes) { p, n in try xapianCall { cx_document_set_data(handle, p, n, $0) } }
    }

    func addValue(_ slot: UInt32, _ bytes: [UInt8]) throws {
        try withBytes(bytes) { p, n in try xapianCall { cx_document_add_value(handle, slot, p, n, $0) } }
    }
}
