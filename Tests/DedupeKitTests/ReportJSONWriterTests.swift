@testable import DedupeKit
import Foundation
import Testing

/// The hand-written JSON writer against its definition: every report it renders must be byte for byte what
/// `JSONEncoder` (``ReportRenderer/renderWithFoundation(_:)``) renders, and must read back as the same report.
@Suite("Report JSON writer")
struct ReportJSONWriterTests {
    /// Renders with both paths and checks the bytes agree; on a mismatch, says where the first difference is.
    private func expectIdentical(_ report: ScanReport, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try ReportRenderer.render(report, as: .json)
        let oracle = try ReportRenderer.renderWithFoundation(report)
        guard fast != oracle else { return }
        let a = [UInt8](fast), b = [UInt8](oracle)
        let at = zip(a, b).enumerated().first { $1.0 != $1.1 }?.offset ?? min(a.count, b.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self)
        }
        let message = "\(label): writer differs from JSONEncoder at byte \(at) (\(a.count) vs \(b.count) bytes)\n"
            + "writer:\n\(around(a))\nJSONEncoder:\n\(around(b))"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    private func scanReport(_ paths: [String]) -> ScanReport {
        ReportBuilder.report(from: DedupeKit.Scanner(configuration: ScanConfiguration(workers: 2)).scan(paths))
    }

    // MARK: Reports from scans

    @Test func samplesFeedReportIsIdentical() throws {
        let report = scanReport([TestSupport.samplesFeed.path])
        // The samples hold clusters, errors and a warning: a report with most fields filled.
        #expect(!report.clusters.isEmpty && !report.errors.isEmpty && !report.warnings.isEmpty)
        try expectIdentical(report, "Samples/feed")
        // Without timing, stageSeconds is an empty object.
        try expectIdentical(report.withoutTiming, "Samples/feed without timing")
    }

    @Test func copyFeedReportIsIdentical() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            try TestFeeds.writeSuspectedRewrite(in: root)
            let report = scanReport([root.path])
            // Problems with and without a line, an unsupported file, a suspected rewrite with tells.
            #expect(report.errors.contains { $0.line != nil } && report.errors.contains { $0.line == nil })
            #expect(!report.unsupported.isEmpty && !report.suspectedRewrites.isEmpty)
            try expectIdentical(report, "copy feed")
        }
    }

    @Test func emptyScanReportIsIdentical() throws {
        try TestSupport.withTemporaryDirectory { root in
            let report = scanReport([root.path])
            #expect(report.clusters.isEmpty)
            try expectIdentical(report, "empty feed")
            let text = String(decoding: try ReportRenderer.render(report, as: .json), as: UTF8.self)
            // JSONEncoder's empty array: the bracket, an empty line, the closing bracket indented.
            #expect(text.contains("\"clusters\" : [\n\n  ],\n"))
        }
    }

    // MARK: Hand-built reports

    @Test func everyOptionalPresent() throws {
        let report = Self.report(strings: ["Title", "Outlet", "https://example.com/a/b?c=d&e=f", "Ada Writer"], optionals: true)
        try expectIdentical(report, "all optionals present")
        let text = String(decoding: try ReportRenderer.render(report, as: .json), as: UTF8.self)
        for key in ["author", "date", "evidence", "outlet", "tells", "title", "url", "line", "faqBlock", "fillerPhrases", "mentionsOriginal"] {
            #expect(text.contains("\"\(key)\" : "), "\(key) missing")
        }
        #expect(text.contains("https://example.com/a/b?c=d&e=f"))  // slashes not escaped
    }

    @Test func everyOptionalAbsent() throws {
        let report = Self.report(strings: ["x"], optionals: false)
        try expectIdentical(report, "all optionals absent")
        let text = String(decoding: try ReportRenderer.render(report, as: .json), as: UTF8.self)
        for key in ["author", "date", "evidence", "outlet", "tells", "title", "url", "line", "faqBlock", "fillerPhrases", "mentionsOriginal"] {
            #expect(!text.contains("\"\(key)\""), "\(key) should be left out")
        }
        #expect(!text.contains("null"))
    }

    @Test(arguments: [
        "plain",
        "",
        "quote \" and backslash \\ and both \\\"",
        "line\nbreak, carriage\rreturn, crlf\r\n, tab\t, backspace\u{08}, form feed\u{0C}",
        "controls \u{00} \u{01} \u{07} \u{0B} \u{0E} \u{0F} \u{10} \u{1A} \u{1B} \u{1F} then \u{7F} (DEL is not escaped)",
        "slashes / // \\/ https://x.example/a/",
        "emoji 😀 👩🏽‍💻 🇳🇿, flags and joiners",
        "non-ASCII: café, naïve, Zürich, Ελληνικά, русский, 日本語, עברית, e\u{301}",
        "separators \u{2028} \u{2029}, BOM \u{FEFF}, NBSP \u{A0}, replacement \u{FFFD}",
        "</script> & <b> 'single' `back`",
        "\"",
        "\\",
        "\u{01}",
        "ends with a backslash \\",
    ])
    func awkwardStrings(_ s: String) throws {
        let report = Self.report(strings: [s, s + "x", "x" + s], optionals: true)
        try expectIdentical(report, "string \(s.debugDescription)")
        let decoded = try JSONDecoder().decode(ScanReport.self, from: try ReportRenderer.render(report, as: .json))
        #expect(decoded == report)
    }

    @Test func everyControlCharacterAndASCIIByte() throws {
        let all = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        let report = Self.report(strings: [all, String(all.reversed())], optionals: true)
        try expectIdentical(report, "all ASCII")
        let text = String(decoding: try ReportRenderer.render(report, as: .json), as: UTF8.self)
        #expect(text.contains(#"\u0000\u0001"#) && text.contains(##"\u001f !\"#"##) && text.contains(#"\b\t\n\u000b\f\r"#))
    }

    @Test func dictionaryKeysSortByUTF8Bytes() throws {
        var report = Self.report(strings: ["x"], optionals: true)
        let keys = ["b", "a", "B", "A", "10", "9", "0.3", "0.10", "é", "e", "Z", "_", "", "a\"b", "a/b", "ab", "a b", "😀", "z"]
        report.parameters.sCurve = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Double($0) / 8) })
        report.summary.stageSeconds = ["rewrites": 1.5, "ingest": 0.25, "copies": 3, "clusters": 0.001, "Clusters": 2]
        try expectIdentical(report, "dictionary keys")
        let text = String(decoding: try ReportRenderer.render(report, as: .json), as: UTF8.self)
        // Byte order, not numeric or case-insensitive order: "10" before "9", "Z" before "a".
        let order = ["", "0.10", "0.3", "10", "9", "A", "B", "Z", "_", "a", "a b", #"a\"b"#, "a/b", "ab", "b", "e", "z", "é", "😀"]
        // sCurve's keys are indented three levels.
        let positions = order.compactMap { text.range(of: "\n      \"\($0)\" : ")?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    /// Doubles through both paths: the listed ones, and seeded random ones of every kind the report holds
    /// (scores rounded to 4 decimals, seconds to 3) and of every magnitude.
    @Test func doublesMatchJSONEncoderAndReadBack() throws {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 0.1234, 1e-5, 123456.789, 0.30000000000000004, 0.1, 0.2, 1.0 / 3, 2.0 / 3,
            0.9999, 0.99995, 0.0001, 0.001, 1e-4, 1e-7, 1e-300, 2.2250738585072014e-308, 100, 1e15, 1e16,
            1e17, 1e21, 1e22, 1e23, 9007199254740992, 9007199254740994, 1.7976931348623157e308, -1.7976931348623157e308,
            123456789012345.6, 0.000123, 12.5, 1024, 86400.001, 3.14159, Double.pi, Double.ulpOfOne,
            Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude,
        ]
        values += (-30...30).map { pow(10, Double($0)) }
        var rng = SplitMix64(seed: 42)
        for _ in 0..<400 {
            let unit = Double.random(in: 0...1, using: &rng)
            values.append(unit)
            values.append(ScanReport.Scores.round(unit))
            values.append((Double.random(in: 0...5_000, using: &rng) * 1000).rounded() / 1000)
            let bits = Double(bitPattern: rng.next())
            if bits.isFinite { values.append(bits) }
        }
        var report = Self.report(strings: ["x"], optionals: true)
        let keys = values.indices.map { String(format: "v%05d", $0) }
        report.parameters.sCurve = Dictionary(uniqueKeysWithValues: zip(keys, values).map { ($0, $1) })
        report.summary.stageSeconds = ["first": values[0], "last": values[values.count - 1]]
        let rewrite = report.clusters[0].members[2]  // the member with evidence
        report.clusters[0].members = values.map { v in
            var m = rewrite
            m.scores.jaccard = v
            m.scores.memberInSource = -v
            m.scores.sourceInMember = v / 7
            m.evidence?.sourceCoverage = v / 3
            return m
        }
        try expectIdentical(report, "doubles")
        let decoded = try JSONDecoder().decode(ScanReport.self, from: try ReportRenderer.render(report, as: .json))
        for (key, value) in zip(keys, values) {
            #expect(decoded.parameters.sCurve[key] == value, "\(key) = \(value) did not read back")
        }
        #expect(decoded == report)
    }

    @Test func integersMatchJSONEncoder() throws {
        for n in [0, 1, -1, 9, 10, 99, 100, 12345, -98765, Int(Int32.max), Int(Int32.min), Int.max, Int.min] {
            var report = Self.report(strings: ["x"], optionals: true)
            report.schemaVersion = n
            report.summary.articles = n
            report.errors[0].line = n
            report.clusters[0].members[0].evidence?.alignedPassages[0].source.start = n
            try expectIdentical(report, "integer \(n)")
            let decoded = try JSONDecoder().decode(ScanReport.self, from: try ReportRenderer.render(report, as: .json))
            #expect(decoded == report)
        }
    }

    @Test func datesMatchJSONEncoder() throws {
        for (seconds, hasTime) in [(Int64(0), false), (0, true), (-1, true), (TestSupport.utc(2026, 3, 1), false),
                                   (TestSupport.utc(2026, 3, 1, 1, 2, 3), true), (TestSupport.utc(1900, 1, 1), true),
                                   (TestSupport.utc(9999, 12, 31, 23, 59, 59), true)] {
            var report = Self.report(strings: ["x"], optionals: true)
            let date = ArticleDate(secondsSince1970: seconds, hasTime: hasTime)
            report.clusters[0].original.date = date
            report.clusters[0].members[0].date = date
            try expectIdentical(report, "date \(date.iso8601)")
        }
    }

    /// Clusters rendered in pieces on several workers give the bytes of one writer: many pieces (the last
    /// one partial), clusters with and without members and evidence, and a non-finite score in a later piece
    /// still throwing.
    @Test func clustersRenderedInPiecesOnSeveralWorkersAreIdentical() throws {
        let full = Self.report(strings: ["a \"b\" é", "c/d", "😀 e"], optionals: true)
        let bare = Self.report(strings: ["x"], optionals: false)
        var report = full
        report.clusters = (0..<(5 * ReportJSONWriter.clustersPerPiece + 17)).map { i in
            var cluster = (i % 3 == 2 ? bare : full).clusters[i % 2]
            cluster.source = "article-\(i)"
            return cluster
        }
        let oracle = try ReportRenderer.renderWithFoundation(report)
        for workers in [1, 2, 3] {
            #expect(try ReportRenderer.render(report, as: .json, workers: workers) == oracle, "\(workers) workers")
        }
        report.clusters[4 * ReportJSONWriter.clustersPerPiece + 3].members[0].scores.jaccard = .nan
        #expect(throws: EncodingError.self) { try ReportRenderer.render(report, as: .json, workers: 2) }
    }

    @Test func nonFiniteDoublesThrowLikeJSONEncoder() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            var report = Self.report(strings: ["x"], optionals: true)
            report.clusters[0].members[0].scores.jaccard = bad
            #expect(throws: EncodingError.self) { try ReportRenderer.renderWithFoundation(report) }
            #expect(throws: EncodingError.self) { try ReportRenderer.render(report, as: .json) }
        }
    }

    @Test func outputParsesAndReadsBack() throws {
        for report in [Self.report(strings: ["a/b \"c\" \u{01} é 😀"], optionals: true), Self.report(strings: ["x"], optionals: false),
                       scanReport([TestSupport.samplesFeed.path])] {
            let data = try ReportRenderer.render(report, as: .json)
            #expect(data.last == UInt8(ascii: "\n"))
            #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
            #expect(try JSONDecoder().decode(ScanReport.self, from: data) == report)
        }
    }

    // MARK: A hand-built report

    /// A report with two clusters, problems, suspected rewrites and evidence, its strings cycling through
    /// `strings`; with `optionals`, every optional field is set, otherwise every one is nil (and the lists
    /// that may be empty are empty in the second cluster).
    static func report(strings: [String], optionals: Bool) -> ScanReport {
        var next = 0
        func s() -> String {
            defer { next += 1 }
            return strings[next % strings.count]
        }
        func opt() -> String? { optionals ? s() : nil }
        // A date without a time is midnight UTC, as dedupe reads it back.
        func date(_ hasTime: Bool) -> ArticleDate? {
            optionals ? ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 1, hasTime ? 8 : 0, hasTime ? 30 : 0), hasTime: hasTime) : nil
        }
        func info(_ hasTime: Bool) -> ScanReport.ArticleInfo {
            ScanReport.ArticleInfo(ArticleMetadata(id: s(), title: opt(), date: date(hasTime), url: opt(), outlet: opt(),
                                                   author: opt(), location: ArticleLocation(path: s(), item: 2)))
        }
        func scores(_ j: Double, _ a: Double, _ b: Double) -> ScanReport.Scores {
            ScanReport.Scores(PairScores(jaccard: j, firstInSecond: a, secondInFirst: b))
        }
        func tells() -> TellsReport? {
            guard optionals else { return nil }
            var t = TellsReport(RewriteTells(mentionsOriginal: s(), faqBlock: s(), fillerPhrases: [s(), s()]))
            t?.flags.append(s())
            return t
        }
        func passage(_ start: Int) -> RewriteEvidenceReport.Passage { .init(start: start, end: start + 40, text: s()) }
        func evidence() -> RewriteEvidenceReport? {
            guard optionals else { return nil }
            return RewriteEvidenceReport(
                sourceCoverage: 0.6123, memberAligned: 0.5, orderPreserved: 1, newFigureShare: 0,
                alignedPassages: [.init(source: passage(0), member: passage(12), similarity: 0.8765),
                                  .init(source: passage(100), member: passage(90), similarity: 1)],
                sharedFigures: [s(), "41,000"], sharedNames: [s(), s()], sharedQuotations: [s()])
        }
        func member(_ relation: Relation, _ j: Double) -> ScanReport.Member {
            let i = info(relation != .rewrite)
            return ScanReport.Member(id: i.id, relation: relation, title: i.title, outlet: i.outlet, date: i.date, url: i.url,
                                     author: i.author, path: i.path, scores: scores(j, 0.99995, 1.0 / 3.0),
                                     evidence: relation == .rewrite ? evidence() : nil, tells: tells())
        }
        let first = ScanReport.Cluster(source: s(), original: info(true),
                                       members: [member(.duplicate, 1), member(.nearDuplicate, 0.5), member(.rewrite, 0.1234)])
        let second = ScanReport.Cluster(source: s(), original: info(false), members: optionals ? [member(.rewrite, 0.2)] : [])
        let problem = { (severity: FeedProblem.Severity, read: Bool) in
            FeedProblem(path: s(), line: optionals ? 3 : nil, reason: s(), severity: severity, articleRead: read)
        }
        var suspected: [ScanReport.SuspectedRewrite] = []
        if optionals, let t = tells() { suspected.append(.init(article: info(false), tells: t)) }
        return ScanReport(
            schemaVersion: ScanReport.currentSchemaVersion,
            tool: .init(name: s(), version: s()),
            parameters: .init(threshold: 0.5, shingleSize: 5, permutations: 128, minhash: s(), bands: 16, rows: 8,
                              sCurve: ["0.3": 0.0013, "0.5": 0.0606, "0.7": 0.8472, "0.9": 1]),
            summary: .init(files: 7, articles: 8, clusters: 2, linkedArticles: 6, errors: 2, warnings: 1, unsupportedFiles: 1,
                           candidatePairs: 12, verifiedLinks: 4, rewriteCandidatePairs: 3, seconds: 0.123,
                           stageSeconds: optionals ? ["ingest": 0.05, "copies": 0.01, "rewrites": 1e-5, "clusters": 0] : [:]),
            clusters: [first, second],
            errors: [problem(.error, false), problem(.error, true)],
            warnings: optionals ? [problem(.warning, true)] : [],
            unsupported: [FeedProblem(path: s(), reason: s(), severity: .error)],
            suspectedRewrites: suspected)
    }
}
