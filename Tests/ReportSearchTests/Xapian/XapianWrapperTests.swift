import Foundation
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
        #expect(try db.documentIDs(withTerm: "政府") == [3, 4])
        #expect(try db.terms(withPrefix: "法").map(\.term) == ["法治"])
        #expect(String(decoding: try db.metadata("corpus"), as: UTF8.self) == "测试")
        #expect(try db.metadata("missing").isEmpty)
    }

    @Test func operatorsAndScaling() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        let fazhi = try XapianQuery(term: "法治")
        let jingji = try XapianQuery(term: "经济")
        #expect(Set(try ids(db, XapianQuery(.or, [fazhi, try XapianQuery(term: "流程")]))) == [1, 2, 3, 4])
        #expect(try ids(db, XapianQuery(.andNot, [fazhi, jingji])) == [3])
        #expect(try ids(db, XapianQuery(.filter, [fazhi, try XapianQuery(term: "Kodd")])) == [4])
        // AND_MAYBE: the optional part only reorders.
        #expect(try ids(db, XapianQuery(.andMaybe, [fazhi, jingji])) == [4, 3])
        #expect(try ids(db, XapianQuery(.andMaybe, [fazhi, try jingji.scaled(by: 0)])).count == 2)
        let wildcard = try XapianQuery(wildcard: "法")
        #expect(Set(try ids(db, wildcard)) == [3, 4])
        #expect(try XapianQuery.matchAll().description == "Query(<alldocuments>)")
        #expect(try ids(db, XapianQuery.matchNothing()).isEmpty)
        let near = try XapianQuery(.near, [try XapianQuery(term: "经济"), try XapianQuery(term: "政府")], window: 10)
        #expect(try ids(db, near) == [4])
    }

    @Test func valuesRangesSortAndCollapse() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianDatabase(path: try makeIndex(in: dir, texts))
        let all = try XapianQuery.matchAll()
        let range = try XapianQuery(valueSlot: 0, from: Array("2019".utf8), to: Array("2020".utf8))
        #expect(try ids(db, XapianQuery(.filter, [all, range])) == [2, 3])
        let openHigh = try XapianQuery(valueSlot: 0, from: Array("2020".utf8), to: nil)
        #expect(Set(try ids(db, XapianQuery(.filter, [all, openHigh]))) == [3, 4])
        #expect(try ids(db, all) { try $0.setSort(.value(slot: 0, descending: true)) } == [4, 3, 2, 1])
        // Collapse on slot 1 (two documents per value): one per value survives.
        #expect(try ids(db, all) { try $0.setCollapseKey(slot: 1, max: 1) }.count == 2)
        let enquire = try XapianEnquire(db)
        try enquire.setQuery(try XapianQuery(term: "政府"))
        try enquire.setWeighting(.init(k1: 1.2, b: 0.75))
        let mset = try enquire.matches(limit: 1)
        #expect(mset.count == 1)
        #expect(mset.estimatedMatches == 2)
        #expect(try mset.weight(at: 0) > 0)
        #expect(try mset.rank(at: 0) == 0)
        #expect(String(decoding: try mset.value(at: 0, slot: 0), as: UTF8.self).hasPrefix("20"))
        #expect(throws: XapianError.self) { try mset.documentID(at: 5) }
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
        try db.commit()
        let reader = try XapianDatabase(path: path)
        let back = try reader.document(id)
        #expect(try back.data() == bytes)
        #expect(try back.value(3) == bytes)
        #expect(try back.terms().map(\.term) == ["a\u{0}b"])
    }

    /// Many terms in one call: lengths split the bytes, wdfs add up with single adds, and
    /// Xapian's refusal of an empty term comes back as an error.
    @Test func packedTermsArriveWithTheirWdf() throws {
        let doc = try XapianDocument()
        let terms = ["法治", "S政府", "a\u{0}b", "6.5"]
        try doc.addTerms(terms.flatMap { Array($0.utf8) }, lengths: terms.map { UInt32($0.utf8.count) }, wdfs: [3, 1, 2, 1])
        try doc.addTerm("法治", wdfIncrement: 2)
        try doc.addTerms([], lengths: [], wdfs: [])
        let error = #expect(throws: XapianError.self) { try doc.addTerms(Array("x".utf8), lengths: [0, 1], wdfs: [1, 1]) }
        #expect(error?.kind == .invalidArgument)
        let back = try doc.terms()
        #expect(back.map(\.term) == ["6.5", "S政府", "a\u{0}b", "法治"])
        #expect(back.first { $0.term == "法治" }?.count == 5)
    }

    @Test func replaceAndDeleteByUniqueTerm() throws {
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, texts)
        let db = try XapianWritableDatabase(path: path)
        let doc = try XapianDocument()
        try doc.addTerm("替换")
        try doc.addBooleanTerm("Q1")
        try db.replace(uniqueTerm: "Q1", with: doc)
        try db.deleteDocuments(withTerm: "Kodd")
        try db.commit()
        let reader = try db.reader()
        // Q1 is docid 2: replaced in place (its Kodd term is gone); docid 4 (Kodd) is deleted.
        #expect(try reader.documentCount == 3)
        #expect(try reader.documentIDs(withTerm: "替换") == [2])
        #expect(try reader.document(2).positions(of: "替换").isEmpty)
        #expect(throws: XapianError.self) { try reader.document(4) }
    }

    @Test func transactionsCanBeCancelled() throws {
        let dir = try TemporaryDirectory()
        let db = try XapianWritableDatabase(path: dir.path + "/tx")
        try db.beginTransaction()
        try db.add(try XapianDocument())
        try db.cancelTransaction()
        try db.beginTransaction()
        try db.add(try XapianDocument())
        try db.commitTransaction()
        #expect(try db.reader().documentCount == 1)
        try db.close()
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
        #expect(missing?.kind == .notFound || missing?.kind == .opening)
        let garbage = dir.path + "/garbage"
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 8192).write(to: URL(fileURLWithPath: garbage + "/iamglass"))
        let corrupt = #expect(throws: XapianError.self) { try XapianDatabase(path: garbage) }
        #expect(corrupt?.kind == .corrupt || corrupt?.kind == .opening)
        let file = dir.path + "/file.txt"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: XapianError.self) { try XapianDatabase(path: file) }
        #expect(throws: XapianError.self) { try XapianWritableDatabase(path: dir.path + "/none", mode: .openExisting) }
    }

    @Test func combinedShardsStubAndCompaction() throws {
        let dir = try TemporaryDirectory()
        let a = try makeIndex(in: dir, Array(texts.prefix(2)), name: "a")
        let b = try makeIndex(in: dir, Array(texts.suffix(2)), name: "b")
        let combined = try XapianDatabase(combining: [try XapianDatabase(path: a), try XapianDatabase(path: b)])
        #expect(try combined.shardCount == 2)
        #expect(try combined.documentCount == 4)
        let stub = dir.path + "/all.stub"
        try "auto a\nauto b\n".write(toFile: stub, atomically: true, encoding: .utf8)
        let viaStub = try XapianDatabase(path: stub)
        #expect(try viaStub.documentCount == 4)
        #expect(Set(try ids(viaStub, phrase("法治政府"))).count == 2)
        try combined.compact(to: dir.path + "/merged")
        let merged = try XapianDatabase(path: dir.path + "/merged")
        #expect(try merged.documentCount == 4)
        #expect(try XapianDatabase.check(path: dir.path + "/merged") == 0)
    }

    @Test func remoteShardAnswersLikeTheLocalOne() throws {
        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let dir = try TemporaryDirectory()
        let path = try makeIndex(in: dir, texts)
        let server = try LocalTCPServer(executable: tcpsrv, database: path)
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

    @Test func unreachableRemoteFailsWithNetworkKind() throws {
        let error = #expect(throws: XapianError.self) {
            try XapianDatabase(remoteHost: "127.0.0.1", port: 1, timeoutMilliseconds: 2000).documentCount
        }
        #expect(error?.kind == .network)
    }
}
