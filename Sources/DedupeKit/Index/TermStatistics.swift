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
    /// ``SpillStore``), a block of articles at a time on `workers` threads, so the terms of every article
    /// are never in memory at once; only copy groups with several members are gathered.
    public init(articleCount: Int, copyGroup: [Int]?, workers: Int = 1, terms: @escaping @Sendable (Int) -> [UInt32]) {
        let groups = copyGroup ?? Array(0..<articleCount)
        precondition(groups.count == articleCount)
        var groupSize: [Int: Int] = [:]
        for g in groups { groupSize[g, default: 0] += 1 }
        var df = TermCountTable(capacity: 1 << 16)
        var unions: [Int: [UInt32]] = [:]
        let block = 8192
        var start = 0
        while start < articleCount {
            let end = min(start + block, articleCount)
            let first = start
            let fetched = parallelMap(end - start, workers: workers, chunk: 64, makeState: {}) { _, i in terms(first + i) }
            for (offset, articleTerms) in fetched.enumerated() {
                let group = groups[start + offset]
                if groupSize[group] == 1 {
                    for t in articleTerms { df.add(t) }
                } else {
                    unions[group, default: []].append(contentsOf: articleTerms)
                }
            }
            start = end
        }
        // A copy group counts as one document: the union of its members' terms, each term once.
        for (_, var union) in unions {
            union.sort()
            for t in union.uniquedSorted() { df.add(t) }
        }
        self.articleCount = groupSize.count
        documentFrequency = df
    }

    /// Statistics from known document frequencies (an index keeps them per term).
    public init(articleCount: Int, documentFrequency: [UInt32: Int32]) {
        self.articleCount = articleCount
        var table = TermCountTable(capacity: documentFrequency.count)
        for (term, df) in documentFrequency where df > 0 { table.add(term, df) }
        self.documentFrequency = table
    }

    /// Statistics from a table of document frequencies.
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
