import Foundation

/// Arrays of fixed-width integers stored as SQLite blobs, little-endian, back to back.
///
/// On a little-endian machine (every platform Swift runs dedupe on today) the array's memory already is
/// that layout, so it is copied in one go; a big-endian machine converts value by value.
enum BlobCoding {
    static func encode<T: FixedWidthInteger>(_ values: [T]) -> Data {
        if 1.littleEndian == 1 { return values.withUnsafeBytes { Data($0) } }
        var data = Data(capacity: values.count * MemoryLayout<T>.size)
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func decode<T: FixedWidthInteger>(_ data: Data, as: T.Type = T.self) -> [T] {
        data.withUnsafeBytes { decode($0) }
    }

    /// The values of a blob read in place (see ``RawRow/blob(_:)``).
    static func decode<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, as: T.Type = T.self) -> [T] {
        let size = MemoryLayout<T>.size
        let count = raw.count / size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if 1.littleEndian == 1 {
                if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(count * size)])) }
            } else {
                for i in 0..<count { buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self)) }
            }
            initialized = count
        }
    }

    /// Appends the values a blob holds to `values`: no intermediate array, for tables read row by row.
    static func append<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, to values: inout [T]) {
        let size = MemoryLayout<T>.size
        for i in 0..<(raw.count / size) { values.append(T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self))) }
    }
}
