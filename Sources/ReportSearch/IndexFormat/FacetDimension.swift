/// What a collection-wide count groups by, and the bucket a section falls in: read from
/// the fields of its stored record, so that the counts of a search, the character totals
/// the writer keeps (``CharacterTotals``) and a scan of every section agree.
///
/// | dimension | bucket of `gov/2020/nat-gwr.txt`, dated 2020-03-05, 国务院 |
/// |-----------|-------------------------------------------------------------|
/// | `year`    | `2020` (no date: `(unknown)`)                               |
/// | `agency`  | `国务院` (none: `(unknown)`)                                 |
/// | `folder`  | `gov` (a file at the root: `.`)                              |
public enum FacetDimension: String, CaseIterable, Sendable, Codable {
    case year, agency, folder

    public static let unknown = "(unknown)"

    /// The bucket's bytes; empty for ``unknown`` (no four-digit year, no agency).
    func bucket(of fields: SectionRecord.Raw) -> [UInt8] {
        switch self {
        case .year:
            let year = Array(fields.date.prefix(4))
            return year.count == 4 && year.allSatisfy({ (0x30...0x39).contains($0) }) ? year : []
        case .agency:
            return Array(fields.agency)
        case .folder:
            guard let slash = fields.path.firstIndex(of: UInt8(ascii: "/")) else { return [UInt8(ascii: ".")] }
            return Array(fields.path[..<slash])
        }
    }

    /// The label shown for a bucket's bytes: `2020`, `国务院`, `(unknown)`.
    static func label(of bucket: [UInt8]) -> String {
        bucket.isEmpty ? unknown : String(decoding: bucket, as: UTF8.self)
    }
}
