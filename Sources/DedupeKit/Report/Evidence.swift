import Foundation

/// What an editor needs to check a rewrite link by hand: the passages that restate each other (with their
/// text and code-point offsets in both articles), the names, figures and quotations both carry, the scores
/// that decided, and the rewriting tells of the member.
public struct RewriteEvidenceReport: Sendable, Codable, Equatable {
    public var sourceCoverage: Double
    public var memberAligned: Double
    public var orderPreserved: Double
    public var newFigureShare: Double
    public var alignedPassages: [AlignedPassage]
    public var sharedFigures: [String]
    public var sharedNames: [String]
    public var sharedQuotations: [String]

    /// A member sentence and the source sentence it restates.
    public struct AlignedPassage: Sendable, Codable, Equatable {
        public var source: Passage
        public var member: Passage
        public var similarity: Double
    }

    /// A sentence, with its offsets in code points from the start of the article's body text.
    public struct Passage: Sendable, Codable, Equatable {
        public var start: Int
        public var end: Int
        public var text: String
    }
}

/// Tells of machine rewriting, as the report lists them for a member or a suspected rewrite.
public struct TellsReport: Sendable, Codable, Equatable {
    public var flags: [String]
    public var mentionsOriginal: String?
    public var faqBlock: String?
    public var fillerPhrases: [String]?

    public init?(_ tells: RewriteTells) {
        guard !tells.isEmpty else { return nil }
        flags = tells.flags
        mentionsOriginal = tells.mentionsOriginal
        faqBlock = tells.faqBlock
        fillerPhrases = tells.fillerPhrases.count >= 2 ? tells.fillerPhrases : nil
    }
}

/// Builds rewrite evidence by reading the two articles' texts again (a scan keeps no texts).
public struct EvidenceBuilder: Sendable {
    public var reader: FeedReader
    /// At most this many aligned passages per member (the most similar first, then in member order).
    public var maxPassages = 12

    public init(reader: FeedReader = FeedReader()) {
        self.reader = reader
    }

    /// The article's body text, read again from its file.
    public func text(of article: ArticleSketch) -> String? {
        let path = article.metadata.location.path
        let id = article.metadata.id
        let relative = id.split(separator: "#", maxSplits: 1).first.map(String.init) ?? id
        let result = reader.read(FeedFile(path: path, relativeID: relative))
        if let match = result.articles.first(where: { $0.metadata.id == id }) { return match.text }
        // An id made unique with a suffix: fall back to the item's position.
        if let item = article.metadata.location.item {
            return result.articles.first(where: { $0.metadata.location.item == item })?.text
        }
        return result.articles.first?.text
    }

    /// What evidence needs of a source article, worked out once for all the members of its cluster: its
    /// text, sentences, figures, names and quotations (with their word trigrams).
    public struct PreparedSource: Sendable {
        var text: CodePoints
        var spans: [Range<Int32>]
        var figures: [String]
        var names: [String]
        var quotations: [(quote: String, trigrams: [UInt64])]
    }

    public func prepare(source: ArticleSketch) -> PreparedSource {
        let text = self.text(of: source) ?? ""
        let points = CodePoints(text)
        var tokenizer = Tokenizer()
        let tokens = tokenizer.tokenize(text)
        // Quotations of four words or more.
        let quotations = EvidencePatterns.quotations(in: points).compactMap { quote -> (String, [UInt64])? in
            let quoteTokens = tokenizer.tokenize(quote)
            return quoteTokens.count >= 4 ? (quote, Self.trigramHashes(quoteTokens)) : nil
        }
        return PreparedSource(text: points, spans: tokens.sentenceSpans, figures: Self.figureTokens(tokens),
                              names: Self.names(in: points), quotations: quotations)
    }

    public func evidence(source: ArticleSketch, member: ArticleSketch, measures: RewriteMeasures) -> RewriteEvidenceReport {
        evidence(source: prepare(source: source), member: member, measures: measures)
    }

    public func evidence(source: PreparedSource, member: ArticleSketch, measures: RewriteMeasures) -> RewriteEvidenceReport {
        let memberText = text(of: member) ?? ""
        let memberPoints = CodePoints(memberText)
        var tokenizer = Tokenizer()
        let memberTokens = tokenizer.tokenize(memberText)
        // The sentences the alignment numbered, found again the way the fingerprint found them.
        let memberSpans = memberTokens.sentenceSpans
        let best = measures.alignment.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.derivative < $1.derivative }
            .prefix(maxPassages).sorted { $0.derivative < $1.derivative }
        let passages = best.compactMap { a -> RewriteEvidenceReport.AlignedPassage? in
            guard a.source < source.spans.count, a.derivative < memberSpans.count else { return nil }
            return .init(source: passage(source.text, source.spans[a.source]),
                         member: passage(memberPoints, memberSpans[a.derivative]),
                         similarity: ScanReport.Scores.round(a.similarity))
        }
        let memberFigures = Set(Self.figureTokens(memberTokens))
        var figures: [String] = []
        for t in source.figures where memberFigures.contains(t) && !figures.contains(t) {
            figures.append(t)
        }
        return RewriteEvidenceReport(
            sourceCoverage: ScanReport.Scores.round(measures.sourceCoverage),
            memberAligned: ScanReport.Scores.round(measures.derivativeAligned),
            orderPreserved: ScanReport.Scores.round(measures.orderPreserved),
            newFigureShare: ScanReport.Scores.round(measures.newFigureShare),
            alignedPassages: passages, sharedFigures: figures,
            sharedNames: source.names.filter { Self.contains(memberPoints.utf8, $0) },
            sharedQuotations: Self.sharedQuotations(source.quotations, memberTokens: memberTokens))
    }

    /// The tokens that are figures (their first character is a number), in text order. Only those tokens
    /// become strings: making a string of every token was most of an evidence's cost.
    static func figureTokens(_ tokens: TokenizedText) -> [String] {
        var out: [String] = []
        for i in 0..<tokens.count {
            let first = tokens.bytes[Int(tokens.tokenStarts[i])]
            if first < 0x80 {
                if first &- 48 < 10 { out.append(tokens.token(i)) }
            } else {
                let token = tokens.token(i)
                if token.first?.isNumber == true { out.append(token) }
            }
        }
        return out
    }

    /// Whether `haystack` holds the UTF-8 bytes of `needle` (a literal search: Foundation's `contains` on
    /// `String` was a tenth of a report's time).
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            haystack.withUnsafeBufferPointer { h in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    private func passage(_ text: CodePoints, _ span: Range<Int32>) -> RewriteEvidenceReport.Passage {
        .init(start: Int(span.lowerBound), end: Int(span.upperBound), text: text.string(Int(span.lowerBound)..<Int(span.upperBound)))
    }

    /// Capitalised names: runs of capitalised words (with "of", "de", "&" inside), not counting a lone
    /// capitalised word that only starts a sentence.
    static func names(in text: CodePoints) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for name in EvidencePatterns.capitalisedRuns(in: text) {
            guard name.count >= 3, !commonCapitalised.contains(name), seen.insert(name).inserted else { continue }
            out.append(name)
        }
        return out
    }

    private static let commonCapitalised: Set<String> = [
        "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "In", "On", "At", "For", "But", "And",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "FAQ",
    ]

    /// The XXH3 hash of every run of three tokens (their normalised bytes, which are contiguous).
    static func trigramHashes(_ tokens: TokenizedText) -> [UInt64] {
        guard tokens.count >= 3 else { return [] }
        return tokens.bytes.withUnsafeBytes { bytes in
            (0...(tokens.count - 3)).map { k in
                XXH3.hash(UnsafeRawBufferPointer(rebasing: bytes[Int(tokens.tokenStarts[k])..<Int(tokens.tokenEnds[k + 2])]))
            }
        }
    }

    /// Quotations of the source (four words or more between quotation marks) that the member repeats:
    /// at least 70% of the quotation's word trigrams occur in the member.
    static func sharedQuotations(_ quotations: [(quote: String, trigrams: [UInt64])], memberTokens: TokenizedText) -> [String] {
        guard !quotations.isEmpty else { return [] }
        let memberTrigrams = Set(trigramHashes(memberTokens))
        guard !memberTrigrams.isEmpty else { return [] }
        return quotations.filter { q in
            Double(q.trigrams.filter(memberTrigrams.contains).count) >= 0.7 * Double(q.trigrams.count)
        }.map(\.quote)
    }
}
