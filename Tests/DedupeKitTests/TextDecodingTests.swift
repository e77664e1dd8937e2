import DedupeKit
import Foundation
import Testing

@Suite("TextDecoding")
struct TextDecodingTests {
    private let sample = "Café “naïve” — €48,000 ✓ 𝄞"

    @Test func plainUTF8() {
        let decoded = TextDecoding.decode(Array(sample.utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text == sample)
    }

    @Test func emptyInputIsEmptyUTF8() {
        let decoded = TextDecoding.decode([UInt8]())
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        let decoded = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text == sample)
        #expect(decoded.text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test func utf16LittleEndianWithBOM() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in sample.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let decoded = TextDecoding.decode(bytes)
        #expect(decoded.encoding == .utf16)
        #expect(decoded.text == sample)
    }

    @Test func utf16BigEndianWithBOM() {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in sample.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let decoded = TextDecoding.decode(bytes)
        #expect(decoded.encoding == .utf16)
        #expect(decoded.text == sample)
    }

    @Test func utf16LineEndsAreNormalised() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "one\r\ntwo\rthree".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(TextDecoding.decode(bytes).text == "one\ntwo\nthree")
    }

    @Test func windows1252Fallback() {
        // “ ” € é in Windows-1252, around ASCII.
        let bytes: [UInt8] = [0x93] + Array("Hi".utf8) + [0x94, 0x20, 0x80, 0x35, 0x20] + Array("caf".utf8) + [0xE9]
        let decoded = TextDecoding.decode(bytes)
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.text == "\u{201C}Hi\u{201D} \u{20AC}5 caf\u{E9}")
        #expect(decoded.text == "“Hi” €5 café")
    }

    @Test func windows1252HighRange() {
        // Every byte 0x80-0x9F as the WHATWG Encoding Standard maps it (the five unassigned to C1 controls),
        // and Latin-1 above.
        let expected: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        let bytes = (0x80...0xFF).map { UInt8($0) }
        let decoded = TextDecoding.decode(bytes)
        #expect(decoded.encoding == .windows1252)
        let scalars = decoded.text.unicodeScalars.map(\.value)
        #expect(scalars.count == 128)
        #expect(Array(scalars.prefix(32)) == expected)
        #expect(Array(scalars.dropFirst(32)) == (0xA0...0xFF).map { UInt32($0) })
    }

    @Test func invalidUTF8AfterBOMFallsBackToWindows1252() {
        let decoded = TextDecoding.decode([0xEF, 0xBB, 0xBF, 0x63, 0x61, 0x66, 0xE9])
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.text.hasSuffix("café"))
    }

    @Test func truncatedUTF8SequenceIsNotUTF8() {
        // 0xE2 0x80 starts a three-byte sequence that never ends.
        let decoded = TextDecoding.decode(Array("dash ".utf8) + [0xE2, 0x80])
        #expect(decoded.encoding == .windows1252)
    }

    @Test func latin1SampleNotice() throws {
        let bytes = try [UInt8](Data(contentsOf: TestSupport.samplesFeed.appendingPathComponent("bad/latin1-notice.txt")))
        let decoded = TextDecoding.decode(bytes)
        #expect(decoded.encoding == .windows1252)
        for expected in ["Café Aurelie", "naïve", "€48,000", "Dunford’s", "“We were", "weeks — the", "“terrible”"] {
            #expect(decoded.text.contains(expected), "decoded notice lacks \(expected)")
        }
    }

    @Test(arguments: [
        ("a\r\nb\r\nc", "a\nb\nc"),
        ("a\rb\rc", "a\nb\nc"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\r\rb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("end\r", "end\n"),
        ("\r\nstart", "\nstart"),
        ("no line ends", "no line ends"),
        ("é\r\n€", "é\n€"),
    ])
    func lineEnds(_ input: String, _ expected: String) {
        #expect(TextDecoding.normalizeLineEnds(input) == expected)
        let decoded = TextDecoding.decode(Array(input.utf8))
        #expect(decoded.text == expected)
        #expect(Array(decoded.text.utf8) == Array(expected.utf8))
    }

    @Test func windows1252LineEndsAreNormalised() {
        let decoded = TextDecoding.decode(Array("caf".utf8) + [0xE9, 0x0D, 0x0A, 0x78, 0x0D, 0x79])
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.text == "café\nx\ny")
    }
}
