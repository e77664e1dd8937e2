import DedupeKit
import Foundation
import GRDB

/// `dedupe index stats` and `dedupe index prune`: what an index holds, and dropping old articles.
public enum IndexMaintenance {
    /// Counts an editor or operator wants to see.
    public struct Stats: Sendable, Codable, Equatable {
        public var path: String
        public var bytes: Int64
        public var files: Int
        public var goneFiles: Int
        public var liveArticles: Int
        public var goneArticles: Int
        public var pendingArticles: Int
        public var links: [String: Int]
        public var clusters: Int
        public var runs: Int
        public var lastRun: String?
        public var lastRunStatus: String?
        public var oldestArticle: String?
        public var newestArticle: String?
        public var settings: [String: String]
    }

    public static func stats(_ path: String) throws(IndexError) -> Stats {
        let store = try IndexStore.open(path, configuration: nil)
        do {
            return try store.queue.read { db in
                func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
                var links: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT relation, COUNT(*) AS n FROM links l JOIN articles a ON a.id = l.first JOIN articles b ON b.id = l.second
                    WHERE a.goneRun IS NULL AND b.goneRun IS NULL GROUP BY relation
                    """) {
                    links[row["relation"]] = row["n"]
                }
                let last = try Row.fetchOne(db, sql: "SELECT started, status FROM runs ORDER BY id DESC LIMIT 1")
                let dates = try Row.fetchOne(db, sql: "SELECT MIN(date) AS oldest, MAX(date) AS newest FROM articles WHERE goneRun IS NULL")
                func iso(_ seconds: Int64?) -> String? { seconds.map { ArticleDate(secondsSince1970: $0, hasTime: false).iso8601 } }
                var settings: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { settings[row["key"]] = row["value"] }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
                return Stats(
                    path: path, bytes: size ?? 0,
                    files: try count("SELECT COUNT(*) FROM files WHERE goneRun IS NULL"),
                    goneFiles: try count("SELECT COUNT(*) FROM files WHERE goneRun IS NOT NULL"),
                    liveArticles: try count("SELECT COUNT(*) FROM articles WHERE goneRun IS NULL"),
                    goneArticles: try count("SELECT COUNT(*) FROM articles WHERE goneRun IS NOT NULL"),
                    pendingArticles: try count("SELECT COUNT(*) FROM articles WHERE goneRun IS NULL AND verified = 0"),
                    links: links,
                    clusters: try count("SELECT COUNT(DISTINCT source) FROM clusterMembers"),
                    runs: try count("SELECT COUNT(*) FROM runs"),
                    lastRun: last?["started"], lastRunStatus: last?["status"],
                    oldestArticle: iso(dates?["oldest"]), newestArticle: iso(dates?["newest"]), settings: settings)
            }
        } catch {
            throw .failed(path: path, reason: String(describing: error))
        }
    }

    /// What a prune removed.
    public struct PruneResult: Sendable, Codable, Equatable {
        public var removedArticles: Int
        public var removedGoneArticles: Int
        public var removedLinks: Int
        public var cutoff: String
    }

    /// Removes articles dated more than `days` before `now` (undated ones by the run that added them), and
    /// gone articles retired by runs older than that, with their candidate keys and links. Takes the run lock.
    public static func prune(_ path: String, olderThanDays days: Int, now: Date = Date()) throws(IndexError) -> PruneResult {
        let lock = try IndexLock(indexPath: path)
        defer { withExtendedLifetime(lock) {} }
        let store = try IndexStore.open(path, configuration: nil)
        let cutoff = Int64(now.timeIntervalSince1970) - Int64(days) * 86_400
        let cutoffISO = Date(timeIntervalSince1970: TimeInterval(cutoff)).ISO8601Format()
        do {
            return try store.queue.write { db in
                let oldRuns = try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE started < ?", arguments: [cutoffISO])
                let oldRunList = oldRuns.isEmpty ? "NULL" : oldRuns.map(String.init).joined(separator: ",")
                let dated = try Int64.fetchAll(db, sql: """
                    SELECT id FROM articles WHERE goneRun IS NULL AND ((date IS NOT NULL AND date < ?) OR (date IS NULL AND addedRun IN (\(oldRunList))))
                    """, arguments: [cutoff])
                let gone = try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE goneRun IN (\(oldRunList))")
                let linksBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM links") ?? 0
                for id in dated {
                    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT distinctTerms, countedInFrequency FROM articles WHERE id = ?"),
                                                  arguments: [id]) {
                        try store.uncount(row, db: db)
                    }
                }
                for id in dated + gone { try store.deleteArticle(id, db: db) }
                // Gone files with no article left are forgotten. Files still in the feed keep their row, so an
                // unchanged old file is not read (and its pruned articles not added) again.
                try db.execute(sql: "DELETE FROM files WHERE goneRun IS NOT NULL AND path NOT IN (SELECT DISTINCT path FROM articles)")
                try db.execute(sql: "DELETE FROM termFrequency WHERE df <= 0")
                let linksAfter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM links") ?? 0
                return PruneResult(removedArticles: dated.count, removedGoneArticles: gone.count,
                                   removedLinks: linksBefore - linksAfter, cutoff: cutoffISO)
            }
        } catch {
            throw .failed(path: path, reason: String(describing: error))
        }
    }
}
