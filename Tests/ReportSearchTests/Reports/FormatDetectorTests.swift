import Foundation
import Testing
@testable import ReportSearch

@Suite struct FormatDetectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var bytes: [UInt8]
        var pathExtension: String
        var format: ReportFormat
        var note: String
        var testDescription: String { "\(note) (.\(pathExtension)) → \(format)" }

        init(_ bytes: [UInt8], _ pathExtension: String, _ format: ReportFormat, _ note: String) {
            self.bytes = bytes
            self.pathExtension = pathExtension
            self.format = format
            self.note = note
        }
        init(_ text: String, _ pathExtension: String, _ format: ReportFormat, _ note: String) {
            self.init(Array(text.utf8), pathExtension, format, note)
        }
    }

    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 24)
    /// An OLE2 header and, further on, the directory entry of a Word document's main stream.
    static let word97: [UInt8] = ole2 + [UInt8](repeating: 0xFF, count: 40) + Array("WordDocument".utf16.flatMap { [UInt8($0), 0] })
    static let utf16LEPage: [UInt8] = [0xFF, 0xFE] + Array("<html><body>正文</body></html>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    @Test(arguments: [
        Case("%PDF-1.4\n%\u{E2}\u{E3}", "pdf", .pdf, "PDF"),
        Case("%PDF-1.7\n", "txt", .pdf, "PDF named .txt"),
        Case("%PDF-1.3\n", "", .pdf, "PDF without extension"),
        Case(zip, "docx", .docx, "ZIP named .docx"),
        Case(zip, "DOCX", .docx, "ZIP named .DOCX"),
        Case(zip, "ofd", .ofd, "ZIP named .ofd"),
        Case(zip, "zip", .zip, "ZIP"),
        Case(zip + Array("word/document.xml".utf8), "zip", .docx, "ZIP holding word/document.xml, named .zip"),
        Case(zip + Array("OFD.xml".utf8), "docx", .ofd, "ZIP holding OFD.xml, named .docx"),
        Case(zip, "xlsx", .zip, "ZIP named .xlsx"),
        Case(zip, "txt", .zip, "ZIP named .txt"),
        Case(ole2, "doc", .doc, "OLE2 named .doc"),
        Case(ole2, "wps", .doc, "OLE2 named .wps"),
        Case(ole2, "xls", .ole2, "OLE2 without a WordDocument stream, named .xls"),
        Case(word97, "txt", .doc, "Word 97 named .txt"),
        Case(word97, "", .doc, "Word 97 without extension"),
        Case("<!DOCTYPE html>\n<html><body>正文</body></html>", "txt", .html, "HTML page saved as .txt"),
        Case("<html lang=\"zh-CN\">\n<body>正文</body></html>", "", .html, "HTML page without extension"),
        Case("\u{FEFF}\n  <HTML>\n<BODY>正文", "md", .html, "HTML with a BOM, upper case, named .md"),
        Case("<!-- saved from url=(0042)http://www.gov.cn/ -->\r\n<html>", "txt", .html, "browser-saved page"),
        Case("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">", "", .html, "XHTML"),
        Case(utf16LEPage, "txt", .html, "UTF-16LE page named .txt"),
        Case("<htmlish> is not a tag we know", "txt", .text, "<html followed by a letter"),
        Case("一、总体要求 <html>", "txt", .text, "a tag later in the text"),
        Case("# 一、总体要求\n正文", "md", .markdown, "Markdown"),
        Case("# 一、总体要求\n正文", "markdown", .markdown, "Markdown, long extension"),
        Case("<p>正文</p>", "htm", .html, "HTML fragment named .htm"),
        Case("正文", "HTML", .html, "plain text named .HTML goes by the extension"),
        Case("正文", "", .text, "text without extension"),
        Case("正文", "tsv", .other, "text with a non-report extension (a manifest, a table)"),
        Case("正文", "pdf", .text, "text named .pdf is text"),
        Case("%PD", "txt", .text, "a truncated PDF magic"),
        Case([UInt8](), "txt", .text, "nothing"),
    ])
    func detects(_ c: Case) {
        #expect(FormatDetector.format(of: c.bytes, pathExtension: c.pathExtension) == c.format)
    }

    @Test func everyReportFormatHasAnExtractorAndContainersDoNot() {
        for format in ReportFormat.allCases {
            let extractor = ReportExtractors.extractor(for: format)
            #expect((extractor != nil) == ![.zip, .ole2, .other].contains(format), "\(format)")
            if let extractor { #expect(extractor.format == format) }
        }
    }

    @Test func aMisnamedBrokenPDFIsReadAsAPDFNotAsBinaryText() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "x.txt", bytes: Array("%PDF-1.4\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A, 0x00, 0x00, 0x01])
        #expect {
            try ReportParser.read(fileAt: file, relativePath: "dir/x.txt", maxBytes: 1 << 20)
        } throws: { error in
            guard case .damaged(let path, .pdf, let reason)? = error as? ReportError else { return false }
            return path == "dir/x.txt" && reason.hasPrefix("truncated or corrupt")
        }
        let error = ReportError.unsupportedFormat(path: "dir/x.zip", format: .zip)
        #expect(error.shortReason == "zip: not supported")
        #expect(ReportError.unsupportedFormat(path: "t.xls", format: .ole2).shortReason == "ole2: not supported")
    }

    @Test func anHTMLPageNamedTxtIsReadAsHTML() throws {
        let html = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>某局网站</title></head><body>"
            + "<h1>某局关于2022年工作情况的报告</h1><p>发布时间：2023-01-05</p><p>一、总体情况</p><p>全年工作取得新成效。</p></body></html>"
        let bytes = try ReportsFixtures.iconv(html, to: "GBK")
        let directory = try TemporaryDirectory()
        let asText = try directory.file(named: "page.txt", bytes: bytes)
        let asHTML = directory.url.appendingPathComponent("page.html")
        try Data(bytes).write(to: asHTML)

        let report = try ReportParser.read(fileAt: asText, relativePath: "page.txt", maxBytes: 1 << 20)
        #expect(report.encoding == "GB18030")   // the page's declared charset was honoured
        #expect(report.title == "某局关于2022年工作情况的报告")
        #expect(report.date == "2023-01-05")
        #expect(report.sections.map(\.text) == ["某局关于2022年工作情况的报告", "一、总体情况\n全年工作取得新成效。"])
        #expect(!report.body.contains("<"))
        let same = try ReportParser.read(fileAt: asHTML, relativePath: "page.txt", maxBytes: 1 << 20)
        #expect(same.sections == report.sections)
        #expect(same.title == report.title)
    }

    @Test func aFileWithoutExtensionIsReadAsText() throws {
        let text = "云岭县2021年工作总结\n日期:2022-01-10\n\n一、围绕中心服务大局\n全年工作取得新成效。\n"
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "README", bytes: Array(text.utf8))
        let report = try ReportParser.read(fileAt: file, relativePath: "README", maxBytes: 1 << 20)
        #expect(report.title == "云岭县2021年工作总结")
        #expect(report.date == "2022-01-10")
        #expect(report.sections.last?.path.joined == "一、围绕中心服务大局")
        #expect(report.sections.allSatisfy { $0.lineStart >= 1 })
    }

    @Test func markdownHeadingMarkersAreStrippedByItsExtractor() {
        let lines = MarkdownExtractor().extract(text: "## 一、主要工作成效\n#标签\n####### 七级\n# 标题 #", path: "a.md").lines
        #expect(lines.map(\.text) == ["一、主要工作成效", "#标签", "####### 七级", "标题"])
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.allSatisfy { $0.page == nil })
    }
}
