// swift-tools-version:6.0
import PackageDescription
import Foundation

// Layout follows the pipeline: reading → locale → mapping → values → model → scoring.
// C libraries are reached only through the two C targets below; the Swift library imports
// them `internal`, so no C type appears in its public API.
let package = Package(
    name: "wwc-intake",
    platforms: [.macOS(.v15)],  // Synchronization (Mutex, Atomic)
    // The register, the server and the review pages are `package` code behind `intake-server`,
    // not libraries for other packages: only WWCIntake is offered as one.
    products: [
        .library(name: "WWCIntake", targets: ["WWCIntake"]),
        .executable(name: "intake", targets: ["intake"]),
        .executable(name: "intake-server", targets: ["intake-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Review pages (WWCReview): templates with HTML escaping on by default, bcrypt, multipart uploads.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // The register and the HTTP API (issue 18): only intake-server links them, so the plain
        // commands' start-up stays what it was.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // libxml2 as the system has it (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // ICU4C as the system has it (Debian: libicu-dev). Only CICU sees its headers.
        .systemLibrary(
            name: "CICUSystem",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        // Stable, unsuffixed wrapper names over ICU (distro ICU renames u_strlen → u_strlen_72).
        // Its public header includes no ICU header: Foundation on Linux ships its own ICU module,
        // and the two sets of declarations cannot meet in one Swift module.
        .target(
            name: "CICU",
            dependencies: ["CICUSystem"]
        ),
        // OpenSSL's libcrypto as the system has it (Debian: libssl-dev), for SHA-256
        // (`source.sha256`): assembly for every CPU, the SHA extensions where there are some.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "WWCIntake",
            dependencies: ["CICU", "CLibXML2", "CLibCrypto"],
            resources: []
        ),
        .executableTarget(
            name: "intake",
            dependencies: [
                "WWCIntake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The register of applications: one store protocol, SQLite (GRDB) and PostgreSQL stores.
        .target(
            name: "WWCRegister",
            dependencies: [
                "WWCIntake",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The HTTP API over the register (Hummingbird 2).
        .target(
            name: "WWCServer",
            dependencies: [
                "WWCIntake", "WWCRegister", "WWCReview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        // The staff review pages: view models, templates (web/), sign-in and CSRF.
        .target(
            name: "WWCReview",
            dependencies: [
                "WWCIntake", "WWCRegister",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // `intake register …` and `intake serve` run here (`intake` execs it), so the plain
        // commands never load GRDB, PostgresNIO or Hummingbird.
        .executableTarget(
            name: "intake-server",
            dependencies: [
                "WWCIntake", "WWCRegister", "WWCServer", "WWCReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WWCRegisterTests",
            dependencies: [
                "WWCRegister", "WWCServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "intake-bench",
            dependencies: ["WWCIntake"]
        ),
        // What the fuzz targets do (Fuzz/README.md): compiled in every build and run by the
        // tests, so it cannot rot; only libFuzzer's entry (`intake-fuzz`, below) is gated.
        .target(name: "IntakeFuzz", dependencies: ["WWCIntake"], path: "Fuzz/Sources/IntakeFuzz"),
        .testTarget(
            name: "WWCIntakeTests",
            dependencies: ["WWCIntake", "WWCReview", "WWCRegister", "IntakeFuzz"],
            // Fixture files (read by path from the tests); declared so SwiftPM does not warn.
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer's entry (Fuzz/README.md): only with WWC_FUZZ set, since it needs the fuzzer
// runtime. Fuzz/run.sh builds it with the fuzzer and address sanitizers (`make fuzz-smoke`,
// run by `make test`).
if ProcessInfo.processInfo.environment["WWC_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "intake-fuzz", dependencies: ["IntakeFuzz"], path: "Fuzz/Sources/intake-fuzz",
            // No top-level code; `intake_fuzz_main` starts libFuzzer's driver (`@_extern(c)`).
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-enable-experimental-feature", "Extern"])]))
    package.products.append(.executable(name: "intake-fuzz", targets: ["intake-fuzz"]))
}
