#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Where a scan keeps each article's ``VerificationData`` between fingerprinting and verification: an
/// unlinked temporary file, appended to by all workers at once and read back at random for the articles
/// of candidate pairs.
///
/// Holding every shingle set and profile in memory cost about 11 KB per article (1.1 GB for 100,000
/// articles, 11 GB for a million); on disk they cost a page-cache read when needed, and only the articles
/// in a candidate pair are ever read. The file is unlinked as soon as it is created, so it disappears with
/// the process however the process ends. If the file cannot be created, or a write fails (a full disk),
/// records stay in memory instead and ``fallbackReason`` says why: the scan is slower to hold, never wrong.
public final class SpillStore: Sendable {
    /// A record's place: in the file, or in memory when it could not be written.
    public enum Location: Sendable {
        case file(offset: Int64, length: Int32)
        case memory([UInt8])
    }

    private let descriptor: Int32
    private let end = Atomic<Int64>(0)
    private let failures = Atomic<Int>(0)
    /// Regions a ``Writer`` could not write, kept in memory with where they start in the file.
    private let failedRegions = Mutex<[(start: Int64, bytes: [UInt8])]>([])
    private let anyFailedRegion = Atomic<Bool>(false)
    private let readFailures = Atomic<Int>(0)
    private let firstReadError = Mutex<String?>(nil)
    private let openFailure: String?
    public let directory: String

    /// A store in `directory`; when nil, in the first of `$TMPDIR`, `/var/tmp` (on disk, where `/tmp` may be
    /// a RAM-backed tmpfs, as on Debian 13) and `/tmp` where a file can be made.
    public convenience init(directory: String? = nil) {
        self.init(firstUsableOf: directory.map { [$0] }
            ?? ([ProcessInfo.processInfo.environment["TMPDIR"]].compactMap { $0 }.filter { !$0.isEmpty } + ["/var/tmp", "/tmp"]))
    }

    /// A store in the first of `candidates` where a file can be made.
    init(firstUsableOf candidates: [String]) {
        precondition(!candidates.isEmpty, "no folder to try")
        var opened: (descriptor: Int32, folder: String)?
        var failure = ""
        for folder in candidates {
            var template = Array("\(folder)/.dedupe-scan-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd >= 0 {
                unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
                opened = (fd, folder)
                break
            }
            failure = String(cString: strerror(errno))
        }
        descriptor = opened?.descriptor ?? -1
        self.directory = opened?.folder ?? candidates.joined(separator: ", ")
        openFailure = opened == nil ? failure : nil
    }

    /// A store on a file already open (tests give it `/dev/full`, a disk that is always full).
    init(openFile descriptor: Int32, directory: String) {
        self.descriptor = descriptor
        self.directory = directory
        openFailure = nil
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Why records are (partly) kept in memory, or nil when all went to the file.
    public var fallbackReason: String? {
        if let openFailure { return "cannot create a temporary file in \(directory) (\(openFailure)); working data kept in memory" }
        let failed = failures.load(ordering: .relaxed)
        return failed > 0 ? "\(failed) writes to the temporary file in \(directory) failed; those records kept in memory" : nil
    }

    /// Stores `bytes`; safe to call from several threads at once.
    public func write(_ bytes: [UInt8]) -> Location {
        write([bytes])[0]
    }

    /// Stores several records with one write; their locations, in order. (A scan's workers store through
    /// a ``Writer`` each, which writes a region at a time.)
    public func write(_ records: [[UInt8]]) -> [Location] {
        var bytes = records.count == 1 ? records[0] : []
        if records.count > 1 {
            bytes.reserveCapacity(records.reduce(0) { $0 + $1.count })
            for record in records { bytes.append(contentsOf: record) }
        }
        guard descriptor >= 0 else { return records.map { .memory($0) } }
        let offset = reserve(bytes.count)
        guard writeFully(bytes, at: offset) else {
            failures.add(records.count, ordering: .relaxed)
            return records.map { .memory($0) }
        }
        var start = offset
        return records.map { record in
            defer { start += Int64(record.count) }
            return .file(offset: start, length: Int32(record.count))
        }
    }

    /// Reserves room for `count` bytes at the end of the file; where the room starts.
    private func reserve(_ count: Int) -> Int64 {
        end.add(Int64(count), ordering: .relaxed).oldValue
    }

    /// Writes all of `bytes` at `offset`; false when the file refuses them (a full disk).
    private func writeFully(_ bytes: [UInt8], at offset: Int64) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset) + off_t(done))
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return false
                }
                done += n
            }
            return true
        }
    }

    /// The bytes stored at `location`, or nil when they cannot be read back. The file is ours, unlinked
    /// and was written in full, so that means the disk failed: the failure is counted and
    /// ``readFailureReason`` says what happened, and the caller goes on without the record.
    public func read(_ location: Location) -> [UInt8]? {
        switch location {
        case let .memory(bytes):
            return bytes
        case let .file(offset, length):
            // (Failed regions are rare and few: a look through them all.)
            if anyFailedRegion.load(ordering: .relaxed),
               let region = failedRegions.withLock({ $0.first { offset >= $0.start && offset < $0.start + Int64($0.bytes.count) } }) {
                let start = Int(offset - region.start)
                return Array(region.bytes[start..<(start + Int(length))])
            }
            var failure: String?
            let bytes = [UInt8](unsafeUninitializedCapacity: Int(length)) { buffer, initialized in
                var done = 0
                while done < Int(length) {
                    let n = pread(descriptor, buffer.baseAddress! + done, Int(length) - done, off_t(offset) + off_t(done))
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 {
                        failure = n == 0 ? "the file ended early" : String(cString: strerror(errno))
                        break
                    }
                    done += n
                }
                initialized = done
            }
            guard let failure else { return bytes }
            readFailures.add(1, ordering: .relaxed)
            firstReadError.withLock { if $0 == nil { $0 = failure } }
            return nil
        }
    }

    /// Why some records could not be read back, or nil when every read succeeded.
    public var readFailureReason: String? {
        let failed = readFailures.load(ordering: .relaxed)
        guard failed > 0 else { return nil }
        let reason = firstReadError.withLock { $0 } ?? "unknown error"
        return "the scan's temporary file in \(directory) could not be read back (\(reason)) \(failed) times"
    }

    /// Size of the regions a ``Writer`` fills before writing them out.
    static let regionSize = 1 << 20

    /// One worker's way into a store: records are gathered in memory and written a region (1 MB) at a
    /// time. Written one by one, the 8 KB of an article cost several times as much kernel time per byte
    /// (the page cache takes large writes in large pages), and workers queued on the file's lock.
    ///
    /// A record's location is known when it is given (a region's room in the file is reserved when the
    /// region starts; what a region leaves unused is a hole in the file, which takes no disk); it can be read
    /// once ``flush()`` has run. If a region cannot be written, its bytes stay in memory and are read from
    /// there (``fallbackReason`` counts them). A writer belongs to one worker at a time.
    public final class Writer {
        private let store: SpillStore
        private var buffer: [UInt8] = []
        private var regionStart: Int64 = -1
        private var records = 0

        public init(_ store: SpillStore) {
            self.store = store
        }

        deinit { flush() }

        /// Stores `records`; their locations, in order.
        public func write(_ records: [[UInt8]]) -> [Location] {
            guard store.descriptor >= 0 else { return records.map { .memory($0) } }
            let total = records.reduce(0) { $0 + $1.count }
            if regionStart < 0 || buffer.count + total > SpillStore.regionSize {
                flush()
                // Larger than a region: written by itself.
                if total > SpillStore.regionSize { return store.write(records) }
                regionStart = store.reserve(SpillStore.regionSize)
                buffer.reserveCapacity(SpillStore.regionSize)
            }
            self.records += records.count
            return records.map { record in
                defer { buffer.append(contentsOf: record) }
                return .file(offset: regionStart + Int64(buffer.count), length: Int32(record.count))
            }
        }

        /// Writes out the region being filled.
        public func flush() {
            defer {
                buffer.removeAll(keepingCapacity: true)
                regionStart = -1
                records = 0
            }
            guard regionStart >= 0, !buffer.isEmpty, !store.writeFully(buffer, at: regionStart) else { return }
            let start = regionStart, kept = buffer
            store.failedRegions.withLock { $0.append((start, kept)) }
            store.anyFailedRegion.store(true, ordering: .relaxed)
            store.failures.add(records, ordering: .relaxed)
        }
    }

    /// Empties the file, as a failing disk would lose it: tests use it to check that a scan survives.
    func discardFileContents() {
        if descriptor >= 0 { _ = ftruncate(descriptor, 0) }
    }
}
