import Foundation

/// Brings one database up to date with a list of files (the whole corpus, or one shard's
/// or one part's share): incremental (unchanged files are not touched), committed in
/// batches (a crash loses at most the current batch, and the next run redoes it: a file's
/// state is stored in the same commit as its sections), one writer.
enum DatabaseUpdate {
    /// Brings one database up to date with `files` (the whole corpus, or one shard's part).
    static func run(
        files: [CorpusFile], roots: [URL], indexPath: String, options: IndexOptions, start: ContinuousClock.Instant,
        progress: ((IndexProgress) -> Void)?
    ) throws -> IndexSummary {
        var summary = IndexSummary()
        summary.filesSeen = files.count

        // 2. Open the one writer.
        let db = try openWriter(indexPath, mode: options.rebuild ? .createOrOverwrite : .createOrOpen)
        let reader = try db.reader()
        try IndexSchema.checkFormat(of: reader, path: indexPath)
        let format = try IndexSchema.storedFormat(of: reader)

        // 3. What changed: compare each file's size and mtime with the stored state.
        var stale: [CorpusFile] = []
        var present = Set<String>()
        for file in files {
            present.insert(file.relativePath)
            let stored = String(decoding: try reader.metadata(IndexSchema.fileStateKeyPrefix + file.relativePath), as: UTF8.self)
            let parts = stored.split(separator: " ")
            if parts.prefix(2).joined(separator: " ") == file.state {
                if let format = Self.skippedFormat(parts) {
                    // Skipped before for its format, and unchanged: named again, not read again.
                    summary.skipped.append((file.relativePath, ReportError.unsupportedFormat(path: file.relativePath, format: format).shortReason))
                    summary.unsupported.append((file.relativePath, format))
                } else {
                    summary.filesUnchanged += 1
                }
            } else {
                stale.append(file)
            }
        }
        let indexed = try reader.terms(withPrefix: IndexSchema.filePrefix).map { String($0.term.dropFirst()) }
        let removed = indexed.filter { !present.contains($0) }

        // 4. Nothing to do: write nothing at all.
        if stale.isEmpty && removed.isEmpty {
            try db.close()
            summary.elapsedSeconds = start.duration(to: .now).inSeconds
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
                    // A file in a format no extractor reads stays skipped until it changes, so
                    // its state is kept (with no sections) and the next run does not read it
                    // again; a file that failed for another reason (unreadable, invalid text)
                    // is tried again on every run.
                    let state = unsupported.map { Array("\(file.state) 0 \(Self.skippedMarker)\($0.rawValue)".utf8) } ?? []
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath, state)
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
                                    bytesTotal: totalBytes, elapsedSeconds: start.duration(to: .now).inSeconds))
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


    /// Ends the stored state of a file skipped for its format: "<size> <mtime> 0 skipped:pdf".
    static let skippedMarker = "skipped:"

    /// The format of a stored state that records a skip, e.g. `.pdf` for "12 345 0 skipped:pdf".
    static func skippedFormat(_ state: [Substring]) -> ReportFormat? {
        guard state.count == 4, state[3].hasPrefix(skippedMarker) else { return nil }
        return ReportFormat(rawValue: String(state[3].dropFirst(skippedMarker.count)))
    }
}
