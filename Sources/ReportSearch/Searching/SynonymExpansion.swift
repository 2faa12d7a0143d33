/// Rewrites a parsed query so that an unquoted word also matches its dictionary expansions:
/// the word becomes an OR of itself and each expansion, each of them a text unit that the
/// exact check proves like any other. Quoted phrases are never expanded.
///
/// | query               | dictionary                    | becomes                                   |
/// |---------------------|-------------------------------|-------------------------------------------|
/// | `放管服 改革`        | 放管服 → 简政放权, 放管结合     | and(or(放管服, "简政放权", "放管结合"), 改革) |
/// | `"放管服"`           | (same)                        | unchanged                                 |
/// | `-放管服`            | (same)                        | not(or(…)): excluding the word excludes all |
struct SynonymExpansion {
    let synonyms: [String: [String]]

    func expand(_ query: ParsedQuery) -> (query: ParsedQuery, applied: [AppliedSynonyms]) {
        var applied: [AppliedSynonyms] = []
        func rewrite(_ q: ParsedQuery) -> ParsedQuery {
            switch q {
            case .text(let t, quoted: false):
                guard let expansions = synonyms[CharacterFolding.shared.fold(t)], !expansions.isEmpty else { return q }
                if !applied.contains(where: { $0.term == t }) { applied.append(AppliedSynonyms(term: t, expansions: expansions)) }
                return .or([q] + expansions.map { .text($0, quoted: true) })
            case .and(let qs): return .and(qs.map(rewrite))
            case .or(let qs): return .or(qs.map(rewrite))
            case .not(let inner): return .not(rewrite(inner))
            default: return q
            }
        }
        guard !synonyms.isEmpty else { return (query, []) }
        return (rewrite(query), applied)
    }
}

/// A query word that the synonym dictionary expanded, for the header and --explain.
public struct AppliedSynonyms: Equatable, Sendable {
    public var term: String
    public var expansions: [String]

    /// `放管服 also matched 简政放权, 放管结合, 优化服务`
    public var description: String { "\(term) also matched \(expansions.joined(separator: ", "))" }
}
