// swift-tools-version: 6.1
import PackageDescription

// A small program built on the library: a casualty table from a folder of articles.
// Its own package, so that the root package's build and tests never include it.
let package = Package(
  name: "CasualtyReport",
  products: [
    .executable(name: "casualty-report", targets: ["CasualtyReport"])
  ],
  dependencies: [
    // Named, so that the product reference doesn't depend on the clone's directory name.
    .package(name: "swift-entity-extraction", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "CasualtyReport",
      dependencies: [.product(name: "EntityExtraction", package: "swift-entity-extraction")])
  ]
)
