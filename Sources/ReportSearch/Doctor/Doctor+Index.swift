import Foundation

extension Doctor {
    /// The checks of one index: it opens, its format is this version's, Xapian's own
    /// consistency check (`Database::check`, what `xapian-check` runs) finds nothing, and
    /// its size and last update.
    ///
    /// | index                                  | lines                                                     |
    /// |----------------------------------------|-----------------------------------------------------------|
    /// | healthy                                | `✓ index`, `✓ index format`, `✓ index check`, `✓ index size` |
    /// | missing                                | `✗ index: no index at …` — build one                        |
    /// | written by an older version            | `✗ index format: reportsearch-4 … ` — `--rebuild`            |
    /// | a damaged block                        | `✗ index check: …` — `--rebuild`                             |
    package func checkIndex(at indexPath: String) -> [DoctorCheck] {
        let rebuild = "rebuild it: report-search index DIR --index \(indexPath) --rebuild"
        guard FileManager.default.fileExists(atPath: indexPath) else {
            return [.fail("index", "no index at \(indexPath)", remedy: "build one: report-search index DIR --index \(indexPath)")]
        }
        let database: XapianDatabase
        do {
            try ShardSpec.checkIncludes(indexPath: indexPath)
            database = try XapianDatabase(path: indexPath)
        } catch {
            return [.fail("index", "cannot open \(indexPath): \(Self.message(error))", remedy: rebuild)]
        }
        var checks: [DoctorCheck] = []
        let sections = (try? database.documentCount) ?? 0
        checks.append(.pass("index", "\(indexPath): \(sections) sections"))

        let format = (try? IndexSchema.storedFormat(of: database)) ?? ""
        if format == IndexSchema.formatValue {
            checks.append(.pass("index format", format))
        } else if format.isEmpty && sections == 0 {
            checks.append(.pass("index format", "empty index (nothing indexed yet)"))
        } else {
            checks.append(.fail("index format", "\(format.isEmpty ? "none recorded" : format), this version reads \(IndexSchema.formatValue)",
                                remedy: rebuild))
        }

        checks.append(consistencyCheck(indexPath: indexPath, remedy: rebuild))

        let megabytes = String(format: "%.1f MB", Double(IndexStatistics.bytesOnDisk(of: indexPath)) / 1_048_576)
        let updated = (try? database.metadata(IndexSchema.updatedKey)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        checks.append(.pass("index size", "\(megabytes) on disk, last update \(updated.isEmpty ? "never" : updated)"))
        return checks
    }

    /// `Database::check` on the database, or on each local shard of a sharded index.
    func consistencyCheck(indexPath: String, remedy: String) -> DoctorCheck {
        var parts: [(label: String, path: String)] = [(indexPath, indexPath)]
        if let stub = ShardSpec.stubFile(of: indexPath) {
            parts = ShardSpec.localEntries(ofStub: stub)
            guard !parts.isEmpty else {
                return .pass("index check", "only remote shards: run xapian-check on the machines that serve them")
            }
        }
        for part in parts {
            do {
                let errors = try XapianDatabase.check(path: part.path)
                if errors > 0 {
                    return .fail("index check", "\(part.label): Xapian's check finds \(errors) \(errors == 1 ? "error" : "errors")", remedy: remedy)
                }
            } catch {
                return .fail("index check", "\(part.label): \(Self.message(error))", remedy: remedy)
            }
        }
        let what = parts.count == 1 ? "no errors" : "no errors in \(parts.count) shards"
        return .pass("index check", "Xapian's Database::check finds \(what)")
    }

    /// A one-line reason from a Xapian or index error.
    static func message(_ error: any Error) -> String {
        if let xapian = error as? XapianError { return xapian.message }
        return error.localizedDescription
    }
}
