import Foundation
/// The character encodings dedupe reads.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf16 = "UTF-16"
    case windows1252 = "Windows-1252"
}

/// Turns a file's bytes into text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
/// and Windows-1252 for anything that is not valid UTF-8 (the usual encoding of old newsroom exports).
/// Line ends come out as `\n` whatever they were (CRLF, CR).
public enum TextDecoding {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var encoding: TextEncoding
    }

    public static func decode(_ bytes: some Collection<UInt8>) -> Decoded {
        let bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let text = String(validating: bytes.dropFirst(3), as: UTF8.self) {
                return Decoded(text: normalizeLineEnds(text), encoding: .utf8)
            }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(text: normalizeLineEnds(decodeUTF16(bytes)), encoding: .utf16)
        } else if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: normalizeLineEnds(text), encoding: .utf8)
        }
        return Decoded(text: normalizeLineEnds(decodeWindows1252(bytes)), encoding: .windows1252)
    }

    /// Windows-1252 as the WHATWG Encoding Standard defines it: Latin-1 with printable characters in
    /// 0x80-0x9F; the five unassigned bytes map to the C1 control of the same value.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            if b >= 0x80, b <= 0x9F {
                scalars.append(Unicode.Scalar(windows1252High[Int(b - 0x80)])!)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func decodeUTF16(_ bytes: [UInt8]) -> String {
        let bigEndian = bytes[0] == 0xFE
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let hi = UInt16(bytes[bigEndian ? i : i + 1]), lo = UInt16(bytes[bigEndian ? i + 1 : i])
            units.append(hi << 8 | lo)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// CRLF and lone CR become LF.
    public static func normalizeLineEnds(_ text: String) -> String {
        var copy = text
        let hasCR = copy.withUTF8 { $0.isEmpty ? false : memchr($0.baseAddress!, 0x0D, $0.count) != nil }
        guard hasCR else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if b == UInt8(ascii: "\n"), previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
