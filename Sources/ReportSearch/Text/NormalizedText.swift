/// Text after ``CharacterFolding``, one folded scalar per original scalar, with the UTF-8
/// byte offset of each in the original string.
///
/// ```swift
/// let n = NormalizedText("ＧＤＰ經濟")
/// n.string                 // "gdp经济"
/// n.originalUTF8Range(1..<3) // 3..<9  ("ＤＰ" in the original)
/// ```
package struct NormalizedText: Sendable {
    /// Folded scalar values.
    package private(set) var scalars: [UInt32]
    /// `utf8Offsets[i]` is where scalar `i` starts in the original text's UTF-8;
    /// the last entry is the original's UTF-8 length.
    package private(set) var utf8Offsets: [Int]

    package init(_ text: String, folding: CharacterFolding = .shared) {
        var scalars: [UInt32] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(text.utf8.count / 2)
        offsets.reserveCapacity(text.utf8.count / 2 + 1)
        var offset = 0
        for s in text.unicodeScalars {
            scalars.append(folding.fold(s.value))
            offsets.append(offset)
            offset += UTF8.width(s)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.utf8Offsets = offsets
    }

    package var count: Int { scalars.count }

    /// Only the folded scalars of `text` (no offsets): what indexing needs.
    package static func foldedScalars(_ text: String, folding: CharacterFolding = .shared) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count / 2)
        for s in text.unicodeScalars { scalars.append(folding.fold(s.value)) }
        return scalars
    }

    /// The folded text as a string.
    package var string: String {
        var view = String.UnicodeScalarView()
        for v in scalars { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
        return String(view)
    }

    /// The original UTF-8 byte range of the folded scalars `range`.
    package func originalUTF8Range(_ range: Range<Int>) -> Range<Int> {
        utf8Offsets[range.lowerBound]..<utf8Offsets[range.upperBound]
    }
}
