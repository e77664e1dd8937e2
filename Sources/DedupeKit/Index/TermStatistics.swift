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
        let groups = copyGroup ?? Array(distinctTermsPerArticle.indices)
        precondition(groups.count == distinctTermsPerArticle.count)
        var df = TermCountTable(capacity: 1 << 16)
        let order = groups.indices.sorted { groups[$0] != groups[$1] ? groups[$0] < groups[$1] : $0 < $1 }
        var documents = 0
        var runStart = 0
        while runStart < order.count {
            var runEnd = runStart + 1
            while runEnd < order.count, groups[order[runEnd]] == groups[order[runStart]] { runEnd += 1 }
            documents += 1
            if runEnd - runStart == 1 {
                for t in distinctTermsPerArticle[order[runStart]] { df.add(t) }
            } else {
                // A copy group: the union of its members' terms, each counted once.
                var union = order[runStart..<runEnd].flatMap { distinctTermsPerArticle[$0] }
                union.sort()
                for t in union.uniquedSorted() { df.add(t) }
            }
            runStart = runEnd
        }
        articleCount = documents
        documentFrequency = df
    }

    /// Statistics from known document frequencies (an index keeps them per term).
    public init(articleCount: Int, documentFrequency: [UInt32: Int32]) {
        self.articleCount = articleCount
        var table = TermCountTable(capacity: documentFrequency.count)
        for (term, df) in documentFrequency where df > 0 { table.add(term, df) }
        self.documentFrequency = table
    }

    public func frequency(_ term: UInt32) -> Int {
        Int(max(documentFrequency.count(of: term), 1))
    }

    /// `ln(N / df)`, at least a small positive floor so no term weighs nothing.
    public func weight(_ term: UInt32) -> Double {
        max(0.05, log(Double(max(articleCount, 1)) / Double(frequency(term))))
    }
}
