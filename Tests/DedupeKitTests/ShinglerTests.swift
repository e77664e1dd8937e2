import DedupeKit
import Testing

@Suite("Shingler and ShingleSet")
struct ShinglerTests {
    private func tokenize(_ text: String) -> TokenizedText {
        var tokenizer = Tokenizer()
        return tokenizer.tokenize(text)
    }

    private func words(_ n: Int, prefix: String = "w") -> String {
        (0..<n).map { "\(prefix)\($0)" }.joined(separator: " ")
    }

    @Test(arguments: [(1, 1), (10, 1), (10, 5), (10, 10), (100, 5), (7, 3)])
    func shingleCount(_ tokenCount: Int, _ k: Int) {
        let hashes = Shingler(size: k).hashes(tokenize(words(tokenCount)))
        #expect(hashes.count == tokenCount - k + 1)
        // All tokens differ, so all shingles differ.
        #expect(Set(hashes).count == hashes.count)
    }

    @Test func fewerTokensThanKGiveOneShingleOfAllTokens() {
        let shingler = Shingler(size: 5)
        let short = shingler.hashes(tokenize("only three words"))
        #expect(short.count == 1)
        // That one shingle is the whole text, as a 3-shingle of the same text would be.
        #expect(short == Shingler(size: 3).hashes(tokenize("Only three words.")))
        #expect(shingler.hashes(tokenize("")) == [])
        #expect(shingler.hashes(tokenize(" ... ")) == [])
    }

    @Test func shinglesAreRunsOfKTokens() {
        // The 2-shingles of "a b c d" are the single shingles of "a b", "b c" and "c d", in order.
        let shingler = Shingler(size: 2)
        let whole = shingler.hashes(tokenize("alpha beta gamma delta"))
        let parts = ["alpha beta", "beta gamma", "gamma delta"].flatMap { shingler.hashes(tokenize($0)) }
        #expect(whole == parts)
    }

    @Test func shinglesSeeNormalisedTokensOnly() {
        let shingler = Shingler(size: 3)
        #expect(shingler.hashes(tokenize("The Café’s ﬁles, 3,500 of them.")) ==
                shingler.hashes(tokenize("the cafe s files 3500 of them")))
        // Token boundaries matter: "a b" is not "ab".
        #expect(Shingler(size: 1).hashes(tokenize("ab")) != Shingler(size: 2).hashes(tokenize("a b")))
        #expect(shingler.hashes(tokenize("one two three")) != shingler.hashes(tokenize("one twothree x")))
    }

    @Test func repeatsAreKeptInHashesAndRemovedInTheSet() {
        let text = "la la la la la la"  // six tokens, k = 2: five shingles, all "la la"
        let hashes = Shingler(size: 2).hashes(tokenize(text))
        #expect(hashes.count == 5)
        #expect(Set(hashes).count == 1)
        #expect(ShingleSet(hashes: hashes).count == 1)
    }

    @Test func shingleSetIsSortedDistinctLow32Bits() {
        var rng = SplitMix64(seed: 99)
        var hashes = (0..<500).map { _ in rng.next() }
        hashes += hashes.prefix(100)  // repeats
        hashes.append(hashes[0] ^ (1 << 40))  // same low 32 bits as hashes[0]
        let set = ShingleSet(hashes: hashes)
        let expected = Set(hashes.map { UInt32(truncatingIfNeeded: $0) }).sorted()
        #expect(set.values == expected)
        #expect(set.count == 500)
        #expect(ShingleSet(hashes: []).count == 0)
    }

    @Test func intersectionCounts() {
        var generator = SetPairGenerator(seed: 5)
        for (common, onlyA, onlyB) in [(0, 10, 10), (10, 0, 0), (50, 25, 75), (1, 200, 3), (300, 1, 0)] {
            let (a, b) = generator.pair(common: common, onlyA: onlyA, onlyB: onlyB)
            let sa = ShingleSet(hashes: a), sb = ShingleSet(hashes: b)
            let expected = Set(a.map { UInt32(truncatingIfNeeded: $0) }).intersection(b.map { UInt32(truncatingIfNeeded: $0) }).count
            #expect(expected == common)
            #expect(sa.intersectionCount(sb) == common)
            #expect(sb.intersectionCount(sa) == common)
            #expect(sa.intersectionCount(sa) == sa.count)
            #expect(sa.intersectionCount(ShingleSet(hashes: [])) == 0)
        }
    }

    @Test func pairScoresFromSets() {
        var generator = SetPairGenerator(seed: 8)
        let (a, b) = generator.pair(common: 60, onlyA: 20, onlyB: 40)
        let scores = PairScores(ShingleSet(hashes: a), ShingleSet(hashes: b))
        #expect(abs(scores.jaccard - 60.0 / 120.0) < 1e-12)
        #expect(abs(scores.firstInSecond - 60.0 / 80.0) < 1e-12)
        #expect(abs(scores.secondInFirst - 60.0 / 100.0) < 1e-12)
        #expect(scores.swapped == PairScores(jaccard: scores.jaccard, firstInSecond: scores.secondInFirst, secondInFirst: scores.firstInSecond))
        let empty = PairScores(ShingleSet(hashes: []), ShingleSet(hashes: []))
        #expect(empty == PairScores(jaccard: 0, firstInSecond: 0, secondInFirst: 0))
    }

    @Test func wordShingleJaccardOfAnEdit() {
        // 100 distinct words, k = 5: 96 shingles. Replacing word 50 changes the 5 shingles that cover it:
        // 91 shared, union 96 + 5 = 101.
        let original = words(100)
        var edited = (0..<100).map { "w\($0)" }
        edited[50] = "changed"
        let shingler = Shingler(size: 5)
        let a = ShingleSet(hashes: shingler.hashes(tokenize(original)))
        let b = ShingleSet(hashes: shingler.hashes(tokenize(edited.joined(separator: " "))))
        #expect(a.count == 96 && b.count == 96)
        #expect(a.intersectionCount(b) == 91)
        #expect(abs(PairScores(a, b).jaccard - 91.0 / 101.0) < 1e-12)
    }
}
