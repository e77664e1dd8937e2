/// Finds candidate pairs by LSH banding: for each band, every article's band is hashed to a 64-bit key,
/// the (key, article) entries are sorted, and articles sharing a key are paired.
///
/// Sorting flat arrays instead of filling hash-table buckets keeps memory at 12 bytes per article and band
/// and needs no allocation per bucket. LSH only proposes: every pair is verified afterwards.
public struct BandIndex: Sendable {
    public var parameters: LSHParameters

    public init(parameters: LSHParameters) {
        self.parameters = parameters
    }

    /// The band keys of one signature (one per band).
    public func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        let rows = parameters.rows
        precondition(signature.count >= parameters.bands * rows, "signature shorter than bands × rows")
        return signature.withUnsafeBytes { raw in
            (0..<parameters.bands).map { band in
                let start = band * rows * 4
                return XXH3.hash(UnsafeRawBufferPointer(rebasing: raw[start..<(start + rows * 4)]), seed: UInt64(band + 1))
            }
        }
    }

    /// Candidate pairs among articles `0..<keys.count` (article `i`'s band keys are `keys[i]`, empty for an
    /// article without a signature), each pair once as `(low, high)` with `low < high`, sorted. Bands are
    /// independent, so they are sorted and paired on `workers` threads.
    public func candidatePairs(_ keys: [[UInt64]], workers: Int = 1) -> [ArticlePair] {
        let perBand = parallelMap(parameters.bands, workers: workers, chunk: 1, makeState: {}) { _, band -> [UInt64] in
            // This band's (key, article) entries, sorted so equal keys are adjacent, in article order.
            var entries: [(key: UInt64, article: Int32)] = []
            entries.reserveCapacity(keys.count)
            for (article, articleKeys) in keys.enumerated() where !articleKeys.isEmpty {
                entries.append((articleKeys[band], Int32(article)))
            }
            Self.sortByKey(&entries)
            var pairs: [UInt64] = []
            var start = 0
            while start < entries.count {
                var end = start + 1
                while end < entries.count, entries[end].key == entries[start].key { end += 1 }
                if end - start > 1 {
                    for i in start..<(end - 1) {
                        for j in (i + 1)..<end {
                            pairs.append(UInt64(UInt32(entries[i].article)) << 32 | UInt64(UInt32(entries[j].article)))
                        }
                    }
                }
                start = end
            }
            return pairs
        }
        var pairs = perBand.flatMap { $0 }
        pairs.radixSort()
        var result: [ArticlePair] = []
        result.reserveCapacity(pairs.count)
        var previous: UInt64?
        for p in pairs where p != previous {
            result.append(ArticlePair(Int(p >> 32), Int(p & 0xFFFF_FFFF)))
            previous = p
        }
        return result
    }
}

extension BandIndex {
    /// Sorts a band's entries by key, entries with equal keys in article order, given entries in article
    /// order (as a band's are made).
    ///
    /// A stable least-significant-digit radix sort on the keys' high 32 bits (four counting passes), then a
    /// comparison sort of each run that shares them (keys are hashes: such runs are equal keys, or rare).
    /// The comparison sort of 100,000 entries per band, for each of 32 bands, was most of the copy stage.
    static func sortByKey(_ entries: inout [(key: UInt64, article: Int32)]) {
        func byKeyThenArticle(_ a: (key: UInt64, article: Int32), _ b: (key: UInt64, article: Int32)) -> Bool {
            a.key != b.key ? a.key < b.key : a.article < b.article
        }
        let n = entries.count
        guard n > 256 else {
            entries.sort(by: byKeyThenArticle)
            return
        }
        var spare = entries
        entries.withUnsafeMutableBufferPointer { values in
            spare.withUnsafeMutableBufferPointer { other in
                radixSortPasses(values, spare: other, lowestShift: 32, digits: 4) { $0.key }
            }
        }
        var start = 0
        while start < n {
            var end = start + 1
            let high = entries[start].key >> 32
            while end < n, entries[end].key >> 32 == high { end += 1 }
            if end - start > 1 {
                entries[start..<end].sort(by: byKeyThenArticle)
            }
            start = end
        }
    }
}

/// Two articles by their index in a scan, `first < second`.
public struct ArticlePair: Sendable, Hashable, Comparable {
    public var first: Int
    public var second: Int

    public init(_ a: Int, _ b: Int) {
        first = min(a, b)
        second = max(a, b)
    }

    public static func < (l: ArticlePair, r: ArticlePair) -> Bool {
        (l.first, l.second) < (r.first, r.second)
    }
}
