/// Groups verified links into stars: each cluster is one original and the articles linked directly to it.
///
/// Articles are visited from the most original to the least (see ``precedes(_:_:)``). An article linked to
/// an earlier cluster original joins that original's cluster (the closest relation, then the highest
/// Jaccard, wins when there are several); otherwise it may become an original itself. So if A~B and B~C
/// but A and C are not linked, C never joins A's cluster through B: chains cannot grow clusters of
/// unrelated articles, which is what single-link (union-find) clustering does on templated news.
public struct StarClusterer: Sendable {
    public init() {}

    public struct Cluster: Sendable, Equatable {
        /// Index of the original.
        public var source: Int
        /// The members (not the source), in precedence order, with their link to the source.
        public var members: [Member]
    }

    public struct Member: Sendable, Equatable {
        public var article: Int
        public var relation: Relation
        /// Scores with the source as first article and the member as second.
        public var scores: PairScores
        /// Index into the links the clusters were made from.
        public var linkIndex: Int
    }

    /// Whether article `a` counts as more original than `b`: the earlier date; where dates are missing
    /// (one or both) or equal, a dated article before an undated one, then the one with more shingles
    /// (which contains more of the other), then the smaller id.
    public static func precedes(_ a: Fingerprint, _ b: Fingerprint) -> Bool {
        Precedence(a).precedes(Precedence(b))
    }

    /// What decides which of two articles is the more original: all the clusterer needs of an article
    /// (an index clusters from these without loading whole fingerprints).
    public struct Precedence: Sendable, Equatable {
        public var date: ArticleDate?
        public var shingleCount: Int
        public var id: String

        public init(date: ArticleDate?, shingleCount: Int, id: String) {
            self.date = date
            self.shingleCount = shingleCount
            self.id = id
        }

        public init(_ f: Fingerprint) {
            self.init(date: f.metadata.date, shingleCount: f.shingles.count, id: f.id)
        }

        public init(_ s: ArticleSketch) {
            self.init(date: s.metadata.date, shingleCount: s.shingleCount, id: s.id)
        }

        public func precedes(_ other: Precedence) -> Bool {
            switch (date, other.date) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if shingleCount != other.shingleCount { return shingleCount > other.shingleCount }
            return id.utf8.lexicographicallyPrecedes(other.id.utf8)
        }
    }

    /// Articles from most to least original: by ``precedes(_:_:)``, except that where a verifier decided
    /// a link's direction (a rewrite between undated articles, say), the derivative is moved to just after
    /// its original, so the original is already a cluster source when the derivative is visited.
    ///
    /// This is a topological order of the decided links that stays as close to precedence order as it can:
    /// at each step the most original article whose decided originals have all been visited comes next.
    /// A cycle of decisions (which the verifiers should not produce) is broken at its most original article.
    static func visitOrder(_ articles: [Precedence], links: [VerifiedLink]) -> [Int] {
        let order = articles.indices.sorted { articles[$0].precedes(articles[$1]) }
        var successors: [Int: [Int]] = [:]
        var waitingFor = [Int32](repeating: 0, count: articles.count)
        for link in links {
            guard let first = link.originalIsFirst else { continue }
            let (original, derivative) = first ? (link.pair.first, link.pair.second) : (link.pair.second, link.pair.first)
            successors[original, default: []].append(derivative)
            waitingFor[derivative] += 1
        }
        guard !successors.isEmpty else { return order }
        var rank = [Int](repeating: 0, count: articles.count)
        for (position, article) in order.enumerated() { rank[article] = position }
        var visited = [Bool](repeating: false, count: articles.count)
        var released = RankHeap()  // articles freed after the scan position passed them, by rank
        var result: [Int] = []
        result.reserveCapacity(articles.count)
        var scan = 0, firstUnvisited = 0
        while result.count < articles.count {
            while scan < order.count, visited[order[scan]] || waitingFor[order[scan]] > 0 { scan += 1 }
            while let top = released.min, visited[order[top]] { released.removeMin() }
            let next: Int
            if let top = released.min, top < scan {
                next = order[top]
                released.removeMin()
            } else if scan < order.count {
                next = order[scan]
            } else {
                while visited[order[firstUnvisited]] { firstUnvisited += 1 }
                next = order[firstUnvisited]  // a cycle: break it at its most original article
            }
            visited[next] = true
            result.append(next)
            for derivative in successors[next] ?? [] {
                waitingFor[derivative] -= 1
                if waitingFor[derivative] == 0, !visited[derivative], rank[derivative] < scan { released.insert(rank[derivative]) }
            }
        }
        return result
    }

    public func cluster(_ articles: [Fingerprint], links: [VerifiedLink]) -> [Cluster] {
        cluster(articles.map(Precedence.init), links: links)
    }

    public func cluster(_ articles: [Precedence], links: [VerifiedLink]) -> [Cluster] {
        let order = Self.visitOrder(articles, links: links)
        var rank = [Int](repeating: 0, count: articles.count)
        for (position, article) in order.enumerated() { rank[article] = position }

        var neighbours = [[Int]](repeating: [], count: articles.count)  // link indices
        for (index, link) in links.enumerated() {
            neighbours[link.pair.first].append(index)
            neighbours[link.pair.second].append(index)
        }

        var isSource = [Bool](repeating: false, count: articles.count)
        var membersOf: [Int: [Member]] = [:]
        for article in order {
            var best: Member?
            var bestSource = -1
            for linkIndex in neighbours[article] {
                let link = links[linkIndex]
                let other = link.pair.first == article ? link.pair.second : link.pair.first
                guard isSource[other] else { continue }
                if let originalIsFirst = link.originalIsFirst {
                    guard (link.pair.first == other) == originalIsFirst else { continue }
                } else {
                    guard rank[other] < rank[article] else { continue }
                }
                let scores = link.pair.first == other ? link.scores : link.scores.swapped
                let candidate = Member(article: article, relation: link.relation, scores: scores, linkIndex: linkIndex)
                if let current = best {
                    let better = candidate.relation != current.relation ? candidate.relation < current.relation
                        : candidate.scores.jaccard != current.scores.jaccard ? candidate.scores.jaccard > current.scores.jaccard
                        : rank[other] < rank[bestSource]
                    guard better else { continue }
                }
                best = candidate
                bestSource = other
            }
            if let best {
                membersOf[bestSource, default: []].append(best)
            } else {
                isSource[article] = true
            }
        }
        return order.compactMap { source in
            guard let members = membersOf[source] else { return nil }
            return Cluster(source: source, members: members)
        }
    }
}

/// A binary min-heap of ranks, for ``StarClusterer/visitOrder(_:links:)``.
private struct RankHeap {
    private var items: [Int] = []

    var min: Int? { items.first }

    mutating func insert(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] > items[i] {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func removeMin() {
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count, items[l] < items[smallest] { smallest = l }
            if r < items.count, items[r] < items[smallest] { smallest = r }
            if smallest == i { return }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}
