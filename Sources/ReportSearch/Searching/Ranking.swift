/// Everything that decides the order of hits, in one place: Xapian's BM25 settings, the
/// weight of each field, the proximity bonus read off the stored text, and the tie order.
///
/// | part                 | value                                                        |
/// |----------------------|--------------------------------------------------------------|
/// | BM25                 | k1 1.2, b 0.75, lengths below 0.9 of the average count as 0.9 |
/// | field boosts         | heading ×2.0, title ×0.6, ancestor headings ×0.6 (AND_MAYBE) |
/// | proximity            | one sentence ×1.4, one paragraph ×1.2; in typed order ×1.15  |
/// | ties                 | equal scores by section key (path, line, passage)            |
enum Ranking {
    /// The floor on the normalized length keeps a short passing mention (a one-line purpose
    /// statement, a list of industries) from outweighing a paragraph about the topic only
    /// for being short: 0.8 → 0.9 moved topical nDCG@10 0.891 → 0.895 (5 queries up, 2
    /// down), known-item MRR@10 unchanged (README, Measuring ranking).
    static let bm25 = XapianEnquire.BM25(k1: 1.2, b: 0.75, minNormalizedLength: 0.9)

    /// Headings and ancestor headings add weight to a text unit's matches.
    static let fieldBoosts: [(prefix: String, factor: Double)] = [
        (IndexSchema.headingPrefix, 2.0), (IndexSchema.ancestorPrefix, 0.6),
    ]

    /// A word in the report's title adds this times its idf over reports to each of the
    /// report's sections (``TitleBoost``).
    static let titleBoost = 0.6

    /// A few more candidates than shown, so that ties at the cut are ordered by key, not by docid.
    static let tieMargin = 10

    /// Exact hits re-ranked by proximity: how many Xapian ranks are looked at first. More
    /// are read until no candidate below them could reach the page after its bonus
    /// (see `ExactSearch`).
    static let rerankDepth = 50

    /// The largest proximity factor: one sentence, in the order typed.
    static let maxProximityFactor = 1.4 * inOrderFactor

    /// A span holding every word in the order typed counts a little more (an ordered
    /// window, as in Indri's #od or Xapian's OP_PHRASE versus OP_NEAR), never as much as
    /// the next tighter span: 1.2 × 1.15 < 1.4.
    static let inOrderFactor = 1.15

    /// 。！？； and their ASCII forms (folding maps full-width ！？； to ASCII).
    static let sentenceEnds: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B]

    /// Equal scores are ordered by section key, not by Xapian's docid, so one index and any
    /// sharding of it (where docids differ) list the same sections in the same order.
    static func orderByScoreThenKey(_ hits: inout [Candidate]) {
        hits.sort { a, b in
            let (x, y) = (scoreKey(a.score), scoreKey(b.score))
            return x != y ? x > y : a.sortKey.lexicographicallyPrecedes(b.sortKey)
        }
    }

    /// Scores compared in steps of 1e-9, so that the last bits of a sum (which differ with
    /// the order Xapian adds a shard's weights) count as a tie, ordered by key. Rounding to a
    /// grid keeps the order a strict weak order (a tolerance would not be transitive, and
    /// the sort's result would then depend on the input's docid order).
    static func scoreKey(_ score: Double) -> Int64 {
        let scaled = (score * 1e9).rounded()
        if scaled.isNaN { return .min }
        if scaled >= 9.2e18 { return .max }
        return scaled <= -9.2e18 ? .min : Int64(scaled)
    }

    /// Keeps at most `perDocument` sections of each report (0: all), in the given order:
    /// what Xapian's collapse does, applied after re-ranking.
    static func capPerFile(_ hits: [Candidate], perDocument: Int) -> [Candidate] {
        guard perDocument > 0 else { return hits }
        var seen: [[UInt8]: Int] = [:]
        return hits.filter { hit in
            let file = hit.file ?? hit.sortKey
            seen[file, default: 0] += 1
            return seen[file, default: 0] <= perDocument
        }
    }

    /// Words a person types together usually stand together in the section they mean: a
    /// weight bonus when every query word occurs in one sentence (×1.4) or one paragraph
    /// (×1.2), ×1.15 more when they stand there in the order typed. Position-less terms
    /// cannot tell Xapian this, the stored text can. `needles` are in query order.
    static func proximityFactor(_ text: String, needles: [String]) -> Double {
        proximityFactor(folded: NormalizedText.foldedScalars(text), needles: needles.map { $0.unicodeScalars.map(\.value) })
    }

    /// The same over folded scalars: each needle's occurrences are found once, then a
    /// sentence (paragraph) qualifies when it holds an occurrence of every needle.
    static func proximityFactor(folded: [UInt32], needles: [[UInt32]]) -> Double {
        // Sentence and paragraph number of every position.
        var sentence = [Int32](repeating: 0, count: folded.count)
        var paragraph = [Int32](repeating: 0, count: folded.count)
        var s: Int32 = 0, p: Int32 = 0
        for (i, v) in folded.enumerated() {
            sentence[i] = s
            paragraph[i] = p
            if v == 0x0A { p += 1; s += 1 } else if sentenceEnds.contains(v) { s += 1 }
        }
        let occurrences = needles.map { ExactMatcher.occurrences(of: $0, in: folded) }
        var sentences: Set<Int32>? = nil, paragraphs: Set<Int32>? = nil
        for found in occurrences {
            var inSentence = Set<Int32>(), inParagraph = Set<Int32>()
            for r in found {
                if sentence[r.lowerBound] == sentence[r.upperBound - 1] { inSentence.insert(sentence[r.lowerBound]) }
                if paragraph[r.lowerBound] == paragraph[r.upperBound - 1] { inParagraph.insert(paragraph[r.lowerBound]) }
            }
            sentences = sentences.map { $0.intersection(inSentence) } ?? inSentence
            paragraphs = paragraphs.map { $0.intersection(inParagraph) } ?? inParagraph
        }
        func inOrder(_ unit: [Int32], _ id: Int32) -> Bool {
            var after = -1
            for found in occurrences {
                guard let r = found.first(where: { $0.lowerBound > after && unit[$0.lowerBound] == id }) else { return false }
                after = r.upperBound - 1
            }
            return true
        }
        if let sentences, !sentences.isEmpty { return sentences.contains { inOrder(sentence, $0) } ? 1.4 * inOrderFactor : 1.4 }
        if let paragraphs, !paragraphs.isEmpty { return paragraphs.contains { inOrder(paragraph, $0) } ? 1.2 * inOrderFactor : 1.2 }
        return 1.0
    }
}
