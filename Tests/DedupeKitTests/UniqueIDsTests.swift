import DedupeKit
import Testing

@Suite("UniqueIDs")
struct UniqueIDsTests {
    @Test func repeatedIDsAreRenamedAndReported() {
        var ids = UniqueIDs()
        func metadata(_ id: String) -> ArticleMetadata {
            ArticleMetadata(id: id, location: ArticleLocation(path: "/feed/a.jsonl", item: 3))
        }
        var first = metadata("a.jsonl#x"), second = metadata("a.jsonl#x"), third = metadata("a.jsonl#x")
        #expect(ids.claim(&first) == nil)
        let warning = ids.claim(&second)
        #expect(second.id == "a.jsonl#x~2")
        #expect(warning?.severity == .warning)
        #expect(warning?.line == 3)
        #expect(warning?.reason.contains("a.jsonl#x~2") == true)
        _ = ids.claim(&third)
        #expect(third.id == "a.jsonl#x~3")
        // An id that happens to look like a renamed one is still unique.
        var lookalike = metadata("a.jsonl#x~2")
        #expect(ids.claim(&lookalike) != nil)
        #expect(lookalike.id == "a.jsonl#x~2~2")
    }
}
