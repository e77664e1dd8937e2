/// Word k-shingles of a tokenised text, each hashed with XXH3-64 over its normalised bytes
/// (tokens joined by single spaces, so `a b` and `ab` differ).
///
/// A text with fewer than `k` tokens has one shingle: all of its tokens.
public struct Shingler: Sendable, Equatable {
    public var size: Int

    public init(size: Int) {
        precondition(size >= 1, "shingle size must be at least 1")
        self.size = size
    }

    /// The 64-bit hash of every shingle, in text order (with repeats).
    public func hashes(_ text: TokenizedText) -> [UInt64] {
        let count = text.count
        guard count > 0 else { return [] }
        let k = min(size, count)
        var out = [UInt64]()
        out.reserveCapacity(count - k + 1)
        text.bytes.withUnsafeBytes { raw in
            text.tokenStarts.withUnsafeBufferPointer { starts in
                text.tokenEnds.withUnsafeBufferPointer { ends in
                    for i in 0...(count - k) {
                        let start = Int(starts[i]), end = Int(ends[i + k - 1])
                        out.append(XXH3.hash(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
                    }
                }
            }
        }
        return out
    }
}

/// An article's exact shingle set for verification: the sorted, distinct low 32 bits of its shingle hashes.
///
/// 32 bits halve the memory of a scan; two different shingles of two articles collide with probability
/// about 2^-32 each, which moves a Jaccard of a few hundred shingles by far less than its rounding.
public struct ShingleSet: Sendable, Equatable {
    public var values: [UInt32]

    public init(hashes: [UInt64]) {
        var values = hashes.map { UInt32(truncatingIfNeeded: $0) }
        values.radixSort()
        var write = 0
        for read in values.indices where read == 0 || values[read] != values[read - 1] {
            values[write] = values[read]
            write += 1
        }
        values.removeLast(values.count - write)
        self.values = values
    }

    /// A set from values that are already sorted and distinct (as stored in an index).
    public init(sortedValues: [UInt32]) {
        values = sortedValues
    }

    public var count: Int { values.count }

    /// Size of the intersection, by merging the two sorted arrays.
    public func intersectionCount(_ other: ShingleSet) -> Int {
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                var i = 0, j = 0, common = 0
                while i < a.count, j < b.count {
                    let x = a[i], y = b[j]
                    if x == y { common += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
                }
                return common
            }
        }
    }
}
