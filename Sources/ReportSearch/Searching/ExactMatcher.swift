/// Proves exact matches: evaluates a ``ParsedQuery``'s text units as substrings of a
/// section's folded text. This is what makes a position-less bigram index exact: Xapian
/// finds the candidates holding every bigram, the matcher keeps those holding the phrase.
struct ExactMatcher {
    let query: ParsedQuery
    /// Checks only what a relaxed match must still honour, the exclusions: a positive text
    /// unit counts as present (its terms matched in some order), an excluded one must not
    /// occur. `法治政府 -合法性审查` relaxed still never shows a section with 合法性审查.
    let exclusionsOnly: Bool
    private let needles: [String: [UInt32]]
    /// The last text checked by ``matches(utf8:)``, folded: proximity and snippets read it
    /// instead of folding the section again (see ``keepFolded()``).
    private(set) var folded: [UInt32] = []

    init(_ query: ParsedQuery, exclusionsOnly: Bool = false) {
        self.query = query
        self.exclusionsOnly = exclusionsOnly
        var needles: [String: [UInt32]] = [:]
        func collect(_ q: ParsedQuery) {
            switch q {
            case .text(let t, _): needles[t] = t.unicodeScalars.map(\.value)
            case .and(let qs), .or(let qs): qs.forEach(collect)
            case .not(let inner): collect(inner)
            default: break
            }
        }
        collect(query)
        self.needles = needles
    }

    /// Whether the section text (UTF-8 bytes of the original) satisfies the query's text
    /// units; field filters are Xapian's job and count as true here.
    mutating func matches(utf8 text: UnsafeRawBufferPointer) -> Bool {
        folded.removeAll(keepingCapacity: true)
        let folding = CharacterFolding.shared
        var iterator = text.makeIterator()
        var decoder = UTF8()
        decode: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): folded.append(folding.fold(s.value))
            case .emptyInput: break decode
            case .error: folded.append(0xFFFD)
            }
        }
        return matches(folded: folded)
    }

    /// Whether text already folded (``NormalizedText/foldedScalars(_:folding:)``) satisfies
    /// the query's text units.
    func matches(folded text: [UInt32]) -> Bool {
        func evaluate(_ q: ParsedQuery, excluded: Bool) -> Bool {
            switch q {
            case .text(let t, _): exclusionsOnly && !excluded ? true : Self.contains(text, needles[t] ?? [])
            case .and(let qs): qs.allSatisfy { evaluate($0, excluded: excluded) }
            case .or(let qs): qs.contains { evaluate($0, excluded: excluded) }
            case .not(let inner): !evaluate(inner, excluded: !excluded)
            case .field, .year, .date: true
            }
        }
        return evaluate(query, excluded: false)
    }

    /// Whether the query excludes anything (`-word`, `-"phrase"`).
    var hasExclusions: Bool {
        func find(_ q: ParsedQuery) -> Bool {
            switch q {
            case .not: true
            case .and(let qs), .or(let qs): qs.contains(where: find)
            default: false
            }
        }
        return find(query)
    }

    /// Hands over the last folded text without copying it; the next check folds into a
    /// fresh buffer.
    mutating func keepFolded() -> [UInt32] {
        var taken: [UInt32] = []
        swap(&taken, &folded)
        return taken
    }

    /// Occurrences (scalar ranges) of `needle` in `haystack`, non-overlapping scan.
    static func occurrences(of needle: [UInt32], in haystack: [UInt32]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        scan(for: needle, in: haystack) { result.append($0..<($0 + needle.count)); return true }
        return result
    }

    static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        guard !needle.isEmpty else { return true }
        var found = false
        scan(for: needle, in: haystack) { _ in found = true; return false }
        return found
    }

    /// Calls `found` with the start of each occurrence of `needle`, left to right, until it
    /// returns false.
    @inline(__always)
    private static func scan(for needle: [UInt32], in haystack: [UInt32], _ found: (Int) -> Bool) {
        guard !needle.isEmpty, needle.count <= haystack.count else { return }
        let first = needle[0]
        let n = needle.count
        haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { nd in
                var i = 0
                let last = h.count - n
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n && h[i + k] == nd[k] { k += 1 }
                        if k == n && !found(i) { return }
                    }
                    i += 1
                }
            }
        }
    }
}
