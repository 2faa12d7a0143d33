import Foundation
import Testing
@testable import ReportSearch

@Suite struct TextDecodingTests {
    static let chinese = "一、工作推进情况\n（一）加强组织领导。法治政府建设……\n"

    @Test func plainUTF8() throws {
        let decoded = try TextDecoding.decode(Array(Self.chinese.utf8), path: "a.txt")
        #expect(decoded.text == Self.chinese)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.warnings.isEmpty)
    }

    @Test func utf8WithBOMAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("第一行\r\n第二行\r第三行\r\n".utf8)
        let decoded = try TextDecoding.decode(bytes, path: "bom.txt")
        #expect(decoded.text == "第一行\n第二行\n第三行\n")
        #expect(decoded.encoding == "UTF-8")
    }

    @Test(arguments: [(false, "UTF-16LE"), (true, "UTF-16BE")])
    func utf16WithBOM(bigEndian: Bool, expected: String) throws {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in "法治\r\n政府".utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        let decoded = try TextDecoding.decode(bytes, path: "u16.txt")
        #expect(decoded.text == "法治\n政府")
        #expect(decoded.encoding == expected)
    }

    @Test func gbkBytesMadeWithIconv() throws {
        let bytes = try ReportsFixtures.iconv(Self.chinese, to: "GBK")
        #expect(bytes.count < Self.chinese.utf8.count)   // really GBK, two bytes per character
        let decoded = try TextDecoding.decode(bytes, path: "gbk.txt")
        #expect(decoded.text == Self.chinese)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.warnings.isEmpty)
    }

    @Test func embeddedGBKBytes() throws {
        // 法治政府 in GBK
        let decoded = try TextDecoding.decode([0xB7, 0xA8, 0xD6, 0xCE, 0xD5, 0xFE, 0xB8, 0xAE], path: "gbk.txt")
        #expect(decoded.text == "法治政府")
    }

    @Test func strayInvalidUTF8ByteBecomesReplacementWithOffset() throws {
        var bytes = Array("法治政府建设年度报告，全面推进依法行政。".utf8)
        bytes.insert(0xFF, at: 12)
        let decoded = try TextDecoding.decode(bytes, path: "bad.txt")
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == "法治政府\u{FFFD}建设年度报告，全面推进依法行政。")
        #expect(decoded.warnings.count == 1)
        #expect(decoded.warnings.first?.contains("bad.txt") == true)
        #expect(decoded.warnings.first?.contains("byte offset 12") == true)
    }

    @Test func warningsAreCapped() throws {
        var bytes = [UInt8]()
        for _ in 0..<300 { bytes += Array("法治政府建设".utf8) + [0xFF] }
        let decoded = try TextDecoding.decode(bytes, path: "many.txt")
        #expect(decoded.warnings.count == TextDecoding.maxWarnings + 1)
        #expect(decoded.warnings.last?.contains("more invalid bytes") == true)
    }

    @Test func binaryWithNULBytesIsRejected() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array(repeating: 0, count: 64)
        #expect(throws: ReportError.binary(path: "x.png")) { try TextDecoding.decode(bytes, path: "x.png") }
    }

    @Test func mostlyControlCharactersIsBinary() {
        let bytes = (0..<400).map { UInt8($0 % 31 + 1) }
        #expect(throws: ReportError.binary(path: "ctl.txt")) { try TextDecoding.decode(bytes, path: "ctl.txt") }
    }

    @Test(arguments: [[UInt8](), [0x20, 0x0A, 0x0D, 0x0A], [0xEF, 0xBB, 0xBF]])
    func emptyOrWhitespaceIsEmpty(bytes: [UInt8]) {
        #expect(throws: ReportError.empty(path: "e.txt")) { try TextDecoding.decode(bytes, path: "e.txt") }
    }

    @Test(arguments: [
        ("<meta charset=\"GBK\">", "gbk"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />", "gb2312"),
        ("<META CHARSET='utf-8'>", "utf-8"),
        ("<p>no declaration</p>", nil),
    ] as [(String, String?)])
    func htmlCharsetDeclaration(html: String, expected: String?) {
        #expect(TextDecoding.declaredHTMLCharset(Array(html.utf8)) == expected)
    }

    @Test func errorMessagesNameTheFileAndSayWhatToDo() {
        let message = ReportError.tooLarge(path: "big.txt", bytes: 10, limit: 5).errorDescription ?? ""
        #expect(message.contains("big.txt"))
        #expect(message.contains("limit"))
        #expect(ReportError.binary(path: "b.bin").errorDescription?.contains("skipped") == true)
    }
}
