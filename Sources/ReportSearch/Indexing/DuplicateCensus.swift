import Foundation

/// How much reposted text an index holds: its groups of exact copies and its groups of
/// copies near or exact (``DuplicateGroup/isCopy(of:)``), counted from the stored group
/// values alone (`report-search-bench groups INDEX`).
///
/// Near copies are not transitive, so a "group" here is a connected set: sections joined
/// by a chain of copies. A search shows one hit per section that is no copy of a hit above
/// it (``DuplicateCollapse``), which can split a long chain in two.
///
/// | field              | counts                                                          |
/// |--------------------|-----------------------------------------------------------------|
/// | `exactGroups`      | keys held by ≥ 2 sections                                       |
/// | `groups`           | connected sets of ≥ 2 sections, exact or near                   |
/// | `nearGroups`       | those of `groups` that hold ≥ 2 keys (some near copy joined it) |
/// | `…AcrossReports`   | the same, only sets spanning ≥ 2 reports                        |
package struct DuplicateCensus: Sendable, CustomStringConvertible {
    package var sections = 0
    package var groupedSections = 0
    package var exactGroups = 0
    package var exactGroupsAcrossReports = 0
    package var groups = 0
    package var groupsAcrossReports = 0
    package var nearGroups = 0
    package var nearGroupsAcrossReports = 0
    /// Sections in `groups`.
    package var sectionsInGroups = 0

    package init(indexPath: String) throws {
        let database = try XapianDatabase(path: indexPath)
        try IndexSchema.checkFormat(of: database, path: indexPath)
        var entries: [(path: [UInt8], group: DuplicateGroup)] = []
        let enquire = try XapianEnquire(database)
        try enquire.setQuery(try XapianQuery.matchAll())
        let page = 10_000
        var offset = 0, sections = 0
        while true {
            let mset = try enquire.matches(offset: offset, limit: page)
            for i in 0..<mset.count {
                sections += 1
                guard let group = DuplicateGroup(slotValue: try mset.value(at: i, slot: IndexSchema.groupSlot)) else { continue }
                entries.append((try mset.value(at: i, slot: IndexSchema.fileSlot), group))
            }
            offset += mset.count
            if mset.count < page { break }
        }
        self.init(entries)
        self.sections = sections
    }

    /// The census of grouped sections given as (report path, group).
    package init(_ entries: [(path: [UInt8], group: DuplicateGroup)]) {
        sections = entries.count
        groupedSections = entries.count
        var byKey: [String: [Int]] = [:]
        for (i, entry) in entries.enumerated() { byKey[entry.group.key, default: []].append(i) }
        for members in byKey.values where members.count > 1 {
            exactGroups += 1
            if Set(members.map { entries[$0].path }).count > 1 { exactGroupsAcrossReports += 1 }
        }

        // Connected sets: union of the exact keys, then of near copies sharing a band.
        var parent = Array(entries.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func join(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
        for members in byKey.values { for m in members.dropFirst() { join(m, members[0]) } }
        var byBand: [UInt64: [Int]] = [:]
        for members in byKey.values {
            // One section per key: its exact copies have the same bands.
            for band in entries[members[0]].group.bandKeys { byBand[band, default: []].append(members[0]) }
        }
        for list in byBand.values where list.count > 1 {
            for x in list.indices {
                for y in list.indices.dropFirst(x + 1) where root(list[x]) != root(list[y])
                    && entries[list[x]].group.isCopy(of: entries[list[y]].group) {
                    join(list[x], list[y])
                }
            }
        }
        var sets: [Int: [Int]] = [:]
        for i in entries.indices { sets[root(i), default: []].append(i) }
        for members in sets.values where members.count > 1 {
            groups += 1
            sectionsInGroups += members.count
            let across = Set(members.map { entries[$0].path }).count > 1
            if across { groupsAcrossReports += 1 }
            if Set(members.map { entries[$0].group.key }).count > 1 {
                nearGroups += 1
                if across { nearGroupsAcrossReports += 1 }
            }
        }
    }

    package var description: String {
        "\(sections) sections, \(groupedSections) long enough to group; "
            + "\(exactGroups) groups of exact copies (\(exactGroupsAcrossReports) across reports); "
            + "\(groups) groups of exact or near copies holding \(sectionsInGroups) sections "
            + "(\(groupsAcrossReports) across reports), \(nearGroups) of them joined by near copies "
            + "(\(nearGroupsAcrossReports) across reports)"
    }
}
