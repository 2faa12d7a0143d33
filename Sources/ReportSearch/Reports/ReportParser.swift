import Foundation

/// Turns a file (or decoded text) into a ``Report``, one stage after the other:
///
/// ```
/// bytes → FormatDetector → the format's ReportExtractor → lines (ExtractedText)
///       → PageJunkFilter → ReportHeaderExtractor (title, date, agency) → SectionBuilder → passages
/// ```
///
/// ```swift
/// let report = try ReportParser.read(fileAt: url, relativePath: "a/b.txt", maxBytes: 64 << 20)
/// report.title              // "重庆市长寿区大数据应用发展管理局关于2020年法治政府建设情况的报告"
/// report.sections[2].path   // 一、工作推进情况 > (一)加强组织领导
/// ```
///
/// Line numbers in sections are 1-based lines of the decoded text (CRLF/CR count as one
/// line break); for HTML they are lines of the extracted text (``HTMLText/text``), for
/// Markdown lines of the file (the `#` markers are stripped from heading lines).
public enum ReportParser {
    /// Passage splitting used by ``parse(_:format:path:)``.
    public static let targetPassageCharacters = 1_500
    /// Sections longer than this (in characters) are split into passages.
    public static let maxSectionCharacters = 3_000

    /// Parses already-decoded text as `format` (HTML text extraction, Markdown heading
    /// markers). Formats that are not text once decoded (PDF, Word, OFD) have no text form
    /// here: their text, if given, is read as plain text.
    public static func parse(_ text: String, format: ReportFormat, path: String) -> Report {
        let extractor = ReportExtractors.extractor(for: format) as? any TextReportExtractor ?? PlainTextExtractor()
        return report(from: extractor.extract(text: text, path: path), path: path)
    }

    /// Reads a file, names its format from its bytes (``FormatDetector``) and parses it with
    /// that format's extractor.
    ///
    /// | file                                 | result                                              |
    /// |--------------------------------------|-----------------------------------------------------|
    /// | `a.txt`, `b.md`, `c.html` (any encoding) | a ``Report``                                     |
    /// | `x.txt` holding `%PDF-1.4…`           | throws `unsupportedFormat(path: "x.txt", format: .pdf)` |
    /// | `page.txt` holding `<!DOCTYPE html>…` | read as HTML                                        |
    /// | NUL bytes, nothing, > `maxBytes`      | throws `binary`, `empty`, `tooLarge`                |
    ///
    /// - Parameters:
    ///   - relativePath: the path shown in messages and used for the title fallback.
    ///   - maxBytes: files larger than this throw ``ReportError/tooLarge(path:bytes:limit:)``.
    public static func read(fileAt url: URL, relativePath: String, maxBytes: Int) throws -> Report {
        try read(fileAt: url, relativePath: relativePath, maxBytes: maxBytes, options: ExtractionOptions())
    }

    /// ``read(fileAt:relativePath:maxBytes:)`` with the run's settings (OCR of scanned pages).
    package static func read(fileAt url: URL, relativePath: String, maxBytes: Int, options: ExtractionOptions) throws -> Report {
        let bytes = try readBytes(url, path: relativePath, maxBytes: maxBytes)
        let format = FormatDetector.format(of: bytes, pathExtension: url.pathExtension)
        guard let extractor = ReportExtractors.extractor(for: format, options: options) else {
            throw ReportError.unsupportedFormat(path: relativePath, format: format)
        }
        return report(from: try extractor.extract(bytes, path: relativePath), path: relativePath)
    }

    /// Lines → page junk → title, date, agency → sections and passages.
    static func report(from extracted: ExtractedText, path: String) -> Report {
        let lines = extracted.lines
        let junk = PageJunkFilter.classify(lines)
        let header = ReportHeaderExtractor.extract(lines, junk: junk.junk, firstBody: junk.firstBody, hints: extracted.hints, path: path)
        var body: [ReportLine] = []
        body.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() where !line.isBlank && !junk.junk[i] && !header.dropped.contains(i) {
            body.append(line)
        }
        let splitter = PassageSplitter(targetCharacters: targetPassageCharacters, maxCharacters: maxSectionCharacters)
        let sections = SectionBuilder.build(body).flatMap { splitter.sections(from: $0) }
        return Report(title: header.title, date: header.date, year: header.date.flatMap(ReportDate.year(of:)),
                      agency: header.agency, documentNumber: header.documentNumber, sections: sections,
                      warnings: extracted.warnings, encoding: extracted.encoding)
    }

    static func readBytes(_ url: URL, path: String, maxBytes: Int) throws(ReportError) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw .unreadable(path: path, reason: "no such file or no permission")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw .unreadable(path: path, reason: "it is a directory")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes { throw .tooLarge(path: path, bytes: size, limit: maxBytes) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        if data.count > maxBytes { throw .tooLarge(path: path, bytes: data.count, limit: maxBytes) }
        if data.isEmpty { throw .empty(path: path) }
        return [UInt8](data)
    }
}
