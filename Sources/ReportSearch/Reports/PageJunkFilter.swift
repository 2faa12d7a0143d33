/// Finds the lines of a scraped web page that are page chrome rather than report text, so
/// that they are dropped before sectioning. Only whole lines are removed, so line numbers
/// stay those of the file.
///
/// | line (where)                                               | junk? |
/// |------------------------------------------------------------|-------|
/// | `您当前的位置:首页 >政务公开 >…` (anywhere)                    | yes   |
/// | `扫一扫在手机打开当前页`, `【字体：大 中 小】`, `打印本页　关闭窗口` | yes   |
/// | `首页 \| 政务公开 \| 政务服务` (top or bottom of the page)       | yes   |
/// | `下载`, `收藏`, `加大`, `】`, `>` (top or bottom)                 | yes   |
/// | a run of short lines `微信` `微博` `政务新媒体` `…网站` (top/bottom) | yes   |
/// | `相关报道：` / `相关链接` near the end, and everything after it   | yes   |
/// | `(联系人:孔乾坤;联系电话:023-40777005)`                          | no    |
///
/// "Top" is before the first body-like line (a heading, or a line of ≥ 40 characters with
/// sentence punctuation); "bottom" is after the last one. Site names above the title are
/// removed by ``ReportHeaderExtractor`` once it knows which line is the title.
enum PageJunkFilter {
    struct Result {
        /// `true` for each junk line.
        var junk: [Bool]
        /// Index of the first body-like line (`lines.count` when there is none).
        var firstBody: Int
    }

    static func classify(_ lines: [ReportLine]) -> Result {
        let n = lines.count
        var junk = [Bool](repeating: false, count: n)
        var strong = [Bool](repeating: false, count: n)
        var bodyLike = [Bool](repeating: false, count: n)
        var longAfter = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            strong[i] = isStrongJunk(lines[i])
            bodyLike[i] = !strong[i] && isBodyLike(lines[i])
        }
        // A line followed by a date field is a title (`<title>` / `日期:…`), however long:
        // the same rule the header extractor applies when it picks the title.
        if let first = lines.firstIndex(where: { !$0.isBlank }), MetadataLabels.isFollowedByDateField(lines, at: first) {
            bodyLike[first] = false
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            longAfter[i] = longAfter[i + 1] + (isLongParagraph(lines[i]) ? 1 : 0)
        }
        let firstBody = bodyLike.firstIndex(of: true) ?? n

        // A related-links block (or the QR-code line) near the end: cut from there, unless
        // real paragraphs follow it.
        var cut = n
        var i = max(firstBody, n / 2)
        while i < n {
            if isEndMarker(lines[i]), longAfter[i + 1] <= 2 { cut = i; break }
            i += 1
        }
        var lastBody = -1
        if cut > 0 {
            for j in stride(from: cut - 1, through: 0, by: -1) where bodyLike[j] { lastBody = j; break }
        }

        for i in 0..<n {
            if i >= cut || strong[i] { junk[i] = true; continue }
            let edge = i < firstBody || i > lastBody
            if edge, isEdgeJunk(lines[i], bottom: i > lastBody) { junk[i] = true }
        }
        markBreadcrumbRuns(lines, below: firstBody, junk: &junk)
        markShareRuns(lines, junk: &junk, inRange: 0..<min(firstBody, n))
        if lastBody + 1 < cut { markShareRuns(lines, junk: &junk, inRange: (lastBody + 1)..<cut) }
        return Result(junk: junk, firstBody: firstBody)
    }

    // MARK: - Line classes

    static let breadcrumbLabels = ["您当前的位置", "您的位置", "当前位置", "您现在的位置", "您当前位置", "当前所在位置", "所在位置"]
    static let endMarkers = ["相关报道", "相关链接", "相关文档", "相关阅读", "相关新闻", "相关附件", "相关稿件", "相关文章",
                             "延伸阅读", "相关推荐", "责任编辑"]
    /// Tool words that make a line junk wherever it is, when the line has nothing else.
    static let strongTokens: Set<Substring> = ["打印本页", "关闭窗口", "【打印】", "【关闭】", "[打印本页]", "[关闭窗口]",
                                               "【打印本页】", "【关闭窗口】", "打印此页", "返回顶部", "关闭本页", "【返回顶部】",
                                               "[打印]", "[关闭]", "【打印此页】"]
    /// Tool and share words that make a line junk above or below the body.
    static let edgeTokens: Set<Substring> = strongTokens.union([
        "下载", "打印", "全屏", "收藏", "分享", "分享到", "加大", "还原", "减小", "大", "中", "小", "】", "【", ">", "＞", "»",
        "|", "｜", "×", "默认", "字体", "字号", "无障碍", "长者模式", "关怀版", "适老化", "繁體", "繁体", "简体", "English",
        "登录", "注册", "微信", "微博", "QQ空间", "QQ", "手机版", "首页", "二维码", "扫一扫", "打印正文", "纠错", "[大]", "[中]",
        "[小]", "【大】", "【中】", "【小】", "-", "/",
    ])
    static let footerPrefixes = ["主办单位", "承办单位", "主办：", "主办:", "协办单位", "版权所有", "Copyright", "copyright",
                                 "©", "网站标识码", "ICP", "京ICP", "备案号", "技术支持", "网站地图", "联系我们", "上一篇",
                                 "下一篇", "编辑：", "编辑:", "作者：", "作者:", "网站找错", "政府网站找错"]
    static let shareKeywords = ["微信", "微博", "新媒体", "网站", "客户端", "街镇", "QQ", "抖音", "头条", "分享", "链接",
                                "二维码", "App", "APP", "公众号"]

    static func isStrongJunk(_ line: ReportLine) -> Bool {
        let t = line.text
        guard !t.isEmpty, line.length <= 200 else { return false }
        for label in breadcrumbLabels where t.utf8HasPrefix(label) { return true }
        if t.utf8Contains("扫一扫在手机打开") || t.utf8Contains("扫一扫在手机上打开") { return true }
        guard line.length <= 120 else { return false }
        if t.utf8HasPrefix("首页"), t.contains(">") || t.contains("＞") || t.contains("»") || t.contains("→") { return true }
        guard line.length <= 40 else { return false }
        if t.utf8HasPrefix("【字体") || t.utf8HasPrefix("【字号") || t.utf8HasPrefix("字体：") || t.utf8HasPrefix("字号：") { return true }
        return allTokens(of: t, in: strongTokens)
    }

    static func isEdgeJunk(_ line: ReportLine, bottom: Bool) -> Bool {
        let t = line.text
        guard !t.isEmpty else { return false }
        if line.length <= 40 {
            if allTokens(of: t, in: edgeTokens) { return true }
            if t.utf8HasPrefix("分享到") || t.utf8HasPrefix("分享:") || t.utf8HasPrefix("分享：") { return true }
        }
        if line.length <= 24, t.utf8Contains("点击") { return true }
        if isNavBar(t) { return true }
        if bottom, line.length <= 120 {
            for prefix in footerPrefixes where t.utf8HasPrefix(prefix) { return true }
        }
        return false
    }

    /// `首页 | 政务公开 | 政务服务 | 互动交流`: three or more short segments between bars.
    static func isNavBar(_ t: Substring) -> Bool {
        guard !t.hasPrefix("|"), t.utf8.count <= 400 else { return false }
        let segments = t.split(whereSeparator: { $0 == "|" || $0 == "｜" })
        guard segments.count >= 3 else { return false }
        for segment in segments {
            let s = ReportLine.trimmed(segment)
            if s.isEmpty || ReportLine.scalarCount(s) > 10 { return false }
        }
        return true
    }

    static func isEndMarker(_ line: ReportLine) -> Bool {
        let t = line.text
        guard !t.isEmpty, line.length <= 40 else { return false }
        if t.utf8Contains("扫一扫在手机打开") { return true }
        for marker in endMarkers where t.utf8HasPrefix(marker) { return true }
        return false
    }

    /// Every token (split at spaces, ideographic spaces and bars; a trailing colon ignored) is in `set`.
    static func allTokens(of t: Substring, in set: Set<Substring>) -> Bool {
        let scalars = t.unicodeScalars
        var any = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            while index < scalars.endIndex, isTokenSeparator(scalars[index]) { index = scalars.index(after: index) }
            guard index < scalars.endIndex else { break }
            let start = index
            while index < scalars.endIndex, !isTokenSeparator(scalars[index]) { index = scalars.index(after: index) }
            var token = Substring(scalars[start..<index])
            if let last = token.unicodeScalars.last, last == ":" || last == "：" { token = Substring(token.unicodeScalars.dropLast()) }
            if token.isEmpty { continue }
            if !set.contains(token) { return false }
            any = true
        }
        return any
    }

    @inline(__always)
    static func isTokenSeparator(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\u{3000}" || s == "\u{A0}" || s == "\t"
    }

    /// A heading, or a line of ≥ 40 characters with sentence punctuation that is not a
    /// labelled metadata line.
    static func isBodyLike(_ line: ReportLine) -> Bool {
        if line.isBlank { return false }
        if HeadingDetector.match(line.text) != nil { return true }
        guard line.length >= 40 else { return false }
        var punctuated = false
        for s in line.text.unicodeScalars where s == "。" || s == "，" || s == "," || s == "；" {
            punctuated = true
            break
        }
        return punctuated && !MetadataLabels.isLabelledLine(line.text)
    }

    static func isLongParagraph(_ line: ReportLine) -> Bool {
        line.length >= 60 && line.text.unicodeScalars.contains("。")
    }

    // MARK: - Runs

    /// `首页` / `>` / `政务公开` / `>` / `工作报告` one per line above the body.
    static func markBreadcrumbRuns(_ lines: [ReportLine], below end: Int, junk: inout [Bool]) {
        var i = 0
        let isSeparator = { (t: Substring) in t == ">" || t == "＞" || t == "»" || t == ">>" || t == "→" }
        while i < end {
            let t = lines[i].text
            let startsRun = t == "首页" || (junk[i] && breadcrumbLabels.contains(where: { t.utf8HasPrefix($0) }) && lines[i].length <= 8)
            guard startsRun else { i += 1; continue }
            junk[i] = true
            var j = i + 1
            var afterSeparator = t != "首页" // a label line `您的位置:` is followed by its first crumb
            while j < end {
                let u = lines[j].text
                if u.isEmpty { j += 1; continue }
                if isSeparator(u) {
                    afterSeparator = true
                } else if afterSeparator, lines[j].length <= 16 {
                    afterSeparator = false
                } else if lines[j].length <= 10, u == lines[j - 1].text {
                    // a column name repeated as the page heading
                } else {
                    break
                }
                junk[j] = true
                j += 1
            }
            i = j
        }
    }

    /// Runs of ≥ 3 short lines, at least half of them share or link words (`微信`, `国务院部门网站`…).
    static func markShareRuns(_ lines: [ReportLine], junk: inout [Bool], inRange range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            var j = i
            var keywordLines = 0
            var count = 0
            while j < range.upperBound {
                let line = lines[j]
                if line.isBlank { j += 1; continue }
                guard line.length <= 14, !line.text.unicodeScalars.contains("。") else { break }
                count += 1
                if shareKeywords.contains(where: { line.text.utf8Contains($0) }) { keywordLines += 1 }
                j += 1
            }
            if count >= 3, keywordLines * 2 >= count {
                for k in i..<j { junk[k] = true }
            }
            i = max(j, i + 1)
        }
    }
}
