/// The JSON cluster report: what `dedupe scan` writes and editors read. README and
/// `Schema/report.schema.json` describe every field; ``schemaVersion`` changes when a field changes meaning
/// or disappears (new fields may be added without a change).
public struct ScanReport: Sendable, Codable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: Tool
    public var parameters: Parameters
    public var summary: Summary
    public var clusters: [Cluster]
    /// Inputs that were malformed or could not be read (the exit code is then 1).
    public var errors: [FeedProblem]
    /// Inputs read with a caveat.
    public var warnings: [FeedProblem]
    /// Files in the feed that no format reads.
    public var unsupported: [FeedProblem]
    /// Articles that show tells of machine rewriting but were not linked to a source in this feed
    /// (their source may be elsewhere).
    public var suspectedRewrites: [SuspectedRewrite]

    /// An article with rewriting tells and no source found.
    public struct SuspectedRewrite: Sendable, Codable, Equatable {
        public var article: ArticleInfo
        public var tells: TellsReport
    }

    public struct Tool: Sendable, Codable, Equatable {
        public var name: String
        public var version: String
    }

    public struct Parameters: Sendable, Codable, Equatable {
        public var threshold: Double
        public var shingleSize: Int
        public var permutations: Int
        public var minhash: String
        public var bands: Int
        public var rows: Int
        /// Probability that a pair becomes an LSH candidate at a given Jaccard similarity ("0.3", "0.5", ...).
        public var sCurve: [String: Double]
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var files: Int
        public var articles: Int
        public var clusters: Int
        /// Articles in some cluster, originals included.
        public var linkedArticles: Int
        public var errors: Int
        public var warnings: Int
        public var unsupportedFiles: Int
        public var candidatePairs: Int
        public var verifiedLinks: Int
        public var rewriteCandidatePairs: Int
        public var seconds: Double
        /// Wall seconds per stage (walk, ingest, copies, rewrites, clusters).
        public var stageSeconds: [String: Double]
    }

    /// An article as the report shows it: enough to read the report without opening files.
    public struct ArticleInfo: Sendable, Codable, Equatable {
        public var id: String
        public var title: String?
        public var outlet: String?
        public var date: ArticleDate?
        public var url: String?
        public var author: String?
        public var path: String

        public init(_ metadata: ArticleMetadata) {
            id = metadata.id
            title = metadata.title
            outlet = metadata.outlet
            date = metadata.date
            url = metadata.url
            author = metadata.author
            path = metadata.location.path
        }
    }

    public struct Cluster: Sendable, Codable, Equatable {
        /// The original's id.
        public var source: String
        public var original: ArticleInfo
        public var members: [Member]
    }

    public struct Member: Sendable, Codable, Equatable {
        public var id: String
        public var relation: Relation
        public var title: String?
        public var outlet: String?
        public var date: ArticleDate?
        public var url: String?
        public var author: String?
        public var path: String
        public var scores: Scores
        /// For rewrites: the aligned passages, shared names, figures and quotations, and the measures.
        public var evidence: RewriteEvidenceReport?
        /// Tells of machine rewriting in the member, when there are any.
        public var tells: TellsReport?
    }

    /// Exact shingle scores of a member against the original, rounded to 4 decimals.
    public struct Scores: Sendable, Codable, Equatable {
        public var jaccard: Double
        /// Share of the original's shingles found in the member.
        public var sourceInMember: Double
        /// Share of the member's shingles found in the original.
        public var memberInSource: Double

        public init(_ s: PairScores) {
            jaccard = Self.round(s.jaccard)
            sourceInMember = Self.round(s.firstInSecond)
            memberInSource = Self.round(s.secondInFirst)
        }

        static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    }
}
