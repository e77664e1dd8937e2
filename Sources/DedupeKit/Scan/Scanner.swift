import Foundation

/// The scan pipeline: walk the feed, read and fingerprint every article (in parallel), propose candidate
/// pairs with LSH, verify each exactly, and cluster the verified links into stars.
///
/// Each stage is a separate type (``FeedWalker``, ``FeedReader``, ``Fingerprinter``, ``BandIndex``,
/// ``CopyVerifier``, ``StarClusterer``); this type only wires them together and times them.
public struct Scanner: Sendable {
    public var configuration: ScanConfiguration
    public var reader: FeedReader

    public init(configuration: ScanConfiguration = ScanConfiguration(), reader: FeedReader = FeedReader()) {
        self.configuration = configuration
        self.reader = reader
    }

    /// Everything a scan found, before it is rendered as a report.
    public struct Result: Sendable {
        public var configuration: ScanConfiguration
        public var lsh: LSHParameters
        /// Fingerprinted articles, in feed order; clusters refer to them by index.
        public var articles: [Fingerprint]
        public var clusters: [StarClusterer.Cluster]
        public var links: [VerifiedLink]
        /// Errors and warnings, in feed order.
        public var problems: [FeedProblem]
        /// Files no format reads.
        public var unsupported: [FeedProblem]
        public var fileCount: Int
        public var candidatePairs: Int
        public var rewriteCandidatePairs: Int
        public var seconds: Double
        /// Wall seconds per stage: ingest (read and fingerprint), copies (LSH and verification),
        /// rewrites (term statistics, candidates, alignment), clusters.
        public var stageSeconds: [String: Double] = [:]
        /// Articles in the scan (an indexed run loads only the fingerprints its report needs).
        public var articleCount: Int

        public init(
            configuration: ScanConfiguration, lsh: LSHParameters, articles: [Fingerprint], clusters: [StarClusterer.Cluster],
            links: [VerifiedLink], problems: [FeedProblem], unsupported: [FeedProblem], fileCount: Int, candidatePairs: Int,
            rewriteCandidatePairs: Int, seconds: Double, stageSeconds: [String: Double] = [:], articleCount: Int? = nil
        ) {
            self.articleCount = articleCount ?? articles.count
            self.configuration = configuration
            self.lsh = lsh
            self.articles = articles
            self.clusters = clusters
            self.links = links
            self.problems = problems
            self.unsupported = unsupported
            self.fileCount = fileCount
            self.candidatePairs = candidatePairs
            self.rewriteCandidatePairs = rewriteCandidatePairs
            self.seconds = seconds
            self.stageSeconds = stageSeconds
        }
    }

    /// The rewrite stage: feed-wide term statistics, rare-term candidates, alignment verification.
    func findRewrites(_ articles: [Fingerprint], excluding copies: Set<ArticlePair>) -> (links: [VerifiedLink], candidates: Int) {
        let workers = configuration.workers
        let distinct = parallelMap(articles.count, workers: workers, chunk: 256, makeState: {}) { _, i in
            articles[i].profile.distinctTerms
        }
        // Copies count once in the document frequencies.
        var group = Array(articles.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while group[x] != x { group[x] = group[group[x]]; x = group[x] }
            return x
        }
        for pair in copies {
            let a = root(pair.first), b = root(pair.second)
            if a != b { group[max(a, b)] = min(a, b) }
        }
        let copyGroup = articles.indices.map(root)
        let statistics = TermStatistics(distinctTermsPerArticle: distinct, copyGroup: copyGroup)
        let index = RareTermIndex(maxDocumentFrequency: RareTermIndex.defaultMaxDocumentFrequency)
        let keys = parallelMap(articles.count, workers: workers, chunk: 256, makeState: {}) { _, i in
            index.keyTerms(distinct[i], statistics: statistics)
        }
        let candidates = index.candidatePairs(keys, workers: workers).filter { !copies.contains($0) }
        let verifier = RewriteVerifier(thresholds: configuration.rewriteThresholds)
        // Only articles in a candidate pair are prepared for alignment.
        var slot = [Int32](repeating: -1, count: articles.count)
        var needed: [Int] = []
        for pair in candidates {
            for a in [pair.first, pair.second] where slot[a] < 0 {
                slot[a] = Int32(needed.count)
                needed.append(a)
            }
        }
        let preparedArticles = needed
        let prepared = parallelMap(needed.count, workers: workers, chunk: 64, makeState: {}) { _, i in
            RewriteVerifier.Prepared(articles[preparedArticles[i]].profile, statistics: statistics)
        }
        let preparedSlot = slot
        let verified = parallelMap(candidates.count, workers: workers, chunk: 64, makeState: {}) { _, i in
            let pair = candidates[i]
            return verifier.verify(pair, articles[pair.first], articles[pair.second],
                                   prepared: (prepared[Int(preparedSlot[pair.first])], prepared[Int(preparedSlot[pair.second])]))
        }
        return (verified.compactMap { $0 }, candidates.count)
    }

    /// Reads one file and fingerprints its articles; an article without words is a problem.
    public static func readAndFingerprint(_ file: FeedFile, reader: FeedReader, fingerprinter: inout Fingerprinter,
                                          bytes: [UInt8]? = nil) -> ([Fingerprint], [FeedProblem]) {
        let read = bytes.map { reader.read(file, bytes: $0) } ?? reader.read(file)
        var problems = read.problems
        var prints: [Fingerprint] = []
        for article in read.articles {
            if let print = fingerprinter.fingerprint(article) {
                prints.append(print)
            } else {
                problems.append(FeedProblem(path: article.metadata.location.path, line: article.metadata.location.item,
                                            reason: "no words to compare (text has no letters or digits)"))
            }
        }
        return (prints, problems)
    }

    public func scan(_ paths: [String]) -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let config = configuration
        let lsh = config.lsh

        // Ingest and fingerprint, one file per task, results in feed order.
        let listing = FeedWalker(supportedExtensions: reader.supportedExtensions).walk(paths)
        let reader = self.reader
        let perFile = parallelMap(listing.files.count, workers: config.workers, chunk: 8,
                                  makeState: { Fingerprinter(shingleSize: config.shingleSize, permutations: config.permutations) }) {
            fingerprinter, index -> ([Fingerprint], [FeedProblem]) in
            Self.readAndFingerprint(listing.files[index], reader: reader, fingerprinter: &fingerprinter)
        }
        var articles: [Fingerprint] = []
        var problems = listing.problems
        var ids = UniqueIDs()
        for (prints, fileProblems) in perFile {
            problems.append(contentsOf: fileProblems)
            for var print in prints {
                if let renamed = ids.claim(&print.metadata) { problems.append(renamed) }
                articles.append(print)
            }
        }

        let fingerprints = articles
        var stages: [String: Double] = [:]
        var stageStart = clock.now
        func lap(_ name: String) {
            let now = clock.now
            stages[name] = Self.seconds(now - stageStart)
            stageStart = now
        }
        stages["ingest"] = Self.seconds(stageStart - started)

        // Candidates.
        let index = BandIndex(parameters: lsh)
        let keys = parallelMap(articles.count, workers: config.workers, chunk: 256, makeState: {}) { _, i in
            index.bandKeys(fingerprints[i].signature)
        }
        let candidates = index.candidatePairs(keys)

        // Verification.
        let verifier = CopyVerifier(threshold: config.threshold)
        let verified = parallelMap(candidates.count, workers: config.workers, chunk: 1024, makeState: {}) { _, i in
            let pair = candidates[i]
            return verifier.verify(pair, fingerprints[pair.first], fingerprints[pair.second])
        }
        var links = verified.compactMap { $0 }
        var rewriteCandidates = 0
        lap("copies")
        if config.detectRewrites {
            let rewrites = findRewrites(fingerprints, excluding: Set(links.map(\.pair)))
            rewriteCandidates = rewrites.candidates
            links.append(contentsOf: rewrites.links)
        }

        lap("rewrites")
        let clusters = StarClusterer().cluster(articles, links: links)
        lap("clusters")
        let elapsed = clock.now - started
        return Result(
            configuration: config, lsh: lsh, articles: articles, clusters: clusters, links: links,
            problems: problems, unsupported: listing.unsupported, fileCount: listing.files.count,
            candidatePairs: candidates.count, rewriteCandidatePairs: rewriteCandidates,
            seconds: Self.seconds(elapsed), stageSeconds: stages)
    }

    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
