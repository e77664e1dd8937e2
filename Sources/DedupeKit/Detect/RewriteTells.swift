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
        tokens.bytes.withUnsafeBufferPointer { bytes in
            func token(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[Int(tokens.tokenStarts[i])..<Int(tokens.tokenEnds[i])])
            }
            for i in 0..<tokens.count where tokens.tokenEnds[i] - tokens.tokenStarts[i] == 8 && token(i).elementsEqual(originalWord) {
                if (i + 1..<min(i + 3, tokens.count)).contains(where: { k in originalNounBytes.contains(where: { noun in token(k).elementsEqual(noun) }) }) {
                    tells.mentionsOriginal = quote(text, tokens, around: i)
                    break
                }
            }
            // Stock filler phrases, matched on the normalised token stream.
            tells.fillerPhrases = fillerPhrases(in: bytes, tokens)
        }
        // FAQ heading or Q:/A: lines: only short lines whose first letter is F, Q or A are looked at.
        var questions = 0, answers = 0
        var faqLine: String?
        var text = text
        text.withUTF8 { utf8 in
            var lineStart = 0
            while lineStart < utf8.count {
                // The line's end found with `memchr` (vectorised), not a loop over every byte of the text.
                let lineEnd = memchr(utf8.baseAddress! + lineStart, 0x0A, utf8.count - lineStart)
                    .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - utf8.baseAddress! } ?? utf8.count
                defer { lineStart = lineEnd + 1 }
                var first = lineStart
                while first < lineEnd, utf8[first] == 0x20 || utf8[first] == 0x09 { first += 1 }
                let firstLetter = first < lineEnd ? utf8[first] | 0x20 : 0
                guard firstLetter == UInt8(ascii: "f") || firstLetter == UInt8(ascii: "q") || firstLetter == UInt8(ascii: "a"),
                      lineEnd - lineStart < 400 else { continue }
                // Most such lines ("According to...", "A spokesman...") start with none of the prefixes below:
                // an all-ASCII start is ruled out on its bytes, before a string is made and lower-cased.
                let window = UnsafeBufferPointer(rebasing: utf8[first..<min(first + Self.longestLinePrefix, lineEnd)])
                if window.allSatisfy({ $0 < 0x80 }), !Self.linePrefixes.contains(where: { Self.startsIgnoringASCIICase(window, with: $0) }) {
                    continue
                }
                let line = String(decoding: UnsafeBufferPointer(rebasing: utf8[lineStart..<lineEnd]), as: UTF8.self).trimmedWhitespace()
                let lower = line.lowercased()
                if faqLine == nil, ["faq", "faq:", "faqs", "faqs:", "frequently asked questions", "frequently asked questions:"].contains(lower)
                    || lower.hasPrefix("faq:") && lower.count < 40 {
                    faqLine = String(line)
                }
                if lower.hasPrefix("q:") || lower.hasPrefix("question:") { questions += 1 }
                if lower.hasPrefix("a:") || lower.hasPrefix("answer:") { answers += 1 }
            }
        }
        if let faqLine {
            tells.faqBlock = faqLine
        } else if questions >= 2, answers >= 2 {
            tells.faqBlock = "\(questions) Q: lines answered by A: lines"
        }
        return tells
    }

    /// The lower-case starts of the lines the FAQ check looks for (a heading, a question, an answer).
    private static let linePrefixes: [[UInt8]] = ["faq", "frequently asked questions", "q:", "question:", "a:", "answer:"].map { Array($0.utf8) }
    private static let longestLinePrefix = linePrefixes.map(\.count).max()!

    /// Whether `bytes` (ASCII) starts with the lower-case `prefix`, ignoring ASCII case.
    private static func startsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for (i, p) in prefix.enumerated() {
            let b = bytes[i]
            if b != p && !(b &- 65 < 26 && b | 0x20 == p) { return false }
        }
        return true
    }

    private static let originalWord = Array("original".utf8)
    private static let originalNounBytes = originalNouns.map { Array($0.utf8) }

    /// Each filler phrase as the tokenizer writes it (lower case, words separated by one space).
    private static let fillerPatterns: [FillerPattern] = fillers.map(FillerPattern.init)

    /// A filler phrase as the tokenizer writes it (lower case, words separated by one space), and its
    /// anchor: its longest word, which the token stream is searched for. Long words are rare, so a token
    /// seldom passes the first test, and the whole phrase is compared only around an anchor.
    private struct FillerPattern {
        var phrase: String
        var bytes: [UInt8]
        var anchor: [UInt8]
        /// The anchor's position among the phrase's words.
        var anchorWord: Int

        init(_ phrase: String) {
            var tokenizer = Tokenizer()
            self.phrase = phrase
            bytes = tokenizer.tokenize(phrase).bytes
            let words = bytes.split(separator: 0x20).map(Array.init)
            anchorWord = words.indices.max { words[$0].count < words[$1].count || (words[$0].count == words[$1].count && $0 > $1) }!
            anchor = words[anchorWord]
        }
    }

    /// For each first byte, a bit per length (below 64) of the anchors that start with it: one load and a
    /// bit test rule out almost every token.
    private static let anchorShapes: [UInt64] = {
        var shapes = [UInt64](repeating: 0, count: 256)
        for pattern in fillerPatterns { shapes[Int(pattern.anchor[0])] |= 1 << UInt64(min(pattern.anchor.count, 63)) }
        return shapes
    }()

    /// The patterns by the shape of their anchor, `byte << 6 | length`: pattern indices
    /// `patternsOfShape[shapeStarts[s]..<shapeStarts[s + 1]]`, so a token that passes the bit test is
    /// compared with the one or two anchors of its shape, not with every phrase.
    private static let shapeIndex: (shapeStarts: [Int32], patternsOfShape: [Int32]) = {
        var byShape = [[Int32]](repeating: [], count: 256 << 6)
        for (k, pattern) in fillerPatterns.enumerated() {
            byShape[Int(pattern.anchor[0]) << 6 | min(pattern.anchor.count, 63)].append(Int32(k))
        }
        var starts: [Int32] = [0]
        var patterns: [Int32] = []
        for list in byShape {
            patterns += list
            starts.append(Int32(patterns.count))
        }
        return (starts, patterns)
    }()

    /// The filler phrases that occur in the token stream, in the order of ``fillers``.
    private static func fillerPhrases(in bytes: UnsafeBufferPointer<UInt8>, _ tokens: TokenizedText) -> [String] {
        var found = [Bool](repeating: false, count: fillerPatterns.count)
        let patterns = fillerPatterns
        let shapes = anchorShapes
        let (shapeStarts, patternsOfShape) = shapeIndex
        tokens.tokenStarts.withUnsafeBufferPointer { starts in tokens.tokenEnds.withUnsafeBufferPointer { ends in
            for i in 0..<tokens.count {
                let start = Int(starts[i]), length = Int(ends[i]) - start
                guard shapes[Int(bytes[start])] & (1 << UInt64(min(length, 63))) != 0 else { continue }
                let shape = Int(bytes[start]) << 6 | min(length, 63)
                for slot in Int(shapeStarts[shape])..<Int(shapeStarts[shape + 1]) {
                    let k = Int(patternsOfShape[slot])
                    let pattern = patterns[k]
                    guard !found[k], i >= pattern.anchorWord,
                          memcmp(bytes.baseAddress! + start, pattern.anchor, length) == 0 else { continue }
                    let phraseStart = Int(starts[i - pattern.anchorWord])
                    let end = phraseStart + pattern.bytes.count
                    guard end <= bytes.count, end == bytes.count || bytes[end] == 0x20 else { continue }
                    if memcmp(bytes.baseAddress! + phraseStart, pattern.bytes, pattern.bytes.count) == 0 { found[k] = true }
                }
            }
        } }
        return patterns.indices.filter { found[$0] }.map { patterns[$0].phrase }
    }

    /// The sentence around token `i`, trimmed to 200 characters.
    private static func quote(_ text: String, _ tokens: TokenizedText, around i: Int) -> String {
        var sentence = 0
        while sentence + 1 < tokens.sentenceStarts.count, Int(tokens.sentenceStarts[sentence + 1]) <= i { sentence += 1 }
        let span = tokens.sentenceSpans[sentence]
        let excerpt = TextSpan.extract(text, Int(span.lowerBound)..<Int(span.upperBound))
        return excerpt.count > 200 ? String(excerpt.prefix(200)) + "…" : excerpt
    }
}

/// Slices text by code-point offsets, the unit of every offset dedupe reports: one slice of a text (a tell's
/// quote). Evidence, which cuts many slices from each text, keeps the text's ``CodePoints`` index instead;
/// this is the same slicing, so there is one definition of it.
public enum TextSpan {
    /// The code points `range` of `text` ("" when the range is not within the text).
    public static func extract(_ text: String, _ range: Range<Int>) -> String {
        CodePoints(text).string(range)
    }
}
