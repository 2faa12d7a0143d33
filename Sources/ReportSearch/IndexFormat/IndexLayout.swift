/// How an index sits on disk: one database folder, or a folder of shard databases with a
/// Xapian stub file that lists them, so Xapian opens the folder as one database.
///
/// ```
/// index/XAPIANDB     glass shard-00
///                    glass shard-01
/// index/shard-00/    files whose path hashes to 0
/// index/shard-01/    files whose path hashes to 1
/// ```
enum IndexLayout {
    /// The stub file's name inside a sharded index folder (Xapian opens a folder holding
    /// a file of this name as the stub it is).
    static let stubName = "XAPIANDB"

    /// `shard-00`, `shard-01`, … `shard-10`.
    static func shardName(_ i: Int) -> String { i < 10 ? "shard-0\(i)" : "shard-\(i)" }

    /// The stub file's text for `count` shards.
    static func stub(count: Int) -> String {
        (0..<count).map { "glass \(shardName($0))" }.joined(separator: "\n") + "\n"
    }

    /// A file Xapian's glass backend writes into every database folder.
    static let databaseMarker = "iamglass"
}
