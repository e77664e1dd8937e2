import Foundation

/// One article per `.txt` or `.md` file, with an optional header:
///
/// - `key: value` lines up to the first blank line (title, date, url, outlet, id, author);
/// - front matter: a `---` line, `key: value` lines, a closing `---` line;
/// - a first line `date YYYY-MM-DD ...`, as content-farm exports often start.
///
/// Lines that do not fit one of those shapes are body text: a body starting `Note: ...` is not mistaken for
/// a header, because a header needs at least one known field and must be closed by a blank line.
public struct PlainTextFormat: ArticleFormat {
    public init() {}

    public var fileExtensions: Set<String> { ["txt", "md", "text", "markdown"] }

    public func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult {
        let decoded = TextDecoding.decode(bytes)
        var problems: [FeedProblem] = []
        if decoded.encoding == .windows1252 {
            problems.append(FeedProblem(path: file.path, reason: "not valid UTF-8; decoded as Windows-1252", severity: .warning, articleRead: true))
        }
        let (header, body) = Self.splitHeader(decoded.text)
        let text = String(body.trimmedWhitespace())
        guard !text.isEmpty else {
            problems.append(FeedProblem(path: file.path, reason: "no article text (empty file or header only)"))
            return FileReadResult(problems: problems)
        }
        let location = ArticleLocation(path: file.path)
        let (metadata, dateProblem) = header.build(id: file.relativeID, location: location, displayPath: file.path)
        if let dateProblem { problems.append(dateProblem) }
        return FileReadResult(articles: [Article(metadata: metadata, text: text)], problems: problems)
    }

    /// Splits a text into its header fields and its body. Only the first lines are looked at: the scan
    /// stops at the end of the header (or at the first line that cannot be part of one).
    static func splitHeader(_ text: String) -> (MetadataBuilder, Substring) {
        var builder = MetadataBuilder()
        var lines = LineCursor(text)
        guard let first = lines.next() else { return (builder, text[...]) }

        // Front matter.
        if first.trimmedWhitespace() == "---" {
            var fields: [Substring] = []
            while let line = lines.next() {
                if line.trimmedWhitespace() == "---" {
                    for field in fields {
                        if let (key, value) = keyValue(field) { builder.set(key, value) }
                    }
                    return (builder, lines.rest)
                }
                fields.append(line)
                if fields.count > 200 { break }
            }
            return (MetadataBuilder(), text[...])
        }

        // `date YYYY-MM-DD ...` first line.
        let trimmedFirst = first.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" })
        if trimmedFirst.prefix(5).lowercased() == "date ",
           let token = trimmedFirst.dropFirst(5).split(separator: " ").first,
           DateParser.parseISO8601(Array(token.utf8)) != nil {
            builder.set("date", String(token))
            // `key: value` lines closed by a blank line may follow the date line (generated feeds put a title there).
            var probe = lines
            var extended = builder
            var fields = 0
            while let line = probe.next() {
                if line.isBlank {
                    if fields > 0 { builder = extended; lines = probe }
                    break
                }
                guard let (key, value) = keyValue(line), MetadataField.named(key) != nil else { break }
                extended.set(key, value)
                fields += 1
            }
            return (builder, lines.rest)
        }

        // `key: value` lines up to a blank line.
        var candidate = MetadataBuilder()
        var knownFields = 0
        var line: Substring? = first
        var count = 0
        while let current = line {
            if current.isBlank {
                if count > 0, knownFields > 0 { return (candidate, lines.rest) }
                break
            }
            guard let (key, value) = keyValue(current) else { break }
            if candidate.set(key, value) { knownFields += 1 }
            count += 1
            line = lines.next()
        }
        return (builder, text[...])
    }

    /// Walks a text line by line (`\n`-separated) without splitting all of it.
    struct LineCursor {
        let text: String
        var position: String.Index

        init(_ text: String) {
            self.text = text
            position = text.startIndex
        }

        /// Everything after the lines already read.
        var rest: Substring { text[position...] }

        mutating func next() -> Substring? {
            guard position < text.endIndex else { return nil }
            // A line feed is always a grapheme of its own, so a byte search finds the same line ends.
            let end = text.utf8[position...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[position..<end]
            position = end < text.endIndex ? text.index(after: end) : end
            return line
        }
    }

    /// `key: value`, where the key is a short word of letters, digits, `_` or `-`.
    static func keyValue(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = String(line[..<colon].trimmedWhitespace())
        guard !key.isEmpty, key.count <= 32,
              key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else { return nil }
        return (key, String(line[line.index(after: colon)...]))
    }

    private static func body(after lineIndex: Int, of lines: [Substring], in text: String) -> Substring {
        guard lineIndex + 1 < lines.count else { return text[text.endIndex...] }
        return text[lines[lineIndex + 1].startIndex...]
    }
}
