import DedupeKit
import Foundation
import Testing

@Suite("MinHasher")
struct MinHasherTests {
    private let hasher = MinHasher(permutations: 128)

    /// Exact Jaccard of two hash lists (as sets).
    private func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let sa = Set(a), sb = Set(b)
        return Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
    }

    @Test func estimatesTrackExactJaccard() throws {
        let k = Double(hasher.permutations)
        var generator = SetPairGenerator(seed: 0xD1CE)
        var sizeRNG = SplitMix64(seed: 17)
        var allErrors: [Double] = []
        for target in stride(from: 0.1, through: 0.9001, by: 0.1) {
            var errors: [Double] = []
            var estimates: [Double] = []
            for _ in 0..<60 {
                // Union of 150 to 1500 shingles: from short briefs (many empty bins) to long features.
                let union = Int.random(in: 150...1500, using: &sizeRNG)
                let common = Int((target * Double(union)).rounded())
                let onlyA = Int.random(in: 0...(union - common), using: &sizeRNG)
                let (a, b) = generator.pair(common: common, onlyA: onlyA, onlyB: union - common - onlyA)
                let exact = jaccard(a, b)
                let estimate = MinHasher.estimateJaccard(try #require(hasher.signature(a)), try #require(hasher.signature(b)))
                let standardError = (exact * (1 - exact) / k).squareRoot()
                #expect(abs(estimate - exact) <= 4 * standardError + 0.02,
                        "J = \(exact), |A ∪ B| = \(union): estimate \(estimate)")
                errors.append(abs(estimate - exact))
                estimates.append(estimate - exact)
            }
            // No bias: the mean error over 60 pairs is within 4 standard errors of that mean.
            let bias = estimates.reduce(0, +) / Double(estimates.count)
            let meanSE = (target * (1 - target) / k).squareRoot() / Double(estimates.count).squareRoot()
            #expect(abs(bias) <= 4 * meanSE + 0.005, "bias \(bias) at J ≈ \(target)")
            allErrors += errors
        }
        let meanAbsoluteError = allErrors.reduce(0, +) / Double(allErrors.count)
        // For k = 128 the expected absolute error is about 0.8 × sqrt(J(1-J)/k) ≈ 0.03 on average.
        #expect(meanAbsoluteError < 0.04, "mean absolute error \(meanAbsoluteError)")
    }

    @Test func identicalSetsEstimateOne() throws {
        var generator = SetPairGenerator(seed: 4)
        for size in [1, 2, 10, 127, 128, 129, 1000] {
            let (a, _) = generator.pair(common: size, onlyA: 0, onlyB: 0)
            let signature = try #require(hasher.signature(a))
            let shuffled = try #require(hasher.signature(a.reversed()))
            #expect(MinHasher.estimateJaccard(signature, shuffled) == 1)
            // Repeats do not change a set.
            #expect(try #require(hasher.signature(a + a)) == signature)
        }
    }

    @Test func disjointSetsEstimateNearZero() throws {
        var generator = SetPairGenerator(seed: 6)
        for _ in 0..<20 {
            let (a, b) = generator.pair(common: 0, onlyA: 400, onlyB: 400)
            let estimate = MinHasher.estimateJaccard(try #require(hasher.signature(a)), try #require(hasher.signature(b)))
            #expect(estimate <= 0.02)
        }
    }

    @Test func deterministic() throws {
        var generator = SetPairGenerator(seed: 12)
        let (a, _) = generator.pair(common: 300, onlyA: 0, onlyB: 0)
        let first = try #require(hasher.signature(a))
        #expect(first.count == 128)
        #expect(MinHasher(permutations: 128).signature(a) == first)
        #expect(hasher.signature(a.shuffled()) == first)
        // The signature of a text's shingles is the same in every run: same text, same fingerprint.
        var f1 = Fingerprinter(shingleSize: 5, permutations: 128)
        var f2 = Fingerprinter(shingleSize: 5, permutations: 128)
        var prose = ProseGenerator(seed: 1)
        let article = Article(metadata: ArticleMetadata(id: "a", location: ArticleLocation(path: "/a")), text: prose.article())
        #expect(f1.fingerprint(article)?.signature == f2.fingerprint(article)?.signature)
    }

    @Test func signatureLengthFollowsPermutations() throws {
        for k in [1, 8, 100, 256] {
            #expect(MinHasher(permutations: k).signature([1, 2, 3])?.count == k)
        }
        #expect(hasher.signature([]) == nil)
    }

    @Test func singleShingleFillsEveryPosition() throws {
        // One shingle lands in one bin; densification copies it everywhere.
        let h: UInt64 = 0x1234_5678_9ABC_DEF0
        let signature = try #require(hasher.signature([h]))
        #expect(Set(signature) == [UInt32(truncatingIfNeeded: h)])
    }

    @Test func estimateIsTheFractionOfAgreeingPositions() {
        #expect(MinHasher.estimateJaccard([1, 2, 3, 4], [1, 2, 0, 0]) == 0.5)
        #expect(MinHasher.estimateJaccard([7], [7]) == 1)
        #expect(MinHasher.estimateJaccard([7], [8]) == 0)
    }
}
