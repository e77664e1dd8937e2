#if canImport(Glibc)
import Glibc
#endif

/// An exclusive, non-blocking lock beside the index file (`FILE.lock`), held for a whole run.
///
/// `flock` locks belong to the open file description, so the kernel releases them when the process dies,
/// however it dies (kill -9, reboot): a stale lock file never blocks the next night's run.
final class IndexLock: @unchecked Sendable {
    private let descriptor: Int32
    let path: String

    /// Takes the lock or throws ``IndexError/locked(path:)`` at once.
    init(indexPath: String) throws(IndexError) {
        path = indexPath + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .failed(path: indexPath, reason: "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            close(descriptor)
            if error == EWOULDBLOCK { throw .locked(path: indexPath) }
            throw .failed(path: indexPath, reason: "cannot lock \(path): \(String(cString: strerror(error)))")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
