// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ReportSearch",
    products: [
        .executable(name: "report-search", targets: ["report-search"]),
        .library(name: "ReportSearch", targets: ["ReportSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // A plain C header over a C++17 shim: no C++ exception crosses it.
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // OpenCC's C API (opencc.h) for Traditional → Simplified folding.
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        // libxml2's tolerant HTML parser, for scraped report pages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "ReportSearch",
            dependencies: ["CXapian", "COpenCC", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // `report-search serve`: Hummingbird routes and HTML pages over the library; no search logic.
        .target(
            name: "ReportSearchWeb",
            dependencies: ["ReportSearch", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "report-search",
            dependencies: [
                "ReportSearch",
                "ReportSearchWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measurements behind design decisions (scripts/bench.sh), not shipped.
        .executableTarget(
            name: "report-search-bench",
            dependencies: ["ReportSearch"]
        ),
        .testTarget(
            name: "ReportSearchTests",
            dependencies: ["ReportSearch"]
        ),
        .testTarget(
            name: "ReportSearchWebTests",
            dependencies: ["ReportSearchWeb", "ReportSearch", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
