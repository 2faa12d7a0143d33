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

    @Option(help: "Skip files larger than this many megabytes.")
    var maxFileMB = 64

    @Option(help: "Commit after this many sections: the most a crash can lose (the next run redoes it).")
    var batchSections = 5_000

    @Option(help: "Write this many shard databases and a stub file listing them (see README, Scaling out).")
    var shards = 1

    @Option(help: "Writers at once (default: the number of cores): shards, or for a first build or --rebuild of one database, parallel parts merged at the end.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print only the summary.")
    var quiet = false

    func run() throws {
        guard location.index.count <= 1 else { throw ValidationError("index writes one database: give --index once") }
        let roots = (directories.isEmpty ? ["corpus"] : directories).map { URL(fileURLWithPath: $0) }
        let showProgress = !quiet && isTerminal(STDERR_FILENO)
        let options = IndexOptions(rebuild: rebuild, maxFileBytes: maxFileMB << 20, sectionsPerCommit: max(1, batchSections),
                                   shards: shards, jobs: jobs)
        guard shards >= 1, jobs >= 1 else { throw ValidationError("--shards and --jobs must be at least 1") }
        do {
            let summary = try Indexer.run(roots: roots, indexPath: location.paths[0], options: options) { p in
                guard showProgress else { return }
                if p.merging {
                    FileHandle.standardError.write(Data("\r\u{1B}[Kmerging the parts into one index…".utf8))
                    return
                }
                let mbps = Double(p.bytesDone) / 1_048_576 / max(p.elapsedSeconds, 0.001)
                let eta = mbps > 0 ? Double(p.bytesTotal - p.bytesDone) / 1_048_576 / mbps : 0
                let line = String(format: "\r%d/%d files  %.1f MB/s  ETA %.0f s ", p.filesDone, p.filesTotal, mbps, eta)
                FileHandle.standardError.write(Data(line.utf8))
            }
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            if !quiet {
                for warning in summary.warnings.prefix(20) {
                    FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
                }
            }
            print(summary.description)
        } catch let error as IndexingError {
            throw fail(error.localizedDescription)
        } catch let error as XapianError {
            throw fail("the index could not be written: \(error.message)")
        }
    }
}
