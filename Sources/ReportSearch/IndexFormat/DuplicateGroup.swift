/// What makes reposted text findable as one group: an exact key for sections whose folded
/// text holds the same letters and digits in the same order (punctuation, spaces and line
/// breaks ignored), and a ``MinHashSignature`` for sections that are nearly the same.
///
/// A notice that forwards an opinion reprints it with other spacing and dashes
/// (`1. 指导思想` / `1.指导思想`, `——` / `--`): ignoring everything but letters and digits
/// makes such copies identical. It often edits a few words too (`各地区` / `各地`, a
/// sentence added): the signature estimates how much text two sections share, and two
/// sections are copies when they share a band of it and the estimate reaches
/// ``MinHashSignature/threshold``.
///
/// Everything here depends on the section alone, so an incremental update keeps every
/// group right without touching other documents: a changed copy gets a new key and
/// signature and leaves its old group (unless it is still nearly the same), a deleted
/// copy leaves it with its document.
///
/// | section text (folded)                  | ``key``                     | copy of the first? |
/// |----------------------------------------|-----------------------------|--------------------|
/// | `1. 指导思想。坚持…` (≥ 30 letters)     | 16 hex digits (FNV-1a 64)   | –                  |
/// | `1.指导思想。坚持…`                     | the same 16 hex digits      | yes: same key      |
/// | `1. 指导思想。坚持…` with 3 of 300 characters changed | another key  | yes: near copy     |
/// | a section sharing one sentence of it   | another key                 | no                 |
/// | `一、总体要求` (< 30 letters and digits) | nil: too short to be a copy | –                  |
package struct DuplicateGroup: Equatable, Sendable {
    /// Sections with fewer letters and digits are never grouped: a bare heading such as
    /// 第一章 总则 is the same in hundreds of reports without being a repost.
    package static let minimumCharacters = 30

    /// 16 hex digits of the FNV-1a hash of the significant scalars: the same for exact copies.
    package let key: String
    package let signature: MinHashSignature

    /// The group of `folded` (scalars after ``CharacterFolding``), or nil when it is too short.
    package init?(folded: [UInt32]) {
        var hash = FNV1a()
        var shingles: [UInt64] = []
        shingles.reserveCapacity(folded.count)
        var previous: UInt32?
        for v in folded where Self.isSignificant(v) {
            // The scalar's three low bytes, lowest first.
            hash.add(UInt8(truncatingIfNeeded: v))
            hash.add(UInt8(truncatingIfNeeded: v >> 8))
            hash.add(UInt8(truncatingIfNeeded: v >> 16))
            if let previous { shingles.append(MinHashSignature.shingle(previous, v)) }
            previous = v
        }
        guard shingles.count + 1 >= Self.minimumCharacters, let signature = MinHashSignature(shingles: shingles)
        else { return nil }
        key = hash.hex16
        self.signature = signature
    }

    package init(key: String, signature: MinHashSignature) {
        self.key = key
        self.signature = signature
    }

    /// The exact key of `folded`, or nil when it is too short.
    package static func key(folded: [UInt32]) -> String? { DuplicateGroup(folded: folded)?.key }

    /// Whether the two sections are copies: the same letters and digits, or near copies.
    package func isCopy(of other: DuplicateGroup) -> Bool {
        key == other.key || signature.isNearCopy(of: other.signature)
    }

    /// The boolean terms that find a section's possible copies: its `D` key and a `B` term
    /// per band (``MinHashSignature/bandTerms``).
    package var terms: [String] {
        [IndexSchema.duplicatePrefix + key] + signature.bandTerms.map { IndexSchema.bandPrefix + $0 }
    }

    /// The ``IndexSchema/groupSlot`` value: the key's 16 hex digits, then the signature's
    /// bytes. A candidate's group is read with its rank, without its document.
    package var slotValue: [UInt8] { Array(key.utf8) + signature.bytes }

    /// Reads ``slotValue``; nil for an empty value (a section too short to be grouped).
    package init?(slotValue: some Collection<UInt8>) {
        guard slotValue.count > 16 else { return nil }
        key = String(decoding: slotValue.prefix(16), as: UTF8.self)
        signature = MinHashSignature(bytes: slotValue.dropFirst(16))
    }

    /// Letters and digits of any script; Han ideographs without a table lookup.
    package static func isSignificant(_ v: UInt32) -> Bool {
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
