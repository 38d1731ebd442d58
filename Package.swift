// swift-tools-version:6.0
import PackageDescription

// One settings list for every target (STYLE.md §1): Swift 6 mode is the tools-version default.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gazette", targets: ["GazetteServer"]),
        .executable(name: "gazette-bench", targets: ["GazetteBench"]),
        .library(name: "GazetteHTTP", targets: ["GazetteHTTP"]),
        .library(name: "GazetteAPI", targets: ["GazetteAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // YAML → JSON for GET /openapi.json: the spec is written once, in YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // epoll, eventfd and malloc_trim: Swift's Glibc module does not export them.
        .target(name: "CGazetteLinux"),
        .target(
            name: "GazetteHTTP",
            dependencies: ["CGazetteLinux", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GazetteAPI",
            dependencies: [
                "GazetteHTTP", "CGazetteLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Seed/dataset.json"), .copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "GazetteServer",
            dependencies: [
                "GazetteAPI", "GazetteHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "GazetteBench",
            dependencies: ["GazetteHTTP"],
            path: "Benchmarks/GazetteBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GazetteHTTPTests",
            dependencies: ["GazetteHTTP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GazetteAPITests",
            dependencies: [
                "GazetteAPI", "GazetteHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["GazetteServer"],
            swiftSettings: swiftSettings
        ),
    ]
)
