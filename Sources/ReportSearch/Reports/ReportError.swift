import Foundation

/// Why a file could not be turned into a ``Report``. The indexer skips the file, counts it
/// and names it in its summary; nothing here is fatal for a corpus run.
///
/// | case            | example message                                                         |
/// |-----------------|-------------------------------------------------------------------------|
/// | `binary`        | `a.txt: looks like a binary file (NUL bytes); skipped — …`               |
/// | `empty`         | `b.txt: the file is empty (no text after decoding); skipped`             |
/// | `tooLarge`      | `c.txt: 300000000 bytes exceeds the limit of 104857600 bytes; …`         |
/// | `unsupportedFormat` | `d.pdf: PDF files (pdf) are not read yet; skipped — convert the file to …` |
public enum ReportError: Error, LocalizedError, Equatable, Sendable {
    /// The bytes are not text (NUL bytes or mostly control characters).
    case binary(path: String)
    /// The file could not be read (permissions, vanished, is a directory…).
    case unreadable(path: String, reason: String)
    /// The file has no text (zero bytes, or only whitespace after decoding).
    case empty(path: String)
    /// The file is larger than the configured limit.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The bytes decode to nothing usable in any supported encoding.
    case undecodable(path: String)
    /// The file is in a format that has no extractor (see ``ReportExtractors``): PDF, Word
    /// and OFD for now, or a container that is not a report format (ZIP, other Office files).
    case unsupportedFormat(path: String, format: ReportFormat)

    public var errorDescription: String? {
        switch self {
        case .binary(let path):
            return "\(path): looks like a binary file (NUL bytes or control characters), not a text report; skipped — convert it to .txt, .md or .html to index it"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that the file exists and is readable"
        case .empty(let path):
            return "\(path): the file is empty (no text after decoding); skipped"
        case .tooLarge(let path, let bytes, let limit):
            return "\(path): \(bytes) bytes exceeds the limit of \(limit) bytes; split the file or raise the size limit"
        case .undecodable(let path):
            return "\(path): the bytes are neither UTF-8, UTF-16 with a BOM nor GB18030/GBK text; re-save the file as UTF-8"
        case .unsupportedFormat(let path, let format) where format.isPlannedReportFormat:
            return "\(path): \(format.displayName) files (\(format.rawValue)) are not read yet; skipped — convert the file to .txt, .md or .html to index it"
        case .unsupportedFormat(let path, .other):
            return "\(path): its name says it is not a report (only text, Markdown and HTML are read); skipped — rename it to .txt if it is a report"
        case .unsupportedFormat(let path, let format):
            return "\(path): \(format.displayName) (\(format.rawValue)) are not read; skipped — save the reports inside as .txt, .md or .html to index them"
        }
    }

    /// The path the error is about.
    public var path: String {
        switch self {
        case .binary(let path), .unreadable(let path, _), .empty(let path),
             .tooLarge(let path, _, _), .undecodable(let path), .unsupportedFormat(let path, _):
            return path
        }
    }
}
