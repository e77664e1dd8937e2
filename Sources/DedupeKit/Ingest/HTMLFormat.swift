/// HTML article pages (`.html`, `.htm`, `.xhtml`): one article per file, the page's main text.
///
/// Newsrooms and scrapers keep articles as the pages they were published as, with the site's navigation,
/// cookie banner, share buttons, related stories and comments around the story. The text is what
/// ``HTMLTextExtractor`` finds; the metadata what ``HTMLMetadata`` reads (JSON-LD, Open Graph and
/// `article:` meta tags, `<link rel="canonical">`, `<time>`); the character set what ``DeclaredCharset``
/// decides (byte order mark, then `<meta charset>`, then UTF-8, else Windows-1252). libxml2's HTML parser
/// builds the tree, repairing broken markup as browsers do.
///
/// The article id is the file's id, as for a text file. A page with no `<body>`, or with nothing but
/// boilerplate in it, is an error naming the file.
public struct HTMLFormat: ArticleFormat {
    public init() {}

    public var fileExtensions: Set<String> { ["html", "htm", "xhtml"] }

    public func read(_ bytes: [UInt8], from file: FeedFile) -> FileReadResult {
        let decoded = DeclaredCharset.decode(bytes, declared: DeclaredCharset.htmlDeclaration(bytes), path: file.path)
        var problems = decoded.problems
        guard let tree = HTMLTree.parseHTML(decoded.text), let root = tree.root else {
            problems.append(FeedProblem(path: file.path, reason: "no article text (empty page)"))
            return FileReadResult(problems: problems)
        }
        guard tree[root].name == "body" || tree.firstDescendant(of: root, named: "body") != nil else {
            problems.append(FeedProblem(path: file.path, reason: "no article text (the page has no <body>)"))
            return FileReadResult(problems: problems)
        }
        let (builder, metadataProblems) = HTMLMetadata.read(tree, path: file.path)
        let headlines = [builder.title] + tree.elements(named: "title").map { tree.collapsedText(of: $0) }
        let text = HTMLTextExtractor().mainText(of: tree, headlines: headlines.compactMap { $0 })
        guard !text.isEmpty else {
            problems.append(FeedProblem(
                path: file.path, reason: "no article text (the <body> holds nothing but navigation, headers, footers or other boilerplate)"))
            return FileReadResult(problems: problems)
        }
        problems += metadataProblems
        let (metadata, dateProblem) = builder.build(id: file.relativeID, location: ArticleLocation(path: file.path), displayPath: file.path)
        if let dateProblem { problems.append(dateProblem) }
        return FileReadResult(articles: [Article(metadata: metadata, text: text)], problems: problems)
    }
}
