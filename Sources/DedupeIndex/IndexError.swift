/// Why an index cannot be used. Each case names the index file and says what to do.
public enum IndexError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Another run holds the index (cron overlap): this run refuses at once.
    case locked(path: String)
    /// The file is not an SQLite database, or SQLite reports it damaged.
    case corrupt(path: String, reason: String)
    /// An SQLite database, but not a dedupe index (or from a newer dedupe).
    case foreign(path: String, reason: String)
    /// The index was built with other fingerprint settings; its fingerprints cannot be compared with this run's.
    case settingsMismatch(path: String, reason: String)
    /// Any other SQLite or file-system failure.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .locked(let path):
            return "index \(path) is in use by another dedupe run (lock \(path).lock held); not starting"
        case .corrupt(let path, let reason):
            return "index \(path) is not a readable SQLite database (\(reason)); move it aside and rebuild"
        case .foreign(let path, let reason):
            return "\(path) is not a dedupe index (\(reason))"
        case .settingsMismatch(let path, let reason):
            return "index \(path) was built with other settings (\(reason)); use the same settings or a new index"
        case .failed(let path, let reason):
            return "index \(path): \(reason)"
        }
    }
}
