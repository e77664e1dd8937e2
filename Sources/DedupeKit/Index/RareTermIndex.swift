/// Proposes rewrite candidates: pairs of articles that share several of their rarest content terms.
///
/// Each article is represented by its `termsPerArticle` (or a fifth of its distinct terms, if more) rarest terms among those that occur in at least
/// two articles and at most `maxDocumentFrequency` (rarity measured in the feed itself: names, figures,
/// unusual words). A paraphrase rewords the phrasing but keeps those, so a rewrite and its source share
/// several; two stories that merely share a topic share few. Postings are flat sorted arrays, bounded by
/// the frequency cap, so the pair count stays near-linear in the feed size. Like LSH, this only proposes:
/// every pair is verified.
public struct RareTermIndex: Sendable {
    public var termsPerArticle: Int
    public var minimumShared: Int
    public var maxDocumentFrequency: Int
    /// At most this many earlier articles are proposed for each article: those sharing the most key terms.
    /// A rewrite shares many of its source's rarest terms, so it ranks near the top; the cap keeps the
    /// candidate count linear in the feed size when a feed has many loosely related stories.
    public var maximumPartners: Int

    /// Terms in more articles than this are too common to propose pairs, in feeds of up to 100,000
    /// documents.
    public static let defaultMaxDocumentFrequency = 100

    /// The cap for a feed (or index) of `documents` documents: 100, or a thousandth of the documents when
    /// that is more. A fixed cap made "rare" ever stricter as a feed grew: in a million generated articles
    /// most names and unusual words were in more than 100 of them, so few articles had key terms left and
    /// rewrite recall fell from 0.50 at 100,000 articles to 0.095. A thousandth keeps the same share of the
    /// vocabulary rare at any size; the postings an article's key terms reach grow with the feed, but each
    /// article still keeps at most ``maximumPartners`` candidates.
    public static func maxDocumentFrequency(documents: Int) -> Int {
        max(defaultMaxDocumentFrequency, documents / 1000)
    }

    public init(termsPerArticle: Int = 30, minimumShared: Int = 2, maxDocumentFrequency: Int, maximumPartners: Int = 16) {
        self.termsPerArticle = termsPerArticle
        self.minimumShared = minimumShared
        self.maxDocumentFrequency = maxDocumentFrequency
        self.maximumPartners = maximumPartners
    }

    /// The rare terms that represent one article.
    public func keyTerms(_ distinctTerms: [UInt32], statistics: TermStatistics) -> [UInt32] {
        // (frequency, term) packed in one integer, so a plain integer sort orders by frequency, then term (a
        // sort of tuples through a comparison closure, for every article of a feed, showed in profiles).
        var scored: [UInt64] = []
        scored.reserveCapacity(distinctTerms.count)
        for t in distinctTerms {
            let df = statistics.frequency(t)
            if df >= 2, df <= maxDocumentFrequency { scored.append(UInt64(df) << 32 | UInt64(t)) }
        }
        scored.sort()
        // Long articles (padded rewrites) get proportionally more key terms, so padding cannot crowd out
        // the source's terms.
        return scored.prefix(max(termsPerArticle, distinctTerms.count / 5)).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// Pairs sharing at least ``minimumShared`` key terms, each once, sorted.
    ///
    /// Counted article by article (each article against the earlier ones sharing a key term, as an index
    /// compares a new article with those already indexed), so memory holds the postings and one article's
    /// counters, never the full list of co-occurrences.
    public func candidatePairs(_ keyTerms: [[UInt32]], workers: Int = 1) -> [ArticlePair] {
        // Each posting (term, article) packed in one integer, term high, so a radix sort orders them by term,
        // then article (a comparison sort of a million tuples took most of this stage).
        var postings: [UInt64] = []
        postings.reserveCapacity(keyTerms.reduce(0) { $0 + $1.count })
        for (article, terms) in keyTerms.enumerated() {
            for t in terms { postings.append(UInt64(t) << 32 | UInt64(UInt32(article))) }
        }
        postings.radixSort()
        func term(_ posting: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: posting >> 32) }
        // term -> range in `postings`
        var termStarts: [UInt32: Int32] = [:]
        termStarts.reserveCapacity(postings.count / 2)
        var ranges: [(Int32, Int32)] = []
        var i = 0
        while i < postings.count {
            var j = i + 1
            while j < postings.count, term(postings[j]) == term(postings[i]) { j += 1 }
            termStarts[term(postings[i])] = Int32(ranges.count)
            ranges.append((Int32(i), Int32(j)))
            i = j
        }
        let minimum = minimumShared, maxPartners = maximumPartners
        let termIndex = termStarts, termRanges = ranges, postingArticles = postings.map { Int32(truncatingIfNeeded: $0) }
        let perArticle = parallelMap(keyTerms.count, workers: workers, chunk: 256, makeState: { [Int32](repeating: 0, count: keyTerms.count) }) {
            counts, a -> [Int32] in
            var touched: [Int32] = []
            for t in keyTerms[a] {
                guard let r = termIndex[t] else { continue }
                let (lo, hi) = termRanges[Int(r)]
                for p in Int(lo)..<Int(hi) {
                    let b = postingArticles[p]
                    guard b < Int32(a) else { continue }
                    if counts[Int(b)] == 0 { touched.append(b) }
                    counts[Int(b)] += 1
                }
            }
            var scored: [(shared: Int32, partner: Int32)] = []
            for b in touched {
                if counts[Int(b)] >= minimum { scored.append((counts[Int(b)], b)) }
                counts[Int(b)] = 0
            }
            // The partners sharing the most key terms, at most `maxPartners` of them.
            if scored.count > maxPartners {
                scored.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.partner < $1.partner }
                scored.removeLast(scored.count - maxPartners)
            }
            var partners = scored.map(\.partner)
            partners.sort()
            return partners
        }
        var result: [ArticlePair] = []
        for (a, partners) in perArticle.enumerated() {
            for b in partners { result.append(ArticlePair(Int(b), a)) }
        }
        result.sort()
        return result
    }
}
