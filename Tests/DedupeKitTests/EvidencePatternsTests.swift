import Foundation
import Testing
@testable import DedupeKit

/// The hand-written name and quotation scanners find exactly what their regular expressions find with
/// `NSRegularExpression` (kept here as the oracle), on sample articles and on generated texts full of the
/// cases that matter: joiners, apostrophes, hyphens, sentence starts, line starts, Unicode spaces,
/// combining marks, letters before capitals, curly and straight quotation marks.
@Suite("EvidencePatterns")
struct EvidencePatternsTests {
    static func regexMatches(_ pattern: String, options: NSRegularExpression.Options = [], group: Int = 0, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: options)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: group)) }
    }

    static func namesOracle(_ text: String) -> [String] {
        regexMatches(#"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’\-]+(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][a-zA-Z'’\-]+)*"#,
                     options: [.anchorsMatchLines], in: text)
    }

    static func quotationsOracle(_ text: String) -> [String] {
        regexMatches(#"["“]([^"“”]{10,600})["”]"#, group: 1, in: text)
    }

    /// Text made of pieces chosen to hit every branch of both patterns.
    static func trickyText(_ rng: inout SplitMix64) -> String {
        let pieces = [
            "Bank", "of", "England", "Banque", "de", "France", "Marks", "&", "Spencer", "O’Neil", "D'Arcy", "Jean-Luc",
            "the", "minister", "A", "I", "X", "McDonald", "USA", "ofX", "Of", "de", "&", "said", "42", "é", "É", "Zoë",
            ".", "!", "?", ",", ";", "\"", "“", "”", "'", "’", "-", "(", ")", "_", "3M",
            " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}",
            "\u{0301}", "\u{200D}", "\u{200C}", "\u{00AD}", "\u{1F600}", "中文",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 20...200, using: &rng) { text += pieces.randomElement(using: &rng)! }
        // Quotations of every length around the 10 and 600 limits.
        if Bool.random(using: &rng) {
            let length = [5, 9, 10, 11, 300, 599, 600, 601, 700].randomElement(using: &rng)!
            let open = ["\"", "“"].randomElement(using: &rng)!, close = ["\"", "”", "“"].randomElement(using: &rng)!
            text += open + String(repeating: "ab c", count: length / 4 + 1).prefix(length) + close
        }
        return text
    }

    /// A scanner and its regular expression, with how many generated texts at least must have a match.
    struct Pattern: Sendable, CustomStringConvertible {
        var description: String
        var scan: @Sendable (String) -> [String]
        var oracle: @Sendable (String) -> [String]
        var seed: UInt64
        var minimumWithMatches: Int
    }

    static let patterns = [
        Pattern(description: "names", scan: EvidencePatterns.capitalisedRuns, oracle: namesOracle, seed: 11, minimumWithMatches: 500),
        Pattern(description: "quotations", scan: EvidencePatterns.quotations, oracle: quotationsOracle, seed: 12, minimumWithMatches: 200),
    ]

    @Test(arguments: patterns)
    func matchesTheRegularExpressionOnGeneratedText(_ pattern: Pattern) {
        var rng = SplitMix64(seed: pattern.seed)
        var withMatches = 0
        for _ in 0..<1500 {
            let text = Self.trickyText(&rng)
            let expected = pattern.oracle(text)
            #expect(pattern.scan(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if !expected.isEmpty { withMatches += 1 }
        }
        #expect(withMatches > pattern.minimumWithMatches)
    }

    @Test func bothMatchTheRegularExpressionsOnTheSampleArticles() throws {
        let files = FileManager.default.enumerator(at: TestSupport.samplesFeed, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" }
        #expect(files.count >= 5)
        for file in files {
            let text = TextDecoding.decode(try Data(contentsOf: file)).text  // some samples are not UTF-8
            #expect(EvidencePatterns.capitalisedRuns(in: text) == Self.namesOracle(text), "\(file.lastPathComponent)")
            #expect(EvidencePatterns.quotations(in: text) == Self.quotationsOracle(text), "\(file.lastPathComponent)")
        }
    }

    @Test func namesJoinWithOfDeAndAmpersandButNotAcrossSentences() {
        let text = "Yesterday the Bank of England and Marks & Spencer met. The Banque de France did not."
        #expect(EvidencePatterns.capitalisedRuns(in: text) == ["Bank of England", "Marks & Spencer", "Banque de France"])
    }
}
