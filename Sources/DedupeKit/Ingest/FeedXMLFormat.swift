import CLibXML2
import Foundation

/// RSS 2.0 (and 0.9x, 1.0/RDF) and Atom feeds (`.xml`, `.rss`, `.atom`, `.rdf`): one article per `<item>` or
/// `<entry>`.
///
/// | field | taken from, in order of preference |
/// | --- | --- |
/// | text | `content:encoded`, Atom `content`, `description`, Atom `summary` (HTML inside stripped, paragraphs kept) |
/// | title | `title` (HTML stripped) |
/// | date | `pubDate`, Atom `published`, `dc:date`, Atom `updated` (the first that parses) |
/// | url | `link` (Atom: `rel="alternate"` or no `rel`), RSS 1.0 `rdf:about` |
/// | outlet | the item's `source`, else the channel's or feed's `title` |
/// | author | `dc:creator`, `author` (Atom: the `name` of each author, joined with ", ") |
///
/// The article id is the file's id, `#`, and the item's `guid` (Atom `id`), else its link, else `item-N`
/// (N counts items from 1): stable from run to run as long as the feed keeps its guids.
///
/// libxml2's XML reader streams the file and builds one item at a time, so a huge feed is never held as
/// one tree, and a feed cut off in the middle (a download that stopped) still gives every item before the
/// break; the item it breaks in is an error naming the file, the item and libxml2's reason. Media RSS and
/// other extension elements that reuse the names `title`, `content` or `description` are ignored.
public struct FeedXMLFormat: ArticleFormat {
    public init() {}

    public var fileExtensions: Set<String> { ["xml", "rss", "atom", "rdf"] }

    static let atomNamespace = "http://www.w3.org/2005/Atom"
    static let rss10Namespace = "http://purl.org/rss/1.0/"
    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"
    static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    enum Kind { case rss, rdf, atom }

    public func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult {
        let decoded = DeclaredCharset.decode(bytes, declared: DeclaredCharset.xmlDeclaration(bytes), path: file.path)
        var result = FileReadResult(problems: decoded.problems)
        LibXML2.initialize()
        let (text, htmlEntities) = HTMLEntities.numericReferences(in: decoded.text)
        if !htmlEntities.isEmpty {
            result.problems.append(FeedProblem(
                path: file.path,
                reason: "HTML entities that XML does not define (\(htmlEntities.prefix(5).map { "&\($0);" }.joined(separator: " "))); read as the characters they name",
                severity: .warning, articleRead: true))
        }
        var utf8 = Array(text.utf8)
        guard !utf8.isEmpty else {
            result.problems.append(FeedProblem(path: file.path, reason: "no articles (empty feed file)"))
            return result
        }
        let errors = XMLErrorLog()
        let lineCount = text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) } - (decoded.text.hasSuffix("\n") ? 1 : 0)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let reader = xmlReaderForMemory(pointer, Int32(buffer.count), nil, "UTF-8", options) else {
                    result.problems.append(FeedProblem(path: file.path, reason: "libxml2 could not start reading the feed"))
                    return
                }
                defer { xmlFreeTextReader(reader) }
                xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                    guard let context, let error else { return }
                    Unmanaged<XMLErrorLog>.fromOpaque(context).takeUnretainedValue().record(error)
                }, Unmanaged.passUnretained(errors).toOpaque())
                readItems(reader, file: file, errors: errors, lineCount: lineCount, into: &result)
            }
        }
        return result
    }

    /// Walks the document with the reader, expanding one item at a time.
    private func readItems(_ reader: xmlTextReaderPtr, file: FeedFile, errors: XMLErrorLog, lineCount: Int, into result: inout FileReadResult) {
        var kind: Kind?
        var feedTitle: String?
        var itemCount = 0
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            guard xmlTextReaderNodeType(reader) == 1 /* element */ else {
                status = xmlTextReaderRead(reader)
                continue
            }
            let depth = xmlTextReaderDepth(reader)
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
            if depth == 0 {
                switch name {
                case "rss": kind = .rss
                case "RDF": kind = .rdf
                case "feed": kind = .atom
                default:
                    result.problems.append(FeedProblem(path: file.path, reason: "not an RSS or Atom feed (the root element is <\(name)>)"))
                    return
                }
                status = xmlTextReaderRead(reader)
                continue
            }
            let isItem = (name == "item" && (kind == .rss || kind == .rdf)) || (name == "entry" && kind == .atom)
            let isFeedTitle = name == "title" && Self.isCore(namespace)
                && ((kind == .atom && depth == 1) || (kind != .atom && depth == 2))
            if isItem {
                itemCount += 1
                guard let node = xmlTextReaderExpand(reader) else {
                    let where_ = errors.firstLine.map { $0 >= lineCount ? "the file ends inside it (truncated?)" : "the XML breaks inside it" }
                        ?? "the XML breaks inside it"
                    result.problems.append(FeedProblem(
                        path: file.path, line: itemCount,
                        reason: "item \(itemCount): \(where_) (\(errors.summary ?? "malformed XML")); it and anything after it could not be read"))
                    return
                }
                switch item(node, number: itemCount, kind: kind!, feedTitle: feedTitle, file: file) {
                case .success(let (article, problem)):
                    result.articles.append(article)
                    if let problem { result.problems.append(problem) }
                case .failure(let problem):
                    result.problems.append(problem)
                }
                status = xmlTextReaderNext(reader)
                continue
            }
            if isFeedTitle, feedTitle == nil, let node = xmlTextReaderExpand(reader) {
                feedTitle = Self.plainText(node)
                status = xmlTextReaderNext(reader)
                continue
            }
            status = xmlTextReaderRead(reader)
        }
        if status < 0 {
            let read = result.articles.count
            result.problems.append(FeedProblem(
                path: file.path, reason: "not well-formed XML (\(errors.summary ?? "parse error")); the \(read) article\(read == 1 ? "" : "s") before it were read, nothing after it"))
        } else if let summary = errors.summary {
            // Errors libxml2 recovered from (an undeclared namespace prefix, say): the items were read.
            result.problems.append(FeedProblem(
                path: file.path, reason: "malformed XML, read anyway (\(summary)\(errors.count > 1 ? "; \(errors.count) errors in all" : ""))",
                severity: .error, articleRead: true))
        }
        if status >= 0, kind == nil {
            result.problems.append(FeedProblem(path: file.path, reason: "not an RSS or Atom feed (no root element)"))
        } else if status >= 0, itemCount == 0 {
            result.problems.append(FeedProblem(path: file.path, reason: "no articles (the feed has no items)"))
        }
    }

    /// One item or entry as an article, or the problem that stopped it.
    private func item(_ node: xmlNodePtr, number: Int, kind: Kind, feedTitle: String?, file: FeedFile) -> Result<(Article, FeedProblem?), FeedProblem> {
        var title: String?, guid: String?, link: String?, source: String?
        var encoded: String?, content: String?, description: String?, summary: String?
        var pubDate: String?, published: String?, dcDate: String?, updated: String?
        var authors: [String] = []
        var creator: String?
        if kind == .rdf, let about = Self.attribute(node, "about") { link = about }

        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE, let rawName = c.pointee.name else { continue }
            let name = String(cString: rawName)
            let namespace = c.pointee.ns?.pointee.href.map { String(cString: $0) }
            let core = Self.isCore(namespace)
            switch name {
            case "title" where core: title = title ?? Self.textOrHTML(c, kind: kind)
            case "guid" where core, "id" where core: guid = guid ?? Self.plainText(c)
            case "link" where core:
                if kind == .atom {
                    let rel = Self.attribute(c, "rel") ?? "alternate"
                    if rel == "alternate", link == nil { link = Self.attribute(c, "href") }
                } else {
                    link = link ?? Self.plainText(c)
                }
            case "encoded" where namespace == Self.contentNamespace: encoded = encoded ?? Self.textOrHTML(c, kind: kind)
            case "content" where core: content = content ?? Self.textOrHTML(c, kind: kind)
            case "description" where core: description = description ?? Self.textOrHTML(c, kind: kind)
            case "summary" where core: summary = summary ?? Self.textOrHTML(c, kind: kind)
            case "pubDate" where core: pubDate = pubDate ?? Self.plainText(c)
            case "published" where core: published = published ?? Self.plainText(c)
            case "updated" where core: updated = updated ?? Self.plainText(c)
            case "date" where namespace == Self.dublinCoreNamespace: dcDate = dcDate ?? Self.plainText(c)
            case "creator" where namespace == Self.dublinCoreNamespace: creator = creator ?? Self.plainText(c)
            case "author" where core:
                if kind == .atom {
                    if let nameNode = Self.children(c).first(where: { $0.pointee.name.map { String(cString: $0) } == "name" }),
                       let n = Self.plainText(nameNode) { authors.append(n) }
                } else if let a = Self.plainText(c) {
                    authors.append(a)
                }
            case "source" where core:
                if kind == .atom {
                    if let t = Self.children(c).first(where: { $0.pointee.name.map { String(cString: $0) } == "title" }) {
                        source = Self.plainText(t)
                    }
                } else {
                    source = Self.plainText(c)
                }
            default: break
            }
        }

        let label = title.map { "item \(number) \"\($0.prefix(60))\"" } ?? "item \(number)"
        let text = [encoded, content, description, summary].lazy.compactMap { $0 }.first { !$0.isEmpty } ?? ""
        guard !text.isEmpty else {
            return .failure(FeedProblem(path: file.path, line: number,
                                        reason: "\(label): no article text (no content:encoded, content, description or summary)"))
        }
        var builder = MetadataBuilder()
        if let title { builder.set("title", title) }
        builder.setDate(candidates: [pubDate, published, dcDate, updated].compactMap { $0 })
        if let link { builder.set("url", link) }
        if let outlet = source ?? feedTitle { builder.set("outlet", outlet) }
        if let author = creator ?? (authors.isEmpty ? nil : authors.joined(separator: ", ")) { builder.set("author", author) }
        let itemID = guid ?? link ?? "item-\(number)"
        let (metadata, problem) = builder.build(id: "\(file.relativeID)#\(itemID)", location: ArticleLocation(path: file.path, item: number),
                                                displayPath: file.path, line: number)
        let dateProblem = problem.map { p -> FeedProblem in
            var p = p
            p.reason = "\(label): " + p.reason
            return p
        }
        return .success((Article(metadata: metadata, text: text), dateProblem))
    }

    // MARK: Node helpers

    /// RSS 2.0 elements have no namespace; RSS 1.0 and Atom have their own.
    static func isCore(_ namespace: String?) -> Bool {
        namespace == nil || namespace == atomNamespace || namespace == rss10Namespace
    }

    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name, String(cString: n) == name {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                let trimmed = value.trimmingWhitespace()
                return trimmed.isEmpty ? nil : trimmed
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// An element's text content, trimmed; nil when empty.
    static func plainText(_ node: xmlNodePtr) -> String? {
        guard let content = xmlNodeGetContent(node) else { return nil }
        defer { LibXML2.free(content) }
        let text = String(cString: content).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// Content that may hold markup: Atom `type="xhtml"` is markup in the feed itself; `type="html"` and
    /// RSS's escaped or CDATA HTML are markup inside the text. Plain text (Atom `type="text"`, or text
    /// with no tags) keeps its own line breaks.
    static func textOrHTML(_ node: xmlNodePtr, kind: Kind) -> String? {
        let type = attribute(node, "type")?.lowercased()
        let extractor = HTMLTextExtractor()
        if type == "xhtml" {
            let text = extractor.fragmentText(of: HTMLTree.from(node))
            return text.isEmpty ? nil : text
        }
        guard let raw = plainText(node) else { return nil }
        if kind == .atom, type == nil || type == "text" || type == "text/plain" { return plainLines(raw) }
        guard looksLikeHTML(raw) else { return plainLines(HTMLEntities.decode(raw)) }
        guard let tree = HTMLTree.parseHTML(raw) else { return nil }
        let text = extractor.fragmentText(of: tree)
        return text.isEmpty ? nil : text
    }

    /// Whether text holds a tag (`<p>`, `</div>`, `<br/>`) rather than a lone `<` in prose.
    static func looksLikeHTML(_ text: String) -> Bool {
        var previousWasOpen = false
        for ch in text.unicodeScalars {
            if previousWasOpen, ch.properties.isAlphabetic || ch == "/" || ch == "!" { return true }
            previousWasOpen = ch == "<"
        }
        return false
    }

    /// Plain text with line ends normalised, each line trimmed, runs of blank lines made one.
    static func plainLines(_ text: String) -> String? {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in TextDecoding.normalizeLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = HTMLTree.collapseWhitespace(String(line))
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        let text = paragraphs.joined(separator: "\n\n")
        return text.isEmpty ? nil : text
    }
}

/// Collects libxml2's errors for one document (they would otherwise go to stderr) so they become problems
/// naming the file and the XML line.
final class XMLErrorLog: @unchecked Sendable {
    // Only touched by the thread reading the document, inside one call.
    private(set) var messages: [String] = []
    /// The XML line of the first error.
    private(set) var firstLine: Int?

    var count: Int { messages.count }

    /// The first error, the one that matters (later ones follow from it).
    var summary: String? { messages.first }

    func record(_ error: UnsafeMutablePointer<xmlError>) {
        let message = error.pointee.message.map { String(cString: $0).trimmingWhitespace() } ?? "XML error"
        if messages.isEmpty { firstLine = Int(error.pointee.line) }
        messages.append("XML error at line \(error.pointee.line): \(message)")
    }
}

extension HTMLEntities {
    /// XML knows five named entities; feeds written by HTML templates use the rest of HTML's (`&nbsp;`,
    /// `&mdash;`, `&eacute;`) without declaring them, which makes the XML malformed from that point on.
    /// Each such reference becomes the numeric reference of the same character, so the feed reads as its
    /// author meant. Documents with a DOCTYPE may declare their own entities and are left alone. Returns the
    /// text and the entity names replaced (each once, in order of appearance).
    static func numericReferences(in text: String) -> (String, [String]) {
        guard text.contains("&"), !text.contains("<!DOCTYPE"), !text.contains("<!doctype") else { return (text, []) }
        let xmlNames: Set<Substring> = ["amp", "lt", "gt", "quot", "apos"]
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var replaced: [String] = []
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest.index(after: amp)
            let name = rest[after...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            let end = name.endIndex
            if !name.isEmpty, name.first!.isLetter, end < rest.endIndex, rest[end] == ";", !xmlNames.contains(name),
               let entity = String(name).withCString({ htmlEntityLookup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }) {
                out += "&#\(entity.pointee.value);"
                if !replaced.contains(String(name)) { replaced.append(String(name)) }
                rest = rest[rest.index(after: end)...]
            } else {
                out += "&"
                rest = rest[after...]
            }
        }
        out += rest
        return (out, replaced)
    }
}

/// HTML character references in plain feed text (`&amp;`, `&#8217;`, `&eacute;`), decoded through libxml2's
/// HTML parser so its full entity table is used.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&"), let tree = HTMLTree.parseHTML("<p>" + text.replacingOccurrences(of: "<", with: "&lt;") + "</p>") else { return text }
        return tree.nodes.filter(\.isText).map(\.text).joined()
    }
}
