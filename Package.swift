// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dedupe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dedupe", targets: ["dedupe"]),
        .library(name: "DedupeKit", targets: ["DedupeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system xxHash library (Debian: libxxhash-dev). Shingles and band keys are hashed with XXH3-64.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // Everything dedupe does lives here; the executable only parses arguments and prints.
        .target(
            name: "DedupeKit",
            dependencies: ["CXXHash"]
        ),
        .executableTarget(
            name: "dedupe",
            dependencies: [
                "DedupeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DedupeKitTests",
            dependencies: ["DedupeKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
