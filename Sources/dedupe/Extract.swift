import ArgumentParser
import DedupeKit
import Foundation
import Logging

/// `dedupe extract`: prints what dedupe reads from some paths, one JSON object per article. The library's
/// ``ArticleExtractor`` does the reading; this only prints and picks the exit code (the same codes as scan).
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every article dedupe reads from files and folders, as JSON Lines.",
        discussion: """
            One line per article: {"id", "title", "date", "url", "outlet", "author", "text"} (missing fields are
            null). Reads what a scan reads: .txt/.md, .jsonl, .json, .html/.htm pages (main text only), RSS and
            Atom (.xml, .rss, .atom), and any of them gzip-compressed (.gz). Input errors go to stderr.

            Exit codes: 0 every input read; 1 some inputs could not be read or were malformed; 2 usage error.

            Examples:
              dedupe extract page.html
              dedupe extract ./feeds > articles.jsonl
            """)

    @Argument(help: "Folders or files to read.")
    var paths: [String]

    @Option(name: .customLong("jobs"), help: "Worker threads (default: one per core).")
    var jobs: Int = defaultWorkerCount

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one PATH to read") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let logger = logging.makeLogger("dedupe")
        let result = ArticleExtractor(workers: jobs).extract(paths)
        // Input problems on stderr, as a scan logs them.
        for problem in result.problems + result.unsupported {
            if problem.severity == .error { logger.error("\(problem.description)") } else { logger.warning("\(problem.description)") }
        }
        var out = Data()
        for article in result.articles {
            out.append(contentsOf: Array((ArticleExtractor.jsonLine(article) + "\n").utf8))
            if out.count >= 1 << 16 {
                FileHandle.standardOutput.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(out)
        if result.hasErrors { throw ExitCode(Dedupe.Exit.inputErrors.rawValue) }
    }
}
