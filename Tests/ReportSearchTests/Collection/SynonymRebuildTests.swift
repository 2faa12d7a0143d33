import Foundation
import Testing
@testable import ReportSearch

/// `index --rebuild` writes a new database; the synonym dictionary imported into the old
/// one goes with it, in every layout a rebuild can write.
@Suite struct SynonymRebuildTests {
    static let dictionary = "放管服\t简政放权|放管结合\n双减\t减轻学生负担\n"

    /// (first build, rebuild): one writer; two parts merged; shards, then another count.
    static let layouts: [(IndexOptions, IndexOptions)] = [
        (IndexOptions(jobs: 1), IndexOptions(rebuild: true, jobs: 1)),
        (IndexOptions(jobs: 2), IndexOptions(rebuild: true, jobs: 2)),
        (IndexOptions(shards: 3, jobs: 2), IndexOptions(rebuild: true, shards: 2, jobs: 2)),
    ]

    @Test(arguments: 0..<layouts.count)
    func aRebuildKeepsTheDictionary(layout: Int) throws {
        let (first, rebuild) = Self.layouts[layout]
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try DuplicateAndSynonymTests.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: first)
        try SynonymImport.run(try SynonymDictionary.parse(Self.dictionary, source: "d.tsv"), indexPath: index)
        let imported = try SynonymImport.stored(indexPath: index)
        #expect(imported.entries.count == 2)

        let summary = try Indexer.run(roots: [corpus], indexPath: index, options: rebuild)
        #expect(summary.filesIndexed == 3 && summary.warnings.isEmpty)
        #expect(try SynonymImport.stored(indexPath: index) == imported)
        // Every database of the index holds the table, not only the metadata copy.
        let specs = try ShardSpec.parse(indexPath: index)
        #expect(specs.count == (rebuild.shards ?? 1))
        for spec in specs {
            #expect(try spec.open(timeoutMilliseconds: 1_000).synonyms(of: "放管服") == ["放管结合", "简政放权"], "\(spec.label)")
        }
        let results = try SearchEngine(indexPaths: [index]).search("放管服")
        #expect(results.synonyms == [AppliedSynonyms(term: "放管服", expansions: ["简政放权", "放管结合"])])
        #expect(Set(results.hits.map(\.record.path)) == ["local/c.txt"])
    }

    /// A rebuild of a damaged index cannot read its dictionary: it says so, and what to do.
    @Test func aRebuildOfADamagedIndexSaysTheDictionaryIsLost() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try DuplicateAndSynonymTests.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        try SynonymImport.run(try SynonymDictionary.parse(Self.dictionary, source: "d.tsv"), indexPath: index)
        for table in ["postlist.glass", "synonym.glass"] {
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: index + "/" + table))
        }
        let summary = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(rebuild: true))
        #expect(summary.filesIndexed == 3)
        #expect(summary.warnings.contains { $0.contains("synonym dictionary") && $0.contains("synonyms import") })
        #expect(try SynonymImport.stored(indexPath: index).entries.isEmpty)
    }
}
