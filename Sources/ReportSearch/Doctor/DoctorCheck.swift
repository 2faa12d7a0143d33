/// One line of `report-search doctor`: what was checked, whether it passed, and for a
/// failure what to install or run.
///
/// | check                          | line                                                                   |
/// |--------------------------------|------------------------------------------------------------------------|
/// | pdftotext found and converting | `✓ pdftotext: 22.12.0 at /usr/bin/pdftotext; read a one-page PDF`     |
/// | antiword missing               | `✗ antiword: not found (…) — install the Debian package antiword: …` |
/// | Tesseract missing (optional)   | `✗ tesseract (optional): not found (…) — install …`                  |
package struct DoctorCheck: Sendable, Equatable {
    /// What is checked: `pdftotext`, `OpenCC t2s`, `index format`.
    package var name: String
    package var passed: Bool
    /// A failed required check makes `doctor` exit 1; an optional one (OCR) does not.
    package var isRequired: Bool
    /// What was found: version and path, or what went wrong.
    package var detail: String
    /// For a failure: the package to install or the command to run.
    package var remedy: String?

    package init(name: String, passed: Bool, isRequired: Bool = true, detail: String, remedy: String? = nil) {
        self.name = name
        self.passed = passed
        self.isRequired = isRequired
        self.detail = detail
        self.remedy = remedy
    }

    /// A passed check.
    static func pass(_ name: String, _ detail: String, isRequired: Bool = true) -> DoctorCheck {
        DoctorCheck(name: name, passed: true, isRequired: isRequired, detail: detail)
    }

    /// A failed check with its remedy.
    static func fail(_ name: String, _ detail: String, remedy: String, isRequired: Bool = true) -> DoctorCheck {
        DoctorCheck(name: name, passed: false, isRequired: isRequired, detail: detail, remedy: remedy)
    }

    /// `✓ name: detail`, or `✗ name: detail — remedy`.
    package var line: String {
        let label = isRequired ? name : "\(name) (optional)"
        var text = "\(passed ? "✓" : "✗") \(label): \(detail)"
        if !passed, let remedy { text += " — \(remedy)" }
        return text
    }
}

/// All checks of one `doctor` run, in the order they were made.
package struct DoctorReport: Sendable, CustomStringConvertible {
    package var checks: [DoctorCheck]

    package init(checks: [DoctorCheck]) { self.checks = checks }

    /// True when a required check failed: `doctor` exits 1.
    package var hasRequiredFailure: Bool { checks.contains { $0.isRequired && !$0.passed } }

    /// The check named `name`, if it was made.
    package func check(named name: String) -> DoctorCheck? { checks.first { $0.name == name } }

    package var description: String { checks.map(\.line).joined(separator: "\n") }
}
