import Foundation

/// Reads an article page's title, date, url, outlet and author from the places publishers put them.
///
/// Pages say the same thing several times, not always consistently, so each field has an order of
/// preference (README, "Feed formats", lists it): structured data written for machines first (JSON-LD
/// `NewsArticle`, then Open Graph and `article:` meta tags), then what is written for people (`<time>`,
/// `<h1>`, `<title>`). A `<title>` usually carries the site name too ("Headline | Outlet"), which is why
/// it comes last.
///
/// | field | order of preference |
/// | --- | --- |
/// | title | JSON-LD `headline`, `og:title`, `twitter:title`, the first `<h1>`, `<title>` |
/// | date | JSON-LD `datePublished`, `article:published_time`, meta `date`/`pubdate`/`dc.date`/..., `<time datetime>` (the one marked `datePublished` or `pubdate`, else the first inside `<article>`, else the first) |
/// | url | `<link rel="canonical">`, `og:url`, JSON-LD `url` or `mainEntityOfPage` |
/// | outlet | `og:site_name`, JSON-LD `publisher.name`, meta `application-name` |
/// | author | JSON-LD `author` (names joined with ", "), meta `author`, `article:author` (unless it is a link) |
///
/// For dates the first candidate that parses wins; a page whose only dates do not parse gets an error
/// naming the date, and is read undated.
enum HTMLMetadata {
    /// JSON-LD `@type`s that describe an article, most specific first.
    static let articleTypes = ["NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                               "BackgroundNewsArticle", "Article", "BlogPosting", "Report", "LiveBlogPosting", "WebPage"]
    static let dateMetaNames = ["article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                                "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.date",
                                "dcterms.created", "datepublished", "sailthru.date", "parsely-pub-date", "article.published"]

    /// Metadata fields and problems (a JSON-LD block that is not JSON is a warning: it is ignored).
    static func read(_ tree: HTMLTree, path: String) -> (MetadataBuilder, [FeedProblem]) {
        var problems: [FeedProblem] = []
        var meta: [String: String] = [:]  // first value of each property or name, lower-case key
        for i in tree.elements(named: "meta") {
            let node = tree[i]
            guard let content = node.attribute("content")?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty,
                  let key = node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") else { continue }
            let k = key.lowercased()
            if meta[k] == nil { meta[k] = content }
        }
        var canonical: String?
        for i in tree.elements(named: "link") where canonical == nil {
            let rel = tree[i].attribute("rel")?.lowercased().split(separator: " ") ?? []
            if rel.contains("canonical"), let href = tree[i].attribute("href"), !href.isEmpty { canonical = href }
        }

        var jsonLD: [String: Any]?
        for (n, i) in tree.elements(named: "script").enumerated()
        where tree[i].attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json" {
            let source = tree[i].children.map { tree[$0].text }.joined()
            guard let data = source.data(using: .utf8),
                  let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                problems.append(FeedProblem(path: path, reason: "JSON-LD block \(n + 1) is not valid JSON; ignored",
                                            severity: .warning, articleRead: true))
                continue
            }
            if jsonLD == nil { jsonLD = article(in: value) }
        }

        var builder = MetadataBuilder()
        // Title.
        let h1 = tree.elements(named: "h1").lazy.map { tree.collapsedText(of: $0) }.first { !$0.isEmpty }
        let titleElement = tree.elements(named: "title").first.map { tree.collapsedText(of: $0) }
        for candidate in [string(jsonLD?["headline"]), meta["og:title"], meta["twitter:title"], h1, titleElement] {
            if let candidate { builder.set("title", HTMLTree.collapseWhitespace(candidate)) }
        }
        // Date.
        var dates: [String] = []
        if let d = string(jsonLD?["datePublished"]) { dates.append(d) }
        dates += dateMetaNames.compactMap { meta[$0] }
        dates += timeDates(tree)
        builder.setDate(candidates: dates)
        // Url.
        let jsonURL = string(jsonLD?["url"]) ?? string((jsonLD?["mainEntityOfPage"] as? [String: Any])?["@id"])
            ?? string(jsonLD?["mainEntityOfPage"])
        for candidate in [canonical, meta["og:url"], jsonURL] {
            if let candidate { builder.set("url", candidate) }
        }
        // Outlet.
        let publisher = names(jsonLD?["publisher"])
        for candidate in [meta["og:site_name"], publisher, meta["application-name"]] {
            if let candidate { builder.set("outlet", candidate) }
        }
        // Author.
        let articleAuthor = meta["article:author"].flatMap { $0.contains("://") ? nil : $0 }
        for candidate in [names(jsonLD?["author"]), meta["author"], articleAuthor] {
            if let candidate { builder.set("author", candidate) }
        }
        return (builder, problems)
    }

    /// The most specific article object in a JSON-LD value (an object, an array, or an `@graph`).
    static func article(in value: Any) -> [String: Any]? {
        var objects: [[String: Any]] = []
        func collect(_ v: Any) {
            if let array = v as? [Any] { array.forEach(collect); return }
            guard let object = v as? [String: Any] else { return }
            objects.append(object)
            if let graph = object["@graph"] { collect(graph) }
        }
        collect(value)
        func types(_ o: [String: Any]) -> [String] {
            if let t = o["@type"] as? String { return [t] }
            return (o["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
        }
        for type in articleTypes {
            if let match = objects.first(where: { types($0).contains(type) }) { return match }
        }
        return nil
    }

    /// `<time datetime>` values: the ones marked as the publication date first, then those inside
    /// `<article>`, then the rest.
    static func timeDates(_ tree: HTMLTree) -> [String] {
        let times = tree.elements(named: "time").filter { !(tree[$0].attribute("datetime") ?? "").isEmpty }
        let articles = tree.elements(named: "article")
        func marked(_ i: Int) -> Bool {
            let node = tree[i]
            return node.attributes["pubdate"] != nil || node.attribute("itemprop")?.lowercased() == "datepublished"
        }
        func inArticle(_ i: Int) -> Bool { articles.contains { tree.isDescendant(i, of: $0) } }
        let ordered = times.filter(marked) + times.filter { !marked($0) && inArticle($0) } + times.filter { !marked($0) && !inArticle($0) }
        return ordered.compactMap { tree[$0].attribute("datetime") }
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// A person or organisation: a name, an object with `name`, or a list of them (joined with ", ").
    static func names(_ value: Any?) -> String? {
        if let s = string(value) { return s }
        if let object = value as? [String: Any] { return string(object["name"]) }
        if let array = value as? [Any] {
            let all = array.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}
