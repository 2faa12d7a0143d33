import Foundation
import Testing
@testable import ReportSearch

/// Faults at search time fail with a message naming the index or shard (issue 20: item 18,
/// the damaged database, raw Xapian messages).
@Suite struct SearchFailureTests {
    /// A remote shard that dies between two searches of a batch: without allowPartial the
    /// error names it; with allowPartial the others answer and it is listed once.
    @Test func aRemoteShardThatDiesMidBatchIsNamedOrLeftOut() throws {
        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let dir = try TemporaryDirectory()
        let sharded = dir.path + "/sharded"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: sharded, options: IndexOptions(shards: 2, jobs: 1))
        for allowPartial in [false, true] {
            let a = try LocalTCPServer(executable: tcpsrv, database: sharded + "/shard-00")
            defer { a.stop() }
            let b = try LocalTCPServer(executable: tcpsrv, database: sharded + "/shard-01")
            let stub = dir.path + "/remote-\(allowPartial).stub"
            try "remote 127.0.0.1:\(a.port)\nremote 127.0.0.1:\(b.port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
            let engine = try SearchEngine(indexPaths: [stub], allowPartial: allowPartial, remoteTimeoutMilliseconds: 2_000)
            let before = try engine.search("法治").hits
            #expect(!before.isEmpty)
            b.stop()
            if allowPartial {
                let after = try engine.search("法治").hits
                #expect(!after.isEmpty && after.count <= before.count)
                #expect(engine.missingShards.count == 1)
                #expect(engine.missingShards.first?.contains("remote 127.0.0.1:\(b.port)") == true)
                _ = try engine.search("政府")
                #expect(engine.missingShards.count == 1, "named once")
            } else {
                let error = #expect(throws: SearchError.self) { try engine.search("法治") }
                #expect(error?.localizedDescription.contains("remote 127.0.0.1:\(b.port)") == true)
                #expect(error?.localizedDescription.contains("--allow-partial") == true)
            }
        }
    }

    /// 4 KB of garbage inside postlist.glass: xapian-check calls it corrupt, and a search
    /// must fail saying so, never answer as if the index were whole.
    @Test func aDamagedDatabaseFailsWithARebuildMessage() throws {
        let dir = try TemporaryDirectory()
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [TestPaths.corpus], indexPath: index)
        let postlist = index + "/postlist.glass"
        let handle = try #require(FileHandle(forUpdatingAtPath: postlist))
        var random = SplitMix(seed: 20)
        try handle.seek(toOffset: 8192)
        try handle.write(contentsOf: Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
        try handle.close()
        do {
            let engine = try SearchEngine(indexPaths: [index])
            for query in ["法治", "税", "数字 OR 监管", "year:2021"] { _ = try engine.search(query) }
            Issue.record("searching a damaged index succeeded")
        } catch let error as SearchError {
            guard case .damaged = error else { Issue.record("not reported as damaged: \(error)"); return }
            #expect(error.localizedDescription.contains("is damaged") && error.localizedDescription.contains("--rebuild"))
        } catch let error as IndexOpenError {
            // Damage Xapian notices while opening.
            #expect(error.localizedDescription.contains("--rebuild"))
        }
    }

    @Test func anEmptyStubSaysItListsNothing() throws {
        let dir = try TemporaryDirectory()
        let stub = try dir.file(named: "empty.stub", bytes: Array("# nothing yet\n".utf8))
        let error = #expect(throws: SearchError.self) { try SearchEngine(indexPaths: [stub.path]) }
        #expect(error?.localizedDescription.contains("lists no database") == true)
        #expect(error?.localizedDescription.contains("uninitialised") == false)
    }
}

/// Query messages say what is wrong (issue 20, messages), and a seeded fuzz run over the
/// query parser and the report parser never traps.
@Suite struct QueryMessageTests {
    @Test(arguments: ["，。！", "-", "*", "\"\""])
    func nothingSearchableSaysSo(query: String) {
        let error = #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(query) }
        #expect(error?.message.contains("nothing to search for") == true, "\(query)")
        #expect(error?.message.contains("OR and parentheses") == false, "\(query)")
    }

    @Test func fullWidthYearsWorkAndBadDatesAreRefused() throws {
        #expect(try QueryParser.parse("year:２０２１") == .year(2021...2021))
        #expect(try QueryParser.parse("年份：２０１９．．２０２１") == .year(2019...2021))
        for bad in ["date:2020-02-30", "date:2021-13", "date:2021-01-01..2020-01-01", "year:2021..2019"] {
            let error = #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(bad) }
            #expect(error?.message.contains(bad.hasPrefix("date:2021-13") ? "calendar" : bad.contains("..") ? "reversed" : "calendar") == true, "\(bad)")
        }
        #expect(try QueryParser.parse("date:2020-02-29") == .date("2020-02-29", "2020-02-29"))
    }

    @Test func controlCharactersNeverReachTheOutput() throws {
        let text = "标题\n\n一、总体\n法治\u{1B}[31m政府\u{07}建设\u{9B}2J成效\u{202E}显著。\t第二句法治政府。\n"
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: corpus.appendingPathComponent("esc.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: dir.path + "/index")
        let results = try SearchEngine(indexPaths: [dir.path + "/index"]).search("法治")
        #expect(!results.hits.isEmpty)
        for format in HitListRenderer.Format.allCases {
            let out = HitListRenderer(format: format).render(results)
            let bad = out.unicodeScalars.filter { Snippet.isUnsafe($0) }
            #expect(bad.isEmpty, "\(format): \(bad.map { String($0.value, radix: 16) })")
        }
        #expect(Snippet.displayable("a\u{1B}b\tc\nd") == "a\u{FFFD}b\tc\nd")
    }
}

@Suite struct FuzzTests {
    static let alphabet: [Unicode.Scalar] = Array("税法治政府年数字监管\"“”()（）-－:：OR或 title:year:date:path:..２０２１\t\n，。！*\\".unicodeScalars)

    static func randomText(_ random: inout SplitMix, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            if random.next() % 3 == 0 {
                // Any scalar, surrogates excluded.
                let value = UInt32(truncatingIfNeeded: random.next() % 0x110000)
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            } else {
                scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
        }
        return String(scalars)
    }

    /// Random Unicode and query syntax for about two seconds: the parser returns a query or
    /// throws QuerySyntaxError, nothing else, and never traps.
    @Test func queryParserNeverTraps() {
        var random = SplitMix(seed: 2020)
        let deadline = ContinuousClock.now + .seconds(2)
        var runs = 0
        while ContinuousClock.now < deadline {
            let input = Self.randomText(&random, length: Int(random.next() % 40))
            do { _ = try QueryParser.parse(input) } catch is QuerySyntaxError {} catch {
                Issue.record("\(input.debugDescription): \(error)")
            }
            runs += 1
        }
        #expect(runs > 100)
    }

    /// Random text with heading-like lines: the section parser never traps and every
    /// section's lines lie within the text.
    @Test func reportParserNeverTraps() throws {
        var random = SplitMix(seed: 19)
        let headings = ["一、", "（一）", "1.", "（1）", "第一章 ", "第二条 ", "# ", "二、", "附件", "三、"]
        let deadline = ContinuousClock.now + .seconds(2)
        var runs = 0
        while ContinuousClock.now < deadline {
            var lines: [String] = []
            for _ in 0..<Int(random.next() % 30) {
                let head = random.next() % 2 == 0 ? headings[Int(random.next() % UInt64(headings.count))] : ""
                lines.append(head + Self.randomText(&random, length: Int(random.next() % 30)))
            }
            let text = lines.joined(separator: random.next() % 4 == 0 ? "\r\n" : "\n")
            let report = ReportParser.parse(text, format: random.next() % 2 == 0 ? .text : .markdown, path: "fuzz.txt")
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            for section in report.sections {
                #expect(section.lineStart >= 1 && section.lineStart <= section.lineEnd && section.lineEnd <= max(lineCount, 1),
                        "\(text.debugDescription)")
            }
            runs += 1
        }
        #expect(runs > 10)
    }
}
