import ArgumentParser
import Foundation
import ReportSearch

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index (or update) the reports under one or more folders.")

    @Argument(help: "Corpus folders (default: ./corpus).")
    var directories: [String] = []

    @OptionGroup var location: IndexLocation

    @Flag(help: "Start over: replace the index instead of updating it.")
    var rebuild = false

    @Flag(help: ArgumentHelp(
        "Keep only the folders given: remove the reports of other folders the index was built from.",
        discussion: "Without it the index remembers every folder it was built from: a new folder is added, and a run removes only the files gone from the folders it reads."))
    var only = false

    @Option(help: "Skip files larger than this many megabytes.")
    var maxFileMB = 64

    @Option(help: "Commit after this many sections: the most a crash can lose (the next run redoes it).")
    var batchSections = 5_000

    @Option(help: "Write this many shard databases and a stub file listing them (see README, Scaling out). Default: the index's own layout (one database for a new index); another count needs --rebuild.")
    var shards: Int?

    @Option(help: "Writers at once (default: the number of cores): shards, or for a first build or --rebuild of one database, parallel parts merged at the end.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: ArgumentHelp(
        "Read scanned PDF pages (no text layer) with Tesseract OCR; their sections are marked as OCR text.",
        discussion: "Needs the Debian packages tesseract-ocr and tesseract-ocr-chi-sim (scripts/setup.sh --ocr installs them). A file read before without OCR is read again only when it changes or it failed for having no text layer; --rebuild reads every file again."))
    var ocr = false

    @Flag(help: "Print only the summary.")
    var quiet = false

    func validate() throws {
        guard location.index.count <= 1 else { throw ValidationError("index writes one database: give --index once") }
        guard (1...65_536).contains(maxFileMB) else { throw ValidationError("--max-file-mb must be between 1 and 65536") }
        guard (1...10_000_000).contains(batchSections) else { throw ValidationError("--batch-sections must be between 1 and 10000000") }
        guard (1...Self.maxWriters).contains(shards ?? 1), (1...Self.maxWriters).contains(jobs) else {
            throw ValidationError("--shards and --jobs must be between 1 and \(Self.maxWriters)")
        }
    }

    /// Each writer holds a database open and buffers a batch: more than this is no faster.
    static let maxWriters = 256

    func run() throws {
        let roots = (directories.isEmpty ? ["corpus"] : directories).map { URL(fileURLWithPath: $0) }
        let showProgress = !quiet && isTerminal(STDERR_FILENO)
        var options = IndexOptions(rebuild: rebuild, maxFileBytes: maxFileMB << 20, sectionsPerCommit: batchSections,
                                   shards: shards, only: only, jobs: jobs)
        if ocr {
            let reader = PageOCR()
            if let missing = reader.missingPiece() {
                throw RunError("--ocr needs Tesseract with Chinese (chi_sim): \(missing); install the Debian packages tesseract-ocr tesseract-ocr-chi-sim (scripts/setup.sh --ocr does)")
            }
            options.ocr = reader
        }
        let summary = try Indexer.run(roots: roots, indexPath: location.paths[0], options: options) { p in
            guard showProgress else { return }
            if p.merging {
                Self.progress("\r\u{1B}[Kmerging the parts into one index…")
                return
            }
            let mbps = Double(p.bytesDone) / 1_048_576 / max(p.elapsedSeconds, 0.001)
            let eta = mbps > 0 ? Double(p.bytesTotal - p.bytesDone) / 1_048_576 / mbps : 0
            Self.progress(String(format: "\r%d/%d files  %.1f MB/s  ETA %.0f s ", p.filesDone, p.filesTotal, mbps, eta))
        }
        if showProgress { Self.progress("\r\u{1B}[K") }
        if !quiet {
            for warning in summary.warnings.prefix(20) { printStatus("warning: \(warning)") }
        }
        try writeOutput(summary.description + "\n")
    }

    static func progress(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
