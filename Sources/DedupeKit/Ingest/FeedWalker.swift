import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files of a feed: every path given, folders walked recursively in a stable (byte-wise sorted)
/// order, hidden files and folders skipped, symbolic links followed once (a link back up the tree is not
/// walked twice).
public struct FeedWalker: Sendable {
    /// What a walk found.
    public struct Listing: Sendable {
        /// Files a format reads, in scan order.
        public var files: [FeedFile] = []
        /// Files no format reads (listed in the report, never silently dropped).
        public var unsupported: [FeedProblem] = []
        /// Paths that could not be walked.
        public var problems: [FeedProblem] = []
    }

    public var supportedExtensions: Set<String>

    public init(supportedExtensions: Set<String>) {
        self.supportedExtensions = supportedExtensions
    }

    public func walk(_ roots: [String]) -> Listing {
        var listing = Listing()
        // Ids are relative paths, so they can clash only across scanned paths: one path needs no set of them.
        var seenIDs: Set<String>? = roots.count > 1 ? [] : nil
        for root in roots {
            var visited = Set<FileIdentity>()
            var info = stat()
            guard stat(root, &info) == 0 else {
                listing.problems.append(FeedProblem(path: root, reason: "cannot open: \(String(cString: strerror(errno)))"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walkDirectory(root, relative: "", visited: &visited, into: &listing, rootName: root, seenIDs: &seenIDs)
            } else {
                let name = (root as NSString).lastPathComponent
                add(FeedFile(path: root, relativeID: name), rootName: root, seenIDs: &seenIDs, into: &listing)
            }
        }
        return listing
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private func walkDirectory(
        _ path: String, relative: String, visited: inout Set<FileIdentity>, into listing: inout Listing,
        rootName: String, seenIDs: inout Set<String>?
    ) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            listing.problems.append(FeedProblem(path: path, reason: "cannot open: \(String(cString: strerror(errno)))"))
            return
        }
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard visited.insert(identity).inserted else { return }  // a link loop or a folder linked twice

        guard let entries = Self.entries(of: path) else {
            listing.problems.append(FeedProblem(path: path, reason: "cannot list folder: \(String(cString: strerror(errno)))"))
            return
        }
        for (name, type) in Self.sortedBytewise(entries) where !name.hasPrefix(".") {
            let childPath = path.hasSuffix("/") ? path + name : path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            // The folder entry's type says "regular file" or "folder" without a stat per file; links (followed)
            // and file systems that do not fill in the type are stat-ed.
            var mode: mode_t
            switch Int32(type) {
            case Int32(DT_REG): mode = S_IFREG
            case Int32(DT_DIR): mode = S_IFDIR
            default:
                var childInfo = stat()
                guard stat(childPath, &childInfo) == 0 else {
                    listing.problems.append(FeedProblem(path: childPath, reason: "cannot open: \(String(cString: strerror(errno)))"))
                    continue
                }
                mode = childInfo.st_mode & S_IFMT
            }
            switch mode {
            case S_IFDIR:
                walkDirectory(childPath, relative: childRelative, visited: &visited, into: &listing, rootName: rootName, seenIDs: &seenIDs)
            case S_IFREG:
                add(FeedFile(path: childPath, relativeID: childRelative), rootName: rootName, seenIDs: &seenIDs, into: &listing)
            default:
                listing.unsupported.append(FeedProblem(path: childPath, reason: "not a regular file", severity: .warning))
            }
        }
    }

    /// Entries in byte-wise order of their names. Each name's first eight bytes, read as one big-endian
    /// number, order almost every pair; only names that share them are compared in full (`memcmp`).
    /// Comparing the UTF-8 views element by element took a third of the time of a walk of 100,000 files.
    static func sortedBytewise(_ entries: [(name: String, type: UInt8)]) -> [(name: String, type: UInt8)] {
        struct Key { var prefix: UInt64; var index: Int }
        var keys = entries.indices.map { index in
            var prefix: UInt64 = 0, shift: UInt64 = 56
            for byte in entries[index].name.utf8.prefix(8) {
                prefix |= UInt64(byte) << shift
                shift &-= 8
            }
            return Key(prefix: prefix, index: index)  // a name never holds a zero byte, so a shorter name sorts first
        }
        keys.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            var x = entries[a.index].name, y = entries[b.index].name
            return x.withUTF8 { x in
                y.withUTF8 { y in
                    let order = memcmp(x.baseAddress!, y.baseAddress!, min(x.count, y.count))
                    return order != 0 ? order < 0 : (x.count != y.count ? x.count < y.count : a.index < b.index)
                }
            }
        }
        return keys.map { entries[$0.index] }
    }

    /// The names and entry types of a folder's entries (without `.` and `..`), or nil with `errno` set.
    private static func entries(of path: String) -> [(name: String, type: UInt8)]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var out: [(name: String, type: UInt8)] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { return nil }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            out.append((name, entry.pointee.d_type))
        }
        return out
    }

    /// Adds a file, keeping ids unique across several scanned paths: a clash is prefixed with the scanned
    /// path's name, and numbered if it still clashes.
    private func add(_ file: FeedFile, rootName: String, seenIDs: inout Set<String>?, into listing: inout Listing) {
        guard supportedExtensions.contains(file.formatExtension) else {  // `page.html.gz` is read as `.html`
            listing.unsupported.append(FeedProblem(path: file.path, reason: "unsupported file type; not scanned", severity: .warning))
            return
        }
        guard seenIDs != nil else {
            listing.files.append(file)
            return
        }
        var unique = file
        if seenIDs!.contains(unique.relativeID) {
            let prefix = (rootName as NSString).lastPathComponent
            unique.relativeID = prefix + "/" + file.relativeID
            var n = 2
            while seenIDs!.contains(unique.relativeID) {
                unique.relativeID = "\(prefix)/\(file.relativeID)~\(n)"
                n += 1
            }
        }
        seenIDs!.insert(unique.relativeID)
        listing.files.append(unique)
    }
}
