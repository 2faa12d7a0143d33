/// Splits text into terms, the same way for documents and for queries.
///
/// | text            | terms (position)                                   |
/// |-----------------|----------------------------------------------------|
/// | `法治政府建设`   | 法治 0, 治政 1, 政府 2, 府建 3, 建设 4, 设ᵘ 5       |
/// | `GDP增长6.5%`   | gdp 0, 增长 1, 长ᵘ 2, 6.5 3                         |
/// | `２０２０年`     | 2020 0, 年ᵘ 1                                       |
/// | `税。`          | 税ᵘ 0                                               |
///
/// ᵘ marks a ``Token/Kind/unigram``: the last character of each Han run. It carries the
/// position of that character (one past its run's last bigram). Han runs cover CJK
/// Unified Ideographs with extensions A–G, the compatibility ideographs and 〇.
package struct Tokenizer: Sendable {
    /// Longer Latin/number runs (hashes, base64 junk) are not indexed.
    package static let maxWordUTF8Length = 64

    package init() {}

    enum Class { case han, word, other }

    @inline(__always)
    static func classify(_ v: UInt32) -> Class {
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) { return .word }
            return .other
        }
        if isHan(v) { return .han }
        guard let s = Unicode.Scalar(v) else { return .other }
        let p = s.properties
        if p.isAlphabetic || p.numericType == .decimal { return .word }
        // Combining marks stay inside the word they decorate.
        if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { return .word }
        return .other
    }

    @inline(__always)
    package static func isHan(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || v == 0x3007
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x3134F)
    }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// All tokens of `text`.
    package func tokens(in text: String) -> [Token] {
        tokens(in: NormalizedText(text))
    }

    package func tokens(in text: NormalizedText) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(text.count + text.count / 8)
        forEachToken(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` for every token, in text order (a unigram follows its run's bigrams).
    package func forEachToken(in text: NormalizedText, _ body: (Token) -> Void) {
        let s = text.scalars
        Self.forEachSpan(in: s) { kind, range, position in
            body(Token(term: Self.string(s[range]), position: position, scalarRange: range,
                       utf8Range: text.originalUTF8Range(range), kind: kind))
        }
    }

    /// The scanner behind every token: each token's kind, scalar range and position,
    /// without building its string (the indexer keys bigrams by their scalars instead).
    @inline(__always)
    static func forEachSpan(in s: [UInt32], _ body: (Token.Kind, Range<Int>, Int) -> Void) {
        let n = s.count
        var position = 0
        var i = 0
        var gap = false
        while i < n {
            switch classify(s[i]) {
            case .other:
                gap = position > 0
                i += 1
            case .han:
                if gap { position += 1; gap = false }
                var j = i + 1
                while j < n && classify(s[j]) == .han { j += 1 }
                for k in i..<(j - 1) {
                    body(.bigram, k..<(k + 2), position)
                    position += 1
                }
                body(.unigram, (j - 1)..<j, position)
                position += 1
                i = j
            case .word:
                if gap { position += 1; gap = false }
                var j = i + 1
                var utf8Length = UTF8.width(Unicode.Scalar(s[i]) ?? "\u{FFFD}")
                while j < n {
                    let c = classify(s[j])
                    if c == .word { utf8Length += UTF8.width(Unicode.Scalar(s[j]) ?? "\u{FFFD}"); j += 1; continue }
                    // `6.5` and `1,000` are one number: a point or comma between two digits.
                    if (s[j] == 0x2E || s[j] == 0x2C) && j + 1 < n && isDigit(s[j - 1]) && isDigit(s[j + 1]) {
                        utf8Length += 2
                        j += 2
                        continue
                    }
                    break
                }
                if utf8Length <= maxWordUTF8Length { body(.word, i..<j, position) }
                position += 1
                i = j
            }
        }
    }

    @inline(__always)
    static func string(_ values: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for v in values { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
        return String(view)
    }
}
