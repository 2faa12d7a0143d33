#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a file's bytes into text: BOMs, UTF-8, UTF-16, GB18030/GBK (via iconv), invalid
/// bytes and binary files.
///
/// | bytes                                   | result                                               |
/// |-----------------------------------------|------------------------------------------------------|
/// | valid UTF-8, with or without `EF BB BF` | `UTF-8`                                              |
/// | `FF FE` + UTF-16LE / `FE FF` + UTF-16BE | `UTF-16LE` / `UTF-16BE`                              |
/// | not valid UTF-8, mostly GBK pairs       | `GB18030` (a superset of GBK and GB2312)              |
/// | valid UTF-8 with a few stray bytes      | `UTF-8`, each stray byte → U+FFFD plus a warning with its byte offset |
/// | NUL bytes or mostly control characters  | throws ``ReportError/binary(path:)``                 |
/// | zero bytes or only whitespace           | throws ``ReportError/empty(path:)``                  |
///
/// CRLF and lone CR become LF. Byte offsets in warnings count from the first byte of the
/// file (the BOM included).
enum TextDecoding {
    /// At most this many invalid-byte warnings per file; the rest are summarised in one line.
    static let maxWarnings = 10

    /// How many leading bytes are inspected for NULs and control characters.
    static let binarySniffLength = 8192

    /// Decodes `bytes` read from `path` (the path only appears in messages).
    ///
    /// - Parameter declaredEncoding: an encoding the container declares (an HTML page's
    ///   `<meta charset>`), honoured when the bytes are not valid UTF-8 or when it names a
    ///   non-Unicode encoding; `nil` to detect.
    static func decode(_ bytes: [UInt8], path: String, declaredEncoding: String? = nil) throws(ReportError) -> DecodedText {
        if bytes.isEmpty { throw .empty(path: path) }
        var warnings = Warnings(path: path)
        let decoded: (bytes: [UInt8], encoding: String)

        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            decoded = (utf16(bytes, from: 2, bigEndian: false, warnings: &warnings), "UTF-16LE")
        } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            decoded = (utf16(bytes, from: 2, bigEndian: true, warnings: &warnings), "UTF-16BE")
        } else {
            let start = (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
            if looksBinary(bytes, from: start) { throw .binary(path: path) }
            let declared = declaredEncoding.map(canonicalEncodingName)
            let check = validateUTF8(bytes, from: start)
            if check.invalid == 0 {
                // Valid UTF-8 (ASCII included) wins over a declaration: pages often lie.
                decoded = (Array(bytes[start...]), "UTF-8")
            } else if declared == "UTF-8" || start == 3 || (declared == nil && mostlyUTF8(check)) {
                for offset in check.offsets { warnings.add("invalid UTF-8 byte 0x\(hex(bytes[offset])) at byte offset \(offset) replaced with U+FFFD") }
                warnings.extra += check.invalid - check.offsets.count
                decoded = (Array(bytes[start...]), "UTF-8")
            } else {
                let name = (declared == nil || declared == "UTF-8") ? "GB18030" : declared!
                if let converted = iconvDecode(bytes, from: start, encoding: name, warnings: &warnings) {
                    decoded = (converted.bytes, name)
                    if converted.invalid * 4 > max(bytes.count - start, 16) { throw .undecodable(path: path) }
                } else if let converted = iconvDecode(bytes, from: start, encoding: "GB18030", warnings: &warnings) {
                    decoded = (converted.bytes, "GB18030")
                } else {
                    throw .undecodable(path: path)
                }
            }
        }

        let text = String(decoding: normalizingNewlines(decoded.bytes), as: UTF8.self)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{FEFF}" }) {
            throw .empty(path: path)
        }
        return DecodedText(text: text, encoding: decoded.encoding, warnings: warnings.all)
    }

    /// The `charset` an HTML page declares in its first 2 KB (`<meta charset="gbk">` or
    /// `content="text/html; charset=gb2312"`), lower-cased, or `nil`.
    ///
    /// `<meta charset="GBK">` → `"gbk"`.
    static func declaredHTMLCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(2048).map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < head.count {
            if head[i] == key[0], Array(head[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < head.count, head[j] == 0x20 { j += 1 }
                guard j < head.count, head[j] == UInt8(ascii: "=") else { i += 1; continue }
                j += 1
                while j < head.count, head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27 { j += 1 }
                var name = [UInt8]()
                while j < head.count, isCharsetNameByte(head[j]) { name.append(head[j]); j += 1 }
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    // MARK: - Detection

    static func isCharsetNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    /// `gb2312`, `GBK`, `x-gbk`, `cp936` → `GB18030`; `utf8` → `UTF-8`; others upper-cased.
    static func canonicalEncodingName(_ name: String) -> String {
        let lower = name.lowercased()
        switch lower {
        case "utf-8", "utf8": return "UTF-8"
        case "gbk", "gb2312", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "hz-gb-2312": return "GB18030"
        default: return lower.uppercased()
        }
    }

    /// NUL bytes, or more than 10 % control characters (other than tab, LF, FF, CR, ESC)
    /// in the first ``binarySniffLength`` bytes.
    static func looksBinary(_ bytes: [UInt8], from start: Int) -> Bool {
        let end = min(bytes.count, start + binarySniffLength)
        guard start < end else { return false }
        var controls = 0
        for i in start..<end {
            let b = bytes[i]
            if b == 0 { return true }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0C, b != 0x0D, b != 0x1B { controls += 1 }
            else if b == 0x7F { controls += 1 }
        }
        return controls * 10 > end - start
    }

    struct UTF8Check {
        /// Number of invalid bytes/maximal invalid subsequences.
        var invalid = 0
        /// Offsets of the first ``TextDecoding/maxWarnings`` invalid sequences.
        var offsets: [Int] = []
        /// Number of valid multi-byte sequences (evidence that the file is UTF-8).
        var multibyte = 0
    }

    /// Few stray bytes among many valid multi-byte sequences: a damaged UTF-8 file, not GBK.
    static func mostlyUTF8(_ check: UTF8Check) -> Bool {
        check.multibyte > 0 && check.invalid * 20 <= check.multibyte
    }

    /// Validates UTF-8 per RFC 3629 (no overlongs, no surrogates, ≤ U+10FFFF).
    static func validateUTF8(_ bytes: [UInt8], from start: Int) -> UTF8Check {
        var check = UTF8Check()
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = start
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var length = 0
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; hi = 0x9F
                case 0xF0: length = 4; lo = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; hi = 0x8F
                default: length = 0
                }
                var ok = length > 0 && i + 1 < n && b[i + 1] >= lo && b[i + 1] <= hi
                if ok, length >= 3 { ok = i + 2 < n && b[i + 2] & 0xC0 == 0x80 }
                if ok, length == 4 { ok = i + 3 < n && b[i + 3] & 0xC0 == 0x80 }
                if ok {
                    check.multibyte += 1
                    i += length
                } else {
                    check.invalid += 1
                    if check.offsets.count < maxWarnings { check.offsets.append(i) }
                    i += 1
                }
            }
        }
        return check
    }

    // MARK: - Converters

    static func utf16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, warnings: inout Warnings) -> [UInt8] {
        let count = (bytes.count - start) / 2
        var units = [UInt16]()
        units.reserveCapacity(count)
        var i = start
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        if (bytes.count - start) % 2 == 1 {
            warnings.add("odd trailing byte at byte offset \(bytes.count - 1) of UTF-16 text ignored")
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Converts with iconv to UTF-8; each byte iconv rejects becomes U+FFFD with a warning.
    /// Returns `nil` when iconv does not know `encoding`.
    static func iconvDecode(_ bytes: [UInt8], from start: Int, encoding: String, warnings: inout Warnings) -> (bytes: [UInt8], invalid: Int)? {
        guard let cd = iconv_open("UTF-8", encoding), Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var result = [UInt8]()
        result.reserveCapacity((bytes.count - start) * 3 / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var invalid = 0
        var position = start
        bytes.withUnsafeBufferPointer { input in
            chunk.withUnsafeMutableBufferPointer { output in
                guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return }
                while position < input.count {
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase + position)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = input.count - position
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                    var outLeft = output.count
                    let status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = status == -1 ? errno : 0
                    result.append(contentsOf: UnsafeBufferPointer(start: outBase, count: output.count - outLeft))
                    position = input.count - inLeft
                    if status != -1 { break }
                    if failure == E2BIG { continue }
                    // EILSEQ or EINVAL (truncated sequence at the end): replace one byte.
                    invalid += 1
                    warnings.add("invalid \(encoding) byte 0x\(hex(input[position])) at byte offset \(position) replaced with U+FFFD")
                    result.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    position += 1
                    _ = iconv(cd, nil, nil, nil, nil)
                }
            }
        }
        return (result, invalid)
    }

    /// CRLF → LF, lone CR → LF (copies only when a CR is present).
    static func normalizingNewlines(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }

    /// Collects capped, path-prefixed warnings.
    struct Warnings {
        let path: String
        var messages: [String] = []
        var extra = 0

        mutating func add(_ message: String) {
            if messages.count < TextDecoding.maxWarnings {
                messages.append("\(path): \(message)")
            } else {
                extra += 1
            }
        }

        var all: [String] {
            extra > 0 ? messages + ["\(path): \(extra) more invalid bytes replaced with U+FFFD"] : messages
        }
    }
}
