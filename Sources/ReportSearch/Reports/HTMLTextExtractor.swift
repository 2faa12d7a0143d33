internal import CLibXML2

/// The visible text of an HTML page, one block per line, plus the page's title and
/// `<meta name=… content=…>` pairs (used as hints for the report's metadata).
struct HTMLText: Sendable, Equatable {
    /// Trimmed, non-empty lines joined with `\n`. A ``Report``'s line numbers for an HTML
    /// file are lines of this text, not of the HTML source.
    var text: String
    /// The `<title>` text, often the site name rather than the report's title.
    var title: String?
    /// `<meta>` names (lower-cased) → contents, e.g. `articletitle`, `pubdate`, `contentsource`.
    var meta: [String: String]

    init(text: String, title: String? = nil, meta: [String: String] = [:]) {
        self.text = text
        self.title = title
        self.meta = meta
    }
}

/// Extracts text from HTML with libxml2's tolerant parser (`htmlReadMemory` with
/// `HTML_PARSE_RECOVER | NOERROR | NOWARNING | NONET`), so broken pages still yield text;
/// `XML_PARSE_HUGE` lifts the 256-level nesting limit, past which the page's text was lost.
///
/// | HTML                                                   | text                     |
/// |--------------------------------------------------------|--------------------------|
/// | `<p>一、总体要求</p><p>坚持&ldquo;两个&rdquo;。</p>`      | `一、总体要求\n坚持“两个”。` |
/// | `<script>var a;</script><style>p{}</style><p>正文</p>`  | `正文`                   |
/// | `第一行<br>第二行`                                      | `第一行\n第二行`          |
/// | `<a>首页</a><a>政务公开</a>`                             | `首页 \| 政务公开`         |
///
/// Block elements (p, div, br, li, h1–h6, tr, table, section, article, …) become line
/// breaks; script, style, noscript, template and head are dropped; entities are decoded;
/// whitespace runs collapse to one space. Adjacent links are separated by ` | ` so that nav
/// bars and share lists stay recognisable as such for ``PageJunkFilter``.
enum HTMLTextExtractor {
    /// Extracts from already-decoded HTML. libxml2 is told the input is UTF-8 and to ignore
    /// `<meta charset>` (the bytes were decoded before; see ``TextDecoding/declaredHTMLCharset(_:)``).
    static func extract(_ html: String) -> HTMLText {
        initializeOnce
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | XML_PARSE_HUGE.rawValue)  // else libxml2 drops everything below 256 levels of nesting
        var source = html
        let document: htmlDocPtr? = source.withUTF8 { buffer -> htmlDocPtr? in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return HTMLText(text: "") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return HTMLText(text: "") }
        var builder = Builder()
        builder.walk(root)
        return HTMLText(text: builder.finishedText(), title: builder.title, meta: builder.meta)
    }

    /// `xmlInitParser` must run once before threads use the parser.
    private static let initializeOnce: Void = { xmlInitParser() }()

    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "tr", "table", "tbody", "thead", "tfoot", "caption", "section", "article", "header", "footer",
        "nav", "aside", "main", "blockquote", "pre", "hr", "form", "select", "option", "figure",
        "figcaption", "center", "address", "body", "html", "fieldset", "legend", "details", "summary",
        "iframe", "textarea", "menu",
    ]
    static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "head", "object", "svg", "button"]

    struct Builder {
        var bytes: [UInt8] = []
        var pendingSpace = false
        var lastWasLinkEnd = false
        var title: String?
        var meta: [String: String] = [:]

        mutating func newline() {
            pendingSpace = false
            lastWasLinkEnd = false
            if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
        }

        mutating func append(text pointer: UnsafePointer<xmlChar>) {
            var p = pointer
            while p.pointee != 0 {
                let b = p.pointee
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    pendingSpace = true
                } else {
                    if pendingSpace, let last = bytes.last, last != 0x0A { bytes.append(0x20) }
                    pendingSpace = false
                    lastWasLinkEnd = false
                    bytes.append(b)
                }
                p += 1
            }
        }

        /// Walks the tree without recursion (threaded by parent/next pointers).
        mutating func walk(_ root: xmlNodePtr) {
            var node: xmlNodePtr? = root
            while let current = node {
                var descend = false
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    let name = elementName(current)
                    if name == "head" { readHead(current) }
                    if !HTMLTextExtractor.droppedElements.contains(name) {
                        if HTMLTextExtractor.blockElements.contains(name) { newline() }
                        if name == "a", lastWasLinkEnd {
                            bytes.append(contentsOf: Array(" | ".utf8))
                            lastWasLinkEnd = false
                        }
                        descend = true
                    }
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { append(text: content) }
                default:
                    break
                }
                if descend, let child = current.pointee.children {
                    node = child
                    continue
                }
                // Leave `current` and its ancestors until a next sibling exists.
                var leaving: xmlNodePtr? = current
                node = nil
                while let l = leaving {
                    leave(l, entered: l != current || descend)
                    if l == root { break }
                    if let next = l.pointee.next { node = next; break }
                    leaving = l.pointee.parent
                }
            }
        }

        mutating func leave(_ node: xmlNodePtr, entered: Bool) {
            guard entered, node.pointee.type == XML_ELEMENT_NODE else { return }
            let name = elementName(node)
            if HTMLTextExtractor.blockElements.contains(name) {
                newline()
            } else if name == "td" || name == "th" {
                pendingSpace = true
            } else if name == "a" {
                lastWasLinkEnd = true
            }
        }

        mutating func readHead(_ head: xmlNodePtr) {
            var child = head.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE {
                    let name = elementName(c)
                    if name == "title" {
                        title = collapsed(textContent(c))
                    } else if name == "meta" {
                        if let key = property(c, "name") ?? property(c, "property"), let value = property(c, "content") {
                            meta[key.lowercased()] = collapsed(value)
                        }
                    }
                }
                child = c.pointee.next
            }
        }

        /// Concatenated text of the node's direct text children (no allocation by libxml2).
        func textContent(_ node: xmlNodePtr) -> String {
            var result = ""
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content { result += String(cString: content) }
                child = c.pointee.next
            }
            return result
        }

        /// An attribute's value, read from the node's attribute list.
        func property(_ node: xmlNodePtr, _ name: String) -> String? {
            var attribute = node.pointee.properties
            while let a = attribute {
                if let attributeName = a.pointee.name, String(cString: attributeName).lowercased() == name,
                   let value = a.pointee.children, let content = value.pointee.content {
                    return String(cString: content)
                }
                attribute = a.pointee.next
            }
            return nil
        }

        func elementName(_ node: xmlNodePtr) -> String {
            guard let name = node.pointee.name else { return "" }
            return String(cString: name)
        }

        func collapsed(_ s: String) -> String {
            s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }

        /// Trimmed, non-empty lines joined with `\n`.
        func finishedText() -> String {
            let text = String(decoding: bytes, as: UTF8.self)
            var lines: [Substring] = []
            for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
                let line = ReportLine.trimmed(raw)
                if !line.isEmpty { lines.append(line) }
            }
            return lines.joined(separator: "\n")
        }
    }
}
