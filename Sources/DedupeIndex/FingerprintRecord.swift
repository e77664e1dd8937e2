import DedupeKit
import Foundation
import GRDB

/// How a fingerprint is stored in the `articles` table and read back.
enum FingerprintRecord {
    static let columns = """
        id, articleID, path, item, title, date, hasTime, url, outlet, author, tokenCount, contentHash, shingles, \
        signature, terms, termSentences, sentenceSpans, figures, tells
        """
    /// How many columns ``columns`` names (a query can select more after them).
    static let columnCount = columns.split(separator: ",").count

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

    /// The fingerprint in a row of ``columns`` (read by position, in that order).
    static func decode(_ row: RawRow) -> Fingerprint {
        let date = row.optionalInt64(5).map { ArticleDate(secondsSince1970: $0, hasTime: row.int64(6) == 1) }
        let metadata = ArticleMetadata(
            id: row.text(1) ?? "", title: row.text(4), date: date, url: row.text(7), outlet: row.text(8),
            author: row.text(9), location: ArticleLocation(path: row.text(2) ?? "", item: row.optionalInt64(3).map { Int($0) }))
        var profile = ContentProfile()
        profile.terms = BlobCoding.decode(row.blob(14))
        profile.sentenceOfTerm = BlobCoding.decode(row.blob(15))
        let spans: [Int32] = BlobCoding.decode(row.blob(16))
        profile.sentenceSpans = stride(from: 0, to: spans.count - 1, by: 2).map { spans[$0]..<spans[$0 + 1] }
        profile.figures = BlobCoding.decode(row.blob(17))
        var tells = RewriteTells()
        if let json = row.text(18), let decoded = try? JSONDecoder().decode(RewriteTells.self, from: Data(json.utf8)) {
            tells = decoded
        }
        return Fingerprint(
            metadata: metadata, tokenCount: Int(row.int64(10)), contentHash: UInt64(bitPattern: row.int64(11)),
            shingles: ShingleSet(sortedValues: BlobCoding.decode(row.blob(12))),
            signature: BlobCoding.decode(row.blob(13)), profile: profile, tells: tells)
    }

    /// The article with row id `id`, or nil when there is none (or, with `liveOnly`, when it is gone).
    static func load(id: Int64, liveOnly: Bool, db: Database) throws -> Fingerprint? {
        var found: Fingerprint?
        try db.forEachRawRow("SELECT \(columns) FROM articles WHERE id = ?" + (liveOnly ? " AND goneRun IS NULL" : ""),
                             arguments: [id]) { found = decode($0) }
        return found
    }
}
