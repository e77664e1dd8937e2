import Foundation

/// JSON Lines (`.jsonl`, `.ndjson`): one article object per line, with `text` (or `body`, `content`) and
/// the metadata fields ``MetadataField`` knows (id, title, date, url, outlet, author).
///
/// The article id is the file's id, `#`, and the line's `id` (or `line-N` where it has none). A broken line
/// is a problem naming the line; the other lines are still read.
public struct JSONLinesFormat: ArticleFormat {
    public init() {}

    public var fileExtensions: Set<String> { ["jsonl", "ndjson"] }

    public func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult {
        let decoded = TextDecoding.decode(bytes)
        var result = FileReadResult()
        if decoded.encoding == .windows1252 {
            result.problems.append(FeedProblem(path: file.path, reason: "not valid UTF-8; decoded as Windows-1252", severity: .warning, articleRead: true))
        }
        var lineNumber = 0
        for line in decoded.text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            switch Self.article(from: line, lineNumber: lineNumber, file: file) {
            case .success(let (article, problem)):
                result.articles.append(article)
                if let problem { result.problems.append(problem) }
            case .failure(let problem):
                result.problems.append(problem)
            }
        }
        if result.articles.isEmpty, !result.problems.contains(where: { $0.severity == .error }) {
            result.problems.append(FeedProblem(path: file.path, reason: "no articles (empty JSON Lines file)"))
        }
        return result
    }

    static func article(from line: Substring, lineNumber: Int, file: FeedFile) -> Result<(Article, FeedProblem?), FeedProblem> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
        } catch {
            return .failure(FeedProblem(path: file.path, line: lineNumber, reason: "invalid JSON: \(JSONObjectFields.describe(error))"))
        }
        guard let fields = object as? [String: Any] else {
            return .failure(FeedProblem(path: file.path, line: lineNumber, reason: "not a JSON object"))
        }
        return JSONObjectFields.article(
            from: fields, idPrefix: file.relativeID, fallbackItemID: "line-\(lineNumber)",
            location: ArticleLocation(path: file.path, item: lineNumber), displayPath: file.path, line: lineNumber)
    }
}

/// Reads an article out of a decoded JSON object; shared by every JSON-based format.
enum JSONObjectFields {
    static let textKeys = ["text", "body", "content", "article", "articleBody"]

    static func article(
        from fields: [String: Any], idPrefix: String, fallbackItemID: String,
        location: ArticleLocation, displayPath: String, line: Int?, idFromURL: Bool = false
    ) -> Result<(Article, FeedProblem?), FeedProblem> {
        var builder = MetadataBuilder()
        // A dictionary's order differs from instance to instance and run to run, so visit the keys in a
        // fixed order (canonical names first, then the rest by name): "the first name wins" must pick the
        // same `id` (over `guid`, `uid`), title and date every time, or ids are not stable.
        let canonical = ["title", "date", "url", "outlet", "id", "author"]
        func rank(_ key: String) -> Int { canonical.firstIndex(of: key.lowercased()) ?? canonical.count }
        for key in fields.keys.sorted(by: { (rank($0), $0) < (rank($1), $1) }) {
            if let text = scalarString(fields[key]!) { builder.set(key, text) }
        }
        // The first non-empty text field: an empty `text` does not hide a `body`.
        let text = textKeys.lazy.compactMap { (fields[$0] as? String).map { String($0.trimmedWhitespace()) } }
            .first { !$0.isEmpty } ?? ""
        guard !text.isEmpty else {
            return .failure(FeedProblem(path: displayPath, line: line, reason: "no article text (no non-empty \"text\", \"body\" or \"content\" field)"))
        }
        // `idFromURL`: formats whose items have no line to name them fall back to the item's url before a number.
        let id = "\(idPrefix)#\(builder.itemID ?? (idFromURL ? builder.url : nil) ?? fallbackItemID)"
        let (metadata, problem) = builder.build(id: id, location: location, displayPath: displayPath, line: line)
        return .success((Article(metadata: metadata, text: TextDecoding.normalizeLineEnds(text)), problem))
    }

    /// Strings, numbers and booleans as text; arrays and objects are not metadata values.
    static func scalarString(_ value: Any) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// The useful part of a JSONSerialization error.
    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}
