@testable import DedupeKit
import Testing

@Suite("BandIndex")
struct BandIndexTests {
    private let parameters = ScanConfiguration().lsh
    private let hasher = MinHasher(permutations: 128)

    /// The band sort (radix on the high halves, then runs) orders by key and, for equal keys, by article,
    /// as the comparison sort does: on keys that repeat, keys that share only their high half, and sizes
    /// either side of the small-array cutoff.
    @Test(arguments: [40, 5_000])
    func bandEntriesSortByKeyThenArticle(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        let highs = (0..<50).map { _ in random.next() & 0xFFFF_FFFF_0000_0000 }
        var entries = (0..<count).map { article -> (key: UInt64, article: Int32) in
            let key: UInt64
            switch random.next() % 3 {
            case 0: key = highs[Int(random.next() % 50)] | (random.next() % 4)  // repeats, and shared high halves
            case 1: key = highs[Int(random.next() % 50)] | (random.next() & 0xFFFF_FFFF)
            default: key = random.next()
            }
            return (key, Int32(article))
        }
        let expected = entries.sorted { $0.key != $1.key ? $0.key < $1.key : $0.article < $1.article }
        BandIndex.sortByKey(&entries)
        #expect(entries.map(\.key) == expected.map(\.key))
        #expect(entries.map(\.article) == expected.map(\.article))
    }

    @Test func bandKeysOnePerBand() throws {
        let index = BandIndex(parameters: LSHParameters(bands: 8, rows: 4))
        let signature = (0..<32).map { UInt32($0) }
        let keys = index.bandKeys(signature)
        #expect(keys.count == 8)
        #expect(index.bandKeys(signature) == keys)
        // A change in one row changes exactly the key of its band.
        var changed = signature
        changed[13] = 999  // band 3 (rows 12..<16)
        let changedKeys = index.bandKeys(changed)
        #expect((0..<8).filter { changedKeys[$0] != keys[$0] } == [3])
        // Bands with the same rows in different positions still get different keys.
        let constant = index.bandKeys([UInt32](repeating: 7, count: 32))
        #expect(Set(constant).count == 8)
        // Values past bands × rows are not used.
        #expect(index.bandKeys(signature + [1, 2, 3]) == keys)
    }

    @Test func identicalSignaturesAlwaysBecomeCandidates() throws {
        let index = BandIndex(parameters: parameters)
        var generator = SetPairGenerator(seed: 31)
        for _ in 0..<50 {
            let size = Int.random(in: 1...600, using: &generator.rng)
            let (a, _) = generator.pair(common: size, onlyA: 0, onlyB: 0)
            let signature = try #require(hasher.signature(a))
            let keys = index.bandKeys(signature)
            #expect(index.candidatePairs([keys, keys]) == [ArticlePair(0, 1)])
        }
    }

    @Test func pairsAreUniqueOrderedAndSorted() throws {
        let index = BandIndex(parameters: parameters)
        var generator = SetPairGenerator(seed: 77)
        // Groups of near-identical articles sharing many bands, interleaved with unrelated ones.
        var signatures: [[UInt32]] = []
        for _ in 0..<6 {
            let (base, _) = generator.pair(common: 400, onlyA: 0, onlyB: 0)
            for copy in 0..<4 {
                let (extra, _) = generator.pair(common: copy * 5, onlyA: 0, onlyB: 0)
                signatures.append(try #require(hasher.signature(base + extra)))
            }
            let (other, _) = generator.pair(common: 300, onlyA: 0, onlyB: 0)
            signatures.append(try #require(hasher.signature(other)))
        }
        var keys = signatures.map(index.bandKeys)
        keys.insert([], at: 3)  // an article without a signature takes part in nothing
        let pairs = index.candidatePairs(keys)
        #expect(!pairs.isEmpty)
        #expect(pairs.allSatisfy { $0.first < $0.second })
        #expect(Set(pairs).count == pairs.count)
        #expect(pairs == pairs.sorted())
        #expect(!pairs.contains { $0.first == 3 || $0.second == 3 })
        // Every candidate shares at least one band key, and every pair sharing one is a candidate.
        var expected: [ArticlePair] = []
        for i in keys.indices where !keys[i].isEmpty {
            for j in keys.indices where j > i && !keys[j].isEmpty {
                if zip(keys[i], keys[j]).contains(where: { $0 == $1 }) { expected.append(ArticlePair(i, j)) }
            }
        }
        #expect(pairs == expected)
    }

    @Test func articlePairIsOrdered() {
        let p = ArticlePair(9, 2)
        #expect(p.first == 2 && p.second == 9)
        #expect(p == ArticlePair(2, 9))
        #expect(ArticlePair(1, 5) < ArticlePair(2, 3))
        #expect(ArticlePair(1, 3) < ArticlePair(1, 5))
    }

    @Test func emptyInput() {
        let index = BandIndex(parameters: parameters)
        #expect(index.candidatePairs([]) == [])
        #expect(index.candidatePairs([[], []]) == [])
    }

    /// Candidate rate over `count` random pairs at exactly `common / (common + onlyA + onlyB)` Jaccard.
    private func observedRecall(common: Int, onlyA: Int, onlyB: Int, count: Int, seed: UInt64) throws -> Double {
        let index = BandIndex(parameters: parameters)
        var generator = SetPairGenerator(seed: seed)
        var found = 0
        for _ in 0..<count {
            let (a, b) = generator.pair(common: common, onlyA: onlyA, onlyB: onlyB)
            let keys = [index.bandKeys(try #require(hasher.signature(a))), index.bandKeys(try #require(hasher.signature(b)))]
            if index.candidatePairs(keys) == [ArticlePair(0, 1)] { found += 1 }
        }
        return Double(found) / Double(count)
    }

    @Test func recallJustAboveTheThresholdMatchesTheSCurve() throws {
        // Jaccard 0.55 = threshold + 0.05: 220 shared shingles, 90 and 90 of their own.
        let threshold = ScanConfiguration().threshold
        let similarity = 220.0 / 400.0
        #expect(abs(similarity - (threshold + 0.05)) < 1e-12)
        let predicted = parameters.candidateProbability(atSimilarity: similarity)
        let observed = try observedRecall(common: 220, onlyA: 90, onlyB: 90, count: 400, seed: 2024)
        #expect(observed >= predicted - 0.05, "observed recall \(observed), S-curve \(predicted) for \(parameters)")
    }

    @Test func recallAtLongerTextsMatchesTheSCurve() throws {
        // The same similarity with ten times the shingles (no empty MinHash bins).
        let predicted = parameters.candidateProbability(atSimilarity: 0.55)
        let observed = try observedRecall(common: 2200, onlyA: 900, onlyB: 900, count: 300, seed: 99)
        #expect(observed >= predicted - 0.05, "observed recall \(observed), S-curve \(predicted)")
    }

    @Test func dissimilarPairsAreRarelyCandidates() throws {
        // Jaccard 0.2: the S-curve predicts few candidates; LSH must not propose far more than that.
        let predicted = parameters.candidateProbability(atSimilarity: 0.2)
        let observed = try observedRecall(common: 100, onlyA: 200, onlyB: 200, count: 400, seed: 5)
        #expect(observed <= predicted + 0.05, "observed rate \(observed), S-curve \(predicted)")
    }
}
