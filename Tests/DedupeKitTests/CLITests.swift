import DedupeKit
import Foundation
import Testing

/// The `dedupe` executable, run as a subprocess.
@Suite("CLI")
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `dedupe`: next to the test bundle (the products folder), else under .build.
    static let executable: URL? = {
        let fm = FileManager.default
        func executable(in folder: URL) -> URL? {
            let candidate = folder.appendingPathComponent("dedupe")
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  fm.isExecutableFile(atPath: candidate.path) else { return nil }
            return candidate
        }
        var folders: [URL] = []
        // The test runner (on Linux the .xctest bundle is itself the executable) sits in the products folder.
        if let first = CommandLine.arguments.first {
            let runner = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders.append(runner.deletingLastPathComponent())
            folders.append(runner.deletingLastPathComponent().deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: ProcessInfo.processInfo.arguments.first ?? "").deletingLastPathComponent())
        for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        // The usual SwiftPM layouts, then any build folder under .build.
        let build = TestSupport.repoRoot.appendingPathComponent(".build")
        folders.append(build.appendingPathComponent("debug"))
        if let triples = try? fm.contentsOfDirectory(atPath: build.path) {
            for triple in triples.sorted() {
                folders.append(build.appendingPathComponent(triple).appendingPathComponent("debug"))
                folders.append(build.appendingPathComponent(triple).appendingPathComponent("release"))
            }
        }
        folders.append(build.appendingPathComponent("release"))
        for folder in folders {
            if let found = executable(in: folder) { return found }
        }
        return nil
    }()

    func dedupe(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let url = try #require(Self.executable, "the dedupe executable was not found; build it with `swift build`", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.repoRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a large report cannot fill a pipe and block it.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let errDone = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            errDone.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func executableIsFound() throws {
        let url = try #require(Self.executable)
        #expect(url.lastPathComponent == "dedupe")
    }

    @Test func versionPrintsTheVersion() throws {
        let run = try dedupe(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == DedupeVersion.current)
        #expect(DedupeVersion.current.split(separator: ".").count == 3)
    }

    @Test func cleanFeedExitsZero() throws {
        try TestSupport.withTemporaryDirectory { root in
            try TestFeeds.writeManyGroups(in: root, groups: 2)
            let run = try dedupe(["scan", root.path, "--jobs", "2"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stderr.isEmpty)
            let report = try JSONDecoder().decode(ScanReport.self, from: Data(run.stdout.utf8))
            #expect(report.clusters.count == 2)
            #expect(report.errors.isEmpty)
        }
    }

    @Test func samplesFeedExitsOneWithTheReport() throws {
        let run = try dedupe(["scan", "Samples/feed"])
        #expect(run.status == 1)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(run.stdout.utf8))
        #expect(report.summary.articles == 31)
        #expect(report.errors.count == 3)
        // Problems are also printed on stderr, each naming its file.
        for name in ["bad/bad-date.txt", "bad/empty.txt", "bad/broken.jsonl:2", "bad/latin1-notice.txt"] {
            #expect(run.stderr.contains(name), "stderr does not name \(name)")
        }
        // --quiet keeps only errors on stderr (cron mails them), not warnings; the exit code stays.
        let quiet = try dedupe(["scan", "Samples/feed", "--quiet"])
        #expect(quiet.status == 1)
        #expect(quiet.stderr.contains("bad/broken.jsonl:2"))
        #expect(!quiet.stderr.contains("latin1-notice.txt"))
    }

    @Test func cliReportIsValidAgainstTheSchema() throws {
        let run = try dedupe(["scan", "Samples/feed", "-q"])
        let schema = try JSONValue.parse(Data(contentsOf: TestSupport.schemaFile))
        #expect(JSONSchemaValidator(schema: schema).validate(try JSONValue.parse(Data(run.stdout.utf8))) == [])
    }

    @Test func textFormat() throws {
        let run = try dedupe(["scan", "Samples/feed", "--format", "text", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Cluster"))
        #expect(run.stdout.contains("Cluster 3:"))
        #expect(run.stdout.contains("news/harbour-bridge-syndicated.txt"))
        #expect(run.stdout.contains("Errors:"))
    }

    @Test(arguments: [
        ["scan", "Samples/feed", "--no-such-option"],
        ["scan", "Samples/feed", "--threshold", "0"],
        ["scan", "Samples/feed", "--threshold", "1.5"],
        ["scan", "Samples/feed", "--threshold", "high"],
        ["scan", "Samples/feed", "--num-perm", "4"],
        ["scan", "Samples/feed", "--shingle-size", "0"],
        ["scan", "Samples/feed", "--jobs", "0"],
        ["scan", "Samples/feed", "--format", "xml"],
        ["scan"],
        ["no-such-command"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try dedupe(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty)
    }

    @Test func thresholdZeroNamesTheOption() throws {
        let run = try dedupe(["scan", "Samples/feed", "--threshold", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--threshold"))
    }

    @Test func outputIntoAMissingFolderExitsThree() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("missing/report.json").path
            let run = try dedupe(["scan", "Samples/feed", "--output", path, "--quiet"])
            #expect(run.status == 3)
            #expect(run.stderr.contains("cannot write report"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func outputFileIsWritten() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("report.json").path
            let run = try dedupe(["scan", "Samples/feed", "-o", path, "-q"])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(report.clusters.count == 4)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        }
    }

    @Test func idsAreStableFromRunToRun() throws {
        // Item ids come from a JSON object's id field; with several aliases present, every run must pick the same.
        try TestSupport.withTemporaryDirectory { folder in
            let line = #"{"uid": "u-1", "guid": "g-1", "id": "i-1", "headline": "H", "title": "T", "text": "Some words to compare here."}"#
            try TestSupport.write(line + "\n", to: "items.jsonl", in: folder)
            var ids = Set<String>()
            for _ in 0..<8 {
                let run = try dedupe(["scan", folder.path, "--format", "text"])
                #expect(run.status == 0)
                let report = try dedupe(["scan", folder.path, folder.path])
                let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(report.stdout.utf8))
                for cluster in decoded.clusters { ids.insert(cluster.source); ids.formUnion(cluster.members.map(\.id)) }
            }
            #expect(ids == ["items.jsonl#i-1", "\(folder.lastPathComponent)/items.jsonl#i-1"])
        }
    }
}
