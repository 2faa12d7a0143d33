/// Finds running headers and footers: lines that stand at the top or bottom of many pages
/// with the same words (page numbers inside them may differ).
///
/// | pages (edge lines)                                        | repeated             |
/// |-----------------------------------------------------------|----------------------|
/// | `柳溪区审计局文件` on top of pages 2–5 of 5                  | yes                  |
/// | `柳溪区人民政府公报 第3期 — 7 —` at the bottom of every page   | yes (digits ignored) |
/// | the title, on top of page 1 only                           | no                   |
///
/// A line counts when it is among the first or last ``edgeLines`` non-blank lines of a page
/// and its key occurs there on at least half of the pages (and at least two).
enum RunningHeaders {
    static let edgeLines = 2

    /// The line with spaces removed and every digit replaced by `#`.
    static func key(_ line: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for s in line.unicodeScalars where !ReportLine.isPadding(s) {
            out.append(PageNumberLine.isDigit(s) ? "#" : s)
        }
        return String(out)
    }

    /// The indices of the non-blank lines at the top and bottom edge of a page.
    static func edgeIndices(_ page: [String]) -> [Int] {
        let nonBlank = page.indices.filter { !page[$0].isEmpty }
        return Array(Set(nonBlank.prefix(edgeLines) + nonBlank.suffix(edgeLines))).sorted()
    }

    /// The keys of lines repeated at the edges of enough pages.
    static func repeatedKeys(_ pages: [[String]]) -> Set<String> {
        guard pages.count >= 2 else { return [] }
        var pagesByKey: [String: Int] = [:]
        for page in pages {
            let keys = Set(edgeIndices(page).map { key(page[$0]) })
            for k in keys where !k.isEmpty { pagesByKey[k, default: 0] += 1 }
        }
        let threshold = max(2, (pages.count + 1) / 2)
        return Set(pagesByKey.filter { $0.value >= threshold }.map(\.key))
    }
}
