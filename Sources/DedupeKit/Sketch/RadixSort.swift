extension Array where Element: FixedWidthInteger & UnsignedInteger {
    /// Sorts in place by a least-significant-digit radix sort over 8-bit digits.
    ///
    /// Sorting each article's shingle hashes, terms and (term, sentence) keys was a tenth of a scan with the
    /// comparison sort; for the hundreds to thousands of values an article has, counting passes are several
    /// times faster. Small arrays fall back to the standard sort. Digits on which all values agree (the
    /// zero high bytes of packed keys, say) are skipped.
    mutating func radixSort() {
        let n = count
        guard n > 256 else { sort(); return }
        let digits = Element.bitWidth / 8
        var histogram = [Int](repeating: 0, count: digits * 256)
        var buffer = [Element](repeating: 0, count: n)
        withUnsafeMutableBufferPointer { values in
            buffer.withUnsafeMutableBufferPointer { spare in
                histogram.withUnsafeMutableBufferPointer { h in
                    for v in values {
                        for digit in 0..<digits { h[digit * 256 + Int(truncatingIfNeeded: (v >> (digit * 8)) & 0xFF)] += 1 }
                    }
                    var source = values, target = spare
                    var inSpare = false
                    for digit in 0..<digits {
                        let base = digit * 256, shift = digit * 8
                        // A digit where every value agrees changes nothing.
                        if h[base + Int(truncatingIfNeeded: (source[0] >> shift) & 0xFF)] == n { continue }
                        var total = 0
                        for b in 0..<256 {
                            let c = h[base + b]
                            h[base + b] = total
                            total += c
                        }
                        for v in source {
                            let b = base + Int(truncatingIfNeeded: (v >> shift) & 0xFF)
                            target[h[b]] = v
                            h[b] += 1
                        }
                        swap(&source, &target)
                        inSpare.toggle()
                    }
                    if inSpare {
                        for i in 0..<n { values[i] = spare[i] }
                    }
                }
            }
        }
    }
}
