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
        guard scores.jaccard >= threshold, !Self.reportsDifferentFigures(a, b) else { return nil }
        return VerifiedLink(pair: pair, relation: .nearDuplicate, scores: scores)
    }

    /// Templated notices (dividends, repo operations, weekly crop estimates) share most of their words
    /// and differ in the figures that are the news. When each article has figures the other lacks (two or
    /// more each, or one each in a short notice), they are two reports, not an edited copy; a copy that was
    /// cut loses figures on one side only, and a correction usually changes a single figure in a longer text.
    static func reportsDifferentFigures(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        let onlyA = a.profile.figures.filter { !b.profile.figures.binaryContains($0) }.count
        let onlyB = b.profile.figures.filter { !a.profile.figures.binaryContains($0) }.count
        let shortNotice = min(a.tokenCount, b.tokenCount) < 120
        return min(onlyA, onlyB) >= 2 || (shortNotice && min(onlyA, onlyB) >= 1)
    }
}
