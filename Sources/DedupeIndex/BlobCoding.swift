import Foundation

/// Arrays of fixed-width integers stored as SQLite blobs, little-endian, back to back.
enum BlobCoding {
    static func encode<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var data = Data(capacity: values.count * MemoryLayout<T>.size)
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func decode<T: FixedWidthInteger>(_ data: Data, as: T.Type = T.self) -> [T] {
        let size = MemoryLayout<T>.size
        let count = data.count / size
        var out = [T](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for i in 0..<count { out[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self)) }
        }
        return out
    }
}
