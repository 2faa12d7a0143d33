import Foundation

/// Why an index run could not proceed at all (bad files are skipped, not errors).
public enum IndexingError: Error, LocalizedError, Equatable {
    case missingRoot(String)
    case locked(index: String)
    case cannotOpen(index: String, reason: String)
    /// The index folder holds another layout (a single database, another shard count).
    case wrongLayout(index: String, found: String)
    case noTraditionalFolding
    case nothingIndexed(skipped: Int)

    public var errorDescription: String? {
        switch self {
        case .missingRoot(let path):
            "corpus folder \(path) does not exist; check the path"
        case .locked(let index):
            "another process is updating the index at \(index); wait for it to finish and run again"
        case .cannotOpen(let index, let reason):
            "cannot open the index at \(index): \(reason); remove it or run with --rebuild"
        case .wrongLayout(let index, let found):
            "the index at \(index) holds \(found)"
        case .noTraditionalFolding:
            "OpenCC's t2s.json could not be loaded, so Traditional characters cannot be folded; run scripts/setup.sh"
        case .nothingIndexed(let skipped):
            "nothing could be indexed (\(skipped) files skipped); see the warnings above"
        }
    }
}
