import DedupeKit
import Foundation
import Testing

/// `dedupe extract`, run as a subprocess through the CLI suite's helper, and the library's JSON line.
@Suite("dedupe extract")
struct ExtractCommandTests {
    private let cli = CLITests()

    private func records(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test func samplesFormatsFolderPrintsEveryArticle() throws {
        let run = try cli.dedupe(["extract", "Samples/feed/formats"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 11)
        // Keys in the documented order, every one present.
        for line in lines {
            let keys = line.matches(of: #/"(id|title|date|url|outlet|author|text)": /#).map { String($0.output.1) }
            #expect(keys == ["id", "title", "date", "url", "outlet", "author", "text"])
        }
        let page = try #require(try records(run.stdout).first { $0["id"] as? String == "quayside-market.html" })
        #expect(page["title"] as? String == "Ostbury quayside market to reopen after flood repairs")
        #expect(page["date"] as? String == "2026-03-18T07:00:00Z")
        #expect(page["url"] as? String == "https://fennickpost.example/news/2026/03/ostbury-quayside-market-reopens")
        #expect(page["outlet"] as? String == "Fennick Valley Post")
        #expect(page["author"] as? String == "Nell Ashby")
        let text = try #require(page["text"] as? String)
        #expect(text.hasPrefix("The covered market on Ostbury\u{2019}s quayside will reopen on Saturday"))
        #expect(text.contains("\n\nTraders return\n\n"))
        #expect(!text.contains("cookies") && !text.contains("Advertisement") && !text.contains("harbourwatcher"))
        // A missing field is null, not absent.
        let brief = try #require(try records(run.stdout).first { $0["id"] as? String == "desk-briefs.json#desk-pool" })
        #expect(brief["author"] is NSNull)
    }

    @Test func malformedInputsAreNamedOnStderrAndTheRestIsPrinted() throws {
        try TestSupport.withTemporaryDirectory { folder in
            try TestSupport.write("title: Good\n\nA good plain article.\n", to: "a/good.txt", in: folder)
            try TestSupport.write("<rss><channel><item><guid>one</guid><description>First item.</description></item><item><guid>two</guid><descr",
                                  to: "b/cut.rss", in: folder)
            try TestSupport.write("<html><head><title>No body</title></head></html>", to: "c/nobody.html", in: folder)
            try TestSupport.write("{\"id\": \"l1\", \"text\": \"Line one.\"}\n{\"id\": \"l2\", \"text\": \"cut\n{\"id\": \"l3\", \"text\": \"Line three.\"}\n",
                                  to: "d/lines.jsonl", in: folder)
            try TestSupport.write("<rss><channel><item><guid>e</guid></item><item><guid>f</guid><description>Kept.</description></item></channel></rss>",
                                  to: "e/empty-item.xml", in: folder)
            try TestSupport.write(Array("<html><head><meta charset=\"utf-8\"></head><body><p>Caf".utf8) + [0xE9] + Array(" closes for the winter.</p></body></html>".utf8),
                                  to: "f/charset.html", in: folder)
            try TestSupport.write(Array("\u{1F}\u{8B}broken".utf8), to: "g/archive.jsonl.gz", in: folder)
            try TestSupport.write("%PDF-1.4", to: "h/notes.pdf", in: folder)

            let run = try cli.dedupe(["extract", folder.path])
            #expect(run.status == 1)
            let ids = try records(run.stdout).compactMap { $0["id"] as? String }
            #expect(ids == ["a/good.txt", "b/cut.rss#one", "d/lines.jsonl#l1", "d/lines.jsonl#l3", "e/empty-item.xml#f", "f/charset.html"])
            #expect(try records(run.stdout).last?["text"] as? String == "Café closes for the winter.")
            for name in ["b/cut.rss", "c/nobody.html", "d/lines.jsonl:2", "e/empty-item.xml:1", "f/charset.html", "g/archive.jsonl.gz", "h/notes.pdf"] {
                #expect(run.stderr.contains(name), "stderr does not name \(name): \(run.stderr)")
            }
        }
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["extract"], ["extract", "Samples/feed/formats", "--no-such-option"], ["extract", "Samples/feed/formats", "--jobs", "0"]] {
            let run = try cli.dedupe(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func missingPathExitsOne() throws {
        let run = try cli.dedupe(["extract", "Samples/feed/no-such-folder"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no-such-folder"))
    }

    @Test func jsonLineEscapesAndKeepsTheOrder() throws {
        let article = Article(
            metadata: ArticleMetadata(id: "x#1", title: "Quote \" and \\ slash", date: ArticleDate(secondsSince1970: 0, hasTime: false),
                                      location: ArticleLocation(path: "/x")),
            text: "Line one\n\nTab\there \u{1} \u{2028} é")
        let line = ArticleExtractor.jsonLine(article)
        #expect(!line.contains("\n"))
        #expect(line == #"{"id": "x#1", "title": "Quote \" and \\ slash", "date": "1970-01-01", "url": null, "outlet": null, "author": null, "text": "Line one\n\nTab\there \u0001 \u2028 é"}"#)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(decoded["text"] as? String == article.text)
    }

    @Test func repeatedItemIdsAreMadeUnique() throws {
        try TestSupport.withTemporaryDirectory { folder in
            try TestSupport.write("<rss><channel><item><guid>same</guid><description>One.</description></item><item><guid>same</guid><description>Two.</description></item></channel></rss>",
                                  to: "f.rss", in: folder)
            let result = ArticleExtractor(workers: 1).extract([folder.path])
            #expect(result.articles.map(\.id) == ["f.rss#same", "f.rss#same~2"])
            #expect(result.problems.map(\.severity) == [.warning])
            #expect(!result.hasErrors)
        }
    }
}
