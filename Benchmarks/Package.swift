// swift-tools-version: 6.1
// Benchmarks (throughput; compiled gazetteers at 10⁶ entries), in their own package so
// that `swift build` and `swift test` of the library never pull in the benchmark
// dependency or its malloc interposer.
import PackageDescription

let package = Package(
  name: "swift-entity-extraction-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "swift-entity-extraction", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "Throughput",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "EntityExtraction", package: "swift-entity-extraction"),
      ],
      path: "Benchmarks/Throughput",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // Compiling, opening and looking up a generated 10⁶-entry gazetteer.
    .executableTarget(
      name: "Gazetteer",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "EntityExtraction", package: "swift-entity-extraction"),
      ],
      path: "Benchmarks/Gazetteer",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
