import Foundation

/// What `report-search stats` prints about an index.
public struct IndexStatistics: Sendable, CustomStringConvertible {
    public var path: String
    public var files: Int
    public var sections: Int
    public var distinctTerms: Int
    public var bytesOnDisk: Int
    public var roots: [String]
    public var lastUpdate: String
    /// For a search copy (``SearchCopy``): the index it was published from, and when.
    public var publishedFrom: (source: String, published: String)?

    public init(indexPath: String) throws {
        guard FileManager.default.fileExists(atPath: indexPath) else { throw IndexOpenError.noIndex(indexPath) }
        let db: XapianDatabase
        do { db = try XapianDatabase(path: indexPath) } catch let e as XapianError {
            throw IndexOpenError.cannotOpen(indexPath, e.message)
        }
        try IndexSchema.checkFormat(of: db, path: indexPath)
        path = indexPath
        files = try db.terms(withPrefix: IndexSchema.filePrefix).count
        sections = try db.documentCount
        distinctTerms = try db.terms(withPrefix: "").count
        roots = CorpusRoots(metadata: String(decoding: try db.metadata(IndexSchema.rootsKey), as: UTF8.self)).roots
            .map { $0.name.isEmpty ? $0.path : "\($0.path) (as \($0.name)/)" }
        lastUpdate = String(decoding: try db.metadata(IndexSchema.updatedKey), as: UTF8.self)
        bytesOnDisk = Self.bytesOnDisk(of: indexPath)
        publishedFrom = try SearchCopy.origin(of: db)
    }

    /// Total size of the files under `path` (all shards of a sharded index).
    public static func bytesOnDisk(of path: String) -> Int {
        guard let files = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        for case let name as String in files {
            total += ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[.size] as? Int) ?? 0
        }
        return total
    }

    public var description: String {
        """
        index:          \(path)
        files:          \(files)
        sections:       \(sections)
        distinct terms: \(distinctTerms)
        size on disk:   \(String(format: "%.1f MB", Double(bytesOnDisk) / 1_048_576))
        corpus roots:   \(roots.joined(separator: ", "))
        last update:    \(lastUpdate.isEmpty ? "never" : lastUpdate)
        """ + (publishedFrom.map { "\nsearch copy:    of \($0.source), published \($0.published) (read-only)" } ?? "")
    }
}
