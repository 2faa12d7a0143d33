import Foundation

/// Why an index run could not proceed at all (bad files are skipped, not errors).
public enum IndexingError: Error, LocalizedError, Equatable {
    case missingRoot(String)
    case locked(index: String)
    case cannotOpen(index: String, reason: String)
    /// The index folder holds another layout: `found` says what, `advice` what to do.
    case wrongLayout(index: String, found: String, advice: String)
    /// The index path is a file that is not an index (nor a stub).
    case notAFolder(index: String)
    /// The index's folder (or a folder above it) cannot be created or written.
    case cannotCreate(index: String, reason: String)
    /// A stub lists a local shard that does not exist: writing would create it empty and
    /// split files between databases.
    case missingShard(index: String, shard: String)
    /// A stub file (or a hand-written stub in the folder) names databases this tool did not
    /// lay out: writing through it would spread a file's sections over them.
    case foreignStub(index: String, databases: Int)
    /// Xapian found the database damaged (or its check does).
    case damaged(index: String, reason: String)
    case noTraditionalFolding
    /// The index is a search copy (``SearchCopy``): it has no termlist and cannot be updated.
    case searchCopy(index: String, source: String)
    /// `publish` reads local databases only.
    case publishRemote(index: String, shard: String)
    /// `publish` of a search copy: publish the index it came from.
    case publishCopy(index: String)
    /// `publish` onto the index itself or one of its shards.
    case publishOverSource(index: String, destination: String)
    /// `publish` onto a folder that holds something other than a search copy.
    case publishOverOther(destination: String)
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
            "cannot open the index at \(index): \(reason); check that it is a ReportSearch index, or give another --index"
        case .wrongLayout(let index, let found, let advice):
            "the index at \(index) holds \(found); \(advice)"
        case .notAFolder(let index):
            "the index path \(index) is a file, not an index folder; give --index a folder (it is created when missing)"
        case .cannotCreate(let index, let reason):
            "cannot create or write the index at \(index): \(reason); give --index a folder you can write to"
        case .missingShard(let index, let shard):
            "the index at \(index) lists shard \(shard), which does not exist; restore it from a copy, or rebuild the index with --rebuild"
        case .foreignStub(let index, let databases):
            "\(index) is a stub listing \(databases) \(databases == 1 ? "database" : "databases") not laid out by report-search; index into a folder made with --shards, or into one of the databases"
        case .damaged(let index, let reason):
            "the index at \(index) is damaged (\(reason)); rebuild it with: report-search index DIR... --index \(index) --rebuild"
        case .searchCopy(let index, let source):
            "\(index) is a search copy written by publish (it cannot be updated); update the index it was published from"
                + (source.isEmpty ? "" : " (\(source))") + " and publish again, or give another --index"
        case .publishRemote(let index, let shard):
            "cannot publish \(index): its shard \(shard) is remote; run publish on the machine that holds the shards"
        case .publishCopy(let index):
            "\(index) is already a search copy; publish the index it was published from"
        case .publishOverSource(let index, let destination):
            "cannot publish \(index) onto \(destination), which is the index itself; give another destination"
        case .publishOverOther(let destination):
            "\(destination) exists and is not a search copy; give a new or empty folder, or a copy written by publish"
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
