@testable import DedupeKit
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    private func tokens(_ text: String) -> [String] {
        var tokenizer = Tokenizer()
        return tokenizer.tokenize(text).tokens
    }

    private func tokenize(_ text: String) -> TokenizedText {
        var tokenizer = Tokenizer()
        return tokenizer.tokenize(text)
    }

    /// The original text of sentence `s`, sliced by code points.
    private func source(_ text: String, _ t: TokenizedText, sentence s: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[Int(t.sentenceSpans[s].lowerBound)..<Int(t.sentenceSpans[s].upperBound)])
        return String(slice)
    }

    /// The tokens of sentence `s`.
    private func sentenceTokens(_ t: TokenizedText, _ s: Int) -> [String] {
        t.sentenceTokenRange(s).map { t.token($0) }
    }

    // MARK: Words and normalisation

    /// The eight-byte word scan agrees with a byte-by-byte reference (ASCII letters and digits continue a
    /// word, lower-cased; anything else, non-ASCII included, ends it) on every byte value in every position.
    @Test func eightByteWordScanMatchesBytewiseReference() {
        var random = SplitMix64(seed: 8)
        let interesting: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xC3, 0xE2, 0xFF, 0x20, 0x2E, 0x2C, 0x00]
        var windows: [[UInt8]] = []
        for position in 0..<8 {  // each byte value once in each position, in a run of letters
            for value in 0...255 {
                var w = Array("abcdEFGH".utf8)
                w[position] = UInt8(value)
                windows.append(w)
            }
        }
        for _ in 0..<20_000 {
            windows.append((0..<8).map { _ in random.next() % 3 == 0 ? UInt8(truncatingIfNeeded: random.next()) : interesting[Int(random.next() % UInt64(interesting.count))] })
        }
        for w in windows {
            var length = 0
            while length < 8 {
                let b = w[length]
                guard b &- 48 < 10 || (b | 0x20) &- 97 < 26 else { break }
                length += 1
            }
            let (lowered, found) = w.withUnsafeBytes { Tokenizer.asciiWordPrefix($0.baseAddress!) }
            let bytes = withUnsafeBytes(of: lowered) { Array($0) }
            #expect(found == length, "window \(w)")
            #expect(Array(bytes[0..<found]) == w[0..<found].map { $0 &- 48 < 10 ? $0 : $0 | 0x20 }, "window \(w)")
        }
    }

    /// Words that end exactly at, just before and just after eight-byte boundaries, and at the end of the text.
    @Test func wordsAcrossEightByteBoundaries() {
        #expect(tokens("ABCDEFGH ABCDEFGHI abcdefg X1234567 12345678a") == ["abcdefgh", "abcdefghi", "abcdefg", "x1234567", "12345678a"])
        #expect(tokens("Oneword") == ["oneword"])
        #expect(tokens("Sixteenlettersxx!Next") == ["sixteenlettersxx", "next"])
        #expect(tokens("Caf\u{E9}teria prices") == ["cafeteria", "prices"])
        #expect(tokens("FIGURE 3,500,000 and 2.75") == ["figure", "3500000", "and", "2.75"])
    }

    @Test func asciiLowercasingAndSeparators() {
        #expect(tokens("The QUICK brown-fox; jumped_over (the) lazy\tdog!") ==
                ["the", "quick", "brown", "fox", "jumped", "over", "the", "lazy", "dog"])
        #expect(tokens("") == [])
        #expect(tokens("  ... --- !!! ") == [])
        #expect(tokens("a") == ["a"])
        #expect(tokens("R2D2 and C3PO") == ["r2d2", "and", "c3po"])
    }

    @Test func byteBufferIsTokensJoinedBySpaces() {
        let t = tokenize("Hello,   World! Café")
        #expect(String(decoding: t.bytes, as: UTF8.self) == "hello world cafe")
        #expect(t.count == 3)
        #expect(t.tokenStarts == [0, 6, 12])
        #expect(t.tokenEnds == [5, 11, 16])
    }

    @Test func nfkcLigaturesAndFullwidth() {
        #expect(tokens("ﬁles ﬂow ﬀ") == ["files", "flow", "ff"])
        #expect(tokens("ＡＢＣ ｄｅｆ １２３") == ["abc", "def", "123"])
        #expect(tokens("Ｈｅｌｌｏ, ｗｏｒｌｄ") == tokens("Hello, world"))
    }

    @Test func diacriticsFolded() {
        #expect(tokens("Café") == ["cafe"])
        #expect(tokens("naïve") == ["naive"])
        #expect(tokens("CAFÉ Naïve Zürich São Paulo Ångström") == ["cafe", "naive", "zurich", "sao", "paulo", "angstrom"])
        // Decomposed accents (combining marks) fold the same way and do not split the word.
        #expect(tokens("Cafe\u{301} nai\u{308}ve") == ["cafe", "naive"])
    }

    @Test func curlyApostropheSplitsLikeASCII() {
        #expect(tokens("Café’s") == ["cafe", "s"])
        #expect(tokens("Dunford’s Linden Square") == tokens("Dunford's Linden Square"))
        #expect(tokens("don’t") == ["don", "t"])
        #expect(tokens("“Quoted” — dashed – text…") == ["quoted", "dashed", "text"])
    }

    @Test func docExample() {
        #expect(tokens("Café’s 3,500 ﬁles") == ["cafe", "s", "3500", "files"])
    }

    @Test func nonLatinScriptsAreWords() {
        #expect(tokens("Москва 北京 Αθήνα") == ["москва", "北京", "αθηνα"])
        #expect(tokens("emoji 🙂 between") == ["emoji", "between"])
    }

    // MARK: Numbers

    @Test func numbers() {
        #expect(tokens("3,500") == ["3500"])
        #expect(tokens("1,234,567 people") == ["1234567", "people"])
        #expect(tokens("2.5") == ["2.5"])
        #expect(tokens("18.5 million") == ["18.5", "million"])
        #expect(tokens("in 1987.") == ["in", "1987"])
        #expect(tokens("in 1987. The") == ["in", "1987", "the"])
        #expect(tokens("cost €48,000.") == ["cost", "48000"])
        #expect(tokens("rose 2.5.") == ["rose", "2.5"])
        #expect(tokens("items 1, 2 and 3") == ["items", "1", "2", "and", "3"])
        #expect(tokens("a 2-1 win") == ["a", "2", "1", "win"])
        #expect(tokens("version 1.2.3") == ["version", "1.2.3"] || tokens("version 1.2.3") == ["version", "1.23"])
    }

    @Test func numberAtEndOfSentenceEndsTheSentence() {
        let t = tokenize("It opened in 1987. The bridge is old.")
        #expect(t.tokens == ["it", "opened", "in", "1987", "the", "bridge", "is", "old"])
        #expect(t.sentenceStarts == [0, 4])
    }

    // MARK: Source offsets

    @Test func sentenceSpansMapBackToTheOriginalText() {
        let text = "“Café’s” ﬁles cost €3,500 — naïve ＡＢＣ in 1987. Zürich 🙂 2.5 e\u{301}t\u{E9} end"
        let t = tokenize(text)
        #expect(t.sentenceStarts == [0, 9])
        // From the first token's first code point to the last token's last: the quotes and the final
        // full stop are outside.
        #expect(source(text, t, sentence: 0) == "Café’s” ﬁles cost €3,500 — naïve ＡＢＣ in 1987")
        #expect(source(text, t, sentence: 1) == "Zürich 🙂 2.5 e\u{301}t\u{E9} end")
        for s in 0..<2 {
            #expect(tokens(source(text, t, sentence: s)) == sentenceTokens(t, s))
        }
    }

    @Test func sentenceSpansOnASampleArticle() throws {
        let text = try String(contentsOf: TestSupport.samplesFeed.appendingPathComponent("news/harbour-bridge-original.txt"), encoding: .utf8)
        let t = tokenize(text)
        #expect(t.count > 300)
        #expect(t.sentenceSpans.count == t.sentenceStarts.count && t.sentenceSpans.count > 10)
        #expect(zip(t.sentenceSpans, t.sentenceSpans.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        // Each sentence's original slice tokenises back to exactly its tokens.
        for s in t.sentenceSpans.indices {
            let original = source(text, t, sentence: s)
            #expect(tokens(original) == sentenceTokens(t, s), "sentence \(s): \(original)")
        }
    }

    @Test func sentenceSpansAreCodePointsNotUTF16() {
        // 𝄞 is one code point but two UTF-16 units.
        let t = tokenize("𝄞𝄞 word")
        #expect(t.tokens == ["word"])
        #expect(t.sentenceSpans == [3..<7])
        #expect(tokenize("").sentenceSpans.isEmpty)
    }

    // MARK: Sentences

    @Test func splitsAtSentenceEnds() {
        let t = tokenize("The bridge closed. The port waits! Will it reopen? Nobody knows.")
        #expect(t.sentenceStarts == [0, 3, 6, 9])
        #expect(t.sentenceTokenRange(1) == 3..<6)
        #expect(t.sentenceTokenRange(3) == 9..<11)
    }

    @Test func splitsBeforeDigitsAndQuotes() {
        #expect(tokenize("Revenue rose. 2026 will be harder.").sentenceStarts == [0, 2])
        #expect(tokenize("He said it was over.\" The mayor agreed.").sentenceStarts == [0, 5])
    }

    @Test func noSplitAfterAbbreviations() {
        #expect(tokenize("Mr. Brennick spoke to Dr. Varga and Mrs. Quill.").sentenceStarts == [0])
        #expect(tokenize("The U.S. Navy sent a ship.").sentenceStarts == [0])
        #expect(tokenize("Talks with the U.S. The meeting ended.").sentenceStarts == [0])  // ambiguous: kept together
        #expect(tokenize("J. R. Smith and A. Jones wrote it.").sentenceStarts == [0])
        #expect(tokenize("Acme Inc. Shares rose.").sentenceStarts == [0])
        #expect(tokenize("It opened on Jan. 5 after repairs.").sentenceStarts == [0])
    }

    @Test func noSplitWithoutSpaceOrCapital() {
        #expect(tokenize("He left. then he returned.").sentenceStarts == [0])
        #expect(tokenize("See example.com for details.").sentenceStarts == [0])
        #expect(tokenize("Wait...really?").sentenceStarts == [0])
    }

    @Test func splitsAtBlankLines() {
        let t = tokenize("First paragraph without a stop\n\nsecond paragraph lower case\n \nthird\nsame paragraph")
        #expect(t.sentenceStarts == [0, 5, 9])
        #expect(tokenize("one line\nnext line").sentenceStarts == [0])
        #expect(tokenize("The end.\nNext line.").sentenceStarts == [0, 2])
    }

    @Test func sentenceStartsAreAscendingAndStartAtZero() {
        var generator = ProseGenerator(seed: 11)
        // 6 paragraphs of 4 sentences; each sentence ends with a long word, so no abbreviation rule applies.
        let text = (0..<6).map { _ in
            (0..<4).map { _ in generator.sentence().dropLast() + " harbour." }.joined(separator: " ")
        }.joined(separator: "\n\n")
        let t = tokenize(text)
        #expect(t.sentenceStarts.first == 0)
        #expect(zip(t.sentenceStarts, t.sentenceStarts.dropFirst()).allSatisfy { $0 < $1 })
        #expect(t.sentenceStarts.last.map { Int($0) < t.count } == true)
        // Every generated sentence starts with a capital after ". ": 6 paragraphs × 4 sentences.
        #expect(t.sentenceStarts.count == 24)
        #expect(tokenize("").sentenceStarts.isEmpty)
    }

    @Test func reusedTokenizerGivesTheSameResult() {
        var tokenizer = Tokenizer()
        let text = "Café’s ﬁles naïve ＡＢＣ Zürich"
        let first = tokenizer.tokenize(text)
        let second = tokenizer.tokenize(text)
        #expect(first == second)
        #expect(first == tokenize(text))
    }
}
