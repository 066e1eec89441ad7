// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "swift-entity-extraction",
  products: [
    .library(name: "EntityExtraction", targets: ["EntityExtraction"]),
    .library(name: "EntityEvaluation", targets: ["EntityEvaluation"]),
    .executable(name: "entities", targets: ["entities"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // The only target that sees ICU headers; exports stable, unversioned `eex_` names.
    .target(
      name: "CICUShim",
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
    // The bundled gazetteers (top-level Gazetteers/) as a SwiftPM resource.
    .target(
      name: "_EntityExtractionResources",
      path: ".",
      exclude: [
        "Benchmarks", "Examples", "Fuzz", "Integrations", "Samples", "Scripts", "Tests", "docs", "README.md",
        "DESIGN.md", "CHANGELOG.md",
        "Sources/CICUShim", "Sources/EntityExtraction", "Sources/EntityEvaluation",
        "Sources/entities", "Sources/_EntityExtractionTestSupport",
      ],
      sources: ["Sources/GazetteerResources"],
      resources: [.copy("Gazetteers")]),
    // Core: standard library + CICUShim; Foundation only to read gazetteer files.
    .target(name: "EntityExtraction", dependencies: ["CICUShim", "_EntityExtractionResources"]),
    .target(name: "EntityEvaluation", dependencies: ["EntityExtraction"]),
    .executableTarget(
      name: "entities",
      dependencies: [
        "EntityExtraction", "EntityEvaluation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Leading underscore: shared by tests, no API promise.
    .target(name: "_EntityExtractionTestSupport", dependencies: ["EntityExtraction"]),
    .testTarget(
      name: "EntityExtractionTests",
      dependencies: ["EntityExtraction", "_EntityExtractionTestSupport"]),
    .testTarget(
      name: "EntityEvaluationTests",
      dependencies: ["EntityEvaluation", "_EntityExtractionTestSupport"]),
    .testTarget(
      name: "EntitiesCLITests",
      dependencies: ["entities", "_EntityExtractionTestSupport"]),
  ]
)
