import DedupeKit
import Foundation
import GRDB

/// How a fingerprint is stored in the `articles` table and read back.
enum FingerprintRecord {
    static let columns = """
        id, articleID, path, item, title, date, hasTime, url, outlet, author, tokenCount, contentHash, shingles, \
        signature, terms, termSentences, sentenceSpans, figures, tells
        """

    /// Inserts an article; `distinctTerms` is `f.profile.distinctTerms`, which the caller has already worked out.
    static func insert(_ f: Fingerprint, distinctTerms: [UInt32], counted: Bool, run: Int64, db: Database) throws -> Int64 {
        let spans = f.profile.sentenceSpans.flatMap { [$0.lowerBound, $0.upperBound] }
        let tells: String? = f.tells.isEmpty && f.tells.fillerPhrases.isEmpty ? nil
            : String(decoding: try JSONEncoder().encode(f.tells), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO articles (articleID, path, item, title, date, hasTime, url, outlet, author, tokenCount, contentHash,
                shingles, signature, terms, termSentences, sentenceSpans, figures, distinctTerms, tells, countedInFrequency,
                addedRun, verified, shingleCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            """).execute(arguments: [
                f.metadata.id, f.metadata.location.path, f.metadata.location.item, f.metadata.title,
                f.metadata.date?.secondsSince1970, f.metadata.date.map { $0.hasTime ? 1 : 0 }, f.metadata.url,
                f.metadata.outlet, f.metadata.author, f.tokenCount, Int64(bitPattern: f.contentHash),
                BlobCoding.encode(f.shingles.values), BlobCoding.encode(f.signature), BlobCoding.encode(f.profile.terms),
                BlobCoding.encode(f.profile.sentenceOfTerm), BlobCoding.encode(spans), BlobCoding.encode(f.profile.figures),
                BlobCoding.encode(distinctTerms), tells, counted ? 1 : 0, run, f.shingles.count,
            ])
        return db.lastInsertedRowID
    }

    static func decode(_ row: Row) -> Fingerprint {
        var date: ArticleDate?
        if let seconds: Int64 = row["date"] {
            date = ArticleDate(secondsSince1970: seconds, hasTime: (row["hasTime"] as Int?) == 1)
        }
        let metadata = ArticleMetadata(
            id: row["articleID"], title: row["title"], date: date, url: row["url"], outlet: row["outlet"],
            author: row["author"], location: ArticleLocation(path: row["path"], item: row["item"]))
        var profile = ContentProfile()
        profile.terms = BlobCoding.decode(row["terms"] as Data)
        profile.sentenceOfTerm = BlobCoding.decode(row["termSentences"] as Data)
        let spans: [Int32] = BlobCoding.decode(row["sentenceSpans"] as Data)
        profile.sentenceSpans = stride(from: 0, to: spans.count - 1, by: 2).map { spans[$0]..<spans[$0 + 1] }
        profile.figures = BlobCoding.decode(row["figures"] as Data)
        var tells = RewriteTells()
        if let json: String = row["tells"], let decoded = try? JSONDecoder().decode(RewriteTells.self, from: Data(json.utf8)) {
            tells = decoded
        }
        return Fingerprint(
            metadata: metadata, tokenCount: row["tokenCount"], contentHash: UInt64(bitPattern: row["contentHash"] as Int64),
            shingles: ShingleSet(sortedValues: BlobCoding.decode(row["shingles"] as Data)),
            signature: BlobCoding.decode(row["signature"] as Data), profile: profile, tells: tells)
    }
}
