/// What makes reposted text findable as one group: an exact key for sections whose folded
/// text holds the same letters and digits in the same order (punctuation, spaces and line
/// breaks ignored), and a ``MinHashSignature`` for sections that are nearly the same.
///
/// A notice that forwards an opinion reprints it with other spacing and dashes
/// (`1. 指导思想` / `1.指导思想`, `——` / `--`): ignoring everything but letters and digits
/// makes such copies identical. It often edits a few words too (an item renumbered, a
/// phrase added, a date moved): the signature estimates how much text two sections share,
/// and two sections are copies when they share a band of it and the estimate reaches
/// ``MinHashSignature/threshold``.
///
/// Everything here depends on the section alone, so an incremental update keeps every
/// group right without touching other documents: a changed copy gets a new key and
/// signature and leaves its old group (unless it is still nearly the same), a deleted
/// copy leaves it with its document.
///
/// | section text (folded)                        | ``key``              | ``signature`` | copy of the first? |
/// |----------------------------------------------|----------------------|---------------|--------------------|
/// | `1. 指导思想。坚持…` (≥ 100 letters and digits) | 16 hex digits        | 64 bytes      | –                  |
/// | `1.指导思想。坚持…`                           | the same hex digits  | the same      | yes: same key      |
/// | the same with 3 of 300 characters changed    | another key          | nearly        | yes: near copy     |
/// | a section sharing one sentence of it         | another key          | another       | no                 |
/// | `各位代表：现在，我代表国务院…` (30–99)         | 16 hex digits        | nil           | only with its key  |
/// | `一、总体要求` (< 30 letters and digits)       | nil: not grouped     | –             | –                  |
package struct DuplicateGroup: Equatable, Sendable {
    /// Sections with fewer letters and digits are never grouped: a bare heading such as
    /// 第一章 总则 is the same in hundreds of reports without being a repost.
    package static let minimumCharacters = 30
    /// Sections with fewer letters and digits are grouped only with exact copies. In a
    /// short section one name or date is a large part of the text, and the near copies
    /// measured on gov-reports below this length were templates, not reposts: each year's
    /// opening of the national government work report, each province's 2025 opening,
    /// article N of one rule and article M of its implementing rule (`report-search-bench
    /// neardup`: 159 such pairs across reports below 100 letters and digits). From 100 on
    /// they are mostly one text edited (62 pairs at 100–199: a phrase added, a date or an
    /// article number changed, one year's call for projects reissued), with a few long
    /// report openings still among them. It also leaves the signature out of most law
    /// articles, which are short (44% of laws-cn's sections have 30–99).
    package static let nearCopyMinimumCharacters = 100

    /// 16 hex digits of the FNV-1a hash of the significant scalars: the same for exact copies.
    package let key: String
    /// Nil for a section shorter than ``nearCopyMinimumCharacters``.
    package let signature: MinHashSignature?

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
        let characters = previous == nil ? 0 : shingles.count + 1
        guard characters >= Self.minimumCharacters else { return nil }
        key = hash.hex16
        signature = characters >= Self.nearCopyMinimumCharacters ? MinHashSignature(shingles: shingles) : nil
    }

    package init(key: String, signature: MinHashSignature?) {
        self.key = key
        self.signature = signature
    }

    /// The exact key of `folded`, or nil when it is too short.
    package static func key(folded: [UInt32]) -> String? { DuplicateGroup(folded: folded)?.key }

    /// Whether the two sections are copies: the same letters and digits, or near copies.
    package func isCopy(of other: DuplicateGroup) -> Bool {
        if key == other.key { return true }
        guard let signature, let theirs = other.signature else { return false }
        return signature.isNearCopy(of: theirs)
    }

    /// The boolean terms that find a section's possible copies: a `B` term per band
    /// (``MinHashSignature/bandTerms``), or the `D` key when there is no signature. Exact
    /// copies have the same signature, so its bands find them too.
    package var terms: [String] {
        guard let signature else { return [IndexSchema.duplicatePrefix + key] }
        return signature.bandTerms.map { IndexSchema.bandPrefix + $0 }
    }

    /// The band keys (``MinHashSignature/bandKeys``); none without a signature.
    package var bandKeys: [UInt64] { signature?.bandKeys ?? [] }

    /// The ``IndexSchema/groupSlot`` value: the key's 16 hex digits, then the signature's
    /// bytes if there is one. A candidate's group is read with its rank, without its document.
    package var slotValue: [UInt8] { Array(key.utf8) + (signature?.bytes ?? []) }

    /// Reads ``slotValue``; nil for an empty value (a section too short to be grouped).
    package init?(slotValue: some Collection<UInt8>) {
        guard slotValue.count >= 16 else { return nil }
        key = String(decoding: slotValue.prefix(16), as: UTF8.self)
        signature = slotValue.count > 16 ? MinHashSignature(bytes: slotValue.dropFirst(16)) : nil
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
