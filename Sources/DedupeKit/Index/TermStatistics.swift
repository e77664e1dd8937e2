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
    /// ``SpillStore``), on `workers` threads, so the terms of every article are never in memory at once;
    /// only copy groups with several members are gathered.
    ///
    /// Each worker counts a contiguous range of articles into a table of its own, and the tables are
    /// merged: counts are sums, so the result is the same as counting on one thread, and the merge touches
    /// each worker's distinct terms once instead of every term occurrence.
    public init(articleCount: Int, copyGroup: [Int]?, workers: Int = 1, terms: @escaping @Sendable (Int) -> [UInt32]) {
        let groups = copyGroup ?? Array(0..<articleCount)
        precondition(groups.count == articleCount)
        var groupSize: [Int: Int] = [:]
        for g in groups { groupSize[g, default: 0] += 1 }
        let inGroup = groups.map { groupSize[$0]! > 1 }
        let parts = max(1, min(workers, articleCount / 1024))
        let counted = parallelMap(parts, workers: parts, chunk: 1, makeState: {}) { _, part -> (TermCountTable, [(group: Int, terms: [UInt32])]) in
            var df = TermCountTable(capacity: 1 << 16)
            var grouped: [(group: Int, terms: [UInt32])] = []
            for article in (articleCount * part / parts)..<(articleCount * (part + 1) / parts) {
                if inGroup[article] {
                    grouped.append((groups[article], terms(article)))
                } else {
                    for t in terms(article) { df.add(t) }
                }
            }
            return (df, grouped)
        }
        var df = counted[0].0
        for (table, _) in counted.dropFirst() { table.forEach { df.add($0, $1) } }
        // A copy group counts as one document: the union of its members' terms, each term once.
        var unions: [Int: [UInt32]] = [:]
        for (_, grouped) in counted {
            for (group, groupTerms) in grouped { unions[group, default: []].append(contentsOf: groupTerms) }
        }
        for (_, var union) in unions {
            union.sort()
            for t in union.uniquedSorted() { df.add(t) }
        }
        self.articleCount = groupSize.count
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
