import DedupeKit
import Testing

/// Builds fingerprints of texts the way a scan does.
func makeFingerprint(_ id: String, _ text: String, date: String? = nil, shingleSize: Int = 5) throws -> Fingerprint {
    var fingerprinter = Fingerprinter(shingleSize: shingleSize, permutations: 128)
    let metadata = ArticleMetadata(id: id, date: date.flatMap(DateParser.parse), location: ArticleLocation(path: "/feed/\(id)"))
    let fingerprint = fingerprinter.fingerprint(Article(metadata: metadata, text: text))
    return try #require(fingerprint)
}

@Suite("CopyVerifier")
struct CopyVerifierTests {
    /// `n` distinct words, so the shingle arithmetic is exact.
    private func words(_ n: Int) -> [String] { (0..<n).map { "w\($0)" } }

    @Test func identicalNormalisedTextIsADuplicate() throws {
        let a = try makeFingerprint("a", "The Café’s new ovens cost 3,500 crowns. It reopens in May.")
        let b = try makeFingerprint("b", "the cafe's NEW ovens cost 3500 crowns -- it reopens in may")
        let link = try #require(CopyVerifier(threshold: 0.5).verify(ArticlePair(0, 1), a, b))
        #expect(link.relation == .duplicate)
        #expect(link.pair == ArticlePair(0, 1))
        #expect(link.scores == PairScores(jaccard: 1, firstInSecond: 1, secondInFirst: 1))
        // A duplicate whatever the threshold.
        #expect(CopyVerifier(threshold: 1).verify(ArticlePair(0, 1), a, b)?.relation == .duplicate)
    }

    @Test func sameTextWithDifferentMetadataIsADuplicate() throws {
        let text = words(40).joined(separator: " ")
        let a = try makeFingerprint("news/a.txt", text, date: "2026-03-01")
        let b = try makeFingerprint("wire/b.jsonl#7", text, date: "2026-03-02")
        #expect(CopyVerifier(threshold: 0.9).verify(ArticlePair(3, 8), a, b)?.relation == .duplicate)
    }

    @Test func nearDuplicateAboveTheThreshold() throws {
        // 100 distinct words, one replaced: 5-shingle Jaccard 91/101 ≈ 0.901.
        var edited = words(100)
        edited[50] = "changed"
        let a = try makeFingerprint("a", words(100).joined(separator: " "))
        let b = try makeFingerprint("b", edited.joined(separator: " "))
        let expected = 91.0 / 101.0
        let link = try #require(CopyVerifier(threshold: 0.85).verify(ArticlePair(0, 1), a, b))
        #expect(link.relation == .nearDuplicate)
        #expect(abs(link.scores.jaccard - expected) < 1e-9)
        #expect(abs(link.scores.firstInSecond - 91.0 / 96.0) < 1e-9)
        #expect(abs(link.scores.secondInFirst - 91.0 / 96.0) < 1e-9)
        // At the threshold exactly it still counts; above it, it does not.
        #expect(CopyVerifier(threshold: expected).verify(ArticlePair(0, 1), a, b)?.relation == .nearDuplicate)
        #expect(CopyVerifier(threshold: 0.95).verify(ArticlePair(0, 1), a, b) == nil)
    }

    @Test func containmentScoresAreDirectional() throws {
        // b is a plus 20 more words: all of a's shingles are in b, not the other way round.
        let a = try makeFingerprint("a", words(80).joined(separator: " "))
        let b = try makeFingerprint("b", (words(80) + (0..<20).map { "extra\($0)" }).joined(separator: " "))
        let link = try #require(CopyVerifier(threshold: 0.5).verify(ArticlePair(0, 1), a, b))
        #expect(link.relation == .nearDuplicate)
        #expect(link.scores.firstInSecond == 1)
        #expect(abs(link.scores.secondInFirst - 76.0 / 96.0) < 1e-9)
        #expect(abs(link.scores.jaccard - 76.0 / 96.0) < 1e-9)
    }

    @Test func belowTheThresholdIsNil() throws {
        var prose = ProseGenerator(seed: 40)
        let a = try makeFingerprint("a", prose.article())
        let b = try makeFingerprint("b", prose.article())
        #expect(CopyVerifier(threshold: 0.5).verify(ArticlePair(0, 1), a, b) == nil)
        // Half the words changed (every other one): far below 0.5.
        let original = words(100)
        let halfChanged = original.enumerated().map { $0.offset % 2 == 0 ? "x\($0.offset)" : $0.element }
        let c = try makeFingerprint("c", original.joined(separator: " "))
        let d = try makeFingerprint("d", halfChanged.joined(separator: " "))
        #expect(CopyVerifier(threshold: 0.5).verify(ArticlePair(0, 1), c, d) == nil)
    }

    @Test func sameTokensDifferentOrderIsNotADuplicate() throws {
        let a = try makeFingerprint("a", "alpha beta gamma delta epsilon zeta eta theta")
        let b = try makeFingerprint("b", "theta eta zeta epsilon delta gamma beta alpha")
        #expect(CopyVerifier(threshold: 0.5).verify(ArticlePair(0, 1), a, b) == nil)
    }
}
