import Foundation

/// Writes a ``SynonymDictionary`` into an index: every local shard gets the same synonym
/// table (a search combines shards, and a shard may be searched alone).
///
/// | before        | file line                 | after                          |
/// |---------------|---------------------------|--------------------------------|
/// | 双减 → [a]     | `双减\tb|c`                | 双减 → [b, c] (a term replaced) |
/// | 放管服 → [x]   | (no line for 放管服)        | 放管服 → [x] (kept)             |
package enum SynonymImport {
    /// Imports `dictionary` into the index at `indexPath`; returns the shards written.
    @discardableResult
    package static func run(_ dictionary: SynonymDictionary, indexPath: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: indexPath) else { throw IndexOpenError.noIndex(indexPath) }
        let specs = try ShardSpec.parse(indexPath: indexPath)
        if let remote = specs.first(where: { !$0.isLocal }) { throw SynonymDictionaryError.remoteShard(remote.label) }
        for spec in specs {
            guard case .local(let path) = spec.kind else { continue }
            let db = try DatabaseUpdate.openWriter(path, mode: .createOrOpen)
            let reader = try db.reader()
            try IndexSchema.checkFormat(of: reader, path: path)
            try write(dictionary, into: db, reader: reader)
            try db.close()
        }
        return specs.count
    }

    /// Writes `dictionary` over what the database already holds (`reader` reads the same
    /// database): its synonym table and the metadata copy, stored with the writer's next
    /// commit. An `index --rebuild` writes the old index's dictionary into every database
    /// it builds this way (``IndexOptions/keptSynonyms``).
    static func write(_ dictionary: SynonymDictionary, into db: XapianWritableDatabase, reader: XapianDatabase) throws {
        var merged = try SynonymDictionary.stored(in: reader)
        for entry in dictionary.entries {
            try db.clearSynonyms(of: entry.term)
            for expansion in entry.expansions { try db.addSynonym(expansion, for: entry.term) }
            merged.set(entry)
        }
        try db.setMetadata(IndexSchema.synonymsKey, Array(merged.text.utf8))
    }

    /// The dictionary stored in the index (the union over its shards).
    package static func stored(indexPath: String) throws -> SynonymDictionary {
        guard FileManager.default.fileExists(atPath: indexPath) else { throw IndexOpenError.noIndex(indexPath) }
        var result = SynonymDictionary()
        for spec in try ShardSpec.parse(indexPath: indexPath) {
            let database = try spec.open(timeoutMilliseconds: 10_000)
            for entry in try SynonymDictionary.stored(in: database).entries { result.set(entry) }
        }
        return result
    }
}
