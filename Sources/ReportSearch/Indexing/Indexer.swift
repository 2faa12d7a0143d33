import Foundation

/// Settings of one `index` run.
public struct IndexOptions: Sendable {
    /// Start from an empty index.
    public var rebuild = false
    /// Larger files are skipped and named in the summary.
    public var maxFileBytes = 64 << 20
    /// Sections written between two commits: what a crash can lose (the next run redoes it).
    public var sectionsPerCommit = 5_000
    /// Section text (UTF-8 bytes) written between two commits. Xapian buffers the postings
    /// of uncommitted documents in maps that grow with the text; small batches keep those
    /// maps in cache. Measured on ../shared/corpus (README, Performance): 256 KB, 1 MB,
    /// 4 MB and 8 MB batches took 15.3, 14.4, 17.2 and 17.9 s on gov-reports alone, and
    /// 134, 108 and 109 s (256 KB, 1 MB, 4 MB) on all three folders, where small batches
    /// pay for more commits.
    public var bytesPerCommit = 1 << 20
    /// Shard databases to write (1: a single database). See ``ShardedIndex``. Nil: the
    /// layout the index already has (one database for a new index); an index is never
    /// rewritten in another layout without `rebuild` (see ``IndexTarget``).
    public var shards: Int?
    /// Keep only the folders given to this run: the files of other folders the index was
    /// built from are removed. Without it, an index keeps every folder it was built from,
    /// and a run removes only the files gone from the folders it walked.
    public var only = false
    /// Reports with more section text than this (UTF-8 bytes) have their documents built and
    /// written 256 sections at a time instead of all at once: memory stays flat on a huge file
    /// (a 50 MB one-line report: 742 MB peak before, 185 MB after, debug build).
    var largeReportBytes = 4 << 20
    /// Reads PDF pages without a text layer (scans) with Tesseract; nil leaves them out,
    /// and a PDF with no text at all is a bad file ("no text layer: scanned? index with --ocr").
    package var ocr: PageOCR?
    /// Shards written at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The synonym dictionary of the index a `rebuild` replaces, read before anything is
    /// written: each database the rebuild writes (the one database, every shard, every
    /// part of a parallel build) gets it with its first commit, so the new index never
    /// lacks it.
    var keptSynonyms: SynonymDictionary?

    public init(rebuild: Bool = false, maxFileBytes: Int = 64 << 20, sectionsPerCommit: Int = 5_000,
                bytesPerCommit: Int = 1 << 20, shards: Int? = nil, only: Bool = false,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.rebuild = rebuild
        self.shards = shards.map { max(1, $0) }
        self.only = only
        self.jobs = max(1, jobs)
        self.maxFileBytes = maxFileBytes
        self.sectionsPerCommit = sectionsPerCommit
        self.bytesPerCommit = bytesPerCommit
    }
}

/// Where a run is, for a progress line.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
    public var elapsedSeconds: Double
    /// The shards of a parallel build are being merged into the index (the last step).
    public var merging = false
}

/// What a run did.
public struct IndexSummary: Sendable {
    public var filesSeen = 0
    public var filesIndexed = 0
    public var filesUnchanged = 0
    public var filesRemoved = 0
    /// Indexed files in folders this run could not list: kept as they were (not removed).
    public var filesUnreadable = 0
    public var sectionsWritten = 0
    /// Skipped files with the reason, e.g. ("a/b.bin", "binary file").
    public var skipped: [(path: String, reason: String)] = []
    /// The skipped files whose format has no extractor yet (also in ``skipped``), e.g.
    /// ("a/b.pdf", .pdf); the summary groups them by extension.
    public var unsupported: [(path: String, format: ReportFormat)] = []
    /// Decoding warnings (stray bytes replaced by U+FFFD, …), with the file named.
    public var warnings: [String] = []
    public var elapsedSeconds = 0.0
    /// Whether the run changed the index at all.
    public var wroteAnything: Bool { filesIndexed > 0 || filesRemoved > 0 }

    /// "indexed 430 files, 5,123 sections in 12.3 s; 0 unchanged, 0 removed; skipped 2: a.bin (binary file), …";
    /// with files in formats not read yet, "…; skipped 46 files: 11 .pdf, 33 .docx, a.bin (binary file), …"
    /// (see ``skippedGroupedDescription``).
    public var description: String {
        var s = "indexed \(filesIndexed) \(filesIndexed == 1 ? "file" : "files"), "
            + "\(sectionsWritten.formatted()) \(sectionsWritten == 1 ? "section" : "sections") in "
            + String(format: "%.1f s", elapsedSeconds)
            + "; \(filesUnchanged) unchanged, \(filesRemoved) removed"
        if filesUnreadable > 0 { s += ", \(filesUnreadable) kept unread (folder not readable)" }
        if !unsupported.isEmpty {
            s += "; " + skippedGroupedDescription
        } else if !skipped.isEmpty {
            s += "; skipped \(skipped.count): " + skipped.prefix(10).map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")
            if skipped.count > 10 { s += ", …" }
        }
        return s
    }
}

/// Builds and updates an index from corpus folders: incremental (unchanged files are not
/// touched), committed in batches (a crash loses at most the current batch, and the next
/// run redoes it: a file's state is stored in the same commit as its sections), one writer.
extension IndexOptions {
    /// The shard count once resolved against the index (``IndexTarget``).
    var shardCount: Int { shards ?? 1 }
}

public enum Indexer {
    public static func run(
        roots: [URL], indexPath: String, options: IndexOptions = IndexOptions(),
        progress: ((IndexProgress) -> Void)? = nil
    ) throws -> IndexSummary {
        try run(roots: roots, indexPath: indexPath, options: options, listFolder: CorpusWalker.listFolder, progress: progress)
    }

    /// ``run(roots:indexPath:options:progress:)`` with the folder listing given (tests make
    /// a folder unreadable with it: chmod does not stop root).
    static func run(
        roots: [URL], indexPath: String, options: IndexOptions, listFolder: CorpusWalker.ListFolder,
        progress: ((IndexProgress) -> Void)?
    ) throws -> IndexSummary {
        let start = ContinuousClock.now
        guard CharacterFolding.shared.foldsTraditional else { throw IndexingError.noTraditionalFolding }
        let indexPath = IndexTarget.absolute(indexPath)
        var options = options
        options.shards = try IndexTarget.shardCount(indexPath: indexPath, requested: options.shards, rebuild: options.rebuild)
        var synonymWarning: String?
        if options.rebuild && FileManager.default.fileExists(atPath: indexPath) {
            do {
                options.keptSynonyms = try SynonymImport.stored(indexPath: indexPath)
            } catch {
                // A damaged index may be what the rebuild is for; its dictionary is lost then.
                synonymWarning = "could not read the synonym dictionary of the index being rebuilt (\(error.localizedDescription)); "
                    + "import it again: report-search synonyms import FILE"
            }
        }

        // 1. The corpus: paths relative to their root, prefixed by the root's name when the
        //    index holds several (see ``CorpusRoots``). The index remembers its roots; a run
        //    removes only files gone from the folders it walked.
        let stored = options.rebuild ? CorpusRoots() : IndexTarget.storedRoots(indexPath: indexPath)
        let (all, walked) = CorpusRoots.resolve(given: roots, stored: stored, only: options.only)
        var scope = RemovalScope(roots: all, walked: walked, removeOthers: options.only)
        var files: [CorpusFile] = []
        var folderWarnings: [String] = []
        var notRegular: [(path: String, reason: String)] = []
        for root in walked {
            let listing = try CorpusWalker.listing(under: URL(fileURLWithPath: root.path), list: listFolder)
            files += listing.files.map { file in
                var file = file
                file.relativePath = root.indexPath(file.relativePath)
                return file
            }
            notRegular += listing.notRegular.map { (root.indexPath($0.path), $0.kind) }
            for (folder, reason) in listing.unreadableFolders {
                let prefix = folder.isEmpty ? (root.name.isEmpty ? "" : root.name + "/") : root.indexPath(folder) + "/"
                scope.unreadable.append((root, prefix))
                let shown = folder.isEmpty ? root.path : root.path + "/" + folder
                folderWarnings.append("cannot read folder \(shown) (\(reason)); its files stay in the index as they were")
            }
        }
        var summary: IndexSummary
        do {
            if options.shardCount > 1 {
                summary = try ShardedIndex.update(files: files, scope: scope, indexPath: indexPath, options: options, progress: progress)
            } else if StagedBuild.applies(indexPath: indexPath, options: options) {
                summary = try StagedBuild.run(files: files, scope: scope, indexPath: indexPath, options: options, progress: progress)
            } else {
                StagedBuild.discardLeftovers(indexPath: indexPath)
                summary = try DatabaseUpdate.run(files: files, scope: scope, indexPath: indexPath, options: options, start: start,
                                                 progress: progress)
            }
        } catch {
            throw IndexTarget.classify(error, indexPath: indexPath)
        }
        summary.warnings = folderWarnings + (synonymWarning.map { [$0] } ?? []) + summary.warnings
        summary.skipped += notRegular
        summary.elapsedSeconds = start.duration(to: .now).inSeconds
        // A run that removed gone files changed the index: its summary says so, with what it skipped.
        if summary.filesIndexed == 0 && summary.filesUnchanged == 0 && summary.filesRemoved == 0 && !summary.skipped.isEmpty {
            throw summary.nothingIndexedError
        }
        return summary
    }
}

extension ReportError {
    /// A few words for the summary line: "binary file", "empty file", …
    var shortReason: String {
        switch self {
        case .binary: "binary file"
        case .empty: "empty file"
        case .tooLarge(_, let bytes, let limit): "too large: \(bytes) bytes > limit \(limit)"
        case .unreadable(_, let reason): "unreadable: \(reason)"
        case .undecodable: "undecodable text"
        case .unsupportedFormat(_, let format) where format.isPlannedReportFormat: "\(format.rawValue): not supported yet"
        case .unsupportedFormat(_, .other): "not a report format"
        case .unsupportedFormat(_, let format): "\(format.rawValue): not supported"
        case .missingHelper, .extractionTimedOut, .encrypted, .damaged, .noTextLayer: extractionReason ?? "unreadable"
        }
    }
}
