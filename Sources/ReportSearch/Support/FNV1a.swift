/// 64-bit FNV-1a: stable across runs, machines and Swift versions (unlike `Hasher`, which
/// is seeded per process), so what it names can be stored. Shards, report ids and
/// duplicate groups use it.
///
/// | input            | ``value`` (hex, ``hex16``) |
/// |------------------|----------------------------|
/// | nothing          | `cbf29ce484222325`         |
/// | `"a"` (0x61)     | `af63dc4c8601ec8c`         |
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// The hash of `bytes`.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }

    /// The value as 16 lowercase hex digits.
    var hex16: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
