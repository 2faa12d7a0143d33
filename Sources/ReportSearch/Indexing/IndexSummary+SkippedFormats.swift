import Foundation

/// Files skipped because their format is not read yet, grouped by extension for the summary
/// line and for the error of a run that indexed nothing.
///
/// | skipped                                                  | ``skippedGroupedDescription``                          |
/// |----------------------------------------------------------|--------------------------------------------------------|
/// | 11 `.pdf`, 30 `.docx`, 3 `.doc`                           | `skipped 44 files: 11 .pdf, 30 .docx, 3 .doc`           |
/// | `a.pdf`, `b.txt` holding a PDF, `c.bin` (binary file)     | `skipped 3 files: 1 .pdf, 1 .txt (pdf), c.bin (binary file)` |
/// | `scan` (a PDF with no extension), `t.xls`                 | `skipped 2 files: 1 without extension (pdf), 1 .xls (ole2)` |
///
/// Groups follow ``ReportFormat``'s order (PDF, DOCX, DOC, OFD, …), extensions A–Z within a
/// format; an extension that claims another format than the bytes have is followed by the
/// detected one.
extension IndexSummary {
    /// At most this many skipped files are named one by one (the rest is `…`).
    static let namedSkipsLimit = 10

    /// `skipped 44 files: 11 .pdf, 30 .docx, 3 .doc`, then the other skipped files with their
    /// reasons as in the plain summary: `, a.bin (binary file), …`.
    var skippedGroupedDescription: String {
        let others = otherSkipped
        var parts = unsupportedGroups.map { "\($0.count) \($0.label)" }
        parts += others.prefix(Self.namedSkipsLimit).map { "\($0.path) (\($0.reason))" }
        var text = "skipped \(skipped.count) \(skipped.count == 1 ? "file" : "files"): " + parts.joined(separator: ", ")
        if others.count > Self.namedSkipsLimit { text += ", …" }
        return text
    }

    /// The unsupported-format skips, one group per extension (and detected format).
    var unsupportedGroups: [(label: String, format: ReportFormat, count: Int)] {
        var counts: [String: (format: ReportFormat, count: Int)] = [:]
        for (path, format) in unsupported {
            let ext = (path as NSString).pathExtension.lowercased()
            var label = ext.isEmpty ? "without extension" : "." + ext
            if format != .other && ReportFormat(pathExtension: ext) != format { label += " (\(format.rawValue))" }
            counts[label, default: (format, 0)].count += 1
        }
        let order = Dictionary(uniqueKeysWithValues: ReportFormat.allCases.enumerated().map { ($1, $0) })
        return counts.map { (label: $0.key, format: $0.value.format, count: $0.value.count) }
            .sorted { (order[$0.format] ?? 0, $0.label) < (order[$1.format] ?? 0, $1.label) }
    }

    /// The skipped files that are not unsupported-format skips, in run order.
    var otherSkipped: [(path: String, reason: String)] {
        let grouped = Set(unsupported.map(\.path))
        return skipped.filter { !grouped.contains($0.path) }
    }

    /// The error of a run that indexed nothing, saying what was skipped and why.
    var nothingIndexedError: IndexingError {
        let others = otherSkipped
        var details = unsupportedGroups.map { "\($0.count) \($0.label)" }
        details += others.prefix(Self.namedSkipsLimit).map { "\($0.path): \($0.reason)" }
        if others.count > Self.namedSkipsLimit { details.append("…") }
        var formats: [ReportFormat] = []
        for group in unsupportedGroups where !formats.contains(group.format) { formats.append(group.format) }
        return .nothingIndexed(skipped: skipped.count, details: details, unreadFormats: formats)
    }
}
