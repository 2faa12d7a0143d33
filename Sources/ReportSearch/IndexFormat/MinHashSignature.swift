/// A MinHash signature of a section's text: estimates how much of their text two sections
/// share, from 64 bytes each, so that a repost with small edits is found as a near copy
/// (``DuplicateGroup``).
///
/// The text is the section's significant scalars (letters and digits, see
/// ``DuplicateGroup/isSignificant(_:)``), and its shingles are their overlapping pairs:
/// `1. 指导思想` → `1指 指导 导思 思想`. The Jaccard similarity J of two sections is
/// |shared shingles| / |shingles of either|: a 300-character section with 3 characters
/// changed keeps J ≈ 0.96 with its original, with 10 changed ≈ 0.87. Each of the ``count``
/// values is a minimum of hashes of the shingles (see ``init(shingles:)``); two sections
/// have the same minimum with probability J, so the share of equal values estimates it
/// (standard error about √(J(1−J)/64): ±0.05 at J = 0.8).
///
/// Finding near copies without comparing every pair: the first 16 values are cut into
/// ``bands`` of ``rows`` values, and each band (``bandKeys``) is stored as a boolean term.
/// Two sections that share a band are candidates, kept when their estimate reaches
/// ``threshold`` (``isNearCopy(of:)``). The chances, computed for independent values, and
/// what gov-reports gives for its pairs of sections of ≥ 100 letters and digits (shorter
/// ones get no signature, see ``DuplicateGroup/nearCopyMinimumCharacters``):
///
/// | true J | shares a band: 1 − (1 − J⁴)⁴ | estimate ≥ 0.8 | both   | gov-reports: pairs kept / pairs   |
/// |--------|------------------------------|----------------|--------|-----------------------------------|
/// | 0.6    | 0.43                         | 0.0003         | 0.0002 | 1 / 129 (J 0.6–0.7)               |
/// | 0.7    | 0.67                         | 0.03           | 0.03   | 3 / 58 (J 0.7–0.8)                |
/// | 0.8    | 0.88                         | 0.48           | 0.46   | 23 / 37 (J 0.8–0.9)               |
/// | 0.9    | 0.986                        | 0.99           | 0.98   | 61 / 61 (J 0.9–1)                 |
/// | 1      | 1                            | 1              | 1      | 363 / 363 (same letters and digits) |
///
/// The ``threshold`` of 0.8 was chosen by measuring gov-reports (11,396 sections, 9,615
/// long enough to group; `report-search-bench neardup`, which finds every pair at J ≥ 0.3
/// through a finer signature, computes its true J and prints examples around each
/// candidate threshold). Around J = 0.7 the pairs are mostly different documents written
/// to one template: the approvals of the Shenzhen and the Harbin games, review guidelines
/// for two kinds of device, two years' resolutions. From J = 0.8 on they are mostly one
/// text with a date, a name, a clause or a signature line changed (pol-central-077/080,
/// 104/123, 015/030; the two copies of one opinion, pol-central-038 and 041, at 0.86 and
/// 0.94 besides their 18 identical sections). Over all lengths, an estimate ≥ 0.8
/// keeps 790 pairs (81 pairs of reports), 3 of them below J = 0.7; ≥ 0.7 would keep 969
/// (181), ≥ 0.9 671 (46) and miss a fifth of the pairs at J 0.9–0.95. With one fixed hash
/// every pair gets one draw: the estimates run 0.01–0.03 low on this corpus (averaged over
/// 20 other hashes they do not).
///
/// 4 bands of 4 keep 451 of the 452 pairs of long sections that 8 × 4 keeps, with half
/// the terms; 6 × 3 keeps 452 with 6 but puts 3,046 of 7,030 sections in a shared band
/// instead of 1,067 (each such hit runs a members match when shown, see
/// `DuplicateCollapse`). The terms are most of what near copies cost the index.
package struct MinHashSignature: Equatable, Sendable {
    /// Values per signature.
    package static let count = 64
    /// Bands of ``rows`` values each, one ``bandKeys`` term per band.
    package static let bands = 4
    package static let rows = 4
    /// Estimated Jaccard similarity from which two sections sharing a band are copies.
    package static let threshold = 0.8

    /// One byte per bin (the high bits of its re-mixed minimum): two different minimums
    /// are equal by chance 1 in 256 times, which ``estimatedJaccard(_:)`` takes out. Twice
    /// the values in the same bytes as 16-bit ones: half the variance.
    package let values: [UInt8]

    package init(values: [UInt8]) {
        self.values = values
    }

    /// The signature of `shingles` (see ``shingle(_:_:)``); nil for no shingles.
    ///
    /// One permutation, cut into ``count`` bins (one-permutation hashing, Li, Owen and
    /// Zhang 2012): each shingle's hash picks a bin and each bin keeps its smallest hash,
    /// one step per shingle instead of ``count``. A bin no shingle fell into borrows the
    /// minimum of another bin, chosen by a fixed sequence of hashes of its own number
    /// until one is filled ("optimal densification", Shrivastava 2017): two sections with
    /// the same empty bin look at the same donors, which keeps P(equal value) = J.
    package init?(shingles: [UInt64]) {
        guard !shingles.isEmpty else { return nil }
        let count = Self.count
        var minimums = [UInt64](repeating: .max, count: count)
        minimums.withUnsafeMutableBufferPointer { m in
            for x in shingles {
                // The high 32 bits scaled to 0..<count: the bin (x is already well mixed).
                let bin = Int(truncatingIfNeeded: ((x >> 32) &* UInt64(count)) >> 32)
                if x < m[bin] { m[bin] = x }
            }
        }
        let filled = minimums.map { $0 != .max }
        for bin in 0..<count where !filled[bin] {
            var attempt: UInt64 = 0
            var donor = bin
            repeat {
                attempt += 1
                donor = Int(truncatingIfNeeded: (Self.mix(UInt64(bin) << 32 | attempt) >> 32 &* UInt64(count)) >> 32)
            } while !filled[donor]
            minimums[bin] = minimums[donor]
        }
        values = minimums.map { UInt8(truncatingIfNeeded: Self.mix($0) >> 56) }
    }

    /// The shingle of two consecutive significant scalars: a 64-bit hash of the pair.
    @inline(__always)
    package static func shingle(_ previous: UInt32, _ current: UInt32) -> UInt64 {
        mix(UInt64(previous) << 32 | UInt64(current))
    }

    /// SplitMix64's finalizer: every input bit moves every output bit. Fixed forever,
    /// like everything that decides a stored value.
    @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The estimated Jaccard similarity: the share of equal values, less the equal bytes
    /// of different minimums (a value is equal with probability J + (1 − J)/256). 0 for
    /// signatures of different lengths.
    package func estimatedJaccard(_ other: MinHashSignature) -> Double {
        guard values.count == other.values.count, !values.isEmpty else { return 0 }
        var equal = 0
        for i in values.indices where values[i] == other.values[i] { equal += 1 }
        return max(0, (Double(equal) / Double(values.count) - 1 / 256) / (1 - 1 / 256))
    }

    /// Whether some band of ``rows`` values is the same in both.
    package func sharesBand(with other: MinHashSignature) -> Bool {
        guard values.count == other.values.count else { return false }
        return (0..<Self.bands).contains { band in
            let rows = band * Self.rows..<(band + 1) * Self.rows
            return rows.upperBound <= values.count && values[rows] == other.values[rows]
        }
    }

    /// Near copies: a shared band (what the index can look up) and an estimate at or
    /// above the ``threshold``.
    package func isNearCopy(of other: MinHashSignature) -> Bool {
        sharesBand(with: other) && estimatedJaccard(other) >= Self.threshold
    }

    /// Each band as a number: its index, then its values, one byte each (equal keys, equal
    /// bands). Unrelated sections share one by chance 1 in 2³² per band.
    ///
    /// | band | values        | key            | ``bandTerms`` (after the `B` prefix) |
    /// |------|---------------|----------------|--------------------------------------|
    /// | 0    | 0a 00 ff 01   | `0x0_0a00ff01` | `00a00ff01`                          |
    /// | 3    | 12 34 56 78   | `0x3_12345678` | `312345678`                          |
    package var bandKeys: [UInt64] {
        (0..<Self.bands).compactMap { band in
            let rows = band * Self.rows..<(band + 1) * Self.rows
            guard rows.upperBound <= values.count else { return nil }
            return values[rows].reduce(UInt64(band)) { $0 << 8 | UInt64($1) }
        }
    }

    /// ``bandKeys`` as 9 hex digits each: the band, then its 4 values.
    package var bandTerms: [String] {
        bandKeys.map { key in
            let hex = String(key, radix: 16)
            return String(repeating: "0", count: 9 - hex.count) + hex
        }
    }

    /// The values, one byte each: what the index stores.
    package var bytes: [UInt8] { values }

    /// Reads ``bytes``.
    package init(bytes: some Collection<UInt8>) {
        values = Array(bytes)
    }
}
