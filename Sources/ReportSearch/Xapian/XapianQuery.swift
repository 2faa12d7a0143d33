internal import CXapian

/// An immutable Xapian query tree.
///
/// ```swift
/// let phrase = try XapianQuery(.phrase, [XapianQuery(term: "法治"), XapianQuery(term: "治政")])
/// let boosted = try phrase.scaled(by: 2)
/// ```
public final class XapianQuery: CustomStringConvertible {
    public enum Operator: Sendable {
        case and, or, andNot, xor, andMaybe, filter, near, phrase, eliteSet, synonym, max

        var raw: cx_query_op {
            switch self {
            case .and: CX_OP_AND
            case .or: CX_OP_OR
            case .andNot: CX_OP_AND_NOT
            case .xor: CX_OP_XOR
            case .andMaybe: CX_OP_AND_MAYBE
            case .filter: CX_OP_FILTER
            case .near: CX_OP_NEAR
            case .phrase: CX_OP_PHRASE
            case .eliteSet: CX_OP_ELITE_SET
            case .synonym: CX_OP_SYNONYM
            case .max: CX_OP_MAX
            }
        }
    }

    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_query_free(handle) }

    /// A single term; `position` matters only inside a phrase.
    public convenience init(term: String, wqf: UInt32 = 1, position: UInt32 = 0) throws {
        var out: OpaquePointer? = nil
        try withBytes(term) { p, n in try xapianCall { cx_query_new_term(p, n, wqf, position, &out, $0) } }
        self.init(handle: out!)
    }

    /// Combines subqueries. `window` bounds `.phrase` and `.near` (0: as many positions
    /// as subqueries, i.e. adjacent) and is the set size for `.eliteSet`.
    public convenience init(_ op: Operator, _ subqueries: [XapianQuery], window: UInt32 = 0) throws {
        var out: OpaquePointer? = nil
        let handles: [OpaquePointer?] = subqueries.map { $0.handle }
        try handles.withUnsafeBufferPointer { buffer in
            try xapianCall { cx_query_new_combined(op.raw, buffer.baseAddress, buffer.count, window, &out, $0) }
        }
        self.init(handle: out!)
        withExtendedLifetime(subqueries) {}
    }

    /// Documents whose value in `slot` lies in `low...high` (byte order); nil leaves a side open.
    public convenience init(valueSlot slot: UInt32, from low: [UInt8]?, to high: [UInt8]?) throws {
        var out: OpaquePointer? = nil
        try withBytes(low ?? []) { lp, ln in
            try withBytes(high ?? []) { hp, hn in
                try xapianCall { cx_query_new_value_range(slot, lp, ln, hp, hn, &out, $0) }
            }
        }
        self.init(handle: out!)
    }

    /// Every term starting with `prefix`, as one synonym; at most `maxExpansion` terms
    /// (0: unlimited), more is an `.invalidArgument` error at search time.
    public convenience init(wildcard prefix: String, maxExpansion: UInt32 = 0) throws {
        var out: OpaquePointer? = nil
        try withBytes(prefix) { p, n in try xapianCall { cx_query_new_wildcard(p, n, maxExpansion, &out, $0) } }
        self.init(handle: out!)
    }

    private static func special(_ kind: Int32) throws -> XapianQuery {
        var out: OpaquePointer? = nil
        try xapianCall { cx_query_new_special(kind, &out, $0) }
        return XapianQuery(handle: out!)
    }

    /// Matches every document (weight 0).
    public static func matchAll() throws -> XapianQuery { try special(0) }
    /// Matches no document.
    public static func matchNothing() throws -> XapianQuery { try special(1) }

    /// This query with every weight multiplied by `factor` (Xapian's OP_SCALE_WEIGHT;
    /// 0 turns it into a pure filter).
    public func scaled(by factor: Double) throws -> XapianQuery {
        var out: OpaquePointer? = nil
        try xapianCall { cx_query_new_scaled(handle, factor, &out, $0) }
        return XapianQuery(handle: out!)
    }

    /// Xapian's description, e.g. `Query((法治@1 PHRASE 2 治政@2))`.
    public var description: String {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        guard (try? xapianCall({ cx_query_describe(handle, &out, &length, $0) })) != nil else { return "Query(?)" }
        return String(decoding: takeBytes(out, length), as: UTF8.self)
    }
}
