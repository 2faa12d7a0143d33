internal import COpenCC
import Foundation

/// The per-character folding applied identically at index and query time.
///
/// | input                         | folded              |
/// |-------------------------------|---------------------|
/// | `Ａ`…`～` (U+FF01–U+FF5E)      | `A`…`~` (then case) |
/// | U+3000 ideographic space      | ` `                 |
/// | `GDP`, `Ä`                    | `gdp`, `ä`          |
/// | `經`, `濟`, `發`, `臺`         | `经`, `济`, `发`, `台` |
/// | `豈` U+F900 (compatibility)   | `岂` (as `豈` U+8C48)  |
///
/// Traditional → Simplified comes from OpenCC's `t2s` conversion, applied one character at
/// a time: OpenCC's phrase-level conversion can change a text's length and depends on the
/// neighbouring characters, while a per-character fold keeps a 1:1 map from every folded
/// character back to the original (needed for highlights) and gives the same term for the
/// same character wherever it stands.
package struct CharacterFolding: Sendable {
    /// BMP table: folded scalar value for each code point (identity where nothing changes).
    private let bmp: [UInt32]
    /// Whether OpenCC's Traditional → Simplified table could be loaded.
    package let foldsTraditional: Bool
    /// Number of Traditional characters that fold to a different Simplified one.
    package let traditionalCount: Int

    /// The process-wide folding: OpenCC's pairs from the per-user cache
    /// (``TraditionalFoldingCache``), else from OpenCC (~100 ms), then cached.
    package static let shared = CharacterFolding(cache: TraditionalFoldingCache(folder: TraditionalFoldingCache.userFolder))

    init(cache: TraditionalFoldingCache = TraditionalFoldingCache(folder: nil)) {
        var table = [UInt32](unsafeUninitializedCapacity: 0x10000) { buffer, count in
            for i in 0..<0x10000 { buffer[i] = UInt32(i) }
            count = 0x10000
        }
        for c in UInt32(0x41)...0x5A { table[Int(c)] = c + 0x20 }
        // Full-width ASCII folds to ASCII (and then to lower case).
        for c in UInt32(0xFF01)...0xFF5E {
            let ascii = c - 0xFEE0
            table[Int(c)] = (0x41...0x5A).contains(ascii) ? ascii + 0x20 : ascii
        }
        table[0x3000] = 0x20
        // Case folding for the other alphabets a report may quote (Latin-1/Extended, Greek, Cyrillic).
        for range in [0xC0...0x24F, 0x370...0x52F] {
            for c in range {
                guard let scalar = Unicode.Scalar(UInt32(c)), scalar.properties.isUppercase else { continue }
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let l = lower.first { table[c] = l.value }
            }
        }
        let traditional: [(UInt32, UInt32)]
        if let cached = cache.load() {
            traditional = cached
        } else {
            traditional = Self.loadTraditionalFolding()
            cache.store(traditional)
        }
        for (from, to) in traditional { table[Int(from)] = to }
        // CJK compatibility ideographs (豈 U+F900 …) are canonically the unified ones
        // (豈 U+8C48): fold them alike, then as their unified form folds.
        for c in 0xF900...0xFAFF {
            guard let scalar = Unicode.Scalar(UInt32(c)) else { continue }
            let unified = String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars
            if unified.count == 1, let u = unified.first, u.value < 0x10000, u.value != UInt32(c) {
                table[c] = table[Int(u.value)]
            }
        }
        bmp = table
        foldsTraditional = !traditional.isEmpty
        traditionalCount = traditional.count
    }

    /// Folds one scalar value.
    @inline(__always)
    package func fold(_ value: UInt32) -> UInt32 {
        value < 0x10000 ? bmp[Int(value)] : value
    }

    /// Folds a whole string (no offsets kept).
    package func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            scalars.append(Unicode.Scalar(fold(s.value)) ?? s)
        }
        return String(scalars)
    }

    /// Runs OpenCC's t2s over every BMP Han character on a line of its own and keeps the
    /// characters that map to exactly one different character.
    private static func loadTraditionalFolding() -> [(UInt32, UInt32)] {
        var handle = opencc_open("t2s.json")
        if Int(bitPattern: handle) == -1 {
            handle = opencc_open("/usr/share/opencc/t2s.json")
        }
        guard let handle, Int(bitPattern: handle) != -1 else { return [] }
        defer { _ = opencc_close(handle) }
        var input: [UInt32] = []
        input.append(contentsOf: 0x3400...0x4DBF)
        input.append(contentsOf: 0x4E00...0x9FFF)
        input.append(contentsOf: 0xF900...0xFAFF)
        var text = ""
        text.unicodeScalars.reserveCapacity(input.count * 2)
        for c in input {
            text.unicodeScalars.append(Unicode.Scalar(c)!)
            text.unicodeScalars.append("\n")
        }
        var utf8 = Array(text.utf8)
        guard let converted = utf8.withUnsafeMutableBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { opencc_convert_utf8(handle, $0.baseAddress, $0.count) }
        }) else { return [] }
        defer { opencc_convert_utf8_free(converted) }
        let lines = String(cString: converted).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= input.count else { return [] }
        var result: [(UInt32, UInt32)] = []
        for (i, line) in lines.prefix(input.count).enumerated() {
            let scalars = line.unicodeScalars
            guard scalars.count == 1, let s = scalars.first, s.value != input[i], s.value < 0x10000 else { continue }
            result.append((input[i], s.value))
        }
        utf8.removeAll()
        return result
    }
}
