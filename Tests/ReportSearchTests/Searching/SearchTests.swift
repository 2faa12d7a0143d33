import Foundation
import Testing
@testable import ReportSearch

@Suite struct QueryParserTests {
    @Test(arguments: [
        ("合法性审查 行政执法", ParsedQuery.and([.text("合法性审查", quoted: false), .text("行政执法", quoted: false)])),
        ("\"经济发展\" -疫情", .and([.text("经济发展", quoted: true), .not(.text("疫情", quoted: false))])),
        ("数字政府 OR 智慧城市", .or([.text("数字政府", quoted: false), .text("智慧城市", quoted: false)])),
        ("(税 OR 费) 减免", .and([.or([.text("税", quoted: false), .text("费", quoted: false)]), .text("减免", quoted: false)])),
        ("title:报告 year:2019..2021", .and([.field(.title, "报告"), .year(2019...2021)])),
        ("标题:报告 年份:2020", .and([.field(.title, "报告"), .year(2020...2020)])),
        ("机关:司法局 来源:gov/", .and([.field(.agency, "司法局"), .field(.path, "gov/")])),
        ("date:2020-01-01..2020-06-30 ＧＤＰ", .and([.date("2020-01-01", "2020-06-30"), .text("gdp", quoted: false)])),
        ("經濟", .text("经济", quoted: false)),
        ("-\"专项 行动\" 整治", .and([.not(.text("专项 行动", quoted: true)), .text("整治", quoted: false)])),
        // Question words decide neither ranking nor highlights: a word is cut at them.
        ("怎样提高城乡居民收入", .text("提高城乡居民收入", quoted: false)),
        ("传统产业如何转型升级", .and([.text("传统产业", quoted: false), .text("转型升级", quoted: false)])),
        ("稳外贸稳外资有哪些举措 year:2022", .and([.and([.text("稳外贸稳外资", quoted: false), .text("举措", quoted: false)]), .year(2022...2022)])),
        ("如何", .text("如何", quoted: false)),
        ("\"如何推进\"", .text("如何推进", quoted: true)),
        ("法治 -如何推进", .and([.text("法治", quoted: false), .not(.text("如何推进", quoted: false))])),
    ])
    func parses(input: String, expected: ParsedQuery) throws {
        #expect(try QueryParser.parse(input) == expected)
    }

    @Test(arguments: ["", "   ", "，。！", "\"未闭合", "(税 OR 费", "税)", "foo:bar", "year:abc", "-税",
                      String(repeating: "税", count: 10_000), "OR"])
    func rejects(input: String) {
        let error = #expect(throws: QuerySyntaxError.self) { try QueryParser.parse(input) }
        #expect(error?.message.isEmpty == false)
    }
}

@Suite struct SearchTests {
    func engine() throws -> SearchEngine { try SearchEngine(indexPaths: [try SharedIndexes.sample()]) }
    let all = SearchOptions(limit: 100_000, perDocument: 0)

    @Test func oneAndTwoCharacterQueriesFindEverySection() throws {
        let engine = try engine()
        for query in ["税", "年", "用户", "府"] {
            let hits = try engine.search(query, options: all).hits
            #expect(!hits.isEmpty, "\(query)")
            let folded = CharacterFolding.shared.fold(query)
            #expect(hits.allSatisfy { CharacterFolding.shared.fold($0.record.text).contains(folded) && $0.exact })
        }
    }

    @Test func traditionalAndWidthFoldingMatchAcrossForms() throws {
        let engine = try engine()
        let simplified = try engine.search("法治政府建设", options: all).hits
        #expect(simplified.contains { $0.record.path.contains("traditional") })
        let hit = try #require(try engine.search("經濟發展", options: all).hits.first { $0.record.path.contains("traditional") })
        // Highlights show the text as written.
        #expect(hit.snippets.contains { $0.marked().contains("【經濟發展】") })
        #expect(try engine.search("５Ｇ", options: all).hits.count == (try engine.search("5g", options: all).hits.count))
    }

    /// Few candidates are checked in one Xapian run instead of a decider run plus an
    /// all-terms run: the two ways must give the same hits, scores, exactness and
    /// relaxation, with and without the per-report cap, on gov-reports' dev queries (on the
    /// sample corpus and a few queries without ../shared).
    @Test func singlePassEqualsDeciderAndRelaxedRuns() throws {
        let index = TestPaths.hasShared(["corpus/gov-reports"]) ? try SharedIndexes.gov() : try SharedIndexes.sample()
        let single = try SearchEngine(indexPaths: [index])
        let twoRuns = try SearchEngine(indexPaths: [index], singlePassLimit: 0)
        var queries = ["合法性审查 行政执法", "法治 2020年", "\"数字政府\" 建设", "營商環境 优化", "审查合法性"]
        if TestPaths.hasShared(["eval/dev-queries.tsv"]) {
            let text = try String(contentsOf: TestPaths.shared("eval/dev-queries.tsv"), encoding: .utf8)
            queries += text.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[2]) }
        }
        for options in [SearchOptions(limit: 10), SearchOptions(limit: 20, perDocument: 0), SearchOptions(limit: 5, sort: .date)] {
            for q in queries {
                let a = try single.search(q, options: options), b = try twoRuns.search(q, options: options)
                #expect(a.hits.map(\.record.key) == b.hits.map(\.record.key), "\(q)")
                #expect(zip(a.hits, b.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 && $0.exact == $1.exact }, "\(q)")
                #expect(a.relaxation == b.relaxation, "\(q)")
            }
        }
    }

    @Test func headingMatchOutranksBodyMatch() throws {
        let hits = try engine().search("合法性审查", options: SearchOptions(limit: 5, perDocument: 0)).hits
        let first = try #require(hits.first)
        #expect(first.record.sectionPath.last?.contains("合法性审查") == true)
    }

    /// A heading with no body (its content sits in the sections below it) is not weighted
    /// as heading and body at once: the paragraph about the topic comes first.
    @Test func aHeadingWithoutBodyDoesNotOutrankTheParagraph() throws {
        let dir = try TemporaryDirectory()
        let corpus = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try """
            柳溪区卫生健康局2024年工作总结
            一、医疗服务
            （一）中医药服务
            （二）基层医疗
            全区社区卫生服务中心开设中医药综合服务区，全年提供中医药适宜技术服务12万人次，培训乡村医生中医药技能300人，基层医疗机构门诊量增长8%，家庭医生签约覆盖率提高到45%。
            二、公共卫生
            完成适龄儿童免疫规划疫苗接种，传染病报告及时率保持100%。
            """.write(to: corpus.appendingPathComponent("liuxi-health-2024.txt"), atomically: true, encoding: .utf8)
        _ = try Indexer.run(roots: [corpus], indexPath: dir.path + "/index")
        let hits = try SearchEngine(indexPaths: [dir.path + "/index"]).search("中医药", options: SearchOptions(perDocument: 0)).hits
        #expect(hits.map { $0.record.sectionPath.last ?? "" }.prefix(2) == ["（二）基层医疗", "（一）中医药服务"])
    }

    @Test func exclusionsOrAndFilters() throws {
        let engine = try engine()
        let withExclusion = try engine.search("法治政府 -合法性审查", options: all).hits
        #expect(!withExclusion.isEmpty)
        #expect(withExclusion.allSatisfy { !$0.record.text.contains("合法性审查") })
        let either = try engine.search("萤火虫 OR 青头潜鸭", options: all).hits
        #expect(either.count >= 2)
        let year = try engine.search("法治 year:2021", options: all).hits
        #expect(!year.isEmpty && year.allSatisfy { $0.record.date.hasPrefix("2021") })
        let title = try engine.search("title:工作报告 经济", options: all).hits
        #expect(!title.isEmpty && title.allSatisfy { $0.record.title.contains("工作报告") })
        let path = try engine.search("path:qingshan 法治", options: all).hits
        #expect(!path.isEmpty && path.allSatisfy { $0.record.path.hasPrefix("qingshan") })
        let dated = try engine.search("法治 date:2022-01-01..2022-12-31", options: all).hits
        #expect(dated.allSatisfy { $0.record.date.hasPrefix("2022") })
    }

    @Test func scatteredQueryRelaxesVisiblyAndMarksHits() throws {
        // 政府法治 does not occur as written, but its bigrams do, in other orders.
        let results = try engine().search("审查合法性")
        #expect(results.relaxation != .none)
        #expect(!results.hits.isEmpty)
        #expect(results.hits.allSatisfy { !$0.exact })
        // A quoted phrase is never relaxed.
        #expect(try engine().search("\"审查合法性\"").hits.isEmpty)
    }

    @Test func aUnitIsCutIntoWordsWhereItsBigramsAreRare() throws {
        // Sections holding each bigram on gov-reports (QueryWords' table).
        let sections: [String: Int] = [
            "预算": 424, "算执": 10, "执行": 743, "行审": 26, "审计": 180,
            "城乡": 797, "乡居": 241, "居民": 650, "民收": 242, "收入": 779,
            "营商": 254, "商环": 216, "环境": 1573,
            "安全": 2142, "全生": 440, "生产": 2304, "产责": 35, "责任": 926, "任制": 174,
            "基站": 38, "站建": 25, "建设": 4618,
        ]
        func words(_ unit: String) -> [String] { QueryWords.words(of: unit) { sections[$0] ?? 0 } }
        #expect(words("预算执行审计") == ["预算", "执行", "审计"])
        #expect(words("城乡居民收入") == ["城乡", "居民", "收入"])
        #expect(words("营商环境") == ["营商环境"])
        #expect(words("安全生产责任制") == ["安全", "生产", "责任制"])
        #expect(words("5g基站建设") == ["5g", "基站建设"])
        #expect(words("审计") == ["审计"])
        #expect(words("税") == [])
    }

    @Test func aRelaxedSnippetHighlightsWordsNotTouchingBigrams() throws {
        let maker = SnippetMaker()
        let text = "依法履行审计监督职责，完成预算编制。"
        let bigrams = ["预算", "算执", "执行", "行审", "审计"]
        // Before: the bigrams 行审 and 审计 touched and were one mark across two words.
        #expect(maker.snippets(for: text, needles: ["预算执行审计"], fallbackTerms: bigrams)[0].marked() == "依法履【行审计】监督职责，完成【预算】编制。")
        let words = maker.snippets(for: text, needles: ["预算执行审计"], fallbackWords: ["预算", "执行", "审计"], fallbackTerms: bigrams)
        #expect(words[0].marked() == "依法履行【审计】监督职责，完成【预算】编制。")
        // No word occurs whole: the bigrams are still shown.
        let only = maker.snippets(for: "推行审慎监管", needles: ["预算执行审计"], fallbackWords: ["预算", "执行", "审计"], fallbackTerms: bigrams)
        #expect(only[0].marked() == "推【行审】慎监管")
    }

    @Test func theAnyTermMatchOfALongQueryORsItsRarestTerms() throws {
        let database = try XapianDatabase(path: try SharedIndexes.sample())
        let query = try QueryParser.parse("防范化解地方政府债务风险 法治政府建设")
        let compiler = QueryCompiler(query, database: database)
        let kept = try #require(try compiler.keptTerms(.anyTerm))
        let bigrams = Set(query.positiveTexts.flatMap { Tokenizer().tokens(in: $0).filter { $0.kind == .bigram }.map(\.term) })
        #expect(bigrams.count == 15 && kept.count == QueryCompiler.anyTermLimit && kept.isSubset(of: bigrams))
        // Every term left out is at least as common as every term kept.
        let rarestLeftOut = try bigrams.subtracting(kept).map { try database.termFrequency($0) }.min() ?? 0
        let commonestKept = try kept.map { try database.termFrequency($0) }.max() ?? 0
        #expect(commonestKept <= rarestLeftOut)
        let description = try compiler.matchingQuery(.anyTerm).description
        #expect(bigrams.subtracting(kept).allSatisfy { !description.contains($0) })
        // The other stages, and short queries, keep every term.
        #expect(try compiler.keptTerms(.allTerms) == nil)
        #expect(try QueryCompiler(try QueryParser.parse("法治政府建设"), database: database).keptTerms(.anyTerm) == nil)
    }

    @Test func perDocumentCapAndPaging() throws {
        let engine = try engine()
        let capped = try engine.search("法治", options: SearchOptions(limit: 100, perDocument: 1)).hits
        #expect(Set(capped.map(\.record.path)).count == capped.count)
        let page1 = try engine.search("法治", options: SearchOptions(limit: 3, offset: 0, perDocument: 0)).hits
        let page2 = try engine.search("法治", options: SearchOptions(limit: 3, offset: 3, perDocument: 0)).hits
        #expect(page2.first?.rank == 4)
        #expect(Set(page1.map(\.record.key)).isDisjoint(with: page2.map(\.record.key)))
        let byDate = try engine.search("法治", options: SearchOptions(limit: 50, perDocument: 0, sort: .date)).hits.map(\.record.date)
        #expect(byDate == byDate.sorted(by: >))
    }

    /// 30 phrases and 10 single characters sampled from gov-reports: a quoted search with no
    /// limit returns exactly the sections whose folded text contains them.
    @Test(.requiresShared("corpus/gov-reports"), arguments: [2026 as UInt64])
    func quotedSearchIsExactOnGovReports(seed: UInt64) throws {
        let index = try SharedIndexes.gov()
        let gov = TestPaths.shared("corpus/gov-reports")
        let files = try CorpusWalker.files(under: gov)
        var sections: [(key: String, folded: String)] = []
        for file in files {
            guard let report = try? ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20) else { continue }
            for s in report.sections {
                sections.append(("\(file.relativePath)#\(s.lineStart)#\(s.passage)", CharacterFolding.shared.fold(s.text)))
            }
        }
        var rng = SplitMix(seed: seed)
        var samples: [String] = []
        while samples.count < 40 {
            let text = Array(sections[Int(rng.next() % UInt64(sections.count))].folded.unicodeScalars)
            guard text.count > 10 else { continue }
            let length = samples.count < 30 ? 2 + Int(rng.next() % 5) : 1
            let start = Int(rng.next() % UInt64(text.count - length))
            let piece = text[start..<(start + length)]
            guard piece.allSatisfy({ Tokenizer.isHan($0.value) }) else { continue }
            samples.append(String(String.UnicodeScalarView(piece)))
        }
        let engine = try SearchEngine(indexPaths: [index])
        for phrase in samples {
            let found = Set(try engine.search("\"\(phrase)\"", options: all).hits.map(\.record.key))
            let expected = Set(sections.filter { $0.folded.contains(phrase) }.map(\.key))
            #expect(found == expected, "\(phrase): \(found.subtracting(expected).count) false hits, \(expected.subtracting(found).count) missed")
        }
    }
}

@Suite struct SnippetTests {
    /// The fragment shows the most distinct query words, not the most repeated one; a
    /// second fragment is added when one window cannot show them all.
    @Test func fragmentsCoverTheDistinctWords() throws {
        let filler = String(repeating: "其他工作稳步推进", count: 12)
        let text = "乡村振兴乡村振兴乡村振兴取得进展。" + filler + "乡村振兴需要人才。" + filler + "加强基层人才队伍建设。"
        let one = SnippetMaker(maxCharacters: 40).snippets(for: text, needles: ["乡村振兴", "人才"], fallbackTerms: [])
        #expect(one.count == 1)
        #expect(one[0].marked().contains("【乡村振兴】需要【人才】"))
        let apart = "乡村振兴乡村振兴取得进展。" + filler + "加强基层人才队伍建设。"
        let two = SnippetMaker(maxCharacters: 40).snippets(for: apart, needles: ["乡村振兴", "人才"], fallbackTerms: [])
        #expect(two.count == 2)
        #expect(two.contains { $0.marked().contains("乡村振兴】") } && two.contains { $0.marked().contains("【人才】") })
        // Asked for one fragment and one word: one fragment.
        #expect(SnippetMaker(maxCharacters: 40).snippets(for: apart, needles: ["人才"], fallbackTerms: []).count == 1)
    }

    @Test func highlightsWholeSpansInOriginalForm() {
        let maker = SnippetMaker(maxCharacters: 40)
        let text = "第一句话。我們堅持經濟發展和經濟發展質量並重。" + String(repeating: "第三句话很长", count: 10) + "。"
        let s = maker.snippets(for: text, needles: ["经济发展"], fallbackTerms: [])
        #expect(s.count == 1)
        // Starts after the previous sentence end; the window is filled to its length (no sentence
        // end in its last fifth) and cut with "…".
        #expect(s[0].marked() == "…我們堅持【經濟發展】和【經濟發展】質量並重。第三句话很长第三句话很长第三句话很长第三句话…")
    }

    @Test func overlappingMatchesMerge() {
        let s = SnippetMaker().snippets(for: "法治政府建设", needles: ["法治政府", "政府建设"], fallbackTerms: [])
        #expect(s[0].marked() == "【法治政府建设】")
    }

    @Test(arguments: [20, 33, 57, 100])
    func neverCutsInsideAHighlightOrAMark(length: Int) {
        let text = String(repeating: "前文内容，", count: 30) + "e\u{301}合法性审查" + String(repeating: "后文内容。", count: 30)
        let snippets = SnippetMaker(maxCharacters: length, fragments: 2).snippets(for: text, needles: ["合法性审查"], fallbackTerms: [])
        for s in snippets {
            #expect(s.text.unicodeScalars.count <= length + 40)
            for h in s.highlights {
                let scalars = Array(s.text.unicodeScalars)
                #expect(String(String.UnicodeScalarView(scalars[h])) == "合法性审查")
            }
            #expect(s.text.unicodeScalars.first?.properties.generalCategory != .nonspacingMark)
        }
    }
}

@Suite struct EvaluationTests {
    @Test func measuresSectionAndDocumentRanks() throws {
        let tsv = """
            qid\ttype\tquery\ttarget_path\ttarget_line\tsection_start
            e1\theading\t全面落实合法性审查制度\tcorpus/songxi-county-2019-fazhi-report-traditional.txt\t12\t12
            e2\tphrase\t合法性审查\tyunjiang-province-2026-business-environment-report-scraped.txt\t999\t1
            e3\tphrase\tqzxwvjk\tqingshan-justice-2021-fazhi-report.txt\t14\t14
            """
        let queries = try Evaluation.readQueries(tsv: tsv)
        #expect(queries.count == 3)
        let evaluation = try Evaluation(engine: try SearchEngine(indexPaths: [try SharedIndexes.sample()]), queries: queries, k: 10)
        #expect(evaluation.outcomes[0].sectionRank == 1)
        #expect(evaluation.outcomes[1].sectionRank == nil)   // no section spans line 999
        #expect(evaluation.outcomes[1].documentRank == 1)
        #expect(evaluation.outcomes[2].documentRank == nil)
        let all = try #require(evaluation.metrics.first)
        #expect(all.group == "all" && all.queries == 3)
        #expect(abs(all.sectionMRR - 1.0 / 3) < 1e-9)
        #expect(abs(all.documentSuccessAtK - 2.0 / 3) < 1e-9)
        #expect(evaluation.worst.map(\.query.qid).prefix(2).sorted() == ["e2", "e3"])
        #expect(throws: QuerySyntaxError.self) { try Evaluation.readQueries(tsv: "qid\tquery\nx\ty") }
    }
}

@Suite struct ProximityTests {
    @Test(arguments: [
        ("加强合法性审查。完善行政执法。", ["合法性审查", "行政执法"], 1.2 * 1.15),
        ("加强合法性审查和行政执法。", ["合法性审查", "行政执法"], 1.4 * 1.15),
        ("加强合法性审查和行政执法。", ["行政执法", "合法性审查"], 1.4),   // not in the order typed
        ("完善行政执法。加强合法性审查。", ["合法性审查", "行政执法"], 1.2),
        ("加强合法性审查。\n完善行政执法。", ["合法性审查", "行政执法"], 1.0),
        ("加強合法性審查與行政執法。", ["合法性审查", "行政执法"], 1.4 * 1.15),
        // An earlier occurrence out of order does not hide a later one in order.
        ("执法，合法性审查和行政执法。", ["合法性审查", "执法"], 1.4 * 1.15),
    ])
    func wordsTogetherWeighMore(text: String, needles: [String], factor: Double) {
        #expect(Ranking.proximityFactor(text, needles: needles) == factor)
    }
}
