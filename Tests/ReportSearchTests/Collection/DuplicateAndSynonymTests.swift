import Foundation
import Testing
@testable import ReportSearch

/// Reposted text collapses to one hit, stays right through incremental updates, and
/// abbreviations match their expansions — in one index, in shards and over remote shards.
@Suite struct DuplicateAndSynonymTests {
    static let opinion = "一、总体要求\n1. 指导思想。坚持以数据要素市场化配置改革为主线，统筹推进公共数据授权运营，加快培育数据要素市场，推动形成高效规范的数据流通体系。\n"
    static let reposted = "一、总体要求\n1.指导思想。坚持以数据要素市场化配置改革为主线，统筹推进公共数据授权运营，加快培育数据要素市场,推动形成高效规范的数据流通体系。\n"

    static let collapsing = SearchOptions(collapseDuplicates: true)

    /// a (2022) and b (2021) hold the same section in other punctuation; c is different.
    static func writeCorpus(_ dir: URL) throws {
        let files = [
            "central/a.txt": "关于数据要素市场的意见\n日期:2022-08-12\n\n" + opinion,
            "local/b.txt": "转发关于数据要素市场的意见的通知\n日期:2021-07-29\n\n" + reposted,
            "local/c.txt": "简政放权工作总结\n日期:2020-01-10\n\n一、主要工作\n深化简政放权，推进数据要素市场建设，取消行政许可事项12项。\n",
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    @Test(arguments: [
        ("1. 指导思想。坚持以数据要素市场化配置改革为主线统筹推进公共数据授权运营", "1.指导思想:坚持以数据要素市场化配置改革为主线,统筹推进公共数据授权运营", true),
        ("1. 指导思想。坚持以数据要素市场化配置改革为主线统筹推进公共数据授权运营", "1. 指导思想。坚持以数据要素市场化配置改革为主线统筹推进公共数据授权经营", false),
        ("一、总体要求", "一、总体要求", false),
    ])
    func groupKeyIgnoresPunctuationOnly(a: String, b: String, same: Bool) throws {
        let ka = DuplicateGroup.key(folded: NormalizedText.foldedScalars(a))
        let kb = DuplicateGroup.key(folded: NormalizedText.foldedScalars(b))
        if same { #expect(ka != nil && ka == kb) } else { #expect(ka == nil || ka != kb) }
    }

    @Test func repostsCollapseToTheEarliestCopyAndFollowUpdates() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)

        var results = try SearchEngine(indexPaths: [index]).search("指导思想", options: Self.collapsing)
        #expect(results.hits.map(\.record.path) == ["local/b.txt"])
        #expect(results.hits.first?.copies == ["central/a.txt"])
        let all = try SearchEngine(indexPaths: [index]).search("指导思想", options: SearchOptions(collapseDuplicates: false))
        #expect(all.hits.map(\.record.path).sorted() == ["central/a.txt", "local/b.txt"] && all.hits.allSatisfy { $0.copies == nil })
        let csv = HitListRenderer(format: .csv).render(results)
        #expect(csv.contains(",central/a.txt,"))

        // A filter that excludes a copy excludes it from the copies too.
        results = try SearchEngine(indexPaths: [index]).search("指导思想 year:2022", options: Self.collapsing)
        #expect(results.hits.map(\.record.path) == ["central/a.txt"] && results.hits.first?.copies == [])

        // The repost's second half is rewritten (beyond a near copy, NearDuplicateTests):
        // it leaves the group. Then it is deleted.
        let rewritten = Self.reposted.replacingOccurrences(of: "加快培育数据要素市场,推动形成高效规范的数据流通体系",
                                                           with: "建立公共数据资源目录和开放清单，按季度更新并向社会公布")
        try Data(("转发的通知\n日期:2021-07-29\n\n" + rewritten).utf8).write(to: corpus.appendingPathComponent("local/b.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        results = try SearchEngine(indexPaths: [index]).search("指导思想", options: Self.collapsing)
        #expect(results.hits.count == 2 && results.hits.allSatisfy { $0.copies == [] })
        try Data(Self.opinion.utf8).write(to: corpus.appendingPathComponent("local/b.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(try SearchEngine(indexPaths: [index]).search("指导思想", options: Self.collapsing).hits.first?.copies?.count == 1)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("central/a.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        results = try SearchEngine(indexPaths: [index]).search("指导思想", options: Self.collapsing)
        #expect(results.hits.map(\.record.path) == ["local/b.txt"] && results.hits.first?.copies == [])
    }

    @Test(arguments: [
        ("放管服\t简政放权|放管结合\n双减 减负\n", 2, "no TAB"),
        ("# c\n\n放管服\t简政放权||优化服务\n", 3, "empty"),
        ("放管服\t放管服\n", 1, "no expansion"),
    ])
    func malformedDictionaryLinesAreNamed(text: String, line: Int, reason: String) {
        let error = #expect(throws: SynonymDictionaryError.self) { try SynonymDictionary.parse(text, source: "d.tsv") }
        #expect(error?.localizedDescription.hasPrefix("d.tsv line \(line): ") == true)
        #expect(error?.localizedDescription.contains(reason) == true)
    }

    @Test func abbreviationsMatchTheirExpansionsButNotInQuotes() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        let dictionary = try SynonymDictionary.parse("放管服\t简政放权|放管结合\n", source: "d.tsv")
        try SynonymImport.run(dictionary, indexPath: index)
        #expect(try SynonymImport.stored(indexPath: index) == dictionary)

        let engine = try SearchEngine(indexPaths: [index])
        let results = try engine.search("放管服")
        #expect(Set(results.hits.map(\.record.path)) == ["local/c.txt"])
        #expect(results.synonyms == [AppliedSynonyms(term: "放管服", expansions: ["简政放权", "放管结合"])])
        #expect(HitListRenderer(format: .text).render(results).contains("放管服 also matched 简政放权, 放管结合\n"))
        #expect(try engine.search("\"放管服\"").hits.isEmpty)
        #expect(try engine.trend(["放管服"], by: .folder, per10k: false).counts == [[BucketCount(reports: 1, sections: 2)]])
    }

    @Test func shardsAndRemoteShardsAgree() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        for (path, text) in [("local/d.txt", "转发的通知\n日期:2023-01-01\n\n" + Self.opinion), ("central/e.txt", "放管服改革总结\n\n深化放管服改革，取消事项。\n")] {
            try Data(text.utf8).write(to: corpus.appendingPathComponent(path))
        }
        let single = dir.path + "/single", sharded = dir.path + "/sharded"
        _ = try Indexer.run(roots: [corpus], indexPath: single)
        _ = try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 3, jobs: 2))
        let dictionary = try SynonymDictionary.parse("放管服\t简政放权\n", source: "d.tsv")
        try SynonymImport.run(dictionary, indexPath: single)
        try SynonymImport.run(dictionary, indexPath: sharded)

        func answers(_ engine: SearchEngine) throws -> [String] {
            var out: [String] = []
            for query in ["指导思想", "放管服", "数据要素"] {
                let r = try engine.search(query, options: SearchOptions(collapseDuplicates: true, facets: true))
                out.append("\(query): \(r.hits.map { "\($0.record.path) \(($0.copies ?? []).joined(separator: ";"))" }) \(r.synonyms.map(\.description))")
                out.append(FacetRenderer.jsonLine(r))
                let t = try engine.trend([query], by: .year, per10k: true)
                out.append(TrendRenderer(format: .csv).render(t))
            }
            return out
        }
        let reference = try answers(try SearchEngine(indexPaths: [single]))
        #expect(reference[0].contains("local/b.txt central/a.txt;local/d.txt"))
        #expect(try answers(try SearchEngine(indexPaths: [sharded])) == reference)

        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let shards = (0..<3).map { sharded + "/" + IndexLayout.shardName($0) }
        let a = try LocalTCPServer(executable: tcpsrv, databases: Array(shards.prefix(2)))
        defer { a.stop() }
        let b = try LocalTCPServer(executable: tcpsrv, databases: [shards[2]])
        defer { b.stop() }
        let stub = dir.path + "/remote.stub"
        try "remote 127.0.0.1:\(a.port)\nremote 127.0.0.1:\(b.port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        let remote = try SearchEngine(indexPaths: [stub])
        #expect(remote.synonyms == dictionary)
        #expect(try answers(remote) == reference)
        #expect(throws: SynonymDictionaryError.self) { try SynonymImport.run(dictionary, indexPath: stub) }
    }
}
