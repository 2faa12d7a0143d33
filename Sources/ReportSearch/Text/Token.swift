/// One term produced by the ``Tokenizer``: the single currency between text, index,
/// query and highlights.
package struct Token: Equatable, Hashable, Sendable {
    package enum Kind: Sendable, Hashable {
        /// Two adjacent Han characters: `法治`.
        case bigram
        /// The last Han character of a run (or a run of one): `年` in `2020年`.
        /// Together with the bigrams that start with it, it lets a one-character query find
        /// every section holding that character.
        case unigram
        /// A Latin word or a number: `gdp`, `5g`, `6.5`, `1,000`.
        case word
    }

    /// The indexed term (folded text).
    package var term: String
    /// Index in the token stream. Bigrams of one run and the words and runs glued to them
    /// have consecutive positions; punctuation, spaces and line breaks leave a gap.
    package var position: Int
    /// Range of folded scalars (see ``NormalizedText``) the token covers.
    package var scalarRange: Range<Int>
    /// Range in the original text's UTF-8 bytes.
    package var utf8Range: Range<Int>
    package var kind: Kind

    package init(term: String, position: Int, scalarRange: Range<Int>, utf8Range: Range<Int>, kind: Kind) {
        self.term = term
        self.position = position
        self.scalarRange = scalarRange
        self.utf8Range = utf8Range
        self.kind = kind
    }
}
