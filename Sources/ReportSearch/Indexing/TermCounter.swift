/// Counts a section's terms (the ``Tokenizer``'s, field prefixes included) and packs them
/// for one call into Xapian.
///
/// Indexing's hot loop: Han bigrams and unigrams, nearly every term, are counted under an
/// integer key built from their scalars instead of a `String` (whose hashing normalises
/// Unicode, a fifth of an index run when it was used here). Each distinct term becomes
/// UTF-8 once, in ``packed()``. The terms are the same as `Tokenizer.forEachToken`'s,
/// which queries use; a test holds the two paths together.
struct TermCounter {
    /// Field prefixes by index; the key's top bits hold the index.
    static let prefixes = ["", IndexSchema.headingPrefix, IndexSchema.ancestorPrefix, IndexSchema.titlePrefix]
    enum Field: UInt64 { case body = 0, heading, ancestors, title }

    /// field << 42 | first scalar << 21 | second scalar (0 for a unigram).
    private var han: [UInt64: UInt32] = [:]
    /// Prefixed words and numbers.
    private var words: [String: UInt32] = [:]

    init(expectedTerms: Int = 256) {
        han.reserveCapacity(expectedTerms)
    }

    /// Adds the terms of `scalars` (folded, see ``NormalizedText``). `once`: every distinct
    /// term of the field counts 1, however often it occurs (headings and titles).
    mutating func add(_ scalars: [UInt32], field: Field, once: Bool = false) {
        Tokenizer.forEachSpan(in: scalars) { kind, range, _ in
            switch kind {
            case .bigram, .unigram:
                let second = kind == .bigram ? UInt64(scalars[range.lowerBound + 1]) : 0
                let key = field.rawValue << 42 | UInt64(scalars[range.lowerBound]) << 21 | second
                if once { han[key] = 1 } else { han[key, default: 0] += 1 }
            case .word:
                let term = Self.prefixes[Int(field.rawValue)] + Tokenizer.string(scalars[range])
                if once { words[term] = 1 } else { words[term, default: 0] += 1 }
            }
        }
    }

    /// How many distinct terms ``add(_:field:once:)`` counted.
    var distinctTerms: Int { han.count + words.count }

    /// One term standing for `wdf` occurrences: it adds to the section's length, not to any match.
    mutating func addLength(_ term: String, wdf: UInt32) {
        words[term] = wdf
    }

    /// Every term's UTF-8 back to back, with lengths and wdfs, in no particular order.
    func packed() -> PackedTerms {
        var result = PackedTerms()
        let count = han.count + words.count
        result.bytes.reserveCapacity(han.count * 7 + words.count * 8)
        result.lengths.reserveCapacity(count)
        result.wdfs.reserveCapacity(count)
        for (key, wdf) in han {
            let before = result.bytes.count
            result.bytes.append(contentsOf: Self.prefixes[Int(key >> 42)].utf8)
            Self.appendUTF8(UInt32(truncatingIfNeeded: (key >> 21) & 0x1F_FFFF), to: &result.bytes)
            let second = UInt32(truncatingIfNeeded: key & 0x1F_FFFF)
            if second != 0 { Self.appendUTF8(second, to: &result.bytes) }
            result.lengths.append(UInt32(result.bytes.count - before))
            result.wdfs.append(wdf)
        }
        for (term, wdf) in words {
            result.bytes.append(contentsOf: term.utf8)
            result.lengths.append(UInt32(term.utf8.count))
            result.wdfs.append(wdf)
        }
        return result
    }

    @inline(__always)
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        UTF8.encode(scalar) { bytes.append($0) }
    }
}

/// Terms ready for ``XapianDocument/addTerms(_:)``.
struct PackedTerms: Sendable, Equatable {
    var bytes: [UInt8] = []
    var lengths: [UInt32] = []
    var wdfs: [UInt32] = []

    /// Each term's bytes with its wdf. Bytes, not `String`s: Swift's `String` equality is
    /// canonical equivalence, which would merge 龜 U+F900 with 龜 U+9F9C, and Xapian does not.
    var byteTerms: [[UInt8]: UInt32] {
        var result: [[UInt8]: UInt32] = [:]
        var offset = 0
        for (length, wdf) in zip(lengths, wdfs) {
            result[Array(bytes[offset..<(offset + Int(length))])] = wdf
            offset += Int(length)
        }
        return result
    }
}
