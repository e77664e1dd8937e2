import DedupeKit
import Foundation
import Testing

/// Each tell of machine rewriting, found where it is and not where it is not.
@Suite("RewriteTells")
struct RewriteTellsTests {
    func tells(_ text: String) -> RewriteTells {
        var tokenizer = Tokenizer()
        return RewriteTells.detect(text: text, tokens: tokenizer.tokenize(text))
    }

    @Test func mentionOfTheOriginalArticleIsQuoted() {
        let t = tells("Prices rose. While the original article focuses on the harbour, we look wider. Then more.")
        #expect(t.flags == ["mentions-original"])
        // The quote runs from the sentence's first word to its last (sentence spans are word-bounded).
        #expect(t.mentionsOriginal == "While the original article focuses on the harbour, we look wider")
        #expect(tells("The original report said prices rose.").mentionsOriginal != nil)
        // "original" without a word for a report after it is not the tell.
        #expect(tells("The original design of the bridge dates from 1968.").mentionsOriginal == nil)
    }

    @Test func faqHeadingOrQuestionAndAnswerLines() {
        #expect(tells("The council met.\n\nFAQ:\n\nQ: When?\n\nA: Monday.").faqBlock == "FAQ:")
        #expect(tells("Story.\n\nFrequently Asked Questions\n\nWhy? Because.").faqBlock == "Frequently Asked Questions")
        let qa = tells("Story.\n\nQ: Who?\nA: The mayor.\nQ: When?\nA: Today.")
        #expect(qa.faqBlock == "2 Q: lines answered by A: lines")
        #expect(qa.flags == ["faq-block"])
        // One question is not a block; "A:" alone is not either.
        #expect(tells("Q: Who?\nA: The mayor.").faqBlock == nil)
    }

    @Test func fillerPhrasesNeedTwo() {
        let one = tells("It is worth noting that the ferry runs late.")
        #expect(one.fillerPhrases == ["it is worth noting"])
        #expect(one.flags.isEmpty)
        let two = tells("It is worth noting that the ferry runs late. Only time will tell whether it improves.")
        #expect(two.fillerPhrases == ["it is worth noting", "only time will tell"])
        #expect(two.flags == ["filler-phrases"])
        // Whole words only: "landscaped" is not "landscape".
        #expect(tells("The landscaped garden opened.").fillerPhrases.isEmpty)
    }

    @Test func plainNewsHasNoTells() throws {
        let text = try String(contentsOf: TestSupport.samplesFeed.appendingPathComponent("news/harbour-bridge-original.txt"), encoding: .utf8)
        #expect(tells(text).isEmpty)
    }

    @Test func theSampleRewriteShowsItsTells() throws {
        let text = try String(contentsOf: TestSupport.samplesFeed.appendingPathComponent("farm/harbour-bridge-rewrite.txt"), encoding: .utf8)
        let t = tells(text)
        #expect(t.flags.contains("mentions-original"))
        #expect(t.flags.contains("faq-block"))
    }
}
