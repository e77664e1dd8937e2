/// One article as dedupe read it: stable identity, the metadata an editor needs, and the body text.
///
/// The body is kept only while the article is being fingerprinted; the scan keeps ``ArticleMetadata``
/// and reads the text again from ``ArticleMetadata/location`` when a report needs evidence.
public struct Article: Sendable, Equatable {
    public var metadata: ArticleMetadata
    /// The article body as Unicode text, header removed.
    public var text: String

    public init(metadata: ArticleMetadata, text: String) {
        self.metadata = metadata
        self.text = text
    }

    public var id: String { metadata.id }
}

/// What is known about an article besides its text.
public struct ArticleMetadata: Sendable, Equatable, Codable {
    /// Unique in a scan and stable from run to run: the path relative to the scanned folder with `/`
    /// separators, plus `#` and the item id (or `line-N`) for files that hold several articles.
    public var id: String
    public var title: String?
    public var date: ArticleDate?
    public var url: String?
    public var outlet: String?
    public var author: String?
    /// Where the article came from, so it can be read again.
    public var location: ArticleLocation

    public init(
        id: String, title: String? = nil, date: ArticleDate? = nil, url: String? = nil,
        outlet: String? = nil, author: String? = nil, location: ArticleLocation
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.url = url
        self.outlet = outlet
        self.author = author
        self.location = location
    }
}

/// The file (and, for multi-article files, the item) an article was read from.
public struct ArticleLocation: Sendable, Equatable, Hashable, Codable {
    /// Absolute path of the file.
    public var path: String
    /// 1-based line for JSON Lines, 1-based item index for other multi-article formats; nil for one-article files.
    public var item: Int?

    public init(path: String, item: Int? = nil) {
        self.path = path
        self.item = item
    }
}
