import Foundation

/// A tab-separated file with a header row, as the evaluation files are: columns by name,
/// rows as fields; CRLF line ends and blank lines are accepted.
///
/// | text                          | `column("query")` | `rows`              |
/// |-------------------------------|-------------------|---------------------|
/// | `qid\tquery\nd1\t税\n`          | 1                 | `[["d1", "税"]]`     |
struct TSVTable {
    let name: String
    let header: [String]
    /// Each data row with its 1-based line number in the file.
    let rows: [(line: Int, fields: [String])]

    init(_ text: String, name: String) {
        self.name = name
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .filter { !$0.element.allSatisfy(\.isWhitespace) }
            .map { (line: $0.offset + 1, fields: $0.element.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)) }
        let first = lines.isEmpty ? [] : lines.removeFirst().fields
        header = first.map { $0.trimmingCharacters(in: .init(charactersIn: "\u{FEFF} ")) }
        rows = lines
    }

    /// The index of a column the file must have.
    func column(_ column: String, required: [String]) throws -> Int {
        guard let i = header.firstIndex(of: column) else {
            throw QuerySyntaxError(message: "\(name) has no '\(column)' column; its header row needs \(required.joined(separator: ", "))")
        }
        return i
    }

    /// A row's field, or a usage error naming the line.
    func field(_ row: (line: Int, fields: [String]), _ index: Int) throws -> String {
        guard index < row.fields.count else {
            throw QuerySyntaxError(message: "\(name) line \(row.line): expected \(header.count) tab-separated fields, found \(row.fields.count)")
        }
        return row.fields[index]
    }

    /// A row's integer field, or a usage error naming the line and column.
    func integer(_ row: (line: Int, fields: [String]), _ index: Int) throws -> Int {
        guard let value = Int(try field(row, index).trimmingCharacters(in: .whitespaces)) else {
            throw QuerySyntaxError(message: "\(name) line \(row.line): '\(header[index])' must be a whole number")
        }
        return value
    }
}
