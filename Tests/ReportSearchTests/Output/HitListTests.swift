import Foundation
import Testing
@testable import ReportSearch

@Suite struct HitListTests {
    func hit(_ rank: Int, title: String, text: String, snippet: Snippet) -> SearchHit {
        SearchHit(rank: rank, score: 12.5, record: SectionRecord(
            path: "dir/a,b.txt", title: title, date: "2020-05-01", agency: "=HYPERLINK(\"x\")", documentNumber: "",
            sectionPath: SectionPath(["一、总体", "（一）\"引号\""]), level: 2, lineStart: 3, lineEnd: 9, passage: 0, text: text),
            exact: true, snippets: [snippet])
    }

    let tricky = [
        "逗号,在中间", "引号\"在\"中间", "换行\n在中间", "-3.2%", "+86", "@user", "=1+1", "\t制表", "中文标题😀",
    ]

    func results() -> SearchResults {
        let hits = tricky.enumerated().map { i, title in
            hit(i + 1, title: title, text: "正文", snippet: Snippet(text: "增长-3.2%，\n说明\"原因\"", highlights: [0..<2]))
        }
        return SearchResults(query: .text("增长", quoted: false), hits: hits, estimatedTotal: hits.count,
                             relaxation: .none, elapsedSeconds: 0.001, xapianQuery: "")
    }

    /// Parses CSV with Python's csv module: a real RFC 4180 reader, not ours.
    func parseWithPython(_ csv: String) throws -> [[String]] {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/hits.csv"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                print(json.dumps(list(csv.reader(f))))
            """, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([[String]].self, from: data)
    }

    @Test func csvRoundTripsThroughARealParser() throws {
        let renderer = HitListRenderer(format: .csv)
        let csv = renderer.header() + renderer.render(results())
        let rows = try parseWithPython(csv)
        #expect(rows.first == HitListRenderer.csvColumns)
        #expect(rows.count == tricky.count + 1)
        for (row, title) in zip(rows.dropFirst(), tricky) {
            #expect(row.count == 12)
            let guarded = ["-", "+", "@", "=", "\t"].contains(where: { title.hasPrefix($0) }) ? "'" + title : title
            #expect(row[3] == guarded)
            #expect(row[2] == "dir/a,b.txt")
            #expect(row[4] == "2020-05-01")
            #expect(row[5] == "'=HYPERLINK(\"x\")")
            #expect(row[6] == "一、总体 > （一）\"引号\"")
            #expect(row[7] == "3" && row[8] == "9")
            #expect(row[1] == "12.5000")  // numbers untouched
            #expect(row[9] == "")   // page: none for text
            #expect(row[10] == "")  // copies: none
            #expect(row[11] == "【增长】-3.2%， 说明\"原因\"")  // line breaks flattened
        }
    }

    @Test func anOCRSectionSaysSoInTextAndJSON() throws {
        var one = results()
        one.hits = [one.hits[0]]
        #expect(!HitListRenderer(format: .json).render(one).contains("\"ocr\""))
        #expect(!HitListRenderer(format: .text).render(one).contains("OCR"))
        one.hits[0].record.page = 4
        one.hits[0].record.ocr = true
        #expect(HitListRenderer(format: .json).render(one).contains("\"ocr\":true,\"page\":4"))
        #expect(HitListRenderer(format: .text).render(one).contains("dir/a,b.txt:3  p. 4  OCR  score 12.500"))
    }

    @Test func batchRowsStartWithQidAndQuery() throws {
        let renderer = HitListRenderer(format: .csv, batch: true)
        let rows = try parseWithPython(renderer.header() + renderer.render(results(), qid: "q7", query: "增长 -下降"))
        #expect(rows[0].prefix(2) == ["qid", "query"])
        #expect(rows[1].prefix(2) == ["q7", "增长 -下降"])
    }

    @Test func longCellsAreCutForExcel() {
        let long = String(repeating: "长", count: 40_000)
        let field = CSVWriter.field(.text(long))
        #expect(field.count == CSVWriter.excelCellLimit)
        #expect(field.hasSuffix("…"))
    }

    /// The CSV score column is written without Foundation's formatter; it must print what
    /// `%.4f` prints, ties at the fifth decimal (exact binary fractions) included.
    @Test(arguments: 0..<4) func scoresPrintAsFourDecimals(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed))
        var values: [Double] = [0, 1, 1.03125, 0.00005, 0.00015, 12.34565, 99_999.99995, 2.5e-5, 7.99999, 1e14, 3e15,
                                -0.00001, -1.5, .infinity, .nan, Double.leastNonzeroMagnitude]
        values += (0..<20_000).map { _ in Double.random(in: 0..<200, using: &rng) }
        values += (0..<2_000).map { _ in Double(Int.random(in: 0..<1_000_000, using: &rng)) / 32 }
        for v in values {
            #expect(HitListRenderer.fourDecimals(v) == String(format: "%.4f", v), "\(v)")
        }
    }

    @Test func fieldsAreQuotedAndGuardedLikeBefore() {
        #expect(CSVWriter.row([.text("a,b"), .text("say \"hi\""), .text("=SUM(A1)"), .number("-3.5"), .text("-3.2%"),
                               .text("行\n二"), .text("")]) == "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-3.5,'-3.2%,\"行\n二\",\r\n")
    }

    @Test func jsonLinesCarryHighlightRanges() throws {
        let out = HitListRenderer(format: .json).render(results())
        let lines = out.split(separator: "\n")
        #expect(lines.count == tricky.count)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["title"] as? String == "逗号,在中间")
        #expect(object?["line_start"] as? Int == 3)
        let fragments = object?["fragments"] as? [[String: Any]]
        #expect((fragments?.first?["highlights"] as? [[Int]]) == [[0, 2]])
    }

    @Test func textOutputShowsRankPathAndMarks() {
        let text = HitListRenderer(format: .text).render(results())
        #expect(text.contains("1. 逗号,在中间"))
        #expect(text.contains("dir/a,b.txt:3"))
        #expect(text.contains("【增长】"))
        #expect(!text.contains("\u{1B}["))
        let colored = HitListRenderer(format: .text, color: true).render(results())
        #expect(colored.contains("\u{1B}[1;31m增长\u{1B}[0m"))
    }
}

/// The real CLI (the one built with these tests): exit codes and stdout/stderr separation.
@Suite struct CommandLineTests {
    /// Runs the CLI on `index`, by default the shared index of the sample corpus.
    func run(_ arguments: [String], index: String? = nil, input: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let index = try index ?? SharedIndexes.sample()
        let p = Process()
        p.executableURL = try TestPaths.reportSearchCLI()
        p.arguments = arguments
        p.environment = ["REPORT_SEARCH_INDEX": index, "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin
        try p.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func exitCodesAndMessages() throws {
        let ok = try run(["search", "合法性审查", "--color", "never"])
        #expect(ok.status == 0 && ok.out.contains("【合法性审查】") && ok.err.isEmpty)
        let none = try run(["search", "qzxwvjk"])
        #expect(none.status == 0 && none.out.contains("no sections match"))
        for bad in [["search", ""], ["search", "\"未闭合"], ["search", "(税"], ["search", "foo:bar"], ["search", "税", "--limit", "-1"]] {
            let r = try run(bad)
            #expect(r.status == 64, "\(bad)")
            #expect(r.out.isEmpty && !r.err.isEmpty)
        }
        let missing = try run(["search", "税"], index: "/nonexistent/index")
        #expect(missing.status == 1 && missing.err.contains("report-search index"))
        let csv = try run(["search", "税", "--format", "csv"])
        #expect(csv.out.hasPrefix("rank,score,path"))
        let bom = try run(["search", "税", "--format", "csv", "--bom"])
        #expect(bom.out.hasPrefix("\u{FEFF}rank"))
        let dir = try TemporaryDirectory()
        try "q1\t合法性审查\n\n(坏\n税\n".write(toFile: dir.path + "/q.tsv", atomically: true, encoding: .utf8)
        let batch = try run(["search", "--queries", dir.path + "/q.tsv", "--format", "csv", "--limit", "2"])
        #expect(batch.status == 0)
        #expect(batch.out.hasPrefix("qid,query,rank"))
        #expect(batch.out.contains("\nq1,合法性审查,1,"))
        #expect(batch.out.contains("\n4,税,1,"))
        #expect(batch.err.contains("query 3"))
        let export = try run(["export", "合法性审查", "-o", dir.path + "/hits.csv"])
        #expect(export.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/hits.csv"))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let stats = try run(["stats"])
        #expect(stats.status == 0 && stats.out.contains("sections:"))
    }

    @Test func publishWritesACopyThatSearchesAndRefusesUpdates() throws {
        let dir = try TemporaryDirectory()
        let copy = dir.path + "/copy"
        let published = try run(["publish", copy])
        #expect(published.status == 0 && published.out.hasPrefix("published ") && published.out.contains(" to \(copy): "))
        let hits = try run(["search", "合法性审查", "--format", "csv"], index: copy)
        let fromIndex = try run(["search", "合法性审查", "--format", "csv"])
        #expect(hits.status == 0 && hits.out == fromIndex.out)
        #expect(try run(["stats"], index: copy).out.contains("search copy:    of "))
        let update = try run(["index", TestPaths.corpus.path, "--quiet"], index: copy)
        #expect(update.status == 1 && update.out.isEmpty)
        #expect(update.err.contains("is a search copy written by publish") && update.err.contains("publish again"))
        let again = try run(["publish", copy], index: copy)
        #expect(again.status == 1 && again.err.contains("already a search copy"))
    }

    /// Out-of-range numbers are usage errors, not traps; a full device is a message, not a crash.
    @Test func numbersAreRangeCheckedAndWriteErrorsReported() throws {
        for bad in [["search", "税", "--limit", "9223372036854775807"], ["search", "税", "--per-doc", "4294967296"],
                    ["search", "税", "--snippet-chars", "99999999999"], ["export", "税", "-o", "/dev/null", "--limit", "-5"],
                    ["eval", "--queries", "/dev/null", "--k", "0"], ["index", "--jobs", "100000"],
                    ["index", "--max-file-mb", "17592186044416"]] {
            let r = try run(bad)
            #expect(r.status == 64, "\(bad)")
            #expect(r.out.isEmpty && !r.err.isEmpty, "\(bad)")
        }
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }
        let p = Process()
        p.executableURL = try TestPaths.reportSearchCLI()
        p.arguments = ["search", "税", "--format", "csv", "--index", try SharedIndexes.sample()]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 1)
        #expect(message.hasPrefix("report-search: cannot write the results"))
    }

    /// Words typed as separate arguments are one query (as recollq and rg take them), and
    /// `--queries -` reads the batch from standard input.
    @Test func wordsAsArgumentsAndBatchFromStandardInput() throws {
        let apart = try run(["search", "合法性审查", "行政执法", "--format", "csv"])
        let together = try run(["search", "合法性审查 行政执法", "--format", "csv"])
        #expect(apart.status == 0 && !apart.out.isEmpty && apart.out == together.out)
        let batch = try run(["search", "--queries", "-", "--format", "csv", "--limit", "1"], input: "q1\t合法性审查\nq2\t税\n")
        #expect(batch.status == 0)
        #expect(batch.out.contains("\nq1,合法性审查,1,") && batch.out.contains("\nq2,税,1,"))
    }

    @Test func batchFilesWithCRLFAreSeveralQueries() throws {
        let dir = try TemporaryDirectory()
        try "q1\t合法性审查\r\nq2\t税\r\n".write(toFile: dir.path + "/q.tsv", atomically: true, encoding: .utf8)
        let batch = try run(["search", "--queries", dir.path + "/q.tsv", "--format", "csv", "--limit", "1"])
        #expect(batch.status == 0)
        #expect(batch.out.contains("\nq1,合法性审查,1,") && batch.out.contains("\nq2,税,1,"))
    }
}
