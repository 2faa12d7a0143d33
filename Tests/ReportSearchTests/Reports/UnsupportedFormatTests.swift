import Foundation
import Testing
@testable import ReportSearch

/// Files the indexer cannot read yet (PDF, Word, OFD…) are listed by the walker, skipped,
/// and counted by extension in the summary instead of being ignored.
@Suite struct UnsupportedFormatTests {
    static let pdf = Array("%PDF-1.4\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A, 0x00, 0x01]
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x00, 0x00]

    func folder(_ dir: borrowing TemporaryDirectory, _ files: [String: [UInt8]]) throws -> URL {
        let root = dir.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: root.appendingPathComponent(name)) }
        return root
    }

    @Test func theWalkerListsEveryRegularNonHiddenFile() throws {
        let dir = try TemporaryDirectory()
        let root = try folder(dir, ["a.pdf": Self.pdf, "b.docx": Self.zip, "README": Array("说明".utf8),
                                    "sub/c.txt": Array("正文".utf8), ".hidden.pdf": Self.pdf])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/sub/loop", withDestinationPath: root.path)
        #expect(mkfifo(root.path + "/pipe.txt", 0o600) == 0)
        let listed = try CorpusWalker.files(under: root).map(\.relativePath)
        #expect(listed == ["README", "a.pdf", "b.docx", "sub/c.txt"])
    }

    @Test func theSummaryGroupsUnsupportedFilesByExtension() throws {
        let dir = try TemporaryDirectory()
        let root = try folder(dir, [
            "good.txt": Array("某局2021年工作总结\n日期:2022-01-10\n一、总体情况\n全年工作取得新成效。\n".utf8),
            "a.zip": Self.zip, "sub/b.ZIP": Self.zip, "c.xlsx": Self.zip, "fake.txt": Self.pdf,
            "bin.txt": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x00, 0x00],
        ])
        let summary = try Indexer.run(roots: [root], indexPath: dir.path + "/index")
        #expect(summary.filesIndexed == 1)
        let reasons = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["a.zip"] == "zip: not supported")
        #expect(reasons["fake.txt"] == "damaged pdf: truncated or corrupt: Couldn't read xref table")   // not "binary file"
        #expect(reasons["c.xlsx"] == "zip: not supported")
        #expect(reasons["bin.txt"] == "binary file")
        #expect(summary.skipped.count == 5)
        #expect(summary.unsupported.count == 3)
        #expect(summary.description.hasSuffix("; skipped 5 files: 1 .xlsx (zip), 2 .zip, "
            + "bin.txt (binary file), fake.txt (damaged pdf: truncated or corrupt: Couldn't read xref table)"))
    }

    @Test func aFolderOfOnlyUnsupportedFilesSaysWhatWasSkipped() throws {
        let dir = try TemporaryDirectory()
        let root = try folder(dir, ["a.zip": Self.zip, "b.zip": Self.zip, "c.xlsx": Self.zip])
        let expected = IndexingError.nothingIndexed(skipped: 3, details: ["1 .xlsx (zip)", "2 .zip"], unreadFormats: [.zip])
        #expect(throws: expected) { try Indexer.run(roots: [root], indexPath: dir.path + "/index") }
        // The message for formats a later release reads stays as it was.
        let planned = IndexingError.nothingIndexed(skipped: 4, details: ["2 .pdf", "1 .docx", "1 .ofd"], unreadFormats: [.pdf, .docx, .ofd])
        #expect(planned.localizedDescription == "nothing could be indexed: 4 files skipped (2 .pdf, 1 .docx, 1 .ofd); "
            + "PDF, Word and OFD are not read yet — convert the files to .txt, .md or .html to index them")
    }

    @Test func removingTheLastReadableFileIsASummaryNotAFailure() throws {
        let dir = try TemporaryDirectory()
        let root = try folder(dir, ["a.txt": Array("某局关于某事的报告\n一、总体情况\n内容。".utf8), "b.zip": Self.zip])
        let index = dir.path + "/index"
        #expect(try Indexer.run(roots: [root], indexPath: index).filesIndexed == 1)
        try FileManager.default.removeItem(at: root.appendingPathComponent("a.txt"))
        let summary = try Indexer.run(roots: [root], indexPath: index)
        #expect(summary.filesRemoved == 1)
        #expect(summary.skipped.map(\.path) == ["b.zip"])
        #expect(try XapianDatabase(path: index).documentCount == 0)
        // Nothing left to remove: the same folder again is the error it always was.
        #expect(throws: IndexingError.self) { try Indexer.run(roots: [root], indexPath: index) }
    }

    @Test func aFolderOfBadTextFilesNamesThemInsteadOfPointingAtWarnings() throws {
        let dir = try TemporaryDirectory()
        let root = try folder(dir, ["bin.txt": [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00]])
        #expect {
            try Indexer.run(roots: [root], indexPath: dir.path + "/index")
        } throws: { error in
            (error as? IndexingError)?.localizedDescription
                == "nothing could be indexed: 1 file skipped (bin.txt: binary file); fix the files named (or re-save them as UTF-8 .txt, .md or .html) and run again"
        }
    }

    @Test func withoutUnsupportedFilesTheSummaryReadsAsBefore() {
        var summary = IndexSummary()
        summary.filesIndexed = 2
        summary.sectionsWritten = 10
        summary.elapsedSeconds = 1.5
        summary.skipped = [("a.bin", "binary file")]
        #expect(summary.description == "indexed 2 files, 10 sections in 1.5 s; 0 unchanged, 0 removed; skipped 1: a.bin (binary file)")
        (summary.filesIndexed, summary.sectionsWritten, summary.skipped) = (1, 1, [])
        #expect(summary.description == "indexed 1 file, 1 section in 1.5 s; 0 unchanged, 0 removed")
    }

    @Test func groupsFollowTheFormatOrderAndLongListsAreCut() {
        var summary = IndexSummary()
        let unsupported: [(String, ReportFormat)] = [("x.xls", .ole2), ("a.doc", .doc), ("b.wps", .doc), ("scan", .pdf),
                                                     ("c.docx", .docx), ("d.pdf", .pdf), ("e.zip", .zip)]
        summary.unsupported = unsupported.map { (path: $0.0, format: $0.1) }
        summary.skipped = unsupported.map { (path: $0.0, reason: "\($0.1.rawValue): not supported") }
            + (1...12).map { (path: "bad\($0).txt", reason: "empty file") }
        #expect(summary.skippedGroupedDescription == "skipped 19 files: 1 .pdf, 1 without extension (pdf), 1 .docx, 1 .doc, 1 .wps, "
            + "1 .zip, 1 .xls (ole2), " + (1...10).map { "bad\($0).txt (empty file)" }.joined(separator: ", ") + ", …")
        let error = summary.nothingIndexedError
        #expect(error.localizedDescription.contains("PDF and Word are not read yet; ZIP archives and Office files other than Word are not read"))
        #expect(error.localizedDescription.contains("bad10.txt: empty file, …)"))
    }
}
