import GRDB

/// The index's tables, created and upgraded by versioned migrations (GRDB's `DatabaseMigrator` records
/// which have run in `grdb_migrations`). A new schema version is a new migration, never an edit of an old one.
///
/// - `meta`: what the file is (`format = dedupe-index`) and the fingerprint settings it was built with;
/// - `runs`: one row per run, with its status (`running`, `done`), so an interrupted run is visible;
/// - `files`: every file seen, with size, modification time and content hash (unchanged files are skipped);
/// - `articles`: metadata, fingerprint blobs, tells; `verified = 0` until its candidates have been checked;
///   `goneRun` set when its file disappeared or changed;
/// - `articleKeys` (version 2; `bandKeys` and `keyTerms` postings tables before): each verified article's
///   LSH band keys and rare key terms, read in one pass by a run (see `CandidateKeys`);
/// - `termFrequency`: document frequency of each content term over live articles (copies counted once);
/// - `links`: verified links; `clusterMembers`: the clusters of the last run.
///
/// Version 2 lets a run cluster without reading article rows or rewrite measures: `articles.shingleCount`
/// (what precedence needs, so far computed from the shingle blob) and two covering indexes,
/// `articlesPrecedence` and `linksSummary`; `articlesWithTells`, which finds the suspected rewrites without a
/// pass over every row; and `articlesCounted`, which counts the live articles and those counted in the
/// document frequencies (each count was a pass over the whole table). An article row is several pages (its fingerprint blobs) and a
/// rewrite link carries its alignment as JSON; reading 60,000 of each cost a 100,000-article index a third
/// of a second every night, which the narrow indexes bring down to a few pages.
enum IndexSchema {
    static let format = "dedupe-index"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL,
                    newArticles INTEGER NOT NULL DEFAULT 0, goneArticles INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE files (
                    path TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
                    contentHash INTEGER NOT NULL, problems TEXT, seenRun INTEGER NOT NULL, goneRun INTEGER);
                CREATE TABLE articles (
                    id INTEGER PRIMARY KEY, articleID TEXT NOT NULL, path TEXT NOT NULL, item INTEGER,
                    title TEXT, date INTEGER, hasTime INTEGER, url TEXT, outlet TEXT, author TEXT,
                    tokenCount INTEGER NOT NULL, contentHash INTEGER NOT NULL,
                    shingles BLOB NOT NULL, signature BLOB NOT NULL, terms BLOB NOT NULL, termSentences BLOB NOT NULL,
                    sentenceSpans BLOB NOT NULL, figures BLOB NOT NULL, distinctTerms BLOB NOT NULL, tells TEXT,
                    countedInFrequency INTEGER NOT NULL, addedRun INTEGER NOT NULL, verified INTEGER NOT NULL DEFAULT 0,
                    goneRun INTEGER);
                CREATE INDEX articlesByPath ON articles(path);
                CREATE INDEX articlesByContent ON articles(contentHash);
                CREATE INDEX articlesUnverified ON articles(verified) WHERE verified = 0;
                CREATE TABLE bandKeys (band INTEGER NOT NULL, key INTEGER NOT NULL, article INTEGER NOT NULL,
                    PRIMARY KEY (band, key, article)) WITHOUT ROWID;
                CREATE INDEX bandKeysByArticle ON bandKeys(article);
                CREATE TABLE keyTerms (term INTEGER NOT NULL, article INTEGER NOT NULL,
                    PRIMARY KEY (term, article)) WITHOUT ROWID;
                CREATE INDEX keyTermsByArticle ON keyTerms(article);
                CREATE TABLE termFrequency (term INTEGER PRIMARY KEY NOT NULL, df INTEGER NOT NULL);
                CREATE TABLE links (
                    first INTEGER NOT NULL, second INTEGER NOT NULL, relation TEXT NOT NULL,
                    jaccard REAL NOT NULL, firstInSecond REAL NOT NULL, secondInFirst REAL NOT NULL,
                    originalIsFirst INTEGER, rewrite TEXT, run INTEGER NOT NULL,
                    PRIMARY KEY (first, second)) WITHOUT ROWID;
                CREATE INDEX linksBySecond ON links(second);
                CREATE TABLE clusterMembers (
                    article INTEGER PRIMARY KEY NOT NULL, source INTEGER NOT NULL, relation TEXT NOT NULL);
                """)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('format', ?)", arguments: [format])
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN shingleCount INTEGER NOT NULL DEFAULT 0;
                UPDATE articles SET shingleCount = length(shingles) / 4;
                CREATE INDEX articlesPrecedence ON articles(id, goneRun, articleID, date, hasTime, shingleCount);
                CREATE INDEX linksSummary ON links(first, second, relation, jaccard, firstInSecond, secondInFirst, originalIsFirst, run);
                CREATE INDEX articlesWithTells ON articles(addedRun) WHERE tells IS NOT NULL;
                CREATE INDEX articlesCounted ON articles(goneRun, countedInFrequency);
                CREATE TABLE articleKeys (article INTEGER PRIMARY KEY NOT NULL, bands BLOB NOT NULL, keyTerms BLOB NOT NULL);
                """)
            // The postings tables become one row of keys per verified article (unverified ones get theirs
            // when they are verified).
            var bands: [Int64: [UInt64]] = [:]
            let bandRows = try Row.fetchCursor(db, sql: "SELECT article, key FROM bandKeys ORDER BY article, band")
            while let row = try bandRows.next() { bands[row[0], default: []].append(UInt64(bitPattern: row[1])) }
            var terms: [Int64: [UInt32]] = [:]
            let termRows = try Row.fetchCursor(db, sql: "SELECT article, term FROM keyTerms ORDER BY article, term")
            while let row = try termRows.next() { terms[row[0], default: []].append(UInt32(truncatingIfNeeded: row[1] as Int64)) }
            let insert = try db.makeStatement(sql: "INSERT INTO articleKeys (article, bands, keyTerms) VALUES (?, ?, ?)")
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE verified = 1 AND goneRun IS NULL ORDER BY id") {
                try insert.execute(arguments: [id, BlobCoding.encode(bands[id] ?? []), BlobCoding.encode(terms[id] ?? [])])
            }
            try db.execute(sql: "DROP TABLE bandKeys; DROP TABLE keyTerms")
        }
        return migrator
    }
}
