import Foundation

/// A deterministic generator of news-like articles for the benchmarks: Zipf-distributed words (real
/// function words at the top, invented words in the tail), capitalised names, figures (`3,500`, `2.5
/// percent`, `$252 million`), curly quotations, paragraphs; plus edited copies and sentence-level rewrites
/// of an article, as in `../shared/bench/gen_corpus.py` (same shape, not the same text).
struct Corpus {
    private var rng: SplitMix64
    private let vocabulary: [String]
    private let cumulative: [Double]
    private let names: [String]

    init(seed: UInt64 = 1, vocabularySize: Int = 20_000) {
        rng = SplitMix64(seed: seed)
        var words = Corpus.functionWords
        var seen = Set(words)
        var g = SplitMix64(seed: seed ^ 0xABCD)
        while words.count < vocabularySize {
            let w = Corpus.inventWord(&g)
            if seen.insert(w).inserted { words.append(w) }
        }
        vocabulary = words
        var total = 0.0
        cumulative = (1...words.count).map { rank in
            total += 1 / pow(Double(rank), 1.05)
            return total
        }
        names = (0..<2_000).map { _ in
            Corpus.inventWord(&g).capitalized + " " + Corpus.inventWord(&g).capitalized
        }
    }

    static let functionWords = """
        the of and to a in that is for on was with he it as said at by from his be has have an are they not but \
        had this which were will who its their been after more would also one new about we up or two year there \
        than other when out into people her she all last first over can could government city years some him \
        state time no so police what if three only told before most percent since just million being officials \
        president because such where while under both may them these during company public many report week \
        against between through our any news local national country former made four minister including county
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    private static let onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                                 "br", "ch", "cl", "cr", "dr", "fl", "gr", "pl", "sh", "sl", "st", "th", "tr"]
    private static let nuclei = ["a", "e", "i", "o", "u", "y", "ai", "ea", "ee", "ie", "oo", "ou"]
    private static let codas = ["", "", "n", "r", "l", "x", "nt", "rt", "ck", "m", "s", "nd"]

    private static func inventWord(_ g: inout SplitMix64) -> String {
        var w = ""
        for _ in 0..<(1 + Int(g.next() % 3)) {
            w += onsets[Int(g.next() % UInt64(onsets.count))] + nuclei[Int(g.next() % UInt64(nuclei.count))]
        }
        return w + codas[Int(g.next() % UInt64(codas.count))]
    }

    mutating func uniform(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }

    mutating func word() -> String {
        let x = Double(rng.next() >> 11) / Double(1 << 53) * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return vocabulary[lo]
    }

    mutating func figure() -> String {
        switch uniform(5) {
        case 0: return "\(uniform(900) + 10)"
        case 1: return "\(uniform(90) + 1),\(String(format: "%03d", uniform(1000)))"
        case 2: return "\(uniform(90)).\(uniform(10)) percent"
        case 3: return "$\(uniform(900) + 10) million"
        default: return "\(1990 + uniform(35))"
        }
    }

    /// One sentence; `cast` is the story's people, so names repeat within an article.
    mutating func sentence(cast: [String]) -> String {
        var words: [String] = []
        for _ in 0..<(8 + uniform(18)) {
            if chance(0.04) { words.append(figure()) } else if chance(0.03) { words.append(cast[uniform(cast.count)]) } else { words.append(word()) }
        }
        if chance(0.15) { words.insert(",", at: 2 + uniform(words.count - 3)) }
        var s = words.joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
        s = s.prefix(1).uppercased() + s.dropFirst()
        if chance(0.12) { return "“\(s),” said \(cast[uniform(cast.count)])." }
        return s + "."
    }

    /// An article body of about `words` words (about 6 bytes a word), in paragraphs.
    mutating func body(words target: Int = 800) -> String {
        let cast = (0..<3).map { _ in names[uniform(names.count)] }
        var paragraphs = ["Staff report, The \(word().capitalized) Observer"]
        var count = 0
        while count < target {
            var p: [String] = []
            for _ in 0..<(2 + uniform(3)) {
                let s = sentence(cast: cast)
                count += s.split(separator: " ").count
                p.append(s)
            }
            paragraphs.append(p.joined(separator: " "))
        }
        paragraphs.append("© \(2000 + uniform(25)) The \(word().capitalized) Observer. All rights reserved.")
        return paragraphs.joined(separator: "\n\n")
    }

    mutating func title() -> String {
        (0..<(4 + uniform(6))).map { _ in word().capitalized }.joined(separator: " ")
    }

    /// A syndicated copy: runs of words substituted, inserted or deleted (about `editShare` of the words).
    mutating func editedCopy(of text: String, editShare: Double = 0.05) -> String {
        var paragraphs = text.components(separatedBy: "\n\n").map { $0.split(separator: " ").map(String.init) }
        paragraphs[0] = ["By", names[uniform(names.count)] + ",", "Wire", "Service"]
        for p in paragraphs.indices {
            var out: [String] = []
            var i = 0
            while i < paragraphs[p].count {
                if chance(editShare / 2) {
                    switch uniform(3) {
                    case 0: out.append(word()); i += 1
                    case 1: out.append(word()); out.append(paragraphs[p][i]); i += 1
                    default: i += 1
                    }
                } else {
                    out.append(paragraphs[p][i]); i += 1
                }
            }
            paragraphs[p] = out
        }
        return paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
    }

    /// A rewrite: some sentences dropped, neighbours swapped, `replaceShare` of the lower-case words
    /// replaced (names and figures kept), and a FAQ appended.
    mutating func rewrite(of text: String, replaceShare: Double = 0.4) -> String {
        var sentences = text.components(separatedBy: "\n\n").dropFirst().flatMap { $0.components(separatedBy: ". ") }
        sentences = sentences.filter { _ in !chance(0.2) }
        var i = 0
        while i + 1 < sentences.count {
            if chance(0.2) { sentences.swapAt(i, i + 1) }
            i += 2
        }
        let reworded = sentences.map { s in
            s.split(separator: " ").map { w -> String in
                let first = w.unicodeScalars.first!
                guard CharacterSet.lowercaseLetters.contains(first), chance(replaceShare) else { return String(w) }
                return word()
            }.joined(separator: " ")
        }
        var paragraphs: [String] = []
        var k = 0
        while k < reworded.count {
            let n = min(3, reworded.count - k)
            paragraphs.append(reworded[k..<(k + n)].joined(separator: ". "))
            k += n
        }
        paragraphs.append("FAQ:\nQ: What happened? A: \(sentence(cast: ["Officials"]))\nQ: What is next? A: \(sentence(cast: ["Officials"]))")
        return paragraphs.joined(separator: "\n\n")
    }

    /// An article file as gen_corpus writes it: `date`, `title:`, blank line, body.
    mutating func file(date: String, body: String) -> String {
        "date \(date)\ntitle: \(title())\n\n\(body)\n"
    }
}

/// SplitMix64: a small, fast, deterministic generator (Steele, Lea and Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
