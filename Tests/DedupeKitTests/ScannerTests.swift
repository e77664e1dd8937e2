@testable import DedupeKit
import Foundation
import Synchronization
import Testing

@Suite("Scanner")
struct ScannerTests {
    /// Blocks of pairs grouped by component give every pair the decision a plain map gives, in pair order,
    /// and load an article about once: here 400 components of 5 articles, their pairs shuffled among each
    /// other, in blocks of 64 pairs (in pair order nearly every block would reload its articles).
    @Test func blocksFollowComponentsAndKeepPairOrder() {
        var random = SplitMix64(seed: 3)
        var pairs: [ArticlePair] = []
        for component in 0..<400 {
            let base = component * 5
            for i in 0..<5 { for j in (i + 1)..<5 where random.next() % 2 == 0 { pairs.append(ArticlePair(base + i, base + j)) } }
        }
        for i in stride(from: pairs.count - 1, to: 0, by: -1) { pairs.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let loads = Atomic<Int>(0)
        let decisions = blockwise(pairs, blockSize: 64, articleCount: 2000, workers: 2,
                                  load: { article -> Int in
                                      loads.add(1, ordering: .relaxed)
                                      return article * 7
                                  },
                                  decide: { pair, a, b in "\(pair.first)-\(pair.second):\(a + b)" })
        #expect(decisions == pairs.map { "\($0.first)-\($0.second):\(7 * ($0.first + $0.second))" })
        let distinct = Set(pairs.flatMap { [$0.first, $0.second] }).count
        let blocks = (pairs.count + 63) / 64
        // Only a component cut by a block boundary is loaded twice: at most 5 articles per block.
        #expect(loads.load(ordering: .relaxed) <= distinct + 5 * blocks)
        // Each component's pairs are contiguous in the order.
        let order = componentOrder(pairs, articleCount: 2000).map { pairs[$0].first / 5 }
        #expect(zip(order, order.dropFirst()).filter { $0 != $1 }.count == Set(order).count - 1)
    }

    private func scan(_ paths: [String], workers: Int = 2, threshold: Double = 0.5) -> DedupeKit.Scanner.Result {
        DedupeKit.Scanner(configuration: ScanConfiguration(threshold: threshold, workers: workers)).scan(paths)
    }

    @Test func copiesOfATempFeed() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            let result = scan([root.path])
            #expect(result.fileCount == 7)
            #expect(Set(result.articles.map(\.id)) == [
                "news/original.txt", "news/copy.txt", "farm/edited.md", "other/unrelated.txt",
                "wire/items.jsonl#w-1", "wire/items.jsonl#line-3", "bad/latin1.txt", "bad/baddate.txt",
            ])

            #expect(result.clusters.count == 1)
            let cluster = try #require(result.clusters.first)
            #expect(result.articles[cluster.source].id == "news/original.txt")
            let members = cluster.members.map { (result.articles[$0.article].id, $0.relation) }
            // Precedence order: 10:00Z the same day, the next day, then the undated item.
            #expect(members.map(\.0) == ["news/copy.txt", "farm/edited.md", "wire/items.jsonl#line-3"])
            #expect(members.map(\.1) == [.duplicate, .nearDuplicate, .duplicate])
            let edited = try #require(cluster.members.first { result.articles[$0.article].id == "farm/edited.md" })
            #expect(edited.scores.jaccard >= 0.5 && edited.scores.jaccard < 1)
            for id in ["other/unrelated.txt", "wire/items.jsonl#w-1", "bad/latin1.txt", "bad/baddate.txt"] {
                #expect(result.cluster(containing: id) == nil, "\(id) should be linked to nothing")
            }

            let errors = result.problems.filter { $0.severity == .error }
            #expect(errors.count == 2)
            #expect(errors.contains { $0.path == root.path + "/wire/items.jsonl" && $0.line == 2 })
            #expect(errors.contains { $0.path == root.path + "/bad/baddate.txt" && $0.articleRead })
            let warnings = result.problems.filter { $0.severity == .warning }
            #expect(warnings.map(\.path) == [root.path + "/bad/latin1.txt"])
            #expect(result.unsupported.map(\.path) == [root.path + "/notes/readme.pdf"])
            #expect(result.articles.first { $0.id == "bad/baddate.txt" }?.metadata.date == nil)
        }
    }

    @Test func thresholdDecidesTheEditedCopy() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            // Copies only: verbatim copies are duplicates at any threshold; the edited copy is not near enough at 0.99.
            let strict = DedupeKit.Scanner(configuration: ScanConfiguration(threshold: 0.99, workers: 2, detectRewrites: false)).scan([root.path])
            let cluster = try #require(strict.clusters.first)
            #expect(Set(cluster.members.map { strict.articles[$0.article].id }) == ["news/copy.txt", "wire/items.jsonl#line-3"])
            #expect(strict.cluster(containing: "farm/edited.md") == nil)
            // With rewrite detection on, it may still be linked, but never as a copy.
            let withRewrites = scan([root.path], threshold: 0.99)
            let editedIndex = try #require(withRewrites.index(of: "farm/edited.md"))
            let relation = withRewrites.clusters.flatMap(\.members).first { $0.article == editedIndex }?.relation
            #expect(relation == nil || relation == .rewrite)
        }
    }

    @Test func resultsAreTheSameWithOneOrSeveralWorkers() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeManyGroups(in: root, groups: 16)
            try TestFeeds.writeCopyFeed(in: root.appendingPathComponent("mixed"))
            let one = scan([root.path], workers: 1)
            #expect(one.clusters.count == 17)
            for workers in [2, 5] {
                let many = scan([root.path], workers: workers)
                #expect(many.articles.map(\.id) == one.articles.map(\.id))
                #expect(many.articles == one.articles)
                #expect(many.links == one.links)
                #expect(many.clusters == one.clusters)
                #expect(many.problems == one.problems)
                #expect(ReportBuilder.report(from: many).withoutTiming == ReportBuilder.report(from: one).withoutTiming)
            }
        }
    }

    @Test func manyGroupsEachFormOneStar() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeManyGroups(in: root, groups: 12)
            let result = scan([root.path])
            #expect(result.problems.isEmpty)
            #expect(result.clusters.count == 12)
            for g in 0..<12 {
                let cluster = try #require(result.cluster(containing: "a/story-\(g).txt"))
                #expect(result.articles[cluster.source].id == "a/story-\(g).txt")
                #expect(cluster.members.map { result.articles[$0.article].id } == ["b/copy-\(g).txt", "c/edit-\(g).md"])
                #expect(cluster.members.map(\.relation) == [.duplicate, .nearDuplicate])
                #expect(result.cluster(containing: "d/other-\(g).txt") == nil)
            }
        }
    }

    @Test func severalRootsAndRepeatedItemIDs() throws {
        try TestSupport.withTemporaryDirectory { base in
            var prose = ProseGenerator(seed: 3)
            let body = prose.article()
            let left = base.appendingPathComponent("left"), right = base.appendingPathComponent("right")
            try TestSupport.write("date: 2026-01-01\n\n" + body, to: "story.txt", in: left)
            try TestSupport.write("date: 2026-01-02\n\n" + body, to: "story.txt", in: right)
            let twice = [#"{"id": "x", "text": "First item text here."}"#, #"{"id": "x", "text": "Second item, other words."}"#]
            try TestSupport.write(twice.joined(separator: "\n"), to: "items.jsonl", in: right)
            let result = scan([left.path, right.path])
            let ids = result.articles.map(\.id)
            #expect(Set(ids).count == ids.count, "\(ids)")
            #expect(ids.count == 4)
            #expect(ids.first == "story.txt")
            // A repeated item id is renamed with a warning, not dropped.
            #expect(result.problems.contains { $0.severity == .warning && $0.path.hasSuffix("items.jsonl") && $0.line == 2 })
            let cluster = try #require(result.clusters.first)
            #expect(result.articles[cluster.source].metadata.location.path == left.path + "/story.txt")
            #expect(cluster.members.map { result.articles[$0.article].metadata.location.path } == [right.path + "/story.txt"])
        }
    }

    @Test func articleWithoutWordsIsAProblem() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestSupport.write("title: Symbols\n\n--- *** ---\n", to: "symbols.txt", in: root)
            try TestSupport.write("A real article with words.", to: "words.txt", in: root)
            let result = scan([root.path])
            #expect(result.articles.map(\.id) == ["words.txt"])
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.path == root.path + "/symbols.txt")
            #expect(result.problems.first?.severity == .error)
        }
    }

    @Test func emptyScan() throws {
        try TestSupport.withTemporaryDirectory { root in
            let result = scan([root.path])
            #expect(result.articles.isEmpty && result.clusters.isEmpty && result.problems.isEmpty)
            #expect(result.fileCount == 0)
            #expect(result.candidatePairs == 0)
        }
    }

    @Test func configurationValidation() {
        #expect(throws: Never.self) { try ScanConfiguration().validate() }
        #expect(throws: Never.self) { try ScanConfiguration(threshold: 1).validate() }
        for bad in [
            ScanConfiguration(threshold: 0), ScanConfiguration(threshold: -0.1), ScanConfiguration(threshold: 1.01),
            ScanConfiguration(shingleSize: 0), ScanConfiguration(shingleSize: 21),
            ScanConfiguration(permutations: 7), ScanConfiguration(permutations: 1025), ScanConfiguration(workers: 0),
        ] {
            #expect(throws: ConfigurationError.self) { try bad.validate() }
        }
        #expect(ScanConfiguration().threshold == 0.5)
        #expect(ScanConfiguration().shingleSize == 5)
        #expect(ScanConfiguration().permutations == 128)
        #expect(ScanConfiguration().workers >= 1)
    }
}
