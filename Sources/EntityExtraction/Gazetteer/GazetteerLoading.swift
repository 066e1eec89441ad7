// The one file of the library that uses Foundation: to find the bundled resources and
// to read files and directories. Nothing here runs per document.
import Foundation
import _EntityExtractionResources

extension Gazetteer {
  /// Reads and parses one gazetteer file.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - sourceName: The name used in errors and provenance; the path by default.
  /// - Throws: ``GazetteerError`` naming the file (and line) when it cannot be read or
  ///   has a malformed line.
  public init(contentsOfFile path: String, sourceName: String? = nil) throws(GazetteerError) {
    var bytes = try Self.readFile(path, sourceName: sourceName ?? path)
    try self.init(parsingUTF8: &bytes, sourceName: sourceName ?? path)
  }

  static func readFile(_ path: String, sourceName: String) throws(GazetteerError) -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw GazetteerError(
        .unreadable("cannot read file: \(error.localizedDescription)"), sourceName: sourceName, line: 0)
    }
  }

  /// Reads every `*.tsv` file under a directory, recursively, in path order.
  ///
  /// Each gazetteer's source name is its path relative to `directory`, prefixed with
  /// `namePrefix` (`places/countries.tsv` for the bundled set).
  /// - Throws: ``GazetteerError`` for an unreadable directory or a malformed file.
  public static func loadDirectory(_ directory: String, namePrefix: String? = nil)
    throws(GazetteerError) -> [Gazetteer]
  {
    try loadRawDirectory(directory, namePrefix: namePrefix).map { raw in
      Gazetteer(sourceName: raw.sourceName, entries: (0..<raw.count).map(raw.entry(at:)))
    }
  }

  /// Reads and validates every `*.tsv` file under a directory, keeping entries compact.
  static func loadRawDirectory(_ directory: String, namePrefix: String? = nil)
    throws(GazetteerError) -> [RawGazetteer]
  {
    var gazetteers: [RawGazetteer] = []
    for file in try readDirectory(directory, namePrefix: namePrefix) {
      gazetteers.append(try RawGazetteer(bytes: file.bytes, sourceName: file.name))
    }
    return gazetteers
  }

  /// The directory of the gazetteers bundled with the library, or `nil` if the resource
  /// bundle cannot be found (for instance, a binary copied away from its bundle).
  public static var bundledDirectory: String? {
    let fileManager = FileManager.default
    if let path = _bundledGazetteersPath, fileManager.fileExists(atPath: path)
    {
      return path
    }
    // A source checkout: Sources/EntityExtraction/Gazetteer/ → the repository root.
    let source = URL(fileURLWithPath: #filePath)
    let root = source.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("Gazetteers").path
    return fileManager.fileExists(atPath: path) ? path : nil
  }

  /// Reads the gazetteers bundled with the library.
  ///
  /// - Throws: ``GazetteerError`` if the bundle is missing or a file is malformed.
  public static func loadBundled() throws(GazetteerError) -> [Gazetteer] {
    try loadDirectory(try bundledDirectoryOrError(), namePrefix: "")
  }

  static func bundledDirectoryOrError() throws(GazetteerError) -> String {
    guard let directory = bundledDirectory else {
      throw GazetteerError(
        .unreadable("the bundled gazetteers were not found next to the library"),
        sourceName: "Gazetteers", line: 0)
    }
    return directory
  }
}
