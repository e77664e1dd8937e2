/// The two text patterns rewrite evidence looks for, scanned by hand over code points: capitalised
/// names and quotations.
///
/// Each is specified by a regular expression (below, as ICU reads it) and matches exactly what
/// `NSRegularExpression` finds with it, which the tests check on generated and sample texts; a regular
/// expression engine was a fifth of a 100,000-article report's time.
enum EvidencePatterns {
    /// Runs of capitalised words, joined by white space and optionally "of", "de" or "&":
    /// `(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’\-]+(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][a-zA-Z'’\-]+)*`, with `^`
    /// matching at every line start. A run may not start a line, follow sentence punctuation and one
    /// space, or continue a word.
    static func capitalisedRuns(in text: String) -> [String] {
        capitalisedRuns(in: CodePoints(text))
    }

    static func capitalisedRuns(in text: CodePoints) -> [String] {
        let c = text.scalars
        var out: [String] = []
        var p = 0
        while p < c.count {
            guard isUpper(c[p]), canStartRun(c, at: p), let first = wordEnd(c, from: p) else {
                p += 1
                continue
            }
            var end = first
            // Further words: white space, an optional joiner with its white space, a capitalised word.
            while true {
                var q = spaceEnd(c, from: end)
                guard q > end else { break }
                for joiner in joiners where matches(c, joiner, at: q) {
                    let afterJoiner = spaceEnd(c, from: q + joiner.count)
                    if afterJoiner > q + joiner.count, afterJoiner < c.count, isUpper(c[afterJoiner]) { q = afterJoiner }
                    break
                }
                guard q < c.count, isUpper(c[q]), let next = wordEnd(c, from: q) else { break }
                end = next
            }
            out.append(text.string(p..<end))
            p = end
        }
        return out
    }

    /// Quotations: `["“]([^"“”]{10,600})["”]`, the text between the marks.
    static func quotations(in text: String) -> [String] {
        quotations(in: CodePoints(text))
    }

    static func quotations(in text: CodePoints) -> [String] {
        let c = text.scalars
        var out: [String] = []
        var p = 0
        while p < c.count {
            guard c[p] == "\"" || c[p] == "“" else {
                p += 1
                continue
            }
            var q = p + 1
            while q < c.count, q - (p + 1) <= 600, !isQuoteMark(c[q]) { q += 1 }
            let length = q - (p + 1)
            if length >= 10, length <= 600, q < c.count, c[q] == "\"" || c[q] == "”" {
                out.append(text.string((p + 1)..<q))
                p = q + 1
            } else {
                p += 1
            }
        }
        return out
    }

    private static let joiners: [[Unicode.Scalar]] = [["o", "f"], ["d", "e"], ["&"]]

    private static func isQuoteMark(_ s: Unicode.Scalar) -> Bool { s == "\"" || s == "“" || s == "”" }

    private static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value &- 65 < 26 }

    /// `[a-zA-Z'’\-]`
    private static func isWordTail(_ s: Unicode.Scalar) -> Bool {
        s.value &- 65 < 26 || s.value &- 97 < 26 || s == "'" || s == "’" || s == "-"
    }

    /// The end of `[A-Z][a-zA-Z'’\-]+` at `p` (a capital is there), or nil when no tail follows it.
    private static func wordEnd(_ c: [Unicode.Scalar], from p: Int) -> Int? {
        var q = p + 1
        while q < c.count, isWordTail(c[q]) { q += 1 }
        return q > p + 1 ? q : nil
    }

    /// The end of the white space (`\s*`) at `p`.
    private static func spaceEnd(_ c: [Unicode.Scalar], from p: Int) -> Int {
        var q = p
        while q < c.count, isSpace(c[q]) { q += 1 }
        return q
    }

    /// ICU's `\s`: the White_Space property (vertical tab and U+0085 included).
    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value &- 9 < 5 || s.value == 0x20) : s.properties.isWhitespace
    }

    private static func matches(_ c: [Unicode.Scalar], _ word: [Unicode.Scalar], at p: Int) -> Bool {
        p + word.count <= c.count && c[p..<(p + word.count)].elementsEqual(word)
    }

    /// The look-behinds and the word boundary before a capital at `p`.
    private static func canStartRun(_ c: [Unicode.Scalar], at p: Int) -> Bool {
        // `(?<!^)` with `^` at line starts: not at the start, nor after a line terminator.
        guard p > 0, !isLineTerminator(c[p - 1]) else { return false }
        // `(?<![.!?]\s)`
        if p >= 2, isSpace(c[p - 1]), c[p - 2] == "." || c[p - 2] == "!" || c[p - 2] == "?" { return false }
        // `\b` before a word character: the previous character, combining marks and format characters
        // skipped as ICU skips them, is not a word character.
        var k = p - 1
        while k >= 0 {
            let s = c[k]
            // (No ASCII character extends a grapheme or is a format character: no property lookup for them.)
            if s.value >= 0x80 && (s.properties.isGraphemeExtend || s.properties.generalCategory == .format) {
                k -= 1
                continue
            }
            return !isWordCharacter(s)
        }
        return true
    }

    /// ICU's line terminators for `^`.
    private static func isLineTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// ICU's `\w`: alphabetic, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
    private static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            return s.value &- 48 < 10 || s.value &- 65 < 26 || s.value &- 97 < 26 || s == "_"
        }
        let p = s.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return p.isAlphabetic || s.value == 0x200C || s.value == 0x200D
        }
    }
}
