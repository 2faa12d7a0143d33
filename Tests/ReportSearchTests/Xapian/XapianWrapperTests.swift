import Foundation
import Synchronization
import Testing
@testable import ReportSearch

@Suite struct XapianWrapperTests {
    /// Indexes `texts` as bigram documents (with positions) and returns the path.
    func makeIndex(in dir: borrowing TemporaryDirectory, _ texts: [String], name: String = "db") throws -> String {
        let path = dir.path + "/" + name
        let db = try XapianWritableDatabase(path: path, mode: .createOrOverwrite)
        for (i, text) in texts.enumerated() {
            let doc = try XapianDocument()
            for token in Tokenizer().tokens(in: text) {
                try doc.addPosting(token.term, position: UInt32(token.position + 1))
            }
            try doc.addBooleanTerm("Q\(i)")
            try doc.addBooleanTerm(i % 2 == 0 ? "Keven" : "Kodd")
            try doc.addValue(0, Array(String(format: "%04d", 2018 + i).utf8))
            try doc.addValue(1, Array("doc\(i / 2)".utf8))
            try doc.setData(Array(text.utf8))
            try db.add(doc)
        }
        try db.setMetadata("corpus", Array("测试".utf8))
        try db.commit()
        try db.close()
        return path
    }

    func phrase(_ text: String) throws -> XapianQuery {
        let tokens = Tokenizer().tokens(in: text).filter { $0.kind == .bigram }
        return try XapianQuery(.phrase, tokens.map { try XapianQuery(term: $0.term, position: UInt32($0.position + 1)) })
    }

    func ids(_ db: XapianDatabase, _ query: XapianQuery, configure: (XapianEnquire) throws -> Void = { _ in }) throws -> [UInt32] {
        let enquire = try XapianEnquire(db)
        try enquire.setQuery(query)
        try configure(enquire)
        let mset = try enquire.matches(limit: 100)
        return try (0..<mset.count).map { try mset.documentID(at: $0) }
    }

    let texts = [
        "部署完成。署流异常。流程结束",   // 1: has all bigrams of 部署流程, but not the phrase
        "加强部署流程管理",               // 2: the phrase
        "法治政府建设年度报告",           // 3
        "经济发展和法治政府",             // 4
    ]

    @Test func chineseIndexAndSearchThroughWrapper() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        #expect(try db.documentCount == 4)
        #expect(try ids(db, phrase("部署流程")) == [2])
        let and = try XapianQuery(.and, ["部署", "署流", "流程"].map { try XapianQuery(term: $0) })
        #expect(Set(try ids(db, and)) == [1, 2])
        #expect(Set(try ids(db, phrase("法治政府"))) == [3, 4])
        #expect(try db.termFrequency("政府") == 2)
        #expect(try db.termFrequency("政策") == 0)
        #expect(try db.terms(withPrefix: "法") == [XapianTermCount(term: "法治", count: 2)])
        #expect(try db.terms(withPrefix: "K").map(\.term) == ["Keven", "Kodd"])
        #expect(String(decoding: try db.metadata("corpus"), as: UTF8.self) == "测试")
        #expect(try db.metadata("missing").isEmpty)
        #expect(String(decoding: try db.document(3).data(), as: UTF8.self) == texts[2])
        let missing = #expect(throws: XapianError.self) { try db.document(99) }
        #expect(missing?.kind == .notFound)
    }

    /// The consistency check runs in a forked child, which inherits every descriptor of the
    /// process; the child must not keep another database's writer lock alive: a writer that
    /// closes while a check runs can open its database again at once.
    @Test(.requiresShared("corpus/gov-reports"))
    func aCheckInAChildDoesNotHoldOtherWritersLocks() throws {
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, ["法治政府建设"])
        let big = try SharedIndexes.gov()
        for _ in 0..<5 {
            var writer: XapianWritableDatabase? = try XapianWritableDatabase(path: path, mode: .createOrOpen)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                _ = try? XapianDatabase.check(path: big)
                done.signal()
            }
            usleep(50_000)  // the child is running gov-reports' check (about 0.3 s)
            try writer?.close()
            writer = nil
            #expect(throws: Never.self) { try XapianWritableDatabase(path: path, mode: .createOrOpen).close() }
            done.wait()
        }
    }

    /// Xapian 1.4 counts references to a query's internals without atomics, so copying its
    /// global `Query::MatchAll` on several threads at once loses counts and frees it under
    /// a running match (a crash in `Query::get_length`, seen in parallel shard writers
    /// counting character totals). Every match-all query is a fresh one.
    @Test func matchAllQueriesOnManyThreadsAtOnce() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, ["法治政府建设", "营商环境"]))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 {
                guard let query = try? XapianQuery.matchAll(), (try? XapianQuery(.and, [query, query])) != nil else {
                    failures.withLock { $0 += 1 }
                    return
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let enquire = try XapianEnquire(db)
        try enquire.setQuery(try .matchAll())
        #expect(try enquire.matches(limit: 10).count == 2)
    }

    @Test func operatorsAndScaling() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        let fazhi = try XapianQuery(term: "法治")
        let jingji = try XapianQuery(term: "经济")
        #expect(Set(try ids(db, XapianQuery(.or, [fazhi, try XapianQuery(term: "流程")]))) == [1, 2, 3, 4])
        #expect(try ids(db, XapianQuery(.andNot, [fazhi, jingji])) == [3])
        #expect(try ids(db, XapianQuery(.filter, [fazhi, try XapianQuery(term: "Kodd")])) == [4])
        // AND_MAYBE: the optional part only reorders; scaled by 0 it stops doing even that.
        #expect(try ids(db, XapianQuery(.andMaybe, [fazhi, jingji])) == [4, 3])
        #expect(try ids(db, XapianQuery(.andMaybe, [fazhi, try jingji.scaled(by: 0)])).count == 2)
        #expect(Set(try ids(db, XapianQuery(wildcard: "法"))) == [3, 4])
        #expect(try ids(db, XapianQuery(wildcard: "无")).isEmpty)
        #expect(try XapianQuery.matchAll().description == "Query(<alldocuments>)")
        #expect(try ids(db, XapianQuery.matchAll()).count == 4)
        #expect(try XapianQuery.matchNothing().description == "Query()")
        #expect(try ids(db, XapianQuery.matchNothing()).isEmpty)
        #expect(try phrase("法治政府").description.contains("PHRASE 3"))
    }

    @Test func valuesRangesSortAndCollapse() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        let all = try XapianQuery.matchAll()
        let range = try XapianQuery(valueSlot: 0, from: Array("2019".utf8), to: Array("2020".utf8))
        #expect(try ids(db, XapianQuery(.filter, [all, range])) == [2, 3])
        let openHigh = try XapianQuery(valueSlot: 0, from: Array("2020".utf8), to: nil)
        #expect(Set(try ids(db, XapianQuery(.filter, [all, openHigh]))) == [3, 4])
        let openLow = try XapianQuery(valueSlot: 0, from: nil, to: Array("2018".utf8))
        #expect(try ids(db, XapianQuery(.filter, [all, openLow])) == [1])
        #expect(try ids(db, all) { try $0.setSort(.valueThenRelevance(slot: 0, descending: true)) } == [4, 3, 2, 1])
        // Every weight is 0 under MatchAll, so the value decides the order.
        #expect(try ids(db, all) { try $0.setSort(.relevanceThenValue(slot: 0, descending: true)) } == [4, 3, 2, 1])
        #expect(try ids(db, all) { try $0.setSort(.relevanceThenValue(slot: 0, descending: false)) } == [1, 2, 3, 4])
        // Collapse on slot 1 (two documents per value): one per value survives.
        #expect(try ids(db, all) { try $0.setCollapseKey(slot: 1, max: 1) }.count == 2)
        #expect(try ids(db, all) { try $0.setCollapseKey(slot: 1, max: 2) }.count == 4)
        let enquire = try XapianEnquire(db)
        try enquire.setQuery(try XapianQuery(term: "政府"))
        try enquire.setWeighting(.init(k1: 1.2, b: 0.75))
        let mset = try enquire.matches(limit: 1)
        #expect(mset.count == 1)
        #expect(mset.estimatedMatches == 2)
        #expect(try mset.weight(at: 0) > 0)
        #expect(String(decoding: try mset.value(at: 0, slot: 0), as: UTF8.self).hasPrefix("20"))
        #expect(try mset.value(at: 0, slot: 7).isEmpty)
        let beyond = #expect(throws: XapianError.self) { try mset.documentID(at: 5) }
        #expect(beyond?.kind == .invalidArgument)
        #expect(try enquire.matches(offset: 1, limit: 10).count == 1)
    }

    @Test func matchDeciderSeesDataAndFilters() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        let enquire = try XapianEnquire(db)
        try enquire.setQuery(try XapianQuery(.and, ["部署", "署流", "流程"].map { try XapianQuery(term: $0) }))
        var seen: [UInt32] = []
        let mset = try enquire.matches(limit: 10) { id, data in
            seen.append(id)
            return String(decoding: data, as: UTF8.self).contains("部署流程")
        }
        #expect(Set(seen) == [1, 2])
        #expect(try (0..<mset.count).map { try mset.documentID(at: $0) } == [2])
        #expect(try enquire.matches(limit: 10) { _, _ in false }.count == 0)
    }

    @Test func dataRoundTripsByteForByte() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/bytes"
        let bytes: [UInt8] = [0, 1, 0xFF, 0xFE, 0x80, 0, 0xE6, 0xB3, 0x95, 0xC0, 0]
        let db = try XapianWritableDatabase(path: path)
        let doc = try XapianDocument()
        try doc.setData(bytes)
        try doc.addValue(3, bytes)
        try doc.addTerm("a\u{0}b")
        let id = try db.add(doc)
        try db.setMetadata("key\u{0}", bytes)
        try db.commit()
        let reader = try XapianDatabase(path: path)
        #expect(try reader.document(id).data() == bytes)
        #expect(try reader.metadata("key\u{0}") == bytes)
        #expect(try reader.metadata("key").isEmpty)
        #expect(try reader.termFrequency("a\u{0}b") == 1)
        #expect(try reader.termFrequency("a") == 0)
        let enquire = try XapianEnquire(reader)
        try enquire.setQuery(try XapianQuery(term: "a\u{0}b"))
        let mset = try enquire.matches(limit: 1)
        #expect(try mset.data(at: 0) == bytes)
        #expect(try mset.value(at: 0, slot: 3) == bytes)
    }

    /// Many terms in one call: lengths split the bytes, wdfs add up as with single adds
    /// (equal wdf and length give equal BM25 weights), and Xapian's refusal of an empty
    /// term comes back as an error.
    @Test func packedTermsArriveWithTheirWdf() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianWritableDatabase(path: dir.path + "/packed")
        let packed = try XapianDocument()
        let terms = ["法治", "S政府", "a\u{0}b", "6.5"]
        try packed.addTerms(terms.flatMap { Array($0.utf8) }, lengths: terms.map { UInt32($0.utf8.count) }, wdfs: [3, 1, 2, 1])
        try packed.addTerm("法治", wdfIncrement: 2)
        try packed.addTerms([], lengths: [], wdfs: [])
        let error = #expect(throws: XapianError.self) { try packed.addTerms(Array("x".utf8), lengths: [0, 1], wdfs: [1, 1]) }
        #expect(error?.kind == .invalidArgument)
        let single = try XapianDocument()
        for (term, wdf) in [("法治", 5), ("S政府", 1), ("a\u{0}b", 2), ("6.5", 1)] as [(String, UInt32)] {
            try single.addTerm(term, wdfIncrement: wdf)
        }
        let lower = try XapianDocument()
        for (term, wdf) in [("法治", 1), ("S政府", 5), ("a\u{0}b", 2), ("6.5", 1)] as [(String, UInt32)] {
            try lower.addTerm(term, wdfIncrement: wdf)
        }
        for doc in [packed, single, lower] { try db.add(doc) }
        try db.commit()
        let reader = try db.reader()
        #expect(try reader.terms(withPrefix: "").map(\.term) == ["6.5", "S政府", "a\u{0}b", "法治"])
        #expect(try reader.terms(withPrefix: "").allSatisfy { $0.count == 3 })
        let enquire = try XapianEnquire(reader)
        try enquire.setQuery(try XapianQuery(term: "法治"))
        let mset = try enquire.matches(limit: 3)
        let weights = Dictionary(uniqueKeysWithValues: try (0..<mset.count).map { (try mset.documentID(at: $0), try mset.weight(at: $0)) })
        #expect(weights[1] == weights[2])
        #expect(weights[1]! > weights[3]!)
    }

    @Test func deleteByTermAndMetadataThroughTheWritersReader() throws {
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, texts)
        let db = try XapianWritableDatabase(path: path)
        try db.deleteDocuments(withTerm: "Kodd")
        try db.setMetadata("corpus", [])
        // The writer's reader sees the change before the commit; a separate reader does not.
        let reader = try db.reader()
        #expect(try reader.documentCount == 2)
        #expect(try reader.metadata("corpus").isEmpty)
        #expect(try XapianDatabase(path: path).documentCount == 4)
        try db.commit()
        let after = try XapianDatabase(path: path)
        #expect(try ids(after, XapianQuery.matchAll()) == [1, 3])
        let deleted = #expect(throws: XapianError.self) { try after.document(2) }
        #expect(deleted?.kind == .notFound)
        try db.deleteDocuments(withTerm: "nothing-has-this")
        try db.close()
        #expect(try XapianDatabase(path: path).documentCount == 2)
    }

    @Test func readerSeesNewCommitsOnlyAfterReopen() throws {
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, texts)
        let reader = try XapianDatabase(path: path)
        let writer = try XapianWritableDatabase(path: path)
        try writer.add(try XapianDocument())
        try writer.commit()
        #expect(try reader.documentCount == 4)
        try reader.reopen()
        #expect(try reader.documentCount == 5)
        try writer.close()
    }

    @Test func secondWriterGetsTheLockKindNamingThePath() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/locked"
        let first = try XapianWritableDatabase(path: path)
        let error = #expect(throws: XapianError.self) { try XapianWritableDatabase(path: path) }
        #expect(error?.kind == .databaseLock)
        #expect(error?.message.contains(path) == true)
        try first.close()
        _ = try XapianWritableDatabase(path: path)  // free again once closed
    }

    @Test func missingPathAndGarbageFailCleanly() throws {
        let dir = try TemporaryDirectory()
        let missing = #expect(throws: XapianError.self) { try XapianDatabase(path: dir.path + "/nope") }
        #expect(missing?.kind == .notFound)
        // A version file of junk: Xapian reads it as a damaged glass database.
        let garbage = dir.path + "/garbage"
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 8192).write(to: URL(fileURLWithPath: garbage + "/iamglass"))
        let corrupt = #expect(throws: XapianError.self) { try XapianDatabase(path: garbage) }
        #expect(corrupt?.kind == .corrupt)
        let file = dir.path + "/file.txt"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: XapianError.self) { try XapianDatabase(path: file) }
    }

    /// A real index whose postings table is overwritten: opening, checking and writing to
    /// it all report `.corrupt`, and nothing traps.
    @Test func damagedTableIsReportedAsCorrupt() throws {
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, texts)
        #expect(try XapianDatabase.check(path: path) == 0)
        let table = path + "/postlist.glass"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: table)[.size] as? Int)
        try Data(repeating: 0xAB, count: size).write(to: URL(fileURLWithPath: table))
        let opened = #expect(throws: XapianError.self) { try XapianDatabase(path: path).documentCount }
        #expect(opened?.kind == .corrupt)
        let checked = #expect(throws: XapianError.self) { try XapianDatabase.check(path: path) }
        #expect(checked?.kind == .corrupt)
        let written = #expect(throws: XapianError.self) { try XapianWritableDatabase(path: path) }
        #expect(written?.kind == .corrupt)
    }

    @Test func combinedShardsStubAndCompaction() throws {
        let dir = try TemporaryDirectory()
        let a = try makeIndex(in: dir, Array(texts.prefix(2)), name: "a")
        let b = try makeIndex(in: dir, Array(texts.suffix(2)), name: "b")
        let combined = try XapianDatabase(combining: [try XapianDatabase(path: a), try XapianDatabase(path: b)])
        #expect(try combined.documentCount == 4)
        // Interleaved ids: shard a's 1, 2 become 1, 3; shard b's 1, 2 become 2, 4.
        #expect(Set(try ids(combined, phrase("法治政府"))) == [2, 4])
        #expect(try ids(combined, phrase("部署流程")) == [3])
        #expect(try combined.termFrequency("法治") == 2)
        let stub = dir.path + "/all.stub"
        try "auto a\nauto b\n".write(toFile: stub, atomically: true, encoding: .utf8)
        let viaStub = try XapianDatabase(path: stub)
        #expect(try viaStub.documentCount == 4)
        #expect(Set(try ids(viaStub, phrase("法治政府"))) == [2, 4])
        try combined.compact(to: dir.path + "/merged")
        let merged = try XapianDatabase(path: dir.path + "/merged")
        #expect(try merged.documentCount == 4)
        #expect(Set(try ids(merged, phrase("法治政府"))).count == 2)
        #expect(try XapianDatabase.check(path: dir.path + "/merged") == 0)
    }

    /// The test index in `dir`, served by xapian-tcpsrv; nil, with a recorded failure, when
    /// xapian-tcpsrv is not installed (scripts/setup.sh installs it).
    func servedIndex(in dir: borrowing TemporaryDirectory) throws -> (server: LocalTCPServer, path: String)? {
        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return nil
        }
        let path = try makeIndex(in: dir, texts)
        return (try LocalTCPServer(executable: tcpsrv, database: path), path)
    }

    @Test func remoteShardAnswersLikeTheLocalOne() throws {
        let dir = try TemporaryDirectory()
        guard let (server, path) = try servedIndex(in: dir) else { return }
        defer { server.stop() }
        let remote = try server.connect()
        let local = try XapianDatabase(path: path)
        #expect(try remote.documentCount == 4)
        for query in [try phrase("法治政府"), try XapianQuery(term: "政府"), try XapianQuery(term: "经济")] {
            let l = try XapianEnquire(local), r = try XapianEnquire(remote)
            try l.setQuery(query)
            try r.setQuery(query)
            let lm = try l.matches(limit: 10), rm = try r.matches(limit: 10)
            #expect(lm.count == rm.count)
            for i in 0..<lm.count {
                #expect(try lm.documentID(at: i) == rm.documentID(at: i))
                #expect(abs(try lm.weight(at: i) - rm.weight(at: i)) < 1e-9)
                #expect(try lm.data(at: i) == rm.data(at: i))
            }
        }
    }

    /// Xapian's remote backend cannot run a MatchDecider and throws UnimplementedError
    /// (matcher/multimatch.cc), alone or combined with a local shard: the kind is
    /// `.unsupported`, which the search engine answers by checking candidates itself.
    @Test func deciderOverARemoteShardIsUnsupported() throws {
        let dir = try TemporaryDirectory()
        guard let (server, path) = try servedIndex(in: dir) else { return }
        defer { server.stop() }
        let query = try XapianQuery(term: "政府")
        let remoteOnly = try server.connect()
        let localAndRemote = try XapianDatabase(combining: [try XapianDatabase(path: path), try server.connect()])
        for (database, matching) in [(remoteOnly, 2), (localAndRemote, 4)] {
            let enquire = try XapianEnquire(database)
            try enquire.setQuery(query)
            var calls = 0
            let error = #expect(throws: XapianError.self) {
                try enquire.matches(limit: 10) { _, _ in calls += 1; return true }
            }
            #expect(error?.kind == .unsupported)
            #expect(error?.message.contains("MatchDecider") == true)
            #expect(calls == 0)
            // The same enquire without a decider still answers.
            #expect(try enquire.matches(limit: 10).count == matching)
        }
    }

    @Test func unreachableRemoteFailsWithNetworkKind() throws {
        let error = #expect(throws: XapianError.self) {
            try XapianDatabase(remoteHost: "127.0.0.1", port: 1, timeoutMilliseconds: 2000).documentCount
        }
        #expect(error?.kind == .network)
    }
}
