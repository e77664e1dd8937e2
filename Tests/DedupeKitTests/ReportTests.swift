@testable import DedupeKit
import Foundation
import Testing

@Suite("Report")
struct ReportTests {
    private func copyFeedReport(_ body: (ScanReport, DedupeKit.Scanner.Result, URL) throws -> Void) throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            let result = DedupeKit.Scanner(configuration: ScanConfiguration(workers: 2)).scan([root.path])
            try body(ReportBuilder.report(from: result), result, root)
        }
    }

    // MARK: ReportBuilder

    @Test func summaryCountsAgreeWithTheLists() throws {
        try copyFeedReport { report, result, _ in
            #expect(report.schemaVersion == 1)
            #expect(report.tool.name == "dedupe")
            #expect(report.tool.version == DedupeVersion.current)
            let s = report.summary
            #expect(s.files == 7)
            #expect(s.articles == 8)
            #expect(s.clusters == report.clusters.count && s.clusters == 1)
            #expect(s.linkedArticles == 4)  // the original and its three copies
            #expect(s.linkedArticles == report.clusters.reduce(0) { $0 + 1 + $1.members.count })
            #expect(s.errors == report.errors.count && s.errors == 2)
            #expect(s.warnings == report.warnings.count && s.warnings == 1)
            #expect(s.unsupportedFiles == report.unsupported.count && s.unsupportedFiles == 1)
            #expect(s.verifiedLinks == result.links.count)
            #expect(s.candidatePairs == result.candidatePairs)
            #expect(s.candidatePairs >= s.verifiedLinks)
            #expect(s.seconds >= 0)
            #expect(report.errors.allSatisfy { $0.severity == .error })
            #expect(report.warnings.allSatisfy { $0.severity == .warning })
        }
    }

    @Test func parametersAndSCurve() throws {
        try copyFeedReport { report, result, _ in
            let p = report.parameters
            #expect(p.threshold == 0.5 && p.shingleSize == 5 && p.permutations == 128)
            #expect(p.bands == result.lsh.bands && p.rows == result.lsh.rows)
            #expect(p.bands * p.rows <= p.permutations)
            #expect(Set(p.sCurve.keys) == ["0.3", "0.5", "0.7", "0.9"])
            for (key, value) in p.sCurve {
                let s = try #require(Double(key))
                let exact = 1 - pow(1 - pow(s, Double(p.rows)), Double(p.bands))
                #expect(abs(value - exact) <= 0.00005 + 1e-12, "sCurve[\(key)]")
            }
            #expect(!p.minhash.isEmpty)
        }
    }

    @Test func clusterEntries() throws {
        try copyFeedReport { report, _, root in
            let cluster = try #require(report.clusters.first)
            #expect(cluster.source == "news/original.txt")
            #expect(cluster.original.id == "news/original.txt")
            #expect(cluster.original.title == "Original story")
            #expect(cluster.original.outlet == "First Wire")
            #expect(cluster.original.url == "https://first.example/story")
            #expect(cluster.original.author == "Ada Writer")
            #expect(cluster.original.date?.iso8601 == "2026-03-01T08:00:00Z")
            #expect(cluster.original.path == root.path + "/news/original.txt")
            #expect(cluster.members.map(\.id) == ["news/copy.txt", "farm/edited.md", "wire/items.jsonl#line-3"])
            #expect(cluster.members.map(\.relation) == [.duplicate, .nearDuplicate, .duplicate])
            let copy = cluster.members[0]
            #expect(copy.title == "Copied story" && copy.outlet == "Second Gazette")
            #expect(copy.date?.iso8601 == "2026-03-01T10:00:00Z")
            #expect(copy.path == root.path + "/news/copy.txt")
            #expect(copy.scores.jaccard == 1 && copy.scores.sourceInMember == 1 && copy.scores.memberInSource == 1)
            let item = cluster.members[2]
            #expect(item.title == nil && item.date == nil && item.outlet == nil)
            #expect(item.path == root.path + "/wire/items.jsonl")
            let edited = cluster.members[1]
            #expect(edited.date?.iso8601 == "2026-03-02")
            for score in [edited.scores.jaccard, edited.scores.sourceInMember, edited.scores.memberInSource] {
                #expect((0...1).contains(score))
                #expect((score * 10_000).rounded() == score * 10_000, "\(score) is not rounded to 4 decimals")
            }
            // The edit cut a sentence and added lines: the original holds less of the edit than the edit of it,
            // and Jaccard is below both containments.
            #expect(edited.scores.jaccard <= edited.scores.sourceInMember)
            #expect(edited.scores.jaccard <= edited.scores.memberInSource)
        }
    }

    @Test func scoresAreRoundedAndOriented() {
        let scores = ScanReport.Scores(PairScores(jaccard: 0.123456, firstInSecond: 0.99995, secondInFirst: 1.0 / 3.0))
        #expect(scores.jaccard == 0.1235)
        #expect(scores.sourceInMember == 1.0)
        #expect(scores.memberInSource == 0.3333)
    }

    // MARK: ReportRenderer

    @Test func jsonRoundTripsAndIsStable() throws {
        try copyFeedReport { report, _, _ in
            let data = try ReportRenderer.render(report, as: .json)
            #expect(data.last == UInt8(ascii: "\n"))
            let decoded = try JSONDecoder().decode(ScanReport.self, from: data)
            #expect(decoded == report)
            #expect(try ReportRenderer.render(decoded, as: .json) == data)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("https://first.example/story"))  // slashes not escaped
            #expect(!text.contains(": null"))  // missing values are left out
            #expect(text.contains("\"relation\" : \"near-duplicate\""))
            // Keys are sorted: "clusters" comes before "errors", before "parameters", before "schemaVersion".
            let order = ["\"clusters\"", "\"errors\"", "\"parameters\"", "\"schemaVersion\"", "\"summary\"", "\"tool\"", "\"unsupported\"", "\"warnings\""]
            let positions = order.compactMap { text.range(of: "\n  \($0)")?.lowerBound }
            #expect(positions.count == order.count)
            #expect(positions == positions.sorted())
        }
    }

    @Test func textReport() throws {
        try copyFeedReport { report, _, root in
            let text = String(decoding: try ReportRenderer.render(report, as: .text), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix("dedupe \(DedupeVersion.current): 8 articles in 7 files, 1 clusters, 4 articles linked, 2 errors, 1 warnings") == true)
            #expect(lines.contains("Cluster 1: Original story"))
            #expect(lines.contains("  original        news/original.txt  2026-03-01T08:00:00Z  First Wire"))
            #expect(lines.contains("  duplicate       news/copy.txt  2026-03-01T10:00:00Z  Second Gazette  jaccard 1.00"))
            #expect(lines.contains { $0.hasPrefix("  near-duplicate  farm/edited.md  2026-03-02  Third Ledger  jaccard 0.") })
            #expect(lines.contains("  duplicate       wire/items.jsonl#line-3  jaccard 1.00"))
            #expect(lines.contains("Errors:"))
            #expect(lines.contains { $0.hasPrefix("  \(root.path)/wire/items.jsonl:2: invalid JSON") })
            #expect(lines.contains("Warnings:"))
            #expect(lines.contains("Not scanned:"))
            #expect(lines.contains { $0.hasPrefix("  \(root.path)/notes/readme.pdf: ") })
            #expect(text.hasSuffix("\n"))
        }
    }

    @Test func textReportOfACleanFeedHasNoProblemSections() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeManyGroups(in: root, groups: 2)
            let report = ReportBuilder.report(from: DedupeKit.Scanner().scan([root.path]))
            let text = String(decoding: try ReportRenderer.render(report, as: .text), as: UTF8.self)
            #expect(text.contains("Cluster 1: Story 0") || text.contains("Cluster 1: Story 1"))
            #expect(text.contains("Cluster 2:"))
            #expect(!text.contains("Errors:") && !text.contains("Warnings:") && !text.contains("Not scanned:"))
        }
    }

    @Test func clusterTitleFallsBackToTheSourceID() throws {
        try TestSupport.withTemporaryDirectory { root in
            var prose = ProseGenerator(seed: 21)
            let body = prose.article()
            try TestSupport.write("date: 2026-01-01\n\n" + body, to: "untitled.txt", in: root)
            try TestSupport.write("date: 2026-01-02\n\n" + body, to: "later.txt", in: root)
            let report = ReportBuilder.report(from: DedupeKit.Scanner().scan([root.path]))
            let text = String(decoding: try ReportRenderer.render(report, as: .text), as: UTF8.self)
            #expect(text.contains("Cluster 1: untitled.txt\n"))
        }
    }

    // MARK: ReportFileWriter

    @Test func writesAtomicallyAndReplaces() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("report.json").path
            try ReportFileWriter.write(Data("first version, rather long\n".utf8), to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "first version, rather long\n")
            try ReportFileWriter.write(Data("second\n".utf8), to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
            // Nothing else is left in the folder: no temporary file.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        }
    }

    /// A report streamed to its file a chunk at a time (as `dedupe scan` writes it) is byte for byte the
    /// report rendered whole, here one of several chunks.
    @Test func streamedReportFileEqualsTheWholeRendering() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let feed = folder.appendingPathComponent("feed")
            try TestFeeds.writeManyGroups(in: feed, groups: 300)
            let report = ReportBuilder.report(from: DedupeKit.Scanner(configuration: ScanConfiguration(workers: 2)).scan([feed.path]))
            let path = folder.appendingPathComponent("report.json").path
            var chunks = 0
            try ReportFileWriter.write(to: path) { sink in
                try ReportRenderer.render(report, as: .json) { chunk in
                    chunks += 1
                    sink(chunk)
                }
            }
            #expect(chunks > 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == ReportRenderer.renderWithFoundation(report))
        }
    }

    /// When making the report fails half-way, the last complete report stays and no temporary file is left.
    @Test func aFailedRenderingKeepsTheLastReport() throws {
        struct Interrupted: Error {}
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("report.json").path
            try ReportFileWriter.write(Data("complete\n".utf8), to: path)
            #expect(throws: ReportWriteError.self) {
                try ReportFileWriter.write(to: path) { sink in
                    Data("half of a report".utf8).withUnsafeBytes { sink($0.bindMemory(to: UInt8.self)) }
                    throw Interrupted()
                }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "complete\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        }
    }

    @Test func replacesAReportOthersHoldOpen() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("report.json").path
            try ReportFileWriter.write(Data("old\n".utf8), to: path)
            let reader = try #require(FileHandle(forReadingAtPath: path))
            defer { try? reader.close() }
            try ReportFileWriter.write(Data("new\n".utf8), to: path)
            // A reader that opened the old report still sees the whole old report (a rename, not a rewrite).
            #expect(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) == "old\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        }
    }

    @Test func missingFolderThrows() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("no/such/folder/report.json").path
            let error = try #require(throws: ReportWriteError.self) {
                try ReportFileWriter.write(Data("x".utf8), to: path)
            }
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func directoryInTheWayThrowsAndLeavesNoTemporaryFile() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let target = folder.appendingPathComponent("report.json")
            try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
            #expect(throws: ReportWriteError.self) {
                try ReportFileWriter.write(Data("x".utf8), to: target.path)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        }
    }
}
