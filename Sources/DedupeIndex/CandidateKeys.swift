import DedupeKit

/// The band keys and rare key terms of the indexed articles, held in memory for one run, and the candidate
/// search of the articles the run verifies.
///
/// An index used to keep these as SQLite postings tables keyed by band key and by term. Every new article
/// then inserted 32 band keys and a dozen terms at random places in B-trees of millions of rows, and
/// every lookup read pages at random: most of a nightly run's time went to that page traffic. Now each
/// verified article keeps one `articleKeys` row (its keys as two blobs, written once, in id order); a run
/// reads them all in one sequential pass (about 0.3 KB per article) and matches the new articles against
/// them here, in memory, with small hash tables built from the new articles' keys only.
///
/// The candidates are exactly those the postings tables gave: for copies, every earlier article sharing
/// a band key in the same band; for rewrites, the earlier articles sharing at least
/// ``RareTermIndex/minimumShared`` key terms, the ``RareTermIndex/maximumPartners`` sharing most (ties
/// to the lower id).
struct CandidateKeys {
    let bandsPerArticle: Int
    /// Row ids of the articles, ascending.
    private(set) var ids: [Int64] = []
    /// `bandsPerArticle` band keys per article, back to back.
    private(set) var bands: [UInt64] = []
    /// Article `i`'s key terms are `keyTerms[keyTermStarts[i]..<keyTermStarts[i + 1]]`.
    private(set) var keyTermStarts: [Int] = [0]
    private(set) var keyTerms: [UInt32] = []

    init(bandsPerArticle: Int) {
        self.bandsPerArticle = bandsPerArticle
    }

    var count: Int { ids.count }

    /// Adds an article; ids must ascend (verification goes in id order).
    mutating func append(id: Int64, bands articleBands: [UInt64], keyTerms terms: [UInt32]) {
        precondition(ids.last.map { $0 < id } ?? true, "articles are added in id order")
        precondition(articleBands.count == bandsPerArticle, "one key per band")
        ids.append(id)
        bands += articleBands
        keyTerms += terms
        keyTermStarts.append(keyTerms.count)
    }

    /// Adds an article from its stored blobs (``BlobCoding``), decoded straight into the key arrays; false
    /// (and nothing added) when the band blob does not hold one key per band.
    mutating func append(id: Int64, bandBlob: UnsafeRawBufferPointer, keyTermBlob: UnsafeRawBufferPointer) -> Bool {
        precondition(ids.last.map { $0 < id } ?? true, "articles are added in id order")
        guard bandBlob.count == bandsPerArticle * MemoryLayout<UInt64>.size else { return false }
        ids.append(id)
        BlobCoding.append(bandBlob, to: &bands)
        BlobCoding.append(keyTermBlob, to: &keyTerms)
        keyTermStarts.append(keyTerms.count)
        return true
    }

    /// Makes room for about `articles` articles (key terms estimated at 16 each).
    mutating func reserve(articles: Int) {
        ids.reserveCapacity(articles)
        bands.reserveCapacity(articles * bandsPerArticle)
        keyTermStarts.reserveCapacity(articles + 1)
        keyTerms.reserveCapacity(articles * 16)
    }

    /// One article to find candidates for: its id (above every id added so far) and its keys.
    struct Query {
        var id: Int64
        var bands: [UInt64]
        var keyTerms: [UInt32]
    }

    /// For each query, the ids of the earlier articles (added ones, and earlier queries) that are copy
    /// candidates and rewrite candidates, each list sorted.
    func candidates(of queries: [Query], rareTerms: RareTermIndex) -> [(copies: [Int64], rewrites: [Int64])] {
        precondition(zip(queries, queries.dropFirst()).allSatisfy { $0.id < $1.id }, "queries in id order")
        precondition(queries.first.map { q in ids.last.map { $0 < q.id } ?? true } ?? true, "queries after every added article")
        var bandTable = MultiMap(capacity: queries.count * bandsPerArticle)
        var termTable = MultiMap(capacity: queries.reduce(0) { $0 + $1.keyTerms.count })
        for (q, query) in queries.enumerated() {
            for (band, key) in query.bands.enumerated() { bandTable.insert(key, tag: UInt32(band), value: Int32(q)) }
            for term in query.keyTerms { termTable.insert(UInt64(term), tag: 0, value: Int32(q)) }
        }
        var copies = [[Int64]](repeating: [], count: queries.count)
        // One entry per key term a query shares with an earlier article: counted by sorting, not hashing.
        var sharedTerms = [[Int64]](repeating: [], count: queries.count)
        // `other` (an added article or query `before`) against the queries after it.
        func match(_ otherID: Int64, bands otherBands: ArraySlice<UInt64>, terms: ArraySlice<UInt32>, before: Int) {
            for (band, key) in otherBands.enumerated() {
                bandTable.forEach(key, tag: UInt32(band)) { q in if q > before { copies[q].append(otherID) } }
            }
            for term in terms {
                termTable.forEach(UInt64(term), tag: 0) { q in if q > before { sharedTerms[q].append(otherID) } }
            }
        }
        for i in 0..<ids.count {
            match(ids[i], bands: bands[(i * bandsPerArticle)..<((i + 1) * bandsPerArticle)],
                  terms: keyTerms[keyTermStarts[i]..<keyTermStarts[i + 1]], before: -1)
        }
        for (q, query) in queries.enumerated() {
            match(query.id, bands: query.bands[...], terms: query.keyTerms[...], before: q)
        }
        return (0..<queries.count).map { q in
            var partners: [(id: Int64, shared: Int)] = []
            var hits = sharedTerms[q]
            hits.sort()
            var start = 0
            while start < hits.count {
                var end = start + 1
                while end < hits.count, hits[end] == hits[start] { end += 1 }
                if end - start >= rareTerms.minimumShared { partners.append((hits[start], end - start)) }
                start = end
            }
            partners.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.id < $1.id }
            let rewrites = partners.prefix(rareTerms.maximumPartners).map(\.id).sorted()
            return (Array(Set(copies[q])).sorted(), rewrites)
        }
    }
}

/// A hash multimap from (64-bit key, tag) to small integers: open addressing with linear probing, every
/// insertion kept (equal keys sit in one probe run). Built from one run's new articles only, so it is
/// small and lookups stay in cache.
///
/// Almost every lookup misses (a run matches millions of stored keys against a few thousand new ones), so a
/// bit array of at least 32 bits per entry answers most of them first: a miss then costs one bit test in a
/// few hundred KB instead of a probe into a table of megabytes. It halved the candidate search.
private struct MultiMap {
    private var keys: [UInt64]
    private var tags: [UInt32]
    private var values: [Int32]  // -1: empty
    private let mask: Int
    private let shift: UInt64
    /// One bit per value of the mixed key's top `64 - filterShift` bits: set when an entry has it.
    private var filter: [UInt64]
    private let filterShift: UInt64

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        tags = [UInt32](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        let filterBits = size * 16
        filter = [UInt64](repeating: 0, count: filterBits / 64)
        filterShift = UInt64(64 - filterBits.trailingZeroBitCount)
    }

    @inline(__always)
    private static func mix(_ key: UInt64, _ tag: UInt32) -> UInt64 {
        (key ^ (UInt64(tag) &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
    }

    mutating func insert(_ key: UInt64, tag: UInt32, value: Int32) {
        let mixed = Self.mix(key, tag)
        let bit = Int(mixed >> filterShift)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
        var i = Int(mixed >> shift)
        while values[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        tags[i] = tag
        values[i] = value
    }

    @inline(__always)
    func forEach(_ key: UInt64, tag: UInt32, _ body: (Int) -> Void) {
        let mixed = Self.mix(key, tag)
        let bit = Int(mixed >> filterShift)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return }
        var i = Int(mixed >> shift)
        while values[i] >= 0 {
            if keys[i] == key, tags[i] == tag { body(Int(values[i])) }
            i = (i + 1) & mask
        }
    }
}
