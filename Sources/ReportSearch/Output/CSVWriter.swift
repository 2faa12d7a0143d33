/// RFC 4180 CSV, safe to open in Excel.
///
/// | cell                 | written as            | why                                  |
/// |----------------------|-----------------------|--------------------------------------|
/// | `a,b`                | `"a,b"`               | comma                                |
/// | `say "hi"`           | `"say ""hi"""`        | quotes doubled                       |
/// | `=SUM(A1)`           | `'=SUM(A1)`           | formula injection guard (text cells) |
/// | `-3.2%` (text cell)  | `'-3.2%`              | same guard                           |
/// | 40,000 characters    | 32,766 + `…`          | Excel's cell limit is 32,767         |
public enum CSVWriter {
    public static let excelCellLimit = 32_767
    /// UTF-8 byte order mark: lets Excel on a Chinese Windows machine detect UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    public enum Cell {
        case text(String)
        case number(String)
    }

    public static func row(_ cells: [Cell]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ cell: Cell) -> String {
        var value: String
        switch cell {
        case .number(let n):
            value = n
        case .text(let t):
            value = t
            if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                value = "'" + value
            }
            if value.utf8.count > excelCellLimit && value.count > excelCellLimit {
                value = String(value.prefix(excelCellLimit - 1)) + "…"
            }
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return value }
        var quoted = "\""
        for (i, part) in value.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { quoted += "\"\"" }
            quoted += part
        }
        quoted += "\""
        return quoted
    }
}
