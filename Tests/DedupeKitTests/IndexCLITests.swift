import DedupeKit
import Foundation
import Testing
@testable import DedupeIndex

/// `dedupe scan --index` as cron runs it: killed with SIGKILL part-way, overlapped, pointed at a bad file.
@Suite("Index CLI", .serialized)
struct IndexCLITests {
    /// Starts `dedupe` with the arguments; stdout and stderr go to files in `dir` so nothing blocks.
    static func start(_ arguments: [String], in dir: URL, tag: String) throws -> Process {
        let url = try #require(CLITests.executable, "the dedupe executable was not found; build it with `swift build`")
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        FileManager.default.createFile(atPath: dir.appendingPathComponent("\(tag).out").path, contents: nil)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("\(tag).err").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: dir.appendingPathComponent("\(tag).out"))
        process.standardError = try FileHandle(forWritingTo: dir.appendingPathComponent("\(tag).err"))
        try process.run()
        return process
    }

    static func run(_ arguments: [String], in dir: URL, tag: String) throws -> (status: Int32, stderr: String) {
        let process = try start(arguments, in: dir, tag: tag)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: dir.appendingPathComponent("\(tag).err"), encoding: .utf8)) ?? "")
    }

    /// The parts of a report that must not depend on how the run was interrupted.
    static func stableParts(_ report: URL) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
        var summary = object["summary"] as! [String: Any]
        summary["seconds"] = nil
        summary["stageSeconds"] = nil
        return ["clusters": object["clusters"]!, "errors": object["errors"]!, "suspectedRewrites": object["suspectedRewrites"]!,
                "summary": summary] as NSDictionary
    }

    @Test func killedRunsFinishWithTheSameReport() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed")
            try TestFeeds.writeManyGroups(in: feed, groups: 120)
            try TestFeeds.writeCopyFeed(in: feed.appendingPathComponent("mixed"))
            let common = ["scan", feed.path, "--quiet", "--jobs", "2"]

            let straight = try Self.run(common + ["--index", dir.appendingPathComponent("straight.sqlite").path,
                                                  "--output", dir.appendingPathComponent("straight.json").path], in: dir, tag: "straight")
            #expect(straight.status == 1)  // the mixed feed has bad inputs

            let index = dir.appendingPathComponent("killed.sqlite").path
            var kills = 0
            for delay in [0.1, 0.3, 0.7, 1.2] {
                let process = try Self.start(common + ["--index", index, "--output", dir.appendingPathComponent("killed.json").path],
                                             in: dir, tag: "kill-\(delay)")
                Thread.sleep(forTimeInterval: delay)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
                process.waitUntilExit()
            }
            let final = try Self.run(common + ["--index", index, "--output", dir.appendingPathComponent("killed.json").path],
                                     in: dir, tag: "final")
            #expect(final.status == 1)
            #expect(kills >= 1, "no run was killed: make the feed larger")
            #expect(try Self.stableParts(dir.appendingPathComponent("killed.json")) == Self.stableParts(dir.appendingPathComponent("straight.json")))
            let stats = try IndexMaintenance.stats(index)
            #expect(stats.pendingArticles == 0)
        }
    }

    @Test func anOverlappingRunExitsFour() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 1)
            do {
                let held = try IndexLock(indexPath: index.path)
                let result = try Self.run(["scan", feed.path, "--index", index.path], in: dir, tag: "overlap")
                #expect(result.status == 4)
                #expect(result.stderr.contains("in use by another dedupe run"))
                withExtendedLifetime(held) {}
            }
            // Once the lock is gone (as when the first run ends or dies), the next run goes ahead.
            let later = try Self.run(["scan", feed.path, "--index", index.path, "--quiet"], in: dir, tag: "later")
            #expect(later.status == 0)
        }
    }

    @Test func aCorruptIndexExitsFiveWithAClearMessage() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 1)
            try Data(repeating: 0x41, count: 4096).write(to: index)
            let result = try Self.run(["scan", feed.path, "--index", index.path], in: dir, tag: "corrupt")
            #expect(result.status == 5)
            #expect(result.stderr.contains(index.path))
            #expect(result.stderr.contains("not a readable SQLite database"))
        }
    }

    @Test func statsAndPruneCommandsPrintWhatTheyDid() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let feed = dir.appendingPathComponent("feed"), index = dir.appendingPathComponent("index.sqlite")
            try TestFeeds.writeManyGroups(in: feed, groups: 2)
            #expect(try Self.run(["scan", feed.path, "--index", index.path, "--quiet"], in: dir, tag: "scan").status == 0)
            #expect(try Self.run(["index", "stats", "--index", index.path], in: dir, tag: "stats").status == 0)
            let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("stats.out"))) as! [String: Any]
            #expect(stats["liveArticles"] as? Int == 8)
            // The six dated articles (February 2026) are more than a day old; the two undated ones were added just now.
            #expect(try Self.run(["index", "prune", "--index", index.path, "--older-than", "1"], in: dir, tag: "prune").status == 0)
            let printed = try String(contentsOf: dir.appendingPathComponent("prune.out"), encoding: .utf8)
            #expect(printed.contains("6 articles dated before"))
        }
    }
}
