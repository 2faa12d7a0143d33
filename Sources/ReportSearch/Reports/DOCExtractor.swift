/// Word 97–2003 `.doc` and WPS files (OLE2) through `antiword`, run as a child process
/// with a time limit, `LC_ALL=C.UTF-8`, UTF-8 output (`-m UTF-8.txt`) and no wrapping
/// (`-w 0`): one paragraph per line, as in the plain text.
///
/// | file                            | result                                             |
/// |---------------------------------|----------------------------------------------------|
/// | a Word 97 document              | its paragraphs, one per line                        |
/// | antiword not installed          | throws `missingHelper` ("install antiword")         |
/// | antiword fails (damaged file)   | throws `damaged` with antiword's message            |
/// | still running after the limit   | killed; throws `extractionTimedOut`                 |
struct DOCExtractor: ReportExtractor {
    var format: ReportFormat { .doc }
    /// `antiword` on `PATH`, or a path (tests point it at a missing program).
    var executable = "antiword"
    var timeoutSeconds: Double = 60

    var program: HelperProgram {
        HelperProgram(name: "antiword", package: "antiword", executable: executable, timeoutSeconds: timeoutSeconds,
                      environment: ["LC_ALL": "C.UTF-8"])
    }

    func extract(_ bytes: [UInt8], path: String) throws(ReportError) -> ExtractedText {
        let output = try program.run(on: bytes, fileExtension: "doc", arguments: { ["-m", "UTF-8.txt", "-w", "0", $0] }, path: path)
        guard output.status == 0 else {
            let message = output.stderr.split(separator: "\n").last.map { String($0.prefix(100)) } ?? "antiword failed"
            if message.localizedCaseInsensitiveContains("encrypt") || message.localizedCaseInsensitiveContains("password") {
                throw .encrypted(path: path, format: .doc)
            }
            throw .damaged(path: path, format: .doc, reason: message)
        }
        let text = String(decoding: output.stdout, as: UTF8.self)
        let lines = ReportLine.lines(of: text)
        guard lines.contains(where: { !$0.isBlank }) else { throw .empty(path: path) }
        return ExtractedText(lines: lines, encoding: "UTF-8")
    }
}
