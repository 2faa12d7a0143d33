import Foundation

/// Turns a file (or decoded text) into a ``Report``: decoding → text extraction (HTML,
/// Markdown) → page-junk removal → title/date/agency → section tree → passages.
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

    /// Parses already-decoded text (format decides HTML extraction / markdown).
    public static func parse(_ text: String, format: ReportFormat, path: String) -> Report {
        var source = text
        var hints: HTMLText?
        if format == .html {
            let extracted = HTMLTextExtractor.extract(text)
            source = extracted.text
            hints = extracted
        }
        var lines = ReportLine.lines(of: source)
        if format == .markdown {
            for i in lines.indices { lines[i] = strippingMarkdownHeading(lines[i]) }
        }
        let junk = PageJunkFilter.classify(lines)
        let header = ReportHeaderExtractor.extract(lines, junk: junk.junk, firstBody: junk.firstBody, hints: hints, path: path)
        var body: [ReportLine] = []
        body.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() where !line.isBlank && !junk.junk[i] && !header.dropped.contains(i) {
            body.append(line)
        }
        let splitter = PassageSplitter(targetCharacters: targetPassageCharacters, maxCharacters: maxSectionCharacters)
        let sections = SectionBuilder.build(body).flatMap { splitter.sections(from: $0) }
        return Report(title: header.title, date: header.date, year: header.date.flatMap(ReportDate.year(of:)),
                      agency: header.agency, documentNumber: header.documentNumber, sections: sections,
                      warnings: [], encoding: "UTF-8")
    }

    /// Reads, decodes and parses a file; throws ReportError for binary/empty/too large/unreadable.
    ///
    /// - Parameters:
    ///   - relativePath: the path shown in messages and used for the format and title fallback.
    ///   - maxBytes: files larger than this throw ``ReportError/tooLarge(path:bytes:limit:)``.
    public static func read(fileAt url: URL, relativePath: String, maxBytes: Int) throws -> Report {
        let bytes = try readBytes(url, path: relativePath, maxBytes: maxBytes)
        let format = ReportFormat(pathExtension: url.pathExtension) ?? .text
        let declared = format == .html ? TextDecoding.declaredHTMLCharset(bytes) : nil
        let decoded = try TextDecoding.decode(bytes, path: relativePath, declaredEncoding: declared)
        var report = parse(decoded.text, format: format, path: relativePath)
        report.encoding = decoded.encoding
        report.warnings = decoded.warnings + report.warnings
        return report
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

    /// `## 一、主要工作成效` → `一、主要工作成效`; `# 标题 #` → `标题`.
    static func strippingMarkdownHeading(_ line: ReportLine) -> ReportLine {
        guard line.text.hasPrefix("#") else { return line }
        var rest = line.text
        var hashes = 0
        while rest.first == "#", hashes < 7 { rest = rest.dropFirst(); hashes += 1 }
        guard hashes <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return line }
        var text = ReportLine.trimmed(rest)
        while text.last == "#" { text = text.dropLast() }
        return ReportLine(number: line.number, text: ReportLine.trimmed(text))
    }
}
