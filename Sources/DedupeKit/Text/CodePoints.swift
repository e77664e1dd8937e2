/// A text with random access to its code points and to where each one starts in its UTF-8 bytes: the
/// slicing of every code-point offset dedupe reports (``TextSpan``), and the index evidence keeps of each
/// text it reads, since its name and quotation scans step through code points and a report cuts a dozen
/// passages out of each article.
///
/// Slices are cut from the UTF-8 bytes (one copy each). Building them code point by code point through
/// `String.UnicodeScalarView`, and finding each passage by counting code points from the start of the
/// text, were most of the time evidence took.
struct CodePoints {
    /// The text's code points.
    let scalars: [Unicode.Scalar]
    /// The text's UTF-8 bytes.
    let utf8: [UInt8]
    /// Where code point `i` starts in ``utf8``; one more entry, the byte count, closes the last one.
    private let starts: [Int32]

    init(_ text: String) {
        utf8 = Array(text.utf8)
        var scalars: [Unicode.Scalar] = []
        var starts: [Int32] = []
        scalars.reserveCapacity(utf8.count)
        starts.reserveCapacity(utf8.count + 1)
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            starts.append(offset)
            offset += Int32(UTF8.width(scalar))
        }
        starts.append(offset)
        self.scalars = scalars
        self.starts = starts
    }

    var count: Int { scalars.count }

    /// The code points `range` as a string ("" when the range is not within the text).
    func string(_ range: Range<Int>) -> String {
        guard range.lowerBound >= 0, range.upperBound <= scalars.count else { return "" }
        return utf8.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(starts[range.lowerBound])..<Int(starts[range.upperBound])]), as: UTF8.self)
        }
    }
}
