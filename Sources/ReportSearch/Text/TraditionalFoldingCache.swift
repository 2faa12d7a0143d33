import Foundation

/// Keeps OpenCC's Traditional → Simplified character pairs (``CharacterFolding``) in a small
/// file, so that a process does not run all 28,000 BMP Han characters through OpenCC
/// again: that took 342 M instructions, most of a one-shot `report-search search`.
///
/// | situation                                             | `load`                |
/// |-------------------------------------------------------|-----------------------|
/// | a cache written for the same OpenCC data files        | its pairs             |
/// | no cache, OpenCC's data changed since, a damaged file | nil (build and `store`) |
///
/// The key is a hash of every file in OpenCC's data folder (name, size, mtime): an upgrade
/// of OpenCC's dictionaries writes a new cache, so the folding always follows OpenCC as
/// installed. The file lives in `$XDG_CACHE_HOME/report-search` (else
/// `~/.cache/report-search`); when that cannot be written, the table is built each time.
struct TraditionalFoldingCache {
    /// Where the cache file goes; nil: no caching.
    var folder: URL?
    /// OpenCC's data folder, whose files key the cache.
    var dataFolder = "/usr/share/opencc"

    static let magic = Array("reportsearch-t2s 1\n".utf8)

    /// The per-user cache folder.
    static var userFolder: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("report-search")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/report-search")
    }

    /// A hash of the data folder's file names, sizes and mtimes; nil when it cannot be listed.
    func key() -> UInt64? {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: dataFolder), !names.isEmpty else { return nil }
        var hash = FNV1a()
        for name in names.sorted() {
            guard let attributes = try? manager.attributesOfItem(atPath: dataFolder + "/" + name) else { continue }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            hash.add(Array("\(name) \(size) \(mtime)\n".utf8))
        }
        return hash.value
    }

    var file: URL? {
        guard let folder, let key = key() else { return nil }
        return folder.appendingPathComponent("t2s-\(String(key, radix: 16)).bin")
    }

    /// The cached pairs, or nil when there is no cache for OpenCC's data as installed.
    func load() -> [(UInt32, UInt32)]? {
        guard let file, let data = try? Data(contentsOf: file) else { return nil }
        let bytes = [UInt8](data)
        let body = bytes.dropFirst(Self.magic.count)
        guard bytes.starts(with: Self.magic), body.count % 4 == 0, !body.isEmpty else { return nil }
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(body.count / 4)
        var i = body.startIndex
        while i < body.endIndex {
            let from = UInt32(body[i]) | UInt32(body[i + 1]) << 8
            let to = UInt32(body[i + 2]) | UInt32(body[i + 3]) << 8
            // Only Han characters fold this way; anything else means a damaged file.
            guard (0x3400...0xFAFF).contains(from), to >= 0x2E80 else { return nil }
            pairs.append((from, to))
            i += 4
        }
        return pairs
    }

    /// Writes `pairs` (BMP characters) for the next process; failures are ignored.
    func store(_ pairs: [(UInt32, UInt32)]) {
        guard let file, !pairs.isEmpty, pairs.allSatisfy({ $0.0 < 0x10000 && $0.1 < 0x10000 }) else { return }
        var bytes = Self.magic
        for (from, to) in pairs {
            bytes += [UInt8(from & 0xFF), UInt8(from >> 8), UInt8(to & 0xFF), UInt8(to >> 8)]
        }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Atomic: another process reading at the same time sees the old file or the whole new one.
        try? Data(bytes).write(to: file, options: .atomic)
    }
}
