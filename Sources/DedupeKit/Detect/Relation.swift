/// How a cluster member relates to the cluster's original.
public enum Relation: String, Sendable, Codable, CaseIterable, Comparable {
    /// The same text after normalisation (a verbatim or syndicated copy).
    case duplicate
    /// An edited copy: shingle Jaccard similarity at or above the threshold.
    case nearDuplicate = "near-duplicate"
    /// A derivative rewrite: reworded, but built from the original (names, figures, quotations, order).
    case rewrite

    /// Closer relations sort first (a duplicate is a stronger tie than a near-duplicate).
    public static func < (l: Relation, r: Relation) -> Bool {
        l.rank < r.rank
    }

    private var rank: Int {
        switch self {
        case .duplicate: 0
        case .nearDuplicate: 1
        case .rewrite: 2
        }
    }
}

/// Exact similarity of two articles' shingle sets.
public struct PairScores: Sendable, Equatable, Codable {
    /// |A ∩ B| / |A ∪ B|.
    public var jaccard: Double
    /// Share of the first article's shingles found in the second: |A ∩ B| / |A|.
    public var firstInSecond: Double
    /// Share of the second article's shingles found in the first: |A ∩ B| / |B|.
    public var secondInFirst: Double

    public init(jaccard: Double, firstInSecond: Double, secondInFirst: Double) {
        self.jaccard = jaccard
        self.firstInSecond = firstInSecond
        self.secondInFirst = secondInFirst
    }

    public init(_ a: ShingleSet, _ b: ShingleSet) {
        let common = Double(a.intersectionCount(b))
        let union = Double(a.count + b.count) - common
        jaccard = union > 0 ? common / union : 0
        firstInSecond = a.count > 0 ? common / Double(a.count) : 0
        secondInFirst = b.count > 0 ? common / Double(b.count) : 0
    }

    /// The same scores seen from the other article.
    public var swapped: PairScores {
        PairScores(jaccard: jaccard, firstInSecond: secondInFirst, secondInFirst: firstInSecond)
    }
}

/// A verified link between two articles of a scan (by index), with the relation it would give the later one.
public struct VerifiedLink: Sendable, Equatable {
    public var pair: ArticlePair
    public var relation: Relation
    /// Scores with `pair.first` as the first article.
    public var scores: PairScores
    /// Which side is the original, when the verifier decided it (rewrites); nil leaves it to
    /// ``StarClusterer/precedes(_:_:)``.
    public var originalIsFirst: Bool?
    /// The measures behind a rewrite decision.
    public var rewrite: RewriteMeasures?

    public init(pair: ArticlePair, relation: Relation, scores: PairScores, originalIsFirst: Bool? = nil, rewrite: RewriteMeasures? = nil) {
        self.pair = pair
        self.relation = relation
        self.scores = scores
        self.originalIsFirst = originalIsFirst
        self.rewrite = rewrite
    }
}
