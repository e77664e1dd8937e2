@testable import DedupeKit
import Foundation
import Testing

/// Where a scan keeps verification data: the temporary file, its fallback, and the record encoding.
@Suite("SpillStore")
struct SpillStoreTests {
    @Test func recordsReadBackAsWrittenFromManyThreads() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let store = SpillStore(directory: folder.path)
            let records = (0..<2000).map { i in (0..<(i % 97)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) } }
            let locations = parallelMap(records.count, workers: 4, chunk: 7, makeState: {}) { _, i in store.write(records[i]) }
            #expect(store.fallbackReason == nil)
            for (i, location) in locations.enumerated() {
                if case .memory = location { Issue.record("record \(i) was kept in memory") }
                #expect(store.read(location) == records[i])
            }
            // The file is unlinked at once: nothing is left in the folder, even while the store is open.
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(left.isEmpty)
        }
    }

    /// Records given to writers (one per worker, as a scan's) read back once flushed: many per region,
    /// regions filled and started again, and a record larger than a region written by itself.
    @Test func writerRecordsReadBackAfterFlush() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let store = SpillStore(directory: folder.path)
            var random = SplitMix64(seed: 31)
            let records = (0..<1500).map { i -> [UInt8] in
                let size = i == 700 ? SpillStore.regionSize + 12_345 : Int(random.next() % 6000)
                return (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) }
            }
            let (locations, writers) = parallelMapKeepingStates(records.count, workers: 2, chunk: 5, makeState: { SpillStore.Writer(store) }) {
                writer, i in writer.write([records[i], [UInt8(truncatingIfNeeded: i)]])
            }
            for writer in writers { writer.flush() }
            #expect(store.fallbackReason == nil)
            for (i, pair) in locations.enumerated() {
                if case .memory = pair[0] { Issue.record("record \(i) was kept in memory") }
                #expect(store.read(pair[0]) == records[i], "record \(i)")
                #expect(store.read(pair[1]) == [UInt8(truncatingIfNeeded: i)])
            }
        }
    }

    /// A region the disk refuses stays in memory and reads back from there; the scan is told how many
    /// records that was.
    @Test func writerKeepsRefusedRegionsInMemoryAndSaysSo() throws {
        let full = open("/dev/full", O_RDWR)
        try #require(full >= 0)
        let store = SpillStore(openFile: full, directory: "/dev")
        let writer = SpillStore.Writer(store)
        let records = (0..<600).map { i in [UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 4000 + i) }
        let locations = records.map { writer.write([$0])[0] }
        writer.flush()
        for (i, location) in locations.enumerated() { #expect(store.read(location) == records[i], "record \(i)") }
        let reason = try #require(store.fallbackReason)
        #expect(reason.contains("600 writes") && reason.contains("/dev"))
        #expect(store.readFailureReason == nil)
    }

    @Test func aLostFileLeavesPairsUnverifiedAndSaysSo() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let store = SpillStore(directory: folder.path)
            var fingerprinter = Fingerprinter(shingleSize: 5, permutations: 128)
            var prose = ProseGenerator(seed: 3)
            let text = prose.article()
            var prints: [Fingerprint] = []
            for id in ["a", "b"] {
                let article = Article(metadata: ArticleMetadata(id: id, location: ArticleLocation(path: "/\(id)")), text: text)
                let print = fingerprinter.fingerprint(article)
                prints.append(try #require(print))
            }
            let loader = VerificationLoader(sketches: prints.map(\.sketch), stored: prints.map { store.write(VerificationData($0).encoded) },
                                            spill: store, workers: 2)
            let verifier = CopyVerifier(threshold: 0.5)
            let verify = { loader.verify([ArticlePair(0, 1)], prepare: nil) { pair, a, b in verifier.verify(pair, a.fingerprint, b.fingerprint) } }
            #expect(verify().count == 1)
            #expect(store.readFailureReason == nil)

            store.discardFileContents()  // as a failing disk would
            #expect(verify().isEmpty)
            let reason = try #require(store.readFailureReason)
            #expect(reason.contains(folder.path) && reason.contains("2 times"))
        }
    }

    @Test func aFolderThatCannotHoldTheFileFallsBackToMemoryAndSaysSo() throws {
        let store = SpillStore(directory: "/nonexistent-dedupe-folder/sub")
        let location = store.write([1, 2, 3])
        guard case .memory = location else {
            Issue.record("expected an in-memory record")
            return
        }
        #expect(store.read(location) == [1, 2, 3])
        let reason = try #require(store.fallbackReason)
        #expect(reason.contains("/nonexistent-dedupe-folder/sub"))
    }

    @Test func theFirstUsableFolderIsTaken() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let store = SpillStore(firstUsableOf: ["/nonexistent-dedupe-folder", folder.path, "/tmp"])
            #expect(store.directory == folder.path)
            #expect(store.fallbackReason == nil)
            let location = store.write([9, 8, 7])
            guard case .file = location else {
                Issue.record("expected a record in the file")
                return
            }
            #expect(store.read(location) == [9, 8, 7])
        }
        let nowhere = SpillStore(firstUsableOf: ["/nonexistent-dedupe-a", "/nonexistent-dedupe-b"])
        let reason = try #require(nowhere.fallbackReason)
        #expect(reason.contains("/nonexistent-dedupe-a, /nonexistent-dedupe-b"))
    }

    @Test func verificationDataRoundTrips() throws {
        var fingerprinter = Fingerprinter(shingleSize: 5, permutations: 128)
        let text = "The Café’s new ovens cost 3,500 crowns. It reopens in May.\n\nMayor Ana Ruiz said 12 bakers were hired. Sales rose 4.5%."
        let article = Article(metadata: ArticleMetadata(id: "a", location: ArticleLocation(path: "/a")), text: text)
        let fingerprint = fingerprinter.fingerprint(article)
        let print = try #require(fingerprint)
        let data = VerificationData(print)
        #expect(data.profile.sentenceSpans.count >= 3 && !data.profile.figures.isEmpty)
        #expect(VerificationData(encoded: data.encoded) == data)
        let terms = data.profile.distinctTerms
        #expect(VerificationData.decodeTerms(VerificationData.encodeTerms(terms)) == terms && terms.count > 5)
        #expect(VerificationData(encoded: VerificationData(shingles: ShingleSet(hashes: []), profile: ContentProfile()).encoded)
            == VerificationData(shingles: ShingleSet(hashes: []), profile: ContentProfile()))
    }

    @Test func aScanWithoutATemporaryFolderGivesTheSameResultAndAWarning() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeCopyFeed(in: root)
            let onDisk = Scanner(configuration: ScanConfiguration(workers: 2, temporaryDirectory: root.path)).scan([root.path])
            let inMemory = Scanner(configuration: ScanConfiguration(workers: 2, temporaryDirectory: "/nonexistent-dedupe-folder"))
                .scan([root.path])
            #expect(!onDisk.links.isEmpty)
            #expect(inMemory.links == onDisk.links)
            #expect(inMemory.clusters == onDisk.clusters)
            #expect(!onDisk.problems.contains { $0.path == root.path })
            #expect(inMemory.problems.contains { $0.path == "/nonexistent-dedupe-folder" && $0.severity == .warning })
        }
    }
}

/// The flat tables and sorts the hot paths use, against the standard library's.
@Suite("Hot-path structures")
struct HotPathStructureTests {
    @Test func termCountTableCountsLikeADictionary() {
        var random = SplitMix64(seed: 11)
        var table = TermCountTable(capacity: 4)
        var reference: [UInt32: Int32] = [:]
        for _ in 0..<50_000 {
            // Small keys collide often; 0 is a key like any other.
            let key = UInt32(truncatingIfNeeded: random.next() % 20_000) &* (random.next() % 2 == 0 ? 1 : 0x9E37_79B1)
            let delta = Int32(random.next() % 3 + 1)
            table.add(key, delta)
            reference[key, default: 0] += delta
        }
        #expect(table.count == reference.count)
        for (key, count) in reference { #expect(table.count(of: key) == count) }
        #expect(table.count(of: 4_000_000_007) == (reference[4_000_000_007] ?? 0))
        var seen = 0
        table.forEach { key, count in
            seen += 1
            #expect(reference[key] == count)
        }
        #expect(seen == reference.count)
    }

    /// Adding an article's distinct terms at once agrees with adding them one at a time, through growth
    /// and collisions.
    @Test func termCountTableBatchesMatchSingleTerms() {
        var random = SplitMix64(seed: 12)
        var batched = TermCountTable(capacity: 4), single = TermCountTable(capacity: 4)
        for _ in 0..<400 {
            let terms = Array(Set((0..<Int(random.next() % 300)).map { _ in
                UInt32(truncatingIfNeeded: random.next() % 30_000) &* (random.next() % 2 == 0 ? 1 : 0x9E37_79B1)
            }))
            batched.addOnce(terms)
            for t in terms { single.add(t) }
            #expect(terms.allSatisfy { batched.count(of: $0) == single.count(of: $0) })
        }
        #expect(batched.count == single.count && batched.count > 10_000)
        single.forEach { term, count in #expect(batched.count(of: term) == count) }
    }

    @Test(arguments: [0, 1, 63, 65, 255, 257, 1000, 40_000])
    func radixSortSortsLikeSort(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        for shape in 0..<3 {
            var values = (0..<count).map { _ -> UInt32 in
                switch shape {
                case 0: return UInt32(truncatingIfNeeded: random.next())
                case 1: return UInt32(random.next() % 50)            // many repeats, high bytes all zero
                default: return 0xABCD_0000 | UInt32(random.next() % 0x1_0000)  // high bytes shared
                }
            }
            let expected = values.sorted()
            values.radixSort()
            #expect(values == expected)
        }
        // Packed 64-bit keys (a 32-bit term above a 16-bit sentence), as rewrite alignment sorts them.
        var keys = (0..<count).map { _ in (random.next() & 0xFFFF_FFFF) << 16 | (random.next() % 40) }
        let expectedKeys = keys.sorted()
        keys.radixSort()
        #expect(keys == expectedKeys)
    }

    @Test func streamedStatisticsEqualThoseFromArrays() {
        var random = SplitMix64(seed: 5)
        let terms = (0..<3000).map { _ in Array(Set((0..<40).map { _ in UInt32(random.next() % 900) })).sorted() }
        let groups = (0..<3000).map { i in i % 7 == 3 ? i - 1 : i }  // every seventh article copies the one before
        let fromArrays = TermStatistics(distinctTermsPerArticle: terms, copyGroup: groups)
        let streamed = TermStatistics(articleCount: terms.count, copyGroup: groups, workers: 3) { terms[$0] }
        #expect(fromArrays.articleCount == streamed.articleCount)
        #expect(streamed.articleCount == 3000 - (0..<3000).filter { $0 % 7 == 3 }.count)
        for t in UInt32(0)..<900 { #expect(fromArrays.frequency(t) == streamed.frequency(t)) }
        // A copy group counts once: term frequencies never exceed the number of documents.
        let plain = TermStatistics(distinctTermsPerArticle: terms)
        #expect((UInt32(0)..<900).contains { plain.frequency($0) > streamed.frequency($0) })
    }

    /// Counting every article and then correcting for copy groups (as a scan does) gives each term the
    /// number of documents holding it, a group's members together being one document: checked against
    /// sets, with group labels that are not article indices and groups of up to five members.
    @Test func correctedCountsEqualCountsOfGroupUnions() {
        var random = SplitMix64(seed: 11)
        let terms = (0..<2500).map { _ in Array(Set((0..<30).map { _ in UInt32(random.next() % 700) })).sorted() }
        let groups = (0..<2500).map { i in 10_000 + (random.next() % 3 == 0 ? i / 5 : i) }
        var everyArticle = TermCountTable()
        for articleTerms in terms { for t in articleTerms { everyArticle.add(t) } }
        let corrected = TermStatistics(counted: everyArticle, articleCount: terms.count, copyGroup: groups, workers: 2) { terms[$0] }
        var unions: [Int: Set<UInt32>] = [:]
        for (article, group) in groups.enumerated() { unions[group, default: []].formUnion(terms[article]) }
        #expect(corrected.articleCount == unions.count)
        for t in UInt32(0)..<700 {
            #expect(corrected.frequency(t) == max(1, unions.values.filter { $0.contains(t) }.count))
        }
    }

    @Test func tabulatedWeightsEqualTheFormula() {
        let frequencies: [UInt32: Int32] = [1: 1, 2: 50, 3: 4095, 4: 4096, 5: 90_000, 6: 150_000]
        let statistics = TermStatistics(articleCount: 100_000, documentFrequency: frequencies)
        for (term, df) in frequencies {
            #expect(statistics.weight(term) == max(0.05, log(100_000 / Double(df))))
        }
        #expect(statistics.weight(99) == log(100_000.0))  // unseen: counted as one article
        let small = TermStatistics(distinctTermsPerArticle: [[1, 2], [2], [2, 3]])
        #expect(small.weight(2) == 0.05)
        #expect(small.weight(1) == log(3.0))
    }

    @Test func evidenceByteSearchFindsLiteralSubstrings() {
        let text = Array("Mayor Ana Ruiz of São Paulo met the Board".utf8)
        #expect(EvidenceBuilder.contains(text, "Ana Ruiz"))
        #expect(EvidenceBuilder.contains(text, "São Paulo"))
        #expect(EvidenceBuilder.contains(text, "Board"))
        #expect(!EvidenceBuilder.contains(text, "Boards"))
        #expect(!EvidenceBuilder.contains(text, "ana ruiz"))
        #expect(EvidenceBuilder.contains(text, ""))
        #expect(!EvidenceBuilder.contains([], "a"))
    }
}
