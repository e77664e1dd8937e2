import Foundation

/// Tells of machine rewriting that can be detected reliably in one article, without its source.
///
/// Each is a concrete, checkable pattern, and the report quotes what matched:
/// - `mentionsOriginal`: a sentence about "the original article" (report, story, piece, post), as content
///   farms write when they paraphrase someone else's story;
/// - `faqBlock`: an appended FAQ or Q&A block (a heading "FAQ", "FAQs" or "Frequently Asked Questions",
///   or at least two `Q:` lines answered by `A:` lines);
/// - `fillerPhrases`: stock padding phrases of generated text ("it is worth noting", "remains to be seen",
///   "the broader context", ...), flagged when at least two occur.
public struct RewriteTells: Sendable, Equatable, Codable {
    public var mentionsOriginal: String?
    public var faqBlock: String?
    public var fillerPhrases: [String] = []

    public init(mentionsOriginal: String? = nil, faqBlock: String? = nil, fillerPhrases: [String] = []) {
        self.mentionsOriginal = mentionsOriginal
        self.faqBlock = faqBlock
        self.fillerPhrases = fillerPhrases
    }

    /// Flag names, for the report.
    public var flags: [String] {
        var out: [String] = []
        if mentionsOriginal != nil { out.append("mentions-original") }
        if faqBlock != nil { out.append("faq-block") }
        if fillerPhrases.count >= 2 { out.append("filler-phrases") }
        return out
    }

    public var isEmpty: Bool { flags.isEmpty }

    static let originalNouns: Set<String> = ["article", "report", "story", "piece", "post", "coverage", "reporting"]
    static let fillers = [
        "it is worth noting", "it is important to note", "remains to be seen", "broader context", "in conclusion",
        "it is crucial", "plays a significant role", "a testament to", "in today's", "ever-evolving", "delve",
        "navigate the complexities", "key takeaways", "here is what we know", "why it matters", "shed light on",
        "in the grand scheme", "only time will tell", "a pivotal moment", "landscape",
    ]

    /// Looks for the tells in an article's text and its tokens.
    public static func detect(text: String, tokens: TokenizedText) -> RewriteTells {
        var tells = RewriteTells()
        // "the original article", "the original report focuses on", "original story".
        let words = tokens.tokens
        for i in words.indices where words[i] == "original" {
            let next = words[(i + 1)..<min(i + 3, words.count)]
            if next.contains(where: originalNouns.contains) {
                tells.mentionsOriginal = quote(text, tokens, around: i)
                break
            }
        }
        // FAQ heading or Q:/A: lines.
        var questions = 0, answers = 0
        var faqLine: String?
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let lower = line.lowercased()
            if faqLine == nil, ["faq", "faq:", "faqs", "faqs:", "frequently asked questions", "frequently asked questions:"].contains(lower)
                || lower.hasPrefix("faq:") && lower.count < 40 {
                faqLine = line
            }
            if lower.hasPrefix("q:") || lower.hasPrefix("q.") && lower.count > 3 || lower.hasPrefix("question:") { questions += 1 }
            if lower.hasPrefix("a:") || lower.hasPrefix("answer:") { answers += 1 }
        }
        if let faqLine {
            tells.faqBlock = faqLine
        } else if questions >= 2, answers >= 2 {
            tells.faqBlock = "\(questions) Q: lines answered by A: lines"
        }
        let lower = text.lowercased()
        tells.fillerPhrases = fillers.filter { lower.contains($0) }
        return tells
    }

    /// The sentence around token `i`, trimmed to 200 characters.
    private static func quote(_ text: String, _ tokens: TokenizedText, around i: Int) -> String {
        var sentence = 0
        while sentence + 1 < tokens.sentenceStarts.count, Int(tokens.sentenceStarts[sentence + 1]) <= i { sentence += 1 }
        let range = tokens.sentenceTokenRange(sentence)
        let excerpt = TextSpan.extract(text, Int(tokens.sourceStarts[range.lowerBound])..<Int(tokens.sourceEnds[range.upperBound - 1]))
        return excerpt.count > 200 ? String(excerpt.prefix(200)) + "…" : excerpt
    }
}

/// Slices text by code-point offsets, the unit of every offset dedupe reports.
public enum TextSpan {
    public static func extract(_ text: String, _ range: Range<Int>) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.index(scalars.startIndex, offsetBy: range.lowerBound, limitedBy: scalars.endIndex),
              let end = scalars.index(start, offsetBy: range.count, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[start..<end])
    }
}
