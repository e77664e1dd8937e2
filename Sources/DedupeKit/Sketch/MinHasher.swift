/// MinHash signatures by one-permutation hashing with optimal densification.
///
/// Scheme (Li, Owen and Zhang, "One Permutation Hashing", NIPS 2012; Shrivastava, "Optimal Densification
/// for Fast and Accurate Minwise Hashing", ICML 2017): the 64-bit XXH3 hash of a shingle is its random
/// permutation value. Its high bits pick one of `k` bins (a multiply-shift of the hash onto `0..<k`), and
/// each bin keeps the smallest hash that falls into it. An empty bin (common in short texts) borrows the
/// value of a non-empty bin chosen by probing a hash of (bin, attempt) until one is found; that probe
/// sequence is what makes the densification "optimal" (its variance is close to k independent minwise
/// hashes). One hash per shingle plus O(k) work per article, instead of k hashes per shingle.
///
/// The two signatures of two articles agree in a position with probability close to their Jaccard
/// similarity; ``estimateJaccard(_:_:)`` is the fraction of agreeing positions. Values are stored as the
/// low 32 bits of the minimum, enough to tell minima apart and half the memory.
public struct MinHasher: Sendable, Equatable {
    public var permutations: Int

    /// Seed of the densification probe hash.
    private static let probeSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init(permutations: Int) {
        precondition(permutations >= 1 && permutations <= 1 << 16, "permutations must be in 1...65536")
        self.permutations = permutations
    }

    /// The signature of a set of shingle hashes; nil when there are none.
    public func signature(_ hashes: [UInt64]) -> [UInt32]? {
        guard !hashes.isEmpty else { return nil }
        let k = permutations
        var minima = [UInt64](repeating: .max, count: k)
        var filled = [Bool](repeating: false, count: k)
        let bins = UInt64(k)
        minima.withUnsafeMutableBufferPointer { minima in
            filled.withUnsafeMutableBufferPointer { filled in
                for h in hashes {
                    let bin = Int(h.multipliedFullWidth(by: bins).high)
                    if h < minima[bin] { minima[bin] = h }
                    filled[bin] = true
                }
            }
        }
        var signature = [UInt32](repeating: 0, count: k)
        for bin in 0..<k where filled[bin] { signature[bin] = UInt32(truncatingIfNeeded: minima[bin]) }
        for bin in 0..<k where !filled[bin] {
            var attempt: UInt64 = 1
            while true {
                let probe = XXH3.hash(integer: UInt64(bin) << 32 | attempt, seed: Self.probeSeed)
                let donor = Int(probe.multipliedFullWidth(by: bins).high)
                if filled[donor] {
                    signature[bin] = UInt32(truncatingIfNeeded: minima[donor])
                    break
                }
                attempt += 1
            }
        }
        return signature
    }

    /// The fraction of positions where two signatures agree: an estimate of the Jaccard similarity.
    public static func estimateJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count, "signatures of different lengths")
        var same = 0
        for i in a.indices where a[i] == b[i] { same += 1 }
        return Double(same) / Double(a.count)
    }
}
