/// The words a query unit typed without spaces is made of, read off the index: where two
/// words meet, the bigram that straddles them (算执 in 预算执行) is far rarer than the
/// bigrams on either side (预算, 执行), which are words of their own. A relaxed hit holds
/// only some of the unit, and these words are what its snippet highlights: 依法履行【审计】,
/// not 依法履【行审计】 (the bigrams 行审 and 审计 of 预算执行审计 touching).
///
/// Bigram document frequencies on gov-reports (11,396 sections) and the words they give:
///
/// | unit           | bigrams (sections holding each)                         | words                 |
/// |----------------|---------------------------------------------------------|-----------------------|
/// | 预算执行审计     | 预算 424, 算执 10, 执行 743, 行审 26, 审计 180           | 预算 执行 审计          |
/// | 城乡居民收入     | 城乡 797, 乡居 241, 居民 650, 民收 242, 收入 779         | 城乡 居民 收入          |
/// | 营商环境        | 营商 254, 商环 216, 环境 1573                            | 营商环境 (one word)     |
/// | 安全生产责任制   | 安全 2142, 全生 440, 生产 2304, 产责 35, 责任 926, 任制 174 | 安全 生产 责任制 (制 alone joins 责任) |
/// | 一网通办        | 一网 54, 网通 46, 通办 76                                | 一网通办               |
///
/// A bigram is a boundary when it occurs in fewer than ``boundaryRatio`` times as many
/// sections as the rarer of its neighbours (0.4 keeps 营商环境 0.85 and 一网通办 0.85
/// whole and cuts 城乡|居民 0.37). A piece of one character joins the piece before it (or
/// after it, at the start). Latin words and numbers are words already.
enum QueryWords {
    static let boundaryRatio = 0.4

    /// The words of the folded `unit`, in order; `frequency` gives a term's number of sections.
    static func words(of unit: String, frequency: (String) throws -> Int) rethrows -> [String] {
        let tokens = Tokenizer().tokens(in: unit)
        let scalars = Array(unit.unicodeScalars)
        var words: [String] = []
        var run: [Token] = []
        func flush() throws {
            defer { run = [] }
            guard !run.isEmpty else { return }
            let counts = try run.map { try frequency($0.term) }
            var pieces: [Range<Int>] = []
            var start = run[0].scalarRange.lowerBound
            for i in run.indices {
                let neighbours = [i > 0 ? counts[i - 1] : nil, i + 1 < run.count ? counts[i + 1] : nil].compactMap { $0 }
                guard let rarer = neighbours.min(), Double(counts[i]) < boundaryRatio * Double(rarer) else { continue }
                // Cut between the bigram's two characters.
                let cut = run[i].scalarRange.lowerBound + 1
                pieces.append(start..<cut)
                start = cut
            }
            pieces.append(start..<run[run.count - 1].scalarRange.upperBound)
            var joined: [Range<Int>] = []
            for piece in pieces {
                if let last = joined.last, piece.count == 1 || last.count == 1 {
                    joined[joined.count - 1] = last.lowerBound..<piece.upperBound
                } else {
                    joined.append(piece)
                }
            }
            for piece in joined {
                words.append(String(String.UnicodeScalarView(scalars[piece])))
            }
        }
        for token in tokens {
            switch token.kind {
            case .bigram:
                if let last = run.last, last.scalarRange.lowerBound + 1 != token.scalarRange.lowerBound { try flush() }
                run.append(token)
            case .word:
                try flush()
                words.append(token.term)
            case .unigram:
                break
            }
        }
        try flush()
        return words
    }
}
