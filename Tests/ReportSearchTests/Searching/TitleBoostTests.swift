import Foundation
import Testing
@testable import ReportSearch

/// A title's words weigh for every section of its report, though only the first section
/// carries the title's terms (``TitleBoost``).
@Suite struct TitleBoostTests {
    /// Two reports with the same paragraph in their third section; only one has the
    /// query's words in its title.
    static func corpus(_ dir: borrowing TemporaryDirectory) throws -> URL {
        let corpus = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let paragraph = "推进生活垃圾分类，新增可回收物回收点120个，居民投放准确率达到85%。"
        for (name, title) in [("a.txt", "东湖区关于2024年垃圾分类工作情况的报告"), ("b.txt", "西湖区关于2024年城市管理工作情况的报告")] {
            try """
            \(title)
            日期:2025-01-10

            2024年，全区上下认真落实市委、市政府部署，各项工作取得新进展。
            一、总体情况
            全年完成各项目标任务，群众满意度持续提高。
            二、主要做法
            \(paragraph)
            三、下一步打算
            继续抓好各项工作落实。
            """.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return corpus
    }

    @Test func aTitleWordLiftsEverySectionOfItsReport() throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [try Self.corpus(dir)], indexPath: index)
        let database = try XapianDatabase(path: index)
        // The title's terms are on one section per report; the bare T counts the reports.
        #expect(try database.termFrequency(IndexSchema.titlePrefix + "垃圾") == 1)
        #expect(try database.termFrequency(IndexSchema.titlePrefix) == 2)
        let hits = try SearchEngine(indexPaths: [index]).search("垃圾分类", options: SearchOptions(perDocument: 0)).hits
        // The same paragraph ranks higher in the report about it, though it is not that
        // report's first section (which holds the title line, and ranks too).
        let paragraphs = hits.filter { $0.record.sectionPath.last == "二、主要做法" }
        #expect(paragraphs.map(\.record.path) == ["a.txt", "b.txt"])
        #expect(paragraphs[0].score > paragraphs[1].score)
        #expect(hits.first?.record.path == "a.txt")
        // title: filters by the same lookup.
        let filtered = try SearchEngine(indexPaths: [index]).search("title:垃圾分类 落实", options: SearchOptions(perDocument: 0)).hits
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.record.path == "a.txt" })
    }

    /// An index whose first sections carry no section count (written before counts were
    /// stored) finds each report's sections by file instead, with the same scores.
    @Test func withoutSectionCountsTheFileFindsTheReport() throws {
        let dir = try TemporaryDirectory()
        let corpus = try Self.corpus(dir)
        let index = dir.path + "/index", legacy = dir.path + "/legacy"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        // The same documents without the count slot.
        let writer = try XapianWritableDatabase(path: legacy, mode: .createOrOpen)
        let builder = SectionDocumentBuilder()
        for name in ["a.txt", "b.txt"] {
            let report = try ReportParser.read(fileAt: corpus.appendingPathComponent(name), relativePath: name, maxBytes: 1 << 20)
            let titleTerms = SectionDocumentBuilder.titleTermCount(report)
            for section in report.sections {
                var prepared = builder.prepare(report: report, section: section, path: name, titleTerms: titleTerms)
                prepared.values.removeAll { $0.0 == IndexSchema.sectionCountSlot }
                _ = try writer.add(try prepared.xapianDocument())
            }
        }
        let source = try XapianDatabase(path: index)
        for key in [IndexSchema.formatKey, IndexSchema.rootsKey] { try writer.setMetadata(key, try source.metadata(key)) }
        try writer.commit()
        try writer.close()
        for query in ["垃圾分类", "工作 情况", "东湖区", "垃"] {
            let a = try SearchEngine(indexPaths: [index]).search(query, options: SearchOptions(perDocument: 0)).hits
            let b = try SearchEngine(indexPaths: [legacy]).search(query, options: SearchOptions(perDocument: 0)).hits
            #expect(CompleteRankingTests.rows(a) == CompleteRankingTests.rows(b), "\(query)")
        }
    }
}
