import Foundation
internal import CLibXML2

/// OFD (GB/T 33190) read natively: `OFD.xml` → the `DocBody`'s `DocRoot` (`Document.xml`)
/// → its `Pages`, and for each page the text of its `Content.xml` and of the template
/// pages it uses. Each `TextCode` sits at its `TextObject`'s `Boundary` origin plus its own
/// `X`/`Y`; pieces on one baseline form a visual line, lines are ordered top to bottom,
/// pieces left to right, whatever order the file stores them in. The pages then go through
/// ``PaginatedTextCleaner`` as a PDF's do.
///
/// | page content                                                     | visual lines        |
/// |------------------------------------------------------------------|---------------------|
/// | `TextObject Boundary="28 60 150 7"` → `TextCode X="0" Y="5.6"` `二、做法` | `二、做法` (y 65.6) |
/// | `TextObject Boundary="28 40 150 7"` → `一、情况` (stored after it)   | `一、情况` first (y 45.6) |
/// | template `TextObject` with the running header                    | on every page, then dropped as a running header |
/// | no `TextCode` on any page                                        | throws `noTextLayer` |
/// | a page of `ImageObject`s only, ``ocr`` set                        | the pictures read by Tesseract (``PageOCR``), top to bottom; lines marked ``ReportLine/ocr`` |
struct OFDExtractor: ReportExtractor {
    var format: ReportFormat { .ofd }
    /// Reads pages that are pictures only (a scan); nil (the default) leaves them out.
    var ocr: PageOCR?

    func configured(_ options: ExtractionOptions) -> any ReportExtractor {
        var copy = self
        copy.ocr = options.ocr
        return copy
    }

    struct Piece {
        var x: Double
        var y: Double
        var size: Double
        var text: String
    }

    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        let container = try ZIPContainer(bytes, path: path, format: .ofd)
        func xml(_ member: String) throws(ReportError) -> XMLTree {
            guard let data = try container.member(member) else {
                throw .damaged(path: path, format: .ofd, reason: "missing \(member)")
            }
            guard let tree = XMLTree(data), tree.root != nil else {
                throw .damaged(path: path, format: .ofd, reason: "\(member) is not XML")
            }
            return tree
        }
        let ofd = try xml("OFD.xml")
        // Nodes live in their tree: every tree is kept until the end of the scope that uses them.
        defer { withExtendedLifetime(ofd) {} }
        guard let body = ofd.root.flatMap({ XMLTree.child($0, "DocBody") }),
              let docRoot = XMLTree.child(body, "DocRoot").map({ XMLTree.text(of: $0).trimmed }), !docRoot.isEmpty else {
            throw .damaged(path: path, format: .ofd, reason: "OFD.xml names no DocRoot")
        }
        let document = try xml(docRoot)
        defer { withExtendedLifetime(document) {} }
        let base = Self.folder(of: docRoot)
        guard let documentRoot = document.root else { throw .damaged(path: path, format: .ofd, reason: "empty Document.xml") }
        var templates: [String: String] = [:]
        for template in XMLTree.descendants(documentRoot, named: "TemplatePage") {
            if let id = XMLTree.attribute(template, "ID"), let location = XMLTree.attribute(template, "BaseLoc") {
                templates[id] = Self.resolve(location, in: base)
            }
        }
        let pageLocations = XMLTree.descendants(documentRoot, named: "Page").compactMap { XMLTree.attribute($0, "BaseLoc") }
        var media: [String: String] = [:]
        if ocr != nil {
            for res in XMLTree.descendants(documentRoot, named: "PublicRes") + XMLTree.descendants(documentRoot, named: "DocumentRes") {
                let resPath = Self.resolve(XMLTree.text(of: res).trimmed, in: base)
                guard let resTree = try? xml(resPath), let resRoot = resTree.root else { continue }
                media.merge(Self.mediaFiles(in: resRoot, resPath: resPath)) { first, _ in first }
                withExtendedLifetime(resTree) {}
            }
        }
        var pages: [[Substring]] = []
        var ocrPages = Set<Int>()
        var pieceCount = 0
        for location in pageLocations {
            let pagePath = Self.resolve(location, in: base)
            let page = try xml(pagePath)
            defer { withExtendedLifetime(page) {} }
            guard let pageRoot = page.root else { continue }
            var pieces = Self.pieces(in: pageRoot)
            for use in XMLTree.children(pageRoot) where XMLTree.name(use) == "Template" {
                if let id = XMLTree.attribute(use, "TemplateID"), let templatePath = templates[id] {
                    let template = try xml(templatePath)
                    if let templateRoot = template.root { pieces += Self.pieces(in: templateRoot) }
                    withExtendedLifetime(template) {}
                }
            }
            pieceCount += pieces.count
            if pieces.isEmpty, let ocr {
                var recognised = ""
                for picture in Self.pictures(in: pageRoot, media: media) {
                    guard let bytes = try container.member(picture) else { continue }
                    let ext = picture.split(separator: ".").last.map(String.init) ?? "png"
                    recognised += try ocr.read(picture: bytes, fileExtension: ext, page: pages.count + 1, path: path) + "\n"
                }
                if !recognised.isEmpty {
                    ocrPages.insert(pages.count + 1)
                    pages.append(recognised.split(separator: "\n", omittingEmptySubsequences: false))
                    continue
                }
            }
            pages.append(Self.visualLines(pieces).map { Substring($0) })
        }
        guard pieceCount > 0 || !ocrPages.isEmpty else { throw .noTextLayer(path: path, format: .ofd) }
        let lines = PaginatedTextCleaner.lines(pages: pages, ocrPages: ocrPages)
        return ExtractedText(lines: lines, encoding: "UTF-8", warnings: lines.isEmpty ? ["\(path): OCR found no text"] : [])
    }

    /// The package members of a resource file's pictures (`MultiMedia` → `MediaFile`), by
    /// resource ID; the file's `BaseLoc` folder is relative to the resource file.
    static func mediaFiles(in resRoot: xmlNodePtr, resPath: String) -> [String: String] {
        let folder = resolve(XMLTree.attribute(resRoot, "BaseLoc") ?? "", in: Self.folder(of: resPath))
        let base = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        var files: [String: String] = [:]
        for item in XMLTree.descendants(resRoot, named: "MultiMedia") {
            guard let id = XMLTree.attribute(item, "ID"), let file = XMLTree.child(item, "MediaFile") else { continue }
            files[id] = resolve(XMLTree.text(of: file).trimmed, in: base)
        }
        return files
    }

    /// The members of a page's `ImageObject`s, top to bottom, then left to right.
    static func pictures(in pageRoot: xmlNodePtr, media: [String: String]) -> [String] {
        XMLTree.descendants(pageRoot, named: "ImageObject").compactMap { object -> (y: Double, x: Double, member: String)? in
            guard let id = XMLTree.attribute(object, "ResourceID"), let member = media[id] else { return nil }
            let box = (XMLTree.attribute(object, "Boundary") ?? "").split(separator: " ").compactMap { Double($0) }
            return (box.count >= 2 ? box[1] : 0, box.first ?? 0, member)
        }.sorted { ($0.y, $0.x) < ($1.y, $1.x) }.map(\.member)
    }

    /// Every `TextCode` below `root`, placed on the page.
    static func pieces(in root: xmlNodePtr) -> [Piece] {
        var result: [Piece] = []
        for object in XMLTree.descendants(root, named: "TextObject") {
            let box = (XMLTree.attribute(object, "Boundary") ?? "").split(separator: " ").compactMap { Double($0) }
            let (bx, by) = box.count >= 2 ? (box[0], box[1]) : (0, 0)
            let size = XMLTree.attribute(object, "Size").flatMap(Double.init) ?? 3.5
            for code in XMLTree.children(object) where XMLTree.name(code) == "TextCode" {
                let x = XMLTree.attribute(code, "X").flatMap(Double.init) ?? 0
                let y = XMLTree.attribute(code, "Y").flatMap(Double.init) ?? size
                let text = XMLTree.text(of: code)
                if !text.isEmpty { result.append(Piece(x: bx + x, y: by + y, size: size, text: text)) }
            }
        }
        return result
    }

    /// Pieces on one baseline (within half a character) form a line, ordered by x; a line
    /// set in from the page's left edge by more than 1.5 characters starts with U+3000,
    /// as an indent does in text.
    static func visualLines(_ pieces: [Piece]) -> [String] {
        let sorted = pieces.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        var lines: [[Piece]] = []
        for piece in sorted {
            if let last = lines.last?.last, abs(piece.y - last.y) <= max(0.5, min(piece.size, last.size) / 2) {
                lines[lines.count - 1].append(piece)
            } else {
                lines.append([piece])
            }
        }
        let left = lines.compactMap { $0.map(\.x).min() }.min() ?? 0
        return lines.map { line in
            let ordered = line.sorted { $0.x < $1.x }
            let text = ordered.map(\.text).joined()
            let first = ordered.first
            return (first.map { $0.x - left > 1.5 * $0.size } ?? false) ? "\u{3000}" + text : text
        }
    }

    /// `Doc_0/Document.xml` → `Doc_0/`.
    static func folder(of member: String) -> String {
        guard let slash = member.lastIndex(of: "/") else { return "" }
        return String(member[...slash])
    }

    /// A `BaseLoc` relative to the document's folder, or absolute in the package (`/…`).
    static func resolve(_ location: String, in folder: String) -> String {
        location.hasPrefix("/") ? String(location.dropFirst()) : folder + location
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
