/// Names a file's format from its bytes, so that a misnamed file (a PDF saved as `.txt`, a
/// web page saved as `.txt`, a file with no extension) reaches the right extractor. The
/// extension decides only where the bytes cannot: for text-like content, and for a damaged
/// container whose members cannot be named (it is then read as what its name says, to be
/// reported as a damaged DOCX or OFD).
///
/// | first bytes                                       | extension                 | format      |
/// |---------------------------------------------------|---------------------------|-------------|
/// | `%PDF`                                            | any                       | `pdf`       |
/// | `PK 03 04` (ZIP) naming a member `word/document.xml` | any                    | `docx`      |
/// | `PK 03 04` naming a member `OFD.xml`              | any                       | `ofd`       |
/// | `PK 03 04` naming neither                         | `docx` / `ofd`            | `docx` / `ofd` |
/// | OLE2 holding an `EncryptedPackage` stream         | `docx`                    | `docx` (encrypted) |
/// | `PK 03 04`                                        | anything else             | `zip`       |
/// | `D0 CF 11 E0 A1 B1 1A E1` (OLE2)                  | `doc`, `wps`, `dot`, `wpt` | `doc`       |
/// | OLE2 holding a `WordDocument` stream              | any                       | `doc`       |
/// | OLE2                                              | anything else             | `ole2`      |
/// | `<!DOCTYPE html…`, `<html…` (any case; after a BOM, whitespace, `<?xml…?>` or `<!--…-->`) | any | `html` |
/// | anything else                                     | `html`, `htm`             | `html`      |
/// | anything else                                     | `md`, `markdown`          | `markdown`  |
/// | anything else                                     | none, or a report format's | `text`      |
/// | anything else                                     | another (`tsv`, `png`…)   | `other`     |
///
/// Text that turns out to be binary (NUL bytes) is left to ``TextDecoding``, which throws
/// ``ReportError/binary(path:)``.
enum FormatDetector {
    static let pdfMagic: [UInt8] = Array("%PDF".utf8)
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// The name of a Word document's main stream as an OLE2 directory entry stores it (UTF-16LE).
    static let wordStreamName: [UInt8] = Array("WordDocument".utf8).flatMap { [$0, 0] }
    /// The stream of an encrypted Office Open XML file (Word's "Encrypt with password").
    static let encryptedPackageName: [UInt8] = Array("EncryptedPackage".utf8).flatMap { [$0, 0] }
    static let docxMember: [UInt8] = Array("word/document.xml".utf8)
    static let ofdMember: [UInt8] = Array("OFD.xml".utf8)
    /// How far into a text file the HTML sniff looks (skipping comments and the XML declaration).
    static let sniffLength = 1024

    /// The format of a file's `bytes`; `pathExtension` is without the dot, any case, may be empty.
    ///
    /// `format(of: Array("%PDF-1.4".utf8), pathExtension: "txt")` → `.pdf`.
    static func format(of bytes: [UInt8], pathExtension: String) -> ReportFormat {
        let claimed = ReportFormat(pathExtension: pathExtension)
        if bytes.starts(with: pdfMagic) { return .pdf }
        if bytes.starts(with: zipMagic) {
            // Member names are stored uncompressed in the local headers and the central
            // directory, so the bytes name the members without opening the archive.
            if contains(bytes, docxMember) { return .docx }
            if contains(bytes, ofdMember) { return .ofd }
            switch claimed {
            case .docx: return .docx
            case .ofd: return .ofd
            default: return .zip
            }
        }
        if bytes.starts(with: ole2Magic) {
            if claimed == .docx, contains(bytes, encryptedPackageName) { return .docx }
            if claimed == .doc || ["dot", "wpt"].contains(pathExtension.lowercased()) { return .doc }
            return containsWordStream(bytes) ? .doc : .ole2
        }
        if startsLikeHTML(bytes) { return .html }
        switch claimed {
        case .html: return .html
        case .markdown: return .markdown
        case nil: return pathExtension.isEmpty ? .text : .other
        default: return .text  // .txt, or a .pdf/.docx/… whose bytes are not one: read what it is
        }
    }

    /// Whether an OLE2 file has a directory entry named `WordDocument` (Word 97–2003 and WPS
    /// store their text in that stream; Excel and PowerPoint files do not have one).
    static func containsWordStream(_ bytes: [UInt8]) -> Bool {
        contains(bytes, wordStreamName)
    }

    /// Whether `pattern` (at least two bytes) occurs in `bytes`.
    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard pattern.count >= 2, bytes.count >= pattern.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let last = buffer.count - pattern.count
            while i <= last {
                if buffer[i] == pattern[0], buffer[i + 1] == pattern[1] {
                    var j = 2
                    while j < pattern.count, buffer[i + j] == pattern[j] { j += 1 }
                    if j == pattern.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// `<!DOCTYPE html`, or `<html` followed by `>`, whitespace or `/`, at the start of the
    /// text (UTF-8, or UTF-16 with a BOM), case-insensitive.
    static func startsLikeHTML(_ bytes: [UInt8]) -> Bool {
        var head = asciiHead(bytes)[...]
        while true {
            while let b = head.first, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C { head = head.dropFirst() }
            if head.starts(with: Array("<?xml".utf8)) {
                guard let end = firstRange(of: Array("?>".utf8), in: head) else { return false }
                head = head[end...]
            } else if head.starts(with: Array("<!--".utf8)) {
                guard let end = firstRange(of: Array("-->".utf8), in: head) else { return false }
                head = head[end...]
            } else {
                break
            }
        }
        if head.starts(with: Array("<!doctype html".utf8)) { return true }
        guard head.starts(with: Array("<html".utf8)) else { return false }
        let after = head.dropFirst(5).first
        return after == nil || after == 0x3E || after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || after == 0x2F
    }

    /// The end of the first occurrence of `pattern` in `slice`.
    static func firstRange(of pattern: [UInt8], in slice: ArraySlice<UInt8>) -> Int? {
        var i = slice.startIndex
        while i + pattern.count <= slice.endIndex {
            if slice[i..<(i + pattern.count)].elementsEqual(pattern) { return i + pattern.count }
            i += 1
        }
        return nil
    }

    /// Up to ``sniffLength`` leading ASCII characters, lower-cased: after a UTF-8 BOM, or
    /// read as UTF-16 code units after a UTF-16 BOM; stops at the first non-ASCII unit.
    static func asciiHead(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(bytes.count, sniffLength))
        func add(_ b: UInt8) -> Bool {
            guard b < 0x80 else { return false }
            result.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            return result.count < sniffLength
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var i = 2
            while i + 1 < bytes.count {
                let (low, high) = littleEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
                guard high == 0, add(low) else { break }
                i += 2
            }
        } else {
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < bytes.count, add(bytes[i]) { i += 1 }
        }
        return result
    }
}
