import Foundation
import Testing
@testable import ReportSearch

@Suite struct IndexerTests {
    /// A copy of the project's corpus/ in a temporary folder, so tests may change it.
    func sectionCount(_ index: String) throws -> Int { try XapianDatabase(path: index).documentCount }

    @Test func incrementalRunsTouchOnlyWhatChanged() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        let first = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(first.filesIndexed == 22)
        // The example synonym dictionary is not a report: named, and not read again below.
        #expect(first.skipped.map(\.path) == ["synonyms/policy-abbreviations.tsv"])
        let sections = try sectionCount(index)
        #expect(sections == first.sectionsWritten)

        // Unchanged: nothing written (the database revision does not move).
        let revisionFiles = try FileManager.default.contentsOfDirectory(atPath: index).sorted()
        let mtime = try FileManager.default.attributesOfItem(atPath: index + "/postlist.glass")[.modificationDate] as? Date
        let second = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(!second.wroteAnything)
        #expect(second.filesUnchanged == 22)
        #expect(second.skipped.map(\.path) == ["synonyms/policy-abbreviations.tsv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: index).sorted() == revisionFiles)
        #expect(try FileManager.default.attributesOfItem(atPath: index + "/postlist.glass")[.modificationDate] as? Date == mtime)

        // Changed, deleted and renamed files.
        let notice = corpus.appendingPathComponent("baishui-market-2023-notice.txt")
        try (try String(contentsOf: notice, encoding: .utf8) + "\n新增一段关于萤火虫保护的说明。\n").write(to: notice, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("donghu-eco-2020-work-summary.md"))
        try FileManager.default.moveItem(at: corpus.appendingPathComponent("qingshan-justice-2021-fazhi-report.txt"),
                                         to: corpus.appendingPathComponent("renamed.txt"))
        let third = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(third.filesIndexed == 2)   // the changed file and the renamed one
        #expect(third.filesRemoved == 2)   // the deleted file and the old name
        let db = try XapianDatabase(path: index)
        #expect(try db.termFrequency(IndexSchema.filePrefix + "renamed.txt") > 0)
        #expect(try db.termFrequency(IndexSchema.filePrefix + "qingshan-justice-2021-fazhi-report.txt") == 0)
        #expect(try db.termFrequency(IndexSchema.filePrefix + "donghu-eco-2020-work-summary.md") == 0)

        let rebuilt = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(rebuild: true))
        #expect(rebuilt.filesIndexed == 21)
        #expect(try sectionCount(index) == rebuilt.sectionsWritten)
    }

    @Test func badFilesAreSkippedCountedAndNamed() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: corpus.appendingPathComponent(name)) }
        try write("good.txt", Array("一、总体要求\n加强法治政府建设。\n".utf8))
        try write("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 0, 0, 0, 0] + Array(repeating: 0, count: 200))
        try write("empty.txt", [])
        try write("big.txt", Array(repeating: 0x41, count: 2 << 20))
        try write("invalid.txt", Array("一、标题\n正文".utf8) + [0xFF] + Array("继续正文内容，这是有效文本。".utf8))
        try write(".hidden.txt", Array("隐藏".utf8))
        // The walker lists every file now (it used to skip unknown extensions), so the image is
        // counted and named in the summary as a file that is not a report.
        try write("picture.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52])
        // A symbolic-link loop must not hang the walk.
        try FileManager.default.createSymbolicLink(atPath: corpus.path + "/loop", withDestinationPath: corpus.path)
        let index = dir.path + "/index"
        let summary = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(maxFileBytes: 1 << 20))
        let reasons = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(summary.filesIndexed == 2)  // good.txt and invalid.txt (with a warning)
        #expect(reasons["binary.txt"] == "binary file")
        #expect(reasons["empty.txt"] == "empty file")
        #expect(reasons["big.txt"]?.hasPrefix("too large") == true)
        #expect(reasons["picture.png"] == "not a report format")
        #expect(summary.skipped.count == 4)
        #expect(summary.warnings.contains { $0.contains("invalid.txt") })
        #expect(summary.description.contains("skipped 4 files: 1 .png, binary.txt (binary file), empty.txt (empty file), big.txt (too large"))
        let engine = try SearchEngine(indexPaths: [index])
        #expect(try engine.search("隐藏").hits.isEmpty)
        #expect(try engine.search("继续正文").hits.count == 1)
    }

    @Test func aHeldLockStopsASecondWriterAtOnce() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        let holder = try XapianWritableDatabase(path: index)
        #expect(throws: IndexingError.locked(index: index)) { try Indexer.run(roots: [corpus], indexPath: index) }
        // Readers still answer from the last commit while the writer holds the lock.
        #expect(try SearchEngine(indexPaths: [index]).search("合法性审查").hits.count > 0)
        try holder.close()
        #expect(IndexingError.locked(index: index).localizedDescription.contains("another process is updating"))
    }

    @Test func aCorruptIndexIsReportedNotCrashed() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        for table in ["iamglass", "postlist.glass", "docdata.glass", "termlist.glass"] {
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: index + "/" + table))
        }
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [corpus], indexPath: index) }
        #expect(throws: IndexOpenError.self) { try SearchEngine(indexPaths: [index]) }
        #expect(throws: IndexOpenError.self) { try SearchEngine(indexPaths: [dir.path + "/none"]) }
    }

    @Test func sectionRecordRoundTrips() throws {
        let record = SectionRecord(path: "a/b.txt", title: "标题", date: "2020-01-02", agency: "某局", documentNumber: "某发〔2020〕1号",
                                   sectionPath: SectionPath(["一、总体", "（一）细则"]), level: 2, lineStart: 3, lineEnd: 900,
                                   passage: 1, text: String(repeating: "正文\n", count: 300))
        let bytes = record.encoded()
        #expect(SectionRecord(decoding: bytes) == record)
        let text = bytes.withUnsafeBytes { SectionRecord.textBytes(in: $0).map { String(decoding: $0, as: UTF8.self) } }
        #expect(text == record.text)
        #expect(SectionRecord(decoding: bytes.prefix(10)) == nil)
    }

    /// Starts the real CLI (the one built with these tests) indexing `corpus` (a commit
    /// every 300 sections), waits until `once` holds, then kills it without warning.
    func killIndexRun(_ corpus: URL, index: String, jobs: Int, once: () -> Bool) throws {
        let process = Process()
        process.executableURL = try TestPaths.reportSearchCLI()
        process.arguments = ["index", corpus.path, "--index", index, "--batch-sections", "300", "--jobs", String(jobs), "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && !once() { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    /// kill -9 of the real CLI mid-run (one writer): the index opens, passes xapian-check, holds exactly
    /// the last commit (every file recorded as done has all its sections, no others), and
    /// the next run finishes the job.
    @Test(.requiresShared("corpus/gov-reports"))
    func killDashNineLeavesTheLastCommit() throws {
        let gov = TestPaths.shared("corpus/gov-reports")
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        try killIndexRun(gov, index: index, jobs: 1, once: {
            ((try? XapianDatabase(path: index).documentCount) ?? 0) >= 900
        })

        #expect(try XapianDatabase.check(path: index) == 0)
        let db = try XapianDatabase(path: index)
        let done = try db.terms(withPrefix: IndexSchema.filePrefix)
        var expected = 0
        for file in done {
            let path = String(file.term.dropFirst())
            let state = String(decoding: try db.metadata(IndexSchema.fileStateKeyPrefix + path), as: UTF8.self)
            let sections = Int(state.split(separator: " ").last ?? "") ?? -1
            #expect(sections == Int(file.count), "\(path): state says \(sections), index has \(file.count)")
            expected += Int(file.count)
        }
        #expect(try db.documentCount == expected)
        #expect(expected > 0)
        // The character totals of trend --per-10k were committed with the sections they count.
        let totals = try #require(try CharacterTotals.stored(in: db))
        #expect(totals.fingerprint == (try CharacterTotals.Fingerprint.of(db)))
        #expect(totals.buckets == (try CharacterTotals.counted(in: db, matching: try .matchAll())).buckets)

        let resumed = try Indexer.run(roots: [gov], indexPath: index)
        #expect(resumed.filesUnchanged == done.count)
        let complete = try XapianDatabase(path: index)
        #expect(try complete.terms(withPrefix: IndexSchema.filePrefix).count == resumed.filesSeen - resumed.skipped.count)
    }

    /// All index terms with their frequencies, and the stored file states.
    func contents(_ path: String) throws -> (terms: [String: Int], states: [String: String]) {
        let db = try XapianDatabase(path: path)
        var terms: [String: Int] = [:]
        for t in try db.terms(withPrefix: "") { terms[t.term] = Int(t.count) }
        var states: [String: String] = [:]
        for t in try db.terms(withPrefix: IndexSchema.filePrefix) {
            let file = String(t.term.dropFirst())
            states[file] = String(decoding: try db.metadata(IndexSchema.fileStateKeyPrefix + file), as: UTF8.self)
        }
        return (terms, states)
    }

    /// A first build on two writers merged by compaction holds exactly what one writer
    /// writes, leaves no staging folder, and later runs update the merged index in place.
    @Test func parallelFirstBuildEqualsOneWriter() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let one = dir.path + "/one", two = dir.path + "/two"
        _ = try Indexer.run(roots: [corpus], indexPath: one, options: IndexOptions(jobs: 1))
        let summary = try Indexer.run(roots: [corpus], indexPath: two, options: IndexOptions(jobs: 2))
        #expect(summary.filesIndexed == 22)
        #expect(!FileManager.default.fileExists(atPath: StagedBuild.stagingPath(two)))
        #expect(FileManager.default.fileExists(atPath: two + "/iamglass"))
        #expect(try XapianDatabase.check(path: two) == 0)
        let (a, b) = (try contents(one), try contents(two))
        #expect(a.terms == b.terms)
        #expect(a.states == b.states)
        #expect(try sectionCount(one) == sectionCount(two))

        let again = try Indexer.run(roots: [corpus], indexPath: two, options: IndexOptions(jobs: 2))
        #expect(!again.wroteAnything && again.filesUnchanged == 22)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("donghu-eco-2020-work-summary.md"))
        let third = try Indexer.run(roots: [corpus], indexPath: two, options: IndexOptions(jobs: 2))
        #expect(third.filesRemoved == 1 && third.filesIndexed == 0)
    }

    /// kill -9 during a parallel first build: the index opens empty and passes
    /// xapian-check, the staged shards keep their commits, and the next run resumes them.
    @Test(.requiresShared("corpus/gov-reports"))
    func killedParallelBuildResumesFromItsShards() throws {
        let gov = TestPaths.shared("corpus/gov-reports")
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        let staging = StagedBuild.stagingPath(index)
        let shards = (0..<2).map { staging + "/" + IndexLayout.shardName($0) }
        // The staging stub is written after the shards; poll the shards themselves.
        try killIndexRun(gov, index: index, jobs: 2, once: {
            shards.reduce(0) { $0 + ((try? XapianDatabase(path: $1).documentCount) ?? 0) } >= 900
        })

        #expect(try XapianDatabase.check(path: index) == 0)
        #expect(try sectionCount(index) == 0)
        var committed = 0
        for path in shards {
            #expect(try XapianDatabase.check(path: path) == 0)
            committed += try XapianDatabase(path: path).terms(withPrefix: IndexSchema.filePrefix).count
        }
        #expect(committed > 0)

        let resumed = try Indexer.run(roots: [gov], indexPath: index, options: IndexOptions(jobs: 2))
        #expect(resumed.filesUnchanged == committed)
        #expect(!FileManager.default.fileExists(atPath: staging))
        let complete = try XapianDatabase(path: index)
        #expect(try complete.terms(withPrefix: IndexSchema.filePrefix).count == resumed.filesSeen - resumed.skipped.count)
    }
}
