import Foundation
import Testing
@testable import ReportSearch

/// OpenCC's Traditional → Simplified pairs cached per user (``TraditionalFoldingCache``):
/// the cached table folds exactly as the one built from OpenCC, and a cache that does not
/// belong to OpenCC's data as installed is never used.
@Suite struct FoldingCacheTests {
    func table(_ folding: CharacterFolding) -> [UInt32] { (0..<0x10000).map { folding.fold(UInt32($0)) } }

    @Test func aCachedTableFoldsLikeOpenCC() throws {
        let dir = try TemporaryDirectory()
        let cache = TraditionalFoldingCache(folder: dir.url)
        let built = CharacterFolding(cache: cache)
        try #require(built.foldsTraditional, "OpenCC's t2s.json is installed by scripts/setup.sh")
        let file = try #require(cache.file)
        #expect(FileManager.default.fileExists(atPath: file.path))
        let pairs = try #require(cache.load())
        #expect(pairs.count == built.traditionalCount)
        let loaded = CharacterFolding(cache: cache)
        #expect(table(loaded) == table(built))
        #expect(loaded.fold("經濟發展") == "经济发展")
    }

    @Test func aDamagedOrForeignCacheIsRebuilt() throws {
        let dir = try TemporaryDirectory()
        let cache = TraditionalFoldingCache(folder: dir.url)
        let file = try #require(cache.file)
        // Pairs that are not Han characters: a damaged file, not used and written anew.
        try Data(TraditionalFoldingCache.magic + [0x41, 0, 0x42, 0]).write(to: file)
        #expect(cache.load() == nil)
        let folding = CharacterFolding(cache: cache)
        #expect(folding.fold("A") == 0x61 && folding.fold("經") == 0x7ECF)
        #expect(cache.load()?.count == folding.traditionalCount)
        // Another data folder (another OpenCC install) has another key, so another file.
        let other = TraditionalFoldingCache(folder: dir.url, dataFolder: dir.path)
        #expect(other.file != file)
        #expect(TraditionalFoldingCache(folder: nil).load() == nil)
    }
}

private extension CharacterFolding {
    func fold(_ character: Character) -> UInt32 { fold(character.unicodeScalars.first!.value) }
}
