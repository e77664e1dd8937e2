import DedupeKit
import Foundation
import Testing

@Suite("JSONLinesFormat")
struct JSONLinesFormatTests {
    private let format = JSONLinesFormat()
    private let file = FeedFile(path: "/feeds/today/wire/briefs.jsonl", relativeID: "wire/briefs.jsonl")

    private func read(_ lines: [String], separator: String = "\n") -> FileReadResult {
        format.read(Array(lines.joined(separator: separator).utf8), from: file)
    }

    @Test func extensions() {
        #expect(format.fileExtensions == ["jsonl", "ndjson"])
    }

    @Test func idsAndTextFields() throws {
        let result = read([
            #"{"id": "brief-1", "text": "Library reopens."}"#,
            #"{"body": "Race route announced."}"#,
            #"{"id": "b-3", "content": "Museum buys portrait."}"#,
            #"{"guid": "g-4", "articleBody": "Ferry timetable changes."}"#,
            #"{"id": 42, "text": "Numeric id."}"#,
        ])
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == [
            "wire/briefs.jsonl#brief-1", "wire/briefs.jsonl#line-2", "wire/briefs.jsonl#b-3",
            "wire/briefs.jsonl#g-4", "wire/briefs.jsonl#42",
        ])
        #expect(result.articles.map(\.text) == [
            "Library reopens.", "Race route announced.", "Museum buys portrait.", "Ferry timetable changes.", "Numeric id.",
        ])
        #expect(result.articles.map(\.metadata.location.item) == [1, 2, 3, 4, 5])
        #expect(result.articles.allSatisfy { $0.metadata.location.path == file.path })
    }

    @Test func metadataFields() throws {
        let result = read([
            #"{"id": "w-1", "title": "Snow warning", "date": "2026-03-12T09:40:00Z", "url": "https://briefs.example/w-1", "outlet": "Regional Briefs Desk", "author": "Desk", "tags": ["weather"], "wordCount": 120, "text": "Amber warning issued.\n\nStay home."}"#,
        ])
        #expect(result.problems.isEmpty)
        let article = try #require(result.articles.first)
        #expect(article.metadata.title == "Snow warning")
        #expect(article.metadata.date == ArticleDate(secondsSince1970: TestSupport.utc(2026, 3, 12, 9, 40), hasTime: true))
        #expect(article.metadata.url == "https://briefs.example/w-1")
        #expect(article.metadata.outlet == "Regional Briefs Desk")
        #expect(article.metadata.author == "Desk")
        #expect(article.text == "Amber warning issued.\n\nStay home.")
    }

    @Test func textIsTrimmedAndLineEndsNormalised() throws {
        let result = read([#"{"text": "  \r\nFirst line\r\nsecond line\rthird\n  "}"#])
        let article = try #require(result.articles.first)
        #expect(article.text == "First line\nsecond line\nthird")
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let result = read(["", #"{"text": "Line two."}"#, "   ", #"{"text": "Line four."}"#, ""])
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["wire/briefs.jsonl#line-2", "wire/briefs.jsonl#line-4"])
    }

    @Test func crlfFile() throws {
        let result = read([#"{"id": "a", "text": "One."}"#, #"{"id": "b", "text": "Two."}"#], separator: "\r\n")
        #expect(result.problems.isEmpty)
        #expect(result.articles.map(\.id) == ["wire/briefs.jsonl#a", "wire/briefs.jsonl#b"])
    }

    @Test func brokenLineIsAProblemAndOtherLinesStillRead() throws {
        let result = read([
            #"{"id": "jl-1", "text": "Beekeepers report record survival."}"#,
            #"{"id": "jl-2", "title": "Half marathon", "text": "Entries opened on Tues"#,
            #"{"id": "jl-3", "text": "Teenager wins chess tournament."}"#,
        ])
        #expect(result.articles.map(\.id) == ["wire/briefs.jsonl#jl-1", "wire/briefs.jsonl#jl-3"])
        #expect(result.articles.map(\.metadata.location.item) == [1, 3])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.line == 2)
        #expect(problem.path == file.path)
        #expect(problem.severity == .error)
        #expect(problem.articleRead == false)
        #expect(problem.reason.contains("invalid JSON"))
        #expect(problem.description.contains("\(file.path):2"))
    }

    @Test func missingTextIsAProblem() throws {
        let result = read([
            #"{"id": "ok", "text": "Fine."}"#,
            #"{"id": "no-text", "title": "Headline only"}"#,
            #"{"id": "empty-text", "text": "   "}"#,
            #"{"id": "not-a-string", "text": 12}"#,
        ])
        #expect(result.articles.map(\.id) == ["wire/briefs.jsonl#ok"])
        #expect(result.problems.map(\.line) == [2, 3, 4])
        #expect(result.problems.allSatisfy { $0.severity == .error && !$0.articleRead && $0.reason.contains("no article text") })
    }

    @Test func emptyTextFieldFallsBackToAnotherTextField() throws {
        // The rule is "a non-empty text, body or content field": an empty `text` does not hide a `body`.
        let result = read([#"{"id": "x", "text": "", "body": "The body holds the article."}"#])
        #expect(result.problems.isEmpty)
        #expect(result.articles.first?.text == "The body holds the article.")
    }

    @Test(arguments: [#"[1, 2, 3]"#, #""just a string""#, "42", "null", "true"])
    func nonObjectIsAProblem(_ line: String) throws {
        let result = read([#"{"text": "First."}"#, line, #"{"text": "Third."}"#])
        #expect(result.articles.map(\.id) == ["wire/briefs.jsonl#line-1", "wire/briefs.jsonl#line-3"])
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.line == 2)
        #expect(problem.severity == .error)
    }

    @Test func arrayIsReportedAsNotAnObject() throws {
        let result = read([#"[{"text": "inside an array"}]"#])
        #expect(result.articles.isEmpty)
        #expect(result.problems.first?.reason == "not a JSON object")
        #expect(result.problems.first?.line == 1)
    }

    @Test func badDateIsAnErrorAndTheArticleIsReadUndated() throws {
        let result = read([#"{"id": "d", "date": "next Tuesday", "text": "Dated vaguely."}"#])
        let article = try #require(result.articles.first)
        #expect(article.metadata.date == nil)
        let problem = try #require(result.problems.first)
        #expect(problem.line == 1)
        #expect(problem.articleRead)
        #expect(problem.severity == .error)
        #expect(problem.reason.contains("next Tuesday"))
    }

    @Test func emptyFileIsAProblem() {
        for text in ["", "\n\n  \n"] {
            let result = format.read(Array(text.utf8), from: file)
            #expect(result.articles.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.severity == .error)
        }
    }

    @Test func aliasesResolveTheSameWayEveryTime() throws {
        // Several names for one field: the canonical name wins, whatever order a JSON object's keys come in.
        // (A Swift dictionary's order differs between instances and runs, so ids must not depend on it.)
        let line = #"{"uid": "u-1", "guid": "g-1", "id": "i-1", "headline": "H", "title": "T", "published": "2026-01-02", "date": "2026-01-01", "link": "https://l.example", "url": "https://u.example", "text": "Body."}"#
        var ids = Set<String>(), titles = Set<String?>(), dates = Set<ArticleDate?>(), urls = Set<String?>()
        for _ in 0..<50 {
            let result = read([line])
            let article = try #require(result.articles.first)
            ids.insert(article.id)
            titles.insert(article.metadata.title)
            dates.insert(article.metadata.date)
            urls.insert(article.metadata.url)
        }
        #expect(ids == ["wire/briefs.jsonl#i-1"])
        #expect(titles == ["T"])
        #expect(dates == [ArticleDate(secondsSince1970: TestSupport.utc(2026, 1, 1), hasTime: false)])
        #expect(urls == ["https://u.example"])
    }

    @Test func windows1252FileIsAWarning() throws {
        let bytes = Array(#"{"id": "c", "text": "Caf"#.utf8) + [0xE9] + Array(#" reopens."}"#.utf8)
        let result = format.read(bytes, from: file)
        #expect(result.articles.first?.text == "Café reopens.")
        #expect(result.problems.map(\.severity) == [.warning])
        #expect(result.problems.first?.articleRead == true)
    }

    @Test func sampleBrokenFile() throws {
        let url = TestSupport.samplesFeed.appendingPathComponent("bad/broken.jsonl")
        let result = FeedReader().read(FeedFile(path: url.path, relativeID: "bad/broken.jsonl"))
        #expect(result.articles.map(\.id) == ["bad/broken.jsonl#jl-1", "bad/broken.jsonl#jl-3"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.path == url.path)
    }
}
