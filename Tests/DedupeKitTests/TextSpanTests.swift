import Testing
@testable import DedupeKit

/// Code-point spans, as reports give offsets, sliced from texts with one-, two-, three- and four-byte
/// code points, checked against stepping the string's code-point view.
@Suite("TextSpan")
struct TextSpanTests {
    static func reference(_ text: String, _ range: Range<Int>) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.index(scalars.startIndex, offsetBy: range.lowerBound, limitedBy: scalars.endIndex),
              let end = scalars.index(start, offsetBy: range.count, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[start..<end])
    }

    @Test func spansMatchTheCodePointView() {
        var rng = SplitMix64(seed: 21)
        let pieces = ["a", "Z", " ", "é", "ß", "—", "“", "中", "😀", "e\u{0301}", "\n"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let count = text.unicodeScalars.count
            let lower = Int.random(in: 0...(count + 2), using: &rng)
            let upper = lower + Int.random(in: 0...(count + 2), using: &rng)
            #expect(TextSpan.extract(text, lower..<upper) == Self.reference(text, lower..<upper), "\(text.debugDescription) \(lower)..<\(upper)")
        }
        #expect(TextSpan.extract("Café 😀 ok", 5..<6) == "😀")
        #expect(TextSpan.extract("abc", 1..<4) == "")
    }
}
