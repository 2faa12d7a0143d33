/// Recognises Chinese document numbers (发文字号).
///
/// | text                        | result                    |
/// |-----------------------------|---------------------------|
/// | `长寿府办发〔2020〕59号`       | `长寿府办发〔2020〕59号`     |
/// | `国办函[2018]71号`            | `国办函[2018]71号`          |
/// | `国发（2018）38号`            | `国发（2018）38号`          |
/// | `关于印发…的通知`              | `nil`                     |
enum DocumentNumber {
    /// `text` when the whole (trimmed) text is one document number, else `nil`.
    static func match<S: StringProtocol>(_ text: S) -> String? {
        let s = Array(text.unicodeScalars)
        guard s.count >= 8, s.count <= 40, s.last == "号" else { return nil }
        var i = 0
        while i < s.count, !"〔［[【(（".unicodeScalars.contains(s[i]) {
            let v = s[i].value
            let han = (0x4E00...0x9FFF).contains(v)
            let latin = (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
            guard han || latin else { return nil }
            i += 1
        }
        guard (1...20).contains(i), i < s.count else { return nil }
        i += 1
        let (year, yearDigits) = ReportDate.number(s, at: i)
        guard yearDigits == 4, (1900...2199).contains(year) else { return nil }
        i += 4
        guard i < s.count, "〕］]】)）".unicodeScalars.contains(s[i]) else { return nil }
        i += 1
        let (_, digits) = ReportDate.number(s, at: i)
        guard (1...5).contains(digits), i + digits == s.count - 1 else { return nil }
        return String(String.UnicodeScalarView(s))
    }
}
