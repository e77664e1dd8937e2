import DedupeKit
import Foundation
import GRDB
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A scan against a persistent index: tonight's new and changed articles are fingerprinted, compared with
/// everything indexed (through the band keys and rare key terms of every verified article, matched in memory
/// by ``CandidateKeys``), added, and the clusters of the whole index reported.
///
/// Crash safety comes from doing the work in small transactions whose effects are idempotent: files are
/// ingested in feed order, a batch per transaction, together with their `files` rows (so a rerun skips them);
/// articles are verified in id order, each batch's links written in the same transaction that marks them
/// verified. A run killed at any point leaves a consistent index, and the next run finishes exactly the
/// work that was left, with the same result as an uninterrupted run. Each pair is verified once, when its
/// later-inserted article is verified.
public struct IndexedScanner: Sendable {
    public var configuration: ScanConfiguration
    public var reader: FeedReader
    public var indexPath: String
    /// Compare only articles whose dates are at most this many days apart (undated articles always compare).
    public var windowDays: Int?
    /// Report only clusters that gained members in this run (the morning view).
    public var onlyNew: Bool
    public var logger: Logger
    /// Called with short progress lines (the CLI shows them only on a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(configuration: ScanConfiguration, indexPath: String, reader: FeedReader = FeedReader(), windowDays: Int? = nil,
                onlyNew: Bool = false, logger: Logger = Logger(label: "dedupe.index"), progress: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.reader = reader
        self.indexPath = indexPath
        self.windowDays = windowDays
        self.onlyNew = onlyNew
        self.logger = logger
        self.progress = progress
    }

    /// What an indexed run did, besides the scan result.
    public struct RunSummary: Sendable, Codable, Equatable {
        public var run: Int64
        public var newOrChangedFiles: Int
        public var unchangedFiles: Int
        public var goneFiles: Int
        public var newArticles: Int
        public var goneArticles: Int
        public var verifiedArticles: Int
        public var liveArticles: Int
    }

    public func scan(_ paths: [String]) throws(IndexError) -> (DedupeKit.Scanner.Result, RunSummary) {
        let clock = ContinuousClock()
        let started = clock.now
        let lock = try IndexLock(indexPath: indexPath)
        defer { withExtendedLifetime(lock) {} }
        let store = try IndexStore.open(indexPath, configuration: configuration)
        do {
            return try run(paths, store: store, clock: clock, started: started)
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw IndexError.corrupt(path: indexPath, reason: error.message ?? "\(error)")
        } catch {
            throw IndexError.failed(path: indexPath, reason: String(describing: error))
        }
    }

    private func run(_ paths: [String], store: IndexStore, clock: ContinuousClock, started: ContinuousClock.Instant) throws -> (DedupeKit.Scanner.Result, RunSummary) {
        let db = store.queue
        let config = configuration
        let lsh = config.lsh
        let bandIndex = BandIndex(parameters: lsh)
        var stages: [String: Double] = [:]
        var lapStart = clock.now
        func lap(_ name: String) {
            stages[name] = DedupeKit.Scanner.seconds(clock.now - lapStart)
            lapStart = clock.now
        }

        let runID: Int64 = try db.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            try db.execute(sql: "INSERT INTO runs (started, status) VALUES (?, 'running')", arguments: [Date().ISO8601Format()])
            return db.lastInsertedRowID
        }
        logger.info("run \(runID) on \(indexPath)")

        // 1. Which files are new, changed, unchanged or gone.
        let absoluteRoots = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        // The feed is listed while the index's file table and the verified articles' candidate keys are read:
        // single-threaded jobs on two cores. The keys serve verification unless the run retires articles.
        let walker = FeedWalker(supportedExtensions: reader.supportedExtensions)
        let (listing, indexed) = concurrently(workers: config.workers, { walker.walk(absoluteRoots) }, {
            Result { try db.read { db in
                (try KnownFiles(db: db), try store.candidateKeys(bandsPerArticle: bandIndex.parameters.bands, db: db))
            } }
        })
        let (known, keysBeforeIngest) = try indexed.get()
        var toRead: [(file: FeedFile, size: Int64, mtime: Int64)] = []
        var problems = listing.problems
        var unchanged = 0
        // Size and modification time of every file, on all cores (a stat is a few microseconds of kernel
        // time, and a feed has as many files as articles).
        let statuses = parallelMap(listing.files.count, workers: config.workers, chunk: 256, makeState: { FolderHandle() }) {
            folder, i -> Result<(Int64, Int64), FeedProblem> in
            var info = stat()
            guard folder.status(of: listing.files[i].path, into: &info) else {
                return .failure(FeedProblem(path: listing.files[i].path, reason: "cannot open: \(String(cString: strerror(errno)))"))
            }
            return .success((Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
        }
        // Which indexed files the walk found; the others under the scanned paths are gone.
        var found = [Bool](repeating: false, count: known.entries.count)
        for (file, status) in zip(listing.files, statuses) {
            let position = known.position(of: file.path)
            if let position { found[position] = true }
            let size: Int64, mtime: Int64
            switch status {
            case .failure(let problem):
                problems.append(problem)
                continue
            case .success(let s):
                (size, mtime) = s
            }
            if let k = position.map({ known.entries[$0] }), !k.gone, k.size == size, k.mtime == mtime {
                unchanged += 1
                if k.problems != nil { problems.append(contentsOf: Self.decodeProblems(k.problems)) }
            } else {
                toRead.append((file, size, mtime))
            }
        }
        let rootPrefixes = absoluteRoots.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let gonePaths = zip(known.entries, found).compactMap { k, found in
            !found && !k.gone && absoluteRoots.indices.contains { k.path == absoluteRoots[$0] || k.path.hasPrefix(rootPrefixes[$0]) } ? k.path : nil
        }.sorted()
        lap("walk")

        // 2. Ingest, in feed order, a batch of files per transaction.
        var newArticles = 0, goneArticles = 0, changedFiles = 0
        if !gonePaths.isEmpty {
            goneArticles += try db.write { db in
                var count = 0
                for path in gonePaths {
                    try db.cachedStatement(sql: "UPDATE files SET goneRun = ? WHERE path = ?").execute(arguments: [runID, path])
                    count += try store.retireArticles(path: path, run: runID, db: db)
                }
                return count
            }
            logger.info("\(gonePaths.count) files gone since the last run; their articles are marked gone")
        }
        let reader = self.reader
        let batchSize = 512
        var batchStart = 0
        while batchStart < toRead.count {
            let batch = Array(toRead[batchStart..<min(batchStart + batchSize, toRead.count)])
            let results = parallelMap(batch.count, workers: config.workers, chunk: 8,
                                      makeState: { Fingerprinter(shingleSize: config.shingleSize, permutations: config.permutations) }) {
                fingerprinter, i -> (hash: Int64, prints: [Fingerprint], problems: [FeedProblem])? in
                switch FeedReader.readBytes(batch[i].file.path) {
                case .failure(let problem):
                    return (0, [], [problem])
                case .success(let bytes):
                    let hash = Int64(bitPattern: XXH3.hash(bytes))
                    if let k = known[batch[i].file.path], !k.gone, k.contentHash == hash { return nil }  // touched, not changed
                    let (prints, problems) = DedupeKit.Scanner.readAndFingerprint(batch[i].file, reader: reader, fingerprinter: &fingerprinter, bytes: bytes)
                    return (hash, prints, problems)
                }
            }
            let (added, retired, changed, touched, batchProblems) = try db.write { db -> (Int, Int, Int, Int, [FeedProblem]) in
                var added = 0, retired = 0, changed = 0, touched = 0
                // Frequency increments of the batch, written once per term at the end of the transaction.
                var frequencyDeltas: [UInt32: Int] = [:]
                var batchProblems: [FeedProblem] = []
                for (entry, result) in zip(batch, results) {
                    guard let result else {
                        touched += 1
                        try db.cachedStatement(sql: "UPDATE files SET size = ?, mtime = ?, seenRun = ? WHERE path = ?")
                            .execute(arguments: [entry.size, entry.mtime, runID, entry.file.path])
                        batchProblems.append(contentsOf: Self.decodeProblems(known[entry.file.path]?.problems))
                        continue
                    }
                    changed += 1
                    retired += try store.retireArticles(path: entry.file.path, run: runID, db: db, delete: true)
                    for print in result.prints {
                        let counted = try !store.hasLiveCopy(print, db: db)
                        let distinct = print.profile.distinctTerms  // sorted once, for the row and the frequencies
                        _ = try FingerprintRecord.insert(print, distinctTerms: distinct, counted: counted, run: runID, db: db)
                        if counted { for t in distinct { frequencyDeltas[t, default: 0] += 1 } }
                        added += 1
                    }
                    let problemsJSON = result.problems.isEmpty ? nil : String(decoding: try JSONEncoder().encode(result.problems), as: UTF8.self)
                    try db.cachedStatement(sql: """
                        INSERT INTO files (path, size, mtime, contentHash, problems, seenRun, goneRun) VALUES (?, ?, ?, ?, ?, ?, NULL)
                        ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,
                            contentHash = excluded.contentHash, problems = excluded.problems, seenRun = excluded.seenRun, goneRun = NULL
                        """).execute(arguments: [entry.file.path, entry.size, entry.mtime, result.hash, problemsJSON, runID])
                    batchProblems.append(contentsOf: result.problems)
                }
                try store.adjustFrequencies(frequencyDeltas, db: db)
                try db.execute(sql: "UPDATE runs SET newArticles = newArticles + ?, goneArticles = goneArticles + ? WHERE id = ?",
                               arguments: [added, retired, runID])
                return (added, retired, changed, touched, batchProblems)
            }
            newArticles += added
            goneArticles += retired
            changedFiles += changed
            unchanged += touched
            problems.append(contentsOf: batchProblems)
            batchStart += batch.count
            progress?("ingest \(batchStart)/\(toRead.count) files")
        }
        lap("ingest")

        // 3. Verify every unverified article against the articles inserted before it. Keys read before ingest
        // are current unless ingest retired articles (their ids can be taken again by new rows).
        // (Moved, not copied: verification appends to the keys, and a second reference would copy them all.)
        var verifiedKeys = consume keysBeforeIngest
        if goneArticles > 0 {
            verifiedKeys = try db.read { db in try store.candidateKeys(bandsPerArticle: bandIndex.parameters.bands, db: db) }
        }
        let verified = try verifyPending(store: store, runID: runID, bandIndex: bandIndex, keys: &verifiedKeys)
        lap("verify")

        // 4. Clusters of the whole index, from the stored links.
        var (result, summaryCounts) = try buildResult(store: store, runID: runID, listing: listing, problems: problems,
                                                      lsh: lsh, started: started, clock: clock)
        lap("clusters")
        result.stageSeconds = stages
        try db.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'done', finished = ? WHERE id = ?", arguments: [Date().ISO8601Format(), runID])
        }
        logger.info("run \(runID): \(newArticles) new articles, \(goneArticles) retired, \(verified) verified, \(summaryCounts) live")
        return (result, RunSummary(
            run: runID, newOrChangedFiles: changedFiles, unchangedFiles: unchanged, goneFiles: gonePaths.count,
            newArticles: newArticles, goneArticles: goneArticles, verifiedArticles: verified, liveArticles: summaryCounts))
    }

    /// Verifies pending articles in id order, a batch per transaction; returns how many.
    ///
    /// `keys` holds the keys of every verified article (``CandidateKeys``); pending articles are taken a
    /// chunk at a time, their candidates found in memory, and each verified against its candidates, its
    /// links and keys written in the same transaction that marks it verified (and added to `keys`).
    private func verifyPending(store: IndexStore, runID: Int64, bandIndex: BandIndex, keys: inout CandidateKeys) throws -> Int {
        let db = store.queue
        let config = configuration
        let copyVerifier = CopyVerifier(threshold: config.threshold)
        let rewriteVerifier = RewriteVerifier(thresholds: config.rewriteThresholds)
        let windowSeconds = windowDays.map { Int64($0) * 86_400 }
        // Frequencies do not change while a run verifies (every new article was counted at ingest).
        let statistics = try db.read { db in try store.statistics(db: db) }
        let rareTerms = RareTermIndex(maxDocumentFrequency: RareTermIndex.maxDocumentFrequency(documents: statistics.articleCount))
        // Decoded (and, for rewrite pairs, prepared) articles, reused across the articles they are
        // candidates of; bounded by emptying it when full.
        var cache: [Int64: (fingerprint: Fingerprint, prepared: RewriteVerifier.Prepared?)] = [:]
        var total = 0
        while true {
            // Each pending article with its distinct terms, as stored (the key terms are chosen from them).
            let distinctTermsColumn = Int32(FingerprintRecord.columnCount)
            var distinctTerms: [[UInt32]] = []
            let pending: [(Int64, Fingerprint)] = try db.read { db in
                var rows: [(Int64, Fingerprint)] = []
                try db.forEachRawRow("""
                    SELECT \(FingerprintRecord.columns), distinctTerms FROM articles WHERE verified = 0 AND goneRun IS NULL
                    ORDER BY id LIMIT 2048
                    """) {
                    rows.append(($0.int64(0), FingerprintRecord.decode($0)))
                    distinctTerms.append(BlobCoding.decode($0.blob(distinctTermsColumn)))
                }
                return rows
            }
            guard !pending.isEmpty else { break }
            let queries = zip(pending, distinctTerms).map { row, terms in
                CandidateKeys.Query(id: row.0, bands: bandIndex.bandKeys(row.1.signature),
                                    // Sorted: a set, stored the same way whatever order chose it.
                                    keyTerms: config.detectRewrites ? rareTerms.keyTerms(terms, statistics: statistics).sorted() : [])
            }
            let candidates = keys.candidates(of: queries, rareTerms: rareTerms)
            let pendingIndex = Dictionary(uniqueKeysWithValues: pending.enumerated().map { ($1.0, $0) })
            var batchStart = 0
            while batchStart < pending.count {
                let batch = batchStart..<min(batchStart + 256, pending.count)
                // 1. The batch's articles and candidates, from the cache, this chunk or the index.
                var articles: [Int64: (fingerprint: Fingerprint, prepared: RewriteVerifier.Prepared?)] = [:]
                try db.read { db in
                    for k in batch {
                        articles[pending[k].0] = cache[pending[k].0] ?? (pending[k].1, nil)
                        for other in candidates[k].copies + candidates[k].rewrites where articles[other] == nil {
                            if let cached = cache[other] {
                                articles[other] = cached
                            } else if let i = pendingIndex[other] {
                                articles[other] = (pending[i].1, nil)
                            } else if let fingerprint = try FingerprintRecord.load(id: other, liveOnly: true, db: db) {
                                articles[other] = (fingerprint, nil)
                            }
                        }
                    }
                }
                // 2. Alignment needs prepared articles: those of rewrite pairs, prepared on all cores.
                var toPrepare = Set<Int64>()
                for k in batch where !candidates[k].rewrites.isEmpty {
                    for id in candidates[k].rewrites + [pending[k].0] where articles[id]?.prepared == nil && articles[id] != nil {
                        toPrepare.insert(id)
                    }
                }
                let prepareIDs = toPrepare.sorted(), snapshot = articles
                let prepared = parallelMap(prepareIDs.count, workers: config.workers, chunk: 8, makeState: {}) { _, i in
                    RewriteVerifier.Prepared(snapshot[prepareIDs[i]]!.fingerprint.profile, statistics: statistics)
                }
                for (id, p) in zip(prepareIDs, prepared) { articles[id]!.prepared = p }
                // 3. Every pair of the batch, verified on all cores; the earlier-inserted article is `first`.
                var pairs: [(k: Int, other: Int64)] = []
                for k in batch {
                    for other in Set(candidates[k].copies + candidates[k].rewrites).sorted() where articles[other] != nil {
                        pairs.append((k, other))
                    }
                }
                let ready = articles, work = pairs
                let links = parallelMap(work.count, workers: config.workers, chunk: 16, makeState: {}) { _, i -> VerifiedLink? in
                    let (k, other) = work[i]
                    let (id, (copies, rewrites)) = (pending[k].0, candidates[k])
                    let article = ready[id]!, candidate = ready[other]!
                    if let windowSeconds, let a = article.fingerprint.metadata.date, let b = candidate.fingerprint.metadata.date,
                       abs(a.secondsSince1970 - b.secondsSince1970) > windowSeconds { return nil }
                    let pair = ArticlePair(0, 1)
                    var link: VerifiedLink?
                    if copies.contains(other) { link = copyVerifier.verify(pair, candidate.fingerprint, article.fingerprint) }
                    if link == nil, rewrites.contains(other), let p = candidate.prepared, let q = article.prepared {
                        link = rewriteVerifier.verify(pair, candidate.fingerprint, article.fingerprint, prepared: (p, q))
                    }
                    return link
                }
                // 4. Links, keys and the verified mark, in one transaction.
                try db.write { db in
                    for (i, link) in links.enumerated() {
                        guard let link else { continue }
                        try store.insertLink(link, first: pairs[i].other, second: pending[pairs[i].k].0, run: runID, db: db)
                    }
                    for k in batch {
                        try db.cachedStatement(sql: "INSERT OR REPLACE INTO articleKeys (article, bands, keyTerms) VALUES (?, ?, ?)")
                            .execute(arguments: [pending[k].0, BlobCoding.encode(queries[k].bands), BlobCoding.encode(queries[k].keyTerms)])
                        try db.cachedStatement(sql: "UPDATE articles SET verified = 1 WHERE id = ?").execute(arguments: [pending[k].0])
                    }
                }
                for k in batch { keys.append(id: queries[k].id, bands: queries[k].bands, keyTerms: queries[k].keyTerms) }
                if cache.count + articles.count > 20_000 { cache.removeAll(keepingCapacity: true) }
                cache.merge(articles) { old, new in new.prepared != nil ? new : old }
                batchStart = batch.upperBound
                total += batch.count
                progress?("verified \(total) articles")
            }
        }
        return total
    }

    private func buildResult(
        store: IndexStore, runID: Int64, listing: FeedWalker.Listing, problems: [FeedProblem], lsh: LSHParameters,
        started: ContinuousClock.Instant, clock: ContinuousClock
    ) throws -> (DedupeKit.Scanner.Result, Int) {
        let db = store.queue
        // Cluster from what precedence needs (date, shingle count, id) and the stored links: no fingerprints.
        let (precedences, rowIDs, links, linkRuns, live) = try db.read { db -> ([StarClusterer.Precedence], [Int64], [VerifiedLink], [Int64], Int) in
            var position: [Int64: Int] = [:]
            var precedences: [StarClusterer.Precedence] = []
            var rowIDs: [Int64] = []
            try db.forEachRawRow("""
                SELECT id, articleID, date, hasTime, shingleCount FROM articles INDEXED BY articlesPrecedence
                WHERE goneRun IS NULL AND id IN (SELECT first FROM links UNION SELECT second FROM links) ORDER BY id
                """) { row in
                let id = row.int64(0)
                position[id] = precedences.count
                rowIDs.append(id)
                let date = row.isNull(2) ? nil : ArticleDate(secondsSince1970: row.int64(2), hasTime: row.int64(3) == 1)
                precedences.append(StarClusterer.Precedence(date: date, shingleCount: Int(row.int64(4)), id: row.text(1) ?? ""))
            }
            var links: [VerifiedLink] = []
            var runs: [Int64] = []
            // The rewrite measures (JSON) are read later, for the reported links only.
            try db.forEachRawRow("""
                SELECT first, second, relation, jaccard, firstInSecond, secondInFirst, originalIsFirst, run
                FROM links INDEXED BY linksSummary ORDER BY first, second
                """) { row in
                guard let a = position[row.int64(0)], let b = position[row.int64(1)],
                      let link = store.decodeLink(row, from: 2, first: a, second: b) else { return }
                links.append(link)
                runs.append(row.int64(7))
            }
            let live = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE goneRun IS NULL") ?? 0
            return (precedences, rowIDs, links, runs, live)
        }
        var clusters = StarClusterer().cluster(precedences, links: links)
        try db.write { db in try Self.storeClusterMembers(clusters, rowIDs: rowIDs, db: db) }
        if onlyNew {
            // Clusters that gained a member in this run: a member whose link to the source was made tonight.
            clusters = clusters.filter { cluster in cluster.members.contains { linkRuns[$0.linkIndex] == runID } }
        }

        // Full fingerprints only for what the report shows: the reported clusters and the suspected rewrites.
        let suspectedSQL = onlyNew
            ? "SELECT id FROM articles INDEXED BY articlesWithTells WHERE tells IS NOT NULL AND addedRun = \(runID) AND goneRun IS NULL"
            : "SELECT id FROM articles INDEXED BY articlesWithTells WHERE tells IS NOT NULL AND goneRun IS NULL"
        var wanted = Set(try db.read { db in try Int64.fetchAll(db, sql: suspectedSQL) })
        for cluster in clusters {
            wanted.insert(rowIDs[cluster.source])
            for m in cluster.members { wanted.insert(rowIDs[m.article]) }
        }
        let ordered = wanted.sorted()
        let articles: [Fingerprint] = try db.read { db in
            try ordered.compactMap { id in try FingerprintRecord.load(id: id, liveOnly: false, db: db) }
        }
        var newPosition: [Int64: Int] = [:]
        for (i, id) in ordered.enumerated() { newPosition[id] = i }
        var reportLinks: [VerifiedLink] = []
        let rewriteLinks = clusters.flatMap { $0.members.map(\.linkIndex) }.filter { links[$0].relation == .rewrite }
        let measuresByLink: [Int: RewriteMeasures] = try db.read { db in
            let select = try db.cachedStatement(sql: "SELECT rewrite FROM links WHERE first = ? AND second = ?")
            var found: [Int: RewriteMeasures] = [:]
            for index in rewriteLinks {
                let link = links[index]
                if let json = try String.fetchOne(select, arguments: [rowIDs[link.pair.first], rowIDs[link.pair.second]]) {
                    found[index] = try? JSONDecoder().decode(RewriteMeasures.self, from: Data(json.utf8))
                }
            }
            return found
        }
        clusters = clusters.map { cluster in
            var moved = cluster
            moved.source = newPosition[rowIDs[cluster.source]]!
            moved.members = cluster.members.map { m in
                var link = links[m.linkIndex]
                link.rewrite = measuresByLink[m.linkIndex]
                link.pair = ArticlePair(newPosition[rowIDs[link.pair.first]]!, newPosition[rowIDs[link.pair.second]]!)
                reportLinks.append(link)
                var member = m
                member.article = newPosition[rowIDs[m.article]]!
                member.linkIndex = reportLinks.count - 1
                return member
            }
            return moved
        }
        let elapsed = clock.now - started
        let result = DedupeKit.Scanner.Result(
            configuration: configuration, lsh: lsh, articles: articles.map(\.sketch), clusters: clusters, links: reportLinks, problems: problems,
            unsupported: listing.unsupported, fileCount: listing.files.count, candidatePairs: 0, rewriteCandidatePairs: 0,
            seconds: DedupeKit.Scanner.seconds(elapsed), articleCount: live)
        return (result, live)
    }

    /// Replaces the stored cluster membership with `clusters`, writing only the rows that differ: a night
    /// moves a few hundred of the tens of thousands of memberships, and rewriting them all was a quarter of
    /// the clustering stage.
    static func storeClusterMembers(_ clusters: [StarClusterer.Cluster], rowIDs: [Int64], db: Database) throws {
        var wanted: [Int64: (source: Int64, relation: String)] = [:]
        for cluster in clusters {
            let source = rowIDs[cluster.source]
            wanted[source] = (source, "source")
            for m in cluster.members { wanted[rowIDs[m.article]] = (source, m.relation.rawValue) }
        }
        var stale: [Int64] = []
        try db.forEachRawRow("SELECT article, source, relation FROM clusterMembers") { row in
            let article = row.int64(0)
            if let want = wanted[article], want.source == row.int64(1), want.relation == row.text(2) {
                wanted[article] = nil  // already stored as it should be
            } else if wanted[article] == nil {
                stale.append(article)
            }
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM clusterMembers WHERE article = ?")
        for article in stale { try delete.execute(arguments: [article]) }
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO clusterMembers (article, source, relation) VALUES (?, ?, ?)")
        for article in wanted.keys.sorted() {
            let want = wanted[article]!
            try upsert.execute(arguments: [article, want.source, want.relation])
        }
    }

    static func decodeProblems(_ json: String?) -> [FeedProblem] {
        guard let json, let problems = try? JSONDecoder().decode([FeedProblem].self, from: Data(json.utf8)) else { return [] }
        return problems
    }
}

/// The last folder a worker looked into, kept open, so the status of each of its files is read relative to
/// it (`fstatat`) instead of resolving the whole path again: the path walk was most of the cost of a stat on
/// a feed of 100,000 files.
private final class FolderHandle {
    /// The open folder's path, as bytes (no terminating zero).
    private var path: [UInt8] = []
    private var descriptor: Int32 = -1

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// `stat` of the file at `filePath` (following a final symbolic link, as `stat` does); false with `errno` set.
    /// Works on the path's C string in place: no string is made per file.
    func status(of filePath: String, into info: inout stat) -> Bool {
        filePath.withCString { cPath in
            let length = strlen(cPath)
            guard let slash = UnsafeRawPointer(cPath).withMemoryRebound(to: UInt8.self, capacity: length, {
                UnsafeBufferPointer(start: $0, count: length).lastIndex(of: UInt8(ascii: "/"))
            }) else { return stat(cPath, &info) == 0 }
            let sameFolder = descriptor >= 0 && path.count == slash
                && (slash == 0 || path.withUnsafeBytes { memcmp($0.baseAddress!, cPath, slash) == 0 })
            if !sameFolder {
                if descriptor >= 0 { close(descriptor) }
                path = Array(UnsafeRawBufferPointer(start: cPath, count: slash))
                descriptor = slash == 0 ? open("/", O_RDONLY | O_DIRECTORY)
                    : open(String(decoding: path, as: UTF8.self), O_RDONLY | O_DIRECTORY)
            }
            guard descriptor >= 0 else { return stat(cPath, &info) == 0 }
            return fstatat(descriptor, cPath + slash + 1, &info, 0) == 0
        }
    }
}
