@testable import DedupeKit
import Testing

@Suite("StarClusterer")
struct StarClustererTests {
    /// An article with `size` distinct one-word shingles (shingle size 1), so shingle counts are exact.
    private func article(_ id: String, date: String? = nil, size: Int = 10) throws -> Fingerprint {
        try makeFingerprint(id, (0..<size).map { "\(id.filter(\.isLetter))\($0)" }.joined(separator: " "), date: date, shingleSize: 1)
    }

    private func link(_ a: Int, _ b: Int, _ relation: Relation = .nearDuplicate, jaccard: Double = 0.8,
                      firstInSecond: Double = 0.85, secondInFirst: Double = 0.9) -> VerifiedLink {
        let pair = ArticlePair(a, b)
        var scores = PairScores(jaccard: jaccard, firstInSecond: firstInSecond, secondInFirst: secondInFirst)
        if pair.first != a { scores = scores.swapped }
        return VerifiedLink(pair: pair, relation: relation, scores: scores)
    }

    @Test func noLinksNoClusters() throws {
        let articles = [try article("a"), try article("b")]
        #expect(StarClusterer().cluster(articles, links: []) == [])
        #expect(StarClusterer().cluster([Fingerprint](), links: []) == [])
    }

    @Test func chainDoesNotGrowAStar() throws {
        // A~B and B~C, but A and C are not linked: C must not join A's cluster through B.
        let articles = [
            try article("a", date: "2026-03-01"),
            try article("b", date: "2026-03-02"),
            try article("c", date: "2026-03-03"),
        ]
        let clusters = StarClusterer().cluster(articles, links: [link(0, 1), link(1, 2)])
        #expect(clusters.count == 1)
        let cluster = try #require(clusters.first)
        #expect(cluster.source == 0)
        #expect(cluster.members.map(\.article) == [1])
        #expect(!clusters.contains { $0.source == 2 || $0.members.contains { $0.article == 2 } })
    }

    @Test func starCollectsEveryArticleLinkedToTheSource() throws {
        let articles = [
            try article("late", date: "2026-03-05"),
            try article("source", date: "2026-03-01"),
            try article("mid", date: "2026-03-03"),
            try article("early", date: "2026-03-02"),
        ]
        let links = [link(1, 0), link(1, 2, .duplicate, jaccard: 1, firstInSecond: 1, secondInFirst: 1), link(1, 3), link(0, 2)]
        let clusters = StarClusterer().cluster(articles, links: links)
        #expect(clusters.count == 1)
        #expect(clusters.first?.source == 1)
        // Members in precedence (date) order.
        #expect(clusters.first?.members.map(\.article) == [3, 2, 0])
        #expect(clusters.first?.members.map(\.relation) == [.nearDuplicate, .duplicate, .nearDuplicate])
        #expect(clusters.first?.members.map(\.linkIndex) == [2, 1, 0])
    }

    @Test func earliestDatedIsTheSourceWhateverTheIndexOrSize() throws {
        // The later article is first in the feed and longer; the earlier one is still the source.
        let articles = [
            try article("copy", date: "2026-03-14T13:05:00Z", size: 50),
            try article("original", date: "2026-03-14T08:30:00Z", size: 10),
        ]
        let clusters = StarClusterer().cluster(articles, links: [link(0, 1)])
        #expect(clusters.map(\.source) == [1])
        #expect(clusters.first?.members.map(\.article) == [0])
    }

    @Test func datesCompareAcrossZones() throws {
        // 09:00+02:00 is 07:00Z, earlier than 08:00Z.
        let articles = [
            try article("utc", date: "2026-03-14T08:00:00Z"),
            try article("cest", date: "2026-03-14T09:00:00+02:00"),
        ]
        #expect(StarClusterer().cluster(articles, links: [link(0, 1)]).map(\.source) == [1])
    }

    @Test func datedPrecedesUndated() throws {
        let dated = try article("dated", date: "2026-03-14", size: 5)
        let undated = try article("undated", size: 50)
        #expect(StarClusterer.precedes(dated, undated))
        #expect(!StarClusterer.precedes(undated, dated))
        #expect(StarClusterer().cluster([undated, dated], links: [link(0, 1)]).map(\.source) == [1])
    }

    @Test func undatedOrEqualDatesMoreShinglesFirstThenID() throws {
        // Both undated: the one with more shingles is the source.
        let short = try article("a-short", size: 10)
        let long = try article("b-long", size: 30)
        #expect(StarClusterer.precedes(long, short))
        #expect(StarClusterer().cluster([short, long], links: [link(0, 1)]).map(\.source) == [1])

        // Equal dates: the same rule.
        let sameDayShort = try article("a-short", date: "2026-03-14T08:30:00Z", size: 10)
        let sameDayLong = try article("b-long", date: "2026-03-14T10:30:00+02:00", size: 30)
        #expect(StarClusterer.precedes(sameDayLong, sameDayShort))
        #expect(StarClusterer().cluster([sameDayShort, sameDayLong], links: [link(0, 1)]).map(\.source) == [1])

        // Equal shingle counts too: the smaller id (byte order) is the source.
        let x = try article("wire/b.txt", size: 20)
        let y = try article("news/a.txt", size: 20)
        #expect(StarClusterer.precedes(y, x))
        #expect(!StarClusterer.precedes(x, y))
        #expect(StarClusterer().cluster([x, y], links: [link(0, 1)]).map(\.source) == [1])
        let upper = try article("Z.txt", size: 20)
        let lower = try article("a.txt", size: 20)
        #expect(StarClusterer.precedes(upper, lower))  // "Z" (0x5A) < "a" (0x61)
    }

    @Test func precedesIsAStrictOrder() throws {
        let articles = [
            try article("a", date: "2026-03-02", size: 5), try article("b", date: "2026-03-01", size: 5),
            try article("c", size: 5), try article("d", size: 9), try article("e", date: "2026-03-01", size: 9),
            try article("f", date: "2026-03-02", size: 5),
        ]
        for x in articles {
            #expect(!StarClusterer.precedes(x, x))
            for y in articles where x.id != y.id {
                #expect(StarClusterer.precedes(x, y) != StarClusterer.precedes(y, x), "\(x.id) vs \(y.id)")
                for z in articles where StarClusterer.precedes(x, y) && StarClusterer.precedes(y, z) {
                    #expect(StarClusterer.precedes(x, z), "\(x.id) < \(y.id) < \(z.id)")
                }
            }
        }
    }

    @Test func memberLinkedToTwoSourcesJoinsTheCloserRelation() throws {
        // Two unlinked sources; the member is a rewrite of the earlier one (higher Jaccard) and a
        // near-duplicate of the later one: the closer relation wins over the higher score and the earlier source.
        let articles = [
            try article("s1", date: "2026-03-01"),
            try article("s2", date: "2026-03-02"),
            try article("m", date: "2026-03-03"),
        ]
        let links = [link(0, 2, .rewrite, jaccard: 0.9), link(1, 2, .nearDuplicate, jaccard: 0.6)]
        let clusters = StarClusterer().cluster(articles, links: links)
        #expect(clusters.map(\.source) == [1])
        #expect(clusters.first?.members.map(\.article) == [2])
        #expect(clusters.first?.members.first?.relation == .nearDuplicate)

        // Duplicate beats near-duplicate.
        let dupLinks = [link(0, 2, .nearDuplicate, jaccard: 0.95), link(1, 2, .duplicate, jaccard: 1, firstInSecond: 1, secondInFirst: 1)]
        #expect(StarClusterer().cluster(articles, links: dupLinks).map(\.source) == [1])
    }

    @Test func sameRelationHigherJaccardWinsThenEarlierSource() throws {
        let articles = [
            try article("s1", date: "2026-03-01"),
            try article("s2", date: "2026-03-02"),
            try article("m", date: "2026-03-03"),
        ]
        let higherSecond = [link(0, 2, jaccard: 0.6), link(1, 2, jaccard: 0.7)]
        #expect(StarClusterer().cluster(articles, links: higherSecond).map(\.source) == [1])
        let tie = [link(1, 2, jaccard: 0.7), link(0, 2, jaccard: 0.7)]
        #expect(StarClusterer().cluster(articles, links: tie).map(\.source) == [0])
    }

    @Test func memberScoresAreSeenFromTheSource() throws {
        // The member has the lower index, so the link's "first" is the member: scores must be swapped.
        let articles = [try article("member", date: "2026-03-02"), try article("source", date: "2026-03-01")]
        let l = VerifiedLink(pair: ArticlePair(0, 1), relation: .nearDuplicate,
                             scores: PairScores(jaccard: 0.6, firstInSecond: 0.7, secondInFirst: 0.9))
        let member = try #require(StarClusterer().cluster(articles, links: [l]).first?.members.first)
        #expect(member.article == 0)
        #expect(member.scores == PairScores(jaccard: 0.6, firstInSecond: 0.9, secondInFirst: 0.7))
        #expect(member.linkIndex == 0)
    }

    @Test func clustersComeInSourcePrecedenceOrder() throws {
        let articles = [
            try article("b-member", date: "2026-03-09"),
            try article("b-source", date: "2026-03-08"),
            try article("a-member", date: "2026-03-02"),
            try article("a-source", date: "2026-03-01"),
        ]
        let clusters = StarClusterer().cluster(articles, links: [link(0, 1), link(2, 3)])
        #expect(clusters.map(\.source) == [3, 1])
    }

    // MARK: Links whose verifier decided the original (rewrites)

    @Test func decidedOriginalIsRespected() throws {
        // Equal dates: precedence alone would make the longer article the source; the link says so too.
        let articles = [try article("short", date: "2026-03-14", size: 10), try article("long", date: "2026-03-14", size: 30)]
        let decided = VerifiedLink(pair: ArticlePair(0, 1), relation: .rewrite,
                                   scores: PairScores(jaccard: 0.1, firstInSecond: 0.2, secondInFirst: 0.1), originalIsFirst: false)
        let clusters = StarClusterer().cluster(articles, links: [decided])
        #expect(clusters.map(\.source) == [1])
        #expect(clusters.first?.members.map(\.article) == [0])
        #expect(clusters.first?.members.first?.relation == .rewrite)
        // Seen from the source (article 1): the source's share in the member is the link's secondInFirst.
        #expect(clusters.first?.members.first?.scores == PairScores(jaccard: 0.1, firstInSecond: 0.1, secondInFirst: 0.2))
    }

    @Test func decidedOriginalIsNeverMadeAMember() throws {
        // The verifier decided the shorter article is the original; precedence puts the longer one first.
        // Whatever else happens, the original must not end up as a member of its own rewrite.
        let articles = [try article("padded-rewrite", size: 30), try article("original", size: 10)]
        let decided = VerifiedLink(pair: ArticlePair(0, 1), relation: .rewrite,
                                   scores: PairScores(jaccard: 0.1, firstInSecond: 0.1, secondInFirst: 0.3), originalIsFirst: false)
        let clusters = StarClusterer().cluster(articles, links: [decided])
        #expect(!clusters.contains { $0.source == 0 && $0.members.contains { $0.article == 1 } })

        // And the link should not be lost: the original is the source and the rewrite its member. Today the
        // longer rewrite is visited first (more shingles precede when neither date decides), becomes a source,
        // and the link is dropped, so an undated padded rewrite of an undated original in the same feed is
        // reported as a suspected rewrite "with no source in this feed".
        #expect(clusters.map(\.source) == [1])
        #expect(clusters.first?.members.map(\.article) == [0])
    }
}

/// The visit order with many decided links: a topological order that stays closest to precedence.
@Suite("StarClusterer visit order")
struct VisitOrderTests {
    private func precedence(_ n: Int) -> [StarClusterer.Precedence] {
        (0..<n).map { StarClusterer.Precedence(date: nil, shingleCount: 1000 - $0, id: String(format: "a%04d", $0)) }
    }

    private func decided(_ original: Int, _ derivative: Int) -> VerifiedLink {
        VerifiedLink(pair: ArticlePair(original, derivative), relation: .rewrite,
                     scores: PairScores(jaccard: 0.1, firstInSecond: 0.1, secondInFirst: 0.1),
                     originalIsFirst: original < derivative)
    }

    @Test func withoutDecisionsTheOrderIsPrecedence() {
        #expect(StarClusterer.visitOrder(precedence(5), links: []) == [0, 1, 2, 3, 4])
    }

    @Test func aDerivativeComesJustAfterItsOriginal() {
        // Article 1 precedes 4 by shingle count, but 4 was decided to be 1's original.
        #expect(StarClusterer.visitOrder(precedence(6), links: [decided(4, 1)]) == [0, 2, 3, 4, 1, 5])
    }

    @Test func chainsOfDecisionsAreAllRespected() {
        // 9 is the original of 5, which is the original of 2, which is the original of 0.
        let order = StarClusterer.visitOrder(precedence(10), links: [decided(9, 5), decided(5, 2), decided(2, 0)])
        #expect(order == [1, 3, 4, 6, 7, 8, 9, 5, 2, 0])
    }

    @Test func everyDecisionHoldsOnALargeRandomSet() {
        var random = SplitMix64(seed: 7)
        let n = 3000
        var links: [VerifiedLink] = []
        for _ in 0..<1500 {
            // Decisions that point from a higher index to a lower one never form a cycle.
            let a = Int.random(in: 1..<n, using: &random), b = Int.random(in: 0..<a, using: &random)
            links.append(decided(a, b))
        }
        let order = StarClusterer.visitOrder(precedence(n), links: links)
        #expect(order.sorted() == Array(0..<n))
        var position = [Int](repeating: 0, count: n)
        for (p, article) in order.enumerated() { position[article] = p }
        #expect(links.allSatisfy { position[$0.pair.second] < position[$0.pair.first] })
    }

    @Test func aCycleOfDecisionsStillVisitsEveryArticleOnce() {
        let cycle = [decided(1, 2), decided(2, 3), VerifiedLink(pair: ArticlePair(1, 3), relation: .rewrite,
            scores: PairScores(jaccard: 0.1, firstInSecond: 0.1, secondInFirst: 0.1), originalIsFirst: false)]
        let order = StarClusterer.visitOrder(precedence(5), links: cycle)
        #expect(order.sorted() == [0, 1, 2, 3, 4])
        #expect(order.first == 0)
    }
}
