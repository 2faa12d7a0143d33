import Foundation

/// A user dictionary of abbreviations and synonyms: `term<TAB>expansion|expansion…` lines,
/// blank lines and `#` comments allowed. Terms and expansions are folded (width, case,
/// Traditional → Simplified) as the index folds text.
///
/// | line                                   | entry                                   |
/// |----------------------------------------|-----------------------------------------|
/// | `放管服\t简政放权|放管结合|优化服务`      | 放管服 → [简政放权, 放管结合, 优化服务]   |
/// | `# 常用缩略语`                          | (comment)                               |
/// | `双减 义务教育`                         | error: line N has no TAB                |
///
/// Stored in Xapian's synonym table (`WritableDatabase::add_synonym`) and, as these lines,
/// in the metadata key ``IndexSchema/synonymsKey``: Xapian 1.4's remote backend serves no
/// synonym table, so a search over remote shards reads the metadata copy.
public struct SynonymDictionary: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var term: String
        public var expansions: [String]
    }

    /// In file order, one entry per term (a later line for the same term replaces it).
    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        for entry in entries { set(entry) }
    }

    public var byTerm: [String: [String]] {
        Dictionary(entries.map { ($0.term, $0.expansions) }, uniquingKeysWith: { $1 })
    }

    mutating func set(_ entry: Entry) {
        if let i = entries.firstIndex(where: { $0.term == entry.term }) { entries[i] = entry } else { entries.append(entry) }
    }

    /// Parses dictionary text; `source` names the file in error messages.
    public static func parse(_ text: String, source: String) throws -> SynonymDictionary {
        var dictionary = SynonymDictionary()
        let folding = CharacterFolding.shared
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if i == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            func bad(_ reason: String) -> SynonymDictionaryError {
                .malformedLine(source: source, line: i + 1, reason: reason)
            }
            guard parts.count == 2 else {
                throw bad(parts.count < 2 ? "no TAB between the term and its expansions" : "more than one TAB")
            }
            let term = folding.fold(parts[0].trimmingCharacters(in: .whitespaces))
            guard !term.isEmpty, !term.contains(" ") else { throw bad("the term is empty or has a space") }
            let expansions = parts[1].split(separator: "|", omittingEmptySubsequences: false)
                .map { folding.fold($0.trimmingCharacters(in: .whitespaces)) }
            guard !expansions.contains(where: \.isEmpty) else { throw bad("an expansion between | is empty") }
            var unique: [String] = []
            for e in expansions where e != term && !unique.contains(e) { unique.append(e) }
            guard !unique.isEmpty else { throw bad("no expansion other than the term itself") }
            dictionary.set(Entry(term: term, expansions: unique))
        }
        return dictionary
    }

    /// The dictionary as lines, the format ``parse(_:source:)`` reads.
    public var text: String {
        entries.map { "\($0.term)\t\($0.expansions.joined(separator: "|"))\n" }.joined()
    }

    /// The dictionary stored in one database: its synonym table, else (a remote shard) the
    /// metadata copy.
    static func stored(in database: XapianDatabase) throws -> SynonymDictionary {
        var dictionary = SynonymDictionary()
        for term in try database.synonymKeys() {
            dictionary.set(Entry(term: term, expansions: try database.synonyms(of: term)))
        }
        let text = String(decoding: try database.metadata(IndexSchema.synonymsKey), as: UTF8.self)
        guard !text.isEmpty, let copy = try? parse(text, source: IndexSchema.synonymsKey) else { return dictionary }
        guard !dictionary.entries.isEmpty else { return copy }
        // The table keeps expansions in byte order; the copy keeps them as the user wrote them.
        let written = copy.byTerm
        for i in dictionary.entries.indices {
            if let order = written[dictionary.entries[i].term], Set(order) == Set(dictionary.entries[i].expansions) {
                dictionary.entries[i].expansions = order
            }
        }
        return dictionary
    }
}

/// A dictionary the user must fix or cannot import; exit code 64.
public enum SynonymDictionaryError: Error, LocalizedError, Equatable {
    case malformedLine(source: String, line: Int, reason: String)
    case cannotRead(String)
    case remoteShard(String)

    public var errorDescription: String? {
        switch self {
        case .malformedLine(let source, let line, let reason):
            "\(source) line \(line): \(reason); write `term<TAB>expansion|expansion`"
        case .cannotRead(let path):
            "cannot read the dictionary \(path); check the path (UTF-8 text)"
        case .remoteShard(let label):
            "cannot import synonyms into \(label): import into the shard's database on the machine that serves it"
        }
    }
}
