#if canImport(Glibc)
import Glibc
#endif

/// Reads a feed file with the format its extension names.
public struct FeedReader: Sendable {
    public var formats: [any ArticleFormat]

    /// The formats dedupe reads by default.
    public init(formats: [any ArticleFormat] = [PlainTextFormat(), JSONLinesFormat()]) {
        self.formats = formats
    }

    public var supportedExtensions: Set<String> {
        formats.reduce(into: Set<String>()) { $0.formUnion($1.fileExtensions) }
    }

    public func read(_ file: FeedFile) -> FileReadResult {
        let ext = file.fileExtension
        guard let format = formats.first(where: { $0.fileExtensions.contains(ext) }) else {
            return FileReadResult(problems: [FeedProblem(path: file.path, reason: "unsupported file type .\(ext)")])
        }
        switch Self.readBytes(file.path) {
        case .success(let bytes): return format.read(bytes, from: file)
        case .failure(let problem): return FileReadResult(problems: [problem])
        }
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
