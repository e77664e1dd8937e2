import Foundation

/// Maps the field names that headers, front matter and JSON objects use to dedupe's metadata, so every
/// format fills ``ArticleMetadata`` the same way.
enum MetadataField: Sendable {
    case title, date, url, outlet, id, author

    /// Known names, lower-case. Unknown fields are ignored (they are common: tags, categories, language).
    static func named(_ name: String) -> MetadataField? {
        switch name.lowercased() {
        case "title", "headline": return .title
        case "date", "published", "pubdate", "date_published", "datepublished", "published_at", "publishedat": return .date
        case "url", "link", "canonical", "canonical_url": return .url
        case "outlet", "source", "publisher", "site", "site_name", "sitename": return .outlet
        case "id", "guid", "uid": return .id
        case "author", "byline", "creator": return .author
        default: return nil
        }
    }
}

/// Collects metadata fields as a reader meets them, and reports an unparseable date once.
struct MetadataBuilder {
    var title: String?
    var rawDate: String?
    var url: String?
    var outlet: String?
    var itemID: String?
    var author: String?

    /// Sets a field unless an earlier name for the same field already set it (the first wins).
    /// Returns false when the name is not a known field.
    @discardableResult
    mutating func set(_ name: String, _ rawValue: String) -> Bool {
        guard let field = MetadataField.named(name) else { return false }
        let value = String(rawValue.trimmedWhitespace())
        guard !value.isEmpty else { return true }
        switch field {
        case .title: title = title ?? value
        case .date: rawDate = rawDate ?? value
        case .url: url = url ?? value
        case .outlet: outlet = outlet ?? value
        case .id: itemID = itemID ?? value
        case .author: author = author ?? value
        }
        return true
    }

    /// Sets the date from candidates in order of preference (a page's JSON-LD, meta tags, `<time>`; a feed
    /// item's pubDate, published, updated): the first that parses wins, so a broken preferred field does not
    /// hide a good one; when none parses, the first is kept and ``build(id:location:displayPath:line:)``
    /// reports it. Does nothing when a date is already set.
    mutating func setDate(candidates: [String]) {
        let present = candidates.map { String($0.trimmedWhitespace()) }.filter { !$0.isEmpty }
        guard rawDate == nil, let first = present.first else { return }
        rawDate = present.first { DateParser.parse($0) != nil } ?? first
    }

    /// Metadata for an article with this id and location; a date that does not parse is left out and
    /// reported as a problem, and the article is still read.
    func build(id: String, location: ArticleLocation, displayPath: String, line: Int? = nil) -> (ArticleMetadata, FeedProblem?) {
        var problem: FeedProblem?
        var date: ArticleDate?
        if let rawDate {
            date = DateParser.parse(rawDate)
            if date == nil {
                problem = FeedProblem(
                    path: displayPath, line: line,
                    reason: "unparseable date \"\(rawDate)\" (expected ISO 8601 or RFC 2822); article read without a date",
                    severity: .error, articleRead: true)
            }
        }
        let metadata = ArticleMetadata(id: id, title: title, date: date, url: url, outlet: outlet, author: author, location: location)
        return (metadata, problem)
    }
}
