import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renders a report as JSON (for programs and editors' tools) or as text (for a person at a terminal).
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, text
}

public enum ReportRenderer {
    public static func render(_ report: ScanReport, as format: ReportFormat, workers: Int = defaultWorkerCount) throws -> Data {
        var data = Data()
        try render(report, as: format, workers: workers) { data.append($0) }
        return data
    }

    /// The same bytes, handed to `sink` a piece at a time (for JSON, 64 KB chunks), so a caller can write
    /// the report out as it is made instead of holding all of it (``ReportFileWriter/write(to:_:)``). JSON
    /// clusters are rendered on `workers` cores.
    public static func render(_ report: ScanReport, as format: ReportFormat, workers: Int = defaultWorkerCount,
                              into sink: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        switch format {
        case .json:
            try ReportJSONWriter.render(report, workers: workers, into: sink)
        case .text:
            var text = text(report)
            text.withUTF8 { sink($0) }
        }
    }

    /// The JSON report as `JSONEncoder` writes it: the definition ``ReportJSONWriter`` must match byte for
    /// byte, kept for the tests to compare against (it is slower and builds the whole tree in memory).
    static func renderWithFoundation(_ report: ScanReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func text(_ report: ScanReport) -> String {
        let s = report.summary
        var out = "dedupe \(report.tool.version): \(s.articles) articles in \(s.files) files, \(s.clusters) clusters, "
            + "\(s.linkedArticles) articles linked, \(s.errors) errors, \(s.warnings) warnings (\(s.seconds) s)\n"
        for (n, cluster) in report.clusters.enumerated() {
            out += "\nCluster \(n + 1): \(cluster.original.title ?? cluster.source)\n"
            out += "  original        \(line(cluster.original.id, cluster.original.outlet, cluster.original.date))\n"
            for m in cluster.members {
                let label = m.relation.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                out += "  \(label) \(line(m.id, m.outlet, m.date))  jaccard \(String(format: "%.2f", m.scores.jaccard))\n"
                if let e = m.evidence {
                    out += "      source covered \(String(format: "%.2f", e.sourceCoverage)), member aligned \(String(format: "%.2f", e.memberAligned)), "
                        + "order \(String(format: "%.2f", e.orderPreserved)), \(e.alignedPassages.count) aligned passages\n"
                    if !e.sharedNames.isEmpty { out += "      names: \(e.sharedNames.prefix(8).joined(separator: ", "))\n" }
                    if !e.sharedFigures.isEmpty { out += "      figures: \(e.sharedFigures.prefix(10).joined(separator: ", "))\n" }
                    if let p = e.alignedPassages.first {
                        out += "      e.g. \"\(p.member.text.prefix(120))\"\n        <- \"\(p.source.text.prefix(120))\"\n"
                    }
                }
                if let t = m.tells { out += "      tells: \(t.flags.joined(separator: ", "))\n" }
            }
        }
        if !report.suspectedRewrites.isEmpty {
            out += "\nSuspected rewrites (tells, no source in this feed):\n"
            for s in report.suspectedRewrites { out += "  \(s.article.id): \(s.tells.flags.joined(separator: ", "))\n" }
        }
        for (title, problems) in [("Errors", report.errors), ("Warnings", report.warnings), ("Not scanned", report.unsupported)] where !problems.isEmpty {
            out += "\n\(title):\n"
            for p in problems { out += "  \(p.line.map { "\(p.path):\($0)" } ?? p.path): \(p.reason)\n" }
        }
        return out
    }

    private static func line(_ id: String, _ outlet: String?, _ date: ArticleDate?) -> String {
        [id, date?.iso8601, outlet].compactMap { $0 }.joined(separator: "  ")
    }
}

/// Writes a report to a file atomically: a temporary file in the same folder, then a rename, so a reader
/// (or a cron job killed half-way) never sees half a report.
public enum ReportFileWriter {
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { sink in data.withUnsafeBytes { sink($0.bindMemory(to: UInt8.self)) } }
    }

    /// Writes what `produce` hands to its sink, piece by piece, to the temporary file, then renames it over
    /// `path`. A failed write (a full disk, say) is reported once `produce` returns, with the file removed.
    public static func write(to path: String, _ produce: (_ sink: (UnsafeBufferPointer<UInt8>) -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { throw ReportWriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        do {
            try produce { bytes in
                guard failure == nil, var next = bytes.baseAddress else { return }
                var left = bytes.count
                while left > 0 {
                    let written = Glibc.write(descriptor, next, left)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = String(cString: strerror(errno))
                        return
                    }
                    next += written
                    left -= written
                }
            }
        } catch {
            failure = String(describing: error)
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw ReportWriteError(path: path, reason: failure)
        }
    }
}

/// The report file could not be written.
public struct ReportWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write report \(path): \(reason)" }
}
