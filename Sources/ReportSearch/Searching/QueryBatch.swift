/// A batch of queries from a file (`search --queries FILE`): one query per line, either
/// `qid<TAB>query` or a bare query (its qid is then its line number). Blank lines are
/// skipped; CRLF and CR line ends and a leading byte order mark are accepted.
///
/// | line                      | qid  | query          |
/// |---------------------------|------|----------------|
/// | `d001\t合法性审查`          | d001 | 合法性审查      |
/// | `营商环境 优化` (line 3)    | 3    | 营商环境 优化   |
/// | `d002\t数字政府\r`          | d002 | 数字政府        |
package struct QueryBatch: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var qid: String
        package var query: String
        package init(qid: String, query: String) { (self.qid, self.query) = (qid, query) }
    }

    package var entries: [Entry]

    package init(entries: [Entry]) { self.entries = entries }

    package init(text: String) {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        // "\r\n" is one Character, so splitting on isNewline handles CRLF, LF and CR alike;
        // the line number counts every line, blank ones included.
        var entries: [Entry] = []
        for (i, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 {
                entries.append(Entry(qid: String(parts[0].trimmingWhitespace()), query: String(parts[1].trimmingWhitespace())))
            } else {
                entries.append(Entry(qid: String(i + 1), query: String(line)))
            }
        }
        self.entries = entries
    }
}

extension Substring {
    /// Without leading and trailing whitespace (Unicode's, the ideographic space included).
    func trimmingWhitespace() -> Substring {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return Substring(scalars)
    }
}
