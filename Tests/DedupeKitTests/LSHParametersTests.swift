import DedupeKit
import Foundation
import Testing

@Suite("LSHParameters")
struct LSHParametersTests {
    @Test(arguments: [0.3, 0.5, 0.6, 0.7, 0.8, 0.9])
    func optimalFitsTheSignature(_ threshold: Double) {
        for permutations in [8, 64, 128, 256] {
            let p = LSHParameters.optimal(threshold: threshold, permutations: permutations)
            #expect(p.bands >= 1 && p.rows >= 1)
            #expect(p.bands * p.rows <= permutations, "\(p) for \(permutations) permutations")
        }
    }

    @Test func candidateProbabilityIsTheSCurve() {
        let p = LSHParameters(bands: 20, rows: 5)
        #expect(p.candidateProbability(atSimilarity: 0) == 0)
        #expect(p.candidateProbability(atSimilarity: 1) == 1)
        // 1 - (1 - s^r)^b, written out for s = 0.5.
        #expect(abs(p.candidateProbability(atSimilarity: 0.5) - (1 - pow(1 - 1.0 / 32, 20))) < 1e-12)
        #expect(LSHParameters(bands: 1, rows: 1).candidateProbability(atSimilarity: 0.37) == 0.37)
    }

    @Test(arguments: [(1, 1), (32, 4), (20, 5), (4, 32), (128, 1)])
    func candidateProbabilityIsMonotone(_ bands: Int, _ rows: Int) {
        let p = LSHParameters(bands: bands, rows: rows)
        var previous = -1.0
        for i in 0...1000 {
            let s = Double(i) / 1000
            let value = p.candidateProbability(atSimilarity: s)
            #expect(value >= previous - 1e-15, "not monotone at s = \(s)")
            #expect((0...1).contains(value))
            previous = value
        }
    }

    @Test func defaultsCatchPairsAtTheThreshold() {
        let config = ScanConfiguration()
        let p = config.lsh
        #expect(p == LSHParameters.optimal(threshold: 0.5, permutations: 128))
        #expect(p.bands * p.rows <= config.permutations)
        let atThreshold = p.candidateProbability(atSimilarity: config.threshold)
        // Pairs a little above the threshold are almost always candidates, pairs well below rarely.
        #expect(atThreshold >= 0.85, "P(candidate | J = 0.5) = \(atThreshold) for \(p)")
        #expect(p.candidateProbability(atSimilarity: 0.6) >= 0.98)
        #expect(p.candidateProbability(atSimilarity: 0.8) >= 0.9999)
        #expect(p.candidateProbability(atSimilarity: 0.2) <= 0.1)
        // The recall floor is honoured: asking for 0.95 at the threshold gives a banding that reaches it.
        #expect(LSHParameters.optimal(threshold: 0.5, permutations: 128, minimumRecallAtThreshold: 0.95)
            .candidateProbability(atSimilarity: 0.5) >= 0.95)
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.9])
    func optimalIsSteepAroundTheThreshold(_ threshold: Double) {
        let p = LSHParameters.optimal(threshold: threshold, permutations: 128)
        // Misses are weighted nine times more than extra candidates, so the curve is high just above the
        // threshold and the recall there beats the false-candidate rate well below it.
        let above = p.candidateProbability(atSimilarity: min(1, threshold + 0.1))
        let below = p.candidateProbability(atSimilarity: max(0, threshold - 0.2))
        #expect(above >= 0.95, "\(p) at \(threshold) + 0.1: \(above)")
        #expect(below < above)
    }

    @Test func optimalMovesWithTheThreshold() {
        // A higher threshold needs more rows per band (a later, steeper S-curve).
        let low = LSHParameters.optimal(threshold: 0.3, permutations: 128)
        let high = LSHParameters.optimal(threshold: 0.8, permutations: 128)
        #expect(low.rows <= high.rows)
        #expect(low.candidateProbability(atSimilarity: 0.3) > high.candidateProbability(atSimilarity: 0.3))
    }

    @Test func codable() throws {
        let p = LSHParameters(bands: 32, rows: 4)
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(LSHParameters.self, from: data) == p)
    }
}
