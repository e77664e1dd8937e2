import Foundation

/// Document frequencies of content terms across a feed, so that phrases common in the feed (datelines,
/// boilerplate, templated tables, everyday words) count for little and rare names and figures count
/// for much: a term's weight is its inverse document frequency, `ln(N / df)`.
public struct TermStatistics: Sendable {
    public private(set) var articleCount: Int
    private var documentFrequency: TermCountTable

    /// Counts each article's distinct terms once; articles with the same `copyGroup` (copies of one
    /// another) count as one document, so a story syndicated ten times does not make its own names look
    /// common. Without groups, every article is its own document.
    public init(distinctTermsPerArticle: [[UInt32]], copyGroup: [Int]? = nil) {
        self.init(articleCount: distinctTermsPerArticle.count, copyGroup: copyGroup) { distinctTermsPerArticle[$0] }
    }

    /// The same, with each article's distinct terms fetched when needed (a scan reads them back from its
    /// ``SpillStore``), on `workers` threads, so the terms of every article are never in memory at once.
    ///
    /// Each worker counts a contiguous range of articles into a table of its own, and the tables are
    /// merged: counts are sums, so the result is the same as counting on one thread, and the merge touches
    /// each worker's distinct terms once instead of every term occurrence.
    public init(articleCount: Int, copyGroup: [Int]?, workers: Int = 1, terms: @escaping @Sendable (Int) -> [UInt32]) {
        let parts = max(1, min(workers, articleCount / 1024))
        let tables = parallelMap(parts, workers: parts, chunk: 1, makeState: {}) { _, part -> TermCountTable in
            var df = TermCountTable(capacity: 1 << 16)
            for article in (articleCount * part / parts)..<(articleCount * (part + 1) / parts) {
                for t in terms(article) { df.add(t) }
            }
            return df
        }
        self.init(counted: TermCountTable(merging: tables), articleCount: articleCount, copyGroup: copyGroup, workers: workers,
                  terms: terms)
    }

    /// Statistics from the distinct terms of every article already counted, each article as a document of
    /// its own (`everyArticle`: a scan counts them while it fingerprints, when they are in memory anyway),
    /// corrected so that each copy group counts once: the terms of the members of groups of several are read
    /// back with `terms`, and a term that `m` members share is taken off `m - 1` times (the group's union
    /// keeps it once). The same counts as counting the groups' unions in the first place.
    public init(counted everyArticle: TermCountTable, articleCount: Int, copyGroup: [Int]?, workers: Int = 1,
                terms: @escaping @Sendable (Int) -> [UInt32]) {
        var df = everyArticle
        var documents = articleCount
        if let copyGroup {
            precondition(copyGroup.count == articleCount)
            var groupSize: [Int: Int] = [:]
            for group in copyGroup { groupSize[group, default: 0] += 1 }
            var members: [Int: [Int]] = [:]
            for (article, group) in copyGroup.enumerated() where groupSize[group]! > 1 { members[group, default: []].append(article) }
            let groups = members.values.sorted { $0[0] < $1[0] }
            documents = groupSize.count
            // A block of groups at a time: their members' terms are in memory together.
            var start = 0
            while start < groups.count {
                let block = Array(groups[start..<min(start + 1024, groups.count)])
                start += block.count
                let repeats = parallelMap(block.count, workers: workers, chunk: 8, makeState: {}) { _, g -> [(UInt32, Int32)] in
                    var all: [UInt32] = []
                    for article in block[g] { all += terms(article) }
                    all.radixSort()
                    var out: [(UInt32, Int32)] = []
                    var i = 0
                    while i < all.count {
                        var j = i + 1
                        while j < all.count, all[j] == all[i] { j += 1 }
                        if j - i > 1 { out.append((all[i], Int32(j - i - 1))) }
                        i = j
                    }
                    return out
                }
                for group in repeats { for (t, extra) in group { df.subtract(t, extra) } }
            }
        }
        self.articleCount = documents
        documentFrequency = df
    }

    /// Statistics from known document frequencies, given as a dictionary (tests, small callers).
    public init(articleCount: Int, documentFrequency: [UInt32: Int32]) {
        var table = TermCountTable(capacity: documentFrequency.count)
        for (term, df) in documentFrequency where df > 0 { table.add(term, df) }
        self.init(articleCount: articleCount, documentFrequency: table)
    }

    /// Statistics from a table of document frequencies (an index loads its stored frequencies into one).
    public init(articleCount: Int, documentFrequency: TermCountTable) {
        self.articleCount = articleCount
        self.documentFrequency = documentFrequency
    }

    public func frequency(_ term: UInt32) -> Int {
        Int(max(documentFrequency.count(of: term), 1))
    }

    /// `ln(N / df)`, at least a small positive floor so no term weighs nothing.
    public func weight(_ term: UInt32) -> Double {
        max(0.05, log(Double(max(articleCount, 1)) / Double(frequency(term))))
    }
}
