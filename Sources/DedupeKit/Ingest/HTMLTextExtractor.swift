/// Finds the article text of an HTML page: what a reader came for, without the navigation, cookie banner,
/// share buttons, related-story lists, advertisements and comments around it.
///
/// Why it matters: boilerplate is shared by every page of a site, so left in it would make unrelated
/// articles from one outlet look like near-duplicates, and would hide a syndicated copy on another site
/// behind different boilerplate. The heuristics, in order:
///
/// 1. **Drop boilerplate**: elements that are never article text (`script`, `style`, `nav`, `header`,
///    `footer`, `aside`, `form`, media, ...), hidden elements, landmark roles (`navigation`, `banner`,
///    `contentinfo`, `complementary`, `dialog`, ...), and elements whose `class` or `id` names a
///    boilerplate block (nav, menu, share, social, related, comment, cookie, banner, promo, advert,
///    newsletter, subscribe, footer, sidebar, byline, caption, ...). An element that holds the article
///    itself (an `<article>`, `<main>` or `itemprop="articleBody"`, or at least half of the page's paragraph
///    text) is never dropped this way: some sites wrap the whole page in a `<form>` or give `<body>` a
///    "has-sidebar" class.
/// 2. **Find the main block**: score each element by the paragraph text directly below it (a paragraph of
///    25 characters or more, or a run of text between `<br>`s, scores 1, plus one per comma, plus one per
///    100 characters up to 3; its parent gets the score, its grandparent half, the next ancestor a third),
///    weight by tag and by class and id hints (article, body, content, story, ... up; boilerplate words
///    down), discount by link density, and take the best. When one child of the winner holds 85% or more
///    of its paragraph text, that child is the block (a page-wide wrapper with a "content" class otherwise
///    wins). Siblings with paragraph points of their own (at least 5, and a fifth of the block's), and
///    headings, lists and quotations between them, join it (a story body split by an advertisement slot).
/// 3. **Write the text**: block elements become paragraphs separated by a blank line, `<br>` a line
///    break and `<br><br>` a new paragraph, whitespace collapsed. Left out: blocks and paragraphs that are
///    mostly link text (a "read more" line, a row of tags), paragraphs with no letters (a "07:10" time
///    stamp), and the headline (`<h1>`, or a paragraph that is the page's title: it is metadata, not body).
public struct HTMLTextExtractor: Sendable {
    public init() {}

    // MARK: Vocabulary

    /// Never article text, wherever they are.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
        "button", "select", "option", "optgroup", "textarea", "input", "iframe", "object", "embed", "applet",
        "svg", "math", "canvas", "video", "audio", "picture", "source", "track", "img", "map", "area",
        "dialog", "menu", "figcaption",
    ]
    /// Page furniture: dropped unless it holds the article (see the type's documentation).
    static let structuralElements: Set<String> = ["nav", "header", "footer", "aside", "form"]
    static let droppedRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
        "toolbar", "tablist", "alert",
    ]
    /// Class and id words that name boilerplate. Short words must be a whole word of the class or id
    /// (`ad`, `ad-slot`, `adSlot`); longer ones may start a word (`navbar`, `comments`, `socialLinks`).
    static let boilerplateWords: [String] = [
        "nav", "menu", "share", "sharing", "social", "related", "comment", "cookie", "banner", "promo", "advert",
        "newsletter", "subscri", "footer", "sidebar", "breadcrumb", "byline", "author", "dateline", "caption",
        "credit", "toolbar", "popup", "modal", "overlay", "consent", "gdpr", "paywall", "sponsor", "recommend",
        "widget", "outbrain", "taboola", "masthead", "header", "signup", "login", "pagination", "pager",
        "donate", "trending", "popular", "disqus", "timestamp", "teaser", "recirc", "skip", "print",
        "ad", "ads", "tag", "tags", "meta", "more", "most", "rail", "date", "tools", "follow", "poll",
    ]
    static let wholeWordOnly: Set<String> = ["ad", "ads", "tag", "tags", "meta", "more", "most", "rail", "date",
                                             "skip", "print", "tools", "follow", "poll"]
    /// Words that start like a boilerplate word but are not one.
    static let notBoilerplate: Set<String> = ["commentary", "navy", "authoritative", "menus", "shared", "shareholders", "shareholder"]
    /// Class and id words of an article body.
    static let contentWords: Set<String> = ["article", "body", "content", "entry", "main", "page", "post", "text", "blog",
                                            "story", "prose", "richtext", "copy"]

    /// Inline elements: they continue the paragraph they are in.
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "label", "del", "ins", "big",
        "tt", "strike", "nobr", "acronym", "ruby", "rt", "rp", "output",
    ]
    /// Elements whose own text counts as a paragraph when scoring.
    static let paragraphElements: Set<String> = ["p", "pre"]
    static let divLikeElements: Set<String> = ["div", "section", "td", "article", "center", "main"]

    // MARK: Public entry points

    /// The article text of a whole page; empty when the page has none.
    /// `headlines`: the page's title as its metadata gives it (og:title, JSON-LD, `<title>`); a paragraph
    /// that is the headline, or the headline part of a "Headline | Outlet" `<title>`, is not body text.
    func mainText(of tree: HTMLTree, headlines: [String] = []) -> String {
        guard let root = tree.root else { return "" }
        let body = tree.nodes[root].name == "body" ? root : (tree.firstDescendant(of: root, named: "body") ?? root)
        var analysis = Analysis(tree: tree, scope: body)
        analysis.dropBoilerplate(guarded: true)
        analysis.measure()
        let chosen = analysis.mainBlocks()
        var writer = TextWriter(headlines: headlines.map { HTMLTree.collapseWhitespace($0).lowercased() }.filter { !$0.isEmpty })
        for block in chosen { analysis.write(block, into: &writer, dropHeadline: true) }
        return writer.finish()
    }

    /// The text of an HTML fragment that is all article (the content of a feed item): boilerplate dropped,
    /// no main block chosen.
    func fragmentText(of tree: HTMLTree) -> String {
        guard let root = tree.root else { return "" }
        var analysis = Analysis(tree: tree, scope: root)
        analysis.dropBoilerplate(guarded: true)
        analysis.measure()
        var writer = TextWriter()
        analysis.write(root, into: &writer, dropHeadline: false)
        return writer.finish()
    }

    /// The words of a `class` or `id` value: split at non-letters and at camelCase humps, lower-cased.
    public static func words(_ value: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in value {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase, previousLower, !current.isEmpty { words.append(current); current = "" }
                current.append(contentsOf: ch.lowercased())
                previousLower = ch.isLowercase || ch.isNumber
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether one word of a class or id names boilerplate.
    public static func isBoilerplateWord(_ word: String) -> Bool {
        guard !notBoilerplate.contains(word) else { return false }
        for b in boilerplateWords {
            if word == b { return true }
            if !wholeWordOnly.contains(b), word.hasPrefix(b) { return true }
        }
        return false
    }

    /// Whether an element's class or id names a boilerplate block.
    static func namesBoilerplate(_ node: HTMLTree.Node) -> Bool {
        let value = (node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")
        return words(value).contains(where: isBoilerplateWord)
    }

    /// +25 for a content word in class or id, -25 for a boilerplate word (Readability's weights).
    static func classWeight(_ node: HTMLTree.Node) -> Double {
        let w = words((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? ""))
        var weight = 0.0
        if w.contains(where: { contentWords.contains($0) }) { weight += 25 }
        if w.contains(where: isBoilerplateWord) { weight -= 25 }
        return weight
    }

    static func isHidden(_ node: HTMLTree.Node) -> Bool {
        if node.attributes["hidden"] != nil { return true }
        if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let style = node.attribute("style")?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }
}

extension HTMLTextExtractor {
    /// The per-page working state: which nodes are dropped, text and link lengths, scores.
    struct Analysis {
        let tree: HTMLTree
        let scope: Int
        var dead: [Bool]
        var textLength: [Int]
        var linkLength: [Int]
        var commas: [Int]

        init(tree: HTMLTree, scope: Int) {
            self.tree = tree
            self.scope = scope
            dead = Array(repeating: false, count: tree.nodes.count)
            textLength = Array(repeating: 0, count: tree.nodes.count)
            linkLength = Array(repeating: 0, count: tree.nodes.count)
            commas = Array(repeating: 0, count: tree.nodes.count)
        }

        /// Marks boilerplate elements dead (and their subtrees, through ``measure()`` and ``write``).
        mutating func dropBoilerplate(guarded: Bool) {
            let nodes = tree.nodes
            // Bottom-up (nodes are in document order, so a child's index is above its parent's): whether a
            // subtree holds an article marker, and how much paragraph text it holds.
            var holdsArticle = Array(repeating: false, count: nodes.count)
            var paragraphText = Array(repeating: 0, count: nodes.count)
            for i in nodes.indices.reversed() {
                let node = nodes[i]
                if node.isText {
                    if let p = node.parent, paragraphElements.contains(nodes[p].name) {
                        paragraphText[i] = node.text.count
                    }
                } else {
                    if node.name == "article" || node.name == "main" || node.attribute("itemprop")?.lowercased() == "articlebody"
                        || node.attribute("role")?.lowercased() == "main" { holdsArticle[i] = true }
                    if paragraphElements.contains(node.name) {
                        paragraphText[i] = HTMLTree.collapseWhitespace(tree.collapsedText(of: i)).count
                    }
                }
                if let p = node.parent {
                    if holdsArticle[i] { holdsArticle[p] = true }
                    if !paragraphElements.contains(nodes[p].name) { paragraphText[p] += paragraphText[i] }
                }
            }
            let total = max(1, paragraphText[scope])
            func keeps(_ i: Int) -> Bool {
                guarded && (holdsArticle[i] || paragraphText[i] * 2 >= total)
            }
            for i in nodes.indices where i != scope && !nodes[i].isText {
                let node = nodes[i]
                if ["html", "body"].contains(node.name) { continue }
                if droppedElements.contains(node.name) { dead[i] = true; continue }
                let role = node.attribute("role")?.lowercased() ?? ""
                let furniture = structuralElements.contains(node.name) || droppedRoles.contains(role) || isHidden(node)
                    || (node.name != "article" && node.name != "main" && namesBoilerplate(node))
                if furniture, !keeps(i) { dead[i] = true }
            }
            // A dead parent kills its subtree.
            for i in nodes.indices {
                if let p = nodes[i].parent, dead[p] { dead[i] = true }
            }
        }

        /// Text length, link-text length and commas of every live subtree.
        mutating func measure() {
            let nodes = tree.nodes
            for i in nodes.indices.reversed() where !dead[i] {
                let node = nodes[i]
                if node.isText {
                    let collapsed = HTMLTree.collapseWhitespace(node.text)
                    textLength[i] = collapsed.count
                    commas[i] = collapsed.reduce(0) { $0 + ($1 == "," ? 1 : 0) }
                }
                if node.name == "a" { linkLength[i] = textLength[i] }
                if let p = node.parent {
                    textLength[p] += textLength[i]
                    linkLength[p] += linkLength[i]
                    commas[p] += commas[i]
                }
            }
        }

        func linkDensity(_ i: Int) -> Double {
            textLength[i] == 0 ? 0 : Double(linkLength[i]) / Double(textLength[i])
        }

        func isBlock(_ i: Int) -> Bool {
            let node = tree.nodes[i]
            return !node.isText && !inlineElements.contains(node.name) && node.name != "br"
        }

        /// A paragraph for scoring: `<p>`, `<pre>`, or a `div`-like element with text and no block children.
        func isParagraph(_ i: Int) -> Bool {
            let node = tree.nodes[i]
            if paragraphElements.contains(node.name) { return true }
            guard divLikeElements.contains(node.name) else { return false }
            let live = node.children.filter { !dead[$0] }
            return !live.contains(where: isBlock) && textLength[i] > 0 && !containsLineBreaks(i)
        }

        /// Whether an element's text is laid out with `<br>` (directly or in inline children): old table
        /// layouts and some CMSs write paragraphs as runs between `<br><br>`, scored one by one.
        func containsLineBreaks(_ i: Int) -> Bool {
            tree.nodes[i].children.contains { c in
                !dead[c] && (tree.nodes[c].name == "br" || (inlineElements.contains(tree.nodes[c].name) && containsLineBreaks(c)))
            }
        }

        /// Runs of text between `<br>`s directly in an element: (length without link text, commas) of each.
        func lineRuns(_ i: Int) -> [(length: Int, commas: Int)] {
            var runs: [(Int, Int)] = []
            var length = 0, commaCount = 0
            for c in tree.nodes[i].children where !dead[c] {
                if tree.nodes[c].name == "br" {
                    runs.append((length, commaCount))
                    length = 0; commaCount = 0
                } else if isBlock(c) {
                    continue
                } else {
                    length += textLength[c] - linkLength[c]
                    commaCount += commas[c]
                }
            }
            runs.append((length, commaCount))
            return runs
        }

        /// Text in paragraphs below `i` (what a story block is made of), for choosing between a wrapper and
        /// the child that holds nearly all of its paragraphs.
        func paragraphLength(_ i: Int) -> Int {
            if dead[i] || tree.nodes[i].isText { return 0 }
            if isParagraph(i) { return textLength[i] - linkLength[i] }
            if tree.nodes[i].children.contains(where: { tree.nodes[$0].name == "br" && !dead[$0] }) {
                return lineRuns(i).reduce(0) { $0 + ($1.length >= 25 ? $1.length : 0) }
            }
            return tree.nodes[i].children.reduce(0) { $0 + paragraphLength($1) }
        }

        /// The block or blocks holding the article, in document order.
        func mainBlocks() -> [Int] {
            let nodes = tree.nodes
            var score: [Int: Double] = [:]
            var points: [Int: Double] = [:]  // paragraph points alone, without tag and class weights
            func initial(_ i: Int) -> Double {
                var base = 0.0
                switch nodes[i].name {
                case "div", "article", "main": base = 5
                case "pre", "td", "blockquote", "section": base = 3
                case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": base = -3
                case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
                default: base = 0
                }
                if nodes[i].name == "article" || nodes[i].attribute("itemprop")?.lowercased() == "articlebody" { base += 20 }
                return base + classWeight(nodes[i])
            }
            func credit(_ newPoints: Double, from first: Int?) {
                var ancestor = first
                var level = 0
                while let a = ancestor, level < 3 {
                    if score[a] == nil { score[a] = initial(a) }
                    let share = newPoints / (level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3 / 2)
                    score[a]! += share
                    points[a, default: 0] += share
                    if a == scope { break }
                    ancestor = nodes[a].parent
                    level += 1
                }
            }
            for i in nodes.indices where !dead[i] && !nodes[i].isText && (i == scope || tree.isDescendant(i, of: scope)) {
                if isParagraph(i) {
                    let length = textLength[i] - linkLength[i]
                    guard length >= 25 else { continue }
                    credit(1 + Double(commas[i]) + min(Double(length / 100), 3), from: nodes[i].parent)
                } else if !paragraphElements.contains(nodes[i].name), nodes[i].children.contains(where: { nodes[$0].name == "br" && !dead[$0] }) {
                    // `<br>`-separated runs count as paragraphs of the element holding them.
                    for run in lineRuns(i) where run.length >= 25 {
                        credit(1 + Double(run.commas) + min(Double(run.length / 100), 3), from: i)
                    }
                }
            }
            let ranked = score.map { ($0.key, $0.value * (1 - linkDensity($0.key))) }
            guard let winner = ranked.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }), winner.1 > 0 else { return [scope] }
            let finalScore = Dictionary(uniqueKeysWithValues: ranked)
            // A wrapper can outscore the block inside it (a "content" class, a page-wide <div>); when one child
            // holds nearly all of the wrapper's paragraph text, that child is the story block.
            var best = winner
            while true {
                let total = paragraphLength(best.0)
                guard total > 0, let inner = nodes[best.0].children.first(where: { !dead[$0] && paragraphLength($0) * 100 >= total * 85 }),
                      !isParagraph(inner), !paragraphElements.contains(nodes[inner].name) else { break }
                best = (inner, finalScore[inner] ?? winner.1)
            }
            let top = best
            guard top.0 != scope, let parent = nodes[top.0].parent else { return [top.0] }

            // Siblings that belong to the story too, on their own paragraphs (a teaser card's <article> tag
            // or a "story" class is no reason to join).
            let siblings = nodes[parent].children.filter { !dead[$0] }
            func ownPoints(_ i: Int) -> Double { (points[i] ?? 0) * (1 - linkDensity(i)) }
            let threshold = max(5, ownPoints(top.0) * 0.2)
            var included = Set<Int>([top.0])
            for s in siblings where s != top.0 && !nodes[s].isText {
                if ownPoints(s) >= threshold { included.insert(s); continue }
                if nodes[s].name == "p" {
                    let length = textLength[s], density = linkDensity(s)
                    if length > 80 && density < 0.25 { included.insert(s) }
                }
            }
            // Headings, lists and quotations between included blocks.
            if let first = siblings.firstIndex(where: { included.contains($0) }),
               let last = siblings.lastIndex(where: { included.contains($0) }) {
                for s in siblings[first...last] where !nodes[s].isText && linkDensity(s) < 0.5 && textLength[s] > 0 {
                    if ["h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "p", "pre", "table", "figure", "dl"].contains(nodes[s].name) {
                        included.insert(s)
                    }
                }
            }
            return siblings.filter { included.contains($0) }
        }

        /// Writes a block's live text as paragraphs.
        func write(_ i: Int, into writer: inout TextWriter, dropHeadline: Bool, inLink: Bool = false) {
            let node = tree.nodes[i]
            if dead[i] { return }
            if node.isText { writer.text(node.text, inLink: inLink); return }
            if node.name == "br" { writer.lineBreak(); return }
            if dropHeadline, node.name == "h1" { writer.endBlock(); return }
            let block = isBlock(i)
            if block {
                // A block that is mostly links (a "read more" list, a row of tags) is not article text.
                if i != scope, textLength[i] > 0, linkDensity(i) >= 0.5, node.name != "td" { writer.endBlock(); return }
                writer.endBlock()
            }
            if node.name == "td" || node.name == "th" { writer.space() }
            for child in node.children { write(child, into: &writer, dropHeadline: dropHeadline, inLink: inLink || node.name == "a") }
            if block { writer.endBlock() }
        }
    }

    /// Collects text into paragraphs: whitespace collapsed, a blank line between blocks (and for `<br><br>`).
    /// A paragraph is left out when it is mostly link text (a line of "also this week" links), has no
    /// letters (a "07:10" time stamp), or is the headline.
    struct TextWriter {
        private var paragraphs: [String] = []
        private var current = ""
        private var linkCharacters = 0
        private var pendingSpace = false
        var headlines: [String] = []

        init(headlines: [String] = []) {
            self.headlines = headlines
        }

        mutating func text(_ text: String, inLink: Bool = false) {
            for ch in text {
                if ch.isWhitespace {
                    pendingSpace = true
                } else {
                    if pendingSpace, !current.isEmpty, current.last != "\n" { current.append(" ") }
                    pendingSpace = false
                    current.append(ch)
                    if inLink { linkCharacters += 1 }
                }
            }
        }

        mutating func space() { pendingSpace = true }

        mutating func lineBreak() {
            if current.last == "\n" { endBlock(); return }  // <br><br>: a new paragraph
            if !current.isEmpty { current.append("\n") }
            pendingSpace = false
        }

        mutating func endBlock() {
            let paragraph = current.trimmingWhitespace()
            let letters = paragraph.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
            if !paragraph.isEmpty, linkCharacters * 2 < letters, paragraph.contains(where: \.isLetter), !isHeadline(paragraph) {
                paragraphs.append(paragraph)
            }
            current = ""
            linkCharacters = 0
            pendingSpace = false
        }

        private func isHeadline(_ paragraph: String) -> Bool {
            let p = HTMLTree.collapseWhitespace(paragraph).lowercased()
            guard p.split(separator: " ").count >= 3 else { return false }
            return headlines.contains { h in h == p || ((h.hasPrefix(p) || h.hasSuffix(p)) && h.count - p.count <= 60) }
        }

        mutating func finish() -> String {
            endBlock()
            return paragraphs.joined(separator: "\n\n")
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines (no Foundation needed).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
