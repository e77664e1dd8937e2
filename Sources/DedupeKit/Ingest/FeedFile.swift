/// A file found in a feed: where to read it and the id its articles are named by.
public struct FeedFile: Sendable, Equatable, Hashable {
    /// The path to open: the scanned path as the user gave it, joined with the path below it.
    public var path: String
    /// The path relative to the scanned folder, `/`-separated: the article id, or its prefix for
    /// multi-article files.
    public var relativeID: String

    public init(path: String, relativeID: String) {
        self.path = path
        self.relativeID = relativeID
    }

    /// The file name's extension, lower-case, without the dot (`txt`, `jsonl`).
    public var fileExtension: String { Self.lowercasedExtension(of: fileName) }

    /// The last component of ``relativeID`` (found on its bytes: a walk asks this of every file, and
    /// searching the characters of the path cost more than reading the folder).
    private var fileName: Substring {
        let utf8 = relativeID.utf8
        return utf8.lastIndex(of: UInt8(ascii: "/")).map { relativeID[utf8.index(after: $0)...] } ?? relativeID[...]
    }

    /// The extension of a file name: what follows its last dot, unless the name starts with that dot.
    private static func lowercasedExtension(of name: Substring) -> String {
        let utf8 = name.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex else { return "" }
        let ext = name[utf8.index(after: dot)...]
        // Most extensions are already lower-case ASCII: no need to build a lower-cased copy through Unicode.
        return ext.utf8.allSatisfy({ $0 &- 97 < 26 || $0 &- 48 < 10 }) ? String(ext) : ext.lowercased()
    }

    /// Whether the file is gzip-compressed (`.gz`): ``FeedReader`` decompresses it first.
    public var isGzip: Bool { fileExtension == "gz" }

    /// For a compressed file, the extension before `.gz` (`jsonl` for `feed.jsonl.gz`), lower-case; `""` when
    /// there is none (`feed.gz`). Nil for a file that is not compressed.
    public var innerExtension: String? {
        guard isGzip else { return nil }
        return Self.lowercasedExtension(of: fileName.dropLast(3))  // ".gz"
    }

    /// The extension that picks the format: the inner one for a compressed file, else the last one. The id
    /// keeps the whole name (`feeds/page.html.gz`), so it stays what the file is called.
    public var formatExtension: String { innerExtension ?? fileExtension }
}

/// A way of reading articles from a file's bytes. Each format is one type; ``FeedReader`` picks by extension.
public protocol ArticleFormat: Sendable {
    /// Lower-case file extensions this format reads.
    var fileExtensions: Set<String> { get }
    func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult
}
