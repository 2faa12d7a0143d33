import Foundation

/// Why a file could not be turned into a ``Report``. The indexer skips the file, counts it
/// and names it in its summary; nothing here is fatal for a corpus run.
///
/// | case            | example message                                                         |
/// |-----------------|-------------------------------------------------------------------------|
/// | `binary`        | `a.txt: looks like a binary file (NUL bytes); skipped — …`               |
/// | `empty`         | `b.txt: the file is empty (no text after decoding); skipped`             |
/// | `tooLarge`      | `c.txt: 300000000 bytes exceeds the limit of 104857600 bytes; …`         |
/// | `unsupportedFormat` | `d.zip: ZIP archives (zip) are not read; skipped — save the reports inside as …` |
/// | `missingHelper` | `e.pdf: reading PDF needs pdftotext, which is not installed; install poppler-utils …` |
/// | `extractionTimedOut` | `f.pdf: extraction timed out after 60 s (pdftotext was stopped); skipped — …` |
/// | `encrypted`     | `g.pdf: the PDF is encrypted or password-protected; skipped — save an unprotected copy …` |
/// | `damaged`       | `h.docx: damaged Word file (not a readable ZIP archive); skipped — …`    |
/// | `noTextLayer`   | `scan.pdf: no text layer: scanned? index with --ocr`                     |
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
    /// The helper program that reads the format is not installed.
    case missingHelper(path: String, program: String, package: String)
    /// The helper program ran longer than its time limit and was killed.
    case extractionTimedOut(path: String, program: String, seconds: Double)
    /// The file is encrypted or password-protected (a PDF with a user password, an
    /// encrypted Office file that is an OLE2 container named `.docx`).
    case encrypted(path: String, format: ReportFormat)
    /// The file is truncated or corrupt; `reason` says what is wrong in a few words.
    case damaged(path: String, format: ReportFormat, reason: String)
    /// The pages are images without text (a scan).
    case noTextLayer(path: String, format: ReportFormat)

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
        case .missingHelper(let path, let program, let package):
            return "\(path): reading it needs \(program), which is not installed; install \(package) (scripts/setup.sh does) and index again"
        case .extractionTimedOut(let path, let program, let seconds):
            return "\(path): extraction timed out after \(Self.seconds(seconds)) s (\(program) was stopped); skipped — check the file, or convert it to .txt"
        case .encrypted(let path, let format):
            return "\(path): the \(format.displayName) file is encrypted or password-protected; skipped — save an unprotected copy to index it"
        case .damaged(let path, let format, let reason):
            return "\(path): damaged \(format.displayName) file (\(reason)); skipped — open and re-save it, or get an intact copy"
        case .noTextLayer(let path, _):
            return "\(path): no text layer: scanned? index with --ocr"
        }
    }

    /// The path the error is about.
    public var path: String {
        switch self {
        case .binary(let path), .unreadable(let path, _), .empty(let path),
             .tooLarge(let path, _, _), .undecodable(let path), .unsupportedFormat(let path, _),
             .missingHelper(let path, _, _), .extractionTimedOut(let path, _, _), .encrypted(let path, _),
             .damaged(let path, _, _), .noTextLayer(let path, _):
            return path
        }
    }

    /// `60` for 60.0, `0.5` for 0.5.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A few words for the index summary, for the errors of the binary formats' extractors:
    ///
    /// | error                  | reason                                        |
    /// |------------------------|-----------------------------------------------|
    /// | `missingHelper`        | `needs pdftotext: install poppler-utils`      |
    /// | `extractionTimedOut`   | `extraction timed out after 60 s`             |
    /// | `encrypted`            | `encrypted or password-protected pdf`         |
    /// | `damaged`              | `damaged docx: not a readable ZIP archive`    |
    /// | `noTextLayer`          | `no text layer: scanned? index with --ocr`    |
    var extractionReason: String? {
        switch self {
        case .missingHelper(_, let program, let package): "needs \(program): install \(package)"
        case .extractionTimedOut(_, _, let seconds): "extraction timed out after \(Self.seconds(seconds)) s"
        case .encrypted(_, let format): "encrypted or password-protected \(format.rawValue)"
        case .damaged(_, let format, let reason): "damaged \(format.rawValue): \(reason)"
        case .noTextLayer: "no text layer: scanned? index with --ocr"
        default: nil
        }
    }
}
