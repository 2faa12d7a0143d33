internal import CLibXML2

/// A parsed XML member of a container (libxml2, no network, no entity expansion, errors
/// quiet), freed when released. Element names are compared by local name, so `w:p` and
/// `ofd:TextObject` are `p` and `TextObject` whatever prefix the file uses.
///
/// | XML                                      | use                                        |
/// |------------------------------------------|--------------------------------------------|
/// | `<w:p><w:r><w:t>正文</w:t></w:r></w:p>`  | `XMLTree.name(node)` → `p`; `text(of:)` of `t` → `正文` |
/// | `<w:pStyle w:val="Heading1"/>`           | `attribute(node, "val")` → `Heading1`      |
/// | bytes that are not XML                   | `XMLTree(bytes)` → `nil`                    |
final class XMLTree {
    let document: xmlDocPtr

    init?(_ bytes: [UInt8]) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The root element. Its nodes belong to this tree: keep the tree alive while using them
    /// (`withExtendedLifetime`), since Swift may release it right after its last use.
    var root: xmlNodePtr? { xmlDocGetRootElement(document) }

    static func name(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// The element children of `node`.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if isElement(c) { result.append(c) }
            child = c.pointee.next
        }
        return result
    }

    static func child(_ node: xmlNodePtr, _ localName: String) -> xmlNodePtr? {
        children(node).first { name($0) == localName }
    }

    /// An attribute's value by local name (any namespace).
    static func attribute(_ node: xmlNodePtr, _ localName: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, String(cString: n) == localName {
                guard let value = a.pointee.children, let content = value.pointee.content else { return "" }
                return String(cString: content)
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// The concatenated text of `node`'s text children (not deeper).
    static func text(of node: xmlNodePtr) -> String {
        var result = ""
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                result += String(cString: content)
            }
            child = c.pointee.next
        }
        return result
    }

    /// Every element below `node` (depth first, document order) named `localName`.
    static func descendants(_ node: xmlNodePtr, named localName: String) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var stack = children(node).reversed() as [xmlNodePtr]
        while let n = stack.popLast() {
            if name(n) == localName { result.append(n) }
            stack.append(contentsOf: children(n).reversed())
        }
        return result
    }
}
