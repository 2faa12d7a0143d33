/// Text decoded from a file's bytes, with the encoding that was used and what went wrong.
///
/// | bytes                              | `encoding`  | `warnings`                                   |
/// |------------------------------------|-------------|----------------------------------------------|
/// | `EF BB BF E6 B3 95 0D 0A`          | `UTF-8`     | none; text is `法\n` (BOM dropped, CRLF → LF) |
/// | `FF FE D5 6C`                      | `UTF-16LE`  | none; text is `法`                            |
/// | `B7 A8 D6 CE` (GBK)                | `GB18030`   | none; text is `法治`                          |
/// | `E6 B3 95 FF`                      | `UTF-8`     | `x.txt: invalid UTF-8 at byte offset 3 …`     |
struct DecodedText: Sendable, Equatable {
    /// The text, with CRLF and lone CR normalised to LF and any BOM removed.
    var text: String
    /// The encoding the bytes were read as: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`,
    /// or the name declared by an HTML page and understood by iconv.
    var encoding: String
    /// One message per problem (invalid bytes replaced with U+FFFD), naming the file and the
    /// byte offset; capped at ``TextDecoding/maxWarnings`` plus a summary line.
    var warnings: [String]

    init(text: String, encoding: String, warnings: [String] = []) {
        self.text = text
        self.encoding = encoding
        self.warnings = warnings
    }
}
