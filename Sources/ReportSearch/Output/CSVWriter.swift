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
        var out: [UInt8] = []
        out.reserveCapacity(512)
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            append(cell, to: &out)
        }
        out += [0x0D, 0x0A]
        return String(decoding: out, as: UTF8.self)
    }

    public static func field(_ cell: Cell) -> String {
        var out: [UInt8] = []
        append(cell, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ cell: Cell, to out: inout [UInt8]) {
        var value: String
        switch cell {
        case .number(let n):
            value = n
        case .text(let t):
            value = t
            if let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D {
                value = "'" + value
            }
            if value.utf8.count > excelCellLimit && value.count > excelCellLimit {
                value = String(value.prefix(excelCellLimit - 1)) + "…"
            }
        }
        let bytes = Array(value.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            out += bytes
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
