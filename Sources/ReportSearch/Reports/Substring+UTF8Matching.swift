/// Byte-level prefix/substring tests. `hasPrefix`/`contains` on strings compare by
/// `Character` (grapheme breaking, and Foundation's `contains`); page-junk and label tests
/// only need exact code-unit matches, which are many times faster on a 100 MB corpus.
///
/// `"您的位置:首页".utf8HasPrefix("您的位置")` → `true`; `"扫一扫在手机打开当前页".utf8Contains("手机")` → `true`.
extension StringProtocol {
    @inline(__always)
    func utf8HasPrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    @inline(__always)
    func utf8HasSuffix(_ suffix: String) -> Bool {
        let n = suffix.utf8.count
        guard utf8.count >= n else { return false }
        return utf8.suffix(n).elementsEqual(suffix.utf8)
    }

    func utf8Contains(_ needle: String) -> Bool {
        let result = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                UTF8Search.contains(haystack, pattern)
            }
        }
        if let found = result.flatMap({ $0 }) { return found }
        let h = Array(utf8), p = Array(needle.utf8)
        return h.withUnsafeBufferPointer { hb in p.withUnsafeBufferPointer { pb in UTF8Search.contains(hb, pb) } }
    }
}

enum UTF8Search {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = haystack.count, m = pattern.count
        guard m > 0 else { return true }
        guard n >= m else { return false }
        let first = pattern[0]
        var i = 0
        while i <= n - m {
            if haystack[i] == first {
                var j = 1
                while j < m, haystack[i + j] == pattern[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}
