import Foundation

/// Brings one database up to date with a list of files (the whole corpus, or one shard's
/// or one part's share): incremental (unchanged files are not touched), committed in
/// batches (a crash loses at most the current batch, and the next run redoes it: a file's
/// state is stored in the same commit as its sections), one writer.
enum DatabaseUpdate {
    /// Brings one database up to date with `files` (the whole corpus, or one shard's part).
    static func run(
        files: [CorpusFile], scope: RemovalScope, indexPath: String, options: IndexOptions, start: ContinuousClock.Instant,
        progress: ((IndexProgress) -> Void)?
    ) throws -> IndexSummary {
        var summary = IndexSummary()
        summary.filesSeen = files.count

        // 2. A damaged database is not written to: Xapian may read the bad block only
        //    later, or never (an unchanged corpus reads no posting list), and writing on
        //    top of it keeps the damage. Its check reads every block (0.3 s for 35 MB), so
        //    it runs only when the files changed since a run left them sound (CheckedStamp).
        var restamp = true
        if !options.rebuild && FileManager.default.fileExists(atPath: indexPath + "/" + IndexLayout.databaseMarker) {
            if CheckedStamp.matches(indexPath: indexPath) {
                restamp = false
            } else if let problems = try? IndexTarget.damage(indexPath: indexPath) {
                throw IndexingError.damaged(index: indexPath, reason: problems)
            }
        }

        // 3. Open the one writer.
        let db = try openWriter(indexPath, mode: options.rebuild ? .createOrOverwrite : .createOrOpen)
        let reader = try db.reader()
        try IndexSchema.checkFormat(of: reader, path: indexPath)
        let format = try IndexSchema.storedFormat(of: reader)
        if let synonyms = options.keptSynonyms, !synonyms.entries.isEmpty {
            try SynonymImport.write(synonyms, into: db, reader: reader)
        }
        // The character totals of trend --per-10k (CharacterTotals), kept in step with the
        // sections and stored with every commit.
        var (totals, recounted) = try characterTotals(of: reader)

        // 4. What changed: compare each file's size, mtime, ctime and inode with the stored state.
        var stale: [CorpusFile] = []
        var present = Set<String>()
        for file in files {
            present.insert(file.relativePath)
            let stored = String(decoding: try reader.metadata(IndexSchema.fileStateKeyPrefix + file.relativePath), as: UTF8.self)
            if let state = FileState(decoding: stored), state.matches(file) {
                if let format = state.skippedFormat {
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
        let missing = indexed.filter { !present.contains($0) }
        let removed = missing.filter { scope.isGone($0) }
        summary.filesUnreadable = missing.filter { scope.isInUnreadableFolder($0) }.count
        let rootsValue = Array(scope.roots.metadata.utf8)
        let rootsChanged = try reader.metadata(IndexSchema.rootsKey) != rootsValue

        // 5. Nothing to do: write nothing at all (but the character totals of an index
        //    written before they were kept, once).
        if stale.isEmpty && removed.isEmpty && !rootsChanged {
            if recounted { try db.setMetadata(IndexSchema.charactersKey, totals.encoded(describing: try .of(reader))) }
            try db.close()
            if restamp || recounted { CheckedStamp.record(indexPath: indexPath) }
            summary.elapsedSeconds = start.duration(to: .now).inSeconds
            return summary
        }

        var pending = 0, pendingBytes = 0
        func commitIfNeeded(force: Bool) throws {
            guard force || pending >= options.sectionsPerCommit || pendingBytes >= options.bytesPerCommit else { return }
            try db.setMetadata(IndexSchema.updatedKey, Array(ISO8601DateFormatter().string(from: Date()).utf8))
            try db.setMetadata(IndexSchema.charactersKey, totals.encoded(describing: try .of(reader)))
            try db.commit()
            pending = 0
            pendingBytes = 0
        }

        /// Deletes a file's sections, taking them out of the totals first.
        func deleteSections(of path: String) throws {
            let term = IndexSchema.filePrefix + path
            if try reader.termFrequency(term) > 0 {
                totals.add(try CharacterTotals.counted(in: reader, matching: try XapianQuery(term: term)), removing: true)
            }
            try db.deleteDocuments(withTerm: term)
        }
        func add(_ document: PreparedDocument) throws {
            try db.add(try document.xapianDocument())
            totals.add(record: document.data)
        }

        for path in removed {
            try deleteSections(of: path)
            try db.setMetadata(IndexSchema.fileStateKeyPrefix + path, [])
            summary.filesRemoved += 1
            pending += 1
        }
        if format.isEmpty { try db.setMetadata(IndexSchema.formatKey, Array(IndexSchema.formatValue.utf8)) }
        try db.setMetadata(IndexSchema.rootsKey, rootsValue)

        // 6. Parse and tokenize in parallel, a batch at a time; write on this thread.
        let totalBytes = stale.reduce(0) { $0 + max(0, $1.size) }
        var bytesDone = 0
        let builder = SectionDocumentBuilder()
        let batchSize = 32
        var batchStart = 0
        while batchStart < stale.count {
            let batch = Array(stale[batchStart..<min(stale.count, batchStart + batchSize)])
            let results = prepare(batch, builder: builder, options: options)
            for (file, result) in zip(batch, results) {
                // Replace whatever the file had (nothing, for a new file).
                try deleteSections(of: file.relativePath)
                switch result {
                case .failure(let reason, let unsupported):
                    summary.skipped.append((file.relativePath, reason))
                    if let unsupported { summary.unsupported.append((file.relativePath, unsupported)) }
                    // A file in a format no extractor reads stays skipped until it changes, so
                    // its state is kept (with no sections) and the next run does not read it
                    // again; a file that failed for another reason (unreadable, invalid text)
                    // is tried again on every run.
                    var state = file.state(sections: 0)
                    state.skippedFormat = unsupported
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath, unsupported == nil ? [] : Array(state.encoded.utf8))
                case .success(let prepared):
                    summary.warnings += prepared.warnings
                    for doc in prepared.documents { try add(doc) }
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath,
                                       Array(file.state(sections: prepared.documents.count).encoded.utf8))
                    summary.filesIndexed += 1
                    summary.sectionsWritten += prepared.documents.count
                    pending += prepared.documents.count
                    pendingBytes += prepared.documents.reduce(0) { $0 + $1.data.count }
                case .large(let report):
                    // A big report's documents are built and written a chunk at a time, so
                    // memory stays flat (all 11,762 of a 50 MB one-line file at once took
                    // 740 MB). Its state is cleared first and written with the last chunk:
                    // commits in between leave it unrecorded, and the next run redoes it.
                    summary.warnings += report.warnings
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath, [])
                    var chunkStart = 0
                    while chunkStart < report.sections.count {
                        let chunk = report.sections[chunkStart..<min(report.sections.count, chunkStart + Self.sectionsPerChunk)]
                        for doc in prepare(chunk, of: report, path: file.relativePath, builder: builder) {
                            try add(doc)
                            pendingBytes += doc.data.count
                        }
                        pending += chunk.count
                        chunkStart += chunk.count
                        if chunkStart < report.sections.count { try commitIfNeeded(force: false) }
                    }
                    try db.setMetadata(IndexSchema.fileStateKeyPrefix + file.relativePath,
                                       Array(file.state(sections: report.sections.count).encoded.utf8))
                    summary.filesIndexed += 1
                    summary.sectionsWritten += report.sections.count
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
        CheckedStamp.record(indexPath: indexPath)
        return summary
    }

    /// The character totals a writer starts from: those the database stores when they
    /// describe it, else counted from every section (`recounted`: an index written before
    /// they were kept, or a commit made without them). A new database counts nothing.
    static func characterTotals(of reader: XapianDatabase) throws -> (totals: CharacterTotals, recounted: Bool) {
        if let stored = try CharacterTotals.stored(in: reader), stored.fingerprint == (try CharacterTotals.Fingerprint.of(reader)) {
            return (stored, false)
        }
        return (try CharacterTotals.counted(in: reader, matching: try .matchAll()), true)
    }

    /// The one writer of the database at `indexPath` (its folder is created when missing).
    /// A search copy is refused, even with `--rebuild` (which would replace what was published).
    static func openWriter(_ indexPath: String, mode: XapianWritableDatabase.OpenMode) throws -> XapianWritableDatabase {
        if let copy = SearchCopy.origin(atPath: indexPath) {
            throw IndexingError.searchCopy(index: indexPath, source: copy.source)
        }
        let parent = (indexPath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw IndexingError.cannotCreate(index: indexPath, reason: Self.reason(error))
        }
        do {
            return try XapianWritableDatabase(path: indexPath, mode: mode)
        } catch let error as XapianError where error.kind == .databaseLock {
            throw IndexingError.locked(index: indexPath)
        } catch let error as XapianError where error.kind == .corrupt {
            throw IndexingError.damaged(index: indexPath, reason: error.message)
        } catch let error as XapianError {
            // Xapian says "Couldn't create directory" or "Cannot open tables"; the reason a
            // user can act on is whether the folder can be written at all.
            guard FileManager.default.fileExists(atPath: indexPath) else {
                throw IndexingError.cannotCreate(index: indexPath, reason: error.message)
            }
            if access(indexPath, W_OK) != 0 {
                let folder = indexPath
                throw IndexingError.cannotCreate(index: indexPath, reason: "\(folder): \(String(cString: strerror(errno)))")
            }
            if let problems = try? IndexTarget.damage(indexPath: indexPath) {
                throw IndexingError.damaged(index: indexPath, reason: "\(error.message); \(problems)")
            }
            throw IndexingError.cannotOpen(index: indexPath, reason: error.message)
        }
    }

    /// "Permission denied", "Read-only file system", … from a Foundation file error.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?: return "permission denied"
        case .fileWriteVolumeReadOnly?: return "read-only file system"
        case .fileWriteFileExists?: return "a file is in the way"
        default: return ns.localizedDescription
        }
    }

    struct PreparedFile: Sendable {
        var documents: [PreparedDocument]
        var warnings: [String]
    }

    /// Large reports (``IndexOptions/largeReportBytes``) are written this many sections at a time.
    static let sectionsPerChunk = 256

    enum Outcome: Sendable {
        case success(PreparedFile)
        /// A report too big to hold all its documents at once (``IndexOptions/largeReportBytes``).
        case large(Report)
        /// The short reason, and the format when it is one no extractor reads yet.
        case failure(String, unsupported: ReportFormat? = nil)
    }

    /// Parses and tokenizes `batch` in parallel. Each file's outcome is moved straight into
    /// the array's storage, which then owns it (a hand-managed buffer here once leaked every
    /// document of the run: 1.3 GB on ../shared/corpus).
    static func prepare(_ batch: [CorpusFile], builder: SectionDocumentBuilder, options: IndexOptions) -> [Outcome] {
        Array(unsafeUninitializedCapacity: batch.count) { buffer, count in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                (slots.baseAddress! + i).initialize(to: prepare(batch[i], builder: builder, options: options))
            }
            count = batch.count
        }
    }

    /// The documents of `sections` of a large report, built in parallel.
    static func prepare(_ sections: ArraySlice<Section>, of report: Report, path: String,
                        builder: SectionDocumentBuilder) -> [PreparedDocument] {
        let sections = Array(sections)
        let titleTerms = SectionDocumentBuilder.titleTermCount(report)
        return Array(unsafeUninitializedCapacity: sections.count) { buffer, count in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: sections.count) { i in
                (slots.baseAddress! + i).initialize(to: builder.prepare(report: report, section: sections[i], path: path,
                                                                        titleTerms: titleTerms))
            }
            count = sections.count
        }
    }

    static func prepare(_ file: CorpusFile, builder: SectionDocumentBuilder, options: IndexOptions) -> Outcome {
        do {
            let report = try ReportParser.read(fileAt: file.url, relativePath: file.relativePath, maxBytes: options.maxFileBytes,
                                               options: ExtractionOptions(ocr: options.ocr))
            if report.sections.reduce(0, { $0 + $1.text.utf8.count }) > options.largeReportBytes { return .large(report) }
            let titleTerms = SectionDocumentBuilder.titleTermCount(report)
            let docs = report.sections.map { builder.prepare(report: report, section: $0, path: file.relativePath, titleTerms: titleTerms) }
            return .success(PreparedFile(documents: docs, warnings: report.warnings))
        } catch let error as ReportError {
            if case .unsupportedFormat(_, let format) = error { return .failure(error.shortReason, unsupported: format) }
            return .failure(error.shortReason)
        } catch {
            return .failure(error.localizedDescription)
        }
    }
}
