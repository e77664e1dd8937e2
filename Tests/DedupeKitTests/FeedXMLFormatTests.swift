import DedupeKit
import Foundation
import Testing

@Suite("FeedXMLFormat")
struct FeedXMLFormatTests {
    private let format = FeedXMLFormat()
    private let file = FeedFile(path: "/feeds/today/site.rss", relativeID: "feeds/site.rss")

    private func read(_ xml: String) -> FileReadResult {
        format.read(Array(xml.utf8), from: file)
    }

    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:media="http://search.yahoo.com/mrss/">
        <channel><title>Coastal Wire</title><link>https://wire.example/</link>
          <image><title>Logo title</title></image>
          <item>
            <title>Ferry &amp; bus return</title><link>https://wire.example/ferry</link>
            <guid isPermaLink="false">wire-ferry-1</guid>
            <pubDate>Fri, 20 Mar 2026 09:00:00 +0100</pubDate><dc:creator>Ann Roe</dc:creator>
            <media:content url="https://wire.example/x.jpg"><media:title>Photo title</media:title></media:content>
            <media:description>A photo caption, not the article</media:description>
            <description>A short teaser that is not the whole story.</description>
            <content:encoded><![CDATA[<p>The ferry resumed on <b>Friday</b>.</p><script>track()</script><p>Crews replaced the ramp &amp; the engines.</p>]]></content:encoded>
          </item>
          <item><title>Linked only</title><link>https://wire.example/linked</link>
            <description>&lt;p&gt;Escaped HTML, first paragraph.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description></item>
          <item><title>Neither guid nor link</title><description>Plain text line one.

        Plain text line two &amp;amp; more.</description><source url="https://other.example/rss">Other Outlet</source></item>
        </channel></rss>
        """

    @Test func extensions() {
        #expect(format.fileExtensions == ["xml", "rss", "atom", "rdf"])
    }

    @Test func rssItems() throws {
        let result = read(Self.rss)
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["feeds/site.rss#wire-ferry-1", "feeds/site.rss#https://wire.example/linked", "feeds/site.rss#item-3"])
        #expect(result.articles.map(\.metadata.location.item) == [1, 2, 3])
        let first = result.articles[0]
        #expect(first.text == "The ferry resumed on Friday.\n\nCrews replaced the ramp & the engines.")
        #expect(first.metadata.title == "Ferry & bus return")
        #expect(first.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 20, 8), hasTime: true))
        #expect(first.metadata.url == "https://wire.example/ferry")
        #expect(first.metadata.outlet == "Coastal Wire")
        #expect(first.metadata.author == "Ann Roe")
        #expect(result.articles[1].text == "Escaped HTML, first paragraph.\n\nSecond paragraph.")
        #expect(result.articles[2].text == "Plain text line one.\n\nPlain text line two & more.")
        #expect(result.articles[2].metadata.outlet == "Other Outlet")
    }

    @Test func idsAreTheSameEveryRun() {
        let ids = read(Self.rss).articles.map(\.id)
        for _ in 0..<5 { #expect(read(Self.rss).articles.map(\.id) == ids) }
    }

    @Test func atomEntries() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Gazette</title><id>urn:feed</id>
              <author><name>Feed Author</name></author>
              <entry><title type="html">Ferry &lt;em&gt;returns&lt;/em&gt;</title><id>urn:uuid:1</id>
                <link rel="enclosure" href="https://gazette.example/photo.jpg"/><link rel="alternate" href="https://gazette.example/ferry"/>
                <published>2026-03-20T10:00:00Z</published><updated>2026-03-22T10:00:00Z</updated>
                <author><name>Ann Roe</name></author><author><name>Ben Hale</name></author>
                <summary>Only a summary.</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The ferry resumed.</p><p>Second <em>paragraph</em>.</p></div></content></entry>
              <entry><title>Updated only</title><id>urn:uuid:2</id><link href="https://gazette.example/2"/>
                <updated>2026-03-21</updated><content type="html">&lt;p&gt;HTML content.&lt;/p&gt;</content></entry>
              <entry><title>Summary only</title><id>urn:uuid:3</id><summary>Plain summary text, kept as it is &lt;3.</summary>
                <source><title>Source Outlet</title></source></entry>
            </feed>
            """
        let result = format.read(Array(atom.utf8), from: FeedFile(path: "/f/g.atom", relativeID: "g.atom"))
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["g.atom#urn:uuid:1", "g.atom#urn:uuid:2", "g.atom#urn:uuid:3"])
        let first = result.articles[0]
        #expect(first.metadata.title == "Ferry returns")
        #expect(first.text == "The ferry resumed.\n\nSecond paragraph.")
        #expect(first.metadata.date?.iso8601 == "2026-03-20T10:00:00Z")  // published, not updated
        #expect(first.metadata.url == "https://gazette.example/ferry")
        #expect(first.metadata.author == "Ann Roe, Ben Hale")
        #expect(first.metadata.outlet == "Valley Gazette")
        #expect(result.articles[1].metadata.date?.iso8601 == "2026-03-21")
        #expect(result.articles[1].text == "HTML content.")
        #expect(result.articles[1].metadata.url == "https://gazette.example/2")
        #expect(result.articles[2].text == "Plain summary text, kept as it is <3.")
        #expect(result.articles[2].metadata.outlet == "Source Outlet")
    }

    @Test func rss10WithDublinCore() throws {
        let rdf = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://old.example/"><title>Old Feed</title></channel>
              <item rdf:about="https://old.example/1"><title>One</title><description>First item text.</description><dc:date>2026-03-01T12:00:00Z</dc:date></item>
            </rdf:RDF>
            """
        let article = try #require(read(rdf).articles.first)
        #expect(article.id == "feeds/site.rss#https://old.example/1")
        #expect(article.metadata.outlet == "Old Feed")
        #expect(article.metadata.date?.iso8601 == "2026-03-01T12:00:00Z")
    }

    @Test func truncatedFeedKeepsTheItemsBeforeTheBreak() throws {
        let cut = String(Self.rss.prefix(upTo: Self.rss.range(of: "Escaped HTML")!.lowerBound))
        let result = read(cut)
        #expect(result.articles.map(\.id) == ["feeds/site.rss#wire-ferry-1"])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.path == file.path)
        #expect(problem.line == 2)
        #expect(problem.severity == .error && !problem.articleRead)
        #expect(problem.reason.contains("item 2"))
        #expect(problem.reason.contains("truncated"))
    }

    @Test func brokenXMLBetweenItems() throws {
        let broken = Self.rss.replacingOccurrences(of: "<item><title>Linked only", with: "<oops><item><title>Linked only")
        let result = read(broken)
        #expect(!result.articles.isEmpty)
        #expect(result.articles.first?.id == "feeds/site.rss#wire-ferry-1")
        #expect(result.problems.contains { $0.severity == .error && $0.path == file.path && $0.reason.contains("XML") })
    }

    @Test func emptyItemsAreNamedAndTheOthersRead() throws {
        let feed = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>Has text</title><guid>a</guid><description>Some words.</description></item>
            <item><title>Empty item</title><guid>b</guid><description>   </description></item>
            <item></item>
            <item><guid>d</guid><description>More words.</description></item>
            </channel></rss>
            """
        let result = read(feed)
        #expect(result.articles.map(\.id) == ["feeds/site.rss#a", "feeds/site.rss#d"])
        #expect(result.problems.map(\.line) == [2, 3])
        #expect(result.problems.allSatisfy { $0.severity == .error && $0.path == file.path && $0.reason.contains("no article text") })
        #expect(result.problems[0].reason.contains("\"Empty item\""))
    }

    @Test func wrongDeclaredCharset() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><guid>c</guid><description>Caf".utf8)
            + [0xE9] + Array(" reopens.</description></item></channel></rss>".utf8)
        let result = format.read(bytes, from: file)
        #expect(result.articles.first?.text == "Café reopens.")
        let problem = try #require(result.problems.first)
        #expect(problem.severity == .error && problem.articleRead)
        #expect(problem.reason.contains("declares charset utf-8"))
        // A declaration that fits is followed without a problem.
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><description>Caf".utf8)
            + [0xE9] + Array("</description></item></channel></rss>".utf8)
        let fine = format.read(latin1, from: file)
        #expect(fine.problems.isEmpty)
        #expect(fine.articles.first?.text == "Café")
    }

    @Test func undeclaredHTMLEntitiesAreReadWithAWarning() throws {
        let result = read("<rss><channel><item><guid>a</guid><title>A&nbsp;title &mdash; here</title><description>One&nbsp;two &eacute;t&eacute;.</description></item><item><guid>b</guid><description>Next.</description></item></channel></rss>")
        #expect(result.articles.map(\.id) == ["feeds/site.rss#a", "feeds/site.rss#b"])
        #expect(result.articles[0].metadata.title == "A title \u{2014} here")  // the no-break space collapses like any space
        #expect(result.articles[0].text == "One two été.")
        #expect(result.problems.map(\.severity) == [.warning])
        #expect(result.problems.first?.reason.contains("&nbsp;") == true)
    }

    @Test func notAFeed() throws {
        for (xml, words) in [("<urlset><url><loc>x</loc></url></urlset>", "not an RSS or Atom feed"),
                             ("<rss><channel><title>No items</title></channel></rss>", "no items"),
                             ("", "empty")] {
            let result = read(xml)
            #expect(result.articles.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.reason.contains(words) == true, "\(xml)")
        }
    }

    @Test func badItemDateIsNamed() throws {
        let result = read("<rss><channel><item><title>T</title><guid>a</guid><pubDate>the other day</pubDate><description>Text.</description></item></channel></rss>")
        #expect(result.articles.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.line == 1 && problem.articleRead)
        #expect(problem.reason.contains("item 1") && problem.reason.contains("the other day"))
    }

    /// The same story as an HTML page, an RSS item and an Atom entry (Samples/feed/formats) is one cluster of
    /// copies around the page, the earliest; every other article of the formats folder stays apart.
    @Test func samplesStoryInThreeFormatsIsOneCluster() throws {
        let result = DedupeKit.Scanner(configuration: ScanConfiguration(workers: 2)).scan([TestSupport.samplesFeed.appendingPathComponent("formats").path])
        #expect(result.problems.isEmpty)
        #expect(result.fileCount == 6)
        #expect(result.articles.count == 11)
        #expect(result.clusters.count == 1)
        let cluster = try #require(result.clusters.first)
        let source = result.articles[cluster.source]
        #expect(source.id == "quayside-market.html")
        #expect(source.metadata.title == "Ostbury quayside market to reopen after flood repairs")
        #expect(source.metadata.date?.iso8601 == "2026-03-18T07:00:00Z")
        let members = Dictionary(uniqueKeysWithValues: cluster.members.map { (result.articles[$0.article].id, ($0.relation, result.articles[$0.article].metadata)) })
        let rss = try #require(members["coastal-wire.rss#cw-2026-0318-quayside"])
        #expect(rss.0 == .duplicate)
        #expect(rss.1.title == "Ostbury quayside market to reopen after flood repairs")
        #expect(rss.1.date?.iso8601 == "2026-03-18T11:30:00Z")
        #expect(rss.1.outlet == "Coastal Wire")
        let atom = try #require(members["valley-gazette.atom#tag:valleygazette.example,2026:quayside-market"])
        #expect(atom.0 == .nearDuplicate)
        #expect(atom.1.title == "Quayside market reopens on Saturday")
        #expect(atom.1.date?.iso8601 == "2026-03-18T15:00:00Z")
        #expect(members.count == 2)
    }
}
