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

    public init(termsPerArticle: Int = 30, minimumShared: Int = 2, maxDocumentFrequency: Int) {
        self.termsPerArticle = termsPerArticle
        self.minimumShared = minimumShared
        self.maxDocumentFrequency = maxDocumentFrequency
    }

    /// The rare terms that represent one article.
    public func keyTerms(_ distinctTerms: [UInt32], statistics: TermStatistics) -> [UInt32] {
        var scored: [(df: Int, term: UInt32)] = []
        scored.reserveCapacity(distinctTerms.count)
        for t in distinctTerms {
            let df = statistics.frequency(t)
            if df >= 2, df <= maxDocumentFrequency { scored.append((df, t)) }
        }
        scored.sort { $0.df != $1.df ? $0.df < $1.df : $0.term < $1.term }
        // Long articles (padded rewrites) get proportionally more key terms, so padding cannot crowd out
        // the source's terms.
        return scored.prefix(max(termsPerArticle, distinctTerms.count / 5)).map(\.term)
    }

    /// Pairs sharing at least ``minimumShared`` key terms, each once, sorted.
    public func candidatePairs(_ keyTerms: [[UInt32]]) -> [ArticlePair] {
        var postings: [(term: UInt32, article: Int32)] = []
        postings.reserveCapacity(keyTerms.count * termsPerArticle)
        for (article, terms) in keyTerms.enumerated() {
            for t in terms { postings.append((t, Int32(article))) }
        }
        postings.sort { $0.term != $1.term ? $0.term < $1.term : $0.article < $1.article }
        var pairs: [UInt64] = []
        var start = 0
        while start < postings.count {
            var end = start + 1
            while end < postings.count, postings[end].term == postings[start].term { end += 1 }
            if end - start > 1 {
                for i in start..<(end - 1) {
                    for j in (i + 1)..<end {
                        pairs.append(UInt64(UInt32(postings[i].article)) << 32 | UInt64(UInt32(postings[j].article)))
                    }
                }
            }
            start = end
        }
        pairs.sort()
        var result: [ArticlePair] = []
        var i = 0
        while i < pairs.count {
            var j = i + 1
            while j < pairs.count, pairs[j] == pairs[i] { j += 1 }
            if j - i >= minimumShared { result.append(ArticlePair(Int(pairs[i] >> 32), Int(pairs[i] & 0xFFFF_FFFF))) }
            i = j
        }
        return result
    }
}
