/// Removes the spaces that PDF and OFD text extraction puts into Chinese text: a justified
/// line's wide gaps come out as spaces between Han characters, and a number set apart
/// from its 号 or 年 comes out as `129 号`. Spaces between two Latin words or numbers stay.
///
/// | extracted line              | cleaned                    |
/// |-----------------------------|----------------------------|
/// | `法 治 政 府 建 设`           | `法治政府建设`               |
/// | `国办发〔2018〕129 号`        | `国办发〔2018〕129号`        |
/// | `2023 年 GDP 增长 6.5%`      | `2023年GDP增长6.5%`         |
/// | `GDP 2023`                  | `GDP 2023`                  |
/// | `第一条　为了规范`            | `第一条　为了规范` (U+3000 kept) |
enum ChineseSpacing {
    /// Han ideographs, CJK punctuation, full-width forms and the quotes and dashes that
    /// Chinese text sets full width.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        if Tokenizer.isHan(s.value) { return true }
        switch s.value {
        case 0x3000...0x303F, 0xFF00...0xFFEF, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x2460...0x24FF:
            return true
        default:
            return false
        }
    }

    static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
            || s == "%" || s == "."
    }

    /// Space that extraction may insert (not U+3000, which documents use on purpose).
    static func isInsertedSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s.value == 0xA0
    }

    /// Whether a run of spaces between `left` and `right` is an extraction artefact.
    static func dropsSpace(between left: Unicode.Scalar, and right: Unicode.Scalar) -> Bool {
        (isCJK(left) && (isCJK(right) || isASCIIAlphanumeric(right))) || (isASCIIAlphanumeric(left) && isCJK(right))
    }

    static func clean(_ line: some StringProtocol) -> String {
        let scalars = Array(line.unicodeScalars)
        guard scalars.contains(where: isInsertedSpace) else { return String(line) }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard isInsertedSpace(s) else { out.append(s); i += 1; continue }
            var end = i
            while end < scalars.count, isInsertedSpace(scalars[end]) { end += 1 }
            let keep = !(i > 0 && end < scalars.count && dropsSpace(between: scalars[i - 1], and: scalars[end]))
            if keep { out.append(contentsOf: scalars[i..<end]) }
            i = end
        }
        return String(out)
    }
}
