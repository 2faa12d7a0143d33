/// The labelled metadata fields at the top of a report (`发布时间：…　来源：…`) and the one
/// rule built on them that both page-junk classification and header extraction need: a
/// line directly followed by a date field is a title.
///
/// | line                                             | ``label(at:)``                        |
/// |--------------------------------------------------|---------------------------------------|
/// | `来源：北京日报`                                   | (来源, agency(rank: 2), `北京日报`)      |
/// | `发布日期 : 2026-01-16`                            | (发布日期, date(rank: 2), `2026-01-16`) |
/// | `日期2026-01-16` (no colon), `Date: 2026-01-16`    | `nil`                                 |
///
/// It sits below both ``PageJunkFilter`` and ``ReportHeaderExtractor`` so that neither calls
/// the other: lines → junk classification → header extraction.
enum MetadataLabels {
    enum Field { case date(rank: Int), agency(rank: Int), number, other }

    /// Labels, longest first so that `发布日期` wins over `日期`. Lower rank = preferred.
    static let labels: [(String, Field)] = [
        ("成文日期", .date(rank: 0)), ("发文日期", .date(rank: 1)), ("印发日期", .date(rank: 1)), ("发布日期", .date(rank: 2)),
        ("公布日期", .date(rank: 2)), ("发布时间", .date(rank: 3)), ("更新时间", .date(rank: 5)), ("日期", .date(rank: 2)),
        ("时间", .date(rank: 4)),
        ("发布机构", .agency(rank: 0)), ("发文机关", .agency(rank: 0)), ("发文单位", .agency(rank: 0)), ("发布单位", .agency(rank: 0)),
        ("制发机关", .agency(rank: 0)), ("信息来源", .agency(rank: 2)), ("文章来源", .agency(rank: 2)), ("来源", .agency(rank: 2)),
        ("发文字号", .number), ("文号", .number),
        ("索引号", .other), ("主题分类", .other), ("体裁分类", .other), ("组配分类", .other), ("主题词", .other), ("浏览量", .other),
        ("浏览次数", .other), ("访问量", .other), ("阅读量", .other), ("点击量", .other), ("点击数", .other), ("作者", .other),
        ("有效性", .other), ("公开方式", .other), ("分类", .other), ("字号", .other), ("字体", .other),
    ]

    /// The title rule of the corpus format `title` / `日期:…` (and of scraped pages: `<title>`
    /// then a date line): the line at `index` is a title, however long, when the next
    /// non-blank line is a date field.
    ///
    /// `["2026年北京市政府工作报告", "", "日期:2026-02-02"]`, index 0 → `true`;
    /// `["一、总体要求", "来源：某局"]`, index 0 → `false` (来源 is not a date).
    static func isFollowedByDateField(_ lines: [ReportLine], at index: Int) -> Bool {
        guard index + 1 < lines.count,
              let next = lines[(index + 1)...].firstIndex(where: { !$0.isBlank }),
              let field = label(at: lines[next].text), case .date = field.1 else { return false }
        return true
    }

    /// The labelled fields of a line: `发布时间：2026-01-16 10:05　来源：云江省发改委` →
    /// [(发布时间, date, "2026-01-16 10:05"), (来源, agency, "云江省发改委")]; empty when the line
    /// does not start with a label.
    static func labelledFields(_ line: Substring) -> [(label: String, field: Field, value: Substring)] {
        guard let first = label(at: line) else { return [] }
        var result: [(String, Field, Substring)] = [(first.0, first.1, first.2)]
        // Further fields are separated by ideographic spaces, NBSP, tabs or 2+ spaces.
        var value = first.2
        if let split = separatorRange(value) {
            let rest = value[split.upperBound...]
            value = value[..<split.lowerBound]
            result[0].2 = ReportLine.trimmed(value)
            var remaining = Substring(rest)
            while !remaining.isEmpty {
                let segmentEnd = separatorRange(remaining)
                let segment = ReportLine.trimmed(segmentEnd.map { remaining[..<$0.lowerBound] } ?? remaining)
                if let next = label(at: segment) { result.append((next.0, next.1, next.2)) }
                guard let segmentEnd else { break }
                remaining = remaining[segmentEnd.upperBound...]
            }
        }
        return result
    }

    static func isLabelledLine(_ line: Substring) -> Bool { label(at: line) != nil }

    /// `来源：北京日报` → (来源, agency, 北京日报); the colon may be full- or half-width.
    static func label(at line: Substring) -> (String, Field, Substring)? {
        guard let first = line.unicodeScalars.first, first.value >= 0x4E00 else { return nil }
        for (name, field) in labels where line.utf8HasPrefix(name) {
            var rest = line.dropFirst(name.count)
            while let c = rest.first, c == " " || c == "\u{3000}" { rest = rest.dropFirst() }
            guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
            return (name, field, ReportLine.trimmed(rest.dropFirst()))
        }
        return nil
    }

    static func separatorRange(_ s: Substring) -> Range<Substring.Index>? {
        var index = s.startIndex
        while index < s.endIndex {
            let c = s[index]
            if c == "\u{3000}" || c == "\u{A0}" || c == "\t" {
                var end = s.index(after: index)
                while end < s.endIndex, s[end] == "\u{3000}" || s[end] == "\u{A0}" || s[end] == " " || s[end] == "\t" { end = s.index(after: end) }
                return index..<end
            }
            if c == " " {
                let next = s.index(after: index)
                if next < s.endIndex, s[next] == " " || s[next] == "\u{A0}" || s[next] == "\u{3000}" {
                    var end = next
                    while end < s.endIndex, s[end] == " " || s[end] == "\u{A0}" || s[end] == "\u{3000}" { end = s.index(after: end) }
                    return index..<end
                }
            }
            index = s.index(after: index)
        }
        return nil
    }
}
