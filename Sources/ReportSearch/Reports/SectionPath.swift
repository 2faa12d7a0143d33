/// The headings from the top of a report down to a section, numbering included as written.
///
/// | headings                                  | `joined`                               |
/// |-------------------------------------------|----------------------------------------|
/// | `[]` (the preamble)                        | `""`                                   |
/// | `["一、工作推进情况"]`                       | `一、工作推进情况`                        |
/// | `["一、工作推进情况", "（一）加强组织领导"]`  | `一、工作推进情况 > （一）加强组织领导`     |
public struct SectionPath: Hashable, Sendable {
    /// Separator used by ``joined`` (and by the CSV `section` column).
    public static let separator = " > "

    public var headings: [String]

    public init(_ headings: [String] = []) {
        self.headings = headings
    }

    /// The headings joined with `" > "`; empty for the preamble.
    public var joined: String { headings.joined(separator: SectionPath.separator) }

    /// The deepest heading, or `nil` for the preamble.
    public var last: String? { headings.last }
}

extension SectionPath: CustomStringConvertible {
    public var description: String { joined }
}
