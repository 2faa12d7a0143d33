@testable import ReportSearch

/// The one random number generator of the tests: SplitMix64, small and deterministic, so a
/// random test takes its seed as a test argument and a failing case names the seed that
/// reproduces it.
///
///     @Test(arguments: 0..<20) func randomInput(seed: Int) {
///         var rng = SplitMix(seed: UInt64(seed))
///         let length = Int.random(in: 0..<300, using: &rng)
///
/// Never use the system generator (`Int.random(in:)`, `randomElement()`, `shuffled()`
/// without `using:`) in a test: its failures cannot be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return MinHashSignature.mix(state)
    }
}
