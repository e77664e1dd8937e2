/// What survives a paraphrase: an article's content words (stop words dropped, lightly stemmed), its
/// figures, and its sentences, for finding and verifying rewrites.
///
/// A rewrite changes the function words and the phrasing but keeps names, figures and most content words,
/// and keeps them in the source's order of points; this profile keeps exactly that, compactly: one 32-bit
/// term id per content word, with the sentence it stands in.
public struct ContentProfile: Sendable, Equatable {
    /// Term id of each content word, in text order.
    public var terms: [UInt32] = []
    /// Sentence index of each entry of ``terms``.
    public var sentenceOfTerm: [UInt16] = []
    /// Code-point span of each sentence in the original text (`start..<end`), for evidence.
    public var sentenceSpans: [Range<Int32>] = []
    /// Term ids of the figures (tokens that start with a digit), sorted and distinct.
    public var figures: [UInt32] = []

    public init() {}

    public var sentenceCount: Int { sentenceSpans.count }

    /// Distinct term ids, sorted.
    public var distinctTerms: [UInt32] {
        var t = terms
        t.radixSort()
        return t.uniquedSorted()
    }

    /// Builds the profile of a tokenised text.
    public init(_ text: TokenizedText) {
        let sentenceCount = text.sentenceStarts.count
        // Room made once (content words are up to all the tokens; figures rarely more than a few dozen):
        // growing these arrays a step at a time was most of a profile's allocations.
        terms.reserveCapacity(text.count)
        sentenceOfTerm.reserveCapacity(text.count)
        figures.reserveCapacity(64)
        var sentence = -1
        var nextStart = 0
        let stopWordSlots = ContentTerms.stopWordSlots  // read once, not once per token
        text.bytes.withUnsafeBufferPointer { bytes in stopWordSlots.withUnsafeBufferPointer { stopWords in
            for i in 0..<text.count {
                while nextStart < sentenceCount, Int(text.sentenceStarts[nextStart]) == i {
                    sentence += 1
                    nextStart += 1
                }
                let start = Int(text.tokenStarts[i]), end = Int(text.tokenEnds[i])
                // A stop word is at most 10 bytes: its key is two loads from the token buffer when 16 bytes
                // follow the token's start (most tokens), instead of a loop over its bytes.
                if end - start <= 10 {
                    let key = start + 16 <= bytes.count
                        ? ContentTerms.packed(loadingFrom: bytes.baseAddress! + start, count: end - start)
                        : ContentTerms.packed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if ContentTerms.isStopWord(key: key, in: stopWords) { continue }
                }
                let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let term = ContentTerms.termIDOfContentWord(token)
                terms.append(term)
                sentenceOfTerm.append(UInt16(clamping: max(sentence, 0)))
                if token[0] &- 48 < 10 { figures.append(term) }
            }
        } }
        sentenceSpans = text.sentenceSpans
        figures.sort()
        figures = figures.uniquedSorted()
    }
}

extension Array where Element: Equatable {
    /// The array without adjacent repeats (distinct values, for a sorted array).
    func uniquedSorted() -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        for x in self where out.last != x { out.append(x) }
        return out
    }
}

/// Stop words and the light stemmer that turn tokens into content terms.
public enum ContentTerms {
    /// English function words plus the reporting verbs every news story uses ("said", "told").
    static let stopWordList = """
        a about above after again against all also am an and any are as at be because been before being below between \
        both but by can could did do does doing down during each few for from further had has have having he her here \
        hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off \
        on once only or other our ours ourselves out over own same she should so some such than that the their theirs \
        them themselves then there these they this those through to too under until up very was we were what when where \
        which while who whom why will with would you your yours yourself said says say saying told according mr mrs ms \
        s t d ll re ve m o y may might must shall upon via per whether yet however
        """

    /// Stop words in an open-addressing table (512 slots, linear probing) keyed by their bytes packed into
    /// two words (stop words are at most 10 bytes), so checking a token is two loads, a multiply and a
    /// compare or two, with no hash-function call.
    static let stopWordSlots: [(UInt64, UInt64)] = {
        var slots = [(UInt64, UInt64)](repeating: (0, 0), count: 512)
        for word in stopWordList.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) {
            let bytes = Array(word.utf8)
            precondition(bytes.count <= 16, "stop words are packed into 16 bytes")
            let key = bytes.withUnsafeBufferPointer { packed($0) }
            var i = slot(key)
            while slots[i].0 != 0 && slots[i] != key { i = (i + 1) & 511 }
            slots[i] = key
        }
        return slots
    }()

    /// A token of at most 16 bytes as two little-endian words, zero-padded (tokens have no zero bytes).
    @inline(__always)
    static func packed(_ token: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var w0: UInt64 = 0, w1: UInt64 = 0
        for i in 0..<min(token.count, 8) { w0 |= UInt64(token[i]) << (8 * UInt64(i)) }
        if token.count > 8 { for i in 8..<token.count { w1 |= UInt64(token[i]) << (8 * UInt64(i - 8)) } }
        return (w0, w1)
    }

    /// The same key, read with two unaligned loads; the caller guarantees 16 readable bytes at `start`.
    @inline(__always)
    static func packed(loadingFrom start: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64) {
        #if _endian(little)
        let raw = UnsafeRawPointer(start)
        let w0 = raw.loadUnaligned(as: UInt64.self), w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if count >= 16 { return (w0, w1) }
        if count >= 8 { return (w0, count == 8 ? 0 : w1 & ((1 << (8 * UInt64(count - 8))) - 1)) }
        return (w0 & ((1 << (8 * UInt64(count))) - 1), 0)
        #else
        return packed(UnsafeBufferPointer(start: start, count: min(count, 16)))
        #endif
    }

    @inline(__always)
    static func slot(_ key: (UInt64, UInt64)) -> Int {
        Int(((key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F)) >> 55)
    }

    static func isStopWord(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        stopWordSlots.withUnsafeBufferPointer { isStopWord(token, in: $0) }
    }

    @inline(__always)
    static func isStopWord(_ token: UnsafeBufferPointer<UInt8>, in slots: UnsafeBufferPointer<(UInt64, UInt64)>) -> Bool {
        guard token.count <= 10 else { return false }
        return isStopWord(key: packed(token), in: slots)
    }

    /// Whether the packed key of a token of at most 10 bytes is a stop word's.
    @inline(__always)
    static func isStopWord(key: (UInt64, UInt64), in slots: UnsafeBufferPointer<(UInt64, UInt64)>) -> Bool {
        var i = slot(key)
        while true {
            let s = slots[i]
            if s == key { return true }
            if s.0 == 0 { return false }
            i = (i + 1) & 511
        }
    }

    /// The term id of a normalised token, or nil for a stop word: XXH3 of the stem, truncated to 32 bits.
    public static func termID(_ token: UnsafeBufferPointer<UInt8>) -> UInt32? {
        stopWordSlots.withUnsafeBufferPointer { termID(token, stopWords: $0) }
    }

    /// The same, with the stop-word table already at hand (a profile checks every token of an article).
    @inline(__always)
    static func termID(_ token: UnsafeBufferPointer<UInt8>, stopWords: UnsafeBufferPointer<(UInt64, UInt64)>) -> UInt32? {
        if isStopWord(token, in: stopWords) { return nil }
        return termIDOfContentWord(token)
    }

    /// The term id of a token known not to be a stop word.
    @inline(__always)
    static func termIDOfContentWord(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (length, endsInY) = stem(token)
        let seed: UInt64 = 0x5445_524D
        guard endsInY else {
            return UInt32(truncatingIfNeeded: XXH3.hash(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(token)[0..<length]), seed: seed))
        }
        var stemmed = Array(token[0..<length])
        stemmed.append(UInt8(ascii: "y"))
        return UInt32(truncatingIfNeeded: XXH3.hash(stemmed, seed: seed))
    }

    /// The term id of a token given as a string (tests, evidence).
    public static func termID(_ token: String) -> UInt32? {
        Array(token.utf8).withUnsafeBufferPointer { termID($0) }
    }

    /// A light stemmer, enough to match word forms across a paraphrase ("prices"/"price", "companies"/
    /// "company", "rising"/"rises"/"rise", "rejected"/"reject", "acquisitions"/"acquisition"): plurals after
    /// Harman's S-stemmer ("ies" → "y", "es" after s/x/z/ch/sh, a final "s" but not "ss"/"us"/"is"), then one
    /// of "ation", "ing", "ed", "ly", then a final "e". Numbers and words of three letters or fewer are kept.
    /// Returns the stem's length in the token and whether a "y" follows it.
    /// Whether `t[..<end]` ends with `suffix`; inlined so each constant suffix becomes a few byte compares.
    @inline(__always)
    static func endsWith(_ t: UnsafeBufferPointer<UInt8>, _ suffix: StaticString, at end: Int) -> Bool {
        let k = suffix.utf8CodeUnitCount
        guard end >= k else { return false }
        let p = suffix.utf8Start
        var i = 0
        while i < k {
            if t[end - k + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    static func stem(_ t: UnsafeBufferPointer<UInt8>) -> (length: Int, endsInY: Bool) {
        var n = t.count
        guard n > 3, t[0] &- 48 >= 10 else { return (n, false) }
        @inline(__always) func ends(_ suffix: StaticString, at end: Int) -> Bool {
            Self.endsWith(t, suffix, at: end)
        }
        let a = UInt8(ascii: "a"), e = UInt8(ascii: "e")
        // Plurals.
        if ends("ies", at: n), n > 4, t[n - 4] != e, t[n - 4] != a {
            return (n - 3, true)
        } else if ends("es", at: n), n > 4,
                  ends("s", at: n - 2) || ends("x", at: n - 2) || ends("z", at: n - 2) || ends("ch", at: n - 2) || ends("sh", at: n - 2) {
            n -= 2
        } else if ends("s", at: n), !ends("ss", at: n), !ends("us", at: n), !ends("is", at: n) {
            n -= 1
        }
        // One derivational or inflectional ending, leaving at least three letters.
        // (Checked one by one, not by looping over an array literal: that allocated an array per token.)
        if n - 5 >= 3, ends("ation", at: n) {
            n -= 5
        } else if n - 3 >= 3, ends("ing", at: n) {
            n -= 3
        } else if n - 2 >= 3, ends("ed", at: n) {
            n -= 2
        } else if n - 2 >= 3, ends("ly", at: n) {
            n -= 2
        }
        if n > 3, t[n - 1] == e { n -= 1 }
        return (n, false)
    }
}
