import DedupeKit
import Foundation
import GRDB

/// The index file: opening (with checks that it is a dedupe index built with this run's settings), and the
/// row-level operations the indexed scan, `index stats` and `index prune` share.
public struct IndexStore: Sendable {
    let queue: DatabaseQueue
    public let path: String

    /// The settings that make fingerprints comparable; an index refuses a run with other values.
    static func settings(_ c: ScanConfiguration) -> [String: String] {
        ["shingleSize": String(c.shingleSize), "permutations": String(c.permutations), "threshold": String(c.threshold)]
    }

    /// Opens (creating when missing) and migrates the index, then checks its format and settings.
    /// `configuration` nil opens an existing index for maintenance without a settings check.
    public static func open(_ path: String, configuration: ScanConfiguration?) throws(IndexError) -> IndexStore {
        let exists = FileManager.default.fileExists(atPath: path)
        if configuration == nil, !exists { throw .failed(path: path, reason: "no index at this path") }
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            let head = handle.readData(ofLength: 16)
            try? handle.close()
            if !head.isEmpty, head != Data("SQLite format 3\u{0}".utf8) {
                throw .corrupt(path: path, reason: "not an SQLite database file")
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // WAL with `synchronous = NORMAL`: a commit stays consistent after a crash or kill -9 and only
            // the last commits can be lost to a power cut (SQLite's documented guarantee for WAL), which the
            // next run redoes; commits no longer wait for the disk.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints (which copy the WAL into the file and wait for the disk) when the WAL reaches 64 MB,
            // not SQLite's default 4 MB: a night's commits then checkpoint once, when the run closes the
            // index, instead of after every batch (each cost about 35 ms on a 1 GB index).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw .corrupt(path: path, reason: String(describing: error))
        }
        do {
            try queue.read { db in
                // No full integrity check here (it reads the whole file, seconds on a large index): damage is
                // reported by SQLite when a damaged page is read, as SQLITE_CORRUPT, mapped to IndexError.corrupt.
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty, !tables.contains("meta") {
                    throw IndexError.foreign(path: path, reason: "an SQLite database without dedupe's tables (has \(tables.prefix(5).joined(separator: ", ")))")
                }
                if tables.contains("meta") {
                    let format = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
                    guard format == IndexSchema.format else {
                        throw IndexError.foreign(path: path, reason: "meta.format is \(format ?? "missing")")
                    }
                }
            }
            let migrator = IndexSchema.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw IndexError.foreign(path: path, reason: "written by a newer dedupe (unknown schema migrations)")
            }
            try migrator.migrate(queue)
            if let configuration {
                try queue.write { db in
                    for (key, value) in settings(configuration).sorted(by: { $0.key < $1.key }) {
                        if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) {
                            guard stored == value else {
                                throw IndexError.settingsMismatch(path: path, reason: "\(key) is \(stored) in the index, \(value) in this run")
                            }
                        } else {
                            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
                        }
                    }
                }
            }
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw .corrupt(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw .failed(path: path, reason: String(describing: error))
        }
        return IndexStore(queue: queue, path: path)
    }

    /// Marks the live articles of a file gone (or deletes them, when the file is re-ingested), with their
    /// candidate keys and links; returns how many. Their terms leave the document frequencies.
    func retireArticles(path: String, run: Int64, db: Database, delete: Bool = false) throws -> Int {
        // Cached statements: a run calls this for every new or changed file, and compiling the SQL each time
        // cost more than running it.
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, distinctTerms, countedInFrequency, goneRun FROM articles WHERE path = ?"),
                                    arguments: [path])
        var live = 0
        for row in rows {
            let id: Int64 = row["id"]
            let wasLive = (row["goneRun"] as Int64?) == nil
            if wasLive {
                live += 1
                try uncount(row, db: db)
            }
            if delete {
                try deleteArticle(id, db: db)
            } else if wasLive {
                try detachArticle(id, db: db)
                try db.cachedStatement(sql: "UPDATE articles SET goneRun = ? WHERE id = ?").execute(arguments: [run, id])
            }
        }
        return live
    }

    /// Takes a live article's distinct terms out of the document frequencies, if they were counted; `row`
    /// has its `distinctTerms` and `countedInFrequency` columns.
    func uncount(_ row: Row, db: Database) throws {
        if (row["countedInFrequency"] as Int) == 1 {
            try adjustFrequencies(BlobCoding.decode(row["distinctTerms"] as Data), by: -1, db: db)
        }
    }

    /// Removes an article's candidate keys and links: it takes part in no match any more.
    func detachArticle(_ id: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM articleKeys WHERE article = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM links WHERE first = ? OR second = ?").execute(arguments: [id, id])
    }

    /// Deletes an article with its candidate keys, links and cluster memberships.
    func deleteArticle(_ id: Int64, db: Database) throws {
        try detachArticle(id, db: db)
        try db.cachedStatement(sql: "DELETE FROM clusterMembers WHERE article = ? OR source = ?").execute(arguments: [id, id])
        try db.cachedStatement(sql: "DELETE FROM articles WHERE id = ?").execute(arguments: [id])
    }

    /// Whether a live article already has this text (a verbatim copy does not count again in frequencies).
    func hasLiveCopy(_ f: Fingerprint, db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM articles WHERE contentHash = ? AND tokenCount = ? AND goneRun IS NULL AND countedInFrequency = 1)
            """), arguments: [Int64(bitPattern: f.contentHash), f.tokenCount]) ?? false
    }

    func adjustFrequencies(_ terms: [UInt32], by delta: Int, db: Database) throws {
        try adjustFrequencies(Dictionary(terms.map { ($0, delta) }, uniquingKeysWith: +), db: db)
    }

    /// Adds each delta to its term's document frequency, one upsert per term, in term order.
    func adjustFrequencies(_ deltas: [UInt32: Int], db: Database) throws {
        try db.executeRaw("INSERT INTO termFrequency (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                          forEach: deltas.keys.sorted().map { (Int64($0), Int64(deltas[$0]!)) })
    }

    /// The document frequencies of all terms, over the live articles counted in them.
    func statistics(db: Database) throws -> TermStatistics {
        let documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE goneRun IS NULL AND countedInFrequency = 1") ?? 0
        var df = TermCountTable(capacity: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM termFrequency") ?? 0)
        try db.forEachRawRow("SELECT term, df FROM termFrequency WHERE df > 0") { row in
            df.add(UInt32(truncatingIfNeeded: row.int64(0)), Int32(truncatingIfNeeded: row.int64(1)))
        }
        return TermStatistics(articleCount: max(documents, 1), documentFrequency: df)
    }

    /// The band keys and key terms of every verified live article, in id order.
    func candidateKeys(bandsPerArticle: Int, db: Database) throws -> CandidateKeys {
        var keys = CandidateKeys(bandsPerArticle: bandsPerArticle)
        // Ids ascend from 1, so the largest bounds the row count: room made once, not grown row by row.
        keys.reserve(articles: Int(try Int64.fetchOne(db, sql: "SELECT MAX(article) FROM articleKeys") ?? 0))
        try db.forEachRawRow("SELECT article, bands, keyTerms FROM articleKeys ORDER BY article") { row in
            let id = row.int64(0)
            guard keys.append(id: id, bandBlob: row.blob(1), keyTermBlob: row.blob(2)) else {
                throw IndexError.corrupt(path: path, reason: "article \(id) has \(row.blob(1).count / MemoryLayout<UInt64>.size) band keys, \(bandsPerArticle) expected")
            }
        }
        return keys
    }

    func insertLink(_ link: VerifiedLink, first: Int64, second: Int64, run: Int64, db: Database) throws {
        let rewrite = try link.rewrite.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO links (first, second, relation, jaccard, firstInSecond, secondInFirst, originalIsFirst, rewrite, run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [first, second, link.relation.rawValue, link.scores.jaccard, link.scores.firstInSecond,
                             link.scores.secondInFirst, link.originalIsFirst.map { $0 ? 1 : 0 }, rewrite, run])
    }

    /// A link from the summary columns `relation, jaccard, firstInSecond, secondInFirst, originalIsFirst` at
    /// `column...column + 4` (its rewrite measures are read separately, for reported links only); nil for a
    /// relation this version does not know.
    func decodeLink(_ row: RawRow, from column: Int32, first: Int, second: Int) -> VerifiedLink? {
        guard let relation = row.text(column).flatMap(Relation.init(rawValue:)) else { return nil }
        let scores = PairScores(jaccard: row.double(column + 1), firstInSecond: row.double(column + 2), secondInFirst: row.double(column + 3))
        return VerifiedLink(pair: ArticlePair(first, second), relation: relation, scores: scores,
                            originalIsFirst: row.isNull(column + 4) ? nil : row.int64(column + 4) == 1, rewrite: nil)
    }
}
