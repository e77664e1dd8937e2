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
        /// Minimum sum of the two articles' weighted shares of distinct terms found in the other: a cheap
        /// test before alignment (rewrites on the development set: 0.82 and up; same-topic pairs: 0.55 and below).
        public var termOverlap = 0.5

        public init() {}
    }

    public var thresholds: Thresholds

    public init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// An article's content terms arranged for alignment, computed once per article and reused for every
    /// candidate pair it is in: its sentences as sorted, distinct, weighted terms, and an inverted index
    /// from each term to the sentences that contain it.
    public struct Prepared: Sendable {
        /// Sentence `s` owns `terms[sentenceStart[s]..<sentenceStart[s + 1]]` (sorted, distinct).
        var sentenceStart: [Int32]
        var terms: [UInt32]
        /// For each entry of ``terms``, its index in ``distinctTerms``.
        var distinctIndex: [Int32]
        var weights: [Double]
        var sentenceMass: [Double]
        /// Distinct terms of the article, sorted; term `k` occurs in `postings[postingStart[k]..<postingStart[k + 1]]`.
        var distinctTerms: [UInt32]
        var postingStart: [Int32]
        var postings: [UInt16]
        /// Weight of each distinct term, and their sum.
        var distinctWeights: [Double]
        var totalWeight: Double
        var figures: [UInt32]

        var sentenceCount: Int { sentenceMass.count }

        func sentenceRange(_ s: Int) -> Range<Int> { Int(sentenceStart[s])..<Int(sentenceStart[s + 1]) }

        public init(_ profile: ContentProfile, statistics: TermStatistics) {
            let count = profile.sentenceCount
            // (term, sentence) packed in one integer, so one plain sort groups by term, then sentence.
            var pairs: [UInt64] = []
            pairs.reserveCapacity(profile.terms.count)
            for (term, sentence) in zip(profile.terms, profile.sentenceOfTerm) where Int(sentence) < count {
                pairs.append(UInt64(term) << 16 | UInt64(sentence))
            }
            pairs.radixSort()
            distinctTerms = []
            postingStart = []
            postings = []
            distinctWeights = []
            // Room made once: growing these a step at a time showed in profiles.
            postings.reserveCapacity(pairs.count)
            distinctTerms.reserveCapacity(pairs.count)
            postingStart.reserveCapacity(pairs.count + 1)
            var sentenceSizes = [Int32](repeating: 0, count: count + 1)
            var previous: UInt64?
            for p in pairs where p != previous {
                previous = p
                let term = UInt32(truncatingIfNeeded: p >> 16), sentence = UInt16(truncatingIfNeeded: p)
                if distinctTerms.last != term {
                    distinctTerms.append(term)
                    postingStart.append(Int32(postings.count))
                }
                postings.append(sentence)
                sentenceSizes[Int(sentence) + 1] += 1
            }
            postingStart.append(Int32(postings.count))
            distinctWeights = distinctTerms.map(statistics.weight)
            totalWeight = distinctWeights.reduce(0, +)
            // Each sentence's distinct terms, in term order: a counting sort of the postings by sentence.
            for s in 0..<count { sentenceSizes[s + 1] += sentenceSizes[s] }
            sentenceStart = sentenceSizes
            var next = sentenceSizes
            terms = [UInt32](repeating: 0, count: postings.count)
            distinctIndex = [Int32](repeating: 0, count: postings.count)
            weights = [Double](repeating: 0, count: postings.count)
            sentenceMass = [Double](repeating: 0, count: count)
            for k in distinctTerms.indices {
                for p in Int(postingStart[k])..<Int(postingStart[k + 1]) {
                    let s = Int(postings[p])
                    let slot = Int(next[s])
                    next[s] += 1
                    terms[slot] = distinctTerms[k]
                    distinctIndex[slot] = Int32(k)
                    weights[slot] = distinctWeights[k]
                    sentenceMass[s] += distinctWeights[k]
                }
            }
            figures = profile.figures
        }
    }

    /// Measures `derivative` against `source`.
    public func measure(source: Fingerprint, derivative: Fingerprint, statistics: TermStatistics) -> RewriteMeasures {
        measure(source: Prepared(source.profile, statistics: statistics), derivative: Prepared(derivative.profile, statistics: statistics))
    }

    /// An article's distinct terms and their weights: all the pre-check needs, so a scan can screen
    /// candidate pairs before loading and preparing whole articles.
    public struct WeightedTerms: Sendable {
        var terms: [UInt32]
        var weights: [Double]
        var total: Double

        public init(distinctTerms: [UInt32], statistics: TermStatistics) {
            terms = distinctTerms
            weights = distinctTerms.map(statistics.weight)
            total = weights.reduce(0, +)
        }

        init(terms: [UInt32], weights: [Double], total: Double) {
            self.terms = terms
            self.weights = weights
            self.total = total
        }
    }

    /// Weighted share of each article's distinct terms that the other has: (common / a, common / b).
    public static func termOverlap(_ a: Prepared, _ b: Prepared) -> (Double, Double) {
        termOverlap(WeightedTerms(terms: a.distinctTerms, weights: a.distinctWeights, total: a.totalWeight),
                    WeightedTerms(terms: b.distinctTerms, weights: b.distinctWeights, total: b.totalWeight))
    }

    public static func termOverlap(_ a: WeightedTerms, _ b: WeightedTerms) -> (Double, Double) {
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
        let ta = a.total, tb = b.total
        return (ta > 0 ? common / ta : 0, tb > 0 ? common / tb : 0)
    }

    /// The test ``verify(_:_:_:prepared:)`` makes before any alignment: the two articles come from
    /// different outlets (or an outlet is unknown) and share enough of their weighted terms. A pair that
    /// fails it is never a rewrite, so a scan drops it without loading the articles.
    public func passesPreCheck(_ a: ArticleMetadata, _ b: ArticleMetadata, _ ta: WeightedTerms, _ tb: WeightedTerms) -> Bool {
        if Self.sameOutlet(a, b) { return false }
        let overlap = Self.termOverlap(ta, tb)
        return overlap.0 + overlap.1 >= thresholds.termOverlap
    }

    static func sameOutlet(_ a: ArticleMetadata, _ b: ArticleMetadata) -> Bool {
        guard let oa = a.outlet?.lowercased(), let ob = b.outlet?.lowercased() else { return false }
        return oa == ob
    }

    /// Measures `derivative` against `source`. Each derivative sentence is aligned to the source sentence
    /// with the highest weighted Dice similarity, `2·w(common) / (w(source sentence) + w(derivative
    /// sentence))`, found through the source's inverted index (only sentences sharing a term are scored).
    /// Sentences with fewer than two content terms are left out on both sides.
    public func measure(source: Prepared, derivative: Prepared) -> RewriteMeasures {
        var common = [Double](repeating: 0, count: source.sentenceCount)
        // Where each distinct term of the derivative is among the source's (-1: absent), by one merge of
        // the two sorted lists, so the sentence loop below makes no search.
        var sourceIndex = [Int32](repeating: -1, count: derivative.distinctTerms.count)
        var i = 0, j = 0
        while i < derivative.distinctTerms.count, j < source.distinctTerms.count {
            let a = derivative.distinctTerms[i], b = source.distinctTerms[j]
            if a == b { sourceIndex[i] = Int32(j); i += 1; j += 1 } else if a < b { i += 1 } else { j += 1 }
        }
        var touched: [Int] = []
        var alignment: [AlignedSentences] = []
        touched.reserveCapacity(source.sentenceCount)
        alignment.reserveCapacity(derivative.sentenceCount)
        var countedDerivative = 0
        for j in 0..<derivative.sentenceCount {
            let range = derivative.sentenceRange(j)
            guard range.count >= 2 else { continue }
            countedDerivative += 1
            for k in range {
                let index = Int(sourceIndex[Int(derivative.distinctIndex[k])])
                guard index >= 0 else { continue }
                let w = derivative.weights[k]
                for p in Int(source.postingStart[index])..<Int(source.postingStart[index + 1]) {
                    let s = Int(source.postings[p])
                    if common[s] == 0 { touched.append(s) }
                    common[s] += w
                }
            }
            // The most similar source sentence, the first in source order among equals (touched sentences are
            // in the order the postings met them; sorting them per sentence was a quarter of the alignment).
            var best = 0.0, bestIndex = -1
            for s in touched {
                if source.sentenceRange(s).count >= 2 {
                    let total = source.sentenceMass[s] + derivative.sentenceMass[j]
                    let sim = total > 0 ? 2 * common[s] / total : 0
                    if sim > best || (sim == best && sim > 0 && s < bestIndex) { best = sim; bestIndex = s }
                }
                common[s] = 0
            }
            touched.removeAll(keepingCapacity: true)
            if bestIndex >= 0, best >= thresholds.sentenceAlignment {
                alignment.append(AlignedSentences(source: bestIndex, derivative: j, similarity: best))
            }
        }
        var coveredMass = 0.0, totalMass = 0.0
        var covered = [Bool](repeating: false, count: source.sentenceCount)
        for a in alignment { covered[a.source] = true }
        for s in 0..<source.sentenceCount where source.sentenceRange(s).count >= 2 {
            totalMass += source.sentenceMass[s]
            if covered[s] { coveredMass += source.sentenceMass[s] }
        }
        let newFigures = derivative.figures.filter { !source.figures.binaryContains($0) }.count
        return RewriteMeasures(
            sourceCoverage: totalMass > 0 ? coveredMass / totalMass : 0,
            derivativeAligned: countedDerivative > 0 ? Double(alignment.count) / Double(countedDerivative) : 0,
            orderPreserved: alignment.isEmpty ? 0 : Double(Self.longestIncreasingRun(alignment.map(\.source))) / Double(alignment.count),
            newFigureShare: derivative.figures.isEmpty ? 0 : Double(newFigures) / Double(derivative.figures.count),
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
        verify(pair, a, b, prepared: (Prepared(a.profile, statistics: statistics), Prepared(b.profile, statistics: statistics)))
    }

    /// The same, with both articles already prepared (a scan prepares each article once).
    public func verify(_ pair: ArticlePair, _ a: Fingerprint, _ b: Fingerprint, prepared: (Prepared, Prepared)) -> VerifiedLink? {
        if Self.sameOutlet(a.metadata, b.metadata) { return nil }
        let overlap = Self.termOverlap(prepared.0, prepared.1)
        guard overlap.0 + overlap.1 >= thresholds.termOverlap else { return nil }
        let aFirst: Bool?
        switch (a.metadata.date, b.metadata.date) {
        case let (x?, y?) where x != y: aFirst = x < y
        default: aFirst = nil
        }
        var options: [(originalIsFirst: Bool, RewriteMeasures)] = []
        if aFirst != false { options.append((true, measure(source: prepared.0, derivative: prepared.1))) }
        if aFirst != true { options.append((false, measure(source: prepared.1, derivative: prepared.0))) }
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

    public init(source: Int, derivative: Int, similarity: Double) {
        self.source = source
        self.derivative = derivative
        self.similarity = similarity
    }
}

/// The measures a rewrite decision rests on (see ``RewriteVerifier``).
public struct RewriteMeasures: Sendable, Equatable, Codable {
    public var sourceCoverage: Double
    public var derivativeAligned: Double
    public var orderPreserved: Double
    public var newFigureShare: Double
    public var alignment: [AlignedSentences]

    public init(sourceCoverage: Double, derivativeAligned: Double, orderPreserved: Double, newFigureShare: Double,
                alignment: [AlignedSentences]) {
        self.sourceCoverage = sourceCoverage
        self.derivativeAligned = derivativeAligned
        self.orderPreserved = orderPreserved
        self.newFigureShare = newFigureShare
        self.alignment = alignment
    }
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
