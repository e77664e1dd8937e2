/// The part of a fingerprint that only verification needs: the exact shingle set (copies) and the
/// content profile (rewrites). A scan writes it to a ``SpillStore`` as bytes and reads it back for the
/// articles of a candidate pair.
public struct VerificationData: Sendable, Equatable {
    public var shingles: ShingleSet
    public var profile: ContentProfile

    public init(shingles: ShingleSet, profile: ContentProfile) {
        self.shingles = shingles
        self.profile = profile
    }

    public init(_ f: Fingerprint) {
        self.init(shingles: f.shingles, profile: f.profile)
    }

    /// Native-endian bytes: five counts, then the arrays back to back. The bytes never leave the process
    /// that wrote them, so no byte order or version is recorded.
    public var encoded: [UInt8] {
        let spans = profile.sentenceSpans.flatMap { [$0.lowerBound, $0.upperBound] }
        var out: [UInt8] = []
        out.reserveCapacity(20 + shingles.values.count * 4 + profile.terms.count * 6 + spans.count * 4 + profile.figures.count * 4)
        func append<T: FixedWidthInteger>(_ values: [T]) {
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        append([UInt32(shingles.values.count), UInt32(profile.terms.count), UInt32(profile.sentenceOfTerm.count),
                UInt32(spans.count), UInt32(profile.figures.count)])
        append(shingles.values)
        append(profile.terms)
        append(profile.sentenceOfTerm)
        append(spans)
        append(profile.figures)
        return out
    }

    /// Reads what ``encoded`` wrote.
    public init(encoded bytes: [UInt8]) {
        var offset = 0
        func read<T: FixedWidthInteger>(_ count: Int, as: T.Type) -> [T] {
            let size = count * MemoryLayout<T>.size
            precondition(offset + size <= bytes.count, "truncated verification record")
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
                }
                initialized = count
            }
            offset += size
            return values
        }
        let counts = read(5, as: UInt32.self).map(Int.init)
        shingles = ShingleSet(sortedValues: read(counts[0], as: UInt32.self))
        profile = ContentProfile()
        profile.terms = read(counts[1], as: UInt32.self)
        profile.sentenceOfTerm = read(counts[2], as: UInt16.self)
        let spans = read(counts[3], as: Int32.self)
        profile.sentenceSpans = stride(from: 0, to: spans.count - 1, by: 2).map { spans[$0]..<spans[$0 + 1] }
        profile.figures = read(counts[4], as: UInt32.self)
    }

    /// A list of term ids as bytes (the distinct terms a scan stores apart, read back to count document
    /// frequencies and choose rare-term keys), and back.
    static func encodeTerms(_ terms: [UInt32]) -> [UInt8] {
        terms.withUnsafeBytes { Array($0) }
    }

    static func decodeTerms(_ bytes: [UInt8]) -> [UInt32] {
        let count = bytes.count / MemoryLayout<UInt32>.size
        return [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(count * 4)]))
            }
            initialized = count
        }
    }
}
