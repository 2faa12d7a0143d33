import Foundation
import Testing
@testable import ReportSearch

@Suite struct SectionTreeTests {
    struct Row: Sendable, CustomStringConvertible {
        var path: [String]
        var level: Int
        var lines: ClosedRange<Int>
        var description: String { "\(path.joined(separator: " > ")) \(lines)" }
    }

    /// The seed sample's full expected tree.
    static let sampleTree: [Row] = [
        Row(path: [], level: 0, lines: 5...9),   // the title (line 5) opens the first section
        Row(path: ["一、工作推进情况"], level: 1, lines: 11...11),
        Row(path: ["一、工作推进情况", "(一)加强组织领导"], level: 2, lines: 13...15),
        Row(path: ["一、工作推进情况", "(二)深入学习贯彻法治思想"], level: 2, lines: 17...19),
        Row(path: ["一、工作推进情况", "(三)建立健全依法决策机制"], level: 2, lines: 21...23),
        Row(path: ["一、工作推进情况", "(四)强化规范性文件制定和监督管理"], level: 2, lines: 25...27),
        Row(path: ["一、工作推进情况", "(五)提高专家论证和风险评估质量"], level: 2, lines: 29...31),
        Row(path: ["二、下一步打算"], level: 1, lines: 33...35),
        Row(path: ["二、下一步打算", "(一)强化制度建设,建立健全法治政府建设长效机制"], level: 2, lines: 37...37),
        Row(path: ["二、下一步打算", "(二)强化普法学法工作,提高依法行政能力"], level: 2, lines: 39...39),
        Row(path: ["二、下一步打算", "(三)强化合法性审核,提高依法决策水平和能力"], level: 2, lines: 41...43),
    ]

    @Test func sampleReportMetadataAndTree() throws {
        let report = try ReportParser.read(fileAt: TestPaths.sampleReport, relativePath: "changshou.txt", maxBytes: 1 << 20)
        #expect(report.title == "重庆市长寿区大数据应用发展管理局关于2020年法治政府建设情况的报告")
        #expect(report.date == "2021-05-28")
        #expect(report.year == 2021)
        #expect(report.agency == "重庆市长寿区大数据应用发展管理局")
        #expect(report.documentNumber == nil)   // 长寿府办发〔2020〕59号 is cited in the body, not this report's number
        #expect(report.encoding == "UTF-8")
        let rows = report.sections.map { Row(path: $0.path.headings, level: $0.level, lines: $0.lineStart...$0.lineEnd) }
        #expect(rows.map(\.description) == Self.sampleTree.map(\.description))
        #expect(rows.map(\.level) == Self.sampleTree.map(\.level))
        #expect(report.sections.allSatisfy { $0.passage == 0 })
        #expect(report.sections[2].heading == "(一)加强组织领导")
        #expect(report.sections[2].text.hasPrefix("(一)加强组织领导\n法治政府建设对于依法行政"))
        #expect(report.sections[0].path.joined == "")
        #expect(report.sections[2].path.joined == "一、工作推进情况 > (一)加强组织领导")
    }

    @Test func sampleJunkIsGoneAndBodyIsKept() throws {
        let raw = try String(contentsOf: TestPaths.sampleReport, encoding: .utf8)
        let report = ReportsFixtures.parse(raw)
        let body = report.body
        for junk in ["您当前的位置", "扫一扫在手机打开当前页", "微博", "国务院部门网站", "其他网站", "区大数据应用发展管理局\n"] {
            #expect(!body.contains(junk), "junk left: \(junk)")
        }
        #expect(!body.hasPrefix("重庆市长寿区区大数据应用发展管理局"))
        #expect(body.contains("(联系人:孔乾坤;联系电话:023-40777005)"))
        // The title, then every non-blank line from the first paragraph to the contact line,
        // in order (the labelled 日期: line between them is dropped).
        let lines = raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let first = try #require(lines.firstIndex { $0.hasPrefix("2020年,我局") })
        let last = try #require(lines.firstIndex { $0.hasPrefix("(联系人") })
        #expect(body == ([report.title] + lines[first...last]).joined(separator: "\n"))
    }

    @Test func numberingRestartsAndSkippedLevels() {
        let text = """
        总体要求如下。
        一、总体要求
        （一）指导思想
        1.强化用地保障
        2.降低用能成本
        （二）基本原则
        二、重点任务
        1.深化改革
        （1）细化措施
        2.扩大开放
        三、保障措施
        """
        let report = ReportsFixtures.parse("标题\n日期:2024\n\n" + text)
        let paths = report.sections.map(\.path.joined)
        #expect(paths == [
            "",
            "一、总体要求",
            "一、总体要求 > （一）指导思想",
            "一、总体要求 > （一）指导思想 > 1.强化用地保障",
            "一、总体要求 > （一）指导思想 > 2.降低用能成本",
            "一、总体要求 > （二）基本原则",
            "二、重点任务",
            "二、重点任务 > 1.深化改革",
            "二、重点任务 > 1.深化改革 > （1）细化措施",
            "二、重点任务 > 2.扩大开放",
            "三、保障措施",
        ])
        #expect(report.sections.map(\.level) == [0, 1, 2, 3, 3, 2, 1, 2, 3, 2, 1])
        #expect(report.sections.map(\.lineStart) == [1] + Array(5...14))
        #expect(report.title == "标题")
        #expect(report.date == "2024")
    }

    @Test func chaptersAndArticles() {
        let report = ReportsFixtures.parse("""
        某某条例
        日期:2019-03-01

        第一章　总则
        第一条　为了规范行政决策程序，根据有关法律，制定本条例。
        第二条　本条例适用于县级以上地方人民政府的重大行政决策。
        第二章　决策程序
        第一节　公众参与
        第三条　决策事项涉及特定群体利益的，应当听取意见。
        """)
        #expect(report.sections.map(\.path.joined) == [
            "",   // the title 某某条例
            "第一章　总则",
            "第一章　总则 > 第一条",
            "第一章　总则 > 第二条",
            "第二章　决策程序",
            "第二章　决策程序 > 第一节　公众参与",
            "第二章　决策程序 > 第一节　公众参与 > 第三条",
        ])
        #expect(report.date == "2019-03-01")
    }

    @Test func yiShiAndInlineEnumerationsStayInTheirSection() {
        let report = ReportsFixtures.parse("""
        标题
        日期:2021

        一、主要工作
        一是认真评估论证。二是广泛征求意见。
        2020年，全区法治政府建设取得新成效。
        1.5万亿元的投资计划全面落地。
        """)
        #expect(report.sections.count == 2)   // the title, then 一、主要工作 whole
        #expect(report.sections[1].lineStart == 4)
        #expect(report.sections[1].lineEnd == 7)
    }

    @Test func longSectionIsSplitIntoPassagesAtParagraphs() throws {
        let paragraph = String(repeating: "法治政府建设取得积极成效，", count: 50) + "。"   // 651 characters
        let body = Array(repeating: paragraph, count: 10).joined(separator: "\n")
        let report = ReportsFixtures.parse("讲话\n日期:2020\n\n一、总体情况\n" + body)
        #expect(report.sections.first?.text == "讲话")
        let passages = report.sections.dropFirst()
        #expect(passages.count > 3)
        #expect(passages.allSatisfy { $0.path.joined == "一、总体情况" && $0.heading == "一、总体情况" })
        #expect(passages.map(\.passage) == Array(1...passages.count))
        #expect(passages.allSatisfy { $0.characterCount <= ReportParser.targetPassageCharacters })
        #expect(passages.first?.lineStart == 4)
        #expect(passages.last?.lineEnd == 14)
        for pair in zip(passages, passages.dropFirst()) { #expect(pair.0.lineEnd + 1 == pair.1.lineStart) }
        #expect(report.body == "讲话\n一、总体情况\n" + body)
    }

    @Test func enormousParagraphIsCutAtSentenceEnds() throws {
        let paragraph = String(repeating: "坚持依法行政。", count: 1_000)   // 7,000 characters, one line
        let report = ReportsFixtures.parse("讲话\n日期:2020\n\n" + paragraph)
        #expect(report.sections.count >= 4)
        // The title (line 1) is a passage of its own: passages break at paragraphs first.
        #expect(report.sections.first.map { [$0.lineStart, $0.lineEnd] } == [1, 1])
        let pieces = report.sections.dropFirst()
        #expect(pieces.allSatisfy { $0.lineStart == 4 && $0.lineEnd == 4 })
        #expect(pieces.allSatisfy { $0.text.hasSuffix("。") && $0.characterCount <= ReportParser.targetPassageCharacters })
        #expect(report.body == "讲话\n" + paragraph)
    }

    @Test func markdownHeadingMarkersAreStripped() {
        let report = ReportsFixtures.parse("""
        # 东湖市生态环境局2020年工作总结

        发布机构：东湖市生态环境局
        发布日期：2021-01-22

        2020年，在市委、市政府的坚强领导下，全市生态环境质量持续改善，现将全年工作总结如下。

        ## 一、主要工作成效

        ### （一）蓝天保卫战取得明显成效

        全市PM2.5年均浓度为34微克/立方米。
        """, format: .markdown, path: "donghu.md")
        #expect(report.title == "东湖市生态环境局2020年工作总结")
        #expect(report.agency == "东湖市生态环境局")
        #expect(report.date == "2021-01-22")
        #expect(report.sections.map(\.path.joined) == ["", "一、主要工作成效", "一、主要工作成效 > （一）蓝天保卫战取得明显成效"])
        #expect(report.sections.map(\.lineStart) == [1, 8, 10])   // the title, then line 6
    }

    @Test(arguments: [
        ("日期:2021-05-28", "2021-05-28"),
        ("发布日期：2021年5月28日", "2021-05-28"),
        ("成文日期：2019年3月", "2019-03"),
        ("日期:2019", "2019"),
        ("发布时间：2026-01-16 10:05", "2026-01-16"),
    ])
    func dateFormats(line: String, expected: String) {
        let report = ReportsFixtures.parse("某某局关于某事的通知\n\(line)\n\n一、正文\n内容。")
        #expect(report.date == expected)
        #expect(report.year == Int(expected.prefix(4)))
    }

    @Test func agencyAndDocumentNumberFromLabelsAndTitle() {
        let report = ReportsFixtures.parse("""
        国务院办公厅关于印发政府网站集约化试点工作方案的通知
        日期:2018-10-27

        国办函〔2018〕71号
        发文机关：国务院办公厅
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现将方案印发给你们，请认真贯彻执行。
        """)
        #expect(report.documentNumber == "国办函〔2018〕71号")
        #expect(report.agency == "国务院办公厅")
        #expect(report.sections.count == 1)
        #expect(report.sections[0].lineStart == 1)   // the title, the document number, line 6
        #expect(report.sections[0].text.hasPrefix("国务院办公厅关于印发政府网站集约化试点工作方案的通知\n国办函〔2018〕71号\n各省"))
        #expect(ReportsFixtures.parse("长寿府办发〔2020〕59号\n关于加强某事的通知\n正文，内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。").documentNumber == "长寿府办发〔2020〕59号")
    }
}
