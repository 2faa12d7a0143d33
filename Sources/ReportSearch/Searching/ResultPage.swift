/// The last stage: the requested page of ranked candidates becomes ``SearchHit``s, each
/// with its stored record, its exactness (a relaxed hit may still hold every unit) and its
/// snippets, all from one folding of the section's text.
struct ResultPage {
    let collector: CandidateCollector
    let options: SearchOptions
    let needles: [String]

    func hits(_ ranked: [Candidate], matcher: ExactMatcher, folded: FoldedTexts) throws -> [SearchHit] {
        // When no unit occurs whole (a relaxed hit), its bigrams and words are highlighted.
        let tokenizer = Tokenizer()
        let fallback = needles.flatMap { tokenizer.tokens(in: $0).filter { $0.kind != .unigram }.map(\.term) }
        var hits: [SearchHit] = []
        for (i, var candidate) in ranked.dropFirst(options.offset).prefix(options.limit).enumerated() {
            let record = try collector.record(&candidate)
            let text = folded[candidate.sortKey] ?? NormalizedText.foldedScalars(record.text)
            hits.append(SearchHit(
                rank: options.offset + i + 1, score: candidate.score, record: record,
                exact: candidate.exact ?? matcher.matches(folded: text),
                snippets: options.snippet.snippets(for: record.text, folded: text, needles: needles, fallbackTerms: fallback)))
        }
        return hits
    }
}
