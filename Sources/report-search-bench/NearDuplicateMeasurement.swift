import Foundation
import ReportSearch

/// `report-search-bench neardup DIR...`: how well MinHashSignature separates reposts from
/// sections that merely share some text, measured on real sections.
///
/// Every pair of grouped sections (≥ DuplicateGroup.minimumCharacters letters and digits)
/// with a true Jaccard similarity of their shingle sets ≥ 0.3 is found through a fine
/// 128-value signature cut into 64 bands of 2 (a pair at J = 0.3 shares one of them with
/// probability 0.998), and its true similarity is computed from the shingle sets. Printed:
///
/// - per bucket of true similarity: pairs, pairs across reports, the production
///   estimate's error, and the share the production rule (a shared band and an estimate
///   ≥ t) catches for t = 0.5 … 0.9;
/// - per t: pairs the rule takes although their true similarity is below t − 0.1, and
///   pairs it misses although it is t + 0.1 or more;
/// - report pairs sharing several near sections, and examples of pairs near each t with
///   the text each has that the other lacks.
struct NearDuplicateMeasurement {
    let dirs: [String]

    struct Item {
        var path: String
        var lineStart: Int
        var text: String
        /// Distinct shingles, sorted.
        var shingles: [UInt64]
        /// Letters and digits.
        var characters: Int
        /// The production signature, also for sections shorter than
        /// DuplicateGroup.nearCopyMinimumCharacters (which get none in the index).
        var signature: MinHashSignature
        var fine: [UInt8]
    }

    struct Pair {
        var a: Int, b: Int
        var jaccard: Double
        var estimate: Double
        var sharesBand: Bool
    }

    static let thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9]

    func run() throws {
        var items: [Item] = []
        var sectionCount = 0
        var groupSeconds = 0.0, keySeconds = 0.0
        for dir in dirs {
            for (_, section, relative) in try sections(under: dir) {
                sectionCount += 1
                let folded = NormalizedText.foldedScalars(section.text)
                var group: DuplicateGroup?
                groupSeconds += seconds { group = DuplicateGroup(folded: folded) }
                keySeconds += seconds { _ = Self.keyOnly(folded) }
                guard group != nil else { continue }
                let significant = folded.filter(DuplicateGroup.isSignificant)
                var shingles = zip(significant, significant.dropFirst()).map { MinHashSignature.shingle($0, $1) }
                shingles = Array(Set(shingles)).sorted()
                guard let signature = MinHashSignature(shingles: shingles) else { continue }
                items.append(Item(path: relative, lineStart: section.lineStart, text: section.text, shingles: shingles,
                                  characters: significant.count, signature: signature, fine: Self.fine(shingles)))
            }
        }
        print("sections: \(sectionCount), grouped (≥ \(DuplicateGroup.minimumCharacters) letters and digits): \(items.count)")
        print(String(format: "DuplicateGroup(folded:) over all sections: %.3f s (the exact key alone: %.3f s)", groupSeconds, keySeconds))
        print("production signature: \(MinHashSignature.count) values, \(MinHashSignature.bands) bands × \(MinHashSignature.rows) rows")

        // Candidates: a shared band of 2 fine values.
        var buckets: [UInt64: [Int32]] = [:]
        for (i, item) in items.enumerated() {
            for band in 0..<64 {
                let key = UInt64(band) << 32 | UInt64(item.fine[2 * band]) << 8 | UInt64(item.fine[2 * band + 1])
                buckets[key, default: []].append(Int32(i))
            }
        }
        var candidates = Set<Int64>()
        for list in buckets.values where list.count > 1 {
            for x in 0..<list.count { for y in (x + 1)..<list.count { candidates.insert(Int64(list[x]) << 32 | Int64(list[y])) } }
        }
        var pairs: [Pair] = []
        for c in candidates {
            let a = Int(c >> 32), b = Int(c & 0xFFFF_FFFF)
            let j = Self.jaccard(items[a].shingles, items[b].shingles)
            let sa = items[a].signature, sb = items[b].signature
            let estimate = sa.estimatedJaccard(sb)
            guard j >= 0.3 || estimate >= 0.5 else { continue }
            pairs.append(Pair(a: a, b: b, jaccard: j, estimate: estimate, sharesBand: sa.sharesBand(with: sb)))
        }
        print("candidate pairs: \(candidates.count), with true or estimated similarity ≥ 0.3: \(pairs.count)")

        // Per bucket of true similarity.
        func bucket(_ j: Double) -> Int { j >= 1 ? 8 : j < 0.3 ? -1 : Int(j * 10) - 3 }
        let names = ["0.3–0.4", "0.4–0.5", "0.5–0.6", "0.6–0.7", "0.7–0.8", "0.8–0.9", "0.9–1.0", "", "1.0"]
        let minimum = DuplicateGroup.nearCopyMinimumCharacters
        for (lengthName, lengths) in [("all", 0..<Int.max), ("the shorter one < \(minimum) letters and digits", 0..<minimum),
                                      ("both ≥ \(minimum) (near copies as indexed)", minimum..<Int.max)] {
        print("\nsection pairs, \(lengthName)")
        print("| true J | pairs | across reports | estimate − true (mean, sd) | 128-value estimate − true | "
              + Self.thresholds.map { "caught at \($0)" }.joined(separator: " | ") + " |")
        print("|---|---|---|---|---|" + Self.thresholds.map { _ in "---|" }.joined())
        for k in [0, 1, 2, 3, 4, 5, 6, 8] {
            let list = pairs.filter { bucket($0.jaccard) == k && lengths.contains(min(items[$0.a].characters, items[$0.b].characters)) }
            guard !list.isEmpty else { continue }
            let across = list.filter { items[$0.a].path != items[$0.b].path }.count
            let errors = list.map { $0.estimate - $0.jaccard }
            let mean = errors.reduce(0, +) / Double(errors.count)
            let sd = (errors.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(errors.count)).squareRoot()
            let caught = Self.thresholds.map { t in
                String(format: "%.3f", Double(list.filter { Self.caught($0, t) }.count) / Double(list.count))
            }
            let fineError = list.map { p in
                MinHashSignature(values: items[p.a].fine).estimatedJaccard(MinHashSignature(values: items[p.b].fine)) - p.jaccard
            }.reduce(0, +) / Double(list.count)
            print(String(format: "| %@ | %d | %d | %+.3f, %.3f | %+.3f | ", names[k], list.count, across, mean, sd, fineError)
                  + caught.joined(separator: " | ") + " |")
        }
        }
        print("\n| t | taken | taken with true J < t − 0.1 | missed with true J ≥ t + 0.1 | report pairs joined |")
        print("|---|---|---|---|---|")
        for t in Self.thresholds {
            let taken = pairs.filter { Self.caught($0, t) }
            let wrong = taken.filter { $0.jaccard < t - 0.1 }.count
            let missed = pairs.filter { $0.jaccard >= t + 0.1 && !Self.caught($0, t) }.count
            let reports = Set(taken.filter { items[$0.a].path != items[$0.b].path }.map { [items[$0.a].path, items[$0.b].path].sorted() })
            print("| \(t) | \(taken.count) | \(wrong) | \(missed) | \(reports.count) |")
        }

        // What the index does: near copies between sections of at least
        // DuplicateGroup.nearCopyMinimumCharacters, exact copies from minimumCharacters.
        let long = pairs.filter { min(items[$0.a].characters, items[$0.b].characters) >= minimum }
        let indexed = long.filter { Self.caught($0, MinHashSignature.threshold) }
        print("\nas indexed (near copies from \(minimum) letters and digits, t = \(MinHashSignature.threshold)): "
              + "\(indexed.filter { $0.jaccard < 1 }.count) near pairs (\(indexed.filter { $0.jaccard < 1 && $0.jaccard < 0.7 }.count) below J 0.7), "
              + "\(pairs.filter { $0.jaccard >= 1 }.count) pairs with the same letters and digits (any length from \(DuplicateGroup.minimumCharacters))")

        // Other band layouts over the same 64 values, at the production threshold, for the
        // sections that get band terms: pairs kept, pairs missed, and sections sharing some
        // band with another (their search runs the members match instead of the term
        // frequency shortcut).
        print("\n| bands × rows | terms per section | kept at \(MinHashSignature.threshold) | missed at J ≥ 0.9 | missed at J 0.85–0.9 | sections sharing a band |")
        print("|---|---|---|---|---|---|")
        let longItems = items.filter { $0.characters >= minimum }
        for (b, r) in [(8, 4), (6, 4), (5, 4), (4, 4), (3, 4), (2, 4), (6, 3), (5, 3), (4, 3), (3, 3)] {
            func keys(_ v: [UInt8]) -> [UInt32] { (0..<b).map { band in v[band * r..<(band + 1) * r].reduce(UInt32(band)) { $0 << 8 | UInt32($1) } } }
            func shares(_ p: Pair) -> Bool { !Set(keys(items[p.a].signature.values)).isDisjoint(with: keys(items[p.b].signature.values)) }
            func near(_ p: Pair) -> Bool { p.estimate >= MinHashSignature.threshold && shares(p) }
            let kept = long.filter(near)
            let missed = long.filter { $0.jaccard >= 0.9 && !near($0) }.count
            let missedHigh = long.filter { $0.jaccard >= 0.85 && $0.jaccard < 0.9 && !near($0) }.count
            var frequency: [UInt32: Int] = [:]
            for item in longItems { for k in Set(keys(item.signature.values)) { frequency[k, default: 0] += 1 } }
            let sharing = longItems.filter { item in keys(item.signature.values).contains { frequency[$0, default: 0] > 1 } }.count
            print("| \(b) × \(r) | \(b) | \(kept.count) | \(missed) | \(missedHigh) | \(sharing) of \(longItems.count) |")
        }

        // Report pairs holding several near sections (at the loosest t).
        var byReports: [[String]: [Pair]] = [:]
        for p in pairs where items[p.a].path != items[p.b].path && p.jaccard >= 0.5 {
            byReports[[items[p.a].path, items[p.b].path].sorted(), default: []].append(p)
        }
        print("\nreport pairs with ≥ 3 sections at true J ≥ 0.5 (count in 0.5–0.7 / 0.7–0.9 / ≥ 0.9):")
        for (reports, list) in byReports.filter({ $0.value.count >= 3 }).sorted(by: { $0.value.count > $1.value.count }).prefix(25) {
            let low = list.filter { $0.jaccard < 0.7 }.count, mid = list.filter { $0.jaccard >= 0.7 && $0.jaccard < 0.9 }.count
            print("  \(reports[0])  \(reports[1])  \(list.count) (\(low) / \(mid) / \(list.count - low - mid))")
        }

        // Short sections kept as near copies, across reports: reposts or templates?
        let t = MinHashSignature.threshold
        for lengths in [30..<60, 60..<100, 100..<150, 150..<200] {
        let short = pairs.filter { items[$0.a].path != items[$0.b].path && Self.caught($0, t) && $0.jaccard < 1
            && lengths.contains(min(items[$0.a].characters, items[$0.b].characters)) }
        print("\nnear copies (not exact) kept at \(t) across reports, the shorter section \(lengths.lowerBound)–\(lengths.upperBound - 1) "
              + "letters and digits: \(short.count) pairs, \(Set(short.flatMap { [$0.a, $0.b] }).count) sections; examples:")
        for p in spread(short, items, limit: 8) {
            let a = items[p.a], b = items[p.b]
            print(String(format: "  J %.3f est %.3f  %@:%d (%d chars)  %@:%d (%d chars)", p.jaccard, p.estimate,
                         a.path, a.lineStart, a.characters, b.path, b.lineStart, b.characters))
            print("    first:  \(a.text.prefix(70).replacingOccurrences(of: "\n", with: " "))")
            print("    only in the first:  \(Self.uniqueRuns(a.text, against: Set(b.shingles)))")
            print("    only in the second: \(Self.uniqueRuns(b.text, against: Set(a.shingles)))")
        }
        }

        // Examples near each threshold, across reports.
        for target in [0.5, 0.6, 0.7, 0.8, 0.9] {
            print("\nexamples near J = \(target):")
            // Both sections ≥ 100 letters and digits.
            let near = pairs.filter { items[$0.a].path != items[$0.b].path && abs($0.jaccard - target) < 0.03
                && min(items[$0.a].characters, items[$0.b].characters) >= 100 }
            for p in spread(near, items, limit: 6) {
                let a = items[p.a], b = items[p.b]
                print(String(format: "  J %.3f est %.3f band %@  %@:%d (%d chars)  %@:%d (%d chars)", p.jaccard, p.estimate,
                             p.sharesBand ? "yes" : "no", a.path, a.lineStart, a.characters, b.path, b.lineStart, b.characters))
                print("    only in the first:  \(Self.uniqueRuns(a.text, against: Set(b.shingles)))")
                print("    only in the second: \(Self.uniqueRuns(b.text, against: Set(a.shingles)))")
            }
        }
    }

    /// Up to `limit` pairs, a spread of report pairs, each report pair once.
    func spread(_ list: [Pair], _ items: [Item], limit: Int) -> [Pair] {
        var seen = Set<[String]>()
        return Array(list.sorted { ($0.a &* 2_654_435_761 ^ $0.b) % 1_000_003 < ($1.a &* 2_654_435_761 ^ $1.b) % 1_000_003 }
            .filter { seen.insert([items[$0.a].path, items[$0.b].path].sorted()).inserted }.prefix(limit))
    }

    /// 128 minimums, each of its own hash function `a·x + b` (odd `a`, a bijection of
    /// 64-bit words), one byte each: independent values for finding candidates, also for
    /// short sections (the index's one-permutation signature copies values between bins
    /// when a section has fewer shingles than bins).
    static let fineFunctions: [(UInt64, UInt64)] = {
        var rng = SplitMix64(state: 0x5EC7_1075)
        return (0..<128).map { _ in (rng.next() | 1, rng.next()) }
    }()

    static func fine(_ shingles: [UInt64]) -> [UInt8] {
        var minimums = [UInt64](repeating: .max, count: fineFunctions.count)
        for x in shingles {
            for (i, (a, b)) in fineFunctions.enumerated() {
                let v = a &* x &+ b
                if v < minimums[i] { minimums[i] = v }
            }
        }
        return minimums.map { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B9_7F4A_7C15) >> 56) }
    }

    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return MinHashSignature.mix(state)
        }
    }

    static func caught(_ p: Pair, _ t: Double) -> Bool { p.sharesBand && p.estimate >= t }

    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// What indexing computed before near copies: the FNV-1a key of the significant scalars.
    static func keyOnly(_ folded: [UInt32]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for v in folded where DuplicateGroup.isSignificant(v) {
            for byte in [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v >> 16)] {
                h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return h
    }

    /// Runs of the text's significant characters whose shingles the other text lacks,
    /// joined with ` | `, at most 120 characters.
    static func uniqueRuns(_ text: String, against other: Set<UInt64>) -> String {
        let folded = NormalizedText.foldedScalars(text).filter(DuplicateGroup.isSignificant)
        var runs: [String] = [], current = ""
        for i in 1..<max(1, folded.count) {
            if other.contains(MinHashSignature.shingle(folded[i - 1], folded[i])) {
                if !current.isEmpty { runs.append(current); current = "" }
            } else {
                if current.isEmpty, let s = Unicode.Scalar(folded[i - 1]) { current.unicodeScalars.append(s) }
                if let s = Unicode.Scalar(folded[i]) { current.unicodeScalars.append(s) }
            }
        }
        if !current.isEmpty { runs.append(current) }
        let joined = runs.joined(separator: " | ")
        return joined.count > 120 ? String(joined.prefix(120)) + "…" : joined
    }
}
