import ArgumentParser
import DedupeIndex
import Foundation

/// `dedupe index stats|prune`: look after the SQLite index that `scan --index` keeps.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Inspect or prune a dedupe index file.",
        subcommands: [Stats.self, Prune.self])

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print what an index holds (JSON).")

        @Option(name: .customLong("index"), help: "The index file.")
        var index: String

        func run() throws {
            do {
                let stats = try IndexMaintenance.stats(index)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(stats) + Data("\n".utf8))
            } catch let error as IndexError {
                FileHandle.standardError.write(Data("dedupe: \(error)\n".utf8))
                throw ExitCode(error == .locked(path: index) ? Dedupe.Exit.indexBusy.rawValue : Dedupe.Exit.indexUnusable.rawValue)
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove articles older than DAYS (by their date; undated ones by when they were added), and gone ones.")

        @Option(name: .customLong("index"), help: "The index file.")
        var index: String

        @Option(name: .customLong("older-than"), help: "Age in days.")
        var olderThan: Int

        func validate() throws {
            guard olderThan >= 0 else { throw ValidationError("--older-than must be 0 or more days") }
        }

        func run() throws {
            do {
                let result = try IndexMaintenance.prune(index, olderThanDays: olderThan)
                print("pruned \(index): \(result.removedArticles) articles dated before \(result.cutoff), "
                      + "\(result.removedGoneArticles) gone articles, \(result.removedLinks) links")
            } catch {
                FileHandle.standardError.write(Data("dedupe: \(error)\n".utf8))
                if case .locked = error { throw ExitCode(Dedupe.Exit.indexBusy.rawValue) }
                throw ExitCode(Dedupe.Exit.indexUnusable.rawValue)
            }
        }
    }
}
