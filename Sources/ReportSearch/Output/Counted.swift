/// A count with its noun, singular for one: `counted(1, "report")` → `1 report`,
/// `counted(3, "section")` → `3 sections`.
package func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
