import Foundation
import Testing
@testable import ReportSearch

@Suite struct PageJunkTests {
    static let junkMarkers = ["扫一扫在手机打开当前页", "【字号", "【字体", "打印本页", "关闭窗口", "相关报道", "相关链接",
                              "相关文档", "您的位置", "您当前的位置", "分享到", "责任编辑"]
    static let junkLines: Set<String> = ["下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", ">", "|", "×", "首页", "大", "中", "小"]

    /// Long paragraphs of the raw file (≥ 60 characters with a full stop) must survive,
    /// unless the page repeats a paragraph after its footer (the body then has its text).
    static func lostParagraphs(raw: String, body: String) -> [String] {
        raw.split(separator: "\n").map(String.init).filter { line in
            line.unicodeScalars.count >= 60 && line.contains("。") && !body.contains(line)
                && !body.contains(String(line.unicodeScalars.suffix(30)))
        }
    }

    static func junkLeft(in report: Report) -> [String] {
        report.sections.flatMap { $0.text.split(separator: "\n").map(String.init) }.filter { line in
            junkLines.contains(line) || junkMarkers.contains { line.hasPrefix($0) || line.contains("扫一扫在手机") }
        }
    }

    @Test(.requiresShared("corpus/gov-reports"))
    func provincialReports2026HaveNoJunkAndLoseNoParagraph() throws {
        let files = try ReportsFixtures.textFiles(in: TestPaths.shared("corpus/gov-reports")).filter { $0.lastPathComponent.hasPrefix("prov2026-") }
        #expect(files.count == 31)
        for file in files {
            let raw = try String(contentsOf: file, encoding: .utf8)
            let report = ReportsFixtures.parse(raw, path: file.lastPathComponent)
            let body = report.body
            #expect(Self.junkLeft(in: report).isEmpty, "\(file.lastPathComponent): junk left \(Self.junkLeft(in: report))")
            #expect(Self.lostParagraphs(raw: raw, body: body).isEmpty, "\(file.lastPathComponent): lost \(Self.lostParagraphs(raw: raw, body: body).map { $0.prefix(20) })")
            let firstLine = String(raw.prefix { $0 != "\n" })
            #expect(report.title == firstLine)
            #expect(report.date?.hasPrefix("2026-") == true)
        }
    }

    @Test(.requiresShared("corpus/gov-reports"),
          arguments: ["prov2026-110000.txt", "prov2026-510000.txt", "prov2026-530000.txt", "prov2026-610000.txt"])
    func specificPagesStartAtTheSpeech(file: String) throws {
        let raw = try String(contentsOf: TestPaths.shared("corpus/gov-reports").appendingPathComponent(file), encoding: .utf8)
        let report = ReportsFixtures.parse(raw, path: file)
        let body = report.body
        #expect(body.contains("各位代表："))
        #expect(body.contains("一、"))
        let tail = try #require(report.sections.last?.text.split(separator: "\n").last)
        #expect(tail.hasPrefix("各位代表") || tail.contains("让我们") || tail.first?.isNumber == true || tail.contains("：") || tail.contains("。"))
        #expect(!body.contains("\n下载\n") && !body.hasPrefix("下载"))
    }

    @Test func scrapedPageWithNavBarsAndShareList() {
        let page = """
        云江省人民政府门户网站
        首页 | 政务公开 | 政务服务 | 政民互动 | 走进云江 | 数据发布
        无障碍 | 长者模式 | 繁體 | English | 登录 | 注册
        您的位置：首页 > 政务公开 > 法定主动公开内容 > 工作报告
        云江省发展和改革委员会关于2025年优化营商环境工作情况的报告
        发布时间：2026-01-16 10:05　来源：云江省发展和改革委员会　浏览量：2,481
        【字体：大 中 小】
        打印本页　关闭窗口
        分享到：微信 微博 QQ空间

        2025年，省发展改革委深入贯彻落实省委、省政府关于持续优化营商环境的决策部署，纵深推进营商环境改革。
        一、2025年主要工作进展
        （一）市场准入更加便利。全面实施市场准入负面清单制度。
        二、存在的主要问题
        一是部分地区改革举措落地仍不畅通。
        扫一扫在手机打开当前页
        微信
        微博
        政务新媒体
        部门街镇
        国务院部门网站
        其他网站
        """
        let report = ReportsFixtures.parse(page, path: "yunjiang.txt")
        #expect(report.title == "云江省发展和改革委员会关于2025年优化营商环境工作情况的报告")
        #expect(report.date == "2026-01-16")
        #expect(report.agency == "云江省发展和改革委员会")
        #expect(report.sections.map(\.path.joined) == ["", "一、2025年主要工作进展", "一、2025年主要工作进展 > （一）市场准入更加便利", "二、存在的主要问题"])
        #expect(report.sections.first?.lineStart == 5)   // the title line
        #expect(report.sections.last?.lineEnd == 15)
        #expect(Self.junkLeft(in: report).isEmpty)
    }

    @Test func htmlPageWithJunk() throws {
        let html = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="枫林区市场监督管理局关于2022年法治政府建设情况的报告">
        <meta name="PubDate" content="2023-02-27 16:30"><title>枫林区人民政府</title>
        <style>p{margin:0}</style><script>var a = "<p>不是正文</p>";</script></head><body>
        <div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></div>
        <div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>
        <div class="article-title">枫林区市场监督管理局关于2022年法治政府建设情况的报告</div>
        <div class="info">发布时间：2023-02-27&nbsp;&nbsp;&nbsp;来源：枫林区市场监督管理局&nbsp;&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
        <div id="zoom"><p>&#12288;&#12288;2022年，枫林区市场监督管理局深入学习贯彻习近平法治思想，认真落实&ldquo;八五&rdquo;普法规划，法治政府建设取得新成效。</p>
        <p>&#12288;&#12288;<strong>一、主要举措和成效</strong></p>
        <p>&#12288;&#12288;<strong>（一）落实第一责任人职责。</strong>局长切实履行职责&amp;带头学法<br>全年召开专题会议4次。
        <p>&#12288;&#12288;<strong>二、存在的不足</strong></p><ul><li>执法力量不足。</li><li>专业能力有待提升。</li></ul>
        </div>
        <div class="tools"><a href="javascript:printPage()">打印本页</a>&nbsp;|&nbsp;<a href="javascript:window.close()">关闭窗口</a></div>
        <div class="qrcode"><p>扫一扫在手机打开当前页</p></div>
        <div class="share"><ul><li><a>微信</a></li><li><a>微博</a></li><li><a>政务新媒体</a></li></ul></div>
        <div class="related"><h3>相关链接</h3><ul><li><a href="/a">枫林区司法局2022年法治政府建设年度报告</a></li></ul></div>
        <div class="footer"><p>主办单位：枫林区人民政府办公室</p><p>Copyright &copy; 2023</p></div>
        </body></html>
        """
        let report = ReportsFixtures.parse(html, format: .html, path: "fenglin.html")
        #expect(report.title == "枫林区市场监督管理局关于2022年法治政府建设情况的报告")
        #expect(report.date == "2023-02-27")
        #expect(report.agency == "枫林区市场监督管理局")
        #expect(report.sections.map(\.path.joined) == ["", "一、主要举措和成效", "一、主要举措和成效 > （一）落实第一责任人职责", "二、存在的不足"])
        let body = report.body
        #expect(body.contains("认真落实“八五”普法规划"))          // entities decoded
        #expect(body.contains("局长切实履行职责&带头学法\n全年召开专题会议4次。"))  // <br> is a line break
        #expect(body.contains("执法力量不足。\n专业能力有待提升。"))  // list items are lines
        for junk in ["不是正文", "margin", "首页", "打印本页", "扫一扫", "微博", "相关链接", "司法局", "主办单位", "Copyright", "字体"] {
            #expect(!body.contains(junk), "junk left: \(junk)")
        }
    }

    @Test func htmlExtractorBlocksAndLinks() {
        let extracted = HTMLTextExtractor.extract("<html><body><div><a>首页</a><a>政务公开</a></div><h1>标题</h1>正文<br/>第二行<table><tr><td>甲</td><td>乙</td></tr></table></body></html>")
        #expect(extracted.text == "首页 | 政务公开\n标题\n正文\n第二行\n甲 乙")
    }

    @Test func brokenHTMLStillYieldsText() {
        let extracted = HTMLTextExtractor.extract("<div><p>一、总体要求<p>（一）指导思想</div></span><b>坚持&nbsp;依法")
        #expect(extracted.text.contains("一、总体要求\n（一）指导思想"))
        #expect(extracted.text.contains("坚持"))
    }
}
