import Foundation

/// The scan pipeline: walk the feed, read and fingerprint every article (in parallel), propose candidate
/// pairs with LSH and with rare shared terms, verify each exactly, and cluster the verified links into stars.
///
/// Memory is bounded by sketches, not texts: while fingerprinting, each article's shingle set, content
/// profile and distinct terms go to a ``SpillStore`` and memory keeps its ``ArticleSketch`` and band keys;
/// each worker counts the distinct terms it sees (document frequencies). Verification then loads the stored
/// data for the articles of a block of candidate pairs at a time (blocks follow connected components, see
/// `blockwise`); the rewrite stage streams the distinct terms back for key terms and for screening, and
/// reads the copies' terms to count each copy group once.
///
/// Each stage is a separate type (``FeedWalker``, ``FeedReader``, ``Fingerprinter``, ``BandIndex``,
/// ``CopyVerifier``, ``RareTermIndex``, ``RewriteVerifier``, ``StarClusterer``); this type only wires them
/// together and times them.
public struct Scanner: Sendable {
    public var configuration: ScanConfiguration
    public var reader: FeedReader

    /// Candidate pairs verified per block: the articles of one block are loaded together, so this bounds
    /// the verification data in memory (a few thousand articles).
    static let verificationBlock = 2048

    /// Feeds of at most this many articles screen all rewrite candidates in one block (see `findRewrites`).
    static let screenAllAt = 16_384

    public init(configuration: ScanConfiguration = ScanConfiguration(), reader: FeedReader = FeedReader()) {
        self.configuration = configuration
        self.reader = reader
    }

    /// Everything a scan found, before it is rendered as a report.
    public struct Result: Sendable {
        public var configuration: ScanConfiguration
        public var lsh: LSHParameters
        /// Sketches of the articles, in feed order; clusters refer to them by index.
        public var articles: [ArticleSketch]
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
        /// Wall seconds per stage: walk (list the files), ingest (read and fingerprint), copies (LSH and
        /// verification), rewrites (term statistics, candidates, alignment), clusters.
        public var stageSeconds: [String: Double] = [:]
        /// Articles in the scan (an indexed run loads only the sketches its report needs).
        public var articleCount: Int
        /// Why some candidate pairs could not be verified (the scan's temporary file failed), or nil. Such a
        /// scan's report is incomplete; the CLI exits with its own code.
        public var incompleteReason: String?

        public init(
            configuration: ScanConfiguration, lsh: LSHParameters, articles: [ArticleSketch], clusters: [StarClusterer.Cluster],
            links: [VerifiedLink], problems: [FeedProblem], unsupported: [FeedProblem], fileCount: Int, candidatePairs: Int,
            rewriteCandidatePairs: Int, seconds: Double, stageSeconds: [String: Double] = [:], articleCount: Int? = nil,
            incompleteReason: String? = nil
        ) {
            self.incompleteReason = incompleteReason
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

    /// One article as fingerprinting leaves it: what stays in memory, and where the rest was stored.
    struct Ingested: Sendable {
        var sketch: ArticleSketch
        var bandKeys: [UInt64]
        /// Where the shingle set and profile are.
        var stored: SpillStore.Location
        /// Where the distinct content terms are (nil when rewrites are not looked for).
        var storedTerms: SpillStore.Location?
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
        let bandIndex = BandIndex(parameters: lsh)
        let spill = SpillStore(directory: config.temporaryDirectory)

        // Ingest and fingerprint, one file per task, results in feed order.
        let listing = FeedWalker(supportedExtensions: reader.supportedExtensions).walk(paths)
        let walked = clock.now
        let reader = self.reader
        // Each worker also counts the distinct terms of the articles it fingerprints (they are in memory
        // then); the rewrite stage corrects the counts for copies instead of reading every article's terms back.
        let (perFile, workerStates) = parallelMapKeepingStates(
            listing.files.count, workers: config.workers, chunk: 8,
            makeState: { (fingerprinter: Fingerprinter(shingleSize: config.shingleSize, permutations: config.permutations),
                          frequencies: TermCountTable(capacity: config.detectRewrites ? 1 << 16 : 16),
                          spill: SpillStore.Writer(spill)) }
        ) { state, index -> ([Ingested], [FeedProblem]) in
            let (prints, problems) = Self.readAndFingerprint(listing.files[index], reader: reader, fingerprinter: &state.fingerprinter)
            let ingested = prints.map { print in
                var terms: [[UInt8]] = []
                if config.detectRewrites {
                    let distinct = print.profile.distinctTerms
                    state.frequencies.addOnce(distinct)
                    terms = [VerificationData.encodeTerms(distinct)]
                }
                let stored = state.spill.write([VerificationData(print).encoded] + terms)
                return Ingested(sketch: print.sketch, bandKeys: bandIndex.bandKeys(print.signature),
                                stored: stored[0], storedTerms: stored.count > 1 ? stored[1] : nil)
            }
            return (ingested, problems)
        }
        for state in workerStates { state.spill.flush() }  // before anything is read back
        var sketches: [ArticleSketch] = []
        var bandKeys: [[UInt64]] = []
        var stored: [SpillStore.Location] = []
        var storedTerms: [SpillStore.Location?] = []
        var problems = listing.problems
        var ids = UniqueIDs()
        for (ingested, fileProblems) in perFile {
            problems.append(contentsOf: fileProblems)
            for var article in ingested {
                if let renamed = ids.claim(&article.sketch.metadata) { problems.append(renamed) }
                sketches.append(article.sketch)
                bandKeys.append(article.bandKeys)
                stored.append(article.stored)
                storedTerms.append(article.storedTerms)
            }
        }
        if let reason = spill.fallbackReason {
            problems.append(FeedProblem(path: spill.directory, reason: reason, severity: .warning))
        }
        let loader = VerificationLoader(sketches: sketches, stored: stored, spill: spill, workers: config.workers)

        var stages: [String: Double] = [:]
        var stageStart = clock.now
        func lap(_ name: String) {
            let now = clock.now
            stages[name] = Self.seconds(now - stageStart)
            stageStart = now
        }
        stages["walk"] = Self.seconds(walked - started)
        stages["ingest"] = Self.seconds(stageStart - walked)

        // Copies: LSH candidates, verified on the exact shingle sets.
        let candidates = bandIndex.candidatePairs(bandKeys, workers: config.workers)
        bandKeys = []
        let copyVerifier = CopyVerifier(threshold: config.threshold)
        var links = loader.verify(candidates, prepare: nil) { pair, a, b in copyVerifier.verify(pair, a.fingerprint, b.fingerprint) }
        var rewriteCandidates = 0
        lap("copies")
        if config.detectRewrites {
            let termsAt = storedTerms.compactMap { $0 }  // every article has them when rewrites are looked for
            let counted = TermCountTable(merging: workerStates.map(\.frequencies))
            let rewrites = findRewrites(excluding: Set(links.map(\.pair)), loader: loader, counted: counted) { article in
                spill.read(termsAt[article]).map(VerificationData.decodeTerms) ?? []
            }
            rewriteCandidates = rewrites.candidates
            links.append(contentsOf: rewrites.links)
        }

        lap("rewrites")
        var incomplete: String?
        if let reason = spill.readFailureReason {
            incomplete = reason + "; candidate pairs with those articles were not verified, so links may be missing"
            problems.append(FeedProblem(path: spill.directory, reason: incomplete!))
        }
        let clusters = StarClusterer().cluster(sketches.map(StarClusterer.Precedence.init), links: links)
        lap("clusters")
        let elapsed = clock.now - started
        return Result(
            configuration: config, lsh: lsh, articles: sketches, clusters: clusters, links: links,
            problems: problems, unsupported: listing.unsupported, fileCount: listing.files.count,
            candidatePairs: candidates.count, rewriteCandidatePairs: rewriteCandidates,
            seconds: Self.seconds(elapsed), stageSeconds: stages, incompleteReason: incomplete)
    }

    /// The rewrite stage: feed-wide term statistics, rare-term candidates, alignment verification.
    /// `distinctTerms` reads an article's distinct terms back from the spill store.
    /// `counted` holds the distinct terms of every article counted once per article.
    func findRewrites(excluding copies: Set<ArticlePair>, loader: VerificationLoader, counted: TermCountTable,
                      distinctTerms: @escaping @Sendable (Int) -> [UInt32]) -> (links: [VerifiedLink], candidates: Int) {
        let workers = configuration.workers
        let count = loader.sketches.count
        // Copies count once in the document frequencies.
        let copyGroup = componentRoots(copies, articleCount: count)
        let statistics = TermStatistics(counted: counted, articleCount: count, copyGroup: copyGroup, workers: workers, terms: distinctTerms)
        let index = RareTermIndex(maxDocumentFrequency: RareTermIndex.maxDocumentFrequency(documents: statistics.articleCount))
        let keys = parallelMap(count, workers: workers, chunk: 256, makeState: {}) { _, i in
            index.keyTerms(distinctTerms(i), statistics: statistics)
        }
        let candidates = index.candidatePairs(keys, workers: workers).filter { !copies.contains($0) }
        let verifier = RewriteVerifier(thresholds: configuration.rewriteThresholds)
        // The verifier's pre-check on distinct terms alone, a block of pairs at a time: on news feeds most
        // candidates fail it, and their articles need not be loaded and prepared.
        let sketches = loader.sketches
        // A block bounds memory by the articles it loads; a feed of at most `screenAllAt` articles is screened in
        // one block (their weighted terms take a few tens of MB), so no article is loaded twice.
        let screenBlock = count <= Scanner.screenAllAt ? max(candidates.count, 1) : 4 * Scanner.verificationBlock
        let keep = blockwise(candidates, blockSize: screenBlock, articleCount: count, workers: workers,
                             load: { RewriteVerifier.WeightedTerms(distinctTerms: distinctTerms($0), statistics: statistics) },
                             decide: { pair, a, b in
                                 verifier.passesPreCheck(sketches[pair.first].metadata, sketches[pair.second].metadata, a, b)
                             })
        let screened = zip(candidates, keep).filter(\.1).map(\.0)
        let links = loader.verify(screened, prepare: statistics) { pair, a, b in
            verifier.verify(pair, a.fingerprint, b.fingerprint, prepared: (a.prepared!, b.prepared!))
        }
        return (links, candidates.count)
    }

    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Loads the stored verification data of the articles in candidate pairs, a block of pairs at a time, and
/// verifies the block on all cores.
struct VerificationLoader: Sendable {
    var sketches: [ArticleSketch]
    var stored: [SpillStore.Location]
    var spill: SpillStore
    var workers: Int

    /// An article ready for a verifier.
    struct Loaded: Sendable {
        var fingerprint: Fingerprint
        /// Prepared for alignment, when the block asked for it.
        var prepared: RewriteVerifier.Prepared?
    }

    /// The article's fingerprint, or nil when its stored data cannot be read back (the spill store counts it).
    func load(_ article: Int) -> Fingerprint? {
        spill.read(stored[article]).map { Fingerprint(sketches[article], VerificationData(encoded: $0)) }
    }

    /// Verified links of `pairs` (sorted), in pair order. With `statistics`, each loaded article is also
    /// prepared for rewrite alignment. A pair with an article that cannot be loaded is not verified.
    func verify(_ pairs: [ArticlePair], prepare statistics: TermStatistics?,
                _ body: @escaping @Sendable (ArticlePair, Loaded, Loaded) -> VerifiedLink?) -> [VerifiedLink] {
        // Keeping articles over for the next block was tried: no faster, and up to twice the memory.
        blockwise(pairs, blockSize: Scanner.verificationBlock, articleCount: sketches.count, workers: workers,
                  load: { article -> Loaded? in
                      guard let fingerprint = load(article) else { return nil }
                      return Loaded(fingerprint: fingerprint,
                                    prepared: statistics.map { RewriteVerifier.Prepared(fingerprint.profile, statistics: $0) })
                  },
                  decide: { pair, a, b in
                      guard let a, let b else { return nil }
                      return body(pair, a, b)
                  }).compactMap { $0 }
    }
}

/// Works through candidate pairs a block at a time, so memory holds what one block's articles need:
/// `load` makes a value for each article the block names (once per block, on all cores), then `decide`
/// runs for each pair of the block with its two values (on all cores). Results are in pair order.
///
/// Blocks are cut from the pairs grouped by connected component (pairs that share articles, directly or
/// through other pairs), not in pair order: in pair order an article's pairs fell into several blocks, and
/// 40-45% of the loads on the 100k feed were of articles an earlier block had loaded already. Each decision
/// depends only on its pair, so the grouping changes no result.
func blockwise<Value: Sendable, Decision: Sendable>(
    _ pairs: [ArticlePair], blockSize: Int, articleCount: Int, workers: Int,
    load: @escaping @Sendable (Int) -> Value, decide: @escaping @Sendable (ArticlePair, Value, Value) -> Decision
) -> [Decision] {
    let order = componentOrder(pairs, articleCount: articleCount)
    var decisions = [Decision?](repeating: nil, count: pairs.count)
    // Where each article of the current block is among its loaded values (-1: not in the block).
    var slot = [Int32](repeating: -1, count: articleCount)
    var blockStart = 0
    while blockStart < order.count {
        let indices = Array(order[blockStart..<min(blockStart + blockSize, order.count)])
        let block = indices.map { pairs[$0] }
        blockStart += block.count
        var needed: [Int] = []
        for pair in block {
            if slot[pair.first] < 0 { slot[pair.first] = Int32(needed.count); needed.append(pair.first) }
            if slot[pair.second] < 0 { slot[pair.second] = Int32(needed.count); needed.append(pair.second) }
        }
        let articles = needed, slots = slot
        let values = parallelMap(articles.count, workers: workers, chunk: 16, makeState: {}) { _, i in load(articles[i]) }
        let blockDecisions = parallelMap(block.count, workers: workers, chunk: 64, makeState: {}) { _, i in
            let pair = block[i]
            return decide(pair, values[Int(slots[pair.first])], values[Int(slots[pair.second])])
        }
        for (i, decision) in zip(indices, blockDecisions) { decisions[i] = decision }
        for a in needed { slot[a] = -1 }
    }
    return decisions.map { $0! }
}

/// Indices of `pairs` grouped by connected component (a union-find over their articles), components in
/// the order of their smallest article, pairs in their own order within a component.
func componentOrder(_ pairs: [ArticlePair], articleCount: Int) -> [Int] {
    precondition(pairs.count < 1 << 32, "pair indices fit in 32 bits")
    let root = componentRoots(pairs, articleCount: articleCount)
    var keys = pairs.indices.map { UInt64(root[pairs[$0].first]) << 32 | UInt64($0) }
    keys.radixSort()
    return keys.map { Int($0 & 0xFFFF_FFFF) }
}

/// For each article of `0..<articleCount`, the smallest article of its connected component through `pairs`
/// (a union-find): a label that does not depend on the order of the pairs. Copy groups and verification
/// blocks are both such components.
func componentRoots(_ pairs: some Sequence<ArticlePair>, articleCount: Int) -> [Int] {
    var parent = Array(0..<articleCount)
    func root(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    for pair in pairs {
        let a = root(pair.first), b = root(pair.second)
        if a != b { parent[max(a, b)] = min(a, b) }  // the root stays the component's smallest article
    }
    return (0..<articleCount).map(root)
}
