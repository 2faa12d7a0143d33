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
///
/// A line with an outline level of its own (a DOCX paragraph styled `heading N`) is a
/// heading whatever its numbering says; its level number plays the part of the style, so
/// `heading 1` after `heading 2` pops back up like `一、` after `（一）`.
enum SectionBuilder {
    /// What a heading is grouped by on the stack: its numbering style, or its outline level.
    enum Key: Equatable {
        case style(HeadingStyle)
        case outline(Int)
    }

    static func build(_ lines: [ReportLine]) -> [SectionDraft] {
        var drafts: [SectionDraft] = []
        var stack: [(key: Key, title: String)] = []
        var current = SectionDraft(path: SectionPath(), heading: nil, level: 0, lines: [])
        for line in lines {
            let key: Key, title: String
            if let level = line.outlineLevel {
                key = .outline(level)
                title = HeadingDetector.match(line.text)?.title ?? String(line.text)
            } else if let match = HeadingDetector.match(line.text) {
                key = .style(match.style)
                title = match.title
            } else {
                current.lines.append(line)
                continue
            }
            if !current.lines.isEmpty { drafts.append(current) }
            if let index = stack.lastIndex(where: { $0.key == key }) {
                stack.removeSubrange(index...)
            }
            stack.append((key, title))
            current = SectionDraft(path: SectionPath(stack.map(\.title)), heading: title, level: stack.count, lines: [line])
        }
        if !current.lines.isEmpty { drafts.append(current) }
        return drafts
    }
}
