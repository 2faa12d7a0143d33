import Foundation
import ZIPFoundation

/// A ZIP container (DOCX, OFD) opened from bytes in memory with ZIPFoundation; members
/// are read by path, each up to a size limit, so a ZIP bomb cannot exhaust memory.
///
/// | bytes                          | result                                               |
/// |--------------------------------|------------------------------------------------------|
/// | a DOCX                         | `member("word/document.xml")` → its XML bytes        |
/// | a ZIP without that member      | `member(…)` → `nil`                                   |
/// | not a ZIP, or cut short        | `init` throws `damaged(… "not a readable ZIP archive")` |
/// | a member that fails its CRC    | `member(…)` throws `damaged(… "corrupt member …")`     |
struct ZIPContainer {
    /// The largest member read, uncompressed.
    static let maxMemberBytes = 256 << 20

    let archive: Archive
    let path: String
    let format: ReportFormat

    init(_ bytes: [UInt8], path: String, format: ReportFormat) throws(ReportError) {
        self.path = path
        self.format = format
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .damaged(path: path, format: format, reason: "not a readable ZIP archive")
        }
        // ZIPFoundation opens an archive whose central directory is missing as empty.
        guard archive.makeIterator().next() != nil else {
            throw .damaged(path: path, format: format, reason: "not a readable ZIP archive")
        }
    }

    /// The bytes of the member at `memberPath` (leading `/` ignored), or `nil` when absent.
    func member(_ memberPath: String) throws(ReportError) -> [UInt8]? {
        let wanted = memberPath.hasPrefix("/") ? String(memberPath.dropFirst()) : memberPath
        guard let entry = archive[wanted] ?? archive.first(where: { $0.path.lowercased() == wanted.lowercased() }) else {
            return nil
        }
        guard entry.uncompressedSize <= UInt64(Self.maxMemberBytes) else {
            throw .tooLarge(path: "\(path): \(wanted)", bytes: Int(clamping: entry.uncompressedSize), limit: Self.maxMemberBytes)
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw .damaged(path: path, format: format, reason: "corrupt member \(wanted)")
        }
        return [UInt8](data)
    }
}
