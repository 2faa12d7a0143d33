import Foundation

/// A query after parsing: a small boolean tree over text units and field filters.
///
/// | input                          | tree                                           |
/// |--------------------------------|------------------------------------------------|
/// | `合法性审查 行政执法`           | and(text 合法性审查, text 行政执法)             |
/// | `"经济发展" -疫情`              | and(phrase 经济发展, not(text 疫情))            |
/// | `数字政府 OR 智慧城市`          | or(text 数字政府, text 智慧城市)                |
/// | `title:报告 year:2019..2021`   | and(field title 报告, year 2019…2021)           |
public indirect enum ParsedQuery: Equatable, Sendable {
    /// Text that must occur as written (after folding) in the section: an unquoted word
    /// or a quoted phrase. `quoted` phrases are never relaxed.
    case text(String, quoted: Bool)
    case field(Field, String)
    case year(ClosedRange<Int>)
    case date(String, String)
    case and([ParsedQuery])
    case or([ParsedQuery])
    case not(ParsedQuery)

    public enum Field: String, Sendable {
        case title, agency, path
    }

    /// The text units that select and highlight (not those under `not`).
    public var positiveTexts: [String] {
        switch self {
        case .text(let t, _): [t]
        case .and(let q), .or(let q): q.flatMap(\.positiveTexts)
        default: []
        }
    }

    /// ``positiveTexts`` once each, in the order typed: what snippets and previews highlight
    /// and proximity looks for.
    var needles: [String] {
        var result: [String] = []
        for text in positiveTexts where !result.contains(text) { result.append(text) }
        return result
    }

    /// Whether the query has anything that selects sections by their text or a field
    /// (a query of only exclusions or filters is allowed when it has a filter).
    var hasPositive: Bool {
        switch self {
        case .text, .field, .year, .date: true
        case .and(let q), .or(let q): q.contains { $0.hasPositive }
        case .not: false
        }
    }
}

/// A query the user must fix; exit code 64.
public struct QuerySyntaxError: Error, LocalizedError, Equatable {
    public var message: String
    public var errorDescription: String? { message }
}

/// Parses the query language.
public enum QueryParser {
    public static let maxQueryCharacters = 1_000

    public static func parse(_ input: String) throws -> ParsedQuery {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw QuerySyntaxError(message: "the query is empty; type words to search for, e.g. 合法性审查")
        }
        guard trimmed.count <= maxQueryCharacters else {
            throw QuerySyntaxError(message: "the query has \(trimmed.count) characters; the limit is \(maxQueryCharacters), shorten it")
        }
        var parser = Parser(tokens: try lex(trimmed))
        let query = try parser.parseOr()
        if parser.index < parser.tokens.count {
            throw QuerySyntaxError(message: "unbalanced parenthesis: remove the extra ')' or add a '('")
        }
        guard query.hasPositive else {
            throw QuerySyntaxError(message: "the query has nothing to search for (only punctuation or exclusions); add a word")
        }
        return query
    }

    enum Lexeme: Equatable {
        case word(String), phrase(String), minus, or, open, close, field(String, String)
    }

    static let fieldNames: [String: String] = [
        "title": "title", "标题": "title", "agency": "agency", "机关": "agency", "year": "year", "年份": "year",
        "date": "date", "日期": "date", "path": "path", "来源": "path",
    ]

    static func lex(_ s: String) throws -> [Lexeme] {
        var out: [Lexeme] = []
        // Scalars, not Characters: every delimiter is one scalar, and grapheme breaking
        // was a noticeable part of a short query's time.
        let chars = Array(s.unicodeScalars)
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(chars[r])) }
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "“" || c == "”" || c == "＂" }
        while i < chars.count {
            let c = chars[i]
            if isSpace(c) { i += 1; continue }
            if c == "(" || c == "（" { out.append(.open); i += 1; continue }
            if c == ")" || c == "）" { out.append(.close); i += 1; continue }
            if (c == "-" || c == "－") && i + 1 < chars.count && !isSpace(chars[i + 1]) {
                out.append(.minus); i += 1; continue
            }
            if isQuote(c) {
                var j = i + 1
                while j < chars.count && !isQuote(chars[j]) { j += 1 }
                guard j < chars.count else {
                    throw QuerySyntaxError(message: "unbalanced quote: close the phrase with a second \"")
                }
                out.append(.phrase(text((i + 1)..<j)))
                i = j + 1
                continue
            }
            var j = i
            while j < chars.count && !isSpace(chars[j]) && chars[j] != "(" && chars[j] != ")" && chars[j] != "（"
                    && chars[j] != "）" && !isQuote(chars[j]) { j += 1 }
            let word = text(i..<j)
            i = j
            if word == "OR" || word == "或" { out.append(.or); continue }
            if let colon = word.firstIndex(where: { $0 == ":" || $0 == "：" }), colon != word.startIndex {
                let name = String(word[..<colon]).lowercased()
                var value = String(word[word.index(after: colon)...])
                if let field = fieldNames[name] {
                    if value.isEmpty, i < chars.count, isQuote(chars[i]) {
                        var k = i + 1
                        while k < chars.count && !isQuote(chars[k]) { k += 1 }
                        guard k < chars.count else { throw QuerySyntaxError(message: "unbalanced quote: close the phrase with a second \"") }
                        value = text((i + 1)..<k)
                        i = k + 1
                    }
                    guard !value.isEmpty else { throw QuerySyntaxError(message: "\(name): needs a value, e.g. \(name):2020") }
                    out.append(.field(field, value))
                    continue
                }
                if name.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    throw QuerySyntaxError(message: "unknown field '\(name):'; use title:, agency:, year:, date: or path: (标题: 机关: 年份: 日期: 来源:)")
                }
            }
            out.append(.word(word))
        }
        return out
    }

    struct Parser {
        let tokens: [Lexeme]
        var index = 0

        mutating func parseOr() throws -> ParsedQuery {
            var parts = [try parseAnd()]
            while index < tokens.count, tokens[index] == .or {
                index += 1
                parts.append(try parseAnd())
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func parseAnd() throws -> ParsedQuery {
            var parts: [ParsedQuery] = []
            var unsearchable: [String] = []
            while index < tokens.count, tokens[index] != .or, tokens[index] != .close {
                let start = index
                if let unit = try parseUnit() {
                    parts.append(unit)
                } else if case .word(let w) = tokens[start] {
                    unsearchable.append(w)
                } else if case .phrase(let p) = tokens[start] {
                    unsearchable.append("\"\(p)\"")
                }
            }
            guard !parts.isEmpty else {
                if !unsearchable.isEmpty {
                    // `，。！`, `-`, `*`, `""`: words were typed, but nothing in them is searchable.
                    throw QuerySyntaxError(message: "nothing to search for in \(unsearchable.joined(separator: " ")) (only punctuation or symbols); type words, e.g. 合法性审查")
                }
                throw QuerySyntaxError(message: "OR and parentheses need words on both sides, e.g. 数字政府 OR 智慧城市")
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        mutating func parseUnit(excluded: Bool = false) throws -> ParsedQuery? {
            let token = tokens[index]
            index += 1
            switch token {
            case .minus:
                guard index < tokens.count, let unit = try parseUnit(excluded: true) else {
                    throw QuerySyntaxError(message: "'-' must be followed by a word or phrase to exclude")
                }
                return .not(unit)
            case .open:
                let inner = try parseOr()
                guard index < tokens.count, tokens[index] == .close else {
                    throw QuerySyntaxError(message: "unbalanced parenthesis: add the closing ')'")
                }
                index += 1
                return inner
            case .close, .or:
                throw QuerySyntaxError(message: "unbalanced parenthesis: remove the extra ')' or add a '('")
            case .word(let w):
                return excluded ? Self.textUnit(w, quoted: false) : Self.topicUnits(w)
            case .phrase(let p):
                return Self.textUnit(p, quoted: true)
            case .field(let name, let value):
                return try Self.fieldUnit(name, value)
            }
        }

        /// Question words decide neither a ranking nor a highlight: an unquoted word is cut
        /// at them, and what is left on either side must occur.
        ///
        /// | typed                     | units                         |
        /// |---------------------------|-------------------------------|
        /// | `怎样提高城乡居民收入`       | 提高城乡居民收入                |
        /// | `传统产业如何转型升级`       | 传统产业, 转型升级              |
        /// | `稳外贸稳外资有哪些举措`     | 稳外贸稳外资, 举措              |
        /// | `如何` (nothing else)      | 如何                           |
        static func topicUnits(_ word: String) -> ParsedQuery? {
            var pieces: [String] = []
            let scalars = Array(word.unicodeScalars)
            var current = String.UnicodeScalarView()
            var i = 0
            while i < scalars.count {
                if let q = questionWordScalars.first(where: { $0.first == scalars[i] && scalars[i...].starts(with: $0) }) {
                    pieces.append(String(current))
                    current = String.UnicodeScalarView()
                    i += q.count
                } else {
                    current.append(scalars[i])
                    i += 1
                }
            }
            pieces.append(String(current))
            let units = pieces.compactMap { textUnit($0, quoted: false) }
            if units.isEmpty || pieces.count == 1 { return textUnit(word, quoted: false) }
            return units.count == 1 ? units[0] : .and(units)
        }

        /// Longest first, so that 有哪些 goes before 哪些 and 怎么样 before 怎么.
        static let questionWords = ["为什么", "怎么样", "有哪些", "是什么", "有什么", "如何", "怎样", "怎么", "哪些",
                                    "是否", "什么", "为何", "哪里", "能否", "吗？", "吗?", "呢？", "呢?"]
        private static let questionWordScalars = questionWords.map { Array($0.unicodeScalars) }

        /// Text with nothing searchable (only punctuation) yields nil and is dropped.
        static func textUnit(_ text: String, quoted: Bool) -> ParsedQuery? {
            var scalars = Substring(CharacterFolding.shared.fold(text)).unicodeScalars
            while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
            while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
            var hasTerm = false
            Tokenizer.forEachSpan(in: scalars.map(\.value)) { _, _, _ in hasTerm = true }
            return hasTerm ? .text(String(scalars), quoted: quoted) : nil
        }

        static func fieldUnit(_ name: String, _ value: String) throws -> ParsedQuery {
            switch name {
            case "year":
                // Full-width digits and dots (year:２０２１) fold to ASCII, as in the text.
                let parts = CharacterFolding.shared.fold(value).components(separatedBy: "..")
                guard (1...2).contains(parts.count), let lo = Int(parts[0]), let hi = parts.last.flatMap({ Int($0) }) else {
                    throw QuerySyntaxError(message: "year: takes a year or a range, e.g. year:2020 or year:2019..2021")
                }
                guard lo <= hi else {
                    throw QuerySyntaxError(message: "year:\(lo)..\(hi) is a reversed range; write the earlier year first: year:\(hi)..\(lo)")
                }
                return .year(lo...hi)
            case "date":
                let parts = CharacterFolding.shared.fold(value).components(separatedBy: "..")
                let valid = parts.allSatisfy { $0.isEmpty || $0.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil }
                guard parts.count == 2 || parts.count == 1, valid else {
                    throw QuerySyntaxError(message: "date: takes a range such as date:2020-01-01..2020-06-30")
                }
                if let bad = parts.first(where: { !Self.isCalendarDate($0) }) {
                    throw QuerySyntaxError(message: "date:\(bad) is not a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD with a real month and day")
                }
                let (low, high) = (parts[0], parts.count == 2 ? parts[1] : parts[0])
                if !low.isEmpty && !high.isEmpty && low > high + "\u{7F}" {
                    throw QuerySyntaxError(message: "date:\(low)..\(high) is a reversed range; write the earlier date first: date:\(high)..\(low)")
                }
                return .date(low, high)
            default:
                guard let field = ParsedQuery.Field(rawValue: name) else {
                    throw QuerySyntaxError(message: "unknown field '\(name):'; use title:, agency:, year:, date: or path:")
                }
                return .field(field, CharacterFolding.shared.fold(value))
            }
        }

        /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (already matched by shape) naming a real month
        /// and day: 2020-02-30 and 2021-13 are not. Empty (an open end) is fine.
        static func isCalendarDate(_ text: String) -> Bool {
            let numbers = text.split(separator: "-").compactMap { Int($0) }
            guard numbers.count >= 2 else { return true }
            let (year, month) = (numbers[0], numbers[1])
            guard (1...12).contains(month) else { return false }
            guard numbers.count == 3 else { return true }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            return (1...days).contains(numbers[2])
        }
    }
}
