#if canImport(Glibc)
import Glibc
#endif

/// Reads a feed file with the format its extension names. A gzip-compressed file (`feed.jsonl.gz`,
/// `page.html.gz`) is decompressed first and read with the format of the extension before `.gz`; a
/// corrupt one is a problem naming the file.
public struct FeedReader: Sendable {
    public let formats: [any ArticleFormat]
    /// Which format reads each extension (the first that claims it), looked up once per file.
    private let formatIndex: [String: Int]

    /// The formats dedupe reads by default.
    public init(formats: [any ArticleFormat] = [PlainTextFormat(), JSONLinesFormat(), HTMLFormat(), FeedXMLFormat(), JSONFormat()]) {
        self.formats = formats
        var index: [String: Int] = [:]
        for (i, format) in formats.enumerated() {
            for ext in format.fileExtensions where index[ext] == nil { index[ext] = i }
        }
        formatIndex = index
    }

    public var supportedExtensions: Set<String> { Set(formatIndex.keys) }

    private func format(for ext: String) -> (any ArticleFormat)? {
        formatIndex[ext].map { formats[$0] }
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
        guard let format = format(for: ext) else {
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
        guard format(for: ext) == nil else { return nil }
        let what = file.isGzip ? (ext.isEmpty ? "compressed file with no inner extension (.gz)" : "file type .\(ext).gz") : "file type .\(ext)"
        return FeedProblem(path: file.path, reason: "unsupported \(what)")
    }

    /// The whole file, or a problem saying why it could not be read. The size from `fstat` sizes the
    /// buffer, so a file is one `read` into an array of its size; reading goes on until end of file in case
    /// the file grew (or is not a regular file).
    public static func readBytes(_ path: String) -> Result<[UInt8], FeedProblem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(FeedProblem(path: path, reason: "cannot read: \(String(cString: strerror(errno)))"))
        }
        defer { close(fd) }
        var info = stat()
        let expected = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FeedProblem(path: path, reason: "read error: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeLast(bytes.count - filled)
        return .success(bytes)
    }
}
