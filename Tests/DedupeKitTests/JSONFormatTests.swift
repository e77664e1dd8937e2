import DedupeKit
import Foundation
import Testing

@Suite("JSONFormat")
struct JSONFormatTests {
    private let format = JSONFormat()
    private let file = FeedFile(path: "/feeds/api/latest.json", relativeID: "api/latest.json")

    private func read(_ json: String) -> FileReadResult {
        format.read(Array(json.utf8), from: file)
    }

    @Test func extensions() {
        #expect(format.fileExtensions == ["json"])
    }

    @Test func arrayOfArticlesWithIdsFromIdThenURLThenPosition() throws {
        let result = read("""
            [{"id": "a-1", "title": "First", "date": "2026-03-01", "text": "One."},
             {"url": "https://news.example/2", "body": "Two."},
             {"headline": "Third", "content": "Three."},
             {"guid": 44, "articleBody": "Four.", "author": "Desk"}]
            """)
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["api/latest.json#a-1", "api/latest.json#https://news.example/2",
                                              "api/latest.json#item-3", "api/latest.json#44"])
        #expect(result.articles.map(\.text) == ["One.", "Two.", "Three.", "Four."])
        #expect(result.articles.map(\.metadata.location.item) == [1, 2, 3, 4])
        #expect(result.articles[0].metadata.date?.iso8601 == "2026-03-01")
        #expect(result.articles[2].metadata.title == "Third")
        #expect(result.articles[3].metadata.author == "Desk")
    }

    @Test func objectWithArticlesAndFeedLevelOutlet() throws {
        let result = read(#"{"outlet": "Briefs Desk", "articles": [{"id": "x", "text": "One."}, {"id": "y", "outlet": "Own", "text": "Two."}]}"#)
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.metadata.outlet) == ["Briefs Desk", "Own"])
    }

    @Test func jsonFeedItems() throws {
        let result = read("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "Valley Feed", "items": [
              {"id": "1", "url": "https://v.example/1", "title": "HTML item", "date_published": "2026-03-02T10:00:00Z",
               "content_html": "<p>First para.</p><script>x()</script><p>Second para.</p>", "authors": [{"name": "Ann Roe"}, {"name": "Ben Hale"}]},
              {"id": "2", "content_text": "Plain text item."}]}
            """)
        #expect(result.problems.isEmpty)
        let first = try #require(result.articles.first)
        #expect(first.text == "First para.\n\nSecond para.")
        #expect(first.metadata.author == "Ann Roe, Ben Hale")
        #expect(first.metadata.outlet == "Valley Feed")
        #expect(first.metadata.date?.iso8601 == "2026-03-02T10:00:00Z")
        #expect(result.articles.last?.text == "Plain text item.")
    }

    @Test func oneArticleObject() throws {
        let result = read(#"{"id": "solo", "title": "Alone", "text": "Just one."}"#)
        #expect(result.articles.map(\.id) == ["api/latest.json#solo"])
    }

    @Test func badItemsAreNamedAndTheOthersRead() throws {
        let result = read(#"[{"id": "ok-1", "text": "Fine."}, 42, {"id": "empty", "text": "  "}, {"id": "ok-2", "text": "Also fine.", "date": "someday"}]"#)
        #expect(result.articles.map(\.id) == ["api/latest.json#ok-1", "api/latest.json#ok-2"])
        #expect(result.problems.map(\.line) == [2, 3, 4])
        #expect(result.problems.allSatisfy { $0.path == file.path && $0.severity == .error })
        #expect(result.problems[0].reason == "item 2: not a JSON object")
        #expect(result.problems[1].reason.hasPrefix("item 3: no article text"))
        #expect(result.problems[2].reason.hasPrefix("item 4: unparseable date \"someday\""))
        #expect(result.problems[2].articleRead)
    }

    @Test func invalidOrEmptyFiles() throws {
        for (json, words) in [(#"[{"id": "a", "text": "cut off"#, "invalid JSON"), ("[]", "empty list"), ("   ", "empty JSON file"),
                              (#"{"data": [1, 2]}"#, "not a list of articles"), ("17", "invalid JSON")] {
            let result = read(json)
            #expect(result.articles.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.path == file.path)
            #expect(result.problems.first?.reason.contains(words) == true, "\(json): \(result.problems)")
        }
    }

    @Test func sampleDeskBriefs() throws {
        let path = TestSupport.samplesFeed.appendingPathComponent("formats/desk-briefs.json").path
        let result = FeedReader().read(FeedFile(path: path, relativeID: "formats/desk-briefs.json"))
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["formats/desk-briefs.json#desk-pool", "formats/desk-briefs.json#desk-fares"])
        #expect(result.articles.allSatisfy { $0.metadata.outlet == "Regional Briefs Desk" })
    }
}
