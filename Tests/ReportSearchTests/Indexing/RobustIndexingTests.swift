import Foundation
import Testing
@testable import ReportSearch

/// Issue 20, indexing side: no run loses a report, writes another layout, or crashes.
@Suite struct RobustIndexingTests {
    func report(_ folder: URL, _ name: String, _ body: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("一、总则\n\(body)\n".utf8).write(to: folder.appendingPathComponent(name))
    }

    func paths(_ index: String) throws -> Set<String> {
        Set(try XapianDatabase(path: index).terms(withPrefix: IndexSchema.filePrefix).map { String($0.term.dropFirst()) })
    }

    // Item 1: a sharded index given no --shards keeps its shards; another count is refused.
    @Test func aShardedIndexKeepsItsLayout() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/X"
        let first = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 2, jobs: 2))
        let middle = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 2))
        #expect(!middle.wroteAnything && middle.filesUnchanged == 22)
        #expect(!FileManager.default.fileExists(atPath: index + "/" + IndexLayout.databaseMarker))
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 1)) }
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 3)) }
        let last = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 2))
        #expect(!last.wroteAnything && last.filesRemoved == 0)
        #expect(try XapianDatabase(path: index).documentCount == first.sectionsWritten)

        // One database given --shards: refused with its own advice (not "--rebuild").
        let single = dir.path + "/single"
        _ = try Indexer.run(roots: [corpus], indexPath: single, options: IndexOptions(jobs: 1))
        do {
            _ = try Indexer.run(roots: [corpus], indexPath: single, options: IndexOptions(shards: 2))
            Issue.record("a database was written as shards")
        } catch let error as IndexingError {
            #expect(error.localizedDescription.contains("one database, not shards"))
            #expect(!error.localizedDescription.contains("--rebuild"))
        }
    }

    // Item 2: a stub naming a missing shard is refused, naming it; nothing is created.
    @Test func aMissingShardIsNamedNotCreated() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/X"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 2, jobs: 2))
        try FileManager.default.removeItem(atPath: index + "/shard-01")
        #expect(throws: IndexingError.missingShard(index: index, shard: "shard-01")) {
            try Indexer.run(roots: [corpus], indexPath: index)
        }
        #expect(!FileManager.default.fileExists(atPath: index + "/shard-01"))
        // A stub file listing a missing database is refused the same way.
        let stub = dir.path + "/all.stub"
        try "glass \(index)/shard-00\nglass \(dir.path)/gone\n".write(toFile: stub, atomically: true, encoding: .utf8)
        #expect(throws: IndexingError.missingShard(index: stub, shard: "\(dir.path)/gone")) {
            try Indexer.run(roots: [corpus], indexPath: stub)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/gone"))
    }

    // Item 3: two roots with the same file names (and the same folder name) keep both, stably.
    @Test func twoRootsWithTheSameNamesKeepBoth() throws {
        let dir = try TemporaryDirectory()
        let a = dir.url.appendingPathComponent("a/reports"), b = dir.url.appendingPathComponent("b/reports")
        try report(a, "a.txt", "甲方案关于预算。")
        try report(b, "a.txt", "乙方案关于审计。")
        let index = dir.path + "/index"
        let first = try Indexer.run(roots: [a, b], indexPath: index, options: IndexOptions(jobs: 1))
        #expect(first.filesIndexed == 2)
        #expect(try paths(index) == ["reports/a.txt", "reports-2/a.txt"])
        let again = try Indexer.run(roots: [a, b], indexPath: index)
        #expect(!again.wroteAnything)
        #expect(try SearchEngine(indexPaths: [index]).search("方案").hits.count == 2)
    }

    // Item 4: a folder that cannot be listed keeps its files and is named in a warning.
    @Test func anUnreadableFolderKeepsItsFiles() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try report(corpus, "top.txt", "顶层报告。")
        try report(corpus.appendingPathComponent("secret"), "inner.txt", "内层报告。")
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let locked: CorpusWalker.ListFolder = { path in
            if path.hasSuffix("/secret") { throw CorpusWalker.FolderError(reason: "Permission denied") }
            return try CorpusWalker.listFolder(path)
        }
        let run = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(), listFolder: locked, progress: nil)
        #expect(run.filesRemoved == 0 && run.filesUnreadable == 1)
        #expect(run.warnings.contains { $0.contains("secret") && $0.contains("Permission denied") })
        #expect(run.description.contains("1 kept unread"))
        #expect(try paths(index) == ["top.txt", "secret/inner.txt"])
        // The whole root unreadable: nothing removed either.
        let none: CorpusWalker.ListFolder = { _ in throw CorpusWalker.FolderError(reason: "Permission denied") }
        let blind = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(), listFolder: none, progress: nil)
        #expect(blind.filesRemoved == 0 && blind.filesUnreadable == 2)
        #expect(try paths(index).count == 2)
    }

    // Item 7: a second folder is added, not swapped in; --only drops the others.
    @Test func theIndexRemembersItsFolders() throws {
        let dir = try TemporaryDirectory()
        let r2020 = dir.url.appendingPathComponent("reports-2020"), r2019 = dir.url.appendingPathComponent("reports-2019")
        try report(r2020, "x.txt", "二〇二〇年报告内容。")
        try report(r2019, "x.txt", "二〇一九年报告内容。")
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [r2020], indexPath: index, options: IndexOptions(jobs: 1))
        let added = try Indexer.run(roots: [r2019], indexPath: index)
        #expect(added.filesRemoved == 0 && added.filesIndexed == 1)
        #expect(try paths(index) == ["x.txt", "reports-2019/x.txt"])
        #expect(try IndexStatistics(indexPath: index).roots.count == 2)
        // A file gone from one folder is removed; the other folder is untouched.
        try FileManager.default.removeItem(at: r2019.appendingPathComponent("x.txt"))
        try report(r2019, "y.txt", "新报告。")
        let updated = try Indexer.run(roots: [r2019], indexPath: index)
        #expect(updated.filesRemoved == 1)
        #expect(try paths(index) == ["x.txt", "reports-2019/y.txt"])
        let only = try Indexer.run(roots: [r2019], indexPath: index, options: IndexOptions(only: true))
        #expect(only.filesRemoved == 1)
        #expect(try paths(index) == ["reports-2019/y.txt"])
    }

    // Item 7: an edit that puts back the size and mtime is still seen (ctime, inode).
    @Test func anEditKeepingSizeAndMtimeIsSeen() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try report(corpus, "x.txt", "原来的内容甲。")
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let file = corpus.appendingPathComponent("x.txt")
        let mtime = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
        let handle = try FileHandle(forWritingTo: file)   // same inode, same size
        try handle.seek(toOffset: UInt64("一、总则\n原来的内容".utf8.count))
        try handle.write(contentsOf: Data("乙".utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: file.path)
        let run = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(run.filesIndexed == 1)
        #expect(try SearchEngine(indexPaths: [index]).search("内容乙").hits.count == 1)
        // A state written before ctime and inode were stored still compares on size and mtime.
        let old = try #require(FileState(decoding: "12 345 3"))
        #expect(old.matches(CorpusFile(url: file, relativePath: "x.txt", size: 12, modificationTime: 345, changeTime: 9, inode: 9)))
        #expect(!old.matches(CorpusFile(url: file, relativePath: "x.txt", size: 12, modificationTime: 346)))
    }

    // Item 10: a stub including itself through another is an error, not a SIGSEGV.
    @Test func stubCyclesAreReported() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        try "auto B.stub\n".write(toFile: dir.path + "/A.stub", atomically: true, encoding: .utf8)
        try "auto A.stub\n".write(toFile: dir.path + "/B.stub", atomically: true, encoding: .utf8)
        let a = dir.path + "/A.stub"
        #expect(throws: IndexOpenError.stubCycle(stub: a, through: dir.path + "/B.stub")) {
            try Indexer.run(roots: [corpus], indexPath: a)
        }
        #expect(throws: IndexOpenError.self) { try SearchEngine(indexPaths: [a]) }
        try "auto self.stub\n".write(toFile: dir.path + "/self.stub", atomically: true, encoding: .utf8)
        #expect(throws: IndexOpenError.self) { try ShardSpec.parse(indexPath: dir.path + "/self.stub") }
        #expect(IndexOpenError.stubCycle(stub: a, through: "B").localizedDescription.contains("includes itself through B"))
    }

    // Item 11: 4 KB overwritten inside postlist.glass: a clear "damaged" error, also when
    // the corpus is unchanged (Xapian would not read the bad block), and --rebuild repairs.
    @Test(arguments: [0, 4096, 65536, 8192 * 70])
    func aDamagedPostlistIsReported(offset: Int) throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let table = try FileHandle(forWritingTo: URL(fileURLWithPath: index + "/postlist.glass"))
        try table.seek(toOffset: UInt64(offset))
        try table.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try table.close()
        do {
            _ = try Indexer.run(roots: [corpus], indexPath: index)
            Issue.record("a damaged index was updated")
        } catch let error as IndexingError {
            guard case .damaged = error else { Issue.record("\(error)"); return }
            #expect(error.localizedDescription.contains("--rebuild"))
        }
        let rebuilt = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(rebuild: true, jobs: 1))
        #expect(rebuilt.filesIndexed == 22)
        #expect(try XapianDatabase.check(path: index) == 0)
    }

    // Xapian 1.4.22's check reads out of bounds on some damaged termlist blocks (a crash,
    // depending on the heap, once seen on gov-reports): it runs in a child process, and
    // either way the run reports damage instead of crashing or updating. Also after a run
    // that stamped the files as sound: the overwrite changes their ctime.
    @Test(arguments: [0, 4096])
    func aDamagedTermlistIsReported(offset: Int) throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 1))
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(jobs: 1))
        let table = try FileHandle(forWritingTo: URL(fileURLWithPath: index + "/termlist.glass"))
        try table.seek(toOffset: UInt64(offset))
        try table.write(contentsOf: Data(repeating: 0x5A, count: 51))
        try table.close()
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [corpus], indexPath: index) }
    }

    // Messages: an index path that is a file is named as such (not "run with --rebuild").
    @Test func anIndexPathThatIsAFile() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        try "not an index".write(toFile: dir.path + "/file", atomically: true, encoding: .utf8)
        #expect(throws: IndexingError.notAFolder(index: dir.path + "/file")) {
            try Indexer.run(roots: [corpus], indexPath: dir.path + "/file")
        }
    }

    // Memory: a large report is written a chunk of sections at a time, with the same result.
    @Test func largeReportsAreWrittenInChunksWithTheSameResult() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        var line = "一、总则"
        for i in 0..<18_000 { line += "第\(i)项工作关于预算审查和法治政府建设的安排已经完成。" }
        try report(corpus, "one-line.txt", line)
        var small = IndexOptions(jobs: 1)
        small.largeReportBytes = 1_000
        let chunked = try Indexer.run(roots: [corpus], indexPath: dir.path + "/chunked", options: small)
        let whole = try Indexer.run(roots: [corpus], indexPath: dir.path + "/whole", options: IndexOptions(jobs: 1))
        #expect(chunked.sectionsWritten > 256 && chunked.sectionsWritten == whole.sectionsWritten)
        let a = try SearchEngine(indexPaths: [dir.path + "/chunked"]).search("预算审查", options: { var o = SearchOptions(); o.limit = 20; o.perDocument = 0; return o }())
        let b = try SearchEngine(indexPaths: [dir.path + "/whole"]).search("预算审查", options: { var o = SearchOptions(); o.limit = 20; o.perDocument = 0; return o }())
        #expect(a.hits.map(\.record) == b.hits.map(\.record))
        #expect(!(try Indexer.run(roots: [corpus], indexPath: dir.path + "/chunked", options: small)).wroteAnything)
    }

    // Messages: a damaged shard asks to rebuild the index, not the shard; a folder that
    // cannot be created says so.
    @Test func damagedShardsAndUncreatableFolders() throws {
        let dir = try TemporaryDirectory()
        let corpus = try dir.copyOfCorpus()
        let index = dir.path + "/X"
        _ = try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(shards: 2, jobs: 2))
        let table = try FileHandle(forWritingTo: URL(fileURLWithPath: index + "/shard-01/postlist.glass"))
        try table.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try table.close()
        do {
            _ = try Indexer.run(roots: [corpus], indexPath: index)
            Issue.record("a damaged shard was updated")
        } catch IndexingError.damaged(let reported, let reason) {
            #expect(reported == index && reason.hasPrefix("shard-01: "))
        }
        #expect(try Indexer.run(roots: [corpus], indexPath: index, options: IndexOptions(rebuild: true)).filesIndexed == 22)
        // /proc takes no new folders, even from root.
        #expect(throws: IndexingError.self) {
            do { _ = try Indexer.run(roots: [corpus], indexPath: "/proc/rs-no-such-folder/index") } catch let error as IndexingError {
                guard case .cannotCreate = error else { throw CancellationError() }
                #expect(error.localizedDescription.contains("give --index a folder you can write to"))
                throw error
            }
        }
    }

    // Messages: FIFOs and links to devices are named as "not a regular file" and never read.
    @Test func specialFilesAreNamedNotRead() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try report(corpus, "a.txt", "正文内容。")
        #expect(mkfifo(corpus.path + "/pipe.txt", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: corpus.path + "/zero.txt", withDestinationPath: "/dev/zero")
        let summary = try Indexer.run(roots: [corpus], indexPath: dir.path + "/index", options: IndexOptions(jobs: 1))
        let reasons = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["pipe.txt"] == "not a regular file (a FIFO)")
        #expect(reasons["zero.txt"] == "not a regular file (a device)")
        #expect(summary.filesIndexed == 1)
        #expect(throws: IndexingError.self) {
            try Indexer.run(roots: [corpus.appendingPathComponent("pipe.txt")], indexPath: dir.path + "/other")
        }
    }

    // Item 6: text nested deeper than libxml2's default 256 levels is indexed.
    @Test func deeplyNestedHTMLKeepsItsText() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let html = "<html><body>" + String(repeating: "<div>", count: 300) + "<h1>一、总体要求</h1><p>深层嵌套的段落内容。</p>"
            + String(repeating: "</div>", count: 300) + "</body></html>"
        try Data(html.utf8).write(to: corpus.appendingPathComponent("deep.html"))
        let summary = try Indexer.run(roots: [corpus], indexPath: dir.path + "/index", options: IndexOptions(jobs: 1))
        #expect(summary.sectionsWritten >= 1)
        #expect(try SearchEngine(indexPaths: [dir.path + "/index"]).search("深层嵌套").hits.count == 1)
    }
}

/// The CLI side: relative paths and `export -o` into what is there.
@Suite struct IndexAndExportCommandTests {
    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = try TestPaths.reportSearchCLI()
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = ["PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func aBareRelativeIndexPathWorks() throws {
        let dir = try TemporaryDirectory()
        let r = try run(["index", TestPaths.corpus.path, "--index", "idx", "--jobs", "1", "--quiet"], in: dir.path)
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/idx/" + IndexLayout.databaseMarker))
        let s = try run(["search", "合法性审查", "--index", "idx", "--format", "csv"], in: dir.path)
        #expect(s.status == 0 && s.out.contains("合法性审查"))
    }

    @Test func exportWritesIntoWhatIsThere() throws {
        let dir = try TemporaryDirectory()
        let fm = FileManager.default
        _ = try run(["index", TestPaths.corpus.path, "--index", "idx", "--jobs", "1", "--quiet"], in: dir.path)
        func export(_ path: String) throws -> (status: Int32, out: String, err: String) {
            try run(["export", "合法性审查", "--index", "idx", "-o", path], in: dir.path)
        }
        // A symbolic link stays a link, and its target gets the CSV.
        try "old".write(toFile: dir.path + "/target.csv", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: dir.path + "/link.csv", withDestinationPath: "target.csv")
        #expect(try export("link.csv").status == 0)
        #expect(try fm.destinationOfSymbolicLink(atPath: dir.path + "/link.csv") == "target.csv")
        #expect(try String(contentsOfFile: dir.path + "/target.csv", encoding: .utf8).contains("rank,score,path"))
        // A hard link stays linked; mode 600 stays 600.
        try "old".write(toFile: dir.path + "/private.csv", atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.path + "/private.csv")
        try fm.linkItem(atPath: dir.path + "/private.csv", toPath: dir.path + "/hard.csv")
        #expect(try export("private.csv").status == 0)
        #expect(try String(contentsOfFile: dir.path + "/hard.csv", encoding: .utf8).contains("rank,score,path"))
        #expect(try fm.attributesOfItem(atPath: dir.path + "/private.csv")[.posixPermissions] as? Int == 0o600)
        // A FIFO's reader gets the CSV.
        #expect(mkfifo(dir.path + "/pipe.csv", 0o644) == 0)
        let received = ReceivedBytes()
        let fifo = dir.path + "/pipe.csv"
        let reader = Thread {
            var bytes = Data()
            let fd = open(fifo, O_RDONLY)   // blocks until export opens it for writing
            if fd >= 0 {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n <= 0 { break }
                    bytes.append(contentsOf: buffer[0..<n])
                }
                close(fd)
            }
            received.set(bytes)
        }
        reader.start()
        #expect(try export("pipe.csv").status == 0)
        // A FIFO replaced by a file leaves the reader waiting: give up after 30 s, not hang.
        #expect(received.wait(seconds: 30), "the FIFO's reader got nothing")
        #expect(String(decoding: received.data, as: UTF8.self).contains("rank,score,path"))
        // A full device: an error naming the path and the reason, exit 1, and /dev/full stays a device.
        let full = try export("/dev/full")
        #expect(full.status == 1)
        #expect(full.err.contains("cannot write /dev/full: No space left on device"))
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }
}

/// Bytes handed over from a reader thread.
private final class ReceivedBytes: @unchecked Sendable {  // the semaphore orders set before read
    private(set) var data = Data()
    private let done = DispatchSemaphore(value: 0)
    func set(_ bytes: Data) { data = bytes; done.signal() }
    func wait(seconds: Int) -> Bool { done.wait(timeout: .now() + .seconds(seconds)) == .success }
}
