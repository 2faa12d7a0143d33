import Foundation
import Testing
@testable import ReportSearch

/// Near copies (a repost with a few characters changed) collapse like exact ones; a section
/// that only shares a sentence does not; groups follow edits and deletions on incremental
/// runs; shards and remote shards give the same answers as one index.
@Suite struct NearDuplicateTests {
    /// 283 characters (260 letters and digits), authored for this test.
    static let opinion = """
        三、加强社区养老服务体系建设
        各区县要把社区养老服务设施纳入国土空间规划，新建住宅小区按照每百户不少于二十平方米的标准配建养老服务用房，\
        老旧小区通过购置、置换、租赁等方式逐步补齐。支持专业机构以公建民营方式运营社区养老服务中心，为失能、半失能\
        老年人提供日间照料、短期托养、康复护理和助餐助浴服务。建立家庭养老床位制度，对居家老年人开展适老化改造和远程\
        健康监测，费用由财政、个人和保险按比例分担。到二〇二五年，街道综合养老服务中心覆盖率达到百分之九十以上，农村\
        互助养老服务点覆盖三分之二以上行政村。民政部门每年组织服务质量评估，评估结果向社会公开，并与运营补贴挂钩。

        """
    /// Three edits (J ≈ 0.95 with the opinion): 区县 → 市县, 二十 → 三十, 市 inserted.
    static let notice = opinion.replacingOccurrences(of: "各区县", with: "各市县")
        .replacingOccurrences(of: "二十平方米", with: "三十平方米").replacingOccurrences(of: "民政部门每年", with: "市民政部门每年")
    /// Three other edits (J ≈ 0.97 with the opinion, 0.92 with the notice).
    static let repost = opinion.replacingOccurrences(of: "逐步补齐", with: "逐步配齐")
        .replacingOccurrences(of: "农村互助", with: "乡村互助").replacingOccurrences(of: "三、加强", with: "（三）加强")
    /// Another topic sharing one sentence (建立家庭养老床位制度…) with the opinion: J ≈ 0.15.
    static let health = """
        二、提升基层医疗卫生服务能力
        推进县域医共体建设，县级医院牵头组建紧密型医疗服务共同体，统一管理人员、资金和药品耗材。乡镇卫生院每年至少\
        派出两名医生到村卫生室坐诊，家庭医生签约服务重点覆盖慢性病患者、孕产妇和儿童。建立家庭养老床位制度，对居家\
        老年人开展适老化改造和远程健康监测，费用由财政、个人和保险按比例分担。完善远程会诊网络，二〇二四年底前实现县\
        乡两级全覆盖，检查结果在医共体内互认。卫生健康部门按季度通报医疗质量指标，对排名靠后的单位约谈负责人。

        """
    /// The opinion with its second half rewritten (J ≈ 0.43): no longer a copy.
    static let rewritten = String(opinion[..<opinion.range(of: "建立家庭养老床位")!.lowerBound])
        + "建立健全长期护理保险制度，参保人员经评估达到重度失能标准的，按规定享受居家护理、机构护理和医疗护理待遇，"
        + "所需资金通过单位和个人缴费、财政补助等渠道筹集。各级财政部门要加强资金监管，定期向同级人大常委会报告基金运行情况。\n"

    static func group(_ text: String) -> DuplicateGroup? { DuplicateGroup(folded: NormalizedText.foldedScalars(text)) }

    @Test(arguments: [
        (notice, true, "three characters changed or inserted"),
        (repost, true, "other edits and numbering"),
        (opinion.replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "\n", with: " "), true, "punctuation only"),
        (health, false, "one shared sentence"),
        (rewritten, false, "second half rewritten"),
    ])
    func nearCopiesAreCopiesAndSharedSentencesAreNot(text: String, copy: Bool, why: String) throws {
        let a = try #require(Self.group(Self.opinion)), b = try #require(Self.group(text))
        let (sa, sb) = (try #require(a.signature), try #require(b.signature))
        #expect(b.isCopy(of: a) == copy, "\(why): estimate \(sb.estimatedJaccard(sa))")
        #expect(a.isCopy(of: b) == copy, "symmetric")
        // The relation can be found in the index: a copy shares a B term.
        if copy { #expect(!Set(a.terms).isDisjoint(with: b.terms)) }
    }

    @Test func exactCopiesShareKeyAndBandsNearCopiesABand() throws {
        let a = try #require(Self.group(Self.opinion)), b = try #require(Self.group(Self.notice))
        let punctuation = try #require(Self.group(Self.opinion.replacingOccurrences(of: "。", with: ". ")))
        #expect(punctuation.key == a.key && punctuation.terms == a.terms)
        let (sa, sb) = (try #require(a.signature), try #require(b.signature))
        #expect(b.key != a.key && sa.sharesBand(with: sb))
        #expect(a.terms.count == MinHashSignature.bands)
        #expect(a.terms.allSatisfy { $0.hasPrefix(IndexSchema.bandPrefix) && $0.utf8.count == 10 })
        #expect(DuplicateGroup(slotValue: a.slotValue) == a)
        #expect(a.slotValue.count == 16 + MinHashSignature.count)
        #expect(DuplicateGroup(slotValue: []) == nil)
        #expect(Self.group("一、总体要求") == nil)
    }

    /// Below 100 letters and digits only exact copies count: two years' openings of a
    /// report differ in the year alone (J ≈ 0.9) and stay apart.
    @Test func shortSectionsHaveNoSignature() throws {
        let opening = "2019年政府工作报告\n各位代表：现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见。"
        let a = try #require(Self.group(opening))
        let b = try #require(Self.group(opening.replacingOccurrences(of: "2019", with: "2020")))
        let c = try #require(Self.group(opening.replacingOccurrences(of: "，", with: ",")))
        #expect(a.signature == nil && a.terms == [IndexSchema.duplicatePrefix + a.key])
        #expect(!b.isCopy(of: a) && c.isCopy(of: a))
        #expect(DuplicateGroup(slotValue: a.slotValue) == a && a.slotValue.count == 16)
    }

    /// The estimate stays near the true Jaccard similarity of the shingle sets, for random
    /// edits of the opinion (64 values: standard error ≤ 0.0625; allowed 0.2).
    @Test(arguments: 0..<20) func estimateFollowsTheTrueSimilarity(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed))
        var scalars = Array(Self.opinion.unicodeScalars)
        let pool = Array("经济社会发展改革创新服务保障".unicodeScalars)
        for _ in 0..<Int.random(in: 0..<60, using: &rng) {
            scalars[Int.random(in: 0..<scalars.count, using: &rng)] = pool[Int.random(in: 0..<pool.count, using: &rng)]
        }
        var edited = ""
        edited.unicodeScalars.append(contentsOf: scalars)
        func shingles(_ text: String) -> Set<[UInt32]> {
            let s = NormalizedText.foldedScalars(text).filter(DuplicateGroup.isSignificant)
            return Set(zip(s, s.dropFirst()).map { [$0, $1] })
        }
        let (x, y) = (shingles(Self.opinion), shingles(edited))
        let truth = Double(x.intersection(y).count) / Double(x.union(y).count)
        let a = try #require(Self.group(Self.opinion)?.signature), b = try #require(Self.group(edited)?.signature)
        #expect(abs(a.estimatedJaccard(b) - truth) < 0.2, "true \(truth)")
    }

    /// opinion (2022), notice (2021, the earliest), repost (2023): one group of near
    /// copies. health (2020) shares a sentence and stays apart.
    static func writeCorpus(_ dir: URL) throws {
        try write(dir, "central/opinion.txt", "关于加强社区养老服务的意见\n日期:2022-08-12\n\n" + opinion)
        try write(dir, "local/notice.txt", "转发关于加强社区养老服务的意见的通知\n日期:2021-07-29\n\n" + notice)
        try write(dir, "local/repost.txt", "关于加强社区养老服务的意见（转载）\n日期:2023-03-01\n\n" + repost)
        try write(dir, "local/health.txt", "基层医疗卫生工作要点\n日期:2020-01-10\n\n" + health)
    }

    static func write(_ dir: URL, _ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Each hit as `path [copies]`, in rank order.
    static func shown(_ index: String, _ query: String, collapse: Bool = true) throws -> [String] {
        try SearchEngine(indexPaths: [index]).search(query, options: SearchOptions(collapseDuplicates: collapse)).hits
            .map { "\($0.record.path) [\(($0.copies ?? []).joined(separator: "; "))]" }
    }

    @Test func nearCopiesCollapseAndFollowEditsAndDeletions() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)

        // The earliest copy is shown; the section sharing a sentence is a hit of its own.
        #expect(try Self.shown(index, "适老化改造").sorted()
            == ["local/health.txt []", "local/notice.txt [central/opinion.txt; local/repost.txt]"])
        #expect(try Self.shown(index, "适老化改造", collapse: false).count == 4)
        let results = try SearchEngine(indexPaths: [index]).search("适老化改造", options: SearchOptions(collapseDuplicates: true))
        #expect(HitListRenderer(format: .text).render(results).contains("also in 2 other reports: central/opinion.txt, local/repost.txt"))
        // A copy without the query's phrase (the notice has 三十平方米) is listed, not shown.
        #expect(try Self.shown(index, "二十平方米") == ["central/opinion.txt [local/notice.txt; local/repost.txt]"])

        // The notice is rewritten beyond the threshold: it leaves the group.
        try Self.write(corpus, "local/notice.txt", "转发的通知\n日期:2021-07-29\n\n" + Self.rewritten)
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(Set(try Self.shown(index, "老旧小区")) == ["local/notice.txt []", "central/opinion.txt [local/repost.txt]"])
        // Edited back to a near copy, it joins again.
        try Self.write(corpus, "local/notice.txt", "转发的通知\n日期:2021-07-29\n\n" + Self.notice)
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(try Self.shown(index, "老旧小区") == ["local/notice.txt [central/opinion.txt; local/repost.txt]"])

        // Deleting copies updates the copies.
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("central/opinion.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(try Self.shown(index, "老旧小区") == ["local/notice.txt [local/repost.txt]"])
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("local/notice.txt"))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        #expect(try Self.shown(index, "老旧小区") == ["local/repost.txt []"])
    }

    @Test func censusCountsExactAndNearGroups() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        let index = dir.path + "/index"
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        var census = try DuplicateCensus(indexPath: index)
        #expect((census.exactGroups, census.groups, census.nearGroups, census.sectionsInGroups) == (0, 1, 1, 3))
        // An exact copy (other punctuation) joins the same set.
        try Self.write(corpus, "local/copy.txt", "副本\n\n" + Self.opinion.replacingOccurrences(of: "，", with: ","))
        _ = try Indexer.run(roots: [corpus], indexPath: index)
        census = try DuplicateCensus(indexPath: index)
        #expect((census.exactGroups, census.exactGroupsAcrossReports, census.groups, census.sectionsInGroups) == (1, 1, 1, 4))
    }

    @Test func shardsAndRemoteShardsCollapseNearCopiesAlike() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try Self.writeCorpus(corpus)
        let single = dir.path + "/single", sharded = dir.path + "/sharded"
        _ = try Indexer.run(roots: [corpus], indexPath: single)
        _ = try Indexer.run(roots: [corpus], indexPath: sharded, options: IndexOptions(shards: 3, jobs: 2))
        let shards = (0..<3).map { sharded + "/" + IndexLayout.shardName($0) }
        // The copies lie in more than one shard, or this test proves nothing.
        let holding = try shards.map { try XapianDatabase(path: $0).documentCount }
        #expect(holding.filter { $0 > 0 }.count >= 2)

        func answers(_ index: String) throws -> [String] {
            try ["适老化改造", "二十平方米", "老旧小区"].flatMap { try Self.shown(index, $0) }
        }
        let reference = try answers(single)
        #expect(reference.contains("local/notice.txt [central/opinion.txt; local/repost.txt]"))
        #expect(try answers(sharded) == reference)

        guard let tcpsrv = LocalTCPServer.executable else {
            Issue.record("xapian-tcpsrv is not installed: run scripts/setup.sh")
            return
        }
        let a = try LocalTCPServer(executable: tcpsrv, databases: Array(shards.prefix(2)))
        defer { a.stop() }
        let b = try LocalTCPServer(executable: tcpsrv, databases: [shards[2]])
        defer { b.stop() }
        let stub = dir.path + "/remote.stub"
        try "remote 127.0.0.1:\(a.port)\nremote 127.0.0.1:\(b.port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        #expect(try answers(stub) == reference)
    }
}
