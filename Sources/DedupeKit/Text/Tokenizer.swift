import Foundation

/// Splits text into normalised word tokens: Unicode compatibility normalisation (NFKC), case folding and
/// diacritics folded, tokens made of letters and digits. `Café’s 3,500 ﬁles` becomes `cafe s 3500 files`.
///
/// This is the hot path of a scan, so it works on UTF-8 bytes: ASCII (most news text) goes through a
/// byte-level fast path; every other code point is folded once through Foundation and the result cached in
/// the tokenizer, which is why a tokenizer is a mutable value owned by one worker.
///
/// Numbers keep a decimal point between digits (`2.5`) and drop thousands separators (`3,500` → `3500`),
/// so figures compare as figures. Sentence starts are recorded for alignment: a sentence ends at `.`, `!`
/// or `?` followed by space and a capital or digit (not after a one-letter initial or a common
/// abbreviation), and at every blank line.
public struct Tokenizer: Sendable {
    /// How a non-ASCII code point folds: the bytes it contributes to a token, or nil for a separator.
    private var foldCache: [UInt32: [UInt8]?] = [:]
    /// The buffers tokens are written into, kept from one call to the next.
    private var buffers = TokenizerBuffers()

    public init() {}

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "vs", "no", "gen", "gov",
        "sen", "rep", "prof", "rev", "lt", "col", "sgt", "capt", "cmdr", "adm", "messrs", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "est", "approx", "fig", "etc",
    ]

    /// Each byte that continues an ASCII word as the token byte it becomes (a lower-case letter or a
    /// digit); 0 for every other byte, including all non-ASCII bytes.
    private static let asciiWordBytes: [UInt8] = (0..<256).map { b in
        let byte = UInt8(b)
        if byte &- 48 < 10 { return byte }
        if (byte | 0x20) &- 97 < 26 { return byte | 0x20 }
        return 0
    }

    public mutating func tokenize(_ text: String) -> TokenizedText {
        var text = text
        return text.withUTF8 { tokenize(utf8: $0) }
    }

    public mutating func tokenize(utf8 input: UnsafeBufferPointer<UInt8>) -> TokenizedText {
        // The state lives in a value with mutating methods, not in locals captured by nested functions:
        // captured locals are checked for exclusive access at run time on every use, which cost the
        // tokenizer a third of its time.
        // A copied tokenizer shares its buffers until one of the copies tokenizes: that copy takes new ones.
        if !isKnownUniquelyReferenced(&buffers) { buffers = TokenizerBuffers() }
        var st = TokenizerState(reusing: buffers, capacity: input.count)
        defer { st.giveBack(to: buffers) }
        var scalarIndex: Int32 = 0          // code points consumed so far
        var i = 0
        let n = input.count
        // The global table read once per call: a global in the loop costs a lazy-initialisation check and a
        // retain on every use.
        let wordBytes = Self.asciiWordBytes
        defer { withExtendedLifetime(wordBytes) {} }
        while i < n {
            let b = input[i]
            if b < 0x80 {
                // ASCII fast path.
                let isDigit = b &- 48 < 10
                let lower = b | 0x20
                let isLetter = lower &- 97 < 26
                if isDigit || isLetter {
                    if st.pendingNumberSeparator != 0 {
                        if isDigit {
                            if st.pendingNumberSeparator == UInt8(ascii: ".") { st.bytes.append(st.pendingNumberSeparator) }
                            st.pendingNumberSeparator = 0
                        } else {
                            st.endToken(at: scalarIndex - 1)
                            st.sawTerminal = true  // the '.' was punctuation after all
                            st.sawSpace = false
                        }
                    }
                    if !st.inToken { st.beginToken(at: scalarIndex, capitalized: !isLetter || b < 97) }
                    st.bytes.append(isLetter ? lower : b)
                    i += 1
                    scalarIndex += 1
                    // The rest of an ASCII word, eight bytes at a time: no state to consult inside a word, and
                    // room for the longest possible run (the rest of the input, plus one word of slack for the
                    // eight-byte stores) made once, before it.
                    st.bytes.reserve(n - i + 8)
                    let runStart = i
                    var written = st.bytes.count
                    let out = st.bytes.base
                    var ended = false
                    while i + 8 <= n {
                        let (lowered, length) = Self.asciiWordPrefix(UnsafeRawPointer(input.baseAddress! + i))
                        UnsafeMutableRawPointer(out + written).storeBytes(of: lowered, as: UInt64.self)
                        written += length
                        i += length
                        if length < 8 { ended = true; break }
                    }
                    while !ended, i < n {
                        let mapped = wordBytes[Int(input[i])]
                        if mapped == 0 { break }
                        out[written] = mapped
                        written += 1
                        i += 1
                    }
                    st.bytes.count = written
                    scalarIndex += Int32(i - runStart)
                    continue
                } else {
                    if st.inToken {
                        let lastByte = st.bytes.count > 0 ? st.bytes.base[st.bytes.count - 1] : 0
                        if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && st.pendingNumberSeparator == 0
                            && lastByte &- 48 < 10 && i + 1 < n && input[i + 1] &- 48 < 10 {
                            st.pendingNumberSeparator = b
                            i += 1
                            scalarIndex += 1
                            continue
                        }
                        st.endToken(at: st.pendingNumberSeparator != 0 ? scalarIndex - 1 : scalarIndex)
                    }
                    switch b {
                    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): st.sawTerminal = true
                    case UInt8(ascii: "\n"): st.newlines += 1; st.sawSpace = true
                    case UInt8(ascii: " "), UInt8(ascii: "\t"): st.sawSpace = true
                    default: break
                    }
                }
                i += 1
                scalarIndex += 1
                continue
            }
            // A multi-byte code point.
            let (scalar, length) = Self.decodeScalar(input, at: i)
            let folded = fold(scalar)
            if let folded {
                if st.pendingNumberSeparator != 0 {
                    st.endToken(at: scalarIndex - 1)
                    st.sawTerminal = true
                }
                if !st.inToken { st.beginToken(at: scalarIndex, capitalized: scalar.properties.isUppercase) }
                for byte in folded { st.bytes.append(byte) }
            } else {
                if st.inToken { st.endToken(at: st.pendingNumberSeparator != 0 ? scalarIndex - 1 : scalarIndex) }
                let v = scalar.value
                if v == 0x2026 || v == 0x3002 || v == 0xFF01 || v == 0xFF1F { st.sawTerminal = true }
                if scalar.properties.isWhitespace {
                    st.sawSpace = true
                    if v == 0x2028 || v == 0x2029 { st.newlines += 2 }
                }
            }
            i += length
            scalarIndex += 1
        }
        if st.inToken { st.endToken(at: st.pendingNumberSeparator != 0 ? scalarIndex - 1 : scalarIndex) }
        if st.sentenceStarts.count > 0 { st.sentenceSourceEnds.append(st.lastTokenSourceEnd) }
        st.out.bytes = st.bytes.array()
        st.out.tokenStarts = st.tokenStarts.array()
        st.out.tokenEnds = st.tokenEnds.array()
        st.out.sentenceStarts = st.sentenceStarts.array()
        st.out.sentenceSpans = (0..<st.sentenceStarts.count).map { st.sentenceSourceStarts.base[$0]..<st.sentenceSourceEnds.base[$0] }
        return st.out
    }

    /// NFKC, case and diacritic folding of one code point, cached. Letters and digits that survive folding
    /// are the token bytes; anything else (punctuation, symbols, combining marks alone) separates tokens,
    /// except combining marks, which fold to nothing inside a token.
    private mutating func fold(_ scalar: Unicode.Scalar) -> [UInt8]? {
        if let cached = foldCache[scalar.value] { return cached }
        let folded = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var bytes: [UInt8] = []
        for s in folded.unicodeScalars where s.properties.isAlphabetic || s.properties.numericType != nil {
            for lower in s.properties.lowercaseMapping.unicodeScalars { bytes.append(contentsOf: UTF8.encode(lower)!) }
        }
        let result: [UInt8]?
        if !bytes.isEmpty {
            result = bytes
        } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            result = []  // a combining accent inside a word: folds away without splitting the word
        } else if scalar.value == 0x200D || scalar.value == 0x00AD {
            result = []  // zero-width joiner, soft hyphen
        } else {
            result = nil
        }
        foldCache[scalar.value] = result
        return result
    }

    /// How many of the eight bytes at `p` continue an ASCII word (letters and digits), and the eight bytes
    /// lower-cased (the bytes past the word are garbage the caller does not count).
    ///
    /// SWAR: a byte `y` below 0x80 is at least `lo` exactly when `y + (0x80 - lo)` has its high bit set, with no
    /// carry into the next byte; letters are tested on the bytes with bit 5 set (`A`-`Z` become `a`-`z`,
    /// digits are unchanged), digits on the bytes as they are, and non-ASCII bytes end the word. The word's
    /// end is then the lowest byte without its flag. One load and a dozen operations per eight bytes, instead
    /// of a table lookup and a branch per byte that the processor mispredicts at the end of every word.
    @inline(__always)
    static func asciiWordPrefix(_ p: UnsafeRawPointer) -> (lowered: UInt64, length: Int) {
        @inline(__always) func repeated(_ b: UInt64) -> UInt64 { b &* 0x0101_0101_0101_0101 }
        let x = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        let high = repeated(0x80), low7 = repeated(0x7F)
        let lowered = x | repeated(0x20)
        let y = lowered & low7, d = x & low7
        let letter = (y &+ repeated(0x80 - 0x61)) & ~(y &+ repeated(0x80 - 0x7B))
        let digit = (d &+ repeated(0x80 - 0x30)) & ~(d &+ repeated(0x80 - 0x3A))
        let word = (letter | digit) & ~x & high
        let ends = ~word & high
        return (lowered.littleEndian, ends == 0 ? 8 : ends.trailingZeroBitCount >> 3)
    }

    @inline(__always)
    private static func decodeScalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)) ?? "\u{FFFD}", 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            let v = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            let v = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", 1)
    }
}

/// The running state of one ``Tokenizer/tokenize(utf8:)`` call.
private struct TokenizerState {
    var out = TokenizedText()
    var inToken = false
    var lastTokenSourceEnd: Int32 = 0
    var sawTerminal = false             // . ! ? since the last token
    var sawSpace = false                // whitespace since the last token
    var newlines = 0                    // newlines since the last token (2 = a blank line)
    var pendingNumberSeparator: UInt8 = 0  // '.' or ',' seen right after a digit inside a token

    /// The token bytes and the per-token offsets, written straight into memory: appending to arrays one
    /// byte or offset at a time paid a capacity and a uniqueness check on every call. Folding can make text
    /// longer than its input, so the buffers grow.
    var bytes: GrowableBuffer<UInt8>
    var tokenStarts: GrowableBuffer<Int32>
    var tokenEnds: GrowableBuffer<Int32>
    /// The first token of each sentence, and where each sentence starts and ends in the source, in code
    /// points (recorded per sentence: the offsets of every token cost a tenth of the tokenizer's time, and
    /// only sentences are ever quoted).
    var sentenceStarts: GrowableBuffer<Int32>
    var sentenceSourceStarts: GrowableBuffer<Int32>
    var sentenceSourceEnds: GrowableBuffer<Int32>

    /// Starts a call with the kept buffers, emptied and made large enough for an input of `capacity` bytes.
    init(reusing buffers: TokenizerBuffers, capacity: Int) {
        bytes = buffers.bytes
        tokenStarts = buffers.tokenStarts
        tokenEnds = buffers.tokenEnds
        sentenceStarts = buffers.sentenceStarts
        sentenceSourceStarts = buffers.sentenceSourceStarts
        sentenceSourceEnds = buffers.sentenceSourceEnds
        bytes.count = 0
        tokenStarts.count = 0
        tokenEnds.count = 0
        sentenceStarts.count = 0
        sentenceSourceStarts.count = 0
        sentenceSourceEnds.count = 0
        bytes.reserve(capacity + 16)
        let estimate = capacity / 6
        tokenStarts.reserve(estimate)
        tokenEnds.reserve(estimate)
    }

    /// Hands the buffers (perhaps grown, so moved) back for the next call.
    func giveBack(to buffers: TokenizerBuffers) {
        buffers.bytes = bytes
        buffers.tokenStarts = tokenStarts
        buffers.tokenEnds = tokenEnds
        buffers.sentenceStarts = sentenceStarts
        buffers.sentenceSourceStarts = sentenceSourceStarts
        buffers.sentenceSourceEnds = sentenceSourceEnds
    }

    @inline(__always) mutating func beginToken(at source: Int32, capitalized: Bool) {
        if bytes.count > 0 { bytes.append(0x20) }
        let tokenIndex = Int32(tokenStarts.count)
        if tokenIndex == 0 {
            sentenceStarts.append(0)
            sentenceSourceStarts.append(source)
        } else if newlines >= 2 || (sawTerminal && sawSpace && capitalized && !previousIsAbbreviation()) {
            sentenceStarts.append(tokenIndex)
            sentenceSourceEnds.append(lastTokenSourceEnd)
            sentenceSourceStarts.append(source)
        }
        tokenStarts.append(Int32(bytes.count))
        inToken = true
        sawTerminal = false
        sawSpace = false
        newlines = 0
    }

    @inline(__always) mutating func endToken(at source: Int32) {
        tokenEnds.append(Int32(bytes.count))
        lastTokenSourceEnd = source
        inToken = false
        pendingNumberSeparator = 0
    }

    func previousIsAbbreviation() -> Bool {
        guard tokenStarts.count > 0, tokenEnds.count > 0 else { return false }
        let start = tokenStarts.base[tokenStarts.count - 1], end = tokenEnds.base[tokenEnds.count - 1]
        let length = Int(end - start)
        if length == 1 { return true }  // an initial: "J. Smith", "U.S."
        if length > 7 { return false }
        let word = String(decoding: UnsafeBufferPointer(start: bytes.base + Int(start), count: length), as: UTF8.self)
        return Tokenizer.abbreviations.contains(word)
    }
}

/// The output buffers of a ``Tokenizer``, kept between calls: a worker tokenizes thousands of articles,
/// and allocating and freeing five input-sized buffers for each was a measurable share of a scan.
///
/// A tokenizer is a value used by one thread at a time (its methods are mutating), and a copy takes
/// buffers of its own before it writes, so the buffers are never shared between threads.
final class TokenizerBuffers: @unchecked Sendable {
    var bytes = GrowableBuffer<UInt8>(capacity: 4096)
    var tokenStarts = GrowableBuffer<Int32>(capacity: 1024)
    var tokenEnds = GrowableBuffer<Int32>(capacity: 1024)
    var sentenceStarts = GrowableBuffer<Int32>(capacity: 128)
    var sentenceSourceStarts = GrowableBuffer<Int32>(capacity: 128)
    var sentenceSourceEnds = GrowableBuffer<Int32>(capacity: 128)

    deinit {
        bytes.deallocate()
        tokenStarts.deallocate()
        tokenEnds.deallocate()
        sentenceStarts.deallocate()
        sentenceSourceStarts.deallocate()
        sentenceSourceEnds.deallocate()
    }
}

/// A growable run of plain values in manually managed memory, for the tokenizer's output (an array's
/// `append` checks uniqueness and capacity on every call; this checks capacity only). The owner frees it.
struct GrowableBuffer<Element: BitwiseCopyable> {
    var base: UnsafeMutablePointer<Element>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func append(_ value: Element) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    /// Makes room for `extra` more values.
    @inline(__always) mutating func reserve(_ extra: Int) {
        while count + extra > capacity { grow() }
    }

    mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func deallocate() { base.deallocate() }
}
