import EntityExtraction
import Foundation
import Testing
import _EntityExtractionTestSupport

@Suite struct GazetteerLoadingTests {
  static let gazetteersDirectory = Fixtures.repositoryRoot + "/Gazetteers"

  @Test func loadsEveryFileInGazetteersWithoutErrors() throws {
    let gazetteers = try Gazetteer.loadDirectory(Self.gazetteersDirectory, namePrefix: "")
    #expect(!gazetteers.isEmpty)
    #expect(gazetteers.allSatisfy { !$0.entries.isEmpty })
    #expect(gazetteers.map(\.sourceName).contains("places/countries.tsv"))
    // The files must also merge: no type and ID is defined twice across them.
    let merged = try GazetteerMatcher.merging([gazetteers])
    #expect(merged.count == gazetteers.reduce(0) { $0 + $1.entries.count })
  }

  @Test func bundledDirectoryIsFoundAndLoads() throws {
    let directory = try #require(Gazetteer.bundledDirectory)
    let bundled = try Gazetteer.loadBundled()
    let fromSource = try Gazetteer.loadDirectory(Self.gazetteersDirectory, namePrefix: "")
    #expect(bundled.map(\.sourceName) == fromSource.map(\.sourceName))
    #expect(FileManager.default.fileExists(atPath: directory + "/places/countries.tsv"))
  }

  /// FORMAT.md: UTF-8, NFC, entry lines sorted by bytes.
  @Test func bundledFilesAreNFCAndSorted() throws {
    let paths = try FileManager.default.subpathsOfDirectory(atPath: Self.gazetteersDirectory)
      .filter { $0.hasSuffix(".tsv") }
    #expect(!paths.isEmpty)
    for path in paths {
      let data = try Data(contentsOf: URL(fileURLWithPath: Self.gazetteersDirectory + "/" + path))
      let text = try #require(String(data: data, encoding: .utf8), "\(path) is not UTF-8")
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
      for (number, line) in lines.enumerated() {
        let string = String(line)
        #expect(
          string.precomposedStringWithCanonicalMapping.utf8.elementsEqual(string.utf8),
          "\(path): entry \(number + 1) is not NFC")
      }
      let unsorted = zip(lines, lines.dropFirst()).first {
        !$0.utf8.lexicographicallyPrecedes($1.utf8)
      }
      #expect(unsorted == nil, "\(path): not sorted at \(unsorted.map { String($0.0) } ?? "")")
    }
  }

  @Test func namesFilesRelativeToTheDirectoryInPathOrder() throws {
    let directory = try TemporaryDirectory()
    try directory.write("b.tsv", "Herat\tplace\tx:2\n")
    try directory.write("a/z.tsv", "Kabul\tplace\tx:1\n")
    try directory.write("a/notes.txt", "not a gazetteer")
    let withPrefix = try Gazetteer.loadDirectory(directory.path, namePrefix: "user/")
    #expect(withPrefix.map(\.sourceName) == ["user/a/z.tsv", "user/b.tsv"])
    let withoutPrefix = try Gazetteer.loadDirectory(directory.path)
    #expect(
      withoutPrefix.map(\.sourceName) == [directory.path + "/a/z.tsv", directory.path + "/b.tsv"])
  }

  @Test func reportsTheFileOfAMalformedLine() throws {
    let directory = try TemporaryDirectory()
    try directory.write("good.tsv", "Kabul\tplace\tx:1\n")
    try directory.write("places/bad.tsv", "# header\nHerat\tplace\tx:2\t-\tlat=3O.5\n")
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer.loadDirectory(directory.path, namePrefix: "")
    }
    #expect(
      error?.description
        == "places/bad.tsv:2: attribute 'lat' has value '3O.5', expected a latitude in decimal degrees, -90 to 90"
    )
  }

  @Test func reportsInvalidUTF8InAFile() throws {
    let directory = try TemporaryDirectory()
    try directory.write(
      "bad.tsv",
      bytes: Array("Kabul\tplace\tx:1\nHer".utf8) + [0xFF] + Array("at\tplace\tx:2\n".utf8))
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer(contentsOfFile: directory.path + "/bad.tsv", sourceName: "bad.tsv")
    }
    #expect(error?.description == "bad.tsv:2: invalid UTF-8 at byte 3 of the line")
  }

  @Test func reportsAnUnreadableFile() {
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer(contentsOfFile: "/nonexistent/places.tsv")
    }
    #expect(error?.line == 0)
    #expect(error?.description.hasPrefix("/nonexistent/places.tsv: cannot read file") == true)
  }

  @Test func reportsAMissingDirectory() {
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer.loadDirectory("/nonexistent/gazetteers")
    }
    #expect(error?.description == "/nonexistent/gazetteers: not a readable directory")
  }

  @Test func extractorLoadsUserDirectoriesAfterTheBundledOnes() throws {
    let directory = try TemporaryDirectory()
    // Replaces the bundled Pakistan entry (same type and ID) and adds a new place (of an
    // invented name: beside a bundled namesake, the larger or better supported would win).
    try directory.write(
      "places/pk.tsv",
      "Lakki Testkhel\tplace\tx:lakki\t-\tcountry=PK\nPakistan\tplace\tiso3166-1:PK\tPakland\tcountry=PK\n"
    )
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteerDirectories = [directory.path]
    let extractor = try EntityExtractor(configuration: configuration)
    let text = "Troops entered Lakki Testkhel in Pakland, Pakistan."
    let found = extractor.entities(in: text).map { "\($0.substring(in: text))=\($0.entryID ?? "")" }
    #expect(found == ["Lakki Testkhel=x:lakki", "Pakland=iso3166-1:PK", "Pakistan=iso3166-1:PK"])
  }
}

/// A directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "eex-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func write(_ relativePath: String, _ text: String) throws {
    try write(relativePath, bytes: Array(text.utf8))
  }

  func write(_ relativePath: String, bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path + "/" + relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }
}
