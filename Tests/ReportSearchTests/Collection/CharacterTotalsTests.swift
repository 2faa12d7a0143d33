import Foundation
import Testing
@testable import ReportSearch

/// The character totals behind `trend --per-10k` (``CharacterTotals``), stored by the
/// writer, against a brute-force count: every file parsed again, its sections' characters
/// summed by hand per year, agency and folder. Through first builds, updates, rebuilds,
/// shards and remote shards; an index without them is counted as before.
@Suite struct CharacterTotalsTests {
    /// Characters per bucket of each dimension over the parsed files under `corpus`.
    static func bruteForce(_ corpus: URL) throws -> [FacetDimension: [String: Int]] {
        var result: [FacetDimension: [String: Int]] = [:]
        for file in try CorpusWalker.files(under: corpus) {
            guard let report = try? ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20)
            else { continue }
            let date = report.date ?? ""
            let year = date.count >= 4 && date.prefix(4).allSatisfy({ ("0"..."9").contains($0) })
                ? String(date.prefix(4)) : FacetDimension.unknown
            let agency = (report.agency ?? "").isEmpty ? FacetDimension.unknown : report.agency!
            let folder = file.relativePath.contains("/") ? String(file.relativePath.split(separator: "/")[0]) : "."
            guard !report.sections.isEmpty else { continue }
            let characters = report.sections.reduce(0) { $0 + $1.text.unicodeScalars.count }
            for (dimension, bucket) in [(FacetDimension.year, year), (.agency, agency), (.folder, folder)] {
                result[dimension, default: [:]][bucket, default: 0] += characters
            }
        }
        return result
    }

    /// The totals the engine reads without a scan; nil when it would scan.
    static func stored(_ engine: SearchEngine) throws -> CharacterTotals? {
        try engine.databases.withDatabase { try engine.storedCharacterTotals(describing: $0) }
    }

    /// Stored totals (when `stored`) and the trend's characters equal the brute force.
    static func expectTotals(_ indexPaths: [String], corpus: URL, stored expectStored: Bool = true,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try bruteForce(corpus)
        let engine = try SearchEngine(indexPaths: indexPaths)
        let totals = try stored(engine)
        #expect((totals != nil) == expectStored, "stored totals used", sourceLocation: sourceLocation)
        for dimension in FacetDimension.allCases {
            if let totals {
                #expect(totals.characters(by: dimension) == expected[dimension] ?? [:], "stored, by \(dimension)",
                        sourceLocation: sourceLocation)
            }
            let trend = try engine.trend(["法治政府"], by: dimension, per10k: true)
            #expect(trend.characters == expected[dimension] ?? [:], "trend, by \(dimension)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [1, 2])
    func aFirstBuildStoresWhatAScanCounts(jobs: Int) throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index, options: IndexOptions(jobs: jobs))
        try Self.expectTotals([index], corpus: TestPaths.corpus)
        // The scan the totals replace counts the same.
        let database = try XapianDatabase(path: index)
        let scanned = try CharacterTotals.counted(in: database, matching: try .matchAll())
        let stored = try #require(try CharacterTotals.stored(in: database))
        #expect(stored.buckets == scanned.buckets)
        #expect(stored.fingerprint == (try CharacterTotals.Fingerprint.of(database)))
    }

    /// Edited, moved to another year, deleted and new files; then a rebuild.
    @Test(arguments: [1, 2])
    func totalsFollowUpdatesAndRebuilds(jobs: Int) throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        let options = IndexOptions(jobs: jobs)
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: options)

        let summary = corpus.appendingPathComponent("donghu-eco-2020-work-summary.md")
        try (try String(contentsOf: summary, encoding: .utf8) + "\n## 五、补充说明\n\n推进法治政府建设，完善合法性审查机制。\n")
            .write(to: summary, atomically: true, encoding: .utf8)
        let report = corpus.appendingPathComponent("qingshan-justice-2021-fazhi-report.txt")
        try (try String(contentsOf: report, encoding: .utf8)).replacingOccurrences(of: "2021", with: "2019")
            .write(to: report, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("baishui-market-2023-notice.txt"))
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("新增"), withIntermediateDirectories: true)
        try "临河县司法局2024年法治政府建设工作报告\n日期:2024-02-01\n\n一、主要成效\n法治政府建设稳步推进。\n"
            .write(to: corpus.appendingPathComponent("新增/linhe-2024.txt"), atomically: true, encoding: .utf8)
        let update = try Indexer.run(roots: [corpus], indexPath: index, options: options)
        #expect(update.filesIndexed == 3 && update.filesRemoved == 1)
        try Self.expectTotals([index], corpus: corpus)

        var rebuild = options
        rebuild.rebuild = true
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: rebuild)
        try Self.expectTotals([index], corpus: corpus)
    }

    /// Each shard keeps its own totals and a search adds them up, over local shards and
    /// over one `xapian-tcpsrv` per shard. A server that combines two shards answers
    /// metadata from the first only: the sum then does not describe the index and the
    /// trend counts every section instead, with the same result.
    @Test func shardsAndRemoteShardsAddTheirTotals() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let sharded = dir.path + "/sharded"
        _ = try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 3, jobs: 2))
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("luming-transport-2020-work-summary-bom-crlf.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: sharded)
        try Self.expectTotals([sharded], corpus: corpus)
        let shards = (0..<3).map { sharded + "/" + IndexLayout.shardName($0) }
        for shard in shards {
            let database = try XapianDatabase(path: shard)
            #expect(try CharacterTotals.stored(in: database)?.fingerprint == (try CharacterTotals.Fingerprint.of(database)))
        }

        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let servers = try shards.map { try LocalTCPServer(executable: tcpsrv, database: $0) }
        defer { servers.forEach { $0.stop() } }
        let stub = dir.path + "/remote.stub"
        try servers.map { "remote 127.0.0.1:\($0.port)\n" }.joined().write(toFile: stub, atomically: true, encoding: .utf8)
        try Self.expectTotals([stub], corpus: corpus)

        let combined = try LocalTCPServer(executable: tcpsrv, databases: Array(shards.prefix(2)))
        defer { combined.stop() }
        let mixed = dir.path + "/combined.stub"
        try "remote 127.0.0.1:\(combined.port)\nglass \(shards[2])\n".write(toFile: mixed, atomically: true, encoding: .utf8)
        try Self.expectTotals([mixed], corpus: corpus, stored: false)
    }

    /// An index written before the totals were kept (or by a commit that left them out)
    /// is counted by the trend; the next `index` run, with nothing else to do, stores them.
    @Test func anIndexWithoutTotalsIsCountedUntilTheNextRunStoresThem() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        let documents = try XapianDatabase(path: index).documentCount

        var writer = try XapianWritableDatabase(path: index)
        try writer.setMetadata(IndexSchema.charactersKey, [])
        try writer.close()
        try Self.expectTotals([index], corpus: corpus, stored: false)
        var again = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(!again.wroteAnything && again.filesUnchanged == 22)
        #expect(try XapianDatabase(path: index).documentCount == documents)
        try Self.expectTotals([index], corpus: corpus)

        // Totals that describe another state of the database are not used either.
        let database = try XapianDatabase(path: index)
        let stored = try #require(try CharacterTotals.stored(in: database))
        var fingerprint = try CharacterTotals.Fingerprint.of(database)
        fingerprint.documents += 1
        writer = try XapianWritableDatabase(path: index)
        try writer.setMetadata(IndexSchema.charactersKey, stored.encoded(describing: fingerprint))
        try writer.close()
        try Self.expectTotals([index], corpus: corpus, stored: false)
        again = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(!again.wroteAnything)
        try Self.expectTotals([index], corpus: corpus)
    }

    @Test(.requiresShared("corpus/gov-reports")) func storedTotalsEqualABruteForceCountOfGovReports() throws {
        try Self.expectTotals([try SharedIndexes.gov()], corpus: TestPaths.shared("corpus/gov-reports"))
    }
}
