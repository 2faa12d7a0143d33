import Testing
@testable import ReportSearch

/// The agency facet names who wrote a report, never the paper that reprinted it.
@Suite struct AgencyTests {
    @Test func anOutletIsNotTheAgencyTheSpeakerIs() {
        let report = ReportsFixtures.parse("""
        2025年北京市政府工作报告
        日期:2025-01-14

        来源：北京日报
        2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告。
        各位代表：
        现在，我代表北京市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。
        一、2024年工作回顾
        全市地区生产总值增长5.2%。
        """)
        #expect(report.agency == "北京市人民政府")
    }

    @Test func aProvinceSpeakingOfItselfIsNamedFromItsCongress() {
        let report = ReportsFixtures.parse("""
        2025年广西政府工作报告
        日期:2025-01-20

        来源：广西日报
        ——2025年1月14日在广西壮族自治区第十四届人民代表大会第四次会议上
        各位代表：
        现在，我代表自治区人民政府，向大会报告工作，请予审议。
        一、2024年工作回顾
        全区生产总值增长4.2%。
        """)
        #expect(report.agency == "广西壮族自治区人民政府")
    }

    @Test func withoutItsCongressLineTheTitleNamesTheProvince() {
        let report = ReportsFixtures.parse("""
        2025年河北省政府工作报告
        日期:2025-01-20

        各位代表：
        现在，我代表省人民政府向大会报告工作，请予审议。
        一、2024年工作回顾
        全省生产总值增长5.4%。
        """)
        #expect(report.agency == "河北省人民政府")
        // Named by neither: no agency rather than half of one.
        let unnamed = ReportsFixtures.parse("政府工作报告\n日期:2025-01-20\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、回顾\n内容。")
        #expect(unnamed.agency == nil)
    }

    @Test func aStateCouncilReportAndAForwardingOffice() {
        let gwr = ReportsFixtures.parse("2010年政府工作报告\n日期:2010\n\n各位代表：\n现在，我代表国务院向大会作政府工作报告，请予审议。\n一、2009年工作回顾\n内容。")
        #expect(gwr.agency == "国务院")
        let forwarded = ReportsFixtures.parse("国务院办公厅转发国家地震局关于加强地震工作意见的通知\n日期:1998-05-01\n\n各省、自治区、直辖市人民政府：国家地震局意见已经国务院同意，现转发给你们。")
        #expect(forwarded.agency == "国务院办公厅")
    }

    @Test(arguments: ["北京日报", "吉林省政府网", "大众新闻客户端", "天津人大—天津日报", "江西省人民政府2025年1月17日在江西省第十四届人民代表大会第三次会议上省长叶建春作政府工作报告。", "某"])
    func notAnAgencyName(_ value: String) {
        #expect(!ReportHeaderExtractor.isAgencyName(value))
        let report = ReportsFixtures.parse("某某工作情况\n日期:2025-01-14\n\n来源：\(value)\n一、总体情况\n内容。")
        #expect(report.agency == nil)
    }

    @Test(arguments: ["云江省发展和改革委员会", "国务院办公厅、中央军委办公厅", "省政府政策研究室"])
    func anAgencyName(_ value: String) {
        #expect(ReportHeaderExtractor.isAgencyName(value))
    }
}
