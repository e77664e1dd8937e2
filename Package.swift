// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dedupe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dedupe", targets: ["dedupe"]),
        .library(name: "DedupeKit", targets: ["DedupeKit"]),
        .library(name: "DedupeIndex", targets: ["DedupeIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The system xxHash library (Debian: libxxhash-dev). Shingles and band keys are hashed with XXH3-64.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // The system libxml2 (Debian: libxml2-dev): the HTML parser for article pages, the XML reader for RSS
        // and Atom. The shim undefines LIBXML_ICU_ENABLED: ICU's C types clash with Foundation's.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The system zlib (Debian: zlib1g-dev), for gzip-compressed feed files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Everything dedupe does lives here; the executable only parses arguments and prints.
        .target(
            name: "DedupeKit",
            dependencies: ["CXXHash", "CLibXML2", "CZlib"]
        ),
        // The persistent index for nightly runs: an SQLite file (through GRDB) holding fingerprints, band
        // keys, rare-term postings, verified links and clusters, so a run fingerprints only what is new.
        .target(
            name: "DedupeIndex",
            dependencies: [
                "DedupeKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the tables a run reads whole (see `RawRows.swift`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dedupe",
            dependencies: [
                "DedupeKit",
                "DedupeIndex",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DedupeKitTests",
            dependencies: ["DedupeKit", "DedupeIndex"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// Micro-benchmarks (Benchmarks/DedupeBenchmarks, ordo-one/benchmark), only when DEDUPE_BENCHMARKS=1, so normal
// builds and `swift test` resolve nothing extra. Run: `DEDUPE_BENCHMARKS=1 swift package benchmark` (README, "Speed").
if Context.environment["DEDUPE_BENCHMARKS"] == "1" {
    package.dependencies.append(.package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(.executableTarget(
        name: "DedupeBenchmarks",
        dependencies: ["DedupeKit", .product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/DedupeBenchmarks",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
