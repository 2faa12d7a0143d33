internal import CXapian

/// A Xapian document: terms (with positions and wdf), boolean terms, values and data.
public final class XapianDocument {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    public convenience init() throws {
        var out: OpaquePointer? = nil
        try xapianCall { cx_document_new(&out, $0) }
        self.init(handle: out!)
    }

    deinit { cx_document_free(handle) }

    /// Adds `term` at `position`, increasing its wdf by `wdfIncrement`.
    public func addPosting(_ term: String, position: UInt32, wdfIncrement: UInt32 = 1) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_posting(handle, p, n, position, wdfIncrement, $0) } }
    }

    /// Adds `term` without a position.
    public func addTerm(_ term: String, wdfIncrement: UInt32 = 1) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_term(handle, p, n, wdfIncrement, $0) } }
    }

    /// Adds many terms without positions in one call: `bytes` holds their UTF-8 back to
    /// back, `lengths[i]` and `wdfs[i]` describe term `i`.
    public func addTerms(_ bytes: [UInt8], lengths: [UInt32], wdfs: [UInt32]) throws {
        precondition(lengths.count == wdfs.count && Int(lengths.reduce(0, +)) == bytes.count, "malformed packed terms")
        try bytes.withUnsafeBufferPointer { b in
            try lengths.withUnsafeBufferPointer { l in
                try wdfs.withUnsafeBufferPointer { w in
                    try xapianCall {
                        cx_document_add_terms(handle, UnsafeRawPointer(b.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                              l.baseAddress, w.baseAddress, l.count, $0)
                    }
                }
            }
        }
    }

    /// Adds a filter term: wdf 0, so it never changes a weight.
    public func addBooleanTerm(_ term: String) throws {
        try withBytes(term) { p, n in try xapianCall { cx_document_add_boolean_term(handle, p, n, $0) } }
    }

    /// The document data, byte for byte (NUL and non-UTF-8 bytes survive).
    public func data() throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_document_get_data(handle, &out, &length, $0) }
        return takeBytes(out, length)
    }

    public func setData(_ bytes: [UInt8]) throws {
        try withBytes(bytes) { p, n in try xapianCall { cx_document_set_data(handle, p, n, $0) } }
    }

    public func value(_ slot: UInt32) throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_document_get_value(handle, slot, &out, &length, $0) }
        return takeBytes(out, length)
    }

    public func addValue(_ slot: UInt32, _ bytes: [UInt8]) throws {
        try withBytes(bytes) { p, n in try xapianCall { cx_document_add_value(handle, slot, p, n, $0) } }
    }

    /// The document's terms in byte order with their wdf.
    public func terms() throws -> [XapianTermCount] {
        var out: OpaquePointer? = nil
        try xapianCall { cx_document_termlist(handle, &out, $0) }
        return drainTerms(out!)
    }

    /// The positions of `term` in this document, ascending.
    public func positions(of term: String) throws -> [UInt32] {
        var out: UnsafeMutablePointer<UInt32>? = nil
        var count = 0
        try withBytes(term) { p, n in try xapianCall { cx_document_positions(handle, p, n, &out, &count, $0) } }
        defer { cx_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: count))
    }
}
