import Testing
@testable import DedupeKit

/// The code-point index that evidence slices passages with gives exactly what stepping the string's
/// code-point view gives, on texts with one-, two-, three- and four-byte code points.
@Suite("CodePoints")
struct CodePointsTests {
    @Test func slicesMatchTheCodePointView() {
        var rng = SplitMix64(seed: 22)
        let pieces = ["a", "Z", " ", "é", "ß", "—", "“", "中", "😀", "e\u{0301}", "\n"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let points = CodePoints(text)
            #expect(points.scalars == Array(text.unicodeScalars))
            #expect(points.utf8 == Array(text.utf8))
            let count = points.count
            let lower = Int.random(in: 0...(count + 2), using: &rng)
            let upper = lower + Int.random(in: 0...(count + 2), using: &rng)
            #expect(points.string(lower..<upper) == TextSpanTests.reference(text, lower..<upper), "\(text.debugDescription) \(lower)..<\(upper)")
        }
    }

    @Test func edges() {
        let points = CodePoints("Café 😀 ok")
        #expect(points.count == 9)
        #expect(points.string(5..<6) == "😀")
        #expect(points.string(0..<9) == "Café 😀 ok")
        #expect(points.string(9..<9) == "")
        #expect(points.string(8..<10) == "")
        #expect(CodePoints("").string(0..<0) == "")
    }
}
