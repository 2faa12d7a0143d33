internal import CXapian

/// An immutable Xapian query tree.
///
/// ```swift
/// let phrase = try XapianQuery(.phrase, [XapianQuery(term: "法治", position: 1), XapianQuery(term: "治政", position: 2)])
/// let filter = try XapianQuery(.or, [XapianQuery(term: "Y2023"), XapianQuery(term: "Y2024")]).scaled(by: 0)
/// ```
package final class XapianQuery: CustomStringConvertible {
    package enum Operator: Sendable {
        case and, or, andNot, andMaybe, filter
        /// The subqueries at adjacent positions, in order (positional terms only).
        case phrase

        var raw: cx_query_op {
            switch self {
            case .and: CX_OP_AND
            case .or: CX_OP_OR
            case .andNot: CX_OP_AND_NOT
            case .andMaybe: CX_OP_AND_MAYBE
            case .filter: CX_OP_FILTER
            case .phrase: CX_OP_PHRASE
            }
        }
    }

    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { cx_query_free(handle) }

    /// A single term; `position` matters only inside a phrase.
    package convenience init(term: String, position: UInt32 = 0) throws {
        self.init(handle: try withBytes(term) { p, n in try xapianHandle { cx_query_new_term(p, n, position, $0, $1) } })
    }

    /// Combines subqueries.
    package convenience init(_ op: Operator, _ subqueries: [XapianQuery]) throws {
        let handles = subqueries.map(\.handle)
        self.init(handle: try handles.withUnsafeBufferPointer { buffer in
            try xapianHandle { cx_query_new_combined(op.raw, buffer.baseAddress, buffer.count, $0, $1) }
        })
        withExtendedLifetime(subqueries) {}
    }

    /// Documents whose value in `slot` lies in `low...high` (byte order); nil leaves a side open.
    convenience init(valueSlot slot: UInt32, from low: [UInt8]?, to high: [UInt8]?) throws {
        self.init(handle: try withBytes(low ?? []) { lp, ln in
            try withBytes(high ?? []) { hp, hn in
                try xapianHandle { cx_query_new_value_range(slot, lp, ln, hp, hn, $0, $1) }
            }
        })
    }

    /// Each report whose first section a unit's query matches lends the unit's weight to
    /// all its sections (``TitleBoost``): a report is its first section's docid and the
    /// section count in `countSlot` (its sections' docids follow), or, in an index without
    /// counts, the sections sharing its value in `keySlot`. Nil when no unit matches anything.
    /// `portable`: Xapian's ValueMapPostingSource over `keySlot`, which remote shards can run.
    static func titleBoost(_ database: XapianDatabase, units: [(query: XapianQuery, weight: Double)], keySlot: UInt32,
                           countSlot: UInt32, portable: Bool) throws -> XapianQuery? {
        let handles = units.map(\.query.handle)
        let weights = units.map(\.weight)
        var out: OpaquePointer? = nil
        try handles.withUnsafeBufferPointer { h in
            try weights.withUnsafeBufferPointer { w in
                try xapianCall {
                    cx_query_new_title_boost(database.handle, h.baseAddress, w.baseAddress, units.count, keySlot, countSlot,
                                             portable ? 1 : 0, &out, $0)
                }
            }
        }
        withExtendedLifetime(units) {}
        return out.map { XapianQuery(handle: $0) }
    }

    /// Every term starting with `prefix`, as one synonym (no limit on the expansion).
    package convenience init(wildcard prefix: String) throws {
        self.init(handle: try withBytes(prefix) { p, n in try xapianHandle { cx_query_new_wildcard(p, n, $0, $1) } })
    }

    /// Matches every document (weight 0).
    static func matchAll() throws -> XapianQuery {
        XapianQuery(handle: try xapianHandle { cx_query_new_match_all($0, $1) })
    }

    /// Matches no document.
    static func matchNothing() throws -> XapianQuery {
        XapianQuery(handle: try xapianHandle { cx_query_new_match_nothing($0, $1) })
    }

    /// This query with every weight multiplied by `factor` (Xapian's OP_SCALE_WEIGHT;
    /// 0 turns it into a pure filter).
    func scaled(by factor: Double) throws -> XapianQuery {
        XapianQuery(handle: try xapianHandle { cx_query_new_scaled(handle, factor, $0, $1) })
    }

    /// Xapian's description, e.g. `Query((法治@1 PHRASE 2 治政@2))`.
    package var description: String {
        var out: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        guard (try? xapianCall({ cx_query_describe(handle, &out, &length, $0) })) != nil else { return "Query(?)" }
        return String(decoding: takeBytes(out, length), as: UTF8.self)
    }
}
