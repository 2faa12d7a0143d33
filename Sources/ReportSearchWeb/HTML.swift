import ReportSearch

/// The one place text becomes HTML. Everything from a request or a report goes through
/// ``escape(_:)``; pages are built from Swift strings, no template engine.
///
/// | input                     | output                                      |
/// |---------------------------|---------------------------------------------|
/// | `<script>`                | `&lt;script&gt;`                            |
/// | `"><img onerror=x>`       | `&quot;&gt;&lt;img onerror=x&gt;`           |
/// | `a\u{1B}b` (ESC)          | `a\u{FFFD}b` (controls replaced, as in the CLI) |
enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` for text and for attribute values in double
    /// quotes, after replacing control characters (``Snippet/displayable(_:)``).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in Snippet.displayable(text).unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// `text` escaped, with each highlight (ranges of Unicode scalars) wrapped in
    /// `<mark>`; `markAttributes(n)` adds attributes to the n-th mark (0-based).
    static func marked(_ text: String, highlights: [Range<Int>], markAttributes: (Int) -> String = { _ in "" },
                       afterMark: (Int) -> String = { _ in "" }) -> String {
        let scalars = Array(text.unicodeScalars)
        func piece(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return escape(String(view))
        }
        var out = "", cursor = 0
        for (n, h) in highlights.enumerated() {
            let lower = min(max(h.lowerBound, cursor), scalars.count), upper = min(max(h.upperBound, lower), scalars.count)
            out += piece(cursor..<lower)
            out += "<mark\(markAttributes(n))>" + piece(lower..<upper) + "</mark>" + afterMark(n)
            cursor = upper
        }
        return out + piece(cursor..<scalars.count)
    }

    /// A whole page: the stylesheet and the script come from this server (`/static/…`),
    /// so the Content-Security-Policy allows no inline code and nothing from elsewhere.
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="/static/style.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The page shown for an error: the status, the message and a way back.
    static func errorPage(status: Int, message: String, query: String = "") -> String {
        page(title: "Error \(status) — report-search", body: """
            <header class="bar"><a class="home" href="/">report-search</a>
            \(SearchForm.render(query: query))</header>
            <main><div class="error" role="alert"><h1>\(status == 400 ? "This query cannot be searched" : "Error \(status)")</h1>
            <p>\(escape(message))</p></div></main>
            """)
    }
}

/// The query box, on every page.
enum SearchForm {
    static func render(query: String, hidden: [(String, String)] = []) -> String {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">" }
        return """
            <form class="search" action="/" method="get" role="search">
            <input type="search" name="q" id="q" value="\(HTML.escape(query))" maxlength="\(SearchRequest.maxQueryCharacters)" \
            placeholder="查询，例如 合法性审查" autofocus>\(fields.joined())
            <button type="submit">搜索</button>
            </form>
            """
    }
}
