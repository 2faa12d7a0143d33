import Testing
@testable import ReportSearch

@Suite struct HeadingDetectorTests {
    /// One row per heading style and variant: line → (style, number, heading text, body follows).
    @Test(arguments: [
        ("一、工作推进情况", HeadingStyle.chineseNumber, 1, "一、工作推进情况", false),
        ("十二、其他事项", .chineseNumber, 12, "十二、其他事项", false),
        ("三．保障措施", .chineseNumber, 3, "三．保障措施", false),
        ("（一）加强组织领导", .parenChineseNumber, 1, "（一）加强组织领导", false),
        ("(二)深入学习贯彻法治思想", .parenChineseNumber, 2, "(二)深入学习贯彻法治思想", false),
        ("（十一）创新运营运维模式。加快建立城市数据资源", .parenChineseNumber, 11, "（十一）创新运营运维模式", true),
        ("(一)强化制度建设,建立健全法治政府建设长效机制。进一步梳理", .parenChineseNumber, 1, "(一)强化制度建设,建立健全法治政府建设长效机制", true),
        ("1.积极推进试点", .arabicNumber, 1, "1.积极推进试点", false),
        ("2．提高文稿质量。全年起草", .arabicNumber, 2, "2．提高文稿质量", true),
        ("3、做好信息报送", .arabicNumber, 3, "3、做好信息报送", false),
        ("１２．推进应用", .arabicNumber, 12, "１２．推进应用", false),
        ("12.“单一窗口”：", .arabicNumber, 12, "12.“单一窗口”", false),
        ("（1）做好重点群体就业", .parenArabicNumber, 1, "（1）做好重点群体就业", false),
        ("(2)加强监测", .parenArabicNumber, 2, "(2)加强监测", false),
        ("3）推进电子公文交换", .parenArabicNumber, 3, "3）推进电子公文交换", false),
        ("①完善制度；②加强监督", .circledNumber, 1, "①完善制度", true),
        ("第一章　总则", .chapter, 1, "第一章　总则", false),
        ("第二节 行政决策", .section, 2, "第二节 行政决策", false),
        ("第三部分 主要任务", .part, 3, "第三部分 主要任务", false),
        ("第一编 总则", .volume, 1, "第一编 总则", false),
        ("第十二条　行政机关应当依法全面履行政府职能，推进机构、职能、权限、程序、责任法定化。", .article, 12, "第十二条", true),
        ("第一百零一条 本条例自公布之日起施行。", .article, 101, "第一百零一条", true),
        ("第5条 附则", .article, 5, "第5条 附则", false),
    ] as [(String, HeadingStyle, Int, String, Bool)])
    func headingStyles(line: String, style: HeadingStyle, number: Int, title: String, hasBody: Bool) throws {
        let match = try #require(HeadingDetector.match(Substring(line)))
        #expect(match.style == style)
        #expect(match.number == number)
        #expect(match.title == title)
        #expect(match.hasBody == hasBody)
    }

    @Test(arguments: [
        "一是认真评估论证。在起草规范性文件时",
        "二是广泛征求意见。",
        "2020年，全区法治政府建设取得新成效。",
        "1.5万亿元的投资计划全面落地",
        "2.5",
        "6.5%左右的增长",
        "一、二季度经济运行平稳",
        "(2015-2020年)",
        "(联系人:孔乾坤;联系电话:023-40777005)",
        "第三次全国代表大会以来",
        "第一条规定的情形除外",
        "一九八二年召开了党的第十二次全国代表大会",
        "——经济运行保持在合理区间。",
        "2019",
        "各位代表：",
        "主要做了以下工作：（一）稳增长；（二）促改革。",
    ])
    func notHeadings(line: String) {
        #expect(HeadingDetector.match(Substring(line)) == nil)
    }

    @Test func veryLongNumberedLineGetsAShortHeading() throws {
        let line = "1.实施公路安全生命防护工程1500公里开展城市重点区域交通通行质量提升行动有效缓解城市交通拥堵问题推动重点区域路网结构持续优化完善提升群众出行体验"
        let match = try #require(HeadingDetector.match(Substring(line)))
        #expect(match.title.unicodeScalars.count <= HeadingDetector.maxTitleLength + 1)
        #expect(match.title.hasSuffix("…"))
        #expect(match.hasBody)

        let withComma = "（三）坚持以人民为中心的发展思想，持续保障和改善民生，扎实推进共同富裕，让现代化建设成果更多更公平惠及全体人民群众，不断增强人民群众获得感幸福感安全感"
        let cut = try #require(HeadingDetector.match(Substring(withComma)))
        #expect(cut.title.hasPrefix("（三）坚持以人民为中心的发展思想"))
        #expect(cut.title.unicodeScalars.count <= HeadingDetector.maxTitleLength)
        #expect(!cut.title.hasSuffix("，"))
    }
}
