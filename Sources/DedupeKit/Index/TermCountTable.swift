/// A hash table from 32-bit term ids to positive counts, built for the document-frequency lookups that
/// rewrite detection makes millions of times per feed.
///
/// Open addressing with linear probing over two flat arrays and a multiplicative hash: a lookup is one or
/// two cache misses and no calls, where `Dictionary` hashes every key with SipHash through `Hasher`
/// (profiled at a quarter of the rewrite stage). A count of 0 marks an empty slot, so only positive
/// counts are stored.
public struct TermCountTable: Sendable {
    /// One word per slot: the count in the high 32 bits, the term in the low 32, so a lookup touches one
    /// cache line, not one in a key array and another in a count array (with 100,000 terms the table is
    /// a few MB, and each lookup is a cache miss).
    private var slots: [UInt64]
    private var mask: Int
    private var shift: UInt32
    public private(set) var count = 0
    /// The sum of the slots ``addOnce(_:)`` read ahead, kept so the reads are not optimised away.
    private var warmed: UInt64 = 0

    /// An empty table sized for about `capacity` terms before it grows.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        shift = UInt32(32 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ term: UInt32) -> Int {
        Int((term &* 0x9E37_79B1) >> shift)
    }

    /// The count of `term`, 0 when absent.
    @inline(__always)
    public func count(of term: UInt32) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var i = slot(term)
            while true {
                let s = slots[i]
                if s == 0 { return 0 }
                if UInt32(truncatingIfNeeded: s) == term { return Int32(truncatingIfNeeded: s >> 32) }
                i = (i + 1) & mask
            }
        }
    }

    /// Adds `delta` (positive) to the count of `term`.
    public mutating func add(_ term: UInt32, _ delta: Int32 = 1) {
        precondition(delta > 0, "counts only grow")
        if (count + 1) * 2 > slots.count { grow() }
        let mask = self.mask
        var i = slot(term)
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let s = slots[i]
                if s == 0 {
                    slots[i] = UInt64(UInt32(delta)) << 32 | UInt64(term)
                    return true
                }
                if UInt32(truncatingIfNeeded: s) == term {
                    slots[i] = s &+ (UInt64(UInt32(delta)) << 32)
                    return false
                }
                i = (i + 1) & mask
            }
        }
        if inserted { count += 1 }
    }

    /// Adds one to the count of each of `terms` (an article's distinct terms).
    ///
    /// The table is tens of MB and each term's slot a cache miss; one add's miss waits on the branches of
    /// the add before it, so the terms' home slots are first read in a loop of independent loads, with many
    /// misses in flight at once, and the adds then find them in the cache. (Lookups gained nothing from the
    /// same treatment, measured in the rewrite stage, so they stay one at a time.)
    public mutating func addOnce(_ terms: [UInt32]) {
        while (count + terms.count) * 2 > slots.count { grow() }
        var touched: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for term in terms { touched &+= slots[slot(term)] }
        }
        warmed = touched
        for term in terms { add(term) }
    }

    /// Takes `delta` off the count of `term`, which must be present with a larger count (the count stays
    /// positive, since 0 marks an empty slot): a scan corrects frequencies it counted per article to count
    /// each copy group once.
    public mutating func subtract(_ term: UInt32, _ delta: Int32) {
        let mask = self.mask
        var i = slot(term)
        slots.withUnsafeMutableBufferPointer { slots in
            while slots[i] != 0, UInt32(truncatingIfNeeded: slots[i]) != term { i = (i + 1) & mask }
            precondition(Int32(truncatingIfNeeded: slots[i] >> 32) > delta, "a count stays positive")
            slots[i] -= UInt64(UInt32(delta)) << 32
        }
    }

    private mutating func grow() {
        var bigger = TermCountTable(capacity: slots.count)
        forEach { bigger.add($0, $1) }
        self = bigger
    }

    /// The sums of several tables' counts (workers' partial counts, merged).
    public init(merging tables: [TermCountTable]) {
        guard var merged = tables.first else { self.init(); return }
        for table in tables.dropFirst() { table.forEach { merged.add($0, $1) } }
        self = merged
    }

    /// Calls `body` with every term and its count, in no particular order.
    public func forEach(_ body: (UInt32, Int32) -> Void) {
        for s in slots where s != 0 { body(UInt32(truncatingIfNeeded: s), Int32(truncatingIfNeeded: s >> 32)) }
    }
}
