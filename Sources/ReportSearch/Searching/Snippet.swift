/// A piece of a section's original text with the matched spans marked.
///
/// `highlights` are ranges of Unicode scalars within `text` (Chinese characters are one
/// scalar each); `…` is part of `text` where the section was cut.
public struct Snippet: Equatable, Sendable, Codable {
    public var text: String
    public var highlights: [Range<Int>]

    /// `text` with every control character a terminal or a spreadsheet could act on
    /// replaced by U+FFFD, one scalar for one (highlight offsets stay right); tabs and line
    /// breaks stay. A report can hold ESC sequences, BEL or NUL, and these must not reach
    /// the user's terminal or a CSV cell.
    ///
    /// | scalars                                     | which                      |
    /// |---------------------------------------------|----------------------------|
    /// | U+0000–U+001F except tab, LF, CR; U+007F    | C0 controls, DEL           |
    /// | U+0080–U+009F                               | C1 controls (CSI is U+009B)|
    /// | U+202A–U+202E, U+2066–U+2069, U+061C, U+200E, U+200F | bidi overrides and marks |
    public static func displayable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x200E, 0x200F: true
        default: false
        }
    }

    /// Plain text with each highlight wrapped: `【合法性审查】` by default.
    public func marked(open: String = "【", close: String = "】") -> String {
        // UTF-8 offset of each scalar boundary, then byte slices.
        var offsets = [0]
        offsets.reserveCapacity(text.utf8.count + 1)
        for scalar in text.unicodeScalars { offsets.append(offsets.last! + UTF8.width(scalar)) }
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + highlights.count * (open.utf8.count + close.utf8.count))
        var cursor = 0
        for h in highlights {
            out += utf8[offsets[cursor]..<offsets[h.lowerBound]]
            out += open.utf8
            out += utf8[offsets[h.lowerBound]..<offsets[h.upperBound]]
            out += close.utf8
            cursor = h.upperBound
        }
        out += utf8[offsets[cursor]...]
        return String(decoding: out, as: UTF8.self)
    }
}

/// Makes snippets in Swift from a section's text: length in characters, a window that
/// shows the most distinct matched spans, snapped to a sentence end (。！？； or a line
/// break) when one is near, never cutting a highlight or a character sequence.
public struct SnippetMaker: Sendable {
    public var maxCharacters: Int
    public var fragments: Int

    public init(maxCharacters: Int = 160, fragments: Int = 1) {
        self.maxCharacters = max(20, maxCharacters)
        self.fragments = max(1, fragments)
    }

    static let sentenceEnds: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x0A, 0x21, 0x3F, 0x3B]

    /// - Parameters:
    ///   - folded: `text` folded (``NormalizedText/foldedScalars(_:folding:)``), when the
    ///     caller has it already (the exact check made it); folded here otherwise;
    ///   - needles: folded text units to highlight as whole spans;
    ///   - fallbackWords: the words of the needles (``QueryWords``), highlighted when no
    ///     needle occurs whole (a relaxed hit);
    ///   - fallbackTerms: folded terms (bigrams, words) highlighted when no needle and no
    ///     fallback word occurs.
    public func snippets(for text: String, folded: [UInt32]? = nil, needles: [String], fallbackWords: [String] = [],
                         fallbackTerms: [String]) -> [Snippet] {
        var original: [Unicode.Scalar] = []
        original.reserveCapacity(folded?.count ?? text.utf8.count)
        for scalar in text.unicodeScalars { original.append(scalar) }
        var folded = folded ?? []
        if folded.count != original.count { folded = NormalizedText.foldedScalars(text) }
        // Each query unit's occurrences; when none occurs whole (a relaxed hit), its words',
        // and when none of those occurs either, its terms'.
        var isFallback = false
        var occurrences: [[Range<Int>]] = []
        for (tier, candidates) in [needles, fallbackWords, fallbackTerms].enumerated() {
            let words = Array(Set(candidates.filter { !$0.isEmpty })).sorted()
            occurrences = Self.occurrences(of: words, in: folded)
            isFallback = tier > 0
            if !occurrences.allSatisfy(\.isEmpty) { break }
        }
        let spans = Self.merged(occurrences.flatMap { $0 })
        var unseen = Set(occurrences.indices.filter { !occurrences[$0].isEmpty })
        var used: [Range<Int>] = []
        var result: [Snippet] = []
        var remaining = spans
        // Windows, greedily: the one showing most query words not shown yet, then most
        // matched characters. One more fragment than asked for when the first cannot show
        // every word (乡村振兴 in one sentence, 人才 in another).
        let most = fragments + (fragments == 1 && !isFallback ? 1 : 0)
        while result.count < most && !remaining.isEmpty {
            if result.count >= fragments && unseen.isEmpty { break }
            guard let window = bestWindow(spans: remaining, occurrences: occurrences, unseen: unseen,
                                          count: original.count, original: original, avoiding: used)
            else { break }
            used.append(window)
            let inside = spans.filter { window.contains($0.lowerBound) && $0.upperBound <= window.upperBound }
            remaining.removeAll { window.contains($0.lowerBound) }
            unseen = unseen.filter { w in !occurrences[w].contains { window.contains($0.lowerBound) && $0.upperBound <= window.upperBound } }
            result.append(render(original, window: window, spans: inside))
        }
        if result.isEmpty {
            let window = snap(0..<min(original.count, maxCharacters), in: original, spans: [])
            result.append(render(original, window: window, spans: []))
        }
        return result
    }

    /// Each needle's occurrences (scalar ranges) in the folded text, in the needles' order.
    static func occurrences(of needles: [String], in folded: [UInt32]) -> [[Range<Int>]] {
        needles.map { ExactMatcher.occurrences(of: $0.unicodeScalars.map(\.value), in: folded) }
    }

    /// Whole matched spans, merged where they overlap or touch.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// Whole matched spans of `needles`, merged where they overlap or touch.
    static func spans(of needles: [String], in folded: [UInt32]) -> [Range<Int>] {
        merged(occurrences(of: Array(Set(needles.filter { !$0.isEmpty })), in: folded).flatMap { $0 })
    }

    /// The window that starts at a span and shows the most words of `unseen`, then the most
    /// matched characters; widened to a sentence start and snapped (see ``snap(_:in:spans:)``).
    func bestWindow(spans: [Range<Int>], occurrences: [[Range<Int>]], unseen: Set<Int>, count: Int,
                    original: [Unicode.Scalar], avoiding used: [Range<Int>]) -> Range<Int>? {
        guard !spans.isEmpty else { return nil }
        var best: (words: Int, covered: Int, start: Int)? = nil
        for (i, anchor) in spans.enumerated() {
            if used.contains(where: { $0.contains(anchor.lowerBound) }) { continue }
            let end = anchor.lowerBound + maxCharacters
            var covered = 0
            for s in spans[i...] where s.upperBound <= end { covered += s.count }
            let words = unseen.filter { w in occurrences[w].contains { $0.lowerBound >= anchor.lowerBound && $0.upperBound <= end } }.count
            if best == nil || (words, covered) > (best!.words, best!.covered) { best = (words, covered, anchor.lowerBound) }
        }
        guard let best else { return nil }
        // Lead in with up to a quarter of the window of context, from a sentence start if near.
        var start = max(0, best.start - maxCharacters / 4)
        if let sentence = (start..<best.start).last(where: { Self.sentenceEnds.contains(original[$0].value) }) {
            start = sentence + 1
        } else if let sentence = (max(0, best.start - maxCharacters / 2)..<start).last(where: {
            Self.sentenceEnds.contains(original[$0].value)
        }) {
            start = sentence + 1
        }
        let end = min(count, start + maxCharacters)
        return snap(start..<end, in: original, spans: spans)
    }

    /// Ends at a sentence end in the last fifth when there is one; moves boundaries off
    /// highlights and combining marks.
    func snap(_ window: Range<Int>, in original: [Unicode.Scalar], spans: [Range<Int>]) -> Range<Int> {
        var start = window.lowerBound, end = window.upperBound
        if end < original.count {
            let from = max(start, end - maxCharacters / 5)
            if let stop = (from..<end).last(where: { Self.sentenceEnds.contains(original[$0].value) }) { end = stop + 1 }
        }
        for s in spans {
            if s.contains(end) && s.lowerBound < end { end = s.lowerBound > start ? s.lowerBound : s.upperBound }
            if s.contains(start) && s.lowerBound < start { start = s.lowerBound }
        }
        func isMark(_ i: Int) -> Bool {
            i < original.count && (original[i].properties.generalCategory == .nonspacingMark
                || original[i].properties.generalCategory == .spacingMark || original[i].value == 0x200D
                || original[i].properties.generalCategory == .enclosingMark || (0xFE00...0xFE0F).contains(original[i].value))
        }
        while start > 0 && isMark(start) { start -= 1 }
        while end < original.count && isMark(end) { end += 1 }
        return start..<max(start, end)
    }

    func render(_ original: [Unicode.Scalar], window: Range<Int>, spans: [Range<Int>]) -> Snippet {
        var text: [UInt8] = []
        text.reserveCapacity(window.count * 3 + 6)
        var offset = 0
        let cutStart = window.lowerBound > 0
        if cutStart { text += "…".utf8; offset = 1 }
        // Line breaks inside a snippet become spaces: a snippet is one line.
        var trimmedLead = 0
        var written = offset
        for i in window {
            var s = original[i]
            if s == "\n" || s == "\r" || s == "\t" { s = " " }
            if written == offset && s == " " && i < (spans.first?.lowerBound ?? Int.max) { trimmedLead += 1; continue }
            UTF8.encode(s) { text.append($0) }
            written += 1
        }
        let base = window.lowerBound + trimmedLead - offset
        let highlights = spans.map { ($0.lowerBound - base)..<($0.upperBound - base) }
        if window.upperBound < original.count { text += "…".utf8 }
        return Snippet(text: Snippet.displayable(String(decoding: text, as: UTF8.self)), highlights: highlights)
    }
}
