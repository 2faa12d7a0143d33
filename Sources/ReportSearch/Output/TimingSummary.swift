import Foundation

/// Median and 95th percentile of per-query times, for `search --timing` and benchmarks.
///
/// | milliseconds              | median | p95 |
/// |---------------------------|--------|-----|
/// | 1, 2, 3                   | 2      | 3   |
/// | 1 … 100                   | 51     | 95  |
package struct TimingSummary: Sendable, Equatable {
    package var count: Int
    package var medianMilliseconds: Double
    package var p95Milliseconds: Double

    /// Nil for no times.
    package init?(milliseconds: [Double]) {
        guard !milliseconds.isEmpty else { return nil }
        let sorted = milliseconds.sorted()
        count = sorted.count
        medianMilliseconds = sorted[sorted.count / 2]
        let rank = Int((Double(sorted.count) * 0.95).rounded(.up))
        p95Milliseconds = sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// `timing: 200 queries, median 0.412 ms, p95 1.020 ms`
    package var description: String {
        "timing: \(count) queries, median \(Self.format(medianMilliseconds)) ms, p95 \(Self.format(p95Milliseconds)) ms"
    }

    /// Three decimals: `0.412`.
    package static func format(_ milliseconds: Double) -> String { String(format: "%.3f", milliseconds) }
}
