import DedupeKit
import Foundation
import Testing

/// The hand-written feed in Samples/feed, checked against the expectations in Samples/README.md.
@Suite("Samples/feed scan")
struct SamplesScanTests {
    private let feed = TestSupport.samplesFeed.path

    private func scan(workers: Int = 2) -> DedupeKit.Scanner.Result {
        DedupeKit.Scanner(configuration: ScanConfiguration(workers: workers)).scan([feed])
    }

    private func relation(_ result: DedupeKit.Scanner.Result, of id: String, to sourceID: String) throws -> Relation? {
        let cluster = try #require(result.cluster(containing: sourceID), "\(sourceID) is in no cluster")
        #expect(result.articles[cluster.source].id == sourceID, "\(sourceID) should be the source")
        let index = try #require(result.index(of: id), "\(id) was not read")
        return cluster.members.first { $0.article == index }?.relation
    }

    @Test func totals() {
        let result = scan()
        #expect(result.fileCount == 23)  // 17, plus the 6 files of formats/
        #expect(result.articles.count == 31)  // 20, plus the 11 articles of formats/
        #expect(result.problems.filter { $0.severity == .error }.count == 3)
        #expect(result.problems.filter { $0.severity == .warning }.count == 1)
        #expect(result.unsupported.isEmpty)
        #expect(result.clusters.count == 4)
    }

    @Test func harbourBridgeCluster() throws {
        let result = scan()
        let source = "news/harbour-bridge-original.txt"
        #expect(try relation(result, of: "news/harbour-bridge-syndicated.txt", to: source) == .duplicate)
        #expect(try relation(result, of: "news/harbour-bridge-edited.md", to: source) == .nearDuplicate)
        // The independent report of the same event is linked to nothing.
        #expect(result.index(of: "news/harbour-bridge-independent.txt") != nil)
        #expect(result.cluster(containing: "news/harbour-bridge-independent.txt") == nil)
        // The content-farm rewrite is far below the near-duplicate threshold: it may only ever join as a rewrite.
        let rewrite = try relation(result, of: "farm/harbour-bridge-rewrite.txt", to: source)
        #expect(rewrite == nil || rewrite == .rewrite)
        // The README's measured overlaps.
        let cluster = try #require(result.cluster(containing: source))
        let edited = try #require(cluster.members.first { result.articles[$0.article].id == "news/harbour-bridge-edited.md" })
        #expect(abs(edited.scores.jaccard - 0.829) < 0.005)
        #expect(abs(edited.scores.firstInSecond - 0.903) < 0.005)  // containment of the original in the edit
    }

    @Test func schoolLevyAndWeatherClusters() throws {
        let result = scan()
        let levy = try relation(result, of: "news/school-levy-copy.txt", to: "news/school-levy-original.txt")
        #expect(levy == .nearDuplicate || levy == .duplicate)
        #expect(try relation(result, of: "wire/briefs.jsonl#brief-3", to: "other/weather-warning.txt") == .duplicate)
        let cluster = try #require(result.cluster(containing: "news/school-levy-original.txt"))
        let copy = try #require(cluster.members.first)
        #expect(abs(copy.scores.jaccard - 0.971) < 0.005)
        #expect(copy.scores.firstInSecond == 1)
    }

    @Test func nothingElseIsLinked() {
        let result = scan()
        let linked = Set(result.clusters.flatMap { [$0.source] + $0.members.map(\.article) }.map { result.articles[$0].id })
        let allowed: Set<String> = [
            "news/harbour-bridge-original.txt", "news/harbour-bridge-syndicated.txt", "news/harbour-bridge-edited.md",
            "farm/harbour-bridge-rewrite.txt",
            "news/school-levy-original.txt", "news/school-levy-copy.txt",
            "other/weather-warning.txt", "wire/briefs.jsonl#brief-3",
            "formats/quayside-market.html", "formats/coastal-wire.rss#cw-2026-0318-quayside",
            "formats/valley-gazette.atom#tag:valleygazette.example,2026:quayside-market",
        ]
        #expect(linked.isSubset(of: allowed), "unexpected links: \(linked.subtracting(allowed))")
        #expect(linked.isSuperset(of: allowed.subtracting(["farm/harbour-bridge-rewrite.txt"])))
    }

    @Test func errorsNameTheBadInputs() throws {
        let result = scan()
        let errors = result.problems.filter { $0.severity == .error }
        let badDate = try #require(errors.first { $0.path.hasSuffix("bad/bad-date.txt") })
        #expect(badDate.articleRead)
        #expect(badDate.reason.contains("sometime last spring"))
        let empty = try #require(errors.first { $0.path.hasSuffix("bad/empty.txt") })
        #expect(!empty.articleRead)
        #expect(empty.reason.contains("no article text"))
        let broken = try #require(errors.first { $0.path.hasSuffix("bad/broken.jsonl") })
        #expect(broken.line == 2)
        #expect(errors.allSatisfy { $0.path.hasPrefix(feed + "/") })

        // The bad-date article is read, undated and linked to nothing; the good JSON lines are read.
        let choir = try #require(result.articles.first { $0.id == "bad/bad-date.txt" })
        #expect(choir.metadata.date == nil)
        #expect(result.cluster(containing: "bad/bad-date.txt") == nil)
        #expect(result.index(of: "bad/broken.jsonl#jl-1") != nil)
        #expect(result.index(of: "bad/broken.jsonl#jl-3") != nil)
        #expect(!result.articles.contains { $0.id.hasPrefix("bad/empty") })
    }

    @Test func latin1NoticeIsAWarningAndIsRead() throws {
        let result = scan()
        let warning = try #require(result.problems.first { $0.severity == .warning })
        #expect(warning.path.hasSuffix("bad/latin1-notice.txt"))
        #expect(warning.articleRead)
        #expect(result.index(of: "bad/latin1-notice.txt") != nil)
        #expect(result.cluster(containing: "bad/latin1-notice.txt") == nil)
        let read = FeedReader().read(FeedFile(path: feed + "/bad/latin1-notice.txt", relativeID: "bad/latin1-notice.txt"))
        let article = try #require(read.articles.first)
        #expect(article.metadata.title == "Café Aurelie to close for six weeks while kitchen is rebuilt")
        for expected in ["café", "naïve", "€48,000", "“We were", "—"] {
            #expect(article.text.contains(expected), "decoded text lacks \(expected)")
        }
    }

    @Test func sourcesAreTheEarliestArticles() {
        let result = scan()
        for cluster in result.clusters {
            let source = result.articles[cluster.source]
            for member in cluster.members {
                let m = result.articles[member.article]
                if let s = source.metadata.date, let d = m.metadata.date { #expect(s <= d, "\(source.id) after \(m.id)") }
            }
        }
    }

    @Test func sameResultWithOneAndTwoWorkers() {
        let one = scan(workers: 1), two = scan(workers: 2)
        #expect(one.articles.map(\.id) == two.articles.map(\.id))
        #expect(one.clusters == two.clusters)
        #expect(one.links == two.links)
        #expect(one.problems == two.problems)
        #expect(ReportBuilder.report(from: one).withoutTiming == ReportBuilder.report(from: two).withoutTiming)
        let json1 = try? ReportRenderer.render(ReportBuilder.report(from: one).withoutTiming, as: .json)
        let json2 = try? ReportRenderer.render(ReportBuilder.report(from: two).withoutTiming, as: .json)
        #expect(json1 != nil && json1 == json2)
    }
}
