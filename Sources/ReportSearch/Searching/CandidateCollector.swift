/// Runs one Xapian match with the ranking's settings and returns its candidates.
///
/// An exact check runs inside Xapian as a match decider, which sees every candidate before
/// it can enter the result set. Xapian's remote backend does not run deciders ("MatchDecider
/// not supported for the remote backend"): over remote shards the same check runs here, on
/// pages of candidates in rank order (the post-filter).
struct CandidateCollector {
    let database: XapianDatabase
    let options: SearchOptions
    /// Known from the index layout: some shard is remote, so deciders go to the post-filter.
    let hasRemoteShards: Bool

    typealias Decider = (_ docid: UInt32, _ data: UnsafeRawBufferPointer) -> Bool

    /// The first `count` candidates of `query`, at most ``SearchOptions/perDocument`` per
    /// report when `collapse`, each accepted by `decider` when one is given. Without
    /// `collapse` each candidate carries its report's key, for the caller to cap.
    ///
    /// Sorted by relevance, equal weights come in section-key order (Xapian compares the
    /// tie slot). `tiesByKey: false` leaves them in docid order, which spares Xapian that
    /// comparison (15% of a wide OR match): for a caller that orders what it gets by score
    /// and key itself and asks for ``Ranking/tieMargin`` more than it shows, the page
    /// differs only when more than that many candidates tie at its end.
    func collect(_ query: XapianQuery, count: Int, decider: Decider?, collapse: Bool = true,
                 readData: Bool = false, tiesByKey: Bool = true) throws -> CandidateList {
        let enquire = try XapianEnquire(database)
        try enquire.setQuery(query)
        try enquire.setWeighting(Ranking.bm25)
        if options.perDocument > 0 && collapse {
            try enquire.setCollapseKey(slot: IndexSchema.fileSlot, max: UInt32(clamping: options.perDocument))
        }
        if options.sort == .date {
            try enquire.setSort(.valueThenRelevance(slot: IndexSchema.dateSlot, descending: true))
        } else if tiesByKey {
            try enquire.setSort(.relevanceThenValue(slot: IndexSchema.tieSlot, descending: false))
        }
        guard let decider else {
            let mset = try enquire.matches(offset: 0, limit: count)
            var result = try candidates(mset, files: !collapse)
            if readData {
                for i in result.indices { result[i].data = try mset.data(at: i) }
            }
            return CandidateList(candidates: result, total: mset.estimatedMatches)
        }
        if !hasRemoteShards {
            do {
                let mset = try enquire.matches(offset: 0, limit: count, decider: decider)
                return CandidateList(candidates: try candidates(mset, files: !collapse), total: mset.estimatedMatches)
            } catch let error as XapianError where error.kind == .unsupported {
                // A stub the layout did not tell us about (e.g. `remote :program`): filter here.
            }
        }
        return try postFilter(enquire, count: count, decider: decider, files: !collapse)
    }

    /// Pages through the candidates in rank order until `count` pass `decider`.
    private func postFilter(_ enquire: XapianEnquire, count: Int, decider: Decider, files: Bool) throws -> CandidateList {
        var result: [Candidate] = []
        var offset = 0, estimated = 0
        // A counting pass (``CollectionCounts``) accepts nothing and reads every candidate:
        // big pages then save round trips.
        let page = count <= 1 ? 2_000 : max(100, count.multipliedReportingOverflow(by: 2).overflow ? count : count * 2)
        while result.count < count {
            let mset = try enquire.matches(offset: offset, limit: page)
            estimated = mset.estimatedMatches
            for i in 0..<mset.count {
                let docid = try mset.documentID(at: i)
                let data = try mset.data(at: i)
                guard data.withUnsafeBytes({ decider(docid, $0) }) else { continue }
                result.append(Candidate(docid: docid, score: try mset.weight(at: i),
                                        sortKey: try mset.value(at: i, slot: IndexSchema.tieSlot),
                                        group: try mset.value(at: i, slot: IndexSchema.groupSlot), data: data,
                                        file: files ? try mset.value(at: i, slot: IndexSchema.fileSlot) : nil))
            }
            offset += mset.count
            if mset.count < page { estimated = result.count; break }
        }
        // Exhausted: the exact count is known; otherwise Xapian's estimate of candidates.
        return CandidateList(candidates: Array(result.prefix(count)), total: estimated)
    }

    /// Ids, weights and tie-break keys: no document data is read here.
    private func candidates(_ mset: XapianMatchSet, files: Bool) throws -> [Candidate] {
        try (0..<mset.count).map { i in
            Candidate(docid: try mset.documentID(at: i), score: try mset.weight(at: i),
                      sortKey: try mset.value(at: i, slot: IndexSchema.tieSlot),
                      group: try mset.value(at: i, slot: IndexSchema.groupSlot),
                      file: files ? try mset.value(at: i, slot: IndexSchema.fileSlot) : nil)
        }
    }

    /// The candidate's stored record, read once.
    func record(_ candidate: inout Candidate) throws -> SectionRecord {
        if let record = candidate.record { return record }
        guard let record = SectionRecord(decoding: try candidate.data ?? database.document(candidate.docid).data()) else {
            throw IndexOpenError.corruptRecord(documentID: candidate.docid)
        }
        candidate.record = record
        return record
    }
}
