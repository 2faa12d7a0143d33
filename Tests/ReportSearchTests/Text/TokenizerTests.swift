import Testing
@testable import ReportSearch

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    /// "term@position" strings, unigrams marked with ᵘ.
    func render(_ text: String) -> [String] {
        tokenizer.tokens(in: text).map { "\($0.term)\($0.kind == .unigram ? "ᵘ" : "")@\($0.position)" }
    }

    @Test(arguments: [
        ("法治政府建设", ["法治@0", "治政@1", "政府@2", "府建@3", "建设@4", "设ᵘ@5"]),
        ("GDP增长6.5%", ["gdp@0", "增长@1", "长ᵘ@2", "6.5@3"]),
        ("２０２０年", ["2020@0", "年ᵘ@1"]),
        ("2020年", ["2020@0", "年ᵘ@1"]),
        ("經濟", ["经济@0", "济ᵘ@1"]),
        ("5G基站", ["5g@0", "基站@1", "站ᵘ@2"]),
        ("投资1,000万元", ["投资@0", "资ᵘ@1", "1,000@2", "万元@3", "元ᵘ@4"]),
        ("，税。", ["税ᵘ@0"]),
        ("税。费", ["税ᵘ@0", "费ᵘ@2"]),
        ("PM2.5浓度", ["pm2.5@0", "浓度@1", "度ᵘ@2"]),
        ("第〇条", ["第〇@0", "〇条@1", "条ᵘ@2"]),
        ("Café 😀 数据", ["café@0", "数据@2", "据ᵘ@3"]),
        ("e\u{301}t\u{E9}", ["e\u{301}t\u{E9}@0"]),
        ("数\u{FFFD}据", ["数ᵘ@0", "据ᵘ@2"]),
        ("end. 1.2.3", ["end@0", "1.2.3@2"]),
        ("", []),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(render(text) == expected)
    }

    @Test func bigramsCarryOriginalRanges() throws {
        let text = "加强ＧＤＰ經濟"
        let tokens = tokenizer.tokens(in: text)
        let utf8 = Array(text.utf8)
        let pieces = tokens.map { String(decoding: utf8[$0.utf8Range], as: UTF8.self) }
        #expect(pieces == ["加强", "强", "ＧＤＰ", "經濟", "濟"])
        #expect(tokens.map(\.term) == ["加强", "强", "gdp", "经济", "济"])
    }

    @Test func punctuationAndLineBreaksBreakAdjacency() {
        let joined = tokenizer.tokens(in: "政府\n建设")
        #expect(!joined.contains { $0.term == "府建" })
        let positions = joined.filter { $0.kind == .bigram }.map(\.position)
        #expect(positions == [0, 3])  // 政府@0, 府ᵘ@1, gap, 建设@3
    }

    @Test func queryAndDocumentFoldAlike() {
        #expect(tokenizer.tokens(in: "經濟發展").map(\.term) == tokenizer.tokens(in: "经济发展").map(\.term))
        #expect(tokenizer.tokens(in: "ＧＤＰ　２０２０").map(\.term) == ["gdp", "2020"])
    }

    /// A compatibility ideograph is the same character as its unified twin: a query typed
    /// with either finds text written with the other.
    @Test func compatibilityIdeographsFoldToTheirUnifiedForm() {
        let folding = CharacterFolding.shared
        #expect(folding.fold("\u{F900}") == folding.fold("\u{8C48}"))
        #expect(folding.fold("\u{F91D}\u{F9B5}") == folding.fold("\u{6B04}\u{4F8B}"))   // 欄 例
        #expect(tokenizer.tokens(in: "建設\u{F9B5}子").map(\.term) == tokenizer.tokens(in: "建设例子").map(\.term))
    }

    @Test func traditionalFoldingIsLoaded() {
        #expect(CharacterFolding.shared.foldsTraditional)
        #expect(CharacterFolding.shared.traditionalCount > 1_000)
        #expect(CharacterFolding.shared.fold("臺灣後來乾隆") == "台湾后来乾隆" || CharacterFolding.shared.fold("臺灣後來乾隆") == "台湾后来干隆")
    }

    @Test func normalizedTextMapsEveryScalarBack() {
        let text = "Ａ經\u{3000}b"
        let n = NormalizedText(text)
        #expect(n.string == "a经 b")
        #expect(n.utf8Offsets == [0, 3, 6, 9, 10])
    }

    @Test func overlongWordsAreDropped() {
        let junk = String(repeating: "a", count: 65)
        #expect(tokenizer.tokens(in: junk + " ok").map(\.term) == ["ok"])
    }

    /// Random Unicode: nothing traps, every range is in bounds, and each range maps back to
    /// original text that folds to the term.
    @Test(arguments: 0..<20)
    func randomUnicodeStaysInBounds(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed))
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0x4E00...0x9FFF, 0x3000...0x303F, 0xFF01...0xFF5E,
                                            0x300...0x36F, 0x1F600...0x1F64F, 0x20000...0x2A6DF, 0x0...0x1F,
                                            0xFFFD...0xFFFD, 0xF900...0xFAFF, 0x80...0x24F]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<400 {
            let pool = pools[Int(rng.next() % UInt64(pools.count))]
            let v = pool.lowerBound + UInt32(rng.next() % UInt64(pool.count))
            if let s = Unicode.Scalar(v) { scalars.append(s) }
        }
        let text = String(scalars)
        let utf8 = Array(text.utf8)
        var lastPosition = -1
        for token in tokenizer.tokens(in: text) {
            #expect(token.utf8Range.lowerBound >= 0 && token.utf8Range.upperBound <= utf8.count)
            #expect(!token.term.isEmpty)
            let original = String(decoding: utf8[token.utf8Range], as: UTF8.self)
            #expect(CharacterFolding.shared.fold(original) == token.term)
            #expect(token.position >= lastPosition)
            lastPosition = token.position
        }
    }
}

/// The indexer counts terms by scalar keys (``TermCounter``), queries use the tokenizer's
/// strings: the two must give the same terms, or queries miss what was indexed.
@Suite struct TermCounterTests {
    /// Keyed by bytes: a `String` key would merge canonically equivalent terms (a
    /// compatibility ideograph and its unified twin), which are distinct terms in Xapian.
    static func tokenizerCounts(_ text: String, prefix: String = "", once: Bool = false) -> [[UInt8]: UInt32] {
        var counts: [[UInt8]: UInt32] = [:]
        Tokenizer().forEachToken(in: NormalizedText(text)) { token in
            let key = Array((prefix + token.term).utf8)
            if once { counts[key] = 1 } else { counts[key, default: 0] += 1 }
        }
        return counts
    }

    @Test(arguments: 0..<20)
    func randomTextGivesTheTokenizersTerms(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed) + 1000)
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0x4E00...0x4E40, 0x3000...0x303F, 0xFF01...0xFF5E,
                                            0x300...0x36F, 0x1F600...0x1F64F, 0x20000...0x20040, 0x0...0x1F,
                                            0x10FFF0...0x10FFFF, 0xF900...0xF940, 0x80...0x24F, 0x3007...0x3007]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<600 {
            let pool = pools[Int(rng.next() % UInt64(pools.count))]
            if let s = Unicode.Scalar(pool.lowerBound + UInt32(rng.next() % UInt64(pool.count))) { scalars.append(s) }
        }
        let text = String(scalars)
        var counter = TermCounter()
        counter.add(NormalizedText.foldedScalars(text), field: .body)
        #expect(counter.packed().byteTerms == Self.tokenizerCounts(text))
    }

    @Test func fieldsArePrefixedAndCountedOnce() throws {
        let heading = "（一）加强法治政府建设，法治政府建设GDP增长6.5%"
        var counter = TermCounter()
        counter.add(NormalizedText.foldedScalars("法治政府"), field: .body)
        counter.add(NormalizedText.foldedScalars(heading), field: .heading, once: true)
        counter.add(NormalizedText.foldedScalars("國務院"), field: .title, once: true)
        var expected = Self.tokenizerCounts("法治政府")
        expected.merge(Self.tokenizerCounts(heading, prefix: IndexSchema.headingPrefix, once: true)) { a, _ in a }
        expected.merge(Self.tokenizerCounts("国务院", prefix: IndexSchema.titlePrefix, once: true)) { a, _ in a }
        let packed = counter.packed().byteTerms
        #expect(packed == expected)
        for term in ["S法治", "S6.5", "T国务", "法治"] { #expect(packed[Array(term.utf8)] == 1, "\(term)") }
    }

    @Test func everyCorpusFileGivesTheTokenizersTerms() throws {
        let corpus = TestPaths.corpus
        for file in try CorpusWalker.files(under: corpus)
        where !FormatFixtures.scans.contains(where: file.relativePath.hasSuffix) && !file.relativePath.hasSuffix(".tsv") {
            let report = try ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20)
            for section in report.sections {
                var counter = TermCounter()
                counter.add(NormalizedText.foldedScalars(section.text), field: .body)
                #expect(counter.packed().byteTerms == Self.tokenizerCounts(section.text), "\(file.relativePath):\(section.lineStart)")
            }
        }
    }
}
