/// What the top of a report says about it, and which lines that took.
struct ReportHeader {
    var title: String
    var date: String?
    var agency: String?
    var documentNumber: String?
    /// Indices of the lines above the title (site names, navigation) and of labelled fields
    /// (`发布时间：… 来源：… 【字体：大 中 小】`): page furniture, not part of the body.
    var dropped: Set<Int> = []
}

/// Finds the title, date, agency and document number in the lines above the body.
///
/// | lines above the body                                           | result                            |
/// |----------------------------------------------------------------|-----------------------------------|
/// | `2026年北京市政府工作报告` / `日期:2026-02-02`                     | title line 1, date `2026-02-02`    |
/// | `重庆市长寿区区大数据应用发展管理局` (site name) / breadcrumb /      | title = the `…关于…的报告` line;    |
/// | `重庆市长寿区大数据应用发展管理局关于2020年…的报告` / `日期:2021-05-28` | agency = the part before `关于`    |
/// | `发布时间：2026-01-16 10:05　来源：云江省发展和改革委员会`            | date `2026-01-16`, 来源 agency      |
/// | `国办函〔2018〕71号`                                              | documentNumber                    |
/// | body opens `现在，我代表国务院向大会作政府工作报告`                   | agency `国务院`                     |
///
/// Title choice, first that applies: the page's `ArticleTitle` meta; the first line when the
/// next line is a date field (the corpus format `title` / `日期:…`, the rule of
/// ``MetadataLabels/isFollowedByDateField(_:at:)``); the first line that
/// looks like a title (`…关于…` or ending in 报告/通知/意见/方案/…); the first line above the
/// body; the file name. Lines above the title (site names, nav) and labelled fields are
/// dropped. The title and the lines below it that repeat it or are a bare date or document
/// number are read as metadata and stay in the body too: they open the first section, and
/// people search for a document by the words of its title.
///
/// It reads the output of ``PageJunkFilter`` (which lines are junk, where the body starts)
/// and never calls back into it.
enum ReportHeaderExtractor {
    typealias Field = MetadataLabels.Field

    static let documentTypeSuffixes = ["报告", "通知", "意见", "方案", "规划", "决定", "办法", "规定", "条例", "细则", "总结",
                                       "计划", "公告", "通报", "批复", "复函", "纲要", "要点", "措施", "决议", "实施意见", "指南",
                                       "规则", "公报", "讲话", "白皮书", "函", "令"]

    static func looksLikeTitle(_ line: ReportLine) -> Bool {
        guard line.length >= 6, line.length <= 200 else { return false }
        let t = line.text
        if t.utf8Contains("关于"), line.length >= 8 { return true }
        var trimmed = t
        while let last = trimmed.last, "》」』”\")）".contains(last) { trimmed = trimmed.dropLast() }
        return documentTypeSuffixes.contains(where: { trimmed.utf8HasSuffix($0) })
    }

    /// Letters and digits only, for comparing a title with its repeats.
    static func compact<S: StringProtocol>(_ s: S) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !ReportLine.isPadding($0) && $0 != " " }))
    }

    static func extract(_ lines: [ReportLine], junk: [Bool], firstBody: Int, hints: HTMLText?, path: String) -> ReportHeader {
        let candidates = (0..<min(firstBody, lines.count)).filter { !junk[$0] && !lines[$0].isBlank }
        var header = ReportHeader(title: "")
        var titleIndex: Int?

        if let hinted = hints?.meta["articletitle"], !hinted.isEmpty {
            header.title = hinted
            let key = compact(hinted)
            titleIndex = candidates.first { compact(lines[$0].text) == key }
        }
        if header.title.isEmpty, let first = candidates.first, !MetadataLabels.isLabelledLine(lines[first].text),
           MetadataLabels.isFollowedByDateField(lines, at: first) {
            titleIndex = first
        }
        if header.title.isEmpty, titleIndex == nil {
            titleIndex = candidates.prefix(15).first { !MetadataLabels.isLabelledLine(lines[$0].text) && looksLikeTitle(lines[$0]) }
        }
        if header.title.isEmpty, titleIndex == nil {
            titleIndex = candidates.first {
                !MetadataLabels.isLabelledLine(lines[$0].text) && !ReportDate.isStandaloneDate(lines[$0].text) && DocumentNumber.match(lines[$0].text) == nil
            }
        }
        if let titleIndex, header.title.isEmpty { header.title = String(lines[titleIndex].text) }
        if header.title.isEmpty, let hinted = hints?.title, !hinted.isEmpty { header.title = hinted }
        if header.title.isEmpty { header.title = fileStem(path) }

        var dates: [(rank: Int, value: String)] = []
        var agencies: [(rank: Int, value: String)] = []
        var pendingField: Field?
        for index in candidates {
            let line = lines[index]
            if let titleIndex, index <= titleIndex {
                if index < titleIndex {
                    header.dropped.insert(index)   // site names / nav above the title
                    record(MetadataLabels.labelledFields(line.text), &dates, &agencies, &header)
                    if header.documentNumber == nil { header.documentNumber = DocumentNumber.match(line.text) }
                }
                continue
            }
            if let field = pendingField {
                pendingField = nil
                if line.length <= 30, !MetadataLabels.isLabelledLine(line.text) {
                    record([("", field, line.text)], &dates, &agencies, &header)
                    header.dropped.insert(index)
                    continue
                }
            }
            let fields = MetadataLabels.labelledFields(line.text)
            if !fields.isEmpty {
                record(fields, &dates, &agencies, &header)
                if let last = fields.last, last.value.isEmpty { pendingField = last.field }
                header.dropped.insert(index)
            } else if ReportDate.isStandaloneDate(line.text), let date = ReportDate.normalize(line.text) {
                dates.append((6, date))
            } else if let number = DocumentNumber.match(line.text) {
                if header.documentNumber == nil { header.documentNumber = number }
            }
        }
        if let pub = hints?.meta["pubdate"] ?? hints?.meta["publishdate"], let date = ReportDate.normalize(pub) { dates.append((7, date)) }
        if let source = hints?.meta["contentsource"], !source.isEmpty { agencies.append((3, source)) }
        if let titled = agencyFromTitle(header.title) { agencies.append((1, titled)) }
        if let speaker = agencyFromOpening(lines.prefix(min(firstBody, lines.count) + 8), title: header.title) {
            agencies.append((1, speaker))
        }

        header.date = dates.min { $0.rank < $1.rank }?.value
        header.agency = agencies.filter { isAgencyName($0.value) }.min { $0.rank < $1.rank }?.value
        return header
    }

    /// Where a news site or paper reprinted a report, its `来源` names the outlet
    /// (`北京日报`, `吉林省政府网`, `大众新闻客户端`), not who wrote the report.
    static let outletSuffixes = ["日报", "晚报", "报社", "新闻", "新闻网", "客户端", "电视台", "新华社", "人民网", "政府网", "网站"]

    /// Whether a labelled value or a derived issuer can be an agency facet: a name of 2–30
    /// characters, not a sentence (`江西省人民政府2025年1月17日在…上省长…作政府工作报告。`,
    /// a `来源` that holds the report's byline) and not a news outlet.
    static func isAgencyName(_ value: String) -> Bool {
        let length = ReportLine.scalarCount(Substring(value))
        guard length >= 2, length <= 30 else { return false }
        if value.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) || "。，,；;：:".unicodeScalars.contains($0) }) {
            return false
        }
        return !outletSuffixes.contains { value.utf8HasSuffix($0) }
    }

    /// A report read to a congress names its author in its first lines: `现在，我代表国务院向大会作
    /// 政府工作报告` → `国务院`; `我代表第十九届中央委员会向大会作报告` → `第十九届中央委员会`. A
    /// provincial report says `我代表省人民政府`: the place comes from the line naming the
    /// congress (`在广西壮族自治区第十四届人民代表大会第三次会议上`), else from the title
    /// (`2025年河北省政府工作报告`), else the name is left out rather than given half.
    static func agencyFromOpening(_ opening: ArraySlice<ReportLine>, title: String) -> String? {
        for line in opening {
            guard let start = line.text.range(of: "我代表")?.upperBound,
                  let to = line.text[start...].range(of: "向")?.lowerBound else { continue }
            let after = line.text[to...].prefix(12)
            guard after.contains("大会") || after.contains("会议") || after.contains("全会") else { continue }
            var name = line.text[start..<to]
            while let last = name.last, "，, ".contains(last) { name = name.dropLast() }
            guard !name.isEmpty else { return nil }
            guard let unit = localUnits.first(where: { name.hasPrefix($0) }) else { return String(name) }
            let places = opening.lazy.compactMap { congressPlace(in: $0.text) } + [placeInTitle(title, unit: unit)].compactMap { $0 }
            guard let place = places.first(where: { $0.hasSuffix(unit) }) else { return nil }
            return place + name.dropFirst(unit.count)
        }
        return nil
    }

    /// How a provincial or local report refers to its own government: `省人民政府`.
    static let localUnits = ["自治区", "自治州", "省", "市", "区", "县", "州", "盟", "旗"]

    /// `2025年1月14日在北京市第十六届人民代表大会第三次会议上` → `北京市`.
    static func congressPlace(in text: Substring) -> String? {
        guard let congress = text.range(of: "人民代表大会")?.lowerBound,
              let at = text[..<congress].range(of: "在", options: .backwards)?.upperBound,
              let term = text[at..<congress].range(of: "第")?.lowerBound else { return nil }
        let place = text[at..<term]
        return place.count >= 2 && place.count <= 12 ? String(place) : nil
    }

    /// `2025年河北省政府工作报告`, unit 省 → `河北省`.
    static func placeInTitle(_ title: String, unit: String) -> String? {
        var rest = Substring(title)
        if let year = rest.range(of: "年"), rest[..<year.lowerBound].allSatisfy(\.isNumber) { rest = rest[year.upperBound...] }
        guard let end = rest.range(of: unit)?.upperBound else { return nil }
        let place = rest[..<end]
        return place.count > unit.count && place.count <= 12 && place.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 }) ? String(place) : nil
    }

    static func record(_ fields: [(label: String, field: Field, value: Substring)], _ dates: inout [(rank: Int, value: String)],
                       _ agencies: inout [(rank: Int, value: String)], _ header: inout ReportHeader) {
        for (_, field, value) in fields where !value.isEmpty {
            switch field {
            case .date(let rank):
                if let date = ReportDate.normalize(value) { dates.append((rank, date)) }
            case .agency(let rank):
                agencies.append((rank, String(value)))
            case .number:
                if header.documentNumber == nil { header.documentNumber = DocumentNumber.match(value) ?? String(value) }
            case .other:
                break
            }
        }
    }

    /// `重庆市长寿区大数据应用发展管理局关于2020年…的报告` → `重庆市长寿区大数据应用发展管理局`.
    static func agencyFromTitle(_ title: String) -> String? {
        guard let range = title.range(of: "关于") else { return nil }
        var issuer = ReportLine.trimmed(title[..<range.lowerBound])
        // `国务院办公厅转发国家地震局关于…的通知`: the office that forwards issues the document.
        if let forwarding = issuer.range(of: "转发") { issuer = ReportLine.trimmed(issuer[..<forwarding.lowerBound]) }
        let length = ReportLine.scalarCount(issuer)
        guard length >= 2, length <= 40, let last = issuer.unicodeScalars.last, last.value >= 0x4E00,
              !issuer.utf8HasSuffix("年") else { return nil }
        return String(issuer)
    }

    static func fileStem(_ path: String) -> String {
        var name = Substring(path)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}
