import DedupeKit
import GRDB

/// The `files` rows of an index, looked up by path: what a run compares the feed's files with to decide
/// which are new, changed, unchanged or gone.
///
/// Read once per run, with one sequential pass over the table. A nightly run against an index of 100,000
/// files spends most of its time on work of this kind, so rows go into a flat array found through the
/// XXH3 hash of their path: a dictionary keyed by the path strings took four times as long to build as the
/// table took to read.
struct KnownFiles {
    /// One row of `files`.
    struct Entry {
        var path: String
        var size: Int64
        var mtime: Int64
        var contentHash: Int64
        /// The file's problems as JSON (nil when it had none).
        var problems: String?
        /// Gone since an earlier run (its articles are retired).
        var gone: Bool
    }

    private(set) var entries: [Entry] = []
    /// Position of each path's entry, by the path's hash.
    private var positions: [UInt64: Int] = [:]
    /// Positions of paths whose hash an earlier path already has (a 64-bit collision: in practice empty).
    private var collided: [String: Int] = [:]

    init(db: Database) throws {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0
        entries.reserveCapacity(count)
        positions.reserveCapacity(count)
        try db.forEachRawRow("SELECT path, size, mtime, contentHash, problems, goneRun IS NOT NULL FROM files") { row in
            let path = row.text(0) ?? ""
            let key = XXH3.hash(path)
            if positions[key] == nil { positions[key] = entries.count } else { collided[path] = entries.count }
            entries.append(Entry(path: path, size: row.int64(1), mtime: row.int64(2), contentHash: row.int64(3),
                                 problems: row.text(4), gone: row.int64(5) != 0))
        }
    }

    /// The row of `path`, if the index has seen it.
    subscript(path: String) -> Entry? {
        position(of: path).map { entries[$0] }
    }

    /// The position of `path` among ``entries``.
    func position(of path: String) -> Int? {
        if let position = positions[XXH3.hash(path)], entries[position].path == path { return position }
        return collided.isEmpty ? nil : collided[path]
    }
}
