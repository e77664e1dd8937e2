@testable import DedupeKit
import Foundation
import Testing

@Suite("FeedWalker")
struct FeedWalkerTests {
    private let walker = FeedWalker(supportedExtensions: FeedReader().supportedExtensions)

    /// A feed with nested folders, hidden entries, an unsupported file and mixed-case names.
    private func makeFeed(in root: URL) throws {
        for name in ["b.txt", "a.txt", "Z.txt", "sub/c.md", "sub/deeper/d.jsonl", "sub/deeper/e.TXT", "2-first.txt",
                     ".hidden.txt", ".hiddendir/f.txt", "sub/.secret/g.txt", "notes.pdf", "sub/README"] {
            try TestSupport.write("x", to: name, in: root)
        }
    }

    private let expectedIDs = ["2-first.txt", "Z.txt", "a.txt", "b.txt", "sub/c.md", "sub/deeper/d.jsonl", "sub/deeper/e.TXT"]

    @Test func recursiveStableOrderWithoutHiddenEntries() throws {
        try TestSupport.withTemporaryDirectory { root in
            try makeFeed(in: root)
            let listing = walker.walk([root.path])
            #expect(listing.files.map(\.relativeID) == expectedIDs)
            #expect(listing.files.map(\.path) == expectedIDs.map { root.path + "/" + $0 })
            #expect(listing.problems.isEmpty)
            #expect(!listing.files.contains { $0.relativeID.contains(".hidden") || $0.relativeID.contains(".secret") })
            // The same walk again gives the same listing.
            #expect(walker.walk([root.path]).files == listing.files)
        }
    }

    /// The eight-byte prefix keys and the full comparison on ties give the plain byte-wise order: names
    /// that share long prefixes, differ past the eighth byte, are prefixes of each other, or are not ASCII.
    @Test func namesSortBytewise() {
        var random = SplitMix64(seed: 7)
        let alphabet: [String] = ["a", "b", "0", "9", ".", "-", "_", "Z", "é", "ø", "日", "~"]
        var names: [String] = ["2026-11-30-a.txt", "2026-11-30-b.txt", "2026-11-30.txt", "2026-11-3", "20261130", "2026113",
                               "é.txt", "e.txt", "Ω", "z"]
        for _ in 0..<2_000 {
            let length = 1 + Int(random.next() % 14)
            names.append((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined())
        }
        let entries = names.enumerated().map { (name: $1, type: UInt8($0 % 7)) }
        let expected = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let sorted = FeedWalker.sortedBytewise(entries)
        #expect(sorted.map(\.name) == expected.map(\.name))
        // Each entry keeps its own type, and equal names keep their order (both sorts are stable).
        #expect(sorted.map(\.type) == expected.map(\.type))
    }

    @Test func rootWithTrailingSlash() throws {
        try TestSupport.withTemporaryDirectory { root in
            try makeFeed(in: root)
            let listing = walker.walk([root.path + "/"])
            #expect(listing.files.map(\.relativeID) == expectedIDs)
            #expect(listing.files.allSatisfy { !$0.path.contains("//") })
        }
    }

    @Test func unsupportedFilesAreReported() throws {
        try TestSupport.withTemporaryDirectory { root in
            try makeFeed(in: root)
            let listing = walker.walk([root.path])
            let unsupported = listing.unsupported.map { URL(fileURLWithPath: $0.path).lastPathComponent }
            #expect(unsupported == ["notes.pdf", "README"])
            #expect(listing.unsupported.allSatisfy { $0.severity == .warning && !$0.articleRead })
        }
    }

    @Test func symlinkLoopTerminatesAndListsEachFileOnce() throws {
        try TestSupport.withTemporaryDirectory { root in
            try makeFeed(in: root)
            let fm = FileManager.default
            // A link from a subfolder back up to its parent, and one to the root itself.
            try fm.createSymbolicLink(atPath: root.appendingPathComponent("sub/deeper/up").path, withDestinationPath: "..")
            try fm.createSymbolicLink(atPath: root.appendingPathComponent("sub/root-again").path, withDestinationPath: root.path)
            let listing = walker.walk([root.path])
            #expect(listing.files.map(\.relativeID) == expectedIDs)
            #expect(Set(listing.files.map(\.relativeID)).count == listing.files.count)
            #expect(listing.problems.isEmpty)
        }
    }

    @Test func linkedFolderIsWalkedOnce() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestSupport.write("x", to: "real/one.txt", in: root)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("zlink").path, withDestinationPath: "real")
            let listing = walker.walk([root.path])
            #expect(listing.files.map(\.relativeID) == ["real/one.txt"])
        }
    }

    @Test func danglingLinkIsAProblemNotACrash() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestSupport.write("x", to: "ok.txt", in: root)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("gone.txt").path, withDestinationPath: "missing.txt")
            let listing = walker.walk([root.path])
            #expect(listing.files.map(\.relativeID) == ["ok.txt"])
            #expect(listing.problems.count == 1)
            #expect(listing.problems.first?.path.hasSuffix("gone.txt") == true)
        }
    }

    @Test func severalRootsKeepIDsUnique() throws {
        try TestSupport.withTemporaryDirectory { base in
            // Three roots, two of them with the same folder name, all holding x.txt and sub/y.md.
            let roots = ["today", "one/feed", "two/feed"].map { base.appendingPathComponent($0) }
            for root in roots {
                try TestSupport.write("x", to: "x.txt", in: root)
                try TestSupport.write("y", to: "sub/y.md", in: root)
            }
            try TestSupport.write("z", to: "only-here.txt", in: roots[1])
            let listing = walker.walk(roots.map(\.path))
            let ids = listing.files.map(\.relativeID)
            #expect(ids.count == 7)
            #expect(Set(ids).count == ids.count, "ids clash: \(ids)")
            // The first root keeps plain ids; files keep pointing at their own root.
            #expect(ids.prefix(2) == ["sub/y.md", "x.txt"])
            #expect(ids.contains("only-here.txt"))
            for file in listing.files {
                let root = try #require(roots.first { file.path.hasPrefix($0.path + "/") })
                let below = String(file.path.dropFirst(root.path.count + 1))
                #expect(file.relativeID.hasSuffix(below) || file.relativeID.contains(below), "\(file)")
            }
        }
    }

    @Test func sameFileNameGivenTwiceAsFiles() throws {
        try TestSupport.withTemporaryDirectory { base in
            let a = try TestSupport.write("a", to: "left/story.txt", in: base)
            let b = try TestSupport.write("b", to: "right/story.txt", in: base)
            let listing = walker.walk([a.path, b.path])
            #expect(listing.files.map(\.path) == [a.path, b.path])
            #expect(listing.files.first?.relativeID == "story.txt")
            #expect(Set(listing.files.map(\.relativeID)).count == 2)
        }
    }

    @Test func fileRootAndUnsupportedFileRoot() throws {
        try TestSupport.withTemporaryDirectory { base in
            let txt = try TestSupport.write("a", to: "one.txt", in: base)
            let csv = try TestSupport.write("a", to: "two.csv", in: base)
            let listing = walker.walk([txt.path, csv.path])
            #expect(listing.files == [FeedFile(path: txt.path, relativeID: "one.txt")])
            #expect(listing.unsupported.map(\.path) == [csv.path])
        }
    }

    @Test func missingPathIsAProblem() throws {
        try TestSupport.withTemporaryDirectory { base in
            try TestSupport.write("a", to: "one.txt", in: base)
            let missing = base.appendingPathComponent("no-such-folder").path
            let listing = walker.walk([missing, base.path])
            #expect(listing.files.map(\.relativeID) == ["one.txt"])
            let problem = try #require(listing.problems.first)
            #expect(listing.problems.count == 1)
            #expect(problem.path == missing)
            #expect(problem.severity == .error)
        }
    }

    @Test func fileExtension() {
        #expect(FeedFile(path: "", relativeID: "a/b/Story.TXT").fileExtension == "txt")
        #expect(FeedFile(path: "", relativeID: "a.b/story").fileExtension == "")
        #expect(FeedFile(path: "", relativeID: "x/.profile").fileExtension == "")
        #expect(FeedFile(path: "", relativeID: "feed.tar.gz").fileExtension == "gz")
    }
}

@Suite("FeedReader")
struct FeedReaderTests {
    @Test func picksTheFormatByExtension() throws {
        try TestSupport.withTemporaryDirectory { base in
            let md = try TestSupport.write("title: T\n\nBody.", to: "a.MD", in: base)
            let jsonl = try TestSupport.write(#"{"text": "Line."}"#, to: "b.ndjson", in: base)
            let reader = FeedReader()
            #expect(reader.supportedExtensions == ["txt", "md", "text", "markdown", "jsonl", "ndjson", "html", "htm", "xhtml",
                                                   "xml", "rss", "atom", "rdf", "json"])
            #expect(reader.read(FeedFile(path: md.path, relativeID: "a.MD")).articles.map(\.text) == ["Body."])
            #expect(reader.read(FeedFile(path: jsonl.path, relativeID: "b.ndjson")).articles.map(\.id) == ["b.ndjson#line-1"])
        }
    }

    @Test func unsupportedAndUnreadableFiles() throws {
        let reader = FeedReader()
        let unsupported = reader.read(FeedFile(path: "/nowhere/x.pdf", relativeID: "x.pdf"))
        #expect(unsupported.articles.isEmpty)
        #expect(unsupported.problems.first?.reason.contains(".pdf") == true)
        let missing = reader.read(FeedFile(path: "/nowhere/x.txt", relativeID: "x.txt"))
        #expect(missing.articles.isEmpty)
        #expect(missing.problems.count == 1)
        #expect(missing.problems.first?.path == "/nowhere/x.txt")
        #expect(missing.problems.first?.severity == .error)
    }

    @Test func readBytesReadsLargeFilesWhole() throws {
        try TestSupport.withTemporaryDirectory { base in
            var rng = SplitMix64(seed: 3)
            let bytes = (0..<200_001).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let url = try TestSupport.write(bytes, to: "big.bin", in: base)
            #expect(try FeedReader.readBytes(url.path).get() == bytes)
        }
    }
}
