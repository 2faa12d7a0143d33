/// Splits long sections into passages at paragraph (line) boundaries, so that a hit in a
/// long law or speech without headings points at a readable place.
///
/// | section text                                  | result                                     |
/// |-----------------------------------------------|--------------------------------------------|
/// | ≤ `maxCharacters` (3,000)                     | one ``Section``, `passage` 0                |
/// | 9 paragraphs of 700 characters                | passages 1…5 of ≤ 1,500 characters, each with the section's path and heading |
/// | one paragraph of 10,000 characters            | cut at sentence ends (`。！？；`) into pieces of ≤ 1,500 characters, sharing the line number |
///
/// The heading line stays in passage 1. Joining the passages' texts with `\n` gives the
/// section's text, except that pieces of one split paragraph are joined with nothing.
struct PassageSplitter: Sendable {
    var targetCharacters = 1_500
    var maxCharacters = 3_000

    func sections(from draft: SectionDraft) -> [Section] {
        let total = draft.lines.reduce(0) { $0 + $1.length } + max(draft.lines.count - 1, 0)
        guard total > maxCharacters else {
            return [section(draft, draft.lines.map { String($0.text) }, first: draft.lines.first?.number ?? 0,
                            last: draft.lines.last?.number ?? 0, passage: 0)]
        }
        var passages: [(texts: [String], first: Int, last: Int, length: Int)] = []
        var texts: [String] = []
        var first = 0
        var last = 0
        var length = 0
        func flush() {
            if !texts.isEmpty { passages.append((texts, first, last, length)) }
            texts = []
            length = 0
        }
        for line in draft.lines {
            if !texts.isEmpty, length + 1 + line.length > targetCharacters { flush() }
            if line.length > maxCharacters {
                flush()
                for piece in pieces(of: line.text) {
                    passages.append(([piece.text], line.number, line.number, piece.length))
                }
                continue
            }
            if texts.isEmpty { first = line.number }
            texts.append(String(line.text))
            last = line.number
            length += (texts.count > 1 ? 1 : 0) + line.length
        }
        flush()
        // A short tail joins the passage before it when both fit.
        if passages.count >= 2, let tail = passages.last, tail.length < targetCharacters / 5,
           passages[passages.count - 2].last != tail.first,
           passages[passages.count - 2].length + 1 + tail.length <= maxCharacters {
            passages.removeLast()
            passages[passages.count - 1].texts += tail.texts
            passages[passages.count - 1].last = tail.last
            passages[passages.count - 1].length += 1 + tail.length
        }
        return passages.enumerated().map { offset, p in
            section(draft, p.texts, first: p.first, last: p.last, passage: offset + 1)
        }
    }

    func section(_ draft: SectionDraft, _ texts: [String], first: Int, last: Int, passage: Int) -> Section {
        Section(path: draft.path, heading: draft.heading, level: draft.level, lineStart: first, lineEnd: last,
                passage: passage, text: texts.joined(separator: "\n"),
                page: draft.lines.first(where: { $0.number == first })?.page,
                ocr: draft.lines.contains { $0.ocr && (first...last).contains($0.number) })
    }

    /// Cuts an enormous paragraph after sentence ends into pieces of about ``targetCharacters``.
    func pieces(of text: Substring) -> [(text: String, length: Int)] {
        var result: [(String, Int)] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        var length = 0
        var lastBreak: (index: String.UnicodeScalarView.Index, length: Int)?
        while index < scalars.endIndex {
            let s = scalars[index]
            index = scalars.index(after: index)
            length += 1
            if s == "。" || s == "！" || s == "？" || s == "；" { lastBreak = (index, length) }
            if length >= targetCharacters {
                var cut = (index: index, length: length)
                if let lastBreak, lastBreak.length >= targetCharacters / 3 { cut = lastBreak }
                result.append((String(Substring(scalars[start..<cut.index])), cut.length))
                start = cut.index
                length -= cut.length
                lastBreak = nil
            }
        }
        if start < scalars.endIndex { result.append((String(Substring(scalars[start..<scalars.endIndex])), length)) }
        return result
    }
}
