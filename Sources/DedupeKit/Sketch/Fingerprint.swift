/// What a scan keeps of an article once its text has been read: metadata, a hash of its normalised text,
/// its exact shingle set (for verification) and its MinHash signature (for LSH). The text itself is not
/// kept; it is read again from the article's location when a report needs it.
public struct Fingerprint: Sendable {
    public var metadata: ArticleMetadata
    /// Number of normalised tokens.
    public var tokenCount: Int
    /// XXH3-64 of the normalised token stream: equal hashes mean the same text after normalisation.
    public var contentHash: UInt64
    public var shingles: ShingleSet
    public var signature: [UInt32]
    /// Content words, figures and sentences, for rewrite detection.
    public var profile: ContentProfile
    /// Tells of machine rewriting found in the text.
    public var tells: RewriteTells

    public var id: String { metadata.id }

    public init(metadata: ArticleMetadata, tokenCount: Int, contentHash: UInt64, shingles: ShingleSet, signature: [UInt32],
                profile: ContentProfile, tells: RewriteTells) {
        self.metadata = metadata
        self.tokenCount = tokenCount
        self.contentHash = contentHash
        self.shingles = shingles
        self.signature = signature
        self.profile = profile
        self.tells = tells
    }
}

/// Turns articles into fingerprints. Owns a ``Tokenizer`` (and its cache), so each worker uses its own.
public struct Fingerprinter: Sendable {
    public var shingler: Shingler
    public var minHasher: MinHasher
    private var tokenizer = Tokenizer()

    public init(shingleSize: Int, permutations: Int) {
        shingler = Shingler(size: shingleSize)
        minHasher = MinHasher(permutations: permutations)
    }

    /// The fingerprint, or nil when the text has no word tokens (nothing to compare).
    public mutating func fingerprint(_ article: Article) -> Fingerprint? {
        let tokens = tokenizer.tokenize(article.text)
        return fingerprint(metadata: article.metadata, text: article.text, tokens: tokens)
    }

    public func fingerprint(metadata: ArticleMetadata, text: String, tokens: TokenizedText) -> Fingerprint? {
        let hashes = shingler.hashes(tokens)
        guard let signature = minHasher.signature(hashes) else { return nil }
        return Fingerprint(
            metadata: metadata, tokenCount: tokens.count, contentHash: XXH3.hash(tokens.bytes),
            shingles: ShingleSet(hashes: hashes), signature: signature, profile: ContentProfile(tokens),
            tells: RewriteTells.detect(text: text, tokens: tokens))
    }

    /// Tokenises with this fingerprinter's tokenizer (the same normalisation the fingerprint used).
    public mutating func tokenize(_ text: String) -> TokenizedText {
        tokenizer.tokenize(text)
    }
}
