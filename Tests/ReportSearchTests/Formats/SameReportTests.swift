import Foundation
import Testing
@testable import ReportSearch

/// One report as txt, pdf, docx (styled and not), doc and ofd reads the same: title,
/// date, section paths, and phrases that cross a line wrap in the PDF/OFD find the same
/// section in every format.
@Suite struct SameReportTests {
    @Test(arguments: FormatFixtures.copies.dropFirst())
    func titleDateAndSectionPathsMatchTheText(_ name: String) throws {
        let text = try FormatFixtures.report(FormatFixtures.copies[0])
        let other = try FormatFixtures.report(name)
        #expect(other.title == "柳溪区审计局关于2024年度区级预算执行和其他财政收支审计工作情况的报告")
        #expect(other.title == text.title)
        #expect(other.date == text.date && text.date == "2025-02-18")
        #expect(other.agency == text.agency)
        #expect(other.sections.map(\.path.joined) == text.sections.map(\.path.joined))
        #expect(!other.body.contains("审计工作报告\n"), "the running header is dropped")
    }

    @Test(arguments: ["liuxi-audit-2024-work-report.pdf", "liuxi-audit-2024-work-report.ofd"])
    func paginatedFormatsKnowTheFirstPageOfEverySection(_ name: String) throws {
        let report = try FormatFixtures.report(name)
        let pages = report.sections.map { $0.page ?? 0 }
        #expect(pages.allSatisfy { $0 >= 1 })
        #expect(pages == pages.sorted())
        #expect(pages.last ?? 0 >= 2)   // three pages; the last section starts on page 2 or 3
        #expect(try FormatFixtures.report(FormatFixtures.copies[0]).sections.allSatisfy { $0.page == nil })
    }

    /// Phrases that the PDF wraps over two lines (and one over a page break).
    static let phrases = ["银杏书屋建设资金", "三项专项审计", "共计430万元资金", "被采纳109条", "得到充分发挥"]

    @Test func quotedPhrasesAcrossLineWrapsFindTheSameSectionInEveryFormat() throws {
        let dir = try TemporaryDirectory()
        let root = dir.url.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in FormatFixtures.copies {
            try FileManager.default.copyItem(at: FormatFixtures.url(name), to: root.appendingPathComponent(name))
        }
        let summary = try Indexer.run(roots: [root], indexPath: dir.path + "/index")
        #expect(summary.filesIndexed == FormatFixtures.copies.count && summary.skipped.isEmpty)
        let engine = try SearchEngine(indexPaths: [dir.path + "/index"])
        for phrase in Self.phrases {
            let hits = try engine.search("\"\(phrase)\"", options: SearchOptions(limit: 100, perDocument: 0)).hits
            let sectionsByFile = Dictionary(grouping: hits, by: \.record.path).mapValues { $0.map(\.record.sectionPath.joined) }
            #expect(sectionsByFile.count == FormatFixtures.copies.count, "\(phrase): \(sectionsByFile.keys.sorted())")
            #expect(Set(sectionsByFile.values.map { $0 }).count == 1, "\(phrase): \(sectionsByFile)")
        }
    }
}
