import DedupeKit
import Foundation
import Testing

/// Shared helpers for the DedupeKit tests: where the repository is, temporary folders, a seeded random
/// generator and synthetic article text.
enum TestSupport {
    /// The repository root (where Package.swift, Samples/ and Schema/ are), found from this file's path so
    /// the tests run the same in any clone.
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Tests/DedupeKitTests
        for _ in 0..<4 {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        // Tests/DedupeKitTests/<file> is two folders below the root.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static var samplesFeed: URL { repoRoot.appendingPathComponent("Samples/feed") }
    static var schemaFile: URL { repoRoot.appendingPathComponent("Schema/report.schema.json") }

    /// A fixture file copied into the test bundle.
    static func fixture(_ name: String) throws -> URL {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "fixture \(name) missing from the test bundle")
        return url
    }

    /// Runs `body` with a fresh, empty folder that is removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dedupe-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Writes text (UTF-8) to `relative` below `folder`, creating folders on the way.
    @discardableResult
    static func write(_ text: String, to relative: String, in folder: URL) throws -> URL {
        try write(Array(text.utf8), to: relative, in: folder)
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to relative: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Seconds since 1970 of a UTC date-time, computed with Foundation's Gregorian calendar (an oracle
    /// independent of dedupe's own calendar arithmetic).
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
        return Int64(date.timeIntervalSince1970.rounded())
    }

    /// A feed file header in the `key: value` form.
    static func header(title: String? = nil, date: String? = nil, outlet: String? = nil, url: String? = nil) -> String {
        var lines: [String] = []
        if let title { lines.append("title: \(title)") }
        if let date { lines.append("date: \(date)") }
        if let outlet { lines.append("outlet: \(outlet)") }
        if let url { lines.append("url: \(url)") }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n\n"
    }
}

/// SplitMix64: a small, fast, seeded generator, so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic made-up prose: pronounceable words, capitalised sentences, paragraphs.
struct ProseGenerator {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let onsets = ["b", "br", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "w"]
    private static let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    private static let codas = ["", "n", "r", "s", "l", "m", "nd", "st", "ck"]

    mutating func word() -> String {
        let syllables = Int.random(in: 1...3, using: &rng)
        var w = ""
        for _ in 0..<syllables {
            w += Self.onsets.randomElement(using: &rng)! + Self.vowels.randomElement(using: &rng)! + Self.codas.randomElement(using: &rng)!
        }
        return w
    }

    mutating func sentence() -> String {
        let n = Int.random(in: 8...16, using: &rng)
        var words = (0..<n).map { _ in word() }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + "."
    }

    mutating func paragraphs(_ count: Int, sentences: Int = 4) -> [String] {
        (0..<count).map { _ in (0..<sentences).map { _ in sentence() }.joined(separator: " ") }
    }

    mutating func article(paragraphs count: Int = 5) -> String {
        paragraphs(count).joined(separator: "\n\n") + "\n"
    }
}

/// Random 64-bit "shingle hashes" for sets with an exactly known Jaccard similarity.
struct SetPairGenerator {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Two sets of distinct random values sharing `common` values, with `onlyA` and `onlyB` of their own:
    /// Jaccard = common / (common + onlyA + onlyB).
    mutating func pair(common: Int, onlyA: Int, onlyB: Int) -> (a: [UInt64], b: [UInt64]) {
        var seen = Set<UInt64>()
        func fresh(_ n: Int) -> [UInt64] {
            var out: [UInt64] = []
            while out.count < n {
                let v = rng.next()
                if seen.insert(v).inserted { out.append(v) }
            }
            return out
        }
        let c = fresh(common), a = fresh(onlyA), b = fresh(onlyB)
        return ((c + a).shuffled(using: &rng), (b + c).shuffled(using: &rng))
    }
}

extension ScanReport {
    /// The report without its timing, for comparing two runs.
    var withoutTiming: ScanReport {
        var copy = self
        copy.summary.seconds = 0
        copy.summary.stageSeconds = [:]
        return copy
    }
}

extension DedupeKit.Scanner.Result {
    /// Index of the article with this id.
    func index(of id: String) -> Int? {
        articles.firstIndex { $0.id == id }
    }

    /// The cluster an article is in (as source or member), if any.
    func cluster(containing id: String) -> StarClusterer.Cluster? {
        guard let i = index(of: id) else { return nil }
        return clusters.first { $0.source == i || $0.members.contains { $0.article == i } }
    }
}

/// Feeds the scan, report and CLI tests write into a temporary folder.
enum TestFeeds {
    /// A feed of copies around one original, plus unrelated and bad inputs, covering every report field:
    ///
    /// - `news/original.txt`: full header, 2026-03-01T08:00:00Z; the source.
    /// - `news/copy.txt`: the same body, another header, 2026-03-01T12:00:00+02:00 (10:00Z): duplicate.
    /// - `farm/edited.md`: front matter, 2026-03-02; a byline, three words changed, one sentence cut, a
    ///   closing line added: near-duplicate.
    /// - `wire/items.jsonl`: line 1 `w-1` unrelated; line 2 cut-off JSON (error); line 3 the original body,
    ///   undated and untitled: duplicate.
    /// - `other/unrelated.txt`: no header, different text.
    /// - `bad/latin1.txt`: Windows-1252 (warning); `bad/baddate.txt`: unparseable date (error, read undated).
    /// - `notes/readme.pdf`: unsupported.
    static func writeCopyFeed(in root: URL, seed: UInt64 = 1) throws {
        var prose = ProseGenerator(seed: seed)
        let sentences = (0..<6).map { _ in (0..<4).map { _ in prose.sentence() } }
        let body = sentences.map { $0.joined(separator: " ") }.joined(separator: "\n\n") + "\n"

        var edited = sentences
        for (p, s) in [(0, 1), (2, 2), (4, 0)] {
            var words = edited[p][s].split(separator: " ").map(String.init)
            words[3] = "zzqx"
            edited[p][s] = words.joined(separator: " ")
        }
        edited[3].remove(at: 2)
        let editedBody = "By Staff Writer\n\n" + edited.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
            + "\n\nAdditional reporting by Marta Quill.\n"

        try TestSupport.write(
            "title: Original story\ndate: 2026-03-01T08:00:00Z\noutlet: First Wire\nurl: https://first.example/story\nauthor: Ada Writer\n\n" + body,
            to: "news/original.txt", in: root)
        try TestSupport.write(
            "title: Copied story\ndate: 2026-03-01T12:00:00+02:00\noutlet: Second Gazette\nurl: https://second.example/story\nauthor: Ada Writer\n\n" + body,
            to: "news/copy.txt", in: root)
        try TestSupport.write("---\ntitle: Edited story\ndate: 2026-03-02\noutlet: Third Ledger\n---\n\n" + editedBody,
                              to: "farm/edited.md", in: root)
        try TestSupport.write(prose.article(), to: "other/unrelated.txt", in: root)
        let items: [[String: String]] = [
            ["id": "w-1", "title": "Wire item", "date": "2026-03-03", "outlet": "Wire Desk", "text": prose.article(paragraphs: 2)],
        ]
        var lines = try items.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        lines.append(#"{"id": "w-2", "text": "cut off in the mid"#)
        lines.append(String(decoding: try JSONSerialization.data(withJSONObject: ["text": body]), as: UTF8.self))
        try TestSupport.write(lines.joined(separator: "\n") + "\n", to: "wire/items.jsonl", in: root)
        try TestSupport.write(Array("title: Caf".utf8) + [0xE9] + Array(" notice\n\nThe caf".utf8) + [0xE9]
                              + Array(" closes for six weeks while the kitchen is rebuilt, the owner said.\n".utf8),
                              to: "bad/latin1.txt", in: root)
        try TestSupport.write("title: Choir\ndate: sometime last spring\n\nThe village choir won first prize at the festival.\n",
                              to: "bad/baddate.txt", in: root)
        try TestSupport.write("%PDF-1.4", to: "notes/readme.pdf", in: root)
    }

    /// `groups` independent stories, each an original, a verbatim copy and an edited copy, in separate
    /// folders, plus `groups` unrelated articles: enough files for several scan workers.
    static func writeManyGroups(in root: URL, groups: Int, seed: UInt64 = 7) throws {
        var prose = ProseGenerator(seed: seed)
        for g in 0..<groups {
            var sentences = (0..<5).map { _ in (0..<4).map { _ in prose.sentence() } }
            let body = sentences.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
            let day = String(format: "%02d", g % 28 + 1)
            try TestSupport.write("title: Story \(g)\ndate: 2026-02-\(day)T08:00:00Z\n\n" + body, to: "a/story-\(g).txt", in: root)
            try TestSupport.write("title: Copy \(g)\ndate: 2026-02-\(day)T09:00:00Z\n\n" + body, to: "b/copy-\(g).txt", in: root)
            sentences[1].remove(at: 1)
            try TestSupport.write("date: 2026-02-\(day)T10:00:00Z\n\n" + sentences.map { $0.joined(separator: " ") }.joined(separator: "\n\n"),
                                  to: "c/edit-\(g).md", in: root)
            try TestSupport.write(prose.article(), to: "d/other-\(g).txt", in: root)
        }
    }
}

extension TestFeeds {
    /// An article with every rewriting tell (a sentence about "the original report", stock filler phrases, a
    /// FAQ block) and no source in the feed: a suspected rewrite.
    static func writeSuspectedRewrite(in root: URL, name: String = "farm/suspect.txt") throws {
        try TestSupport.write("""
            title: Lantern festival draws record crowds
            date: 2026-03-20

            It is worth noting that the Ostbury lantern festival drew a record crowd of 41,000 visitors this year. \
            Only time will tell whether the organisers can repeat the feat, and it remains to be seen who will pay for the extra stewards.

            While the original report focuses on the fireworks, the bigger picture is the town's tourism strategy.

            FAQ:

            Q: When was the festival?

            A: Last weekend, on the quayside.

            Q: How many people came?

            A: About 41,000.
            """, to: name, in: root)
    }
}
