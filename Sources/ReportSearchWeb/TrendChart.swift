import ReportSearch

/// A small bar chart, inline SVG, of matching reports per year: one bar per year from the
/// first to the last year with a hit (years between without one are zero bars). Each bar
/// links to the search narrowed to its year. No script, no style attributes (the page's
/// Content-Security-Policy allows neither inline); colours come from the stylesheet.
struct TrendChart {
    /// (year, reports) in year order.
    var bars: [(year: Int, reports: Int)]

    /// The years of `counts` (a facet: bucket → counts); buckets that are not years
    /// (`(unknown)`) are left out.
    init(yearFacet counts: [String: BucketCount]) {
        let years = counts.compactMap { key, value in Int(key).map { ($0, value.reports) } }
        guard let first = years.map(\.0).min(), let last = years.map(\.0).max() else {
            bars = []
            return
        }
        let byYear = Dictionary(years, uniquingKeysWith: +)
        bars = (first...last).map { ($0, byYear[$0] ?? 0) }
    }

    /// The chart, or "" when there is nothing to draw; `link(year)` is each bar's URL.
    func svg(link: (Int) -> String) -> String {
        guard !bars.isEmpty else { return "" }
        let height = 90, top = 14, baseline = 70
        let barWidth = max(8, min(40, 560 / bars.count)), gap = 4
        let width = bars.count * (barWidth + gap) + gap
        let peak = max(1, bars.map(\.reports).max() ?? 1)
        var out = "<svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"trend-title\">Matching reports per year</title>"
        for (i, bar) in bars.enumerated() {
            let x = gap + i * (barWidth + gap)
            let h = bar.reports == 0 ? 0 : max(2, (baseline - top) * bar.reports / peak)
            out += "<a href=\"\(HTML.escape(link(bar.year)))\"><g class=\"bar\">"
                + "<title>\(bar.year): \(counted(bar.reports, "report"))</title>"
                + "<rect x=\"\(x)\" y=\"\(baseline - h)\" width=\"\(barWidth)\" height=\"\(h)\"></rect>"
            if bar.reports > 0 {
                out += "<text class=\"count\" x=\"\(x + barWidth / 2)\" y=\"\(baseline - h - 3)\" text-anchor=\"middle\">\(bar.reports)</text>"
            }
            if bars.count <= 12 || i % max(1, bars.count / 8) == 0 || i == bars.count - 1 {
                out += "<text class=\"year\" x=\"\(x + barWidth / 2)\" y=\"\(baseline + 14)\" text-anchor=\"middle\">\(bar.year)</text>"
            }
            out += "</g></a>"
        }
        return out + "<line class=\"axis\" x1=\"0\" y1=\"\(baseline)\" x2=\"\(width)\" y2=\"\(baseline)\"></line></svg>"
    }
}
