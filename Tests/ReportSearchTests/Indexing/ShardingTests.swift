import Foundation
import Testing
@testable import ReportSearch

@Suite struct ShardingTests {
    let queries = ["合法性审查", "\"法治政府\" -乡村", "税", "营商环境 数字政府", "经济发展 OR 生态环境", "审查合法性", "5G"]

    /// (key, score) sorted by score then key: equal scores may come in another docid order.
    func answers(_ engine: SearchEngine, _ query: String) throws -> [(String, Double)] {
        try engine.search(query, options: SearchOptions(limit: 30, perDocument: 0)).hits
            .map { ($0.record.key, $0.score) }
            .sorted { abs($0.1 - $1.1) > 1e-9 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    func expectSame(_ a: SearchEngine, _ b: SearchEngine) throws {
        for q in queries {
            let x = try answers(a, q), y = try answers(b, q)
            #expect(x.map(\.0) == y.map(\.0), "\(q)")
            #expect(zip(x, y).allSatisfy { abs($0.1 - $1.1) < 1e-9 }, "\(q)")
        }
    }

    @Test func shardsLocalAndRemoteAnswerLikeOneIndex() throws {
        let dir = try TemporaryDirectory()
        let corpus = TestPaths.corpus
        let single = dir.path + "/single", sharded = dir.path + "/sharded"
        _ = try Indexer.run(roots: [corpus], indexPath: single)
        let summary = try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 4, jobs: 2))
        #expect(summary.filesIndexed == 22)   // 16 text files, 6 in corpus/formats (the scan is skipped)
        #expect(try String(contentsOfFile: sharded + "/XAPIANDB", encoding: .utf8) == "glass shard-00\nglass shard-01\nglass shard-02\nglass shard-03\n")
        let counts = try (0..<4).map { try XapianDatabase(path: sharded + "/" + IndexLayout.shardName($0)).documentCount }
        #expect(counts.reduce(0, +) == summary.sectionsWritten && counts.filter { $0 > 0 }.count >= 3)
        #expect(!(try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 4))).wroteAnything)
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 2)) }

        let reference = try SearchEngine(indexPaths: [single])
        try expectSame(reference, try SearchEngine(indexPaths: [sharded]))
        try expectSame(reference, try SearchEngine(indexPaths: (0..<4).map { sharded + "/" + IndexLayout.shardName($0) }))

        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let a = try LocalTCPServer(executable: tcpsrv, databases: [sharded + "/shard-00", sharded + "/shard-01"])
        defer { a.stop() }
        let b = try LocalTCPServer(executable: tcpsrv, databases: [sharded + "/shard-02", sharded + "/shard-03"])
        defer { b.stop() }
        let stub = dir.path + "/remote.stub"
        try "remote 127.0.0.1:\(a.port)\nremote 127.0.0.1:\(b.port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        try expectSame(reference, try SearchEngine(indexPaths: [stub]))

        // A shard that is down: an error naming it, or with allowPartial the others answer.
        let broken = dir.path + "/broken.stub"
        try "remote 127.0.0.1:\(a.port)\nremote 127.0.0.1:1\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let error = #expect(throws: IndexOpenError.self) { try SearchEngine(indexPaths: [broken], remoteTimeoutMilliseconds: 2_000) }
        #expect(error?.localizedDescription.contains("remote 127.0.0.1:1") == true)
        let partial = try SearchEngine(indexPaths: [broken], allowPartial: true, remoteTimeoutMilliseconds: 2_000)
        #expect(partial.missingShards.count == 1)
        #expect(!(try partial.search("法治").hits.isEmpty))
    }

    @Test func shardChoiceIsStable() {
        #expect(ShardedIndex.shard(of: "gov-reports/nat-gwr-2019.txt", count: 4) == ShardedIndex.shard(of: "gov-reports/nat-gwr-2019.txt", count: 4))
        let spread = Set((0..<200).map { ShardedIndex.shard(of: "dir/file-\($0).txt", count: 4) })
        #expect(spread == [0, 1, 2, 3])
    }
}
