/// Keeps article ids unique in a scan: a repeated id (two JSON Lines items with the same `id`, say) becomes
/// `id~2`, `id~3`, ..., and the change is reported as a warning naming the file and item.
public struct UniqueIDs: Sendable {
    private var seen = Set<String>()

    public init() {}

    /// Claims the article's id, renaming it when it was already taken; returns the warning for a rename.
    public mutating func claim(_ metadata: inout ArticleMetadata) -> FeedProblem? {
        guard !seen.insert(metadata.id).inserted else { return nil }
        var n = 2
        while seen.contains("\(metadata.id)~\(n)") { n += 1 }
        let renamed = "\(metadata.id)~\(n)"
        seen.insert(renamed)
        defer { metadata.id = renamed }
        return FeedProblem(path: metadata.location.path, line: metadata.location.item,
                           reason: "item id repeats an earlier one in the file; reported as \(renamed)",
                           severity: .warning, articleRead: true)
    }
}
