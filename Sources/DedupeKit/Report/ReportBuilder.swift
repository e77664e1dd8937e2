/// Turns a scan's result into the report.
public enum ReportBuilder {
    /// The report; rewrite evidence is built by reading the linked articles again with `evidence`.
    public static func report(from result: Scanner.Result, toolVersion: String = DedupeVersion.current,
                              evidence: EvidenceBuilder = EvidenceBuilder()) -> ScanReport {
        let articles = result.articles
        // Evidence reads both texts again: the slow part of a report, so it is built on all cores.
        var rewriteMembers: [(cluster: Int, member: Int)] = []
        for (c, cluster) in result.clusters.enumerated() {
            for (m, member) in cluster.members.enumerated() where member.relation == .rewrite && result.links[member.linkIndex].rewrite != nil {
                rewriteMembers.append((c, m))
            }
        }
        let evidenceList = rewriteMembers
        // A cluster's source is read and prepared once for all its rewrite members.
        let byCluster = Dictionary(grouping: evidenceList.indices, by: { evidenceList[$0].cluster }).sorted { $0.key < $1.key }
        let built = parallelMap(byCluster.count, workers: result.configuration.workers, chunk: 2, makeState: {}) { _, i in
            let cluster = result.clusters[byCluster[i].key]
            let source = evidence.prepare(source: articles[cluster.source])
            return byCluster[i].value.map { k -> (Int, RewriteEvidenceReport) in
                let member = cluster.members[evidenceList[k].member]
                return (k, evidence.evidence(source: source, member: articles[member.article], measures: result.links[member.linkIndex].rewrite!))
            }
        }
        var evidenceFor: [Int: [Int: RewriteEvidenceReport]] = [:]
        for (k, report) in built.joined() { evidenceFor[evidenceList[k].cluster, default: [:]][evidenceList[k].member] = report }
        let rewriteArticles = Set(evidenceList.map { result.clusters[$0.cluster].members[$0.member].article })
        let clusters = result.clusters.enumerated().map { c, cluster -> ScanReport.Cluster in
            let original = articles[cluster.source].metadata
            return ScanReport.Cluster(
                source: original.id, original: ScanReport.ArticleInfo(original),
                members: cluster.members.enumerated().map { m, member in
                    let meta = articles[member.article].metadata
                    return ScanReport.Member(
                        id: meta.id, relation: member.relation, title: meta.title, outlet: meta.outlet, date: meta.date, url: meta.url,
                        author: meta.author, path: meta.location.path, scores: ScanReport.Scores(member.scores),
                        evidence: evidenceFor[c]?[m], tells: TellsReport(articles[member.article].tells))
                })
        }
        let suspected = articles.indices.compactMap { i -> ScanReport.SuspectedRewrite? in
            guard !rewriteArticles.contains(i), let tells = TellsReport(articles[i].tells) else { return nil }
            return ScanReport.SuspectedRewrite(article: ScanReport.ArticleInfo(articles[i].metadata), tells: tells)
        }
        let errors = result.problems.filter { $0.severity == .error }
        let warnings = result.problems.filter { $0.severity == .warning }
        let lsh = result.lsh
        let curve = Dictionary(uniqueKeysWithValues: [0.3, 0.5, 0.7, 0.9].map {
            (String($0), ScanReport.Scores.round(lsh.candidateProbability(atSimilarity: $0)))
        })
        return ScanReport(
            schemaVersion: ScanReport.currentSchemaVersion,
            tool: .init(name: "dedupe", version: toolVersion),
            parameters: .init(
                threshold: result.configuration.threshold, shingleSize: result.configuration.shingleSize,
                permutations: result.configuration.permutations,
                minhash: "one-permutation hashing with optimal densification over XXH3-64 shingle hashes",
                bands: lsh.bands, rows: lsh.rows, sCurve: curve),
            summary: .init(
                files: result.fileCount, articles: result.articleCount, clusters: clusters.count,
                linkedArticles: clusters.reduce(0) { $0 + 1 + $1.members.count },
                errors: errors.count, warnings: warnings.count, unsupportedFiles: result.unsupported.count,
                candidatePairs: result.candidatePairs, verifiedLinks: result.links.count,
                rewriteCandidatePairs: result.rewriteCandidatePairs,
                seconds: (result.seconds * 1000).rounded() / 1000,
                stageSeconds: result.stageSeconds.mapValues { ($0 * 1000).rounded() / 1000 }),
            clusters: clusters, errors: errors, warnings: warnings, unsupported: result.unsupported,
            suspectedRewrites: suspected)
    }
}

/// dedupe's version, printed by `--version` and written into every report.
public enum DedupeVersion {
    public static let current = "0.1.0"
}
