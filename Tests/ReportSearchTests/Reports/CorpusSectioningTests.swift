import Foundation
import Testing
@testable import ReportSearch

/// Sectioning measured on ../shared/corpus/gov-reports (skipped when absent).
@Suite struct CorpusSectioningTests {
    @Test(.requiresShared("corpus/gov-reports"))
    func govReportsAreSectionedWithBoundedSections() throws {
        let files = try ReportsFixtures.textFiles(in: TestPaths.shared("corpus/gov-reports"))
        #expect(files.count >= 400)
        var multiSection = 0
        var largest = (characters: 0, file: "", path: "")
        var bytes = 0
        var elapsed = Duration.zero
        let clock = ContinuousClock()
        for file in files {
            let data = [UInt8](try Data(contentsOf: file))
            bytes += data.count
            var report: Report?
            elapsed += try clock.measure {
                let decoded = try TextDecoding.decode(data, path: file.lastPathComponent)
                report = ReportParser.parse(decoded.text, format: .text, path: file.lastPathComponent)
            }
            let parsed = try #require(report)
            if parsed.sections.count >= 2 { multiSection += 1 }
            for section in parsed.sections where section.characterCount > largest.characters {
                largest = (section.characterCount, file.lastPathComponent, section.path.joined)
            }
            #expect(!parsed.sections.isEmpty, "\(file.lastPathComponent) has no sections")
            #expect(parsed.title == String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self), "\(file.lastPathComponent) title")
        }
        let share = Double(multiSection) / Double(files.count)
        print("gov-reports: \(files.count) files, \(bytes) bytes; share with ≥ 2 sections \(String(format: "%.3f", share)); largest section \(largest.characters) characters (\(largest.file) [\(largest.path)]); decode+parse \(elapsed) (this build configuration)")
        #expect(share >= 0.8)
        #expect(largest.characters <= 6_000)
    }

    @Test(.requiresShared("corpus", "eval/dev-queries.tsv"))
    func headingQueriesStartTheirSection() throws {
        let corpus = TestPaths.shared("corpus"), queries = TestPaths.shared("eval/dev-queries.tsv")
        let rows = try String(contentsOf: queries, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count >= 5 && $0[1] == "heading" }
        #expect(rows.count >= 40)
        var cache: [String: Report] = [:]
        var agree = 0
        var disagreements: [String] = []
        for row in rows {
            let path = row[3]
            let line = try #require(Int(row[4]))
            let report = try cache[path] ?? ReportParser.read(fileAt: corpus.appendingPathComponent(path), relativePath: path, maxBytes: 1 << 26)
            cache[path] = report
            let section = report.sections.first { $0.lineStart <= line && line <= $0.lineEnd }
            if section?.lineStart == line {
                agree += 1
            } else {
                disagreements.append("\(row[0]) \(path):\(line) in \(section.map { "\($0.lineStart)-\($0.lineEnd)" } ?? "none")")
            }
        }
        let share = Double(agree) / Double(rows.count)
        print("heading queries: \(agree)/\(rows.count) target lines start a section (\(String(format: "%.3f", share))); disagreements: \(disagreements)")
        #expect(share >= 0.95)
    }
}
