/// The last stage: the requested page of ranked candidates becomes ``SearchHit``s, each
/// with its stored record, its exactness (a relaxed hit may still hold every unit) and its
/// snippets, all from one folding of the section's text.
struct ResultPage {
    let collector: CandidateCollector
    let options: SearchOptions
    let needles: [String]

    func hits(_ ranked: [Candidate], matcher: ExactMatcher, folded: FoldedTexts) throws -> [SearchHit] {
        // When no unit occurs whole (a relaxed hit), its words are highlighted, else its
        // bigrams and Latin words; the words cost a term lookup per bigram, so only a page
        // with a relaxed hit looks them up.
        let tokenizer = Tokenizer()
        let fallbackTerms = needles.flatMap { tokenizer.tokens(in: $0).filter { $0.kind != .unigram }.map(\.term) }
        var fallbackWords: [String]?
        var hits: [SearchHit] = []
        for (i, var candidate) in ranked.dropFirst(options.offset).prefix(options.limit).enumerated() {
            let record = try collector.record(&candidate)
            let text = folded[candidate.sortKey] ?? NormalizedText.foldedScalars(record.text)
            let exact = candidate.exact ?? matcher.matches(folded: text)
            if !exact && fallbackWords == nil {
                fallbackWords = try needles.flatMap { try QueryWords.words(of: $0, frequency: collector.database.termFrequency) }
            }
            hits.append(SearchHit(
                rank: options.offset + i + 1, score: candidate.score, record: record, exact: exact,
                snippets: options.snippet.snippets(for: record.text, folded: text, needles: needles,
                                                   fallbackWords: exact ? [] : fallbackWords ?? [], fallbackTerms: fallbackTerms)))
        }
        return hits
    }
}
