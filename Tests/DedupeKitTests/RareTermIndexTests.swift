import Testing
@testable import DedupeKit

/// The plain scan's rare-term candidate pairs against the plain reference of an indexed run's search: each
/// article with the earlier articles that share at least `minimumShared` of its key terms, the
/// `maximumPartners` sharing most (ties to the earlier article).
@Suite("RareTermIndex")
struct RareTermIndexTests {
    @Test(arguments: [4, 5, 6])
    func candidatePairsMatchTheReference(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let index = RareTermIndex(maxDocumentFrequency: 100)
        // Terms from a small range, so shared terms are common and the partner cap binds; some large ids, so
        // the packed sort sees terms that fill all 32 bits.
        let keyTerms = (0..<300).map { _ in
            Array(Set((0..<Int.random(in: 0...12, using: &rng)).map { _ in
                Bool.random(using: &rng) ? UInt32.random(in: 0..<60, using: &rng) : UInt32.max - UInt32.random(in: 0..<20, using: &rng)
            })).sorted()
        }
        var expected: [ArticlePair] = []
        for a in keyTerms.indices {
            let earlier = (0..<a).map { (id: Int64($0), bands: [UInt64](), terms: keyTerms[$0]) }
            let partners = CandidateKeysTests.reference(earlier: earlier, query: (Int64(a), [], keyTerms[a]), rareTerms: index).rewrites
            expected += partners.map { ArticlePair(Int($0), a) }
        }
        expected.sort()
        let found = index.candidatePairs(keyTerms, workers: 2)
        #expect(found == expected)
        #expect(found.count > 500)
        #expect((0..<300).contains { a in found.filter { $0.second == a }.count == index.maximumPartners })
    }
}
