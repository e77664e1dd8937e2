import DedupeKit
import Foundation
import Testing

/// What rewrite candidates stand on: content profiles, feed term statistics, the rare-term index.
@Suite("Rewrite candidates")
struct RewriteIndexingTests {
    func profile(_ text: String) -> ContentProfile {
        var tokenizer = Tokenizer()
        return ContentProfile(tokenizer.tokenize(text))
    }

    @Test func profilesKeepContentWordsFiguresAndSentences() {
        let text = "The council said prices rose 3.5 pct. Mayor Ilse Varga rejected the rise in 2026."
        let p = profile(text)
        #expect(ContentTerms.termID("the") == nil)
        #expect(ContentTerms.termID("said") == nil)
        #expect(ContentTerms.termID("prices") == ContentTerms.termID("price"))
        #expect(ContentTerms.termID("rejected") == ContentTerms.termID("reject"))
        // council prices rose 3.5 pct mayor ilse varga rejected rise 2026 ("the", "said", "in" are stop words)
        #expect(p.terms.count == 11)
        #expect(Set(p.figures) == Set([ContentTerms.termID("3.5")!, ContentTerms.termID("2026")!]))
        #expect(p.sentenceSpans.count == 2)
        #expect(TextSpan.extract(text, Int(p.sentenceSpans[1].lowerBound)..<Int(p.sentenceSpans[1].upperBound))
                == "Mayor Ilse Varga rejected the rise in 2026")
    }

    @Test func copiesCountOnceInDocumentFrequencies() {
        let a: [UInt32] = [1, 2, 3], b: [UInt32] = [1, 2, 3], c: [UInt32] = [1, 4]
        let plain = TermStatistics(distinctTermsPerArticle: [a, b, c])
        #expect(plain.frequency(1) == 3)
        #expect(plain.frequency(2) == 2)
        let grouped = TermStatistics(distinctTermsPerArticle: [a, b, c], copyGroup: [0, 0, 2])
        #expect(grouped.frequency(1) == 2)
        #expect(grouped.frequency(2) == 1)
        #expect(grouped.articleCount == 2)
        // Rarer terms weigh more.
        #expect(grouped.weight(4) > grouped.weight(1))
    }

    /// The frequency cap is 100 up to 100,000 documents and a thousandth of them beyond, so "rare" keeps its
    /// meaning as a feed or an index grows; and a term just above the cap is no key, one at it is.
    @Test func frequencyCapScalesWithTheFeed() {
        #expect(RareTermIndex.maxDocumentFrequency(documents: 0) == 100)
        #expect(RareTermIndex.maxDocumentFrequency(documents: 100_000) == 100)
        #expect(RareTermIndex.maxDocumentFrequency(documents: 250_000) == 250)
        #expect(RareTermIndex.maxDocumentFrequency(documents: 1_000_000) == 1000)
        let documents = 1_000_000
        let statistics = TermStatistics(articleCount: documents, documentFrequency: [1: 1000, 2: 1001, 3: 150, 4: 1])
        let index = RareTermIndex(maxDocumentFrequency: RareTermIndex.maxDocumentFrequency(documents: statistics.articleCount))
        // Term 4 is in one article only (no pair to propose); term 2 is over the cap.
        #expect(Set(index.keyTerms([1, 2, 3, 4], statistics: statistics)) == [1, 3])
        let fixed = RareTermIndex(maxDocumentFrequency: RareTermIndex.defaultMaxDocumentFrequency)
        #expect(fixed.keyTerms([1, 2, 3, 4], statistics: statistics).isEmpty)
    }

    @Test func pairsNeedTwoSharedKeyTermsAndArePerArticleCapped() {
        let index = RareTermIndex(termsPerArticle: 30, minimumShared: 2, maxDocumentFrequency: 100, maximumPartners: 2)
        // Article 3 shares 3 terms with 0, 2 with 1, 2 with 2: only its two best partners are kept (0, then 1 by index).
        let keys: [[UInt32]] = [[1, 2, 3], [4, 5], [6, 7], [1, 2, 3, 4, 5, 6, 7], [9], [9, 10]]
        let pairs = index.candidatePairs(keys)
        #expect(pairs == [ArticlePair(0, 3), ArticlePair(1, 3)])
        // One shared term is not enough.
        #expect(!pairs.contains(ArticlePair(4, 5)))
        let uncapped = RareTermIndex(maxDocumentFrequency: 100).candidatePairs(keys)
        #expect(uncapped == [ArticlePair(0, 3), ArticlePair(1, 3), ArticlePair(2, 3)])
    }

    @Test func keyTermsAreTheRarestWithinTheFrequencyBand() {
        let statistics = TermStatistics(articleCount: 1000, documentFrequency: [1: 1, 2: 2, 3: 50, 4: 500, 5: 3])
        let index = RareTermIndex(termsPerArticle: 2, maxDocumentFrequency: 100)
        // Term 1 occurs once (it cannot pair), term 4 is too common; the two rarest of the rest.
        #expect(index.keyTerms([1, 2, 3, 4, 5], statistics: statistics) == [2, 5])
    }
}
