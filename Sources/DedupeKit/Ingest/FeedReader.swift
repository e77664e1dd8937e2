#if canImport(Glibc)
import Glibc
#endif

/// Reads a feed file with the format its extension names. A gzip-compressed file (`feed.jsonl.gz`,
/// `page.html.gz`) is decompressed first and read with the format of the extension before `.gz`; a
/// corrupt one is a problem naming the file.
public struct FeedReader: Sendable {
    public var formats: [any ArticleFormat]

    /// The formats dedupe reads by default.
    public init(formats: [any ArticleFormat] = [PlainTextFormat(), JSONLinesFormat(), HTMLFormat(), FeedXMLFormat(), JSONFormat()]) {
        self.formats = formats
    }

    public var supportedExtensions: Set<String> {
        formats.reduce(into: Set<String>()) { $0.formUnion($1.fileExtensions) }
    }

    public func read(_ file: FeedFile) -> FileReadResult {
        // An unsupported file is reported as such, without being read.
        if let problem = unsupportedProblem(file) { return FileReadResult(problems: [problem]) }
        switch Self.readBytes(file.path) {
        case .success(let bytes): return read(file, bytes: bytes)
        case .failure(let problem): return FileReadResult(problems: [problem])
        }
    }

    /// Parses bytes already read from `file` (an index reads them once to hash and parse).
    public func read(_ file: FeedFile, bytes: [UInt8]) -> FileReadResult {
        let ext = file.formatExtension
        guard let format = formats.first(where: { $0.fileExtensions.contains(ext) }) else {
            return FileReadResult(problems: unsupportedProblem(file).map { [$0] } ?? [])
        }
        guard file.isGzip else { return format.read(bytes, from: file) }
        switch Gzip.decompress(bytes) {
        case .success(let inflated): return format.read(inflated, from: file)
        case .failure(let failure): return FileReadResult(problems: [FeedProblem(path: file.path, reason: "cannot decompress: \(failure.reason)")])
        }
    }

    /// The problem for a file no format reads, nil when one does.
    func unsupportedProblem(_ file: FeedFile) -> FeedProblem? {
        let ext = file.formatExtension
        guard !formats.contains(where: { $0.fileExtensions.contains(ext) }) else { return nil }
        let what = file.isGzip ? (ext.isEmpty ? "compressed file with no inner extension (.gz)" : "file type .\(ext).gz") : "file type .\(ext)"
        return FeedProblem(path: file.path, reason: "unsupported \(what)")
    }

    /// The whole file, or a problem saying why it could not be read.
    public static func readBytes(_ path: String) -> Result<[UInt8], FeedProblem> {
        guard let handle = fopen(path, "rb") else {
            return .failure(FeedProblem(path: path, reason: "cannot read: \(String(cString: strerror(errno)))"))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(handle) != 0 {
                    return .failure(FeedProblem(path: path, reason: "read error: \(String(cString: strerror(errno)))"))
                }
                break
            }
        }
        return .success(bytes)
    }
}
