import Foundation
import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The compiled-gazetteer file: a damaged or foreign one is compiled again, never read;
/// concurrent writers leave a whole file; an unwritable cache compiles in memory; a file
/// compiled from other gazetteers is refused; mapped lookups equal compiled ones.
@Suite struct CompiledGazetteersCacheTests {
  /// A scratch directory with one gazetteer directory in it, removed by `cleanUp`.
  struct Scratch {
    let root: String
    var names: String { root + "/names" }
    var cache: String { root + "/cache" }

    init(_ lines: String = Self.lines) throws {
      root = FileManager.default.temporaryDirectory
        .appendingPathComponent("eex-compiled-\(UInt32.random(in: 0...UInt32.max))").path
      try FileManager.default.createDirectory(atPath: root + "/names", withIntermediateDirectories: true)
      try lines.write(toFile: root + "/names/test.tsv", atomically: true, encoding: .utf8)
    }

    static let lines = """
      Lakki Marwat\tplace\tx:lm\t-\tcountry=PK;lat=32.6;lon=70.9;population=59000;kind=city
      =NADRA\torganization\tx:nadra\tNational Database and Registration Authority
      Tehrik-i-Taliban Pakistan\torganization\tx:ttp\tTTP
      Pakistani\tnationality\tx:pk

      """

    func configuration() -> EntityExtractor.Configuration {
      var configuration = EntityExtractor.Configuration()
      configuration.includesBundledGazetteers = false
      configuration.gazetteerDirectories = [Fixtures.repositoryRoot + "/Gazetteers/dates", names]
      configuration.cachesCompiledGazetteers = true
      configuration.cacheDirectory = cache
      return configuration
    }

    /// The one compiled file in the cache.
    func cachedFile() throws -> String {
      let files = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".bin") }
      try #require(files.count == 1)
      return cache + "/" + files[0]
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
  }

  static let text = """
    LAKKI MARWAT, Pakistan (March 26, 2024) – Militants of the TTP ambushed a Pakistani \
    convoy near the NADRA office in Lakki Marwat; the Tehrik-i-Taliban Pakistan said so on Tuesday.
    """
  static let date = CalendarDate(year: 2024, month: 3, day: 28)

  static func entities(_ configuration: EntityExtractor.Configuration) throws -> [Entity] {
    try EntityExtractor(configuration: configuration).entities(in: text, referenceDate: date)
  }

  static func fresh(_ scratch: Scratch) throws -> [Entity] {
    var configuration = scratch.configuration()
    configuration.cachesCompiledGazetteers = false
    return try entities(configuration)
  }

  @Test func aMappedFileGivesWhatCompilingGives() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let expected = try Self.fresh(scratch)
    #expect(expected.count >= 5)
    #expect(try Self.entities(scratch.configuration()) == expected)  // compiles and writes
    let mapped = try EntityExtractor(configuration: scratch.configuration())
    #expect(mapped.compiledGazetteersFile == (try scratch.cachedFile()))
    #expect(mapped.entities(in: Self.text, referenceDate: Self.date) == expected)
  }

  /// Damages the cached file with `damage`, then expects the next extractor to give the
  /// fresh results and to leave a whole file behind.
  func expectRecompiled(after damage: (String) throws -> Void) throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let expected = try Self.fresh(scratch)
    _ = try Self.entities(scratch.configuration())
    let file = try scratch.cachedFile()
    let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
    try damage(file)
    #expect(try Self.entities(scratch.configuration()) == expected)
    // Compiled again and rewritten: a whole file, which the next extractor maps.
    #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int == size)
    _ = try CompiledImage(mapping: file, expectedVersion: CompiledGazetteers.formatVersion)
    #expect(try Self.entities(scratch.configuration()) == expected)
  }

  static func rewrite(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    change(&bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  @Test func aTruncatedFileIsCompiledAgain() throws {
    try expectRecompiled { file in try Self.rewrite(file) { $0.removeLast($0.count / 3) } }
    try expectRecompiled { file in try Self.rewrite(file) { $0.removeLast($0.count - 10) } }
  }

  @Test func aCorruptedFileIsCompiledAgain() throws {
    // A byte in the middle (inside some table) and one in the directory.
    try expectRecompiled { file in try Self.rewrite(file) { $0[$0.count / 2] ^= 0x5A } }
    try expectRecompiled { file in try Self.rewrite(file) { $0[CompiledImage.headerSize + 9] ^= 0x01 } }
  }

  @Test func aFileOfAnotherFormatVersionOrNoneIsCompiledAgain() throws {
    try expectRecompiled { file in try Self.rewrite(file) { $0[8] &+= 1 } }
    try expectRecompiled { file in try Self.rewrite(file) { $0 = Array("not a compiled file\n".utf8) } }
    try expectRecompiled { file in try Self.rewrite(file) { $0 = [] } }
  }

  @Test func anEditedSourceIsCompiledAgain() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    _ = try Self.entities(scratch.configuration())
    try (Scratch.lines + "Bannu\tplace\tx:bannu\n").write(toFile: scratch.names + "/test.tsv", atomically: true, encoding: .utf8)
    let extractor = try EntityExtractor(configuration: scratch.configuration())
    #expect(extractor.gazetteerMatcher.entries.contains { $0.id == "x:bannu" })
  }

  /// A gazetteer tree copied elsewhere (as a binary shipped with its bundle to cluster
  /// executors: the bundle's files are named within it, wherever it lies) uses the file
  /// compiled from the original; a copy whose bytes differ, even at the same size and
  /// time, is compiled again.
  @Test func aCopiedTreeUsesTheFileAndAnEditedCopyDoesNot() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let copy = scratch.root + "/elsewhere"
    try FileManager.default.copyItem(atPath: scratch.names, toPath: copy)
    let segmenter = try WordSegmenter()
    func load(_ directory: String) throws -> CompiledGazetteers {
      var compiled = try CompiledGazetteers.load(
        layers: [try Gazetteer.listDirectory(directory, namePrefix: "names/")], memory: [],
        segmenter: segmenter, lexiconGroups: [], cacheDirectory: scratch.cache)
      try compiled.save(vocabulary: compiled.vocabulary)
      return compiled
    }
    let original = try load(scratch.names)
    let file = try scratch.cachedFile()
    #expect(original.filePath == file)
    let copied = try load(copy)
    #expect(copied.filePath == file)
    #expect(try scratch.cachedFile() == file)
    #expect(Array(copied.names.entries) == Array(original.names.entries))
    // Same size and time as the original, other bytes: its content decides.
    let attributes = try FileManager.default.attributesOfItem(atPath: scratch.names + "/test.tsv")
    let edited = Scratch.lines.replacingOccurrences(of: "x:lm", with: "x:lk")
    try edited.write(toFile: copy + "/test.tsv", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.modificationDate: try #require(attributes[.modificationDate])], ofItemAtPath: copy + "/test.tsv")
    let recompiled = try load(copy)
    #expect(recompiled.names.entries.contains { $0.id == "x:lk" })
    #expect(!recompiled.names.entries.contains { $0.id == "x:lm" })
  }

  @Test func twoExtractorsCompilingAtOnceLeaveOneWholeFile() async throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let expected = try Self.fresh(scratch)
    let configuration = scratch.configuration()
    async let first = Self.entities(configuration)
    async let second = Self.entities(configuration)
    let (a, b) = try await (first, second)
    #expect(a == expected)
    #expect(b == expected)
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.cache)
    #expect(left.count == 1)  // no temporary file left behind
    _ = try CompiledImage(mapping: try scratch.cachedFile(), expectedVersion: CompiledGazetteers.formatVersion)
    #expect(try Self.entities(configuration) == expected)
  }

  @Test func anUnwritableCacheDirectoryCompilesInMemory() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let expected = try Self.fresh(scratch)
    // A directory inside a regular file can be created by nobody, root included.
    try "".write(toFile: scratch.root + "/plain", atomically: true, encoding: .utf8)
    var configuration = scratch.configuration()
    configuration.cacheDirectory = scratch.root + "/plain/cache"
    let extractor = try EntityExtractor(configuration: configuration)
    #expect(extractor.compiledGazetteersFile == nil)
    #expect(extractor.entities(in: Self.text, referenceDate: Self.date) == expected)
  }

  @Test func aFileCompiledAheadOfTimeIsUsedWithTheSameGazetteersOnly() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let expected = try Self.fresh(scratch)
    let file = scratch.root + "/names.eexg"
    var configuration = scratch.configuration()
    configuration.cachesCompiledGazetteers = false
    try EntityExtractor.compileGazetteers(configuration: configuration, to: file)
    configuration.compiledGazetteers = file
    let extractor = try EntityExtractor(configuration: configuration)
    #expect(extractor.compiledGazetteersFile == file)
    #expect(extractor.entities(in: Self.text, referenceDate: Self.date) == expected)

    // Other gazetteers named: a clear error, not a silent recompile.
    var other = configuration
    other.gazetteerDirectories = [scratch.names]
    #expect {
      try EntityExtractor(configuration: other)
    } throws: { error in
      "\(error)".contains("compiled from other gazetteers")
    }
    // A source edited since: the same.
    try (Scratch.lines + "Bannu\tplace\tx:bannu\n").write(toFile: scratch.names + "/test.tsv", atomically: true, encoding: .utf8)
    #expect {
      try EntityExtractor(configuration: configuration)
    } throws: { error in
      "\(error)".contains("test.tsv has changed")
    }
    // A damaged file: an error naming it.
    try Self.rewrite(file) { $0.removeLast(100) }
    #expect {
      try EntityExtractor(configuration: configuration)
    } throws: { error in
      "\(error)".contains("names.eexg") && "\(error)".contains("truncated")
    }
  }

  @Test func pruningKeepsTheMostRecentlyUsedFilesWithinTheLimitAndNothingOlder() throws {
    let scratch = try Scratch()
    defer { scratch.cleanUp() }
    let directory = scratch.cache
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let version = CompiledGazetteers.formatVersion
    func path(_ name: String) -> String { directory + "/" + name }
    // Six files of 100 bytes of this version, used one hour apart (file 0 most recently).
    for index in 0..<6 {
      let file = path("gazetteers-v\(version)-\(index).bin")
      #expect(FileManager.default.createFile(atPath: file, contents: Data(count: 100)))
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: -3600 * Double(index + 1))], ofItemAtPath: file)
    }
    #expect(FileManager.default.createFile(atPath: path("gazetteers-v\(version - 1)-old.bin"), contents: Data()))
    #expect(FileManager.default.createFile(atPath: path("notes.txt"), contents: Data()))
    // The file just written is the least recently used one: it stays all the same.
    CompiledGazetteers.pruneCache(in: directory, keeping: path("gazetteers-v\(version)-5.bin"), byteLimit: 450)
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    let expected = (0..<3).map { "gazetteers-v\(version)-\($0).bin" } + ["gazetteers-v\(version)-5.bin", "notes.txt"]
    #expect(left == expected.sorted())
  }

  @Test func mappedLookupsEqualCompiledOnesOnAGeneratedGazetteer() throws {
    let generated = _SyntheticGazetteer.generate(count: 3000, seed: 16)
    let scratch = try Scratch(generated.lines)
    defer { scratch.cleanUp() }
    var configuration = scratch.configuration()
    configuration.cachesCompiledGazetteers = false
    let compiled = try EntityExtractor(configuration: configuration)
    configuration.cachesCompiledGazetteers = true
    _ = try EntityExtractor(configuration: configuration)
    let mapped = try EntityExtractor(configuration: configuration)
    #expect(mapped.compiledGazetteersFile != nil)
    #expect(Array(mapped.gazetteerMatcher.entries) == Array(compiled.gazetteerMatcher.entries))
    #expect(mapped.vocabulary.count == compiled.vocabulary.count)
    // Every name in a sentence, some with other case, a few not listed at all.
    for (index, name) in generated.names.enumerated() where index % 7 == 0 {
      let written = index % 2 == 0 ? name : name.uppercased()
      let text = "Reports from \(written) and Zzyzx Qwerty said so."
      let a = compiled.gazetteerMatcher.matches(in: compiled.tokenize(text), kind: .all)
      let b = mapped.gazetteerMatcher.matches(in: mapped.tokenize(text), kind: .all)
      #expect(a == b)
      if index % 2 == 0 { #expect(!a.isEmpty) }
      #expect(mapped.entities(in: text) == compiled.entities(in: text))
    }
  }
}
