import Foundation

/// Document frequencies of content terms across a feed, so that phrases common in the feed (datelines,
/// boilerplate, templated tables, everyday words) count for little and rare names and figures count
/// for much: a term's weight is its inverse document frequency, `ln(N / df)`.
public struct TermStatistics: Sendable {
    public private(set) var articleCount: Int
    private var documentFrequency: [UInt32: Int32]

    /// Counts each article's distinct terms once; articles with the same `copyGroup` (copies of one
    /// another) count as one document, so a story syndicated ten times does not make its own names look
    /// common. Without groups, every article is its own document.
    public init(distinctTermsPerArticle: [[UInt32]], copyGroup: [Int]? = nil) {
        let groups = copyGroup ?? Array(distinctTermsPerArticle.indices)
        precondition(groups.count == distinctTermsPerArticle.count)
        var df: [UInt32: Int32] = [:]
        df.reserveCapacity(distinctTermsPerArticle.count * 8)
        var lastGroup: [UInt32: Int] = [:]
        let order = groups.indices.sorted { groups[$0] != groups[$1] ? groups[$0] < groups[$1] : $0 < $1 }
        var documents = 0
        var previousGroup = -1
        for article in order {
            let group = groups[article]
            if group != previousGroup { documents += 1; previousGroup = group }
            for t in distinctTermsPerArticle[article] {
                if copyGroup != nil {
                    if lastGroup[t] == group { continue }
                    lastGroup[t] = group
                }
                df[t, default: 0] += 1
            }
        }
        articleCount = documents
        documentFrequency = df
    }

    /// Statistics from known document frequencies (an index keeps them per term).
    public init(articleCount: Int, documentFrequency: [UInt32: Int32]) {
        self.articleCount = articleCount
        self.documentFrequency = documentFrequency
    }

    public func frequency(_ term: UInt32) -> Int {
        Int(documentFrequency[term] ?? 1)
    }

    /// `ln(N / df)`, at least a small positive floor so no term weighs nothing.
    public func weight(_ term: UInt32) -> Double {
        max(0.05, log(Double(max(articleCount, 1)) / Double(frequency(term))))
    }
}
