internal import CLibXML2

/// The heading levels that a DOCX's paragraph styles (`word/styles.xml`) give, by style id.
///
/// | style in styles.xml                                             | level |
/// |-----------------------------------------------------------------|-------|
/// | `<w:style w:styleId="Heading2"><w:name w:val="heading 2"/>`      | 2     |
/// | `<w:name w:val="标题 1"/>`                                       | 1     |
/// | `<w:pPr><w:outlineLvl w:val="2"/></w:pPr>` (0-based)             | 3     |
/// | `<w:basedOn w:val="Heading1"/>` and nothing of its own           | 1     |
/// | `Normal`, `Title`, `w:outlineLvl w:val="9"` (body text)          | none  |
struct DOCXStyles {
    var levels: [String: Int] = [:]

    init() {}

    init(xml: [UInt8]) {
        guard let tree = XMLTree(xml), let root = tree.root else { return }
        defer { withExtendedLifetime(tree) {} }  // the nodes below live in the tree
        var own: [String: Int] = [:]
        var basedOn: [String: String] = [:]
        for style in XMLTree.children(root) where XMLTree.name(style) == "style" {
            guard XMLTree.attribute(style, "type") ?? "paragraph" == "paragraph",
                  let id = XMLTree.attribute(style, "styleId") else { continue }
            if let outline = XMLTree.child(style, "pPr").flatMap({ XMLTree.child($0, "outlineLvl") })
                .flatMap({ XMLTree.attribute($0, "val") }).flatMap(Int.init) {
                if outline < 9 { own[id] = outline + 1 } else { own[id] = 0 }
            } else if let name = XMLTree.child(style, "name").flatMap({ XMLTree.attribute($0, "val") }),
                      let level = Self.level(styleName: name) {
                own[id] = level
            }
            if let parent = XMLTree.child(style, "basedOn").flatMap({ XMLTree.attribute($0, "val") }) { basedOn[id] = parent }
        }
        for id in Set(own.keys).union(basedOn.keys) {
            var current: String? = id
            var hops = 0
            while let c = current, hops < 12 {
                if let level = own[c] {
                    if level > 0 { levels[id] = level }
                    break
                }
                current = basedOn[c]
                hops += 1
            }
        }
    }

    /// `heading 3` (any case), `Heading3`, `标题 2`, `标题2` → the number (1–9).
    static func level(styleName: String) -> Int? {
        let lowered = styleName.lowercased().replacingOccurrences(of: " ", with: "")
        for prefix in ["heading", "标题"] where lowered.hasPrefix(prefix) {
            if let n = Int(lowered.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }

    /// The level of a paragraph: its own `w:outlineLvl`, else its style's.
    func level(ofParagraph p: xmlNodePtr) -> Int? {
        guard let properties = XMLTree.child(p, "pPr") else { return nil }
        if let outline = XMLTree.child(properties, "outlineLvl").flatMap({ XMLTree.attribute($0, "val") }).flatMap(Int.init) {
            return outline < 9 ? outline + 1 : nil
        }
        return XMLTree.child(properties, "pStyle").flatMap { XMLTree.attribute($0, "val") }.flatMap { levels[$0] }
    }
}
