import Foundation

/// What a database's files looked like when this tool last left them sound: after a run
/// that wrote them, or after Xapian's full check passed. A run whose files still match
/// skips the full check (`Database::check` reads every block: 0.3 s per 35 MB of index,
/// six times an unchanged run over gov-reports); any other writer, a partial copy, a run
/// killed between two commits or a block overwritten in place changes a file's size,
/// mtime, ctime or inode, and the next run checks in full again.
///
/// Stored as `.reportsearch-checked` inside the database folder (Xapian ignores files it
/// does not know; compaction copies only its tables), one line per file:
///
/// | line                                         | from                          |
/// |----------------------------------------------|-------------------------------|
/// | `postlist.glass 3317760 1764487231.081274455 1764487231.081274455 5505032` | name, size, mtime, ctime, inode |
///
/// Timestamps come from a coarse kernel clock (a tick of a few milliseconds), so a block
/// overwritten in the same tick as the stamp was written keeps the recorded ctime. As with
/// Git's "racily clean" index entries, a file whose ctime is not strictly older than the
/// stamp's own mtime is not trusted: that run checks in full, and re-stamps.
///
/// Not caught: bytes changed on the disk below the file system (no timestamps move); the
/// first read of such a block still fails with Xapian's `DatabaseCorruptError`.
enum CheckedStamp {
    static let fileName = ".reportsearch-checked"

    /// Whether every file of the database at `indexPath` is as the stamp recorded it.
    static func matches(indexPath: String) -> Bool {
        let stampPath = indexPath + "/" + fileName
        guard let stored = try? String(contentsOfFile: stampPath, encoding: .utf8),
              let stamp = status(stampPath), let current = fingerprint(indexPath: indexPath),
              stored == current.text else { return false }
        return current.newestChange < stamp.mtime
    }

    /// Records the files of the database at `indexPath` as sound. Best effort: when the
    /// folder cannot be written, the next run checks in full.
    static func record(indexPath: String) {
        guard let current = fingerprint(indexPath: indexPath) else { return }
        let stampPath = indexPath + "/" + fileName
        try? current.text.write(toFile: stampPath, atomically: true, encoding: .utf8)
    }

    private struct Status { var size: Int64, mtime: Timestamp, ctime: Timestamp, inode: UInt64 }
    private struct Timestamp: Comparable, CustomStringConvertible {
        var seconds: Int, nanoseconds: Int
        static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
        var description: String {
            let ns = String(nanoseconds)
            return "\(seconds).\(String(repeating: "0", count: max(0, 9 - ns.count)))\(ns)"
        }
    }

    private static func status(_ path: String) -> Status? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Status(size: Int64(st.st_size),
                      mtime: Timestamp(seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec)),
                      ctime: Timestamp(seconds: Int(st.st_ctim.tv_sec), nanoseconds: Int(st.st_ctim.tv_nsec)),
                      inode: UInt64(st.st_ino))
    }

    /// Every file of the database but its lock file and the stamp, sorted by name.
    private static func fingerprint(indexPath: String) -> (text: String, newestChange: Timestamp)? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: indexPath) else { return nil }
        var lines: [String] = []
        var newest = Timestamp(seconds: 0, nanoseconds: 0)
        for name in names.sorted() where name != fileName && name != "flintlock" {
            guard let s = status(indexPath + "/" + name) else { return nil }
            lines.append("\(name) \(s.size) \(s.mtime) \(s.ctime) \(s.inode)\n")
            newest = max(newest, s.ctime)
        }
        return (lines.joined(), newest)
    }
}
