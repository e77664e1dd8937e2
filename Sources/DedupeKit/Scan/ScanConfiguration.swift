/// The settings of a scan. Defaults are the tuned values README documents.
public struct ScanConfiguration: Sendable, Equatable {
    /// Minimum shingle Jaccard similarity for a near-duplicate.
    public var threshold: Double = 0.5
    /// Words per shingle.
    public var shingleSize: Int = 5
    /// MinHash signature length.
    public var permutations: Int = 128
    /// Threads used for reading, fingerprinting and verification.
    public var workers: Int = defaultWorkerCount
    /// Whether to look for rewrites besides copies.
    public var detectRewrites: Bool = true
    /// Rewrite decision thresholds.
    public var rewriteThresholds = RewriteVerifier.Thresholds()
    /// Folder for the scan's temporary working file (see ``SpillStore``); nil: `$TMPDIR`, else `/var/tmp`, else `/tmp`.
    public var temporaryDirectory: String?

    public init(threshold: Double = 0.5, shingleSize: Int = 5, permutations: Int = 128, workers: Int = defaultWorkerCount,
                detectRewrites: Bool = true, temporaryDirectory: String? = nil) {
        self.temporaryDirectory = temporaryDirectory
        self.threshold = threshold
        self.shingleSize = shingleSize
        self.permutations = permutations
        self.workers = workers
        self.detectRewrites = detectRewrites
    }

    /// The LSH banding for this threshold and signature length.
    public var lsh: LSHParameters {
        LSHParameters.optimal(threshold: threshold, permutations: permutations)
    }

    /// Checks the values a user can set; the message names the option.
    public func validate() throws(ConfigurationError) {
        guard threshold > 0, threshold <= 1 else { throw ConfigurationError("--threshold must be in (0, 1], got \(threshold)") }
        guard (1...20).contains(shingleSize) else { throw ConfigurationError("--shingle-size must be in 1...20, got \(shingleSize)") }
        guard (8...1024).contains(permutations) else { throw ConfigurationError("--num-perm must be in 8...1024, got \(permutations)") }
        guard workers >= 1 else { throw ConfigurationError("--jobs must be at least 1, got \(workers)") }
    }
}

/// A setting out of range.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
