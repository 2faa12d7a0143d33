/// Term prefixes, value slots and metadata keys of a ReportSearch index.
///
/// Body terms are unprefixed (bigrams, run-final unigrams, words). Field terms carry an
/// upper-case ASCII prefix, which can never start a body term (body terms are folded to
/// lower case or start with a Han character).
///
/// | prefix | meaning                                         | kind     |
/// |--------|-------------------------------------------------|----------|
/// | `S`    | the section's own heading                       | weighted |
/// | `A`    | the ancestor headings                           | weighted |
/// | `T`    | the report title, on its first section only     | weighted |
/// | `T`    | alone: the first section of a report            | boolean  |
/// | `L`    | alone, other sections: the title's term count   | length   |
/// | `F`    | file path (all sections of a file)              | boolean  |
/// | `Y`    | year, e.g. `Y2020`                              | boolean  |
/// | `G`    | issuing agency, folded                          | boolean  |
/// | `P`    | each folder prefix of the path, e.g. `Pgov/`    | boolean  |
/// | `D`    | duplicate key of a section without signature    | boolean  |
/// | `B`    | MinHash band (``MinHashSignature/bandTerms``)   | boolean  |
enum IndexSchema {
    static let headingPrefix = "S"
    static let ancestorPrefix = "A"
    static let titlePrefix = "T"
    static let filePrefix = "F"
    static let yearPrefix = "Y"
    static let agencyPrefix = "G"
    static let folderPrefix = "P"
    static let duplicatePrefix = "D"
    static let bandPrefix = "B"
    /// Its wdf keeps the title in a section's length (``SectionDocumentBuilder``).
    static let titleLengthTerm = "L"

    /// `YYYY-MM-DD` (or shorter), sortable.
    static let dateSlot: UInt32 = 0
    /// The file path: the collapse key for "sections per report".
    static let fileSlot: UInt32 = 1
    // Slot 2 held the section order up to format 2; nothing read it.
    /// ``SectionRecord/sortKey``: breaks ties in relevance the same way in one index and in
    /// any sharding of it (docids, Xapian's own tie-break, differ between the two).
    static let tieSlot: UInt32 = 3
    /// ``DuplicateGroup/slotValue``, the key and the MinHash signature (empty: not
    /// grouped): one hit per group of reposts and near copies.
    static let groupSlot: UInt32 = 4
    /// On a report's first section only: how many sections the report has, in decimal. Its
    /// sections are written one after another, so they are the docids from the first
    /// section's on (``TitleBoost``).
    static let sectionCountSlot: UInt32 = 5

    /// Metadata: `file:<path>` → "<size> <mtime-ns> <ctime-ns> <inode> <sections>" of the indexed
    /// version (earlier indexes: "<size> <mtime-ns> <sections>"; see `FileState`).
    static let fileStateKeyPrefix = "file:"
    static let formatKey = "format"
    /// 5: section records carry the page a section starts on (PDF, OFD), and each section
    /// its duplicate group (``groupSlot``, the `D` term). 6: the group slot holds a MinHash
    /// signature after the key, and each band of it is a `B` term (near copies); only a
    /// section too short for a signature keeps the `D` term (``DuplicateGroup/terms``).
    static let formatValue = "reportsearch-6 bigram-nopos"
    /// Metadata: the corpus folders, one a line as `name<TAB>path` (see `CorpusRoots`).
    static let rootsKey = "roots"
    static let updatedKey = "updated"
    /// The synonym dictionary as imported (`term<TAB>a|b` lines), for readers of Xapian's
    /// synonym table that cannot see it: 1.4's remote backend serves no synonyms.
    static let synonymsKey = "synonyms"
    /// Sections and characters per year, agency and folder, with the document count and
    /// total length they describe (``CharacterTotals``): what `trend --per-10k` divides by.
    /// Indexes written before it have none; their next `index` run counts and stores them.
    static let charactersKey = "characters"
    /// Metadata of a search copy (``SearchCopy``): "SOURCE<TAB>TIME" it was published from
    /// and at; absent in an index that can be updated.
    static let searchCopyKey = "search-copy"

    /// The format an index was written in (empty for a database nothing was written to).
    static func storedFormat(of database: XapianDatabase) throws -> String {
        String(decoding: try database.metadata(formatKey), as: UTF8.self)
    }

    /// The one format check, for readers and writers: the index must be in this version's
    /// format, or be a database nothing was written to yet.
    static func checkFormat(of database: XapianDatabase, path: String) throws {
        let format = try storedFormat(of: database)
        let isNew = format.isEmpty ? try database.documentCount == 0 : false
        guard format == formatValue || isNew else {
            throw IndexOpenError.wrongFormat(index: path, found: format)
        }
    }
}
