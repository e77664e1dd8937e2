import DedupeKit
import Foundation
import Testing

@Suite("HTMLFormat")
struct HTMLFormatTests {
    private let format = HTMLFormat()
    private let file = FeedFile(path: "/feeds/pages/story.html", relativeID: "pages/story.html")

    private func read(_ html: String) -> FileReadResult {
        format.read(Array(html.utf8), from: file)
    }

    private func read(bytes: [UInt8]) -> FileReadResult {
        format.read(bytes, from: file)
    }

    /// A page with every kind of furniture around a three-paragraph story with a subheading.
    static let furnishedPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry returns | Test Post</title>
        <script>var tracking = "We use cookies everywhere";</script><style>p { color: red }</style></head>
        <body class="has-sidebar">
        <div class="cookie-banner"><p>We use cookies to improve your experience on this website, please accept.</p></div>
        <header><a href="/">Test Post</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
        <div id="main-menu"><ul><li><a href="/a">Politics section of the site</a></li></ul></div>
        <article>
          <h1>Ferry returns</h1>
          <p class="byline">By Ann Roe, 20 March 2026</p>
          <p>The ferry between Kelby and Ostbury resumed on Friday after a four-month repair, the operator said.</p>
          <div class="adSlot"><p>Advertisement: the best raincoats in the valley, now half price for members.</p></div>
          <p>Crews replaced the ramp, the engines and the ticket office, at a cost of 2.3 million crowns.</p>
          <h2>Timetable</h2>
          <p>Sailings run every forty minutes from six in the morning, with a late boat on <b>Saturdays</b>.</p>
          <div class="share-buttons"><a href="#">Share on social media with your friends</a></div>
          <div class="related-stories"><h3>Related</h3><p>Bridge closes for repairs to corroded hanger cables, inspectors say.</p></div>
          <!-- an HTML comment that is not article text -->
        </article>
        <section id="comments"><p>Great news, I have been waiting for this ferry to come back for months now!</p></section>
        <aside><p>Most read: a story about the weather that everyone has been reading all week long.</p></aside>
        <form><p>Sign up to our newsletter for the latest headlines every single morning.</p></form>
        <footer><p>Copyright 2026 Test Post. All rights reserved, do not copy anything from here.</p></footer>
        </body></html>
        """

    @Test func extensions() {
        #expect(format.fileExtensions == ["html", "htm", "xhtml"])
    }

    @Test func mainTextLeavesOutBoilerplateAndKeepsParagraphs() throws {
        let result = read(Self.furnishedPage)
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.id == "pages/story.html")
        #expect(article.metadata.location == ArticleLocation(path: file.path))
        #expect(article.text == """
            The ferry between Kelby and Ostbury resumed on Friday after a four-month repair, the operator said.

            Crews replaced the ramp, the engines and the ticket office, at a cost of 2.3 million crowns.

            Timetable

            Sailings run every forty minutes from six in the morning, with a late boat on Saturdays.
            """)
        for leaked in ["cookies", "News", "Politics", "By Ann Roe", "Advertisement", "Share", "Bridge closes", "waiting for this ferry",
                       "Most read", "newsletter", "Copyright", "color", "comment", "Ferry returns"] {
            #expect(!article.text.contains(leaked), "leaked: \(leaked)")
        }
    }

    @Test func metadataPrefersJSONLDThenOpenGraphThenThePage() throws {
        let page = """
            <html><head><title>Page title | Outlet</title>
            <meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Outlet">
            <meta property="og:url" content="https://og.example/story">
            <meta property="article:published_time" content="2026-03-19T10:00:00Z">
            <meta name="author" content="Meta Author">
            <link rel="canonical" href="https://canonical.example/story">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Site"},
              {"@type": "NewsArticle", "headline": "JSON-LD headline", "datePublished": "2026-03-18T07:00:00+01:00",
               "author": [{"@type": "Person", "name": "Ann Roe"}, {"@type": "Person", "name": "Ben Hale"}],
               "publisher": {"@type": "Organization", "name": "LD Publisher"}}]}</script>
            </head><body><article><p>The ferry between Kelby and Ostbury resumed on Friday after repairs.</p>
            <time datetime="2026-01-01">New Year</time></article></body></html>
            """
        let article = try #require(read(page).articles.first)
        #expect(article.metadata.title == "JSON-LD headline")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 18, 6), hasTime: true))
        #expect(article.metadata.url == "https://canonical.example/story")
        #expect(article.metadata.outlet == "OG Outlet")
        #expect(article.metadata.author == "Ann Roe, Ben Hale")
    }

    @Test func metadataFallsBackToTimeH1AndTitle() throws {
        let page = """
            <html><head><title>Only the title element</title><meta property="og:url" content="https://og.example/s"></head>
            <body><nav><time datetime="2020-01-01">old</time></nav>
            <article><h1>The h1 headline</h1><time datetime="2026-03-02T08:00:00Z">2 March</time>
            <time pubdate datetime="2026-03-01">1 March</time>
            <p>The ferry between Kelby and Ostbury resumed on Friday after repairs to the ramp.</p></article></body></html>
            """
        let article = try #require(read(page).articles.first)
        #expect(article.metadata.title == "The h1 headline")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 1), hasTime: false))
        #expect(article.metadata.url == "https://og.example/s")
        #expect(article.metadata.outlet == nil)
        let titleOnly = try #require(read("<html><head><title> Just  a title </title></head><body><p>Some words of text here for the body of this page.</p></body></html>").articles.first)
        #expect(titleOnly.metadata.title == "Just a title")
    }

    @Test func theFirstDateThatParsesWins() throws {
        let page = """
            <html><head><meta property="article:published_time" content="2026-03-05T12:00:00Z">
            <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "sometime soon"}</script></head>
            <body><p>The ferry between Kelby and Ostbury resumed on Friday after repairs to the ramp.</p></body></html>
            """
        let result = read(page)
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 5, 12), hasTime: true))

        let bad = read("<html><head><meta name=\"date\" content=\"next Tuesday\"></head><body><p>The ferry resumed on Friday after the repairs.</p></body></html>")
        #expect(bad.articles.count == 1)
        #expect(bad.articles.first?.metadata.date == nil)
        let problem = try #require(bad.problems.first)
        #expect(problem.severity == .error && problem.articleRead)
        #expect(problem.reason.contains("next Tuesday"))
        #expect(problem.path == file.path)
    }

    @Test func pageWithoutABodyIsAnError() throws {
        let result = read("<html><head><title>Nothing here</title><meta charset=\"utf-8\"></head></html>")
        #expect(result.articles.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.path == file.path)
        #expect(problem.severity == .error)
        #expect(problem.reason.contains("no <body>"))
    }

    @Test func bodyWithOnlyBoilerplateIsAnError() throws {
        let result = read("<html><body><nav><a href='/'>Home</a></nav><footer>Copyright</footer><script>x()</script></body></html>")
        #expect(result.articles.isEmpty)
        #expect(result.problems.map(\.reason).first?.contains("no article text") == true)
        #expect(read(bytes: []).problems.first?.reason.contains("no article text") == true)
    }

    @Test func wrongDeclaredCharsetIsAnErrorAndTheTextIsStillRight() throws {
        // Declares UTF-8, written in Windows-1252.
        let bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>The caf".utf8) + [0xE9]
            + Array(" on the quay reopens on Friday, the owner said, after a ".utf8) + [0x93] + Array("long winter".utf8) + [0x94]
            + Array(".</p></body></html>".utf8)
        let result = read(bytes: bytes)
        let article = try #require(result.articles.first)
        #expect(article.text == "The café on the quay reopens on Friday, the owner said, after a \u{201C}long winter\u{201D}.")
        let problem = try #require(result.problems.first)
        #expect(problem.severity == .error && problem.articleRead)
        #expect(problem.reason.contains("declares charset utf-8"))

        // Declares ISO-8859-1, written in UTF-8.
        let utf8 = read("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Café naïve and long enough to be a paragraph.</p></body></html>")
        #expect(utf8.articles.first?.text == "Café naïve and long enough to be a paragraph.")
        #expect(utf8.problems.first?.reason.contains("the text is UTF-8") == true)
    }

    @Test func declaredCharsetsAreFollowedWhenTheyFit() throws {
        let latin1 = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf".utf8) + [0xE9] + Array(" au lait.</p></body></html>".utf8)
        let result = read(bytes: latin1)
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.text == "Café au lait.")
        // ISO-8859-15 (0xA4 is the euro sign there) through iconv.
        let latin9 = Array("<html><head><meta charset=\"ISO-8859-15\"></head><body><p>Price: 5 ".utf8) + [0xA4] + Array("</p></body></html>".utf8)
        #expect(read(bytes: latin9).articles.first?.text == "Price: 5 \u{20AC}")
        // A byte order mark beats the declaration.
        let bom = [0xEF, 0xBB, 0xBF] + Array("<html><head><meta charset=\"windows-1252\"></head><body><p>Café</p></body></html>".utf8)
        let withBOM = read(bytes: bom)
        #expect(withBOM.articles.first?.text == "Café")
        #expect(withBOM.problems.isEmpty)
        // No declaration and not UTF-8: Windows-1252 with a warning.
        let undeclared = read(bytes: Array("<p>Caf".utf8) + [0xE9] + Array("</p>".utf8))
        #expect(undeclared.articles.first?.text == "Café")
        #expect(undeclared.problems.map(\.severity) == [.warning])
    }

    @Test func brokenJSONLDIsAWarningAndTheRestIsRead() throws {
        let result = read("""
            <html><head><meta property="og:title" content="OG"><script type="application/ld+json">{"@type": "NewsArticle", </script></head>
            <body><p>The ferry between Kelby and Ostbury resumed on Friday after repairs.</p></body></html>
            """)
        #expect(result.articles.first?.metadata.title == "OG")
        let problem = try #require(result.problems.first)
        #expect(problem.severity == .warning)
        #expect(problem.reason.contains("JSON-LD"))
    }

    @Test func lineBreakParagraphsInAnOldTableLayout() throws {
        let page = """
            <html><body><table><tr><td><a href="/">Home</a><br><a href="/news">News</a><br><a href="/sport">Sport</a></td>
            <td><font>The island ferry will leave half an hour earlier on weekday mornings, the council said.<br><br>
            The new sailing gives commuters a better chance of the first train, even in fog, the skipper said.<br><br>
            <b>Also:</b> <a href="/a">Post office hours change</a> | <a href="/b">Lifeboat called out twice in a night</a></font></td></tr></table></body></html>
            """
        let article = try #require(read(page).articles.first)
        #expect(article.text == """
            The island ferry will leave half an hour earlier on weekday mornings, the council said.

            The new sailing gives commuters a better chance of the first train, even in fog, the skipper said.
            """)
    }

    @Test func theStoryWinsOverTeaserCardsMarkedUpAsArticles() throws {
        var prose = ProseGenerator(seed: 11)
        let story = prose.paragraphs(5)
        let teasers = (0..<3).map { _ in "<article class=\"card\"><h3>\(prose.sentence())</h3><p>\(prose.sentence())</p></article>" }
        let page = "<html><body><main>" + teasers[0] + "<article>" + story.map { "<p>\($0)</p>" }.joined() + "</article>"
            + teasers[1...].joined() + "</main></body></html>"
        let article = try #require(read(page).articles.first)
        #expect(article.text == story.joined(separator: "\n\n"))
    }

    @Test func boilerplateClassWords() {
        for value in ["navbar", "site-nav", "main-menu", "shareBar", "social-links", "related_posts", "comments", "cookie-notice",
                      "adSlot", "ad", "promo-box", "advertisement", "newsletter-signup", "subscribe-box", "footer", "sidebar-left"] {
            #expect(HTMLTextExtractor.words(value).contains(where: HTMLTextExtractor.isBoilerplateWord), "\(value)")
        }
        for value in ["article-body", "commentary", "story", "shadow", "shareholders",
                      "entry-content", "leader", "navy-blue", "download"] {
            #expect(!HTMLTextExtractor.words(value).contains(where: HTMLTextExtractor.isBoilerplateWord), "\(value)")
        }
        #expect(HTMLTextExtractor.words("articleBody main_text") == ["article", "body", "main", "text"])
    }

    @Test func articleBodyInsideAClassedWrapperIsKept() throws {
        // A wrapper whose class names boilerplate still holds the story: it is not dropped.
        let page = "<html><body><div class=\"layout-with-sidebar\"><div class=\"txt\">"
            + "<p>The ferry between Kelby and Ostbury resumed on Friday after a four-month repair.</p>"
            + "<p>Crews replaced the ramp and the engines at a cost of 2.3 million crowns, the operator said.</p>"
            + "</div></div><div class=\"sidebar\"><p>Another story that is only a teaser in the sidebar of the page.</p></div></body></html>"
        let article = try #require(read(page).articles.first)
        #expect(article.text.hasPrefix("The ferry between"))
        #expect(article.text.hasSuffix("the operator said."))
    }

    @Test func sampleHTMLPageGivesTheSameTextAsTheRSSItem() throws {
        let folder = TestSupport.samplesFeed.appendingPathComponent("formats")
        let page = FeedReader().read(FeedFile(path: folder.appendingPathComponent("quayside-market.html").path, relativeID: "formats/quayside-market.html"))
        let rss = FeedReader().read(FeedFile(path: folder.appendingPathComponent("coastal-wire.rss").path, relativeID: "formats/coastal-wire.rss"))
        let pageArticle = try #require(page.articles.first)
        let item = try #require(rss.articles.first { $0.id == "formats/coastal-wire.rss#cw-2026-0318-quayside" })
        #expect(page.problems.isEmpty)
        #expect(pageArticle.text == item.text)
        #expect(pageArticle.metadata.title == "Ostbury quayside market to reopen after flood repairs")
        #expect(pageArticle.metadata.author == "Nell Ashby")
        #expect(pageArticle.metadata.outlet == "Fennick Valley Post")
        #expect(pageArticle.metadata.date?.iso8601 == "2026-03-18T07:00:00Z")
    }
}
