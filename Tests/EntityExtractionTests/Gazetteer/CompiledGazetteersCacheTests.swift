import Foundation
import Testing

@testable import EntityExtraction

/// The compiled-gazetteer cache keeps a few recent files, not one per edit forever.
@Suite struct CompiledGazetteersCacheTests {
  @Test func pruningKeepsTheMostRecentlyUsedFilesOfThisVersionAndNothingOlder() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("eex-cache-test-\(UInt32.random(in: 0...UInt32.max))").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let version = CompiledGazetteers.formatVersion
    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    // Six files of this version, used one hour apart (file 0 most recently).
    for index in 0..<6 {
      let file = path("gazetteers-v\(version)-\(index).bin")
      #expect(FileManager.default.createFile(atPath: file, contents: Data([1, 2, 3])))
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: -3600 * Double(index + 1))], ofItemAtPath: file)
    }
    #expect(FileManager.default.createFile(atPath: path("gazetteers-v\(version - 1)-old.bin"), contents: Data()))
    #expect(FileManager.default.createFile(atPath: path("notes.txt"), contents: Data()))
    // The file just written is the least recently used one: it stays all the same.
    CompiledGazetteers.pruneCache(in: directory, keeping: path("gazetteers-v\(version)-5.bin"))
    let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    let expected = (0..<CompiledGazetteers.cachedFileLimit).map { "gazetteers-v\(version)-\($0).bin" }
      + ["gazetteers-v\(version)-5.bin", "notes.txt"]
    #expect(left == expected.sorted())
  }
}
