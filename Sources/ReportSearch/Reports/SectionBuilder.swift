/// A section before passage splitting: its heading path and its body lines.
struct SectionDraft {
    var path: SectionPath
    var heading: String?
    var level: Int
    var lines: [ReportLine]
}

/// Builds the section tree from body lines (junk, title and metadata already removed).
///
/// Levels come from the order in which heading styles appear, with a stack: a style seen
/// before pops back to its level; a new style nests under the current heading. So numbering
/// that restarts under each parent, and skipped levels, need no special cases:
///
/// | lines in order      | style stack after          | level | path                          |
/// |---------------------|----------------------------|-------|-------------------------------|
/// | `一、总体要求`        | 一、                        | 1     | 一、总体要求                    |
/// | `（一）指导思想`      | 一、 （一）                  | 2     | 一、总体要求 > （一）指导思想     |
/// | `1.强化用地保障`      | 一、 （一） 1.               | 3     | … > （一）指导思想 > 1.强化用地保障 |
/// | `二、重点任务`        | 一、                        | 1     | 二、重点任务                    |
/// | `1.深化改革`          | 一、 1.                     | 2     | 二、重点任务 > 1.深化改革          |
///
/// Text before the first heading is the preamble: level 0, empty path, no heading.
enum SectionBuilder {
    static func build(_ lines: [ReportLine]) -> [SectionDraft] {
        var drafts: [SectionDraft] = []
        var stack: [(style: HeadingStyle, title: String)] = []
        var current = SectionDraft(path: SectionPath(), heading: nil, level: 0, lines: [])
        for line in lines {
            guard let match = HeadingDetector.match(line.text) else {
                current.lines.append(line)
                continue
            }
            if !current.lines.isEmpty { drafts.append(current) }
            if let index = stack.lastIndex(where: { $0.style == match.style }) {
                stack.removeSubrange(index...)
            }
            stack.append((match.style, match.title))
            current = SectionDraft(path: SectionPath(stack.map(\.title)), heading: match.title, level: stack.count, lines: [line])
        }
        if !current.lines.isEmpty { drafts.append(current) }
        return drafts
    }
}
