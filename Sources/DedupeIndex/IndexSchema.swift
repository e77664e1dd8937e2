import GRDB

/// The index's tables, created and upgraded by versioned migrations (GRDB's `DatabaseMigrator` records
/// which have run in `grdb_migrations`). A new schema version is a new migration, never an edit of an old one.
///
/// - `meta`: what the file is (`format = dedupe-index`) and the fingerprint settings it was built with;
/// - `runs`: one row per run, with its status (`running`, `done`), so an interrupted run is visible;
/// - `files`: every file seen, with size, modification time and content hash (unchanged files are skipped);
/// - `articles`: metadata, fingerprint blobs, tells; `verified = 0` until its candidates have been checked;
///   `goneRun` set when its file disappeared or changed;
/// - `bandKeys`, `keyTerms`: the LSH band keys and rare-term postings that find candidates in SQL;
/// - `termFrequency`: document frequency of each content term over live articles (copies counted once);
/// - `links`: verified links; `clusterMembers`: the clusters of the last run.
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
        return migrator
    }
}
