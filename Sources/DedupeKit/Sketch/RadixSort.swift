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
        var buffer = [Element](repeating: 0, count: n)
        withUnsafeMutableBufferPointer { values in
            buffer.withUnsafeMutableBufferPointer { spare in
                radixSortPasses(values, spare: spare, lowestShift: 0, digits: Element.bitWidth / 8) {
                    UInt64(truncatingIfNeeded: $0)
                }
            }
        }
    }
}

/// Sorts `values` stably by `digits` 8-bit digits of `key(value)`, the lowest at bit `lowestShift`, one
/// counting pass per digit, with `spare` (as long as `values`) as the other buffer; the result ends in
/// `values`. One histogram pass counts every digit; a digit on which all values agree is skipped. Both radix
/// sorts of a scan (values, and band entries by their keys' high halves) are this.
@inline(__always)
func radixSortPasses<T>(_ values: UnsafeMutableBufferPointer<T>, spare: UnsafeMutableBufferPointer<T>, lowestShift: Int,
                        digits: Int, key: (T) -> UInt64) {
    let n = values.count
    guard n > 1 else { return }
    var histogram = [Int](repeating: 0, count: digits * 256)
    histogram.withUnsafeMutableBufferPointer { h in
        for v in values {
            let k = key(v)
            for digit in 0..<digits { h[digit * 256 + Int(truncatingIfNeeded: (k >> UInt64(lowestShift + 8 * digit)) & 0xFF)] += 1 }
        }
        var source = values, target = spare
        var inSpare = false
        for digit in 0..<digits {
            let base = digit * 256, shift = lowestShift + 8 * digit
            // A digit where every value agrees changes nothing.
            if h[base + Int(truncatingIfNeeded: (key(source[0]) >> UInt64(shift)) & 0xFF)] == n { continue }
            var total = 0
            for b in 0..<256 {
                let c = h[base + b]
                h[base + b] = total
                total += c
            }
            for v in source {
                let b = base + Int(truncatingIfNeeded: (key(v) >> UInt64(shift)) & 0xFF)
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
