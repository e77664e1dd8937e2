/// Turns a scan's result into the report.
public enum ReportBuilder {
    public static func report(from result: Scanner.Result, toolVersion: String = DedupeVersion.current) -> ScanReport {
        let articles = result.articles
        let clusters = result.clusters.map { cluster -> ScanReport.Cluster in
            let original = articles[cluster.source].metadata
            return ScanReport.Cluster(
                source: original.id, original: ScanReport.ArticleInfo(original),
                members: cluster.members.map { member in
                    let m = articles[member.article].metadata
                    return ScanReport.Member(
                        id: m.id, relation: member.relation, title: m.title, outlet: m.outlet, date: m.date, url: m.url,
                        author: m.author, path: m.location.path, scores: ScanReport.Scores(member.scores))
                })
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
                files: result.fileCount, articles: articles.count, clusters: clusters.count,
                linkedArticles: clusters.reduce(0) { $0 + 1 + $1.members.count },
                errors: errors.count, warnings: warnings.count, unsupportedFiles: result.unsupported.count,
                candidatePairs: result.candidatePairs, verifiedLinks: result.links.count,
                rewriteCandidatePairs: result.rewriteCandidatePairs,
                seconds: (result.seconds * 1000).rounded() / 1000,
                stageSeconds: result.stageSeconds.mapValues { ($0 * 1000).rounded() / 1000 }),
            clusters: clusters, errors: errors, warnings: warnings, unsupported: result.unsupported)
    }
}

/// dedupe's version, printed by `--version` and written into every report.
public enum DedupeVersion {
    public static let current = "0.1.0"
}
