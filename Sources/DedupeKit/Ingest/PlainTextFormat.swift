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
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            problems.append(FeedProblem(path: file.path, reason: "no article text (empty file or header only)"))
            return FileReadResult(problems: problems)
        }
        let location = ArticleLocation(path: file.path)
        let (metadata, dateProblem) = header.build(id: file.relativeID, location: location, displayPath: file.path)
        if let dateProblem { problems.append(dateProblem) }
        return FileReadResult(articles: [Article(metadata: metadata, text: text)], problems: problems)
    }

    /// Splits a text into its header fields and its body.
    static func splitHeader(_ text: String) -> (MetadataBuilder, Substring) {
        var builder = MetadataBuilder()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return (builder, text[...]) }

        // Front matter.
        if first.trimmingCharacters(in: .whitespaces) == "---" {
            for (index, line) in lines.enumerated().dropFirst() where line.trimmingCharacters(in: .whitespaces) == "---" {
                for field in lines[1..<index] {
                    if let (key, value) = keyValue(field) { builder.set(key, value) }
                }
                return (builder, body(after: index, of: lines, in: text))
            }
            return (MetadataBuilder(), text[...])
        }

        // `date YYYY-MM-DD ...` first line.
        let trimmedFirst = first.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" })
        if trimmedFirst.lowercased().hasPrefix("date "),
           let token = trimmedFirst.dropFirst(5).split(separator: " ").first,
           DateParser.parseISO8601(Array(token.utf8)) != nil {
            builder.set("date", String(token))
            return (builder, body(after: 0, of: lines, in: text))
        }

        // `key: value` lines up to a blank line.
        var candidate = MetadataBuilder()
        var knownFields = 0
        for (index, line) in lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if index > 0, knownFields > 0 { return (candidate, body(after: index, of: lines, in: text)) }
                break
            }
            guard let (key, value) = keyValue(line) else { break }
            if candidate.set(key, value) { knownFields += 1 }
        }
        return (builder, text[...])
    }

    /// `key: value`, where the key is a short word of letters, digits, `_` or `-`.
    static func keyValue(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
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
