import ArgumentParser
import DedupeKit
import Foundation

extension ReportFormat: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan article files and folders and report clusters of copies around their originals.",
        discussion: """
            PATH may be a folder (walked recursively; hidden files skipped) or a file. Read: .txt and .md
            articles (optional `key: value` header, front matter, or a first line `date YYYY-MM-DD`) and
            .jsonl (an article object per line).

            Examples:
              dedupe scan ./feed
              dedupe scan ./feed --output report.json
              dedupe scan ./today ./yesterday --threshold 0.6 --format text
            """)

    @Argument(help: "Folders or files to scan.")
    var paths: [String]

    @Option(help: "Minimum shingle Jaccard similarity for a near-duplicate (0-1].")
    var threshold: Double = 0.5

    @Option(name: .customLong("shingle-size"), help: "Words per shingle.")
    var shingleSize: Int = 5

    @Option(name: .customLong("num-perm"), help: "MinHash signature length.")
    var numPerm: Int = 128

    @Option(name: .customLong("jobs"), help: "Worker threads (default: one per core).")
    var jobs: Int = defaultWorkerCount

    @Option(help: "Report format: json or text.")
    var format: ReportFormat = .json

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(name: .customLong("no-rewrites"), help: "Find copies only (duplicates and near-duplicates), not rewrites.")
    var noRewrites = false

    @Flag(name: .shortAndLong, help: "Do not print input errors and warnings on stderr (they stay in the report).")
    var quiet = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one PATH to scan") }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    var configuration: ScanConfiguration {
        ScanConfiguration(threshold: threshold, shingleSize: shingleSize, permutations: numPerm, workers: jobs,
                          detectRewrites: !noRewrites)
    }

    func run() throws {
        let result = Scanner(configuration: configuration).scan(paths)
        let report = ReportBuilder.report(from: result)
        if !quiet {
            for problem in result.problems + result.unsupported {
                FileHandle.standardError.write(Data("dedupe: \(problem)\n".utf8))
            }
        }
        let data = try ReportRenderer.render(report, as: format)
        if let output {
            do {
                try ReportFileWriter.write(data, to: output)
            } catch {
                FileHandle.standardError.write(Data("dedupe: \(error)\n".utf8))
                throw ExitCode(Dedupe.Exit.reportNotWritten.rawValue)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
        if !report.errors.isEmpty { throw ExitCode(Dedupe.Exit.inputErrors.rawValue) }
    }
}
