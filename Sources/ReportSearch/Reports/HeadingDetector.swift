/// A heading recognised at the start of a line.
struct HeadingMatch: Sendable, Equatable {
    /// The numbering scheme.
    var style: HeadingStyle
    /// The number as a value: `（十二）` → 12, `第一百零一条` → 101, `③` → 3.
    var number: Int
    /// The heading text, numbering included as written, without the sentence that may follow
    /// it on the same line and without the closing punctuation: `（一）加强组织领导`.
    var title: String
    /// Whether body text follows the heading on the same line.
    var hasBody: Bool

    init(style: HeadingStyle, number: Int, title: String, hasBody: Bool) {
        self.style = style
        self.number = number
        self.title = title
        self.hasBody = hasBody
    }
}

/// Recognises numbered Chinese headings at the start of a (trimmed) line.
///
/// | line                                            | match                                                   |
/// |-------------------------------------------------|---------------------------------------------------------|
/// | `一、工作推进情况`                                 | chineseNumber 1 `一、工作推进情况`                        |
/// | `（一）加强组织领导。法治政府建设……`                | parenChineseNumber 1 `（一）加强组织领导`, hasBody         |
/// | `(三)建立健全依法决策机制`                          | parenChineseNumber 3                                    |
/// | `1．强化用地保障。推行……`                           | arabicNumber 1 `1．强化用地保障`                          |
/// | `（2）做好信息报送`  `2）…`                         | parenArabicNumber 2                                     |
/// | `第一章　总则`                                     | chapter 1 `第一章　总则`                                  |
/// | `第十二条　行政机关应当……。`                         | article 12 `第十二条`                                     |
/// | `一是认真评估论证。`                                | nil (inline enumeration)                                |
/// | `2020年，全区…` `1.5万亿元…` `一、二季度…`            | nil                                                     |
///
/// A heading without a sentence break that is longer than ``maxTitleLength`` is cut at the
/// last comma before that length, or at the length with `…` appended.
enum HeadingDetector {
    /// Longest heading text kept, in Unicode scalars.
    static let maxTitleLength = 60

    /// The heading at the start of `line` (already trimmed), or `nil`.
    static func match(_ line: Substring) -> HeadingMatch? {
        guard let first = line.unicodeScalars.first, mayStartHeading(first) else { return nil }
        var head: [Unicode.Scalar] = []
        head.reserveCapacity(12)
        for s in line.unicodeScalars.prefix(12) { head.append(s) }
        guard let marker = marker(head) else { return nil }
        return makeMatch(line, marker: marker)
    }

    // MARK: - Markers

    struct Marker {
        var style: HeadingStyle
        var number: Int
        /// Length of the numbering in scalars.
        var length: Int
    }

    @inline(__always)
    static func mayStartHeading(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x7B2C /* 第 */, 0xFF08 /* （ */, 0x28 /* ( */, 0x30...0x39, 0xFF10...0xFF19,
             0x2460...0x249B, 0x3251...0x325F, 0x32B1...0x32BF:
            return true
        default:
            return chineseDigit(s) != nil
        }
    }

    static func marker(_ head: [Unicode.Scalar]) -> Marker? {
        let c = head[0]
        switch c.value {
        case 0x2460...0x2473: return Marker(style: .circledNumber, number: Int(c.value - 0x245F), length: 1)
        case 0x3251...0x325F: return Marker(style: .circledNumber, number: Int(c.value - 0x3251 + 21), length: 1)
        case 0x32B1...0x32BF: return Marker(style: .circledNumber, number: Int(c.value - 0x32B1 + 36), length: 1)
        case 0x2474...0x2487: return Marker(style: .parenArabicNumber, number: Int(c.value - 0x2473), length: 1)
        case 0x2488...0x249B: return Marker(style: .arabicNumber, number: Int(c.value - 0x2487), length: 1)
        default: break
        }
        if c == "第" { return ordinalMarker(head) }
        if c == "（" || c == "(" {
            let closing = { (s: Unicode.Scalar) in s == "）" || s == ")" }
            if let (value, n) = chineseNumber(head, from: 1), n <= 4, head.count > 1 + n, closing(head[1 + n]) {
                return Marker(style: .parenChineseNumber, number: value, length: n + 2)
            }
            if let (value, n) = arabicNumber(head, from: 1), n <= 3, head.count > 1 + n, closing(head[1 + n]) {
                return Marker(style: .parenArabicNumber, number: value, length: n + 2)
            }
            return nil
        }
        if let (value, n) = arabicNumber(head, from: 0) {
            guard n <= 3, value > 0, head.count > n else { return nil }
            let next: Unicode.Scalar? = head.count > n + 1 ? head[n + 1] : nil
            switch head[n] {
            case ".", "．", "、":
                if let next, digitValue(next) != nil || next == "%" || next == "．" || next == "." { return nil }
                return Marker(style: .arabicNumber, number: value, length: n + 1)
            case "）", ")":
                return Marker(style: .parenArabicNumber, number: value, length: n + 1)
            default:
                return nil
            }
        }
        if let (value, n) = chineseNumber(head, from: 0), n <= 4, head.count > n {
            switch head[n] {
            case "、", "．", ".":
                // `一、二季度`, `三、四月份`: an enumeration of numbers, not a heading.
                if head.count > n + 2, chineseDigit(head[n + 1]) != nil,
                   "、季至月年是".unicodeScalars.contains(head[n + 2]) { return nil }
                return Marker(style: .chineseNumber, number: value, length: n + 1)
            default:
                return nil
            }
        }
        return nil
    }

    /// `第X编/部分/章/节/条` with Chinese or Arabic numerals.
    static func ordinalMarker(_ head: [Unicode.Scalar]) -> Marker? {
        let parsed = chineseNumber(head, from: 1) ?? arabicNumber(head, from: 1)
        guard let (value, n) = parsed, n <= 6, head.count > 1 + n else { return nil }
        let suffixStart = 1 + n
        var style: HeadingStyle
        var length = suffixStart + 1
        switch head[suffixStart] {
        case "编": style = .volume
        case "章": style = .chapter
        case "节": style = .section
        case "条": style = .article
        case "部":
            guard head.count > suffixStart + 1, head[suffixStart + 1] == "分" else { return nil }
            style = .part
            length += 1
        default: return nil
        }
        // `第一条规定的…`, `第三章中…`: a reference to a heading, not a heading.
        if head.count > length, "的中规所至之和或、，款项次届年及".unicodeScalars.contains(head[length]) { return nil }
        return Marker(style: style, number: value, length: length)
    }

    // MARK: - Numbers

    @inline(__always)
    static func digitValue(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)
        default: return nil
        }
    }

    @inline(__always)
    static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        case "十": return 10
        case "百": return 100
        case "零": return 0
        default: return nil
        }
    }

    /// Arabic digits (ASCII or full-width) at `start`: (value, count).
    static func arabicNumber(_ head: [Unicode.Scalar], from start: Int) -> (Int, Int)? {
        var value = 0
        var i = start
        while i < head.count, let d = digitValue(head[i]) {
            value = value * 10 + d
            i += 1
        }
        return i > start ? (value, i - start) : nil
    }

    /// Chinese numerals as used in numbering (`十二`, `二十三`, `一百零一`): (value, count).
    /// `〇` never appears in heading numbers, so `二〇二〇` is not one.
    static func chineseNumber(_ head: [Unicode.Scalar], from start: Int) -> (Int, Int)? {
        var total = 0
        var current = 0
        var i = start
        var sawHundred = false
        while i < head.count, let d = chineseDigit(head[i]) {
            switch d {
            case 10:
                total += max(current, 1) * 10
                current = 0
            case 100:
                total += max(current, 1) * 100
                current = 0
                sawHundred = true
            case 0:
                guard sawHundred else { return nil }
            default:
                if current != 0 { return nil }  // `一二` is not a number
                current = d
            }
            i += 1
        }
        guard i > start else { return nil }
        return (total + current, i - start)
    }

    // MARK: - Title

    @inline(__always)
    static func isSentenceBreak(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "；", "：", ";", ":", "!", "?": return true
        default: return false
        }
    }

    static func makeMatch(_ line: Substring, marker: Marker) -> HeadingMatch {
        let scalars = line.unicodeScalars
        var index = scalars.startIndex
        var count = 0
        while count < marker.length, index < scalars.endIndex {
            index = scalars.index(after: index)
            count += 1
        }
        let markerEnd = index
        // The heading ends at the first sentence break after the numbering.
        var breakIndex: String.UnicodeScalarView.Index?
        var lastComma: String.UnicodeScalarView.Index?
        var cutIndex: String.UnicodeScalarView.Index?
        var position = count
        while index < scalars.endIndex {
            let s = scalars[index]
            if isSentenceBreak(s) { breakIndex = index; break }
            if (s == "，" || s == ",") && position >= marker.length + 6 && position <= maxTitleLength { lastComma = index }
            if position == maxTitleLength { cutIndex = index }
            index = scalars.index(after: index)
            position += 1
        }
        if marker.style == .article {
            // `第十二条　行政机关应当……`: the article number is the heading.
            var rest = markerEnd
            while rest < scalars.endIndex, ReportLine.isPadding(scalars[rest]) { rest = scalars.index(after: rest) }
            let restLength = scalars.distance(from: rest, to: scalars.endIndex)
            if restLength > 20 || breakIndex != nil {
                return HeadingMatch(style: .article, number: marker.number,
                                    title: String(Substring(scalars[scalars.startIndex..<markerEnd])), hasBody: restLength > 0)
            }
        }
        var title: String
        var hasBody = false
        if let breakIndex {
            title = String(Substring(scalars[scalars.startIndex..<breakIndex]))
            let after = scalars.index(after: breakIndex)
            hasBody = after < scalars.endIndex
        } else {
            title = String(line)
        }
        if position > maxTitleLength, breakIndex.map({ scalars.distance(from: scalars.startIndex, to: $0) > maxTitleLength }) ?? true {
            // Long numbered line without an early sentence break.
            hasBody = true
            if let lastComma {
                title = String(Substring(scalars[scalars.startIndex..<lastComma]))
            } else if let cutIndex {
                title = String(Substring(scalars[scalars.startIndex..<cutIndex])) + "…"
            }
        }
        return HeadingMatch(style: marker.style, number: marker.number, title: title, hasBody: hasBody)
    }
}
