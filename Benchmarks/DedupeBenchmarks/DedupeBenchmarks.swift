// Micro-benchmarks of each stage of a scan, with ordo-one/benchmark.
// Run from the package root: `DEDUPE_BENCHMARKS=1 swift package benchmark` (README, "Speed").
// Inputs are generated here (Corpus.swift), deterministically, so runs compare.
import Benchmark
import DedupeKit
import Foundation

/// Inputs, built once per process on first use.
enum Fixtures {
    /// 64 article bodies of about 800 words (about 5 KB each, as in gen_corpus.py's feeds).
    static let bodies: [String] = {
        var corpus = Corpus(seed: 1)
        return (0..<64).map { _ in corpus.body() }
    }()
    static let bodyBytes = bodies.reduce(0) { $0 + $1.utf8.count }
    static let tokens: [TokenizedText] = {
        var tokenizer = Tokenizer()
        return bodies.map { tokenizer.tokenize($0) }
    }()
    static let shingleHashes: [[UInt64]] = tokens.map { Shingler(size: 5).hashes($0) }
    static let shingleCount = shingleHashes.reduce(0) { $0 + $1.count }

    static func metadata(_ id: String, outlet: String) -> ArticleMetadata {
        ArticleMetadata(id: id, outlet: outlet, location: ArticleLocation(path: "/bench/\(id)"))
    }

    /// 256 originals with an edited copy and a rewrite each, over a background of 1,744 more articles
    /// (2,000 in all) for the term statistics.
    struct Pairs {
        var originals: [Fingerprint] = []
        var copies: [Fingerprint] = []
        var rewrites: [Fingerprint] = []
        var statistics: TermStatistics
    }
    static let pairs: Pairs = {
        var corpus = Corpus(seed: 2)
        var fingerprinter = Fingerprinter(shingleSize: 5, permutations: 128)
        var originals: [Fingerprint] = [], copies: [Fingerprint] = [], rewrites: [Fingerprint] = []
        var distinct: [[UInt32]] = []
        for i in 0..<256 {
            let body = corpus.body()
            let o = fingerprinter.fingerprint(Article(metadata: metadata("o\(i)", outlet: "A"), text: body))!
            let c = fingerprinter.fingerprint(Article(metadata: metadata("c\(i)", outlet: "B"), text: corpus.editedCopy(of: body)))!
            let r = fingerprinter.fingerprint(Article(metadata: metadata("r\(i)", outlet: "C"), text: corpus.rewrite(of: body)))!
            originals.append(o); copies.append(c); rewrites.append(r)
            distinct += [o.profile.distinctTerms, r.profile.distinctTerms]
        }
        for i in 0..<(2_000 - 512) {
            let f = fingerprinter.fingerprint(Article(metadata: metadata("b\(i)", outlet: "D"), text: corpus.body()))!
            distinct.append(f.profile.distinctTerms)
        }
        return Pairs(originals: originals, copies: copies, rewrites: rewrites,
                     statistics: TermStatistics(distinctTermsPerArticle: distinct))
    }()

    /// MinHash signatures of `n` synthetic shingle sets of 600 hashes; 30% of them are edited copies of an
    /// earlier set (a fifth of the hashes replaced, Jaccard about 0.67), the rest unrelated.
    static func signatures(_ n: Int) -> [[UInt32]] {
        var rng = SplitMix64(seed: UInt64(n))
        let hasher = MinHasher(permutations: 128)
        var sets: [[UInt64]] = []
        sets.reserveCapacity(n)
        var signatures: [[UInt32]] = []
        signatures.reserveCapacity(n)
        for i in 0..<n {
            var set: [UInt64]
            if i > 0, rng.next() % 10 < 3 {
                set = sets[Int(rng.next() % UInt64(i))]
                for k in set.indices where rng.next() % 5 == 0 { set[k] = rng.next() }
            } else {
                set = (0..<600).map { _ in rng.next() }
            }
            signatures.append(hasher.signature(set)!)
            sets.append(set)
        }
        return signatures
    }
    static let signatures10k = signatures(10_000)
    static let signatures100k = signatures(100_000)

    /// The scan benchmark's feed folder: this process's own, removed in its teardown.
    static let feedFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("dedupe-microbench-feed-\(ProcessInfo.processInfo.processIdentifier)")

    /// Writes a feed of `n` article files into `folder` (created anew): 70% originals, 15% edited copies,
    /// 15% rewrites.
    static func writeFeed(_ n: Int, to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var corpus = Corpus(seed: 3)
        var originals: [String] = []
        for i in 0..<n {
            let body: String
            switch (i % 20, originals.isEmpty) {
            case (14..<17, false): body = corpus.editedCopy(of: originals[corpus.uniform(originals.count)])
            case (17..<20, false): body = corpus.rewrite(of: originals[corpus.uniform(originals.count)])
            default:
                body = corpus.body()
                originals.append(body)
            }
            let date = String(format: "2024-%02d-%02d", 1 + i % 12, 1 + i % 28)
            try corpus.file(date: date, body: body).write(to: folder.appendingPathComponent(String(format: "%06d.txt", i)),
                                                          atomically: false, encoding: .utf8)
        }
    }
}

/// Rates reported besides the times (higher is better; integers, as Benchmark's custom metrics are; the
/// table scales large values, "(K)" meaning thousands).
enum Rates {
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let itemsPerSecond = BenchmarkMetric.custom("items/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Runs `work` once, timed, and records `items` processed per second (and MB/s when `bytes` is given).
@inline(__always)
func timed(_ benchmark: Benchmark, items: Int, bytes: Int? = nil, _ work: () -> Void) {
    let clock = ContinuousClock()
    let start = clock.now
    work()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard seconds > 0 else { return }
    if let bytes { benchmark.measurement(Rates.megabytesPerSecond, Int(Double(bytes) / 1e6 / seconds)) }
    benchmark.measurement(Rates.itemsPerSecond, Int(Double(items) / seconds))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )
    let rates = Benchmark.defaultConfiguration.metrics + [Rates.megabytesPerSecond, Rates.itemsPerSecond]

    // Text: 64 articles (about 330 KB) per iteration.
    Benchmark("Tokenizer: 64 articles", configuration: .init(metrics: rates)) { benchmark in
        var tokenizer = Tokenizer()
        timed(benchmark, items: Fixtures.bodies.count, bytes: Fixtures.bodyBytes) {
            for body in Fixtures.bodies { blackHole(tokenizer.tokenize(body)) }
        }
    } setup: { _ = Fixtures.bodies }

    Benchmark("ContentProfile: 64 articles", configuration: .init(metrics: rates)) { benchmark in
        timed(benchmark, items: Fixtures.tokens.count) {
            for tokens in Fixtures.tokens { blackHole(ContentProfile(tokens)) }
        }
    } setup: { _ = Fixtures.tokens }

    // Sketch.
    Benchmark("Shingler: 5-word shingle hashes, 64 articles", configuration: .init(metrics: rates)) { benchmark in
        let shingler = Shingler(size: 5)
        timed(benchmark, items: Fixtures.shingleCount) {
            for tokens in Fixtures.tokens { blackHole(shingler.hashes(tokens)) }
        }
    } setup: { _ = Fixtures.tokens }

    Benchmark("ShingleSet: sorted distinct 32-bit values, 64 articles", configuration: .init(metrics: rates)) { benchmark in
        timed(benchmark, items: Fixtures.shingleCount) {
            for hashes in Fixtures.shingleHashes { blackHole(ShingleSet(hashes: hashes)) }
        }
    } setup: { _ = Fixtures.shingleHashes }

    Benchmark("MinHash: 128-value OPH signature, 64 articles", configuration: .init(metrics: rates)) { benchmark in
        let hasher = MinHasher(permutations: 128)
        timed(benchmark, items: Fixtures.shingleHashes.count) {
            for hashes in Fixtures.shingleHashes { blackHole(hasher.signature(hashes)) }
        }
    } setup: { _ = Fixtures.shingleHashes }

    Benchmark("Fingerprinter: whole fingerprint, 64 articles", configuration: .init(metrics: rates)) { benchmark in
        var fingerprinter = Fingerprinter(shingleSize: 5, permutations: 128)
        let articles = Fixtures.bodies.enumerated().map {
            Article(metadata: Fixtures.metadata("a\($0.offset)", outlet: "A"), text: $0.element)
        }
        timed(benchmark, items: articles.count, bytes: Fixtures.bodyBytes) {
            for article in articles { blackHole(fingerprinter.fingerprint(article)) }
        }
    } setup: { _ = Fixtures.bodies }

    // Index: band keys and candidate pairs, one thread.
    for (label, n) in [("10k", 10_000), ("100k", 100_000)] {
        Benchmark("BandIndex: band keys + candidate pairs, \(label) signatures",
                  configuration: .init(metrics: rates, maxDuration: .seconds(5), maxIterations: 20)) { benchmark in
            let signatures = n == 10_000 ? Fixtures.signatures10k : Fixtures.signatures100k
            let index = BandIndex(parameters: ScanConfiguration().lsh)
            timed(benchmark, items: signatures.count) {
                let keys = signatures.map(index.bandKeys)
                blackHole(index.candidatePairs(keys))
            }
        } setup: { _ = n == 10_000 ? Fixtures.signatures10k.count : Fixtures.signatures100k.count }
    }

    // Detect.
    Benchmark("ShingleSet.intersectionCount: 256 copy pairs", configuration: .init(metrics: rates)) { benchmark in
        let p = Fixtures.pairs
        timed(benchmark, items: p.originals.count) {
            for i in p.originals.indices { blackHole(p.originals[i].shingles.intersectionCount(p.copies[i].shingles)) }
        }
    } setup: { _ = Fixtures.pairs }

    Benchmark("CopyVerifier.verify: 256 copy pairs + 256 unrelated", configuration: .init(metrics: rates)) { benchmark in
        let p = Fixtures.pairs
        let verifier = CopyVerifier(threshold: 0.5)
        let n = p.originals.count
        timed(benchmark, items: 2 * n) {
            for i in 0..<n {
                blackHole(verifier.verify(ArticlePair(2 * i, 2 * i + 1), p.originals[i], p.copies[i]))
                blackHole(verifier.verify(ArticlePair(2 * i, 2 * i + 2), p.originals[i], p.copies[(i + 1) % n]))
            }
        }
    } setup: { _ = Fixtures.pairs }

    Benchmark("RewriteVerifier.verify: 256 (source, rewrite) pairs", configuration: .init(metrics: rates)) { benchmark in
        let p = Fixtures.pairs
        let verifier = RewriteVerifier()
        timed(benchmark, items: p.originals.count) {
            for i in p.originals.indices {
                blackHole(verifier.verify(ArticlePair(2 * i, 2 * i + 1), p.originals[i], p.rewrites[i], statistics: p.statistics))
            }
        }
    } setup: { _ = Fixtures.pairs }

    // The whole pipeline on a small feed (2,000 files, about 10 MB), default settings, all cores.
    Benchmark("Scanner.scan: 2,000-article feed",
              configuration: .init(metrics: rates, maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        let scanner = Scanner()
        timed(benchmark, items: 2_000) { blackHole(scanner.scan([Fixtures.feedFolder.path])) }
    } setup: {
        try Fixtures.writeFeed(2_000, to: Fixtures.feedFolder)
    } teardown: {
        try? FileManager.default.removeItem(at: Fixtures.feedFolder)
    }
}
