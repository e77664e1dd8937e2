/// Decides whether a candidate pair is a copy, on the exact shingle sets: LSH proposed it; this decides it.
public struct CopyVerifier: Sendable {
    /// Minimum shingle Jaccard similarity for a near-duplicate.
    public var threshold: Double

    public init(threshold: Double) {
        self.threshold = threshold
    }

    public func verify(_ pair: ArticlePair, _ a: Fingerprint, _ b: Fingerprint) -> VerifiedLink? {
        if a.contentHash == b.contentHash, a.tokenCount == b.tokenCount {
            return VerifiedLink(pair: pair, relation: .duplicate, scores: PairScores(jaccard: 1, firstInSecond: 1, secondInFirst: 1))
        }
        let scores = PairScores(a.shingles, b.shingles)
        guard scores.jaccard >= threshold else { return nil }
        return VerifiedLink(pair: pair, relation: .nearDuplicate, scores: scores)
    }
}
