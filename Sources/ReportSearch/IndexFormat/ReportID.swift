/// An opaque, URL-safe name for one report of an index: 16 hex digits of the FNV-1a 64-bit
/// hash of the report's index path. Pages and the JSON API address a report by it, never by
/// a file system path, so a request cannot name a file the index does not list.
///
/// | index path        | id                 |
/// |-------------------|--------------------|
/// | `2020/报告.txt`    | 16 lowercase hex digits, the same for every index holding that path |
///
/// Stable across rebuilds (it depends on the path only). A collision of two paths in one
/// index is possible in principle (1 in 2⁶⁴ per pair); the first path in byte order wins.
package struct ReportID: Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    /// The id of the report stored under `path` (relative to the corpus root, as in a hit).
    package init(path: String) {
        var hash = FNV1a()
        hash.add(path.utf8)
        rawValue = hash.hex16
    }

    /// Reads an id as printed; nil unless exactly 16 lowercase hex digits.
    package init?(_ text: some StringProtocol) {
        guard text.utf8.count == 16, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        rawValue = String(text)
    }

    package var description: String { rawValue }
}
