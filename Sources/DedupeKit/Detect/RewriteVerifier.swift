/// Decides whether a candidate pair is a rewrite: the later article reworded from the earlier one.
///
/// A rewrite and an independent report of the same event share names and figures; what only the rewrite
/// has is the source's *structure*. So the verifier aligns each sentence of the candidate derivative to
/// its most similar sentence of the candidate source (similarity: Dice overlap of their content terms,
/// each term weighted by its rarity in the feed, so boilerplate counts for little), then measures:
/// - `sourceCoverage`: how much of the source (by term weight) the derivative's sentences account for;
/// - `derivativeAligned`: the share of the derivative's sentences that align to a source sentence;
/// - `orderPreserved`: the longest run of aligned sentences in the source's order (longest increasing
///   subsequence), as a share of the aligned sentences;
/// - `newFigureShare`: the share of the derivative's figures that the source lacks (a follow-up brings
///   new numbers; a rewrite restates the old ones).
/// Condensed rewrites cover little of the source but align almost every sentence; padded rewrites the
/// reverse; so the decision looks at the sum of the two coverages with a floor on each. Two articles of the
/// same outlet are never called a rewrite of each other: an outlet's second story on an event is an update
/// (or, if the text is copied, a copy, which the copy verifier finds).
public struct RewriteVerifier: Sendable {
    /// The decision thresholds, calibrated on the development set (README, "Rewrite detection").
    public struct Thresholds: Sendable, Equatable {
        /// Weighted Dice similarity at which two sentences align.
        public var sentenceAlignment = 0.3
        /// Minimum `sourceCoverage + derivativeAligned`.
        public var combinedCoverage = 0.9
        /// Minimum of each coverage.
        public var eachCoverage = 0.2
        /// Minimum `orderPreserved`.
        public var orderPreserved = 0.4
        /// Maximum share of new figures in the derivative.
        public var newFigureShare = 0.34
        /// Minimum number of aligned sentences.
        public var alignedSentences = 2

        public init() {}
    }

    public var thresholds: Thresholds

    public init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// The content terms of one sentence with their weights.
    struct WeightedSentence {
        var terms: [UInt32]
        var weights: [Double]
        var mass: Double
    }

    static func sentences(_ profile: ContentProfile, _ statistics: TermStatistics) -> [WeightedSentence] {
        var grouped = [[UInt32]](repeating: [], count: profile.sentenceCount)
        for (term, sentence) in zip(profile.terms, profile.sentenceOfTerm) where Int(sentence) < grouped.count {
            grouped[Int(sentence)].append(term)
        }
        return grouped.map { terms in
            var distinct = terms
            distinct.sort()
            distinct = distinct.uniquedSorted()
            let weights = distinct.map(statistics.weight)
            return WeightedSentence(terms: distinct, weights: weights, mass: weights.reduce(0, +))
        }
    }

    static func similarity(_ a: WeightedSentence, _ b: WeightedSentence) -> Double {
        let total = a.mass + b.mass
        guard total > 0 else { return 0 }
        var i = 0, j = 0
        var common = 0.0
        while i < a.terms.count, j < b.terms.count {
            if a.terms[i] == b.terms[j] {
                common += a.weights[i]
                i += 1
                j += 1
            } else if a.terms[i] < b.terms[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return 2 * common / total
    }

    /// Measures `derivative` against `source`.
    public func measure(source: Fingerprint, derivative: Fingerprint, statistics: TermStatistics) -> RewriteMeasures {
        let sourceSentences = Self.sentences(source.profile, statistics)
        let derivativeSentences = Self.sentences(derivative.profile, statistics)
        var alignment: [AlignedSentences] = []
        var countedDerivative = 0
        for (j, d) in derivativeSentences.enumerated() where d.terms.count >= 2 {
            countedDerivative += 1
            var best = 0.0, bestIndex = -1
            for (i, s) in sourceSentences.enumerated() where s.terms.count >= 2 {
                let sim = Self.similarity(s, d)
                if sim > best { best = sim; bestIndex = i }
            }
            if bestIndex >= 0, best >= thresholds.sentenceAlignment {
                alignment.append(AlignedSentences(source: bestIndex, derivative: j, similarity: best))
            }
        }
        var coveredMass = 0.0, totalMass = 0.0
        var covered = Set(alignment.map(\.source))
        for (i, s) in sourceSentences.enumerated() where s.terms.count >= 2 {
            totalMass += s.mass
            if covered.remove(i) != nil { coveredMass += s.mass }
        }
        let derivativeFigures = derivative.profile.figures
        let newFigures = derivativeFigures.filter { !source.profile.figures.binaryContains($0) }.count
        return RewriteMeasures(
            sourceCoverage: totalMass > 0 ? coveredMass / totalMass : 0,
            derivativeAligned: countedDerivative > 0 ? Double(alignment.count) / Double(countedDerivative) : 0,
            orderPreserved: alignment.isEmpty ? 0 : Double(Self.longestIncreasingRun(alignment.map(\.source))) / Double(alignment.count),
            newFigureShare: derivativeFigures.isEmpty ? 0 : Double(newFigures) / Double(derivativeFigures.count),
            alignment: alignment)
    }

    /// Whether the measures say "rewrite" (outlets aside).
    public func isRewrite(_ m: RewriteMeasures) -> Bool {
        m.alignment.count >= thresholds.alignedSentences
            && m.sourceCoverage + m.derivativeAligned >= thresholds.combinedCoverage
            && min(m.sourceCoverage, m.derivativeAligned) >= thresholds.eachCoverage
            && m.orderPreserved >= thresholds.orderPreserved
            && m.newFigureShare <= thresholds.newFigureShare
    }

    /// Verifies a candidate pair; `pair.first`/`second` index `a`/`b`. Returns a rewrite link with the
    /// original on the side the evidence points to, or nil.
    public func verify(_ pair: ArticlePair, _ a: Fingerprint, _ b: Fingerprint, statistics: TermStatistics) -> VerifiedLink? {
        if let oa = a.metadata.outlet?.lowercased(), let ob = b.metadata.outlet?.lowercased(), oa == ob { return nil }
        let aFirst: Bool?
        switch (a.metadata.date, b.metadata.date) {
        case let (x?, y?) where x != y: aFirst = x < y
        default: aFirst = nil
        }
        var options: [(originalIsFirst: Bool, RewriteMeasures)] = []
        if aFirst != false { options.append((true, measure(source: a, derivative: b, statistics: statistics))) }
        if aFirst != true { options.append((false, measure(source: b, derivative: a, statistics: statistics))) }
        let passing = options.filter { isRewrite($0.1) }
        guard !passing.isEmpty else { return nil }
        var chosen = passing[0]
        if passing.count == 2 {
            // No date decides: the article with rewriting tells is the derivative; else the stronger alignment.
            let aTells = !a.tells.isEmpty, bTells = !b.tells.isEmpty
            if aTells != bTells {
                chosen = passing.first { $0.originalIsFirst == bTells }!
            } else {
                let score = { (m: RewriteMeasures) in m.sourceCoverage + m.derivativeAligned }
                chosen = score(passing[1].1) > score(passing[0].1) ? passing[1] : passing[0]
            }
        }
        let scores = PairScores(a.shingles, b.shingles)
        return VerifiedLink(pair: pair, relation: .rewrite, scores: scores, originalIsFirst: chosen.originalIsFirst, rewrite: chosen.1)
    }

    /// Length of the longest non-decreasing subsequence (patience sorting): two derivative sentences may
    /// restate one source sentence.
    static func longestIncreasingRun(_ values: [Int]) -> Int {
        var tails: [Int] = []
        for v in values {
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if tails[mid] <= v { lo = mid + 1 } else { hi = mid }
            }
            if lo == tails.count { tails.append(v) } else { tails[lo] = v }
        }
        return tails.count
    }
}

/// One derivative sentence aligned to the source sentence it restates.
public struct AlignedSentences: Sendable, Equatable, Codable {
    public var source: Int
    public var derivative: Int
    public var similarity: Double
}

/// The measures a rewrite decision rests on (see ``RewriteVerifier``).
public struct RewriteMeasures: Sendable, Equatable, Codable {
    public var sourceCoverage: Double
    public var derivativeAligned: Double
    public var orderPreserved: Double
    public var newFigureShare: Double
    public var alignment: [AlignedSentences]
}

extension Array where Element: Comparable {
    /// Binary search in a sorted array.
    func binaryContains(_ x: Element) -> Bool {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo] == x
    }
}
