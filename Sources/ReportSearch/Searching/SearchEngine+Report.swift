import Foundation

/// One whole report as the index stores it, for a preview: its sections in file order,
/// each with the spans a query matches.
package struct ReportPreview: Sendable {
    /// One section and where the query matches in it.
    package struct Section: Sendable {
        package var record: SectionRecord
        /// Ranges of Unicode scalars of `record.text` the query matches (whole phrases,
        /// merged where they touch), as in a snippet's highlights.
        package var highlights: [Range<Int>]
    }

    package var id: ReportID
    /// The report's path in the index (relative to its corpus root).
    package var path: String
    package var sections: [Section]
    /// The original file, when the index lists the folder it came from and the file still
    /// lies inside that folder (symbolic links resolved); nil otherwise.
    package var originalFile: URL?

    package var title: String { sections.first?.record.title ?? "" }
}

extension SearchEngine {
    /// The report with this id: every section, sorted by line and passage, with the spans
    /// of `query` marked (the same text units and synonyms as the hit list's snippets).
    /// Nil when the index lists no such report.
    ///
    /// The id is looked up among the index's file terms; the report's sections are then
    /// read by the file's boolean term, so no path from a request ever reaches the disk.
    package func report(_ id: ReportID, query queryText: String = "") throws -> ReportPreview? {
        let needles = try previewNeedles(queryText)
        return try databases.withDatabase { database -> ReportPreview? in
            let paths = try database.terms(withPrefix: IndexSchema.filePrefix).map { String($0.term.dropFirst()) }
            guard let path = paths.first(where: { ReportID(path: $0) == id }) else { return nil }
            let enquire = try XapianEnquire(database)
            try enquire.setQuery(try XapianQuery(term: IndexSchema.filePrefix + path))
            let matches = try enquire.matches(limit: max(1, try database.documentCount))
            var records: [SectionRecord] = []
            for i in 0..<matches.count {
                if let record = SectionRecord(decoding: try matches.data(at: i)) { records.append(record) }
            }
            records.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
            let sections = records.map { record in
                ReportPreview.Section(record: record, highlights: needles.isEmpty ? [] :
                    SnippetMaker.spans(of: needles, in: NormalizedText.foldedScalars(record.text)))
            }
            let roots = CorpusRoots(metadata: String(decoding: try database.metadata(IndexSchema.rootsKey), as: UTF8.self))
            return ReportPreview(id: id, path: path, sections: sections, originalFile: Self.original(path, roots: roots))
        }
    }

    /// The folded text units a query highlights, after synonym expansion; none for an
    /// empty query. A query that does not parse is the caller's error.
    private func previewNeedles(_ queryText: String) throws -> [String] {
        guard !queryText.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        return SynonymExpansion(synonyms: synonyms.byTerm).expand(try QueryParser.parse(queryText)).query.needles
    }

    /// The file behind an index path, only when it resolves (symbolic links followed) to a
    /// regular file inside the corpus folder it was indexed from.
    static func original(_ path: String, roots: CorpusRoots) -> URL? {
        for root in roots.roots {
            var relative = path
            if !root.name.isEmpty {
                guard path.hasPrefix(root.name + "/") else { continue }
                relative = String(path.dropFirst(root.name.count + 1))
            }
            let base = URL(fileURLWithPath: root.path).resolvingSymlinksInPath()
            let file = base.appendingPathComponent(relative).resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            guard file.path.hasPrefix(base.path + "/"),
                  FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            return file
        }
        return nil
    }
}
