import Testing
@testable import ReportSearch

/// Each clean-up rule for PDF and OFD text, as a table.
@Suite struct PaginatedTextCleanerTests {
    @Test(arguments: [
        ("法 治 政 府 建 设", "法治政府建设"),
        ("国办发〔2018〕129 号", "国办发〔2018〕129号"),
        ("2023 年 GDP 增长 6.5%", "2023年GDP增长6.5%"),
        ("发布日期：2025 年 2 月 18 日", "发布日期：2025年2月18日"),
        ("GDP 2023", "GDP 2023"),
        ("第一条　为了规范", "第一条　为了规范"),
        ("open data 平台", "open data平台"),
    ])
    func extractionSpacesBetweenHanAndNumbersGo(input: String, expected: String) {
        #expect(ChineseSpacing.clean(input) == expected)
    }

    @Test(arguments: [
        ("—1—", true), ("- 2 -", true), ("·3·", true), ("12", true), ("第 3 页", true), ("第3页 共12页", true),
        ("3/12", true), ("Page 4 of 9", true), ("— 12 —", true),
        ("2022", false), ("第三条", false), ("一、总体要求", false), ("3.5万亩", false), ("1/2/3", false),
    ])
    func pageNumberLines(line: String, isPageNumber: Bool) {
        #expect(PageNumberLine.matches(line) == isPageNumber)
    }

    @Test func runningHeadersRepeatedAtPageEdgesGoAndTheTitleStays() {
        let pages: [[String]] = [
            ["标题关于某事的报告", "正文一"],
            ["柳溪区审计局文件", "正文二", "柳溪区公报 第2期"],
            ["柳溪区审计局文件", "正文三", "柳溪区公报 第3期"],
        ]
        #expect(RunningHeaders.repeatedKeys(pages) == ["柳溪区审计局文件", "柳溪区公报第#期"])
    }

    static let full = "一二三四五六七八九十一二三四五六七八九十"   // 20 characters: a full line
    static let other = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸"

    func cleaned(_ pages: [[Substring]]) -> [(String, Int?)] {
        PaginatedTextCleaner.lines(pages: pages).map { (String($0.text), $0.page) }
    }

    @Test func wrappedLinesJoinWithoutASpaceAcrossPagesAndHeadingsBreak() {
        let full = Substring(Self.full), other = Substring(Self.other)
        let pages: [[Substring]] = [
            ["页眉文字", "一、总体情况", full, full, "全年完成审计项目", "— 1 —"],
            ["页眉文字", "", other, "42 个。", "二、主要做法", "短句。", "下一段", "— 2 —"],
        ]
        let lines = cleaned(pages)
        #expect(lines.map(\.0) == ["一、总体情况", Self.full + Self.full + "全年完成审计项目", Self.other + "42个。",
                                   "二、主要做法", "短句。", "下一段"])
        #expect(lines.map(\.1) == [1, 1, 2, 2, 2, 2])
        // A page's last line, full, continues on the next page below the running header.
        let across = cleaned([["页眉", full, full, "— 1 —"], ["页眉", "", "接续的文字。", "— 2 —"]])
        #expect(across.map(\.0) == [Self.full + Self.full + "接续的文字。"])
    }

    @Test func blankLinesAndFullWidthIndentsStartParagraphs() {
        let full = Substring(Self.full)
        let lines = cleaned([[full, full, "", full, full, "　　新段落开始", full, full]])
        #expect(lines.map(\.0) == [Self.full + Self.full, Self.full + Self.full, "新段落开始", Self.full + Self.full])
    }

    @Test(arguments: [
        (["柳溪区审计局关于2024年度区级预算执行和", "其他财政收支审计工作情况的报告", "发布日期：2025年2月18日"],
         "柳溪区审计局关于2024年度区级预算执行和其他财政收支审计工作情况的报告"),
        (["某某市人民政府办公室", "关于印发某某市数据共享", "管理办法的通知", "某府办发〔2023〕5号"],
         "某某市人民政府办公室关于印发某某市数据共享管理办法的通知"),
        (["某局2021年工作总结", "日期：2022-01-10"], "某局2021年工作总结"),
    ])
    func aTitleWrappedOverLinesIsOneLine(input: [String], firstLine: String) {
        let lines = cleaned([input.map { Substring($0) }])
        #expect(lines.first?.0 == firstLine)
        #expect(lines.count == input.count - (input.count == 4 ? 2 : input.count == 3 ? 1 : 0))
    }

    @Test func pdftotextPagesSplitAtFormFeeds() {
        #expect(PaginatedTextCleaner.pages(ofPDFText: "甲\n乙\n\u{0C}丙\n\u{0C}") == [["甲", "乙", ""], ["丙", ""]])
    }
}
