/// A parsed report: metadata and sections, ready for the indexer.
///
/// ```
/// Report(title: "重庆市长寿区大数据应用发展管理局关于2020年法治政府建设情况的报告",
///        date: "2021-05-28", year: 2021, agency: "重庆市长寿区大数据应用发展管理局",
///        documentNumber: nil, sections: [12 sections], warnings: [], encoding: "UTF-8")
/// ```
public struct Report: Sendable {
    /// The report's own title (not the site name above it); the file name stem when none is found.
    public var title: String
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or `nil` when the file states no date.
    public var date: String?
    /// The year of ``date``.
    public var year: Int?
    /// The issuing agency: a labelled field (发布机构, 发文机关…), the `X关于…` title
    /// pattern, or the 来源 field, in that order of preference.
    public var agency: String?
    /// The document number, e.g. `长寿府办发〔2020〕59号`, when the report states its own.
    public var documentNumber: String?
    /// Sections in file order; concatenating their texts gives the body.
    public var sections: [Section]
    /// Decoding and parsing warnings, each naming the file.
    public var warnings: [String]
    /// The encoding the file was read in (`UTF-8`, `GB18030`, …).
    public var encoding: String

    public init(title: String, date: String? = nil, year: Int? = nil, agency: String? = nil, documentNumber: String? = nil,
                sections: [Section] = [], warnings: [String] = [], encoding: String = "UTF-8") {
        self.title = title
        self.date = date
        self.year = year
        self.agency = agency
        self.documentNumber = documentNumber
        self.sections = sections
        self.warnings = warnings
        self.encoding = encoding
    }

    /// The body: the sections' texts joined with `\n` (passages of one paragraph that was
    /// split mid-line are joined without a separator).
    public var body: String {
        var result = ""
        var previousEnd = -1
        for section in sections {
            if !result.isEmpty { result += (section.lineStart == previousEnd && section.passage > 1) ? "" : "\n" }
            result += section.text
            previousEnd = section.lineEnd
        }
        return result
    }
}
