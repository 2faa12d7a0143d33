/// The numbering schemes of Chinese report headings. The *level* of a style is not fixed: it
/// is decided per document by the order in which styles appear (see ``SectionBuilder``).
///
/// | style                 | examples                         |
/// |-----------------------|----------------------------------|
/// | `volume`              | `第一编`                          |
/// | `part`                | `第一部分`                         |
/// | `chapter`             | `第一章　总则`                     |
/// | `section`             | `第二节`                          |
/// | `article`             | `第十二条　…`                      |
/// | `chineseNumber`       | `一、` `二．` `三.`                 |
/// | `parenChineseNumber`  | `（一）` `(二)`                     |
/// | `arabicNumber`        | `1.` `2．` `3、` `⒋`               |
/// | `parenArabicNumber`   | `（1）` `(2)` `3）` `4)` `⑸`        |
/// | `circledNumber`       | `①` `⑳` `㉑`                      |
enum HeadingStyle: String, Sendable, CaseIterable {
    case volume
    case part
    case chapter
    case section
    case article
    case chineseNumber
    case parenChineseNumber
    case arabicNumber
    case parenArabicNumber
    case circledNumber
}
