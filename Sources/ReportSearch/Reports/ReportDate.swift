/// Normalises the dates found in reports.
///
/// | text                        | normalised    |
/// |-----------------------------|---------------|
/// | `2021-05-28`                | `2021-05-28`  |
/// | `2021年5月28日`              | `2021-05-28`  |
/// | `2026年02月10日 07时41分`     | `2026-02-10`  |
/// | `2021/5/8 10:05`            | `2021-05-08`  |
/// | `2021年5月`                  | `2021-05`     |
/// | `2019`                      | `2019`        |
/// | `２０２２年１月１０日`          | `2022-01-10`  |
/// | `第706号`, `2.5`             | `nil`         |
enum ReportDate {
    /// The first date in `text`, normalised to `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    static func normalize<S: StringProtocol>(_ text: S) -> String? {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            guard HeadingDetector.digitValue(s[i]) != nil, i == 0 || HeadingDetector.digitValue(s[i - 1]) == nil else { i += 1; continue }
            let (year, yearDigits) = number(s, at: i)
            guard yearDigits == 4, (1800...2199).contains(year) else { i += yearDigits; continue }
            var j = i + 4
            guard j < s.count, isSeparator(s[j]) else {
                if j == s.count || !(HeadingDetector.digitValue(s[j]) != nil) { return pad(year, 4) }
                i = j; continue
            }
            let yearOnly = pad(year, 4)
            j += 1
            let (month, monthDigits) = number(s, at: j)
            guard (1...2).contains(monthDigits), (1...12).contains(month) else { return yearOnly }
            j += monthDigits
            guard j < s.count, isSeparator(s[j]) else { return "\(yearOnly)-\(pad(month, 2))" }
            j += 1
            let (day, dayDigits) = number(s, at: j)
            guard (1...2).contains(dayDigits), (1...31).contains(day) else { return "\(yearOnly)-\(pad(month, 2))" }
            return "\(yearOnly)-\(pad(month, 2))-\(pad(day, 2))"
        }
        return nil
    }

    /// `true` when `text` is nothing but a date or date-time (`2026-02-03 09:02:33`,
    /// `2026年02月10日 07时41分`, `2022`).
    static func isStandaloneDate<S: StringProtocol>(_ text: S) -> Bool {
        var digits = 0
        for s in text.unicodeScalars {
            if HeadingDetector.digitValue(s) != nil { digits += 1; continue }
            switch s {
            case "年", "月", "日", "时", "分", "秒", "-", "/", ".", ":", "：", " ", "\u{3000}", "－": continue
            default: return false
            }
        }
        return digits >= 4 && normalize(text) != nil
    }

    /// The year of a normalised date: `"2021-05-28"` → 2021.
    static func year(of date: String) -> Int? {
        Int(date.prefix(4))
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "/" || s == "." || s == "年" || s == "月" || s == "－" || s == "．"
    }

    static func number(_ s: [Unicode.Scalar], at start: Int) -> (Int, Int) {
        var value = 0
        var i = start
        while i < s.count, let d = HeadingDetector.digitValue(s[i]), i - start < 6 {
            value = value * 10 + d
            i += 1
        }
        return (value, i - start)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
