import CZlib

/// Decompresses gzip files (`feed.jsonl.gz`, `page.html.gz`) with the system zlib, so archives of feeds are
/// read as they are stored, without unpacking them first.
///
/// Feeds are archived compressed, and a corrupt or cut-off archive is common (a copy that ran out of disk,
/// a download that stopped): it must become a problem that names the file, never a crash or silence. The
/// decompressed size is capped, so a "zip bomb" is a problem too instead of exhausting memory.
public enum Gzip {
    /// Why a file could not be decompressed, in words for the problem's reason.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
    public static let magic: [UInt8] = [0x1F, 0x8B]

    /// Refuse to inflate more than this (a real feed file is far smaller; the cap stops a decompression bomb).
    public static let defaultMaximumSize = 512 << 20

    /// The decompressed bytes of a gzip file. Several members one after another (as `cat a.gz b.gz` makes)
    /// are one stream, as `gunzip` reads them.
    public static func decompress(_ bytes: [UInt8], maximumSize: Int = defaultMaximumSize) -> Result<[UInt8], Failure> {
        guard bytes.starts(with: magic) else {
            return .failure(Failure(reason: bytes.isEmpty ? "empty file, not gzip data" : "not gzip data (no gzip header)"))
        }
        var output: [UInt8] = []
        output.reserveCapacity(min(maximumSize, bytes.count * 4))
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip wrapper only, not zlib or raw deflate.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(Failure(reason: "zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let status: Int32 = bytes.withUnsafeBufferPointer { input in
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
                    stream.avail_in = UInt32(input.count - offset)
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    offset = input.count - Int(stream.avail_in)
                    return status
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            output.append(contentsOf: chunk[0..<produced])
            if output.count > maximumSize {
                return .failure(Failure(reason: "decompresses to more than \(maximumSize >> 20) MiB; not read"))
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another member may follow; zero padding after the last one is tolerated, as gunzip does.
                let rest = bytes[offset...]
                if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return .success(output) }
                guard rest.starts(with: magic) else {
                    return .failure(Failure(reason: "corrupt gzip data: \(rest.count) bytes of trailing garbage after the compressed data"))
                }
                inflateReset(&stream)
            case Z_BUF_ERROR where offset == bytes.count:
                return .failure(Failure(reason: "corrupt gzip data: the file is truncated (compressed data ends early)"))
            case Z_BUF_ERROR where produced > 0:
                continue  // the output chunk filled up; the next round gets a fresh one
            case Z_BUF_ERROR:
                return .failure(Failure(reason: "corrupt gzip data: zlib can make no progress"))
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                return .failure(Failure(reason: "corrupt gzip data: \(message)"))
            }
        }
    }
}
