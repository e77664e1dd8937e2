/// Something wrong with one input: a file that could not be read, a malformed line, a date that could not
/// be parsed. Every problem names the file (and line or item where there is one) and says what is wrong.
///
/// Problems never stop a scan: they are collected, printed on stderr and listed in the report, and the
/// rest of the feed is still scanned.
public struct FeedProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        /// Input that is malformed or lost: the run's exit code becomes 1.
        case error
        /// Input read with a caveat the user should know about (for example a charset fallback).
        case warning
    }

    /// The file, as the path given on the command line joined with the path below it.
    public var path: String
    /// 1-based line (JSON Lines) or item number (multi-article formats), when the problem is in one item.
    public var line: Int?
    public var reason: String
    public var severity: Severity
    /// Whether the article was still read (for example undated, after a bad date).
    public var articleRead: Bool

    public init(path: String, line: Int? = nil, reason: String, severity: Severity = .error, articleRead: Bool = false) {
        self.path = path
        self.line = line
        self.reason = reason
        self.severity = severity
        self.articleRead = articleRead
    }

    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return "\(severity.rawValue): \(place): \(reason)"
    }
}

/// A file's articles and the problems found while reading it.
public struct FileReadResult: Sendable {
    public var articles: [Article]
    public var problems: [FeedProblem]

    public init(articles: [Article] = [], problems: [FeedProblem] = []) {
        self.articles = articles
        self.problems = problems
    }
}
