import Foundation
import Testing
@testable import ReportSearch

/// Search over shards answers like one index (issue 20, item 14): the same sections in the
/// same order with the same scores, for one-character queries too, over local shards and
/// over `xapian-tcpsrv`.
@Suite struct ShardedSearchTests {
    static let oneCharacter = ["税", "年", "法", "政", "的", "审", "数"]
    static let others = ["数字 OR 监管", "法治政府", "\"经济发展\" -疫情"]

    static func rows(_ engine: SearchEngine, _ query: String, perDocument: Int) throws -> [CompleteRankingTests.Row] {
        CompleteRankingTests.rows(try engine.search(query, options: SearchOptions(limit: 30, perDocument: perDocument)).hits)
    }

    static func expectSame(_ reference: SearchEngine, _ other: SearchEngine, _ label: String) throws {
        for query in oneCharacter + others {
            for perDocument in [0, 3] {
                let a = try rows(reference, query, perDocument: perDocument), b = try rows(other, query, perDocument: perDocument)
                #expect(a == b, "\(label): \(query) per-doc \(perDocument)")
            }
        }
    }

    static func check(corpus: URL, shardCounts: [Int]) throws {
        let dir = try TemporaryDirectory()
        let single = dir.path + "/single"
        _ = try Indexer.run(roots: [corpus], indexPath: single)
        let reference = try SearchEngine(indexPaths: [single])
        var four = ""
        for shards in shardCounts {
            let path = dir.path + "/shards-\(shards)"
            _ = try Indexer.run(roots: [corpus], indexPath: path, options: IndexOptions(shards: shards, jobs: 2))
            try expectSame(reference, try SearchEngine(indexPaths: [path]), "\(shards) local shards")
            four = path
        }
        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let servers = try (0..<4).map { try LocalTCPServer(executable: tcpsrv, database: four + "/" + IndexLayout.shardName($0)) }
        defer { servers.forEach { $0.stop() } }
        let stub = dir.path + "/remote.stub"
        try servers.map { "remote 127.0.0.1:\($0.port)\n" }.joined().write(toFile: stub, atomically: true, encoding: .utf8)
        try expectSame(reference, try SearchEngine(indexPaths: [stub]), "4 remote shards")
    }

    @Test func oneCharacterQueriesAnswerLikeOneIndexOnTheSampleCorpus() throws {
        try Self.check(corpus: TestPaths.corpus, shardCounts: [2, 4])
    }

    @Test(.requiresShared("corpus/gov-reports"))
    func oneCharacterQueriesAnswerLikeOneIndexOnGovReports() throws {
        try Self.check(corpus: TestPaths.shared("corpus/gov-reports"), shardCounts: [4])
    }
}
