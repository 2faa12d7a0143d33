import Foundation

/// Why an index run could not proceed at all (bad files are skipped, not errors).
public enum IndexingError: Error, LocalizedError, Equatable {
    case missingRoot(String)
    case locked(index: String)
    case cannotOpen(index: String, reason: String)
    /// The index folder holds another layout (a single database, another shard count).
    case wrongLayout(index: String, found: String)
    case noTraditionalFolding
    /// Every file was skipped: `details` are the groups of unsupported formats (`11 .pdf`) and
    /// the other skipped files (`a.txt: binary file`); `unreadFormats` the formats no
    /// extractor reads yet, in the order of the groups.
    case nothingIndexed(skipped: Int, details: [String], unreadFormats: [ReportFormat])

    public var errorDescription: String? {
        switch self {
        case .missingRoot(let path):
            "corpus folder \(path) does not exist; check the path"
        case .locked(let index):
            "another process is updating the index at \(index); wait for it to finish and run again"
        case .cannotOpen(let index, let reason):
            "cannot open the index at \(index): \(reason); remove it or run with --rebuild"
        case .wrongLayout(let index, let found):
            "the index at \(index) holds \(found)"
        case .noTraditionalFolding:
            "OpenCC's t2s.json could not be loaded, so Traditional characters cannot be folded; run scripts/setup.sh"
        case .nothingIndexed(let skipped, let details, let unreadFormats):
            "nothing could be indexed: \(skipped) \(skipped == 1 ? "file" : "files") skipped (\(details.joined(separator: ", "))); "
                + Self.advice(unreadFormats)
        }
    }

    /// What to do about the files a run skipped.
    ///
    /// | unread formats         | advice                                                                       |
    /// |------------------------|------------------------------------------------------------------------------|
    /// | none                   | `fix the files named (or re-save them as UTF-8 .txt, .md or .html) and run again` |
    /// | `.pdf`                 | `PDF is not read yet — convert the files to .txt, .md or .html to index them` |
    /// | `.pdf`, `.docx`, `.ofd` | `PDF, Word and OFD are not read yet — convert …`                             |
    /// | `.zip`                 | `ZIP archives are not read — convert …`                                      |
    static func advice(_ formats: [ReportFormat]) -> String {
        guard !formats.isEmpty else { return "fix the files named (or re-save them as UTF-8 .txt, .md or .html) and run again" }
        func names(_ formats: [ReportFormat]) -> [String] {
            var result: [String] = []
            for name in formats.map(\.displayName) where !result.contains(name) { result.append(name) }
            return result
        }
        func listed(_ names: [String]) -> String {
            names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
        let planned = names(formats.filter(\.isPlannedReportFormat))
        let others = names(formats.filter { !$0.isPlannedReportFormat })
        var parts: [String] = []
        if !planned.isEmpty { parts.append("\(listed(planned)) \(planned.count == 1 ? "is" : "are") not read yet") }
        if !others.isEmpty { parts.append("\(listed(others)) are not read") }
        return parts.joined(separator: "; ") + " — convert the files to .txt, .md or .html to index them"
    }
}
