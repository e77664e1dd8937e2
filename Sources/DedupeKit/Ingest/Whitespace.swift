/// Whitespace trimming on Unicode scalars, without a round trip through `NSString` (Foundation's
/// `trimmingCharacters` is the slowest step of reading a plain article when applied to whole bodies).
extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    public func trimmedWhitespace() -> Substring {
        let scalars = self.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return Substring(self[start..<end])
    }

    /// Whether the text is empty or only white space.
    public var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}
