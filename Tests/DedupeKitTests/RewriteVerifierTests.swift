@testable import DedupeKit
import Foundation
import Testing

/// The rewrite decision on both kinds of pair: a rewrite of a story and an independent report of it.
@Suite("RewriteVerifier")
struct RewriteVerifierTests {
    /// Fingerprints of the sample feed's harbour-bridge story, its rewrite and the independent report, plus
    /// the unrelated sample stories for realistic term statistics.
    static func samples() throws -> (original: Fingerprint, rewrite: Fingerprint, independent: Fingerprint, statistics: TermStatistics) {
        let reader = FeedReader()
        let listing = FeedWalker(supportedExtensions: reader.supportedExtensions).walk([TestSupport.samplesFeed.path])
        var fingerprinter = Fingerprinter(shingleSize: 5, permutations: 128)
        let prints = listing.files.flatMap { Scanner.readAndFingerprint($0, reader: reader, fingerprinter: &fingerprinter).0 }
        func article(_ id: String) throws -> Fingerprint { try #require(prints.first { $0.id == id }) }
        let statistics = TermStatistics(distinctTermsPerArticle: prints.map(\.profile.distinctTerms))
        return (try article("news/harbour-bridge-original.txt"), try article("farm/harbour-bridge-rewrite.txt"),
                try article("news/harbour-bridge-independent.txt"), statistics)
    }

    @Test func theRewriteIsARewriteOfTheOriginal() throws {
        let s = try Self.samples()
        let verifier = RewriteVerifier()
        let m = verifier.measure(source: s.original, derivative: s.rewrite, statistics: s.statistics)
        #expect(verifier.isRewrite(m), "\(m)")
        #expect(m.sourceCoverage >= 0.6)
        #expect(m.orderPreserved >= 0.6)
        #expect(m.newFigureShare == 0)
        let link = try #require(verifier.verify(ArticlePair(0, 1), s.original, s.rewrite, statistics: s.statistics))
        #expect(link.relation == .rewrite)
        #expect(link.originalIsFirst == true)  // the earlier-dated article is the original
    }

    @Test func thePreCheckOnTermsAloneDecidesAsVerifyDoes() throws {
        // A scan screens candidate pairs with `passesPreCheck` on distinct terms before loading articles;
        // that is only safe if every pair it drops is one `verify` would reject.
        let s = try Self.samples()
        let verifier = RewriteVerifier()
        func terms(_ f: Fingerprint) -> RewriteVerifier.WeightedTerms {
            RewriteVerifier.WeightedTerms(distinctTerms: f.profile.distinctTerms, statistics: s.statistics)
        }
        let articles = [s.original, s.rewrite, s.independent]
        var sameOutlet = s.original, rewriteSameOutlet = s.rewrite
        sameOutlet.metadata.outlet = "Coastal Wire"
        rewriteSameOutlet.metadata.outlet = "coastal wire"  // outlets compare without case
        for (a, b) in [(0, 1), (0, 2), (1, 2)].map({ (articles[$0.0], articles[$0.1]) }) + [(sameOutlet, rewriteSameOutlet)] {
            let passes = verifier.passesPreCheck(a.metadata, b.metadata, terms(a), terms(b))
            let link = verifier.verify(ArticlePair(0, 1), a, b, statistics: s.statistics)
            if !passes { #expect(link == nil) }
            #expect(RewriteVerifier.termOverlap(terms(a), terms(b)) == RewriteVerifier.termOverlap(
                RewriteVerifier.Prepared(a.profile, statistics: s.statistics), RewriteVerifier.Prepared(b.profile, statistics: s.statistics)))
        }
        #expect(verifier.passesPreCheck(s.original.metadata, s.rewrite.metadata, terms(s.original), terms(s.rewrite)))
        #expect(!verifier.passesPreCheck(sameOutlet.metadata, rewriteSameOutlet.metadata, terms(sameOutlet), terms(rewriteSameOutlet)))
        #expect(!verifier.passesPreCheck(s.original.metadata, s.independent.metadata, terms(s.original), RewriteVerifier.WeightedTerms(
            distinctTerms: [], statistics: s.statistics)))
    }

    @Test func theIndependentReportIsNot() throws {
        let s = try Self.samples()
        let verifier = RewriteVerifier()
        #expect(verifier.verify(ArticlePair(0, 1), s.original, s.independent, statistics: s.statistics) == nil)
        #expect(!verifier.isRewrite(verifier.measure(source: s.original, derivative: s.independent, statistics: s.statistics)))
    }

    @Test func theSameOutletIsNeverARewrite() throws {
        var s = try Self.samples()
        s.rewrite.metadata.outlet = s.original.metadata.outlet
        #expect(RewriteVerifier().verify(ArticlePair(0, 1), s.original, s.rewrite, statistics: s.statistics) == nil)
    }

    @Test func directionWithoutDatesFollowsTheTells() throws {
        var s = try Self.samples()
        s.original.metadata.date = nil
        s.rewrite.metadata.date = nil
        // The rewrite (with its FAQ and "original article" sentence) is first in the pair this time.
        let link = try #require(RewriteVerifier().verify(ArticlePair(0, 1), s.rewrite, s.original, statistics: s.statistics))
        #expect(link.originalIsFirst == false)
    }

    @Test func newFiguresMakeAFollowUpNotARewrite() {
        var m = RewriteMeasures(sourceCoverage: 0.8, derivativeAligned: 0.7, orderPreserved: 0.9, newFigureShare: 0, alignment: [])
        m.alignment = (0..<5).map { AlignedSentences(source: $0, derivative: $0, similarity: 0.5) }
        let verifier = RewriteVerifier()
        #expect(verifier.isRewrite(m))
        m.newFigureShare = 0.5
        #expect(!verifier.isRewrite(m))
        m.newFigureShare = 0
        m.orderPreserved = 0.2
        #expect(!verifier.isRewrite(m))
        m.orderPreserved = 0.9
        m.derivativeAligned = 0.1
        #expect(!verifier.isRewrite(m))
    }

    /// A derivative sentence that matches two source sentences equally well aligns to the first of them, even
    /// when the inverted index meets the later one first (through the derivative's term with the smallest id).
    @Test func equallySimilarSourceSentencesAlignToTheFirst() throws {
        let base = ["ferries", "cancelled", "crossings", "kestrel", "harbour"]
        let baseMin = try #require(base.compactMap(ContentTerms.termID).min())
        let extras = ["lantern", "quarry", "meadow", "orchard", "granite", "willow", "copper", "falcon", "thistle", "juniper",
                      "saffron", "marble", "hazel", "cobalt", "walnut", "heron", "basalt", "cedar", "amber", "linden"]
        // x sorts before every shared term, so the derivative's first posting lookup finds the later sentence.
        let x = try #require(extras.first { ContentTerms.termID($0)! < baseMin })
        let y = try #require(extras.first { $0 != x && ContentTerms.termID($0)! > baseMin })
        var tokenizer = Tokenizer()
        func profile(_ text: String) -> ContentProfile { ContentProfile(tokenizer.tokenize(text)) }
        let shared = "F" + base.joined(separator: " ").dropFirst()  // a capital starts each sentence
        let source = profile("""
            \(shared) \(y). Volunteers cleared debris along Marlow bridge. Officials praised quick crews. \(shared) \(x).
            """)
        let derivative = profile("\(shared) \(x) \(y). Volunteers cleared Marlow bridge debris.")
        let statistics = TermStatistics(articleCount: 100, documentFrequency: [:])  // every term equally rare
        let m = RewriteVerifier().measure(source: RewriteVerifier.Prepared(source, statistics: statistics),
                                          derivative: RewriteVerifier.Prepared(derivative, statistics: statistics))
        #expect(source.sentenceCount == 4 && derivative.sentenceCount == 2)
        #expect(m.alignment.map(\.source) == [0, 1])
        #expect(m.alignment.map(\.derivative) == [0, 1])
    }

    @Test func longestIncreasingRunAllowsRepeats() {
        #expect(RewriteVerifier.longestIncreasingRun([0, 1, 1, 2, 5, 3, 4]) == 6)
        #expect(RewriteVerifier.longestIncreasingRun([3, 2, 1]) == 1)
        #expect(RewriteVerifier.longestIncreasingRun([]) == 0)
    }
}
