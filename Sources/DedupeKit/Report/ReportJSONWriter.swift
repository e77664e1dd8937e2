import Foundation

/// Writes a ``ScanReport`` as JSON straight into bytes, identical byte for byte to what `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes for it.
///
/// It exists because `JSONEncoder` first builds a tree of every value and then serialises the tree: on a
/// 100,000-article feed that is about a second on one core and more than a hundred megabytes on top of the
/// 60 MB report. This writer walks the report once and keeps only a small chunk of output besides the result.
///
/// The rules it follows are `JSONEncoder`'s (and the tests check each against it):
/// - keys in UTF-8 byte order (the struct keys are written in that order by hand, dictionary keys are sorted);
/// - 2-space indentation, `" : "` between key and value, an empty array or object as `[`/`{`, an empty
///   line, then the closing bracket on its own line;
/// - nil optionals left out (synthesized `Codable` uses `encodeIfPresent`);
/// - strings as raw UTF-8, escaping only `"`, `\`, and control characters (`\b \f \n \r \t`, otherwise
///   `\u00xx` in lowercase hex); `/` is not escaped;
/// - a `Double` as its `description` without a trailing `.0` (`1`, `0.5`, `1e-05`, `1e+16`); NaN and
///   infinities throw, as `JSONEncoder`'s default strategy does;
/// - an `ArticleDate` as its ISO 8601 string, enums as their raw values.
///
/// The `Codable` conformances stay: reports are decoded elsewhere, and `JSONEncoder` is the tests' oracle.
struct ReportJSONWriter {
    /// Where each full chunk goes (a file, as `dedupe scan` writes it): the report of a large feed is tens of
    /// MB, and it never sits in memory whole.
    private let sink: (UnsafeBufferPointer<UInt8>) -> Void
    /// Bytes written since the last flush: appending to an array is much cheaper than appending to `Data`.
    private var chunk: [UInt8] = []
    private var indent = 0
    /// Whether the innermost open array or object has no element yet.
    private var containerIsEmpty = true

    private static let chunkSize = 1 << 16
    /// Clusters rendered by one task when several workers render a report.
    static let clustersPerPiece = 256
    /// The workers that render the clusters (the bulk of a report), a piece each.
    private let workers: Int

    private init(workers: Int = 1, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.sink = sink
        self.workers = workers
        chunk.reserveCapacity(Self.chunkSize + 4096)
    }

    /// The report as JSON, followed by a newline (as `dedupe scan` writes it).
    static func render(_ report: ScanReport) throws -> Data {
        var data = Data()
        try render(report) { data.append($0) }
        return data
    }

    /// The same JSON, handed to `sink` a chunk (64 KB) at a time; the clusters are rendered on `workers`
    /// cores, a few pieces at a time (what is in memory besides the report is those pieces).
    static func render(_ report: ScanReport, workers: Int = 1, into sink: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var writer = ReportJSONWriter(workers: workers, sink: sink)
            try writer.write(report)
            writer.byte(UInt8(ascii: "\n"))
            writer.flush()
        }
    }

    // MARK: The report's types, keys in UTF-8 order

    private mutating func write(_ r: ScanReport) throws {
        beginObject()
        key("clusters")
        try clusters(r.clusters)
        key("errors")
        array(r.errors) { $0.write($1) }
        key("parameters")
        try write(r.parameters)
        key("schemaVersion")
        int(r.schemaVersion)
        key("summary")
        try write(r.summary)
        key("suspectedRewrites")
        array(r.suspectedRewrites) { $0.write($1) }
        key("tool")
        write(r.tool)
        key("unsupported")
        array(r.unsupported) { $0.write($1) }
        key("warnings")
        array(r.warnings) { $0.write($1) }
        endObject()
    }

    /// The clusters array. With several workers, pieces of ``clustersPerPiece`` clusters are rendered at the
    /// same time by writers of their own, each starting at this writer's indentation inside the array, and
    /// their bytes are written in order: the same bytes as one writer's.
    private mutating func clusters(_ clusters: [ScanReport.Cluster]) throws {
        let perPiece = Self.clustersPerPiece
        guard workers > 1, clusters.count > perPiece else {
            try array(clusters) { try $0.write($1) }
            return
        }
        byte(UInt8(ascii: "["))
        indent += 1
        let indent = self.indent
        let pieceCount = (clusters.count + perPiece - 1) / perPiece
        var nextPiece = 0
        while nextPiece < pieceCount {
            let first = nextPiece, wave = min(4 * workers, pieceCount - first)
            let pieces = parallelMap(wave, workers: workers, chunk: 1, makeState: {}) { _, k -> Result<[UInt8], Error> in
                let piece = first + k
                let collected = CollectedBytes()
                var writer = ReportJSONWriter { collected.bytes.append(contentsOf: $0) }
                writer.indent = indent
                writer.containerIsEmpty = piece == 0
                return Result {
                    for cluster in clusters[(piece * perPiece)..<min((piece + 1) * perPiece, clusters.count)] {
                        writer.startElement()
                        try writer.write(cluster)
                    }
                    writer.flush()
                    return collected.bytes
                }
            }
            flush()
            for piece in pieces { try piece.get().withUnsafeBufferPointer { sink($0) } }
            nextPiece += wave
        }
        containerIsEmpty = false
        closeContainer(UInt8(ascii: "]"))
    }

    private mutating func write(_ t: ScanReport.Tool) {
        beginObject()
        key("name")
        string(t.name)
        key("version")
        string(t.version)
        endObject()
    }

    private mutating func write(_ p: ScanReport.Parameters) throws {
        beginObject()
        key("bands")
        int(p.bands)
        key("minhash")
        string(p.minhash)
        key("permutations")
        int(p.permutations)
        key("rows")
        int(p.rows)
        key("sCurve")
        try dictionary(p.sCurve)
        key("shingleSize")
        int(p.shingleSize)
        key("threshold")
        try double(p.threshold)
        endObject()
    }

    private mutating func write(_ s: ScanReport.Summary) throws {
        beginObject()
        key("articles")
        int(s.articles)
        key("candidatePairs")
        int(s.candidatePairs)
        key("clusters")
        int(s.clusters)
        key("errors")
        int(s.errors)
        key("files")
        int(s.files)
        key("linkedArticles")
        int(s.linkedArticles)
        key("rewriteCandidatePairs")
        int(s.rewriteCandidatePairs)
        key("seconds")
        try double(s.seconds)
        key("stageSeconds")
        try dictionary(s.stageSeconds)
        key("unsupportedFiles")
        int(s.unsupportedFiles)
        key("verifiedLinks")
        int(s.verifiedLinks)
        key("warnings")
        int(s.warnings)
        endObject()
    }

    private mutating func write(_ c: ScanReport.Cluster) throws {
        beginObject()
        key("members")
        try array(c.members) { try $0.write($1) }
        key("original")
        write(c.original)
        key("source")
        string(c.source)
        endObject()
    }

    private mutating func write(_ a: ScanReport.ArticleInfo) {
        beginObject()
        optionalString("author", a.author)
        optionalString("date", a.date?.iso8601)
        key("id")
        string(a.id)
        optionalString("outlet", a.outlet)
        key("path")
        string(a.path)
        optionalString("title", a.title)
        optionalString("url", a.url)
        endObject()
    }

    private mutating func write(_ m: ScanReport.Member) throws {
        beginObject()
        optionalString("author", m.author)
        optionalString("date", m.date?.iso8601)
        if let evidence = m.evidence {
            key("evidence")
            try write(evidence)
        }
        key("id")
        string(m.id)
        optionalString("outlet", m.outlet)
        key("path")
        string(m.path)
        key("relation")
        string(m.relation.rawValue)
        key("scores")
        try write(m.scores)
        if let tells = m.tells {
            key("tells")
            write(tells)
        }
        optionalString("title", m.title)
        optionalString("url", m.url)
        endObject()
    }

    private mutating func write(_ s: ScanReport.Scores) throws {
        beginObject()
        key("jaccard")
        try double(s.jaccard)
        key("memberInSource")
        try double(s.memberInSource)
        key("sourceInMember")
        try double(s.sourceInMember)
        endObject()
    }

    private mutating func write(_ s: ScanReport.SuspectedRewrite) {
        beginObject()
        key("article")
        write(s.article)
        key("tells")
        write(s.tells)
        endObject()
    }

    private mutating func write(_ e: RewriteEvidenceReport) throws {
        beginObject()
        key("alignedPassages")
        try array(e.alignedPassages) { try $0.write($1) }
        key("memberAligned")
        try double(e.memberAligned)
        key("newFigureShare")
        try double(e.newFigureShare)
        key("orderPreserved")
        try double(e.orderPreserved)
        key("sharedFigures")
        array(e.sharedFigures) { $0.string($1) }
        key("sharedNames")
        array(e.sharedNames) { $0.string($1) }
        key("sharedQuotations")
        array(e.sharedQuotations) { $0.string($1) }
        key("sourceCoverage")
        try double(e.sourceCoverage)
        endObject()
    }

    private mutating func write(_ a: RewriteEvidenceReport.AlignedPassage) throws {
        beginObject()
        key("member")
        write(a.member)
        key("similarity")
        try double(a.similarity)
        key("source")
        write(a.source)
        endObject()
    }

    private mutating func write(_ p: RewriteEvidenceReport.Passage) {
        beginObject()
        key("end")
        int(p.end)
        key("start")
        int(p.start)
        key("text")
        string(p.text)
        endObject()
    }

    private mutating func write(_ t: TellsReport) {
        beginObject()
        optionalString("faqBlock", t.faqBlock)
        if let fillerPhrases = t.fillerPhrases {
            key("fillerPhrases")
            array(fillerPhrases) { $0.string($1) }
        }
        key("flags")
        array(t.flags) { $0.string($1) }
        optionalString("mentionsOriginal", t.mentionsOriginal)
        endObject()
    }

    private mutating func write(_ p: FeedProblem) {
        beginObject()
        key("articleRead")
        bytes(p.articleRead ? "true" : "false")
        if let line = p.line {
            key("line")
            int(line)
        }
        key("path")
        string(p.path)
        key("reason")
        string(p.reason)
        key("severity")
        string(p.severity.rawValue)
        endObject()
    }

    // MARK: Containers

    private mutating func beginObject() {
        byte(UInt8(ascii: "{"))
        indent += 1
        containerIsEmpty = true
    }

    private mutating func endObject() {
        closeContainer(UInt8(ascii: "}"))
    }

    /// Starts the next member of the open object; the key must be plain ASCII that needs no escaping.
    /// A string field that synthesized `Codable` writes only when present.
    private mutating func optionalString(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    private mutating func key(_ name: StaticString) {
        startElement()
        byte(UInt8(ascii: "\""))
        bytes(name)
        bytes("\" : ")
    }

    private mutating func array<Element>(_ elements: [Element], _ writeElement: (inout Self, Element) throws -> Void) rethrows {
        byte(UInt8(ascii: "["))
        indent += 1
        containerIsEmpty = true
        for element in elements {
            startElement()
            try writeElement(&self, element)
        }
        closeContainer(UInt8(ascii: "]"))
    }

    /// A `[String: Double]` as an object, its keys sorted by their UTF-8 bytes as `JSONEncoder` sorts them.
    private mutating func dictionary(_ values: [String: Double]) throws {
        beginObject()
        for (name, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            startElement()
            string(name)
            bytes(" : ")
            try double(value)
        }
        endObject()
    }

    /// The line break and indentation before an element, with a comma after the previous one.
    private mutating func startElement() {
        if containerIsEmpty {
            containerIsEmpty = false
        } else {
            byte(UInt8(ascii: ","))
        }
        newline()
        if chunk.count >= Self.chunkSize { flush() }
    }

    /// Closes an array or object; an empty one still gets its line break (`[`, empty line, `]`), as
    /// `JSONEncoder` writes it.
    private mutating func closeContainer(_ bracket: UInt8) {
        indent -= 1
        if containerIsEmpty { byte(UInt8(ascii: "\n")) }
        newline()
        byte(bracket)
        // The enclosing container holds this one, so it is not empty.
        containerIsEmpty = false
    }

    private mutating func newline() {
        byte(UInt8(ascii: "\n"))
        for _ in 0..<indent {
            chunk.append(0x20)
            chunk.append(0x20)
        }
    }

    // MARK: Values

    /// A JSON string: raw UTF-8, with only quotes, backslashes and control characters escaped.
    private mutating func string(_ value: String) {
        byte(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                if runStart < i { chunk.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                escape(b)
            }
            if runStart < utf8.count { chunk.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        byte(UInt8(ascii: "\""))
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): bytes("\\\"")
        case UInt8(ascii: "\\"): bytes("\\\\")
        case 0x08: bytes("\\b")
        case 0x0C: bytes("\\f")
        case UInt8(ascii: "\n"): bytes("\\n")
        case UInt8(ascii: "\r"): bytes("\\r")
        case UInt8(ascii: "\t"): bytes("\\t")
        default:
            bytes("\\u00")
            byte(Self.hexDigit(b >> 4))
            byte(Self.hexDigit(b & 0x0F))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// An integer as `JSONEncoder` writes it: its `description` (a small string, so no allocation).
    private mutating func int(_ value: Int) {
        chunk.append(contentsOf: value.description.utf8)
    }

    /// A double the way `JSONEncoder` writes it: its shortest round-trip `description`, minus a final `.0`.
    private mutating func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        let start = chunk.count
        chunk.append(contentsOf: value.description.utf8)
        let end = chunk.count
        if end - start >= 2, chunk[end - 2] == UInt8(ascii: "."), chunk[end - 1] == UInt8(ascii: "0") {
            chunk.removeLast(2)
        }
    }

    // MARK: Bytes

    private mutating func byte(_ b: UInt8) {
        chunk.append(b)
    }

    private mutating func bytes(_ s: StaticString) {
        chunk.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func flush() {
        chunk.withUnsafeBufferPointer { sink($0) }
        chunk.removeAll(keepingCapacity: true)
    }
}

/// The bytes a piece's writer hands out, kept for the writer of the whole report (one task's, never shared).
private final class CollectedBytes {
    var bytes: [UInt8] = []
}
