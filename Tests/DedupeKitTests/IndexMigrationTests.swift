import DedupeKit
import Foundation
import GRDB
import Testing
@testable import DedupeIndex

/// An index written with schema version 1 (postings tables `bandKeys` and `keyTerms`, no precedence
/// column) is upgraded in place when a newer dedupe opens it, and goes on giving the same results.
@Suite("Index migration")
struct IndexMigrationTests {
    /// Rewrites a current index as version 1 wrote it: the keys back into postings tables, the version-2
    /// column, indexes and table dropped, and the migration forgotten.
    static func downgradeToVersion1(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE bandKeys (band INTEGER NOT NULL, key INTEGER NOT NULL, article INTEGER NOT NULL,
                    PRIMARY KEY (band, key, article)) WITHOUT ROWID;
                CREATE INDEX bandKeysByArticle ON bandKeys(article);
                CREATE TABLE keyTerms (term INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (term, article)) WITHOUT ROWID;
                CREATE INDEX keyTermsByArticle ON keyTerms(article);
                """)
            for row in try Row.fetchAll(db, sql: "SELECT article, bands, keyTerms FROM articleKeys") {
                let article: Int64 = row[0]
                let bands: [UInt64] = BlobCoding.decode(row[1] as Data)
                for (band, key) in bands.enumerated() {
                    try db.execute(sql: "INSERT INTO bandKeys VALUES (?, ?, ?)", arguments: [band, Int64(bitPattern: key), article])
                }
                for term in BlobCoding.decode(row[2] as Data, as: UInt32.self) {
                    try db.execute(sql: "INSERT INTO keyTerms VALUES (?, ?)", arguments: [Int64(term), article])
                }
            }
            try db.execute(sql: """
                DROP TABLE articleKeys;
                DROP INDEX articlesPrecedence; DROP INDEX linksSummary; DROP INDEX articlesWithTells; DROP INDEX articlesCounted;
                ALTER TABLE articles DROP COLUMN shingleCount;
                DELETE FROM grdb_migrations WHERE identifier = 'v2';
                """)
        }
    }

    static func keys(_ path: String) throws -> [Int64: [Data]] {
        try DatabaseQueue(path: path).read { db in
            var out: [Int64: [Data]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT article, bands, keyTerms FROM articleKeys") { out[row[0]] = [row[1], row[2]] }
            return out
        }
    }

    @Test func aVersion1IndexIsUpgradedWithTheSameKeysAndResults() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            try TestFeeds.writeManyGroups(in: feed, groups: 4)
            try TestFeeds.writeCopyFeed(in: feed.appendingPathComponent("copies"))
            let current = dir.appendingPathComponent("current.sqlite").path, old = dir.appendingPathComponent("old.sqlite").path
            let config = ScanConfiguration(workers: 2)
            _ = try IndexedScanner(configuration: config, indexPath: current).scan([feed.path])
            try FileManager.default.copyItem(atPath: current, toPath: old)
            let keysBefore = try Self.keys(current)
            #expect(keysBefore.count > 20)
            #expect(keysBefore.values.contains { !$0[1].isEmpty })  // some articles have key terms

            try Self.downgradeToVersion1(old)
            let tables = try DatabaseQueue(path: old).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            #expect(tables.contains("bandKeys") && !tables.contains("articleKeys"))

            // Night two on both: the old index is upgraded on opening, then finds what the current one finds.
            var prose = ProseGenerator(seed: 5)
            let story = try String(contentsOf: feed.appendingPathComponent("a/story-1.txt"), encoding: .utf8)
            let body = story.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
            try TestSupport.write("title: Copy\ndate: 2026-02-03\noutlet: Other Desk\n\n" + body, to: "z/copy.txt", in: feed)
            try TestSupport.write("title: New\ndate: 2026-02-03\n\n" + prose.article(), to: "z/new.txt", in: feed)
            let (currentNight, _) = try IndexedScanner(configuration: config, indexPath: current, onlyNew: true).scan([feed.path])
            let (oldNight, _) = try IndexedScanner(configuration: config, indexPath: old, onlyNew: true).scan([feed.path])
            #expect(currentNight.clusters.count == 1)
            let render = { (r: DedupeKit.Scanner.Result) in
                ReportBuilder.report(from: r, toolVersion: "test").clusters.map { c in [c.original.id] + c.members.map(\.id) }
            }
            #expect(render(oldNight) == render(currentNight))
            #expect(try Self.keys(old) == Self.keys(current))
            let counts = try DatabaseQueue(path: old).read { db in
                try Row.fetchAll(db, sql: "SELECT shingleCount, length(shingles) / 4 AS expected FROM articles").map { ($0[0] as Int, $0[1] as Int) }
            }
            #expect(!counts.isEmpty && counts.allSatisfy { $0.0 == $0.1 })
        }
    }
}
