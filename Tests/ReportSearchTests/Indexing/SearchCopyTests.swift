import Foundation
import Testing
@testable import ReportSearch

/// `report-search publish`: a compacted copy without the termlist, searched like the index.
@Suite struct SearchCopyTests {
    let queries = ["合法性审查", "\"法治政府\" -乡村", "税", "营商环境 数字政府", "经济发展 OR 生态环境", "5G", "規範行政復議"]

    func answers(_ engine: SearchEngine, _ query: String) throws -> [String] {
        try engine.search(query, options: SearchOptions(limit: 30, perDocument: 0, collapseDuplicates: true)).hits
            .map { "\($0.record.key) \(String(format: "%.9f", $0.score)) \($0.snippets) \($0.copies ?? [])" }
    }

    func termlistFiles(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("termlist.") }
    }

    @Test func aCopyOfShardsAnswersLikeOneIndexWithoutItsTermlist() throws {
        let dir = try TemporaryDirectory()
        let single = dir.path + "/single", sharded = dir.path + "/sharded", copy = dir.path + "/published/copy"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: single, options: IndexOptions(jobs: 1))
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: sharded, options: IndexOptions(shards: 3, jobs: 2))
        #expect(try !termlistFiles(single).isEmpty)

        let summary = try SearchCopy.publish(from: sharded, to: copy)
        #expect(summary.sections == (try XapianDatabase(path: single).documentCount))
        #expect(try termlistFiles(copy).isEmpty)
        #expect(summary.bytes < IndexStatistics.bytesOnDisk(of: single))
        #expect(!FileManager.default.fileExists(atPath: copy + ".publishing"))
        #expect(SearchCopy.isSearchCopy(copy) && !SearchCopy.isSearchCopy(single) && !SearchCopy.isSearchCopy(sharded))

        let reference = try SearchEngine(indexPaths: [single]), published = try SearchEngine(indexPaths: [copy])
        for q in queries { #expect(try answers(published, q) == answers(reference, q), "\(q)") }
        // The three shards' character totals are summed (compaction keeps the first one's).
        let totals = try CharacterTotals.stored(in: try XapianDatabase(path: copy))
        let singleTotals = try CharacterTotals.stored(in: try XapianDatabase(path: single))
        #expect(totals != nil && totals == singleTotals)
        let stats = try IndexStatistics(indexPath: copy)
        #expect(stats.publishedFrom?.source == IndexTarget.absolute(sharded))
        #expect(stats.description.contains("search copy:    of \(IndexTarget.absolute(sharded))"))
    }

    @Test func writersRefuseACopyAndPublishingAgainReplacesIt() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index", copy = dir.path + "/copy"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        _ = try SearchCopy.publish(from: index, to: copy)

        for rebuild in [false, true] {
            let error = #expect(throws: IndexingError.self) {
                try Indexer.run(roots: [corpus], indexPath: copy, options: IndexOptions(rebuild: rebuild))
            }
            #expect(error == .searchCopy(index: copy, source: index))
        }
        #expect(throws: IndexingError.searchCopy(index: copy, source: index)) {
            try SynonymImport.run(try SynonymDictionary.parse("一网通办\t政务服务一网通办", source: "t"), indexPath: copy)
        }
        #expect(try termlistFiles(copy).isEmpty)

        // The index changes; the copy shows it only once published again.
        let phrase = "柳溪区试行首席数据官制度"
        try "一、数据治理\n\(phrase)，统筹全区公共数据。\n".write(to: corpus.appendingPathComponent("liuxi-data-2024.txt"),
                                                          atomically: true, encoding: .utf8)
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        let before = try SearchEngine(indexPaths: [copy])
        #expect(try before.search("\"\(phrase)\"").hits.isEmpty)
        _ = try SearchCopy.publish(from: index, to: copy)
        #expect(try SearchEngine(indexPaths: [copy]).search("\"\(phrase)\"").hits.map(\.record.path) == ["liuxi-data-2024.txt"])
        // A search that had the old copy open still reads it whole (its files stay open).
        #expect(try before.search("合法性审查").hits.count > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["copy", "corpus", "index"])
    }

    @Test func publishesToOneFolderAtOnceTakeTurns() async throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index", copy = dir.path + "/copy"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index)
        let sections = try XapianDatabase(path: index).documentCount
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 { group.addTask { try SearchCopy.publish(from: index, to: copy).sections } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [sections, sections, sections])
        #expect(try XapianDatabase(path: copy).documentCount == sections)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["copy", "index"])
    }

    @Test func publishRefusesWhatItMustNotOverwrite() throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index", copy = dir.path + "/copy", other = dir.path + "/other"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index)
        #expect(throws: IndexingError.publishOverSource(index: index, destination: index)) {
            try SearchCopy.publish(from: index, to: index)
        }
        #expect(throws: IndexingError.publishOverSource(index: index, destination: index + "/copy")) {
            try SearchCopy.publish(from: index, to: index + "/copy")
        }
        // A folder holding anything but a copy is left alone: it may be another index, or not one.
        _ = try Indexer.run(roots: [TestPaths.corpus.appendingPathComponent("formats")], indexPath: other)
        #expect(throws: IndexingError.publishOverOther(destination: other)) { try SearchCopy.publish(from: index, to: other) }
        #expect(try !termlistFiles(other).isEmpty)
        _ = try SearchCopy.publish(from: index, to: copy)
        #expect(throws: IndexingError.publishCopy(index: copy)) { try SearchCopy.publish(from: copy, to: dir.path + "/again") }
        #expect(throws: IndexOpenError.self) { try SearchCopy.publish(from: dir.path + "/missing", to: dir.path + "/x") }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/x"))
        // An empty folder (made ahead, say with the right owner) is a fine destination.
        try FileManager.default.createDirectory(atPath: dir.path + "/empty", withIntermediateDirectories: false)
        #expect(try SearchCopy.publish(from: index, to: dir.path + "/empty").sections > 0)
    }
}
