/// An article body as dedupe compares it: normalised word tokens, and where its sentences start (in the
/// tokens and in the original text).
///
/// The tokens are stored back to back in one byte buffer, separated by single spaces, so a run of `k`
/// tokens (a shingle) is one contiguous byte range that can be hashed in one call.
public struct TokenizedText: Sendable, Equatable {
    /// Normalised tokens (UTF-8), separated by one space.
    public var bytes: [UInt8] = []
    /// Byte range of token `i` in ``bytes``: `tokenStarts[i]..<tokenEnds[i]`.
    public var tokenStarts: [Int32] = []
    public var tokenEnds: [Int32] = []
    /// Index of the first token of each sentence, ascending; the first is 0 when there are tokens.
    public var sentenceStarts: [Int32] = []
    /// Where sentence `s` stands in the original text, in Unicode scalars (code points) from its start: from
    /// the start of its first token to the end of its last. Code points, so offsets match Python's `str`
    /// indexing.
    public var sentenceSpans: [Range<Int32>] = []

    public init() {}

    public var count: Int { tokenStarts.count }
    public var isEmpty: Bool { tokenStarts.isEmpty }

    /// Token `i` as a string (for tests, evidence and debugging; the hot path works on bytes).
    public func token(_ i: Int) -> String {
        String(decoding: bytes[Int(tokenStarts[i])..<Int(tokenEnds[i])], as: UTF8.self)
    }

    public var tokens: [String] { (0..<count).map(token) }

    /// Token range of sentence `s`.
    public func sentenceTokenRange(_ s: Int) -> Range<Int> {
        let start = Int(sentenceStarts[s])
        let end = s + 1 < sentenceStarts.count ? Int(sentenceStarts[s + 1]) : count
        return start..<end
    }
}
