import CXXHash

/// XXH3-64 from the system libxxhash: the one hash function of dedupe (shingles, band keys, content hashes).
public enum XXH3 {
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        seed == 0 ? XXH3_64bits(bytes.baseAddress, bytes.count) : XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, seed)
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    public static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// The hash of a fixed-width integer's bytes (band keys, densification probes).
    @inline(__always)
    public static func hash<T: FixedWidthInteger>(integer value: T, seed: UInt64) -> UInt64 {
        withUnsafeBytes(of: value.littleEndian) { hash($0, seed: seed) }
    }
}
