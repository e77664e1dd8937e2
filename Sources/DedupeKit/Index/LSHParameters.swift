import Foundation

/// Banding for locality-sensitive hashing: a signature of `bands × rows` values is cut into bands, and two
/// articles become a candidate pair when all rows of at least one band agree. At Jaccard similarity `s`
/// that happens with probability `1 - (1 - s^rows)^bands` (the S-curve; Leskovec, Rajaraman and Ullman,
/// *Mining of Massive Datasets*, ch. 3.4).
public struct LSHParameters: Sendable, Equatable, Codable {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        precondition(bands >= 1 && rows >= 1)
        self.bands = bands
        self.rows = rows
    }

    /// Probability that a pair at Jaccard similarity `s` becomes a candidate.
    public func candidateProbability(atSimilarity s: Double) -> Double {
        1 - pow(1 - pow(s, Double(rows)), Double(bands))
    }

    /// The banding that minimises a weighted sum of the false-positive area (the S-curve below the
    /// threshold) and the false-negative area (one minus the curve above it), as datasketch's
    /// `MinHashLSH` chooses it, among the bandings that make a pair exactly at the threshold a candidate
    /// with probability at least `minimumRecallAtThreshold`. dedupe weights misses nine times more than
    /// extra candidates, because every candidate is verified exactly and a missed pair is lost for good.
    public static func optimal(threshold: Double, permutations: Int, falseNegativeWeight: Double = 0.9,
                               minimumRecallAtThreshold: Double = 0.85) -> LSHParameters {
        let falsePositiveWeight = 1 - falseNegativeWeight
        var best = LSHParameters(bands: 1, rows: permutations)
        var bestError = Double.infinity
        for bands in 1...permutations {
            for rows in 1...(permutations / bands) {
                let p = LSHParameters(bands: bands, rows: rows)
                guard p.candidateProbability(atSimilarity: threshold) >= minimumRecallAtThreshold else { continue }
                let fp = integrate(from: 0, to: threshold) { p.candidateProbability(atSimilarity: $0) }
                let fn = integrate(from: threshold, to: 1) { 1 - p.candidateProbability(atSimilarity: $0) }
                let error = falsePositiveWeight * fp + falseNegativeWeight * fn
                if error < bestError - 1e-12 {
                    bestError = error
                    best = p
                }
            }
        }
        return best
    }

    private static func integrate(from a: Double, to b: Double, steps: Int = 200, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        let h = (b - a) / Double(steps)
        var sum = (f(a) + f(b)) / 2
        for i in 1..<steps { sum += f(a + Double(i) * h) }
        return sum * h
    }
}
