import Foundation

/// A section turned into terms, values and data: plain Swift values, built on any thread,
/// then handed to the single writer.
struct PreparedDocument: Sendable {
    var terms: [(String, UInt32)]
    var booleanTerms: [String]
    var values: [(UInt32, [UInt8])]
    var data: [UInt8]

    func xapianDocument() throws -> XapianDocument {
        let doc = try XapianDocument()
        for (term, wdf) in terms { try doc.addTerm(term, wdfIncrement: wdf) }
        for term in booleanTerms { try doc.addBooleanTerm(term) }
        for (slot, value) in values { try doc.addValue(slot, value) }
        try doc.setData(data)
        return doc
    }
}

/// Turns one section of a report into what the index stores (see ``IndexSchema``).
struct SectionDocumentBuilder {
    let tokenizer = Tokenizer()

    func prepare(report: Report, section: Section, order: Int, path: String) -> PreparedDocument {
        // Body: the section's text (its heading line included), without positions: exact
        // phrases are proven against the stored text instead (see ExactMatcher).
        var counts: [String: UInt32] = [:]
        tokenizer.forEachToken(in: NormalizedText(section.text)) { counts[$0.term, default: 0] += 1 }
        func addField(_ text: String?, prefix: String) {
            guard let text, !text.isEmpty else { return }
            var seen = Set<String>()
            tokenizer.forEachToken(in: NormalizedText(text)) { token in
                let term = prefix + token.term
                if seen.insert(term).inserted { counts[term, default: 0] += 1 }
            }
        }
        addField(section.heading, prefix: IndexSchema.headingPrefix)
        addField(section.path.headings.dropLast().joined(separator: "\n"), prefix: IndexSchema.ancestorPrefix)
        addField(report.title, prefix: IndexSchema.titlePrefix)

        var booleans = [IndexSchema.filePrefix + path, IndexSchema.sectionPrefix + path + "#" + String(order)]
        if let year = report.year { booleans.append(IndexSchema.yearPrefix + String(year)) }
        if let agency = report.agency, !agency.isEmpty {
            booleans.append(IndexSchema.agencyPrefix + CharacterFolding.shared.fold(agency))
        }
        var folder = ""
        for component in path.split(separator: "/").dropLast() {
            folder += component + "/"
            booleans.append(IndexSchema.folderPrefix + folder)
        }
        let record = SectionRecord(
            path: path, title: report.title, date: report.date ?? "", agency: report.agency ?? "",
            documentNumber: report.documentNumber ?? "", sectionPath: section.path, level: section.level,
            lineStart: section.lineStart, lineEnd: section.lineEnd, passage: section.passage, text: section.text)
        let order = String(repeating: "0", count: max(0, 6 - String(order).count)) + String(order)
        return PreparedDocument(
            terms: counts.map { ($0.key, $0.value) },
            booleanTerms: booleans,
            values: [(IndexSchema.dateSlot, Array((report.date ?? "").utf8)),
                     (IndexSchema.fileSlot, Array(path.utf8)),
                     (IndexSchema.orderSlot, Array(order.utf8)),
                     (IndexSchema.tieSlot, Array(record.sortKey.utf8))],
            data: record.encoded())
    }
}
