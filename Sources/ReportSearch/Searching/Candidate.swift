/// A ranked section before its stored record is read: only the shown page's are.
struct Candidate {
    var docid: UInt32
    var score: Double
    /// ``SectionRecord/sortKey``, from the tie-break value slot.
    var sortKey: [UInt8]
    /// ``DuplicateGroup/slotValue`` from its value slot (key and signature); empty: not grouped.
    var group: [UInt8] = []
    /// Whether it satisfies the query exactly; nil: not known yet (a relaxed match).
    var exact: Bool?
    var record: SectionRecord?
    /// The stored data, when it was read already (single pass, remote post-filter).
    var data: [UInt8]?
    /// The report's key (the collapse slot), read when the caller caps sections per report
    /// itself (see ``CandidateCollector/collect(_:count:decider:collapse:readData:)``).
    var file: [UInt8]?
}

/// Candidates in rank order and how many sections matched in all (exact once the list
/// was exhausted, else Xapian's estimate).
struct CandidateList {
    var candidates: [Candidate] = []
    var total = 0
}

/// Folded texts of the sections a search has checked, by sort key, so that the exact
/// check, the proximity factor and the snippet fold a section's text once. Bounded: past
/// ``budget`` scalars nothing more is kept (a common phrase can have thousands of exact
/// candidates; the few shown are then folded again).
struct FoldedTexts {
    static let budget = 1 << 20

    private var byKey: [[UInt8]: [UInt32]] = [:]
    private var scalars = 0

    var isFull: Bool { scalars >= Self.budget }

    mutating func keep(_ folded: [UInt32], for key: [UInt8]) {
        guard !isFull else { return }
        scalars += folded.count
        byKey[key] = folded
    }

    subscript(key: [UInt8]) -> [UInt32]? { byKey[key] }
}
