import DedupeKit
import Foundation
import Testing

@Suite("PlainTextFormat")
struct PlainTextFormatTests {
    private let format = PlainTextFormat()
    private let file = FeedFile(path: "/feeds/today/news/story.txt", relativeID: "news/story.txt")

    private func read(_ text: String) -> FileReadResult {
        format.read(Array(text.utf8), from: file)
    }

    private func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Article {
        let result = read(text)
        #expect(result.problems.isEmpty, "unexpected problems: \(result.problems)", sourceLocation: sourceLocation)
        #expect(result.articles.count == 1, sourceLocation: sourceLocation)
        return try #require(result.articles.first, sourceLocation: sourceLocation)
    }

    @Test func extensions() {
        #expect(format.fileExtensions == ["txt", "md", "text", "markdown"])
    }

    @Test func keyValueHeader() throws {
        let article = try single("""
            title: Bridge closed
            date: 2026-03-14T08:30:00Z
            outlet: Coastal Wire
            url: https://coastalwire.example/bridge
            author: Petra Lindgren
            id: cw-1

            The bridge is closed.

            Second paragraph.
            """)
        #expect(article.text == "The bridge is closed.\n\nSecond paragraph.")
        let m = article.metadata
        #expect(m.id == "news/story.txt")  // the file's relative path, not the header id
        #expect(m.title == "Bridge closed")
        #expect(m.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 14, 8, 30), hasTime: true))
        #expect(m.outlet == "Coastal Wire")
        #expect(m.url == "https://coastalwire.example/bridge")
        #expect(m.author == "Petra Lindgren")
        #expect(m.location == ArticleLocation(path: "/feeds/today/news/story.txt", item: nil))
    }

    @Test func headerAliasesAndCaseAreKnown() throws {
        let article = try single("Headline: Aliased\nPublished: 2026-03-01\nSource: Wire Desk\nLink: https://x.example/a\nByline: A. Writer\n\nBody text here.")
        #expect(article.metadata.title == "Aliased")
        #expect(article.metadata.date?.secondsSince1970 == TestSupport.utc(2026, 3, 1))
        #expect(article.metadata.outlet == "Wire Desk")
        #expect(article.metadata.url == "https://x.example/a")
        #expect(article.metadata.author == "A. Writer")
        #expect(article.text == "Body text here.")
    }

    @Test func firstNameForAFieldWins() throws {
        let article = try single("title: First\nheadline: Second\n\nBody.")
        #expect(article.metadata.title == "First")
    }

    @Test func unknownHeaderKeysAreIgnored() throws {
        let article = try single("title: Known\ntags: roads, bridges\nlanguage: en\ndate: 2026-03-02\n\nThe body.")
        #expect(article.metadata.title == "Known")
        #expect(article.metadata.date?.secondsSince1970 == TestSupport.utc(2026, 3, 2))
        #expect(article.text == "The body.")
        #expect(!article.text.contains("tags"))
    }

    @Test func frontMatter() throws {
        let article = try single("""
            ---
            title: Port city road link closed
            date: 2026-03-15T07:00:00Z
            outlet: Eastshore Ledger
            category: local
            ---

            By Staff Writer

            MARROWHAVEN — The bridge is closed.
            """)
        #expect(article.metadata.title == "Port city road link closed")
        #expect(article.metadata.outlet == "Eastshore Ledger")
        #expect(article.metadata.date?.secondsSince1970 == TestSupport.utc(2026, 3, 15, 7))
        #expect(article.text == "By Staff Writer\n\nMARROWHAVEN — The bridge is closed.")
    }

    @Test func frontMatterWithoutBlankLineAfterIt() throws {
        let article = try single("---\ntitle: Tight\n---\nBody starts at once.")
        #expect(article.metadata.title == "Tight")
        #expect(article.text == "Body starts at once.")
    }

    @Test func unclosedFrontMatterIsBody() throws {
        let article = try single("---\ntitle: Never closed\n\nBody.")
        #expect(article.metadata.title == nil)
        #expect(article.text.contains("title: Never closed"))
    }

    @Test func dateFirstLine() throws {
        let article = try single("date 2026-03-16 Updated Mar. 15, 2026 6:40 pm ET\n\nIn a move that has left commuters scrambling.")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 16), hasTime: false))
        #expect(article.text == "In a move that has left commuters scrambling.")
        #expect(!article.text.contains("Updated"))
    }

    @Test func dateFirstLineWithLeadingSpaceLikeTheSeed() throws {
        let article = try single(" date 2023-11-17 Updated Nov. 17, 2023 10:35 am ET\n\nFirst paragraph of the rewrite.")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2023, 11, 17), hasTime: false))
        #expect(article.text == "First paragraph of the rewrite.")
    }

    @Test func dateFirstLineNeedsAValidISODate() throws {
        let article = try single("date night ideas for the weekend\n\nTry the new bistro.")
        #expect(article.metadata.date == nil)
        #expect(article.text.hasPrefix("date night ideas"))
    }

    @Test func noteLineWithoutBlankLineIsNotAHeader() throws {
        let text = "Note: this story was updated on Friday to correct a figure.\nThe council approved the budget on Thursday."
        let article = try single(text)
        #expect(article.text == text)
        #expect(article.metadata.title == nil)
        #expect(article.metadata.date == nil)
    }

    @Test func unknownKeysBeforeABlankLineAreNotAHeader() throws {
        // No known field: these are body lines that happen to contain a colon.
        let text = "Update: the road has reopened.\n\nDrivers can use it from noon."
        let article = try single(text)
        #expect(article.text == text)
    }

    @Test func headerMustBeClosedByABlankLine() throws {
        let text = "title: Looks like a header\nBut this line has no colon and the body goes on."
        let article = try single(text)
        #expect(article.metadata.title == nil)
        #expect(article.text == text)
    }

    @Test func bodyWithoutHeader() throws {
        let article = try single("\n\n  Just a body.  \n\n")
        #expect(article.text == "Just a body.")
        #expect(article.metadata.title == nil)
    }

    @Test func headerOnlyFileIsAnError() throws {
        let result = read("title: Meeting postponed\ndate: 2026-03-13T18:00:00Z\nid: hpn-0313\n\n")
        #expect(result.articles.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.severity == .error)
        #expect(problem.articleRead == false)
        #expect(problem.path == file.path)
        #expect(problem.reason.contains("no article text"))
    }

    @Test func emptyAndBlankFilesAreErrors() {
        for text in ["", "\n\n", "   \n\t\n"] {
            let result = read(text)
            #expect(result.articles.isEmpty)
            #expect(result.problems.map(\.severity) == [.error], "\(text.debugDescription)")
        }
    }

    @Test func badDateIsAnErrorButTheArticleIsRead() throws {
        let result = read("title: Choir wins\ndate: sometime last spring\noutlet: Messenger\n\nThe choir won first prize.")
        let article = try #require(result.articles.first)
        #expect(result.articles.count == 1)
        #expect(article.metadata.date == nil)
        #expect(article.metadata.title == "Choir wins")
        #expect(article.text == "The choir won first prize.")
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.severity == .error)
        #expect(problem.articleRead)
        #expect(problem.path == file.path)
        #expect(problem.reason.contains("sometime last spring"))
    }

    @Test func nonUTF8IsAWarningAndTheArticleIsRead() throws {
        let bytes: [UInt8] = Array("title: Caf".utf8) + [0xE9] + Array(" closes\n\nThe ".utf8) + [0x93] + Array("old".utf8) + [0x94]
            + Array(" ovens cost ".utf8) + [0x80] + Array("48,000.".utf8)
        let result = format.read(bytes, from: file)
        let article = try #require(result.articles.first)
        #expect(article.metadata.title == "Café closes")
        #expect(article.text == "The “old” ovens cost €48,000.")
        #expect(result.problems.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.severity == .warning)
        #expect(problem.articleRead)
        #expect(problem.path == file.path)
        #expect(problem.reason.contains("Windows-1252"))
    }

    @Test func crlfAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("title: Windows file\r\ndate: 2026-03-01\r\n\r\nLine one.\r\nLine two.\r\n".utf8)
        let result = format.read(bytes, from: file)
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.metadata.title == "Windows file")
        #expect(article.text == "Line one.\nLine two.")
    }

    @Test(arguments: ["utf16le-header.txt", "utf16be-header.txt"])
    func utf16FixturesWithHeader(_ name: String) throws {
        let url = try TestSupport.fixture(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let result = format.read(bytes, from: FeedFile(path: url.path, relativeID: name))
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.metadata.id == name)
        #expect(article.metadata.title == "Tide gauge upgrade finished")
        #expect(article.metadata.outlet == "Quayside Notes")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 2, 2, 8, 15), hasTime: true))
        #expect(article.text == "The harbour tide gauge now reports every minute.\nEngineers said the old float gauge will stay as a backup.")
    }

    @Test func readsTheSampleForms() throws {
        let reader = FeedReader()
        let feed = TestSupport.samplesFeed
        func article(_ relative: String) throws -> Article {
            let result = reader.read(FeedFile(path: feed.appendingPathComponent(relative).path, relativeID: relative))
            #expect(result.problems.isEmpty, "\(relative): \(result.problems)")
            return try #require(result.articles.first)
        }
        let original = try article("news/harbour-bridge-original.txt")
        #expect(original.metadata.outlet == "Coastal Wire")
        #expect(original.metadata.date?.iso8601 == "2026-03-14T08:30:00Z")
        #expect(original.text.hasPrefix("MARROWHAVEN — The Saltmarsh Bridge"))

        let edited = try article("news/harbour-bridge-edited.md")
        #expect(edited.metadata.outlet == "Eastshore Ledger")
        #expect(edited.text.hasPrefix("By Staff Writer"))

        let rewrite = try article("farm/harbour-bridge-rewrite.txt")
        #expect(rewrite.metadata.date?.iso8601 == "2026-03-16")
        #expect(rewrite.text.hasPrefix("In a move that has left commuters scrambling"))
    }

    @Test func headerLinesAfterADateLineAreRead() throws {
        let format = PlainTextFormat()
        let file = FeedFile(path: "/feed/gen.txt", relativeID: "gen.txt")
        let result = format.read(Array("date 2024-03-27\ntitle: Rates Rise\n\nThe bank raised rates.\n".utf8), from: file)
        let article = try #require(result.articles.first)
        #expect(article.metadata.title == "Rates Rise")
        #expect(article.metadata.date?.iso8601 == "2024-03-27")
        #expect(article.text == "The bank raised rates.")
        // Without a closing blank line the lines are body text.
        let plain = format.read(Array("date 2024-03-27\nNote: the bank raised rates.\nMore text.\n".utf8), from: file)
        #expect(plain.articles.first?.text == "Note: the bank raised rates.\nMore text.")
    }
}
