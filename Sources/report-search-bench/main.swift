// Measurements behind the design decisions (scripts/bench.sh runs them):
//   report-search-bench tokenizer DIR         tokenizer throughput in MB/s
//   report-search-bench formats DIR SCRATCH   index variants: build time, compacted size,
//                                             query time of phrases and single characters
//   report-search-bench sections DIR...       every section as a JSON line, the peers' input
//                                             (scripts/bench/README.md): the same sections
//                                             for every system
//   report-search-bench extract DIR [RUNS]    every file read as the indexer reads it, one
//                                             at a time on one thread: a JSON line with the
//                                             median seconds of RUNS (scripts/bench/extraction.sh)
//   report-search-bench neardup DIR...        pairs of sections by true and estimated Jaccard
//                                             similarity: what chose MinHashSignature's threshold
//   report-search-bench groups INDEX...       duplicate groups (exact and near) of an index
import Dispatch
import Foundation
import ReportSearch

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now()
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func sections(under dir: String) throws -> [(Report, Section, String)] {
    var result: [(Report, Section, String)] = []
    for file in try CorpusWalker.files(under: URL(fileURLWithPath: dir)) {
        guard let report = try? ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20)
        else { continue }
        for s in report.sections { result.append((report, s, file.relativePath)) }
    }
    return result
}

enum Variant: String, CaseIterable {
    case bigrams = "bigrams, no positions"
    case runFinal = "bigrams + run-final unigrams, no positions (chosen)"
    case allUnigrams = "bigrams + every unigram, no positions"
    case positional = "bigrams + run-final unigrams, with positions"
}

func build(_ variant: Variant, _ input: [(Report, Section, String)], at path: String) throws {
    let db = try XapianWritableDatabase(path: path, mode: .createOrOverwrite)
    let tokenizer = Tokenizer()
    for (i, (_, section, relative)) in input.enumerated() {
        let doc = try XapianDocument()
        let normalized = NormalizedText(section.text)
        var counts: [String: UInt32] = [:]
        tokenizer.forEachToken(in: normalized) { token in
            switch variant {
            case .bigrams where token.kind == .unigram: return
            case .positional:
                try? doc.addPosting(token.term, position: UInt32(token.position + 1))
                return
            default: break
            }
            counts[token.term, default: 0] += 1
        }
        if variant == .allUnigrams {
            for v in normalized.scalars where Tokenizer.isHan(v) { counts[String(Unicode.Scalar(v)!), default: 0] += 1 }
        }
        for (term, wdf) in counts { try doc.addTerm(term, wdfIncrement: wdf) }
        try doc.addBooleanTerm("Q\(relative)#\(i)")
        try doc.setData(Array(section.text.utf8))
        try db.add(doc)
    }
    try db.commit()
    try db.close()
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func timeQuery(_ db: XapianDatabase, runs: Int = 7, _ makeQuery: () throws -> XapianQuery,
               decider: ((UInt32, UnsafeRawBufferPointer) -> Bool)? = nil) throws -> (ms: Double, hits: Int) {
    var times: [Double] = []
    var hits = 0
    for _ in 0..<runs {
        times.append(try seconds {
            let enquire = try XapianEnquire(db)
            try enquire.setQuery(try makeQuery())
            let mset = try enquire.matches(limit: 10, checkAtLeast: 100_000, decider: decider)
            hits = mset.estimatedMatches
        } * 1000)
    }
    return (median(times), hits)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: report-search-bench tokenizer DIR | formats DIR SCRATCH | sections DIR... | extract DIR [RUNS] | neardup DIR... | groups INDEX...\n".utf8))
    exit(64)
}

switch arguments[1] {
case "tokenizer":
    let input = try sections(under: arguments[2]).map(\.1.text)
    let bytes = input.reduce(0) { $0 + $1.utf8.count }
    let tokenizer = Tokenizer()
    var count = 0
    _ = CharacterFolding.shared
    let t = seconds { for text in input { tokenizer.forEachToken(in: NormalizedText(text)) { _ in count += 1 } } }
    print(String(format: "tokenizer: %.1f MB in %.2f s = %.1f MB/s, %d tokens", Double(bytes) / 1e6, t, Double(bytes) / 1e6 / t, count))

case "formats":
    let scratch = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "/rs-formats"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let input = try sections(under: arguments[2])
    print("sections: \(input.count)")
    print("| variant | build s | compacted MB | ratio to bigrams |")
    print("|---|---|---|---|")
    var sizes: [Variant: Int] = [:]
    for variant in Variant.allCases {
        let path = scratch + "/" + String(describing: variant)
        let t = try seconds { try build(variant, input, at: path) }
        try? FileManager.default.removeItem(atPath: path + ".c")
        try XapianDatabase(path: path).compact(to: path + ".c")
        sizes[variant] = IndexStatistics.bytesOnDisk(of: path + ".c")
        print(String(format: "| %@ | %.1f | %.1f | %.2f |", variant.rawValue, t, Double(sizes[variant]!) / 1e6,
                     Double(sizes[variant]!) / Double(sizes[.bigrams] ?? sizes[variant]!)))
    }
    let chosen = try XapianDatabase(path: scratch + "/runFinal.c")
    let positional = try XapianDatabase(path: scratch + "/positional.c")
    let allUnigrams = try XapianDatabase(path: scratch + "/allUnigrams.c")
    print("\n| query | position-less AND + stored-text check ms | positional OP_PHRASE ms | sections |")
    print("|---|---|---|---|")
    for phrase in ["经济发展", "改革开放", "高质量发展", "坚持以人民为中心", "数字经济核心产业", "石榴籽"] {
        let bigrams = Tokenizer().tokens(in: phrase).filter { $0.kind == .bigram }
        let needle = Array(phrase.utf8)
        let (a, hitsA) = try timeQuery(chosen, { try XapianQuery(.and, bigrams.map { try XapianQuery(term: $0.term) }) }) { _, data in
            data.withMemoryRebound(to: UInt8.self) { buffer in
                var found = false
                if buffer.count >= needle.count {
                    for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] {
                        if buffer[i..<(i + needle.count)].elementsEqual(needle) { found = true; break }
                    }
                }
                return found
            }
        }
        let (b, hitsB) = try timeQuery(positional, {
            try XapianQuery(.phrase, bigrams.map { try XapianQuery(term: $0.term, position: UInt32($0.position + 1)) })
        })
        print(String(format: "| %@ | %.2f | %.2f | %d / %d |", phrase, a, b, hitsA, hitsB))
    }
    print("\n| one character | wildcard over bigrams + run-final unigram ms | unigram term ms | sections |")
    print("|---|---|---|---|")
    for c in ["年", "税", "的", "鑫"] {
        let (a, hitsA) = try timeQuery(chosen, { try XapianQuery(wildcard: c) })
        let (b, hitsB) = try timeQuery(allUnigrams, { try XapianQuery(term: c) })
        print(String(format: "| %@ | %.2f | %.2f | %d / %d |", c, a, b, hitsA, hitsB))
    }

case "sections":
    // Paths as the eval file names them: the root folder's name, then the path inside it.
    let out = FileHandle.standardOutput
    for dir in arguments.dropFirst(2) {
        let root = URL(fileURLWithPath: dir).standardizedFileURL.lastPathComponent
        for (report, section, relative) in try sections(under: dir) {
            let object: [String: Any] = [
                "path": root + "/" + relative, "line_start": section.lineStart, "line_end": section.lineEnd,
                "title": report.title, "headings": section.path.headings, "text": section.text,
            ]
            var line = try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
            line.append(0x0A)
            out.write(line)
        }
    }

case "extract":
    // Format detection, the format's extractor (pdftotext as a child process for a PDF; ZIP
    // and libxml2 for DOCX), page furniture, title/date/agency and sections: what `index`
    // does to a file before tokenizing it. Files that fail count in `failed`.
    let listing = try CorpusWalker.files(under: URL(fileURLWithPath: arguments[2]))
    let runs = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
    _ = CharacterFolding.shared
    var times: [Double] = []
    var counts = (files: 0, bytes: 0, sections: 0, characters: 0, failed: 0)
    for _ in 0..<runs {
        counts = (0, 0, 0, 0, 0)
        times.append(seconds {
            for file in listing {
                counts.bytes += max(0, file.size)
                guard let report = try? ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: 64 << 20)
                else { counts.failed += 1; continue }
                counts.files += 1
                counts.sections += report.sections.count
                counts.characters += report.sections.reduce(0) { $0 + $1.text.unicodeScalars.count }
            }
        })
    }
    let object: [String: Any] = ["files": counts.files, "failed": counts.failed, "bytes": counts.bytes,
                                 "sections": counts.sections, "characters": counts.characters,
                                 "seconds": median(times), "runs": runs]
    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
case "neardup":
    try NearDuplicateMeasurement(dirs: Array(arguments.dropFirst(2))).run()

case "groups":
    for path in arguments.dropFirst(2) {
        let census = try DuplicateCensus(indexPath: path)
        print("\(path): \(census)")
    }

default:
    FileHandle.standardError.write(Data("unknown benchmark \(arguments[1])\n".utf8))
    exit(64)
}
