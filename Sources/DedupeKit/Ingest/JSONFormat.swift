import Foundation

/// JSON files (`.json`) of articles: an array of article objects, an object holding that array under
/// `"articles"` or `"items"` (news APIs, JSON Feed), or one article object.
///
/// Each object is read as a JSON Lines object is (``JSONObjectFields``: `text`, `body`, `content`, ... and
/// the metadata names ``MetadataField`` knows), plus JSON Feed's `content_text` / `content_html` (HTML
/// stripped) and `authors`. A feed-level `title` (JSON Feed) or `outlet`/`source`/`publisher` is the outlet
/// of items that name none.
///
/// The article id is the file's id, `#`, and the item's `id`, else its url, else `item-N` (N counts items
/// from 1). A file that is not JSON is one error naming the file; an item that is not an article is an
/// error naming the item, and the other items are read.
public struct JSONFormat: ArticleFormat {
    public init() {}

    public var fileExtensions: Set<String> { ["json"] }

    static let listKeys = ["articles", "items"]

    public func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult {
        let decoded = TextDecoding.decode(bytes)
        var result = FileReadResult()
        if decoded.encoding == .windows1252 {
            result.problems.append(FeedProblem(path: file.path, reason: "not valid UTF-8; decoded as Windows-1252", severity: .warning, articleRead: true))
        }
        guard !decoded.text.allSatisfy(\.isWhitespace) else {
            result.problems.append(FeedProblem(path: file.path, reason: "no articles (empty JSON file)"))
            return result
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(decoded.text.utf8), options: [])
        } catch {
            result.problems.append(FeedProblem(path: file.path, reason: "invalid JSON: \(JSONObjectFields.describe(error))"))
            return result
        }
        let items: [Any]
        var feedOutlet: String?
        if let array = value as? [Any] {
            items = array
        } else if let object = value as? [String: Any], let key = Self.listKeys.first(where: { object[$0] is [Any] }) {
            items = object[key] as! [Any]
            feedOutlet = ["outlet", "source", "publisher", "title"].lazy.compactMap { object[$0] as? String }.first
        } else if let object = value as? [String: Any], JSONObjectFields.textKeys.contains(where: { object[$0] != nil })
                    || object["content_text"] != nil || object["content_html"] != nil {
            items = [object]
        } else {
            result.problems.append(FeedProblem(
                path: file.path, reason: "not a list of articles (expected an array, or an object with \"articles\" or \"items\")"))
            return result
        }
        guard !items.isEmpty else {
            result.problems.append(FeedProblem(path: file.path, reason: "no articles (empty list)"))
            return result
        }
        for (index, item) in items.enumerated() {
            let number = index + 1
            guard var fields = item as? [String: Any] else {
                result.problems.append(FeedProblem(path: file.path, line: number, reason: "item \(number): not a JSON object"))
                continue
            }
            Self.adoptJSONFeedFields(&fields)
            switch JSONObjectFields.article(
                from: fields, idPrefix: file.relativeID, fallbackItemID: "item-\(number)",
                location: ArticleLocation(path: file.path, item: number), displayPath: file.path, line: number, idFromURL: true) {
            case .success((var article, let problem)):
                if article.metadata.outlet == nil, let feedOutlet { article.metadata.outlet = feedOutlet }
                result.articles.append(article)
                if var problem {
                    problem.reason = "item \(number): " + problem.reason
                    result.problems.append(problem)
                }
            case .failure(var problem):
                problem.reason = "item \(number): " + problem.reason
                result.problems.append(problem)
            }
        }
        return result
    }

    /// JSON Feed (jsonfeed.org) names: `content_text`, `content_html` (stripped to text) and `authors`.
    static func adoptJSONFeedFields(_ fields: inout [String: Any]) {
        let hasText = JSONObjectFields.textKeys.contains { (fields[$0] as? String)?.isEmpty == false }
        if !hasText {
            if let text = fields["content_text"] as? String, !text.isEmpty {
                fields["text"] = text
            } else if let html = fields["content_html"] as? String, let tree = HTMLTree.parseHTML(html) {
                fields["text"] = HTMLTextExtractor().fragmentText(of: tree)
            }
        }
        if fields["author"] == nil, let authors = fields["authors"] {
            if let names = HTMLMetadata.names(authors) { fields["author"] = names }
        }
    }
}
