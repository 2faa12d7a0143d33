/// Recognises the lines that only number a page, as PDF and OFD pages print them at the top
/// or bottom. ``PaginatedTextCleaner`` drops such lines only at a page's edges, so a bare
/// `3` in the middle of a table survives.
///
/// | line                 | page number? |
/// |----------------------|--------------|
/// | `—1—`, `- 2 -`, `·3·` | yes          |
/// | `12`                 | yes          |
/// | `第 3 页`, `第3页 共12页` | yes       |
/// | `3/12`, `Page 4 of 9` | yes         |
/// | `2022`, `第三条`      | no (a year; an article) |
enum PageNumberLine {
    static let decorations: Set<Unicode.Scalar> = ["—", "-", "－", "–", "~", "～", "·", "•", "=", "─", "_", "|"]

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0xFF10 && s.value <= 0xFF19)
    }

    static func matches(_ line: some StringProtocol) -> Bool {
        var scalars = line.unicodeScalars.filter { !ReportLine.isPadding($0) }[...]
        while let first = scalars.first, decorations.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, decorations.contains(last) { scalars = scalars.dropLast() }
        guard !scalars.isEmpty, scalars.count <= 20 else { return false }
        if scalars.allSatisfy(isDigit) { return scalars.count <= 3 }
        let text = String(String.UnicodeScalarView(scalars)).lowercased()
        let digitsRemoved = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isDigit($0) }))
        guard digitsRemoved.count < text.count else { return false }
        switch digitsRemoved {
        case "第页", "第页共页", "第页,共页", "第页，共页", "共页第页", "/", "page", "pageof", "p.": return true
        default: return false
        }
    }
}
