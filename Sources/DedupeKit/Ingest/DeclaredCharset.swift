import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes markup (HTML pages, RSS and Atom feeds) that may declare its own character set, and checks the
/// declaration against the bytes.
///
/// Order: a byte order mark decides first; then the declaration (`<meta charset>` or `http-equiv`
/// Content-Type in an HTML page, the `encoding` of an XML declaration); without one, the fallbacks every
/// dedupe format uses (UTF-8, else Windows-1252 with a warning). Pages lie about their charset often enough
/// (a template that says UTF-8 around text pasted from a Windows-1252 editor, or the reverse) that following
/// the declaration blindly would fingerprint mojibake, so a declaration the bytes contradict is an error
/// naming the file, and the text is decoded the way the bytes show it was written. The decoded text is
/// handed to libxml2 as UTF-8, with the document's own hint switched off.
enum DeclaredCharset {
    /// Decoded text and what was wrong, if anything.
    struct Decoded {
        var text: String
        var problems: [FeedProblem]
    }

    /// The charset an HTML page declares in a `<meta>` tag within its first 4 KiB (the WHATWG prescan reads
    /// 1 KiB; real pages often put long scripts first, so dedupe reads further).
    static func htmlDeclaration(_ bytes: [UInt8]) -> String? {
        let head = asciiLowercased(bytes.prefix(4096))
        return firstMatch(#"<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)"#, in: head)
    }

    /// The `encoding` of an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
    static func xmlDeclaration(_ bytes: [UInt8]) -> String? {
        let head = asciiLowercased(bytes.prefix(512))
        return firstMatch(#"^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9_.:\-]+)["']"#, in: head)
    }

    /// Decodes `bytes` given the charset the document declares (nil: none).
    static func decode(_ bytes: [UInt8], declared: String?, path: String) -> Decoded {
        func problem(_ reason: String, _ severity: FeedProblem.Severity) -> FeedProblem {
            FeedProblem(path: path, reason: reason, severity: severity, articleRead: true)
        }
        // A byte order mark is stronger than any declaration.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let decoded = TextDecoding.decode(bytes)
            let problems = decoded.encoding == .windows1252
                ? [problem("UTF-8 byte order mark but not valid UTF-8; decoded as Windows-1252", .error)] : []
            return Decoded(text: decoded.text, problems: problems)
        }
        guard let declared else {
            let decoded = TextDecoding.decode(bytes)
            let problems = decoded.encoding == .windows1252
                ? [problem("not valid UTF-8 and no charset declared; decoded as Windows-1252", .warning)] : []
            return Decoded(text: decoded.text, problems: problems)
        }
        let utf8 = String(validating: bytes, as: UTF8.self)
        switch family(of: declared) {
        case .utf8:
            if let utf8 { return Decoded(text: TextDecoding.normalizeLineEnds(utf8), problems: []) }
            return Decoded(text: TextDecoding.normalizeLineEnds(TextDecoding.decodeWindows1252(bytes)),
                           problems: [problem("declares charset \(declared), but is not valid UTF-8; decoded as Windows-1252", .error)])
        case .windows1252:
            if let utf8, bytes.contains(where: { $0 >= 0x80 }) {
                return Decoded(text: TextDecoding.normalizeLineEnds(utf8),
                               problems: [problem("declares charset \(declared), but the text is UTF-8; decoded as UTF-8", .error)])
            }
            return Decoded(text: TextDecoding.normalizeLineEnds(TextDecoding.decodeWindows1252(bytes)), problems: [])
        case .other:
            switch convert(bytes, from: declared) {
            case .some(let text):
                return Decoded(text: TextDecoding.normalizeLineEnds(text), problems: [])
            case .none:
                let fallback = TextDecoding.decode(bytes)
                return Decoded(text: fallback.text, problems: [problem(
                    "declares charset \(declared), which is unknown or does not fit the bytes; decoded as \(fallback.encoding.rawValue)", .error)])
            }
        }
    }

    enum Family { case utf8, windows1252, other }

    /// WHATWG treats the Latin-1 and ASCII labels as Windows-1252; so does dedupe.
    static func family(of label: String) -> Family {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return .utf8
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
             "us-ascii", "ascii", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "iso_8859-1:1987":
            return .windows1252
        default:
            return .other
        }
    }

    /// Text in another declared charset (ISO-8859-15, KOI8-R, Shift_JIS, ...) through the C library's iconv;
    /// nil when iconv does not know the charset or the bytes are not valid in it.
    static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        #if canImport(Glibc)
        let cd = iconv_open("UTF-8", charset)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                guard status != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return nil
        #endif
    }

    private static func asciiLowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : ($0 < 0x80 ? $0 : 0x20) }, as: UTF8.self)
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: []),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
