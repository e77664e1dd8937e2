import DedupeKit
import Testing
@testable import DedupeIndex

/// The in-memory candidate search of an indexed run gives what the postings tables gave: every earlier
/// article sharing a band key in the same band, and the earlier articles sharing most key terms.
@Suite("CandidateKeys")
struct CandidateKeysTests {
    /// Keys drawn from small ranges, so shared band keys and key terms are common.
    static func randomKeys(_ rng: inout SplitMix64, bands: Int) -> (bands: [UInt64], terms: [UInt32]) {
        let bandKeys = (0..<bands).map { _ in UInt64.random(in: 0..<40, using: &rng) }
        let terms = Array(Set((0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt32.random(in: 0..<60, using: &rng) })).sorted()
        return (bandKeys, terms)
    }

    /// The reference: the queries the `bandKeys` and `keyTerms` tables answered, written out plainly.
    static func reference(earlier: [(id: Int64, bands: [UInt64], terms: [UInt32])], query: (id: Int64, bands: [UInt64], terms: [UInt32]),
                          rareTerms: RareTermIndex) -> (copies: [Int64], rewrites: [Int64]) {
        let copies = earlier.filter { other in zip(other.bands, query.bands).contains { $0 == $1 } }.map(\.id)
        var shared: [(id: Int64, count: Int)] = []
        for other in earlier {
            let count = Set(other.terms).intersection(query.terms).count
            if count >= rareTerms.minimumShared { shared.append((other.id, count)) }
        }
        shared.sort { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        let partners: [Int64] = shared.prefix(rareTerms.maximumPartners).map { $0.id }
        return (copies.sorted(), partners.sorted())
    }

    @Test(arguments: [1, 2, 3])
    func matchesTheReferenceOnRandomKeys(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bands = 4
        let rareTerms = RareTermIndex(maxDocumentFrequency: 100)
        var keys = CandidateKeys(bandsPerArticle: bands)
        var all: [(id: Int64, bands: [UInt64], terms: [UInt32])] = []
        var id: Int64 = 0
        for _ in 0..<150 {
            id += Int64.random(in: 1...3, using: &rng)  // ids ascend with gaps, as after deletions
            let (b, t) = Self.randomKeys(&rng, bands: bands)
            keys.append(id: id, bands: b, keyTerms: t)
            all.append((id, b, t))
        }
        var queries: [CandidateKeys.Query] = []
        for _ in 0..<60 {
            id += Int64.random(in: 1...3, using: &rng)
            let (b, t) = Self.randomKeys(&rng, bands: bands)
            queries.append(CandidateKeys.Query(id: id, bands: b, keyTerms: t))
        }
        let found = keys.candidates(of: queries, rareTerms: rareTerms)
        var copyTotal = 0, rewriteTotal = 0
        for (q, query) in queries.enumerated() {
            let expected = Self.reference(earlier: all, query: (query.id, query.bands, query.keyTerms), rareTerms: rareTerms)
            #expect(found[q].copies == expected.copies, "copies of query \(q)")
            #expect(found[q].rewrites == expected.rewrites, "rewrites of query \(q)")
            copyTotal += expected.copies.count
            rewriteTotal += expected.rewrites.count
            // Earlier queries count as earlier articles for the later ones.
            all.append((query.id, query.bands, query.keyTerms))
        }
        // The draw makes both kinds of candidate common, and the partner cap bind.
        #expect(copyTotal > 100)
        #expect(rewriteTotal > 100)
        #expect(found.contains { $0.rewrites.count == rareTerms.maximumPartners })
    }

    @Test func aBandKeyMatchesOnlyInItsOwnBand() {
        var keys = CandidateKeys(bandsPerArticle: 2)
        keys.append(id: 1, bands: [7, 8], keyTerms: [])
        let found = keys.candidates(of: [CandidateKeys.Query(id: 2, bands: [8, 7], keyTerms: []),
                                         CandidateKeys.Query(id: 3, bands: [7, 9], keyTerms: [])],
                                    rareTerms: RareTermIndex(maxDocumentFrequency: 100))
        #expect(found[0].copies.isEmpty)
        #expect(found[1].copies == [1])
    }
}
