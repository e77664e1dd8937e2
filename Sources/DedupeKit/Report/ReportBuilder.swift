/// Turns a scan's result into the report.
public enum ReportBuilder {
    /// The report; rewrite evidence is built by reading the linked articles again with `evidence`.
    public static func report(from result: Scanner.Result, toolVersion: String = DedupeVersion.current,
                              evidence: EvidenceBuilder = EvidenceBuilder()) -> ScanReport {
        let articles = result.articles
        var rewriteMembers = Set<Int>()
        let clusters = result.clusters.map { cluster -> ScanReport.Cluster in
            let original = articles[cluster.source].metadata
            return ScanReport.Cluster(
                source: original.id, original: ScanReport.ArticleInfo(original),
                members: cluster.members.map { member in
                    let m = articles[member.article].metadata
                    var rewriteEvidence: RewriteEvidenceReport?
                    if member.relation == .rewrite, let measures = result.links[member.linkIndex].rewrite {
                        rewriteMembers.insert(member.article)
                        rewriteEvidence = evidence.evidence(source: articles[cluster.source], member: articles[member.article], measures: measures)
                    }
                    return ScanReport.Member(
                        id: m.id, relation: member.relation, title: m.title, outlet: m.outlet, date: m.date, url: m.url,
                        author: m.author, path: m.location.path, scores: ScanReport.Scores(member.scores),
                        evidence: rewriteEvidence, tells: TellsReport(articles[member.article].tells))
                })
        }
        let suspected = articles.indices.compactMap { i -> ScanReport.SuspectedRewrite? in
            guard !rewriteMembers.contains(i), let tells = TellsReport(articles[i].tells) else { return nil }
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
