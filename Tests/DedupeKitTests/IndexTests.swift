@testable import DedupeKit
import Foundation
import GRDB
import Testing
@testable import DedupeIndex

/// The persistent index: nightly increments, only-new reports, gone files, refusal of overlapping runs,
/// clear errors for corrupt or foreign files.
@Suite("Index")
struct IndexTests {
    static func scanner(_ index: URL, onlyNew: Bool = false, window: Int? = nil) -> IndexedScanner {
        IndexedScanner(configuration: ScanConfiguration(workers: 2), indexPath: index.path, windowDays: window, onlyNew: onlyNew)
    }

    static func memberIDs(_ result: DedupeKit.Scanner.Result) -> Set<String> {
        Set(result.clusters.flatMap { $0.members.map { result.articles[$0.article].id } })
    }

    @Test func secondNightReportsExactlyTheNewMembers() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 4)
            let (first, firstRun) = try Self.scanner(index).scan([feed.path])
            #expect(firstRun.newArticles == 16)
            #expect(first.clusters.count == 4)

            // Night two: a verbatim copy of story 0 under a new outlet, an unrelated article.
            let story = try String(contentsOf: feed.appendingPathComponent("a/story-0.txt"), encoding: .utf8)
            let body = story.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
            try TestSupport.write("title: Night two copy\ndate: 2026-02-02T07:00:00Z\noutlet: Night Desk\n\n" + body,
                                  to: "e/night-two-copy.txt", in: feed)
            var prose = ProseGenerator(seed: 99)
            try TestSupport.write("title: Unrelated\ndate: 2026-02-02\n\n" + prose.article(), to: "e/unrelated.txt", in: feed)

            let (morning, secondRun) = try Self.scanner(index, onlyNew: true).scan([feed.path])
            #expect(secondRun.newArticles == 2)
            #expect(secondRun.unchangedFiles == 16)
            #expect(morning.clusters.count == 1)
            #expect(Self.memberIDs(morning).contains("e/night-two-copy.txt"))
            let cluster = try #require(morning.clusters.first)
            #expect(morning.articles[cluster.source].id == "a/story-0.txt")
            let newMember = try #require(cluster.members.first { morning.articles[$0.article].id == "e/night-two-copy.txt" })
            #expect(newMember.relation == .duplicate)

            // The whole state still has every cluster, now with the new member.
            let (whole, thirdRun) = try Self.scanner(index).scan([feed.path])
            #expect(thirdRun.newArticles == 0)
            #expect(whole.clusters.count == 4)
            #expect(Self.memberIDs(whole).isSuperset(of: Self.memberIDs(first)))
            #expect(Self.memberIDs(whole).contains("e/night-two-copy.txt"))
        }
    }

    @Test func indexedScanFindsWhatAPlainScanFinds() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            try TestFeeds.writeCopyFeed(in: feed)
            try TestFeeds.writeManyGroups(in: feed.appendingPathComponent("more"), groups: 3)
            let plain = DedupeKit.Scanner(configuration: ScanConfiguration(workers: 2)).scan([feed.path])
            let (indexed, _) = try Self.scanner(dir.appendingPathComponent("i.sqlite")).scan([feed.path])
            func shape(_ r: DedupeKit.Scanner.Result) -> Set<String> {
                Set(r.clusters.flatMap { c in c.members.map { "\(r.articles[c.source].id) <- \(r.articles[$0.article].id) \($0.relation)" } })
            }
            #expect(shape(indexed) == shape(plain))
            #expect(Set(indexed.problems.map(\.path).map { URL(fileURLWithPath: $0).lastPathComponent })
                    == Set(plain.problems.map(\.path).map { URL(fileURLWithPath: $0).lastPathComponent }))
        }
    }

    @Test func indexedReportCarriesRewriteEvidence() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let (result, _) = try Self.scanner(dir.appendingPathComponent("samples.sqlite")).scan([TestSupport.samplesFeed.path])
            let report = ReportBuilder.report(from: result)
            let rewrite = try #require(report.clusters.flatMap(\.members).first { $0.id == "farm/harbour-bridge-rewrite.txt" })
            #expect(rewrite.relation == .rewrite)
            let evidence = try #require(rewrite.evidence)
            #expect(evidence.alignedPassages.count >= 5)
            #expect(evidence.sharedNames.contains("Marrowhaven"))
            #expect(!report.clusters.flatMap(\.members).contains { $0.id == "news/harbour-bridge-independent.txt" })
        }
    }

    @Test func goneFilesLeaveTheReportAndChangedFilesAreReread() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 2)
            _ = try Self.scanner(index).scan([feed.path])
            try FileManager.default.removeItem(at: feed.appendingPathComponent("b/copy-0.txt"))
            var prose = ProseGenerator(seed: 5)
            try TestSupport.write("date: 2026-02-01T10:00:00Z\n\n" + prose.article(), to: "c/edit-1.md", in: feed)
            let (result, run) = try Self.scanner(index).scan([feed.path])
            #expect(run.goneFiles == 1)
            #expect(run.newOrChangedFiles == 1)
            #expect(!result.articles.contains { $0.id == "b/copy-0.txt" })
            #expect(!Self.memberIDs(result).contains("c/edit-1.md"))
            let stats = try IndexMaintenance.stats(index.path)
            #expect(stats.goneArticles == 1)
            #expect(stats.liveArticles == 7)
        }
    }

    @Test func anOverlappingRunIsRefused() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 1)
            let held = try IndexLock(indexPath: index.path)
            #expect(throws: IndexError.locked(path: index.path)) { try Self.scanner(index).scan([feed.path]) }
            #expect(throws: IndexError.locked(path: index.path)) { try IndexMaintenance.prune(index.path, olderThanDays: 1) }
            withExtendedLifetime(held) {}
        }
    }

    @Test func corruptForeignAndMismatchedIndexesGiveClearErrors() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            try TestFeeds.writeManyGroups(in: feed, groups: 1)
            let garbage = dir.appendingPathComponent("garbage.sqlite")
            try Data("this is not a database, just some text long enough".utf8).write(to: garbage)
            #expect {
                try Self.scanner(garbage).scan([feed.path])
            } throws: { error in
                guard case .corrupt(let path, _) = error as? IndexError else { return false }
                return path == garbage.path
            }

            let foreign = dir.appendingPathComponent("foreign.sqlite")
            let queue = try DatabaseQueue(path: foreign.path)
            try queue.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)") }
            #expect {
                try Self.scanner(foreign).scan([feed.path])
            } throws: { error in
                guard case .foreign = error as? IndexError else { return false }
                return "\(error)".contains("not a dedupe index")
            }

            let index = dir.appendingPathComponent("index.sqlite")
            _ = try Self.scanner(index).scan([feed.path])
            let other = IndexedScanner(configuration: ScanConfiguration(shingleSize: 3, workers: 1), indexPath: index.path)
            #expect {
                try other.scan([feed.path])
            } throws: { error in
                guard case .settingsMismatch(_, let reason) = error as? IndexError else { return false }
                return reason.contains("shingleSize")
            }
        }
    }

    /// A key row whose band blob was cut short is named, with what it holds, and the run stops before
    /// matching anything against it.
    @Test func aDamagedKeyRowIsReportedAsCorruption() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            try TestFeeds.writeManyGroups(in: feed, groups: 1)
            let index = dir.appendingPathComponent("index.sqlite")
            _ = try Self.scanner(index).scan([feed.path])
            let damaged: Int64 = try DatabaseQueue(path: index.path).write { db in
                let id = try Int64.fetchOne(db, sql: "SELECT MIN(article) FROM articleKeys")!
                try db.execute(sql: "UPDATE articleKeys SET bands = substr(bands, 1, 24) WHERE article = ?", arguments: [id])
                return id
            }
            try TestFeeds.writeManyGroups(in: dir.appendingPathComponent("feed/night2"), groups: 1)
            #expect {
                try Self.scanner(index).scan([feed.path])
            } throws: { error in
                guard case .corrupt(let path, let reason) = error as? IndexError else { return false }
                return path == index.path && reason == "article \(damaged) has 3 band keys, 32 expected"
            }
        }
    }

    /// Storing a night's clusters over the last night's leaves exactly the new membership: members that
    /// moved to another source or changed relation are rewritten, those in no cluster any more are deleted,
    /// the unchanged ones stay.
    @Test func storedClusterMembersFollowTheClusters() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE clusterMembers (article INTEGER PRIMARY KEY NOT NULL, source INTEGER NOT NULL, relation TEXT NOT NULL)")
        }
        let scores = PairScores(jaccard: 1, firstInSecond: 1, secondInFirst: 1)
        func cluster(_ source: Int, _ members: [(Int, Relation)]) -> StarClusterer.Cluster {
            StarClusterer.Cluster(source: source, members: members.map {
                StarClusterer.Member(article: $0.0, relation: $0.1, scores: scores, linkIndex: 0)
            })
        }
        func stored() throws -> [[String]] {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT article, source, relation FROM clusterMembers ORDER BY article").map {
                    ["\($0[0] as Int64)", "\($0[1] as Int64)", $0[2]]
                }
            }
        }
        // Row ids are positions times ten, so a mix-up of positions and ids would show.
        let rowIDs: [Int64] = (0..<8).map { Int64($0) * 10 }
        try queue.write { db in
            try IndexedScanner.storeClusterMembers([cluster(0, [(1, .duplicate), (2, .rewrite)]), cluster(3, [(4, .nearDuplicate)])],
                                                   rowIDs: rowIDs, db: db)
        }
        #expect(try stored() == [["0", "0", "source"], ["10", "0", "duplicate"], ["20", "0", "rewrite"],
                                 ["30", "30", "source"], ["40", "30", "near-duplicate"]])
        // Article 2 becomes a near-duplicate, 4 joins source 0, 3 is in no cluster any more, 5 and 6 are new.
        try queue.write { db in
            try IndexedScanner.storeClusterMembers(
                [cluster(0, [(1, .duplicate), (2, .nearDuplicate), (4, .rewrite)]), cluster(5, [(6, .duplicate)])],
                rowIDs: rowIDs, db: db)
        }
        #expect(try stored() == [["0", "0", "source"], ["10", "0", "duplicate"], ["20", "0", "near-duplicate"],
                                 ["40", "0", "rewrite"], ["50", "50", "source"], ["60", "50", "duplicate"]])
        try queue.write { db in try IndexedScanner.storeClusterMembers([], rowIDs: rowIDs, db: db) }
        #expect(try stored().isEmpty)
    }

    @Test func pruneRemovesOldArticles() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 2)  // dated February 2026
            try TestSupport.write("title: Later\ndate: 2026-06-01\n\nA later article about the harbour tides and the new ferry timetable.\n",
                                  to: "z/later.txt", in: feed)
            _ = try Self.scanner(index).scan([feed.path])
            let now = Date(timeIntervalSince1970: TimeInterval(TestSupport.utc(2026, 6, 10)))
            let pruned = try IndexMaintenance.prune(index.path, olderThanDays: 30, now: now)
            // Six dated February articles go; the two undated ones were added by a run younger than 30 days.
            #expect(pruned.removedArticles == 6)
            #expect(pruned.removedLinks > 0)
            let stats = try IndexMaintenance.stats(index.path)
            #expect(stats.liveArticles == 3)
            #expect(stats.links.isEmpty)
            // The files are still there and unchanged: a rerun does not bring the pruned articles back.
            let (_, run) = try Self.scanner(index).scan([feed.path])
            #expect(run.newArticles == 0)
        }
    }

    @Test func windowLimitsComparisonsByDate() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            var prose = ProseGenerator(seed: 3)
            let body = prose.article()
            try TestSupport.write("date: 2026-01-01\n\n" + body, to: "old.txt", in: feed)
            try TestSupport.write("date: 2026-03-01\n\n" + body, to: "new.txt", in: feed)
            let (wide, _) = try Self.scanner(dir.appendingPathComponent("a.sqlite")).scan([feed.path])
            let (narrow, _) = try Self.scanner(dir.appendingPathComponent("b.sqlite"), window: 30).scan([feed.path])
            #expect(wide.clusters.count == 1)
            #expect(narrow.clusters.isEmpty)
        }
    }
}
