internal import CXapian

/// A search session over one (possibly combined) database.
public final class XapianEnquire {
    public enum Sort: Sendable {
        case relevance
        case value(slot: UInt32, descending: Bool)
        case valueThenRelevance(slot: UInt32, descending: Bool)
        case relevanceThenValue(slot: UInt32, descending: Bool)
    }

    /// BM25 parameters, Xapian's defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5.
    public struct BM25: Sendable, Equatable {
        public var k1 = 1.0, k2 = 0.0, k3 = 1.0, b = 0.5, minNormalizedLength = 0.5
        public init(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormalizedLength: Double = 0.5) {
            (self.k1, self.k2, self.k3, self.b, self.minNormalizedLength) = (k1, k2, k3, b, minNormalizedLength)
        }
    }

    let handle: OpaquePointer
    /// Keeps the database alive as long as the enquire (Xapian copies a reference too).
    private let database: XapianDatabase

    public init(_ database: XapianDatabase) throws {
        var out: OpaquePointer? = nil
        try xapianCall { cx_enquire_new(database.handle, &out, $0) }
        handle = out!
        self.database = database
    }

    deinit { cx_enquire_free(handle) }

    public func setQuery(_ query: XapianQuery) throws {
        try xapianCall { cx_enquire_set_query(handle, query.handle, $0) }
    }

    public func setWeighting(_ bm25: BM25) throws {
        try xapianCall { cx_enquire_set_bm25(handle, bm25.k1, bm25.k2, bm25.k3, bm25.b, bm25.minNormalizedLength, $0) }
    }

    /// Keeps at most `max` matches per distinct value in `slot` (e.g. sections per report).
    public func setCollapseKey(slot: UInt32, max: UInt32 = 1) throws {
        try xapianCall { cx_enquire_set_collapse_key(handle, slot, max, $0) }
    }

    public func setSort(_ sort: Sort) throws {
        try xapianCall {
            switch sort {
            case .relevance: cx_enquire_set_sort(handle, CX_SORT_RELEVANCE, 0, 0, $0)
            case .value(let slot, let d): cx_enquire_set_sort(handle, CX_SORT_VALUE, slot, d ? 1 : 0, $0)
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
    public func matches(
        offset: Int = 0, limit: Int, checkAtLeast: Int = 0,
        decider: ((UInt32, UnsafeRawBufferPointer) -> Bool)? = nil
    ) throws -> XapianMatchSet {
        var out: OpaquePointer? = nil
        let first = UInt32(clamping: offset), count = UInt32(clamping: limit), check = UInt32(clamping: checkAtLeast)
        if let decider {
            let box = DeciderBox(decider)
            try withExtendedLifetime(box) {
                let context = Unmanaged.passUnretained(box).toOpaque()
                try xapianCall {
                    cx_enquire_get_mset(handle, first, count, check, { context, docid, data, length in
                        let box = Unmanaged<DeciderBox>.fromOpaque(context!).takeUnretainedValue()
                        return box.decide(docid, UnsafeRawBufferPointer(start: data, count: length)) ? 1 : 0
                    }, context, &out, $0)
                }
            }
        } else {
            try xapianCall { cx_enquire_get_mset(handle, first, count, check, nil, nil, &out, $0) }
        }
        return XapianMatchSet(handle: out!)
    }
}

private final class DeciderBox {
    let decide: (UInt32, UnsafeRawBufferPointer) -> Bool
    init(_ decide: @escaping (UInt32, UnsafeRawBufferPointer) -> Bool) { self.decide = decide }
}

/// The matches of one search: ids, ranks, weights, data and values.
public final class XapianMatchSet {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_mset_free(handle) }

    /// Number of matches held (at most the limit asked for).
    public var count: Int { Int(cx_mset_size(handle)) }
    /// Xapian's estimate of the total number of matches.
    public var estimatedMatches: Int { Int(cx_mset_matches_estimated(handle)) }
    public var matchesLowerBound: Int { Int(cx_mset_matches_lower_bound(handle)) }
    public var matchesUpperBound: Int { Int(cx_mset_matches_upper_bound(handle)) }

    public func documentID(at index: Int) throws -> UInt32 {
        var v: UInt32 = 0
        try xapianCall { cx_mset_docid(handle, UInt32(index), &v, $0) }
        return v
    }

    /// 0-based rank within the whole result list (offset included).
    public func rank(at index: Int) throws -> Int {
        var v: UInt32 = 0
        try xapianCall { cx_mset_rank(handle, UInt32(index), &v, $0) }
        return Int(v)
    }

    public func weight(at index: Int) throws -> Double {
        var v = 0.0
        try xapianCall { cx_mset_weight(handle, UInt32(index), &v, $0) }
        return v
    }

    /// How many further matches with the same collapse key were dropped (a lower bound).
    public func collapseCount(at index: Int) throws -> Int {
        var v: UInt32 = 0
        try xapianCall { cx_mset_collapse_count(handle, UInt32(index), &v, $0) }
        return Int(v)
    }

    public func document(at index: Int) throws -> XapianDocument {
        var out: OpaquePointer? = nil
        try xapianCall { cx_mset_document(handle, UInt32(index), &out, $0) }
        return XapianDocument(handle: out!)
    }

    public func data(at index: Int) throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_mset_data(handle, UInt32(index), &out, &length, $0) }
        return takeBytes(out, length)
    }

    public func value(at index: Int, slot: UInt32) throws -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        try xapianCall { cx_mset_value(handle, UInt32(index), slot, &out, &length, $0) }
        return takeBytes(out, length)
    }
}
