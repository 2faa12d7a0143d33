/// What the index stores for one section, in the Xapian document data: everything a hit
/// list shows, and the section's original text for exact-phrase checks and snippets.
///
/// Stored text, not a re-read of the file: a hit must stay correct when the file changed
/// or vanished since indexing, and checking a phrase must not touch the file system. The
/// text costs little on disk (Xapian compresses document data with zlib).
public struct SectionRecord: Equatable, Sendable {
    public var path: String
    public var title: String
    public var date: String
    public var agency: String
    public var documentNumber: String
    public var sectionPath: SectionPath
    public var level: Int
    public var lineStart: Int
    public var lineEnd: Int
    public var passage: Int
    public var text: String
    /// The page the section starts on, for paginated formats (PDF, OFD); `nil` otherwise.
    public var page: Int?
    /// The text was read by OCR from a scanned page, so it may hold misread characters.
    public var ocr: Bool

    public init(path: String, title: String, date: String, agency: String, documentNumber: String,
                sectionPath: SectionPath, level: Int, lineStart: Int, lineEnd: Int, passage: Int, text: String,
                page: Int? = nil, ocr: Bool = false) {
        self.page = page
        self.ocr = ocr
        self.path = path
        self.title = title
        self.date = date
        self.agency = agency
        self.documentNumber = documentNumber
        self.sectionPath = sectionPath
        self.level = level
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.passage = passage
        self.text = text
    }

    /// Identifies the section within an index: "path#lineStart#passage".
    public var key: String { "\(path)#\(lineStart)#\(passage)" }

    /// Path, then line, then passage, as bytes that sort in that order (the tie-break value).
    public var sortKey: [UInt8] { Self.sortKey(path: path.utf8, lineStart: lineStart, passage: passage) }

    static func sortKey(path: some Collection<UInt8>, lineStart: Int, passage: Int) -> [UInt8] {
        func padded(_ n: Int, _ width: Int) -> [UInt8] {
            let digits = Array(String(n).utf8)
            return Array(repeating: UInt8(ascii: "0"), count: max(0, width - digits.count)) + digits
        }
        return Array(path) + [0] + padded(lineStart, 9) + padded(passage, 5)
    }

    /// 2 added the page (after the passage), 3 the flags (after the page: 1 = OCR text);
    /// records of versions 1 and 2 still decode.
    static let version: UInt8 = 3

    /// Layout: version byte, then length-prefixed (LEB128) UTF-8 fields; headings are one
    /// field each after their count; numbers are LEB128 (the page as page + 1, 0 for none;
    /// the flags); the text comes last so a reader can find it cheaply.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [Self.version]
        out.reserveCapacity(text.utf8.count + 256)
        func put(_ n: Int) {
            var v = UInt64(n)
            repeat {
                var byte = UInt8(v & 0x7F)
                v >>= 7
                if v != 0 { byte |= 0x80 }
                out.append(byte)
            } while v != 0
        }
        func put(_ s: String) {
            put(s.utf8.count)
            out.append(contentsOf: s.utf8)
        }
        put(path); put(title); put(date); put(agency); put(documentNumber)
        put(sectionPath.headings.count)
        for h in sectionPath.headings { put(h) }
        put(level); put(lineStart); put(lineEnd); put(passage); put(page.map { $0 + 1 } ?? 0); put(ocr ? 1 : 0)
        put(text)
        return out
    }

    /// Decodes ``encoded()``; nil for data this version cannot read.
    public init?(decoding bytes: some Collection<UInt8>) {
        let buffer = Array(bytes)
        guard let record = buffer.withUnsafeBytes({ Self.decode($0) }) else { return nil }
        self = record
    }

    private static func decode(_ data: UnsafeRawBufferPointer) -> SectionRecord? {
        var reader = RawReader(data: data)
        guard let version = reader.byte(), (1...3).contains(version),
              let path = reader.string(), let title = reader.string(), let date = reader.string(),
              let agency = reader.string(), let number = reader.string(), let count = reader.int(), count < 1_000
        else { return nil }
        var headings: [String] = []
        for _ in 0..<count {
            guard let h = reader.string() else { return nil }
            headings.append(h)
        }
        guard let level = reader.int(), let lineStart = reader.int(), let lineEnd = reader.int(),
              let passage = reader.int() else { return nil }
        var page: Int?
        if version >= 2 {
            guard let stored = reader.int() else { return nil }
            page = stored > 0 ? stored - 1 : nil
        }
        var flags = 0
        if version >= 3 {
            guard let stored = reader.int() else { return nil }
            flags = stored
        }
        guard let text = reader.string() else { return nil }
        return SectionRecord(path: path, title: title, date: date, agency: agency, documentNumber: number,
                             sectionPath: SectionPath(headings), level: level, lineStart: lineStart, lineEnd: lineEnd,
                             passage: passage, text: text, page: page, ocr: flags & 1 != 0)
    }

    /// What the exact check of a candidate needs from encoded data, found without decoding
    /// the rest into strings: the path (the collapse key's value), the ``sortKey`` parts and
    /// the text.
    struct Raw {
        var path: UnsafeRawBufferPointer
        var date: UnsafeRawBufferPointer
        var agency: UnsafeRawBufferPointer
        var lineStart: Int
        var passage: Int
        var text: UnsafeRawBufferPointer
        var sortKey: [UInt8] { SectionRecord.sortKey(path: path, lineStart: lineStart, passage: passage) }
    }

    /// The fields the exact check, the proximity cache and the facet counts read, found
    /// without decoding the rest into strings. Versions 1 (no page) and 2 (no flags) are read too.
    static func raw(_ data: UnsafeRawBufferPointer) -> Raw? {
        var reader = RawReader(data: data)
        guard let version = reader.byte(), (1...3).contains(version), let path = reader.field(), reader.skipField(),
              let date = reader.field(), let agency = reader.field(), reader.skipField(), let count = reader.int()
        else { return nil }
        for _ in 0..<count { guard reader.skipField() else { return nil } }
        guard reader.int() != nil, let lineStart = reader.int(), reader.int() != nil, let passage = reader.int(),
              version < 2 || reader.int() != nil, version < 3 || reader.int() != nil,
              let text = reader.field() else { return nil }
        return Raw(path: path, date: date, agency: agency, lineStart: lineStart, passage: passage, text: text)
    }

    /// The stored text's bytes inside encoded data.
    static func textBytes(in data: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? { raw(data)?.text }
}

private struct RawReader {
    let data: UnsafeRawBufferPointer
    var offset = 0
    mutating func byte() -> UInt8? {
        guard offset < data.count else { return nil }
        defer { offset += 1 }
        return data[offset]
    }
    mutating func int() -> Int? {
        var value = 0, shift = 0
        while let b = byte() {
            value |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }
    mutating func field() -> UnsafeRawBufferPointer? {
        guard let n = int(), n >= 0, offset + n <= data.count else { return nil }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: data[offset..<(offset + n)])
    }
    mutating func skipField() -> Bool { field() != nil }
    mutating func string() -> String? { field().map { String(decoding: $0, as: UTF8.self) } }
}
