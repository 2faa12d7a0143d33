import Foundation
import Testing
@testable import ReportSearch

@Suite struct ReportReadingTests {
    // The formats users have (PDF, Word, WPS, OFD) are named now, so that a skipped file
    // can say which format it is; only text, Markdown and HTML have an extractor.
    @Test(arguments: [("txt", ReportFormat.text), ("TEXT", .text), ("md", .markdown), ("markdown", .markdown),
                      ("html", .html), ("HTM", .html), ("pdf", .pdf), ("DOCX", .docx), ("doc", .doc), ("wps", .doc),
                      ("ofd", .ofd), ("zip", .zip)])
    func formatFromExtension(ext: String, format: ReportFormat) {
        #expect(ReportFormat(pathExtension: ext) == format)
    }

    @Test(arguments: ["png", "xlsx", "tsv", ""])
    func unknownExtensions(ext: String) {
        #expect(ReportFormat(pathExtension: ext) == nil)
    }

    @Test func readsGBKFileWithEncodingAndLineNumbers() throws {
        let text = "云岭县人民政府办公室2021年工作总结\n发布时间：2022-01-10\n\n2021年，县政府办公室在县委、县政府的坚强领导下，各项工作取得新成效。\n一、围绕中心服务大局\n1．强化调查研究。\n"
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "gbk.txt", bytes: try ReportsFixtures.iconv(text, to: "GBK"))
        let report = try ReportParser.read(fileAt: file, relativePath: "gbk.txt", maxBytes: 1 << 20)
        #expect(report.encoding == "GB18030")
        #expect(report.date == "2022-01-10")
        #expect(report.sections.map(\.lineStart) == [1, 5, 6])   // the title opens the first section
        #expect(report.sections.last?.path.joined == "一、围绕中心服务大局 > 1．强化调查研究")
    }

    @Test func readsHTMLDeclaredAsGBK() throws {
        let html = "<html><head><meta charset=\"gbk\"><title>站点</title></head><body><h1>某局关于2022年工作情况的报告</h1><p>一、总体情况</p><p>全年工作取得新成效。</p></body></html>"
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "page.html", bytes: try ReportsFixtures.iconv(html, to: "GBK"))
        let report = try ReportParser.read(fileAt: file, relativePath: "page.html", maxBytes: 1 << 20)
        #expect(report.encoding == "GB18030")
        #expect(report.title == "某局关于2022年工作情况的报告")
        #expect(report.sections.map(\.text) == ["某局关于2022年工作情况的报告", "一、总体情况\n全年工作取得新成效。"])
    }

    @Test func invalidBytesProduceAWarningInTheReport() throws {
        var bytes = Array("标题\n日期:2020\n\n一、总体情况\n全年工作取得新成效。\n".utf8)
        bytes.insert(0xC0, at: 20)   // before 一、
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "bad.txt", bytes: bytes)
        let report = try ReportParser.read(fileAt: file, relativePath: "dir/bad.txt", maxBytes: 1 << 20)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.hasPrefix("dir/bad.txt: invalid UTF-8 byte 0xC0 at byte offset 20") == true)
        #expect(report.body.contains("\u{FFFD}"))
    }

    @Test func binaryFileIsSkippedWithATypedError() throws {
        // An ELF header: no format is detected, and the text decoder finds NUL bytes.
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "x.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])
        #expect(throws: ReportError.binary(path: "x.txt")) {
            try ReportParser.read(fileAt: file, relativePath: "x.txt", maxBytes: 1 << 20)
        }
        // The ZIP header this test used to read is now detected as a ZIP container (the
        // intended behaviour: the summary can say "zip" instead of "binary file").
        let zip = directory.url.appendingPathComponent("y.txt")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]).write(to: zip)
        #expect(throws: ReportError.unsupportedFormat(path: "y.txt", format: .zip)) {
            try ReportParser.read(fileAt: zip, relativePath: "y.txt", maxBytes: 1 << 20)
        }
    }

    @Test func emptyTooLargeAndMissingFiles() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file(named: "e.txt", bytes: [])
        #expect(throws: ReportError.empty(path: "e.txt")) { try ReportParser.read(fileAt: file, relativePath: "e.txt", maxBytes: 10) }

        let big = directory.url.appendingPathComponent("big.txt")
        try Data(repeating: 0x41, count: 100).write(to: big)
        #expect(throws: ReportError.tooLarge(path: "big.txt", bytes: 100, limit: 10)) {
            try ReportParser.read(fileAt: big, relativePath: "big.txt", maxBytes: 10)
        }
        let missing = directory.url.appendingPathComponent("missing.txt")
        #expect {
            try ReportParser.read(fileAt: missing, relativePath: "missing.txt", maxBytes: 10)
        } throws: { error in
            if case .unreadable(let path, _) = error as? ReportError { return path == "missing.txt" }
            return false
        }
        #expect {
            try ReportParser.read(fileAt: directory.url, relativePath: "dir", maxBytes: 10)
        } throws: { error in
            if case .unreadable = error as? ReportError { return true }
            return false
        }
    }

    /// 4 seeds × 50 random texts.
    @Test(arguments: 0..<4)
    func randomInputNeverTrapsAndKeepsLinesInBounds(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let alphabet: [Character] = Array("一二三四五六七八九十、．.（）()1234567890第章节条编部分①②\n\n。，：；关于的报告日期:2020-01-01 \u{3000}>|首页微信网站【】\r\u{301}\u{1F600}")
        for _ in 0..<50 {
            let length = Int.random(in: 0..<300, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            for format in ReportFormat.allCases {
                let report = ReportParser.parse(text, format: format, path: "r.txt")
                let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count + 5
                for section in report.sections {
                    #expect(section.lineStart >= 1 && section.lineStart <= section.lineEnd && section.lineEnd <= lineCount)
                }
            }
        }
    }
}
