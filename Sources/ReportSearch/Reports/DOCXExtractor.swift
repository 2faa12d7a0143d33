import Foundation
internal import CLibXML2

/// Word 2007+ (`.docx`) read natively: the ZIP container (``ZIPContainer``) and its
/// `word/document.xml` (libxml2). Headers, footers, footnotes and comments live in other
/// members and are left out.
///
/// | document.xml                                              | lines                          |
/// |-----------------------------------------------------------|--------------------------------|
/// | `<w:p>…<w:t>一、总体要求</w:t></w:p>` styled `Heading1`     | `一、总体要求` (outline level 1) |
/// | `<w:t>第一行</w:t><w:br/><w:t>第二行</w:t>`                 | `第一行`, `第二行`               |
/// | `<w:tr><w:tc>…项目…</w:tc><w:tc>…金额…</w:tc></w:tr>`       | `项目 金额` (a row is a line)    |
/// | `<w:ins>…<w:t>新增</w:t></w:ins><w:del>…<w:delText>删除</w:delText></w:del>` | `新增` |
///
/// Heading levels come from the paragraph styles (``DOCXStyles``); paragraphs without one
/// are left to the numbering heuristics. The title and date of `docProps/core.xml` are
/// hints, used only when the text has none. An encrypted DOCX (an OLE2 file) and a broken
/// ZIP throw named errors.
struct DOCXExtractor: ReportExtractor {
    var format: ReportFormat { .docx }

    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        if bytes.starts(with: FormatDetector.ole2Magic) { throw .encrypted(path: path, format: .docx) }
        let container = try ZIPContainer(bytes, path: path, format: .docx)
        guard let documentXML = try container.member("word/document.xml") else {
            throw .damaged(path: path, format: .docx, reason: "no word/document.xml")
        }
        let styles = try container.member("word/styles.xml").map { DOCXStyles(xml: $0) } ?? DOCXStyles()
        guard let tree = XMLTree(documentXML), let root = tree.root else {
            throw .damaged(path: path, format: .docx, reason: "word/document.xml is not XML")
        }
        defer { withExtendedLifetime(tree) {} }  // the nodes below live in the tree
        var builder = DOCXTextBuilder(styles: styles)
        builder.visit(root)
        builder.flushLine()
        let text = builder.lines.map(\.text).joined(separator: "\n")
        var lines = ReportLine.lines(of: text)
        for i in lines.indices where i < builder.lines.count { lines[i].outlineLevel = builder.lines[i].level }
        guard !lines.isEmpty else { throw .empty(path: path) }
        let hints = try container.member("docProps/core.xml").flatMap(Self.coreProperties)
        return ExtractedText(lines: lines, encoding: "UTF-8", hints: hints)
    }

    /// `dc:title` and `dcterms:created` as hints: `<title>`-like title and a `pubdate`.
    static func coreProperties(_ xml: [UInt8]) -> HTMLText? {
        guard let tree = XMLTree(xml), let root = tree.root else { return nil }
        defer { withExtendedLifetime(tree) {} }  // the nodes below live in the tree
        var meta: [String: String] = [:]
        var title: String?
        for node in XMLTree.children(root) {
            let value = XMLTree.text(of: node).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { continue }
            switch XMLTree.name(node) {
            case "title": title = value
            case "created": meta["pubdate"] = String(value.prefix(10))
            default: break
            }
        }
        return title == nil && meta.isEmpty ? nil : HTMLText(text: "", title: title, meta: meta)
    }
}

/// Walks `word/document.xml` into lines, each with the outline level of its paragraph.
struct DOCXTextBuilder {
    let styles: DOCXStyles
    var lines: [(text: String, level: Int?)] = []
    var current = ""
    var pendingLevel: Int?
    var tableDepth = 0

    /// Deleted text, field codes, properties and the fallback copy of alternate content.
    static let skipped: Set<String> = ["del", "delText", "moveFrom", "instrText", "pPr", "rPr", "sectPr", "Fallback",
                                       "tblPr", "tcPr", "trPr", "tblGrid"]

    init(styles: DOCXStyles) { self.styles = styles }

    mutating func flushLine() {
        let line = ReportLine.trimmed(Substring(current))
        if !line.isEmpty { lines.append((String(line), pendingLevel)) }
        pendingLevel = nil
        current = ""
    }

    mutating func visit(_ node: xmlNodePtr) {
        let name = XMLTree.name(node)
        if Self.skipped.contains(name) { return }
        switch name {
        case "t":
            current += XMLTree.text(of: node)
        case "tab":
            current += " "
        case "br", "cr":
            if tableDepth > 0 { current += " " } else { flushLine() }
        case "p" where tableDepth == 0:
            flushLine()
            pendingLevel = styles.level(ofParagraph: node)
            visitChildren(node)
            flushLine()
        case "p", "tc":
            visitChildren(node)
            current += " "
        case "tbl":
            flushLine()
            tableDepth += 1
            visitChildren(node)
            tableDepth -= 1
            flushLine()
        case "tr":
            visitChildren(node)
            flushLine()
        default:
            visitChildren(node)
        }
    }

    mutating func visitChildren(_ node: xmlNodePtr) {
        for child in XMLTree.children(node) { visit(child) }
    }
}
