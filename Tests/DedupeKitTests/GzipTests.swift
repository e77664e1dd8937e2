import DedupeKit
import Foundation
import Testing

@Suite("Gzip")
struct GzipTests {
    /// Compresses with the system `gzip` (an oracle independent of dedupe's zlib code).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let tool = try #require(["/bin/gzip", "/usr/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }, "gzip not found")
        return try TestSupport.withTemporaryDirectory { folder in
            let input = try TestSupport.write(bytes, to: "data", in: folder)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-n", "-9", input.path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return Array(try Data(contentsOf: folder.appendingPathComponent("data.gz")))
        }
    }

    @Test func roundTripsLargeInput() throws {
        var prose = ProseGenerator(seed: 3)
        let text = Array((0..<400).map { _ in prose.article() }.joined(separator: "\n").utf8)
        #expect(text.count > 200_000)  // several 64 KiB output chunks
        #expect(try Gzip.decompress(Self.gzip(text)).get() == text)
        #expect(try Gzip.decompress(Self.gzip([])).get() == [])
    }

    @Test func concatenatedMembersAreOneStream() throws {
        let joined = try Self.gzip(Array("first part, ".utf8)) + Self.gzip(Array("second part".utf8))
        #expect(try Gzip.decompress(joined).get() == Array("first part, second part".utf8))
        // Zero padding after the last member is tolerated, as gunzip does.
        #expect(try Gzip.decompress(try Self.gzip(Array("padded".utf8)) + [0, 0, 0, 0]).get() == Array("padded".utf8))
    }

    @Test func corruptDataIsAFailureWithAReason() throws {
        let good = try Self.gzip(Array(String(repeating: "The ferry resumed on Friday. ", count: 200).utf8))
        let truncated = Array(good.prefix(good.count / 2))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(truncated).get() }
        #expect(Self.reason(truncated).contains("truncated"))

        var flipped = good
        flipped[good.count - 6] ^= 0xFF  // the CRC-32 in the trailer
        #expect(Self.reason(flipped).contains("corrupt gzip data"))

        #expect(Self.reason(Array("plain text, not gzip".utf8)).contains("not gzip data"))
        #expect(Self.reason([]).contains("empty"))
        #expect(Self.reason(good + Array("junk".utf8)).contains("trailing garbage"))
        #expect(Self.reason(try Self.gzip(Array(repeating: 0, count: 3 << 20)), maximumSize: 1 << 20).contains("more than 1 MiB"))
    }

    static func reason(_ bytes: [UInt8], maximumSize: Int = Gzip.defaultMaximumSize) -> String {
        switch Gzip.decompress(bytes, maximumSize: maximumSize) {
        case .success: return "(no failure)"
        case .failure(let failure): return failure.reason
        }
    }

    @Test func innerExtension() {
        #expect(FeedFile(path: "", relativeID: "a/feed.jsonl.gz").innerExtension == "jsonl")
        #expect(FeedFile(path: "", relativeID: "a/PAGE.HTML.GZ").formatExtension == "html")
        #expect(FeedFile(path: "", relativeID: "a/feed.gz").innerExtension == "")
        #expect(FeedFile(path: "", relativeID: "a/feed.rss").innerExtension == nil)
        #expect(FeedFile(path: "", relativeID: "a/feed.rss").formatExtension == "rss")
        #expect(FeedFile(path: "", relativeID: "a/.gz").innerExtension == nil)  // a hidden name, not an extension
    }

    @Test func readerDecompressesAndIdsKeepTheGzName() throws {
        try TestSupport.withTemporaryDirectory { folder in
            try TestSupport.write(try Self.gzip(Array(#"{"id": "w-1", "text": "Wire item."}"#.utf8) + [10]), to: "wire/feed.jsonl.gz", in: folder)
            try TestSupport.write(try Self.gzip(Array("<html><body><p>A compressed page with enough words.</p></body></html>".utf8)),
                                  to: "pages/page.html.gz", in: folder)
            try TestSupport.write(try Self.gzip(Array("<rss><channel><item><guid>g</guid><description>Item.</description></item></channel></rss>".utf8)),
                                  to: "feeds/site.rss.gz", in: folder)
            try TestSupport.write(Array("not really gzip".utf8), to: "wire/broken.jsonl.gz", in: folder)
            try TestSupport.write(try Self.gzip([1, 2, 3]), to: "other/archive.tar.gz", in: folder)
            try TestSupport.write("title: T\n\nPlain text stays readable.\n", to: "notes/plain.txt", in: folder)

            let result = ArticleExtractor(workers: 2).extract([folder.path])
            #expect(result.articles.map(\.id) == ["feeds/site.rss.gz#g", "notes/plain.txt", "pages/page.html.gz", "wire/feed.jsonl.gz#w-1"])
            #expect(result.articles.map(\.text) == ["Item.", "Plain text stays readable.", "A compressed page with enough words.", "Wire item."])
            let corrupt = try #require(result.problems.first)
            #expect(result.problems.count == 1)
            #expect(corrupt.path.hasSuffix("wire/broken.jsonl.gz"))
            #expect(corrupt.severity == .error)
            #expect(corrupt.reason.contains("cannot decompress"))
            // A compressed file of a type no format reads is listed as unsupported, not opened.
            #expect(result.unsupported.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["archive.tar.gz"])
        }
    }

    @Test func sampleArchivesAreRead() throws {
        let folder = TestSupport.samplesFeed.appendingPathComponent("formats")
        let jsonl = FeedReader().read(FeedFile(path: folder.appendingPathComponent("bulletin-archive.jsonl.gz").path, relativeID: "formats/bulletin-archive.jsonl.gz"))
        #expect(jsonl.problems.isEmpty)
        #expect(jsonl.articles.map(\.id) == ["formats/bulletin-archive.jsonl.gz#arc-allotments", "formats/bulletin-archive.jsonl.gz#arc-hillrace"])
        let page = FeedReader().read(FeedFile(path: folder.appendingPathComponent("lighthouse-museum.html.gz").path, relativeID: "formats/lighthouse-museum.html.gz"))
        #expect(page.problems.isEmpty)
        #expect(page.articles.first?.metadata.title == "Corrow Point lighthouse cottage to open as a museum")
        #expect(page.articles.first?.text.hasPrefix("The keeper\u{2019}s cottage at Corrow Point") == true)
        #expect(page.articles.first?.text.contains("Share") == false)
    }
}
