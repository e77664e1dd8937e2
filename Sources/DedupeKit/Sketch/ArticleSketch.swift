/// What a scan holds in memory for every article while it runs: who the article is and the few numbers
/// that decide duplicates and precedence. The heavy parts of a ``Fingerprint`` (shingle set, content
/// profile) wait in a ``SpillStore`` and are loaded only for the articles in a candidate pair, so a scan's
/// memory grows by a few hundred bytes per article, not by its text.
public struct ArticleSketch: Sendable, Equatable {
    public var metadata: ArticleMetadata
    /// Number of normalised tokens.
    public var tokenCount: Int
    /// XXH3-64 of the normalised token stream.
    public var contentHash: UInt64
    /// Number of distinct shingles (precedence prefers the article with more).
    public var shingleCount: Int
    /// Tells of machine rewriting found in the text.
    public var tells: RewriteTells

    public var id: String { metadata.id }

    public init(metadata: ArticleMetadata, tokenCount: Int, contentHash: UInt64, shingleCount: Int, tells: RewriteTells) {
        self.metadata = metadata
        self.tokenCount = tokenCount
        self.contentHash = contentHash
        self.shingleCount = shingleCount
        self.tells = tells
    }
}

extension Fingerprint {
    /// The fingerprint without its shingle set, signature and profile.
    public var sketch: ArticleSketch {
        ArticleSketch(metadata: metadata, tokenCount: tokenCount, contentHash: contentHash, shingleCount: shingles.count, tells: tells)
    }

    /// A fingerprint from its sketch and the verification data kept apart from it (no signature: it is
    /// only needed until the band keys are made).
    public init(_ sketch: ArticleSketch, _ data: VerificationData) {
        self.init(metadata: sketch.metadata, tokenCount: sketch.tokenCount, contentHash: sketch.contentHash,
                  shingles: data.shingles, signature: [], profile: data.profile, tells: sketch.tells)
    }
}
