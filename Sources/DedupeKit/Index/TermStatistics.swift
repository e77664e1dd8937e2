import Foundation

/// Document frequencies of content terms across a feed, so that phrases common in the feed (datelines,
/// boilerplate, templated tables, everyday words) count for little and rare names and figures count
/// for much: a term's weight is its inverse document frequency, `ln(N / df)`.
public struct TermStatistics: Sendable {
    public private(set) var articleCount: Int
    private var documentFrequency: [UInt32: Int32]

    /// Counts each article's distinct terms once.
    public init(distinctTermsPerArticle: [[UInt32]]) {
        articleCount = distinctTermsPerArticle.count
        var df: [UInt32: Int32] = [:]
        df.reserveCapacity(distinctTermsPerArticle.count * 8)
        for terms in distinctTermsPerArticle {
            for t in terms { df[t, default: 0] += 1 }
        }
        documentFrequency = df
    }

    public func frequency(_ term: UInt32) -> Int {
        Int(documentFrequency[term] ?? 1)
    }

    /// `ln(N / df)`, at least a small positive floor so no term weighs nothing.
    public func weight(_ term: UInt32) -> Double {
        max(0.05, log(Double(max(articleCount, 1)) / Double(frequency(term))))
    }
}
