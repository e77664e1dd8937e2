import ArgumentParser
import DedupeIndex
import DedupeKit
import Foundation
import Logging

extension ReportFormat: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan article files and folders and report clusters of copies and rewrites around their originals.",
        discussion: """
            PATH may be a folder (walked recursively; hidden files skipped) or a file. Read: .txt and .md \
            articles (optional `key: value` header, front matter, or a first line `date YYYY-MM-DD`), .jsonl \
            (an article object per line), .json (an array, or "articles"/"items"), .html/.htm pages, RSS and \
            Atom feeds (.xml, .rss, .atom), and any of these gzip-compressed (.gz).

            Examples:
              dedupe scan ./feed
              dedupe scan ./feed --output report.json
              dedupe scan ./today ./yesterday --threshold 0.6 --format text
              dedupe scan ./feed --index feed.sqlite --window 30 --only-new --output morning.json
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

    @Option(name: .customLong("index"), help: "SQLite index file: compare with everything indexed, add what is new (created when missing).")
    var index: String?

    @Option(name: .customLong("window"), help: "With --index: compare only articles dated at most DAYS apart.")
    var window: Int?

    @Flag(name: .customLong("only-new"), help: "With --index: report only clusters that gained members in this run.")
    var onlyNew = false

    @Option(name: .customLong("temp-dir"), help: ArgumentHelp(
        "Folder for the scan's temporary working file (default: $TMPDIR, else /var/tmp, else /tmp).",
        discussion: "The file is unlinked as soon as it is made; it holds about 8.5 KB per article while the scan runs."))
    var tempDir: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one PATH to scan") }
        if index == nil, window != nil || onlyNew { throw ValidationError("--window and --only-new need --index FILE") }
        if let window, window < 0 { throw ValidationError("--window must be 0 or more days, got \(window)") }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    var configuration: ScanConfiguration {
        ScanConfiguration(threshold: threshold, shingleSize: shingleSize, permutations: numPerm, workers: jobs,
                          detectRewrites: !noRewrites, temporaryDirectory: tempDir)
    }

    func run() throws {
        let logger = logging.makeLogger("dedupe")
        let result: DedupeKit.Scanner.Result
        if let index {
            let scanner = IndexedScanner(configuration: configuration, indexPath: index, windowDays: window, onlyNew: onlyNew,
                                         logger: logger, progress: logging.progress)
            do {
                (result, _) = try scanner.scan(paths)
            } catch {
                logger.error("\(error.description)")
                if case .locked = error { throw ExitCode(Dedupe.Exit.indexBusy.rawValue) }
                throw ExitCode(Dedupe.Exit.indexUnusable.rawValue)
            }
            if logging.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } else {
            result = DedupeKit.Scanner(configuration: configuration).scan(paths)
        }
        logger.debug("scanned", metadata: ["seconds": "\(result.seconds)", "stages": "\(result.stageSeconds)", "peakMB": "\(peakMemoryMB())"])
        let clock = ContinuousClock()
        var started = clock.now
        func seconds() -> String {
            let now = clock.now
            defer { started = now }
            return String(format: "%.3f", DedupeKit.Scanner.seconds(now - started))
        }
        let report = ReportBuilder.report(from: result)
        logger.debug("report built", metadata: ["seconds": "\(seconds())", "peakMB": "\(peakMemoryMB())"])
        for problem in result.problems + result.unsupported {
            let message: Logger.Message = "\(problem.line.map { "\(problem.path):\($0)" } ?? problem.path): \(problem.reason)"
            if problem.severity == .error { logger.error(message) } else { logger.warning(message) }
        }
        // The report goes out as it is rendered: it never sits in memory whole.
        var bytes = 0
        if let output {
            do {
                try ReportFileWriter.write(to: output) { sink in
                    try ReportRenderer.render(report, as: format, workers: result.configuration.workers) { chunk in
                        bytes += chunk.count
                        sink(chunk)
                    }
                }
            } catch {
                FileHandle.standardError.write(Data("dedupe: \(error)\n".utf8))
                throw ExitCode(Dedupe.Exit.reportNotWritten.rawValue)
            }
        } else {
            try ReportRenderer.render(report, as: format, workers: result.configuration.workers) { chunk in
                bytes += chunk.count
                FileHandle.standardOutput.write(Data(chunk))
            }
        }
        logger.debug("report written", metadata: ["seconds": "\(seconds())", "bytes": "\(bytes)", "peakMB": "\(peakMemoryMB())"])
        if result.incompleteReason != nil { throw ExitCode(Dedupe.Exit.incomplete.rawValue) }
        if !report.errors.isEmpty { throw ExitCode(Dedupe.Exit.inputErrors.rawValue) }
    }
}
