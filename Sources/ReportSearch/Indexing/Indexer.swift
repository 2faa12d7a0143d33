import Dispatch
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
    /// Shard databases to write (1: a single database). See ``ShardedIndex``.
    public var shards = 1
    /// Shards written at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init(rebuild: Bool = false, maxFileBytes: Int = 64 << 20, sectionsPerCommit: Int = 5_000,
                bytesPerCommit: Int = 1 << 20, shards: Int = 1, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.rebuild = rebuild
        self.shards = max(1, shards)
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
        var s = "indexed \(filesIndexed) files, \(sectionsWritten.formatted()) sections in "
            + String(format: "%.1f s", elapsedSeconds)
            + "; \(filesUnchanged) unchanged, \(filesRemoved) removed"
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
public enum Indexer {
    public static func run(
        roots: [URL], indexPath: String, options: IndexOptions = IndexOptions(),
        progress: ((IndexProgress) -> Void)? = nil
    ) throws -> IndexSummary {
        let start = DispatchTime.now()
        guard CharacterFolding.shared.foldsTraditional else { throw IndexingError.noTraditionalFolding }
        // 1. The corpus: paths relative to their root; with several roots, prefixed by the
        //    root's folder name so they stay distinct.
        var files: [CorpusFile] = []
        for root in roots {
            var found = try CorpusWalker.files(under: root)
            if roots.count > 1 {
                let name = root.standardizedFileURL.lastPathComponent
                for i in found.indices { found[i].relativePath = name + "/" + found[i].relativePath }
            }
            files += found
        }
        var summary: IndexSummary
        if options.shards > 1 {
            summary = try ShardedIndex.update(files: files, roots: roots, indexPath: indexPath, options: options, progress: progress)
        } else if StagedBuild.applies(indexPath: indexPath, options: options) {
            summary = try StagedBuild.run(files: files, roots: roots, indexPath: indexPath, options: options, progress: progress)
        } else {
            StagedBuild.discardLeftovers(indexPath: indexPath)
            summary = try update(files: files, roots: roots, indexPath: indexPath, options: options, start: start, progress: progress)
        }
        summary.elapsedSeconds = seconds(since: start)
        if summary.filesIndexed == 0 && summary.filesUnchanged == 0 && !summary.skipped.isEmpty {
            throw summary.nothingIndexedError
        }
        return summary
    }

    /// Brings one database up to date with `files` (the whole corpus, or one shard's part).
    static func update(
        files: [CorpusFile], roots: [URL], indexPath: String, options: IndexOptions, start: DispatchTime,
        progress: ((IndexProgress) -> Void)?
    ) throws -> IndexSummary {
        var summary = IndexSummary()
        summary.filesSeen = files.count

        // 2. Open the one writer.
        let db = try openWriter(indexPath, mode: options.rebuild ? .createOrOverwrite : .createOrOpen)
        let reader = try db.reader()
        let format = String(decoding: try reader.metadata(IndexSchema.formatKey), as: UTF8.self)
        if !format.isEmpty && format != IndexSchema.formatValue {
            throw IndexingError.wrongFormat(index: indexPath, found: format)
        }

        // 3. What changed: compare each file's size and mtime with the stored state.
        var stale: [CorpusFile] = []
        var present = Set<String>()
        for file in files {
            present.insert(file.relativePath)
            let stored = String(decoding: try reader.metadata(IndexSchema.fileStateKeyPrefix + file.relativePath), as: UTF8.self)
            if stored.split(separator: " ").prefix(2).joined(separator: " ") == file.state {
                summary.filesUnchanged += 1
            } else {
                stale.append(file)
            }
        }
        let indexed = try reader.terms(withPrefix: IndexSchema.filePrefix).map { String($0.term.dropFirst()) }
        let removed = indexed.filter { !present.contains($0) }

        // 4. Nothing to do: write nothing at all.
        if stale.isEmpty && removed.isEmpty {
            try db.close()
            summary.elapsedSeconds = seconds(since: start)
            return summary
        }

        var pending = 0, pendingBytes = 0
        func commitIfNeeded(force: Bool) throws {
            guard force || pending >= options.sectionsPerCommit || pendingBytes >= options.bytesPerCommit else { return }
            try db.setMetadata(IndexSchema.updatedKey, Array(ISO8601DateFormatter().string(from: Date()).utf8))
            try db.commit()
            pending = 0
            pendingBytes = 0
        }

        for path in removed {
            try db.deleteDocuments(withTerm: IndexSchema.filePrefix + path)
            try db.setMetadata(IndexSchema.fileStateKeyPrefix + path, [])
            summary.filesRemoved += 1
            pending += 1
        }
        if format.isEmpty { try db.setMetadata(IndexSchema.formatKey, Array(IndexSchema.formatValue.utf8)) }
        try db.setMetadata(IndexSchema.rootsKey, Array(roots.map { $0.standardizedFileURL.path }.joined(separator: "\n").utf8))

        // 5. Parse and tokenize in parallel, a batch at a time; write on this thread.
        let totalBytes = stale.reduce(0) { $0 + max(0, $1.size) }
        var bytesDone = 0
        let builder = SectionDocumentBuilder()
        let batchSize = 32
        var batchStart = 0
        while batchStart < stale.count {
            let batch = Array(stale[batchStart..<min(stale.count, batchStart + batchSize)])
            let results = prepare(batch, builder: builder, maxBytes: options.maxFileBytes)
            for (file, result) in zip(batch, results) {
                // Replace whatever the file had (nothing, for a new file).
                try db.deleteDocuments(withTerm: IndexSchema.filePrefix + file.relativePath)
                switch result {
                case .failure(let reason, let unsupported):
                    summary.skipped.append((file.relativePath, reason))
                    if let unsupported { summary.unsupported.append((file.relativePath, unsupported)) }
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath, [])
                case .success(let prepared):
                    summary.warnings += prepared.warnings
                    for doc in prepared.documents { try db.add(try doc.xapianDocument()) }
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath,
                                       Array("\(file.state) \(prepared.documents.count)".utf8))
                    summary.filesIndexed += 1
                    summary.sectionsWritten += prepared.documents.count
                    pending += prepared.documents.count
                    pendingBytes += prepared.documents.reduce(0) { $0 + $1.data.count }
                }
                bytesDone += max(0, file.size)
                try commitIfNeeded(force: false)
            }
            batchStart += batch.count
            progress?(IndexProgress(filesDone: batchStart, filesTotal: stale.count, bytesDone: bytesDone,
                                    bytesTotal: totalBytes, elapsedSeconds: seconds(since: start)))
        }
        try commitIfNeeded(force: true)
        try db.close()
        return summary
    }

    /// The one writer of the database at `indexPath` (its folder is created when missing).
    static func openWriter(_ indexPath: String, mode: XapianWritableDatabase.OpenMode) throws -> XapianWritableDatabase {
        do {
            try FileManager.default.createDirectory(
                atPath: (indexPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try XapianWritableDatabase(path: indexPath, mode: mode)
        } catch let error as XapianError where error.kind == .databaseLock {
            throw IndexingError.locked(index: indexPath)
        } catch let error as XapianError {
            throw IndexingError.cannotOpen(index: indexPath, reason: error.message)
        }
    }

    struct PreparedFile: Sendable {
        var documents: [PreparedDocument]
        var warnings: [String]
    }

    enum Outcome: Sendable {
        case success(PreparedFile)
        /// The short reason, and the format when it is one no extractor reads yet.
        case failure(String, unsupported: ReportFormat? = nil)
    }

    /// Parses and tokenizes `batch` in parallel. Each file's outcome is moved straight into
    /// the array's storage, which then owns it (a hand-managed buffer here once leaked every
    /// document of the run: 1.3 GB on ../shared/corpus).
    static func prepare(_ batch: [CorpusFile], builder: SectionDocumentBuilder, maxBytes: Int) -> [Outcome] {
        Array(unsafeUninitializedCapacity: batch.count) { buffer, count in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                (slots.baseAddress! + i).initialize(to: prepare(batch[i], builder: builder, maxBytes: maxBytes))
            }
            count = batch.count
        }
    }

    static func prepare(_ file: CorpusFile, builder: SectionDocumentBuilder, maxBytes: Int) -> Outcome {
        do {
            let report = try ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: maxBytes)
            let docs = report.sections.map { builder.prepare(report: report, section: $0, path: file.relativePath) }
            return .success(PreparedFile(documents: docs, warnings: report.warnings))
        } catch let error as ReportError {
            if case .unsupportedFormat(_, let format) = error { return .failure(error.shortReason, unsupported: format) }
            return .failure(error.shortReason)
        } catch {
            return .failure(error.localizedDescription)
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
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
        case .unsupportedFormat(_, let format): "\(format.rawValue): not supported"
        }
    }
}
