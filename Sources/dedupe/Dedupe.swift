import ArgumentParser
import DedupeKit
import Foundation

/// The `dedupe` command: a thin shell over DedupeKit. It parses arguments, runs the library, prints and
/// chooses the exit code; it decides nothing about articles.
@main
struct Dedupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Find duplicate, near-duplicate and rewritten news articles, and name their originals.",
        discussion: """
            Exit codes:
              0  report written; every input read
              1  report written; some inputs could not be read or were malformed (see "errors")
              2  usage error (unknown option, bad value, no path)
              3  the report could not be written
              4  the index is in use by another run (nothing done)
              5  the index cannot be used (corrupt, not a dedupe index, other settings)
              6  report written but incomplete: the scan's temporary file could not be
                 read back (a disk fault), so some candidate pairs were not verified
            """,
        version: DedupeVersion.current,
        subcommands: [Scan.self, IndexCommand.self, Extract.self],
        defaultSubcommand: nil
    )

    /// Exit codes, stable for cron jobs and scripts (README lists them).
    enum Exit: Int32 {
        case ok = 0
        case inputErrors = 1
        case usage = 2
        case reportNotWritten = 3
        case indexBusy = 4
        case indexUnusable = 5
        /// The report was written, but the scan's temporary file could not be read back (a disk fault), so
        /// some candidate pairs were not verified.
        case incomplete = 6
    }

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode where exit == .success {
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            // ArgumentParser's own code for a usage error is 64 (EX_USAGE); dedupe documents 2.
            Foundation.exit(code == .validationFailure ? Exit.usage.rawValue : code.rawValue)
        }
    }
}
