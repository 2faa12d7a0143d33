/// The group key of reposted text: sections whose folded text holds the same letters and
/// digits in the same order (punctuation, spaces and line breaks ignored) share it.
///
/// A notice that forwards an opinion reprints it with other spacing and dashes
/// (`1. 指导思想` / `1.指导思想`, `——` / `--`): ignoring everything but letters and digits
/// makes such copies identical. The key depends on the section alone, so an incremental
/// update keeps every group right without touching other documents: a changed copy gets a
/// new key and leaves its old group, a deleted copy leaves it with its document.
///
/// | section text (folded)                  | key                         |
/// |----------------------------------------|-----------------------------|
/// | `1. 指导思想。坚持…` (≥ 30 letters)     | 16 hex digits (FNV-1a 64)   |
/// | `1.指导思想。坚持…`                     | the same 16 hex digits      |
/// | `一、总体要求` (< 30 letters and digits) | nil: too short to be a copy |
package enum DuplicateGroup {
    /// Sections with fewer letters and digits are never grouped: a bare heading such as
    /// 第一章 总则 is the same in hundreds of reports without being a repost.
    package static let minimumCharacters = 30

    /// The key of `folded` (scalars after ``CharacterFolding``), or nil when it is too short.
    package static func key(folded: [UInt32]) -> String? {
        var hash = FNV1a()
        var significant = 0
        for v in folded where isSignificant(v) {
            significant += 1
            // The scalar's three low bytes, lowest first.
            hash.add(UInt8(truncatingIfNeeded: v))
            hash.add(UInt8(truncatingIfNeeded: v >> 8))
            hash.add(UInt8(truncatingIfNeeded: v >> 16))
        }
        guard significant >= minimumCharacters else { return nil }
        return hash.hex16
    }

    /// Letters and digits of any script; Han ideographs without a table lookup.
    static func isSignificant(_ v: UInt32) -> Bool {
        switch v {
        case 0x30...0x39, 0x61...0x7A, 0x41...0x5A: return true
        case 0x3400...0x9FFF, 0x20000...0x3FFFF: return true
        case 0..<0x80: return false
        default:
            guard let scalar = Unicode.Scalar(v) else { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
