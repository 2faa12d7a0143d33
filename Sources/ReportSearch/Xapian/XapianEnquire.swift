internal import CXapian

/// A search session over one (possibly combined) database.
package final class XapianEnquire {
    enum Sort: Sendable {
        /// By the value in `slot`, equal values by relevance.
        case valueThenRelevance(slot: UInt32, descending: Bool)
        /// By relevance, equal weights by the value in `slot`.
        case relevanceThenValue(slot: UInt32, descending: Bool)
    }

    /// BM25 parameters, Xapian's defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5.
    struct BM25: Sendable, Equatable {
        var k1 = 1.0, k2 = 0.0, k3 = 1.0, b = 0.5, minNormalizedLength = 0.5
        init(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormalizedLength: Double = 0.5) {
            (self.k1, self.k2, self.k3, self.b, self.minNormalizedLength) = (k1, k2, k3, b, minNormalizedLength)
        }
    }

    let handle: OpaquePointer
    /// Keeps the database alive as long as the enquire (Xapian copies a reference too).
    private let database: XapianDatabase

    package init(_ database: XapianDatabase) throws {
        handle = try xapianHandle { cx_enquire_new(database.handle, $0, $1) }
        self.database = database
    }

    deinit { cx_enquire_free(handle) }

    package func setQuery(_ query: XapianQuery) throws {
        try xapianCall { cx_enquire_set_query(handle, query.handle, $0) }
    }

    func setWeighting(_ bm25: BM25) throws {
        try xapianCall { cx_enquire_set_bm25(handle, bm25.k1, bm25.k2, bm25.k3, bm25.b, bm25.minNormalizedLength, $0) }
    }

    /// Keeps at most `max` matches per distinct value in `slot` (e.g. sections per report).
    func setCollapseKey(slot: UInt32, max: UInt32 = 1) throws {
        try xapianCall { cx_enquire_set_collapse_key(handle, slot, max, $0) }
    }

    func setSort(_ sort: Sort) throws {
        try xapianCall {
            switch sort {
            case .valueThenRelevance(let slot, let d):
                cx_enquire_set_sort(handle, CX_SORT_VALUE_THEN_RELEVANCE, slot, d ? 1 : 0, $0)
            case .relevanceThenValue(let slot, let d):
                cx_enquire_set_sort(handle, CX_SORT_RELEVANCE_THEN_VALUE, slot, d ? 1 : 0, $0)
            }
        }
    }

    /// Runs the match. `decider` sees each candidate's id and document data before it can
    /// enter the result set and returns whether to keep it; it runs synchronously, inside
    /// this call. Over several databases the id is the one in the candidate's own database
    /// (Xapian's `Document::get_docid`), not the combined one.
    ///
    /// With a decider, a remote shard fails the call with `.unsupported`: Xapian's remote
    /// backend cannot run one ("MatchDecider not supported for the remote backend").
    package func matches(
        offset: Int = 0, limit: Int, checkAtLeast: Int = 0,
        decider: ((UInt32, UnsafeRawBufferPointer) -> Bool)? = nil
    ) throws -> XapianMatchSet {
        let first = UInt32(clamping: offset), count = UInt32(clamping: limit), check = UInt32(clamping: checkAtLeast)
        guard let decider else {
            return XapianMatchSet(handle: try xapianHandle { cx_enquire_get_mset(handle, first, count, check, nil, nil, $0, $1) })
        }
        let box = DeciderBox(decider)
        return try withExtendedLifetime(box) {
            let context = Unmanaged.passUnretained(box).toOpaque()
            return XapianMatchSet(handle: try xapianHandle {
                cx_enquire_get_mset(handle, first, count, check, { context, docid, data, length in
                    guard let context else { return 0 }
                    let box = Unmanaged<DeciderBox>.fromOpaque(context).takeUnretainedValue()
                    return box.decide(docid, UnsafeRawBufferPointer(start: data, count: length)) ? 1 : 0
                }, context, $0, $1)
            })
        }
    }
}

private final class DeciderBox {
    let decide: (UInt32, UnsafeRawBufferPointer) -> Bool
    init(_ decide: @escaping (UInt32, UnsafeRawBufferPointer) -> Bool) { self.decide = decide }
}

/// The matches of one search: ids, weights, data and values.
package final class XapianMatchSet {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_mset_free(handle) }

    /// Number of matches held (at most the limit asked for).
    var count: Int { Int(cx_mset_size(handle)) }
    /// Xapian's estimate of the total number of matches.
    package var estimatedMatches: Int { Int(cx_mset_matches_estimated(handle)) }

    func documentID(at index: Int) throws -> UInt32 {
        var v: UInt32 = 0
        try xapianCall { cx_mset_docid(handle, UInt32(index), &v, $0) }
        return v
    }

    func weight(at index: Int) throws -> Double {
        var v = 0.0
        try xapianCall { cx_mset_weight(handle, UInt32(index), &v, $0) }
        return v
    }

    func data(at index: Int) throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_mset_data(handle, UInt32(index), &out, &length, $0) }
        return takeBytes(out, length)
    }

    func value(at index: Int, slot: UInt32) throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_mset_value(handle, UInt32(index), slot, &out, &length, $0) }
        return takeBytes(out, length)
    }
}
