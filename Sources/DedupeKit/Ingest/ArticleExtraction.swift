import Foundation

/// Reads every article under some paths, exactly as a scan reads them, without comparing them: what
/// `dedupe extract` prints.
///
/// It exists so a person can see what dedupe made of a feed (is the page's text the story, without the
/// cookie banner? which date did it take?) and so extraction can be measured against other tools. It uses
/// the scan's walker and reader, so what it shows is what a scan compares; ids are made unique the same
/// way (`~2`, `~3` after a repeated item id, with a warning).
public struct ArticleExtractor: Sendable {
    public var reader: FeedReader
    public var workers: Int

    public init(reader: FeedReader = FeedReader(), workers: Int = defaultWorkerCount) {
        self.reader = reader
        self.workers = workers
    }

    /// What an extraction found, in feed order.
    public struct Result: Sendable {
        public var articles: [Article]
        /// Errors and warnings, in feed order.
        public var problems: [FeedProblem]
        /// Files no format reads.
        public var unsupported: [FeedProblem]
        public var fileCount: Int

        /// Whether some input could not be read or was malformed (the command's exit code 1).
        public var hasErrors: Bool { problems.contains { $0.severity == .error } }
    }

    public func extract(_ paths: [String]) -> Result {
        let listing = FeedWalker(supportedExtensions: reader.supportedExtensions).walk(paths)
        let reader = self.reader
        let files = listing.files
        let perFile = parallelMap(files.count, workers: max(1, workers), chunk: 4, makeState: {}) { _, index in
            reader.read(files[index])
        }
        var articles: [Article] = []
        var problems = listing.problems
        var ids = UniqueIDs()
        for read in perFile {
            problems += read.problems
            for var article in read.articles {
                if let renamed = ids.claim(&article.metadata) { problems.append(renamed) }
                articles.append(article)
            }
        }
        return Result(articles: articles, problems: problems, unsupported: listing.unsupported, fileCount: files.count)
    }

    /// One article as a JSON Lines record: `id`, `title`, `date`, `url`, `outlet`, `author`, `text`, in that
    /// order, missing fields as `null`, no newline inside (the text's line breaks are escaped).
    public static func jsonLine(_ article: Article) -> String {
        let m = article.metadata
        let fields: [(String, String?)] = [
            ("id", m.id), ("title", m.title), ("date", m.date?.iso8601), ("url", m.url), ("outlet", m.outlet),
            ("author", m.author), ("text", article.text),
        ]
        return "{" + fields.map { "\(quoted($0.0)): \($0.1.map(quoted) ?? "null")" }.joined(separator: ", ") + "}"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
