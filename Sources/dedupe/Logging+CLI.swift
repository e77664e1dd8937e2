import ArgumentParser
import Synchronization
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Options every command that logs shares: levels go to stderr through swift-log.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .notice

    @Flag(name: .shortAndLong, help: "Only errors on stderr: no input warnings, no progress.")
    var quiet = false

    var effectiveLevel: Logger.Level { quiet ? .error : logLevel }

    /// Sets up swift-log once per process and returns the command's logger.
    func makeLogger(_ label: String) -> Logger {
        let level = effectiveLevel
        LoggingBootstrap.once(level)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }

    /// Progress lines go to stderr only when it is a terminal (never into a cron mail) and not with --quiet.
    var progress: (@Sendable (String) -> Void)? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return { line in FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
    }
}

enum LoggingBootstrap {
    private static let done = Mutex(false)
    static func once(_ level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            done = true
        }
    }
}

/// The process's peak resident memory so far, in MB (for the debug log: where a run's memory went).
func peakMemoryMB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss / 1024
}
