import Foundation

/// Sections and characters of section text per bucket of each ``FacetDimension``: the
/// denominators of `trend --per-10k`. The writer keeps them in each database's metadata
/// (``IndexSchema/charactersKey``) and changes them in the same commit as the sections
/// they count, so a trend reads one value per shard instead of every section's text.
///
/// | change to one database                                      | year 2020 (sections, characters) | folder gov |
/// |-------------------------------------------------------------|----------------------------------|------------|
/// | add `gov/a.txt`: 2020, 2 sections of 700 and 500 characters  | 2, 1,200                         | 2, 1,200   |
/// | add `gov/b.txt`: undated, 1 section of 300                   | 2, 1,200 (`(unknown)`: 1, 300)    | 3, 1,500   |
/// | delete `gov/a.txt`                                           | (gone: no section left)          | 1, 300     |
///
/// A bucket is named as the collection counts name it (``FacetDimension/bucket(of:)`` on
/// the stored record) and a character is a Unicode scalar of the stored text, so the totals
/// equal a count over every section.
///
/// They are trusted only while they describe the database they are read from: each stored
/// copy carries the ``Fingerprint`` (document count and total length) of the database it
/// was written for. A database whose statistics differ had documents written without its
/// totals — an index from before they were kept, or a writer's destructor committing after
/// an error — or is a remote server that combines several databases (Xapian 1.4 returns the
/// first one's metadata but the statistics of all). The writer then counts them again from
/// every section, and a trend counts as it did before the totals existed.
struct CharacterTotals: Equatable, Sendable {
    struct Bucket: Equatable, Sendable {
        var sections = 0
        var characters = 0
    }

    /// What a database's totals account for, in figures Xapian keeps for every database
    /// and sums over shards, remote ones included.
    struct Fingerprint: Equatable, Sendable {
        var documents = 0
        var totalLength: UInt64 = 0

        static func of(_ database: XapianDatabase) throws -> Fingerprint {
            Fingerprint(documents: try database.documentCount, totalLength: try database.totalLength)
        }
    }

    private(set) var buckets: [FacetDimension: [String: Bucket]] = [:]
    /// The database the stored copy was written for; nil for totals counted here.
    private(set) var fingerprint: Fingerprint?

    /// Characters per bucket of `dimension` (the buckets with at least one section).
    func characters(by dimension: FacetDimension) -> [String: Int] {
        (buckets[dimension] ?? [:]).mapValues(\.characters)
    }

    /// Counts one section's stored record (``SectionRecord/encoded()``) in, or with
    /// `removing` out; false for data that is not a record (nothing is counted).
    @discardableResult
    mutating func add(record data: UnsafeRawBufferPointer, removing: Bool = false) -> Bool {
        guard let fields = SectionRecord.raw(data) else { return false }
        // Characters are the UTF-8 bytes that start a scalar.
        var characters = 0
        for byte in fields.text where byte & 0xC0 != 0x80 { characters += 1 }
        let sign = removing ? -1 : 1
        for dimension in FacetDimension.allCases {
            let label = FacetDimension.label(of: dimension.bucket(of: fields))
            count(Bucket(sections: sign, characters: sign * characters), in: dimension, label)
        }
        return true
    }

    /// Adds `change` to a bucket; a bucket without sections is gone, as in a count.
    private mutating func count(_ change: Bucket, in dimension: FacetDimension, _ label: String) {
        var bucket = buckets[dimension]?[label] ?? Bucket()
        bucket.sections += change.sections
        bucket.characters += change.characters
        buckets[dimension, default: [:]][label] = bucket.sections == 0 ? nil : bucket
        if buckets[dimension]?.isEmpty == true { buckets[dimension] = nil }
    }

    @discardableResult
    mutating func add(record data: [UInt8], removing: Bool = false) -> Bool {
        data.withUnsafeBytes { add(record: $0, removing: removing) }
    }

    /// Adds another database's totals (a shard's), fingerprints included; with
    /// `removing`, takes them away (the sections about to be deleted).
    mutating func add(_ other: CharacterTotals, removing: Bool = false) {
        let sign = removing ? -1 : 1
        for (dimension, theirs) in other.buckets {
            for (label, bucket) in theirs {
                count(Bucket(sections: sign * bucket.sections, characters: sign * bucket.characters), in: dimension, label)
            }
        }
        if !removing, let theirs = other.fingerprint {
            let mine = fingerprint ?? Fingerprint()
            fingerprint = Fingerprint(documents: mine.documents + theirs.documents,
                                      totalLength: mine.totalLength + theirs.totalLength)
        }
    }

    /// The totals of the sections of `database` that match `query` (every section:
    /// ``XapianQuery/matchAll()``), read from their records with a match decider that
    /// accepts nothing. Local databases only: Xapian's remote backend runs no decider.
    static func counted(in database: XapianDatabase, matching query: XapianQuery) throws -> CharacterTotals {
        var totals = CharacterTotals()
        let enquire = try XapianEnquire(database)
        try enquire.setQuery(query)
        _ = try enquire.matches(limit: 1, decider: { _, data in
            totals.add(record: data)
            return false
        })
        return totals
    }

    /// The totals stored in `database` (its first shard's, for a combined one), with the
    /// fingerprint they were written for; nil when it has none or they cannot be read.
    static func stored(in database: XapianDatabase) throws -> CharacterTotals? {
        let bytes = try database.metadata(IndexSchema.charactersKey)
        guard !bytes.isEmpty, let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)) else { return nil }
        var totals = CharacterTotals(fingerprint: Fingerprint(documents: stored.documents, totalLength: stored.totalLength))
        for (dimension, buckets) in [(FacetDimension.year, stored.year), (.agency, stored.agency), (.folder, stored.folder)] {
            for (label, pair) in buckets {
                guard pair.count == 2 else { return nil }
                totals.buckets[dimension, default: [:]][label] = Bucket(sections: pair[0], characters: pair[1])
            }
        }
        return totals
    }

    /// The stored form, written for the database whose figures are `fingerprint`:
    ///
    ///     {"documents":11396,"totalLength":8210345,"year":{"2020":[812,451230],…},
    ///      "agency":{"国务院":[120,98012],…},"folder":{"gov-reports":[11396,4102233]}}
    ///
    /// JSON because a folder's or an agency's name may hold any character.
    func encoded(describing fingerprint: Fingerprint) -> [UInt8] {
        func pairs(_ dimension: FacetDimension) -> [String: [Int]] {
            (buckets[dimension] ?? [:]).mapValues { [$0.sections, $0.characters] }
        }
        let stored = Stored(documents: fingerprint.documents, totalLength: fingerprint.totalLength,
                            year: pairs(.year), agency: pairs(.agency), folder: pairs(.folder))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Plain dictionaries of strings and integers always encode.
        return Array((try? encoder.encode(stored)) ?? Data())
    }

    /// The totals of several databases searched as `combined`: the sum of what each stores,
    /// when every one stores totals and together they describe `combined`; otherwise nil.
    static func summed(_ shards: [CharacterTotals?], describing combined: XapianDatabase) throws -> CharacterTotals? {
        var sum = CharacterTotals(fingerprint: Fingerprint())
        for shard in shards {
            guard let shard else { return nil }
            sum.add(shard)
        }
        return sum.fingerprint == (try Fingerprint.of(combined)) ? sum : nil
    }

    /// Stores in the database at `merged`, compacted from the databases at `shards`, the sum
    /// of their totals. Compaction keeps the first shard's value of a metadata key ("The
    /// default implementation just returns tags[0]", `Compactor::resolve_duplicate_metadata`).
    static func storeSummed(ofShards shards: [String], in merged: String) throws {
        let totals = try shards.map { try stored(in: try XapianDatabase(path: $0)) }
        let db = try XapianWritableDatabase(path: merged)
        let reader = try db.reader()
        let sum = try summed(totals, describing: reader) ?? counted(in: reader, matching: try .matchAll())
        try db.setMetadata(IndexSchema.charactersKey, sum.encoded(describing: try .of(reader)))
        try db.close()
    }

    private struct Stored: Codable {
        var documents: Int
        var totalLength: UInt64
        var year: [String: [Int]]
        var agency: [String: [Int]]
        var folder: [String: [Int]]
    }
}
