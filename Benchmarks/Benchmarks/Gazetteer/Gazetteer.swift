import Benchmark
import EntityExtraction
import Foundation

/// A generated gazetteer of a million entries, the compiled file made from it, and
/// sentences that mention some of its names.
///
/// Names are shaped like real ones: one to four words of one to three syllables, drawn
/// from Latin letters with diacritics, Cyrillic and Arabic, capitalised, unique once
/// folded; each is a place, an organization or a person. The seed is fixed, so every run
/// compiles the same 10⁶ lines (about 40 MB).
struct GazetteerFixture: Sendable {
  static let entryCount = 1_000_000
  static let seed: UInt64 = 16
  /// How many sentences one lookup iteration tokenizes and matches.
  static let sentenceCount = 1000

  /// A directory holding the generated list (`generated.tsv`), and the compiled file.
  let directory: String
  let compiledPath: String
  /// The generated list alone, without the bundled gazetteers: what compiling 10⁶
  /// entries costs, not the bundled set.
  let configuration: EntityExtractor.Configuration
  let sentences: [String]

  static func make() throws -> GazetteerFixture {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("eex-gazetteer-benchmark-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let (lines, names) = _SyntheticGazetteer.generate(count: entryCount, seed: seed)
    try lines.write(toFile: directory + "/generated.tsv", atomically: true, encoding: .utf8)
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteerDirectories = [directory]
    configuration.cachesCompiledGazetteers = false
    let compiledPath = directory + "/generated.eexg"
    try EntityExtractor.compileGazetteers(configuration: configuration, to: compiledPath)
    // Every thousandth name, some in capitals, beside a name that is not listed.
    let step = names.count / sentenceCount
    let sentences = (0..<sentenceCount).map { index in
      let name = names[index * step]
      return "Reports from \(index % 2 == 0 ? name : name.uppercased()) and Zzyzx Qwerty said so."
    }
    return GazetteerFixture(
      directory: directory, compiledPath: compiledPath, configuration: configuration, sentences: sentences)
  }

  func removeFiles() {
    try? FileManager.default.removeItem(atPath: directory)
  }
}

nonisolated(unsafe) var fixture: GazetteerFixture?
nonisolated(unsafe) var mapped: EntityExtractor?

let benchmarks: @Sendable () -> Void = {
  // Compiling a million entries takes seconds: few iterations, and the 40 MB list is
  // generated once, in `setup`.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident],
    timeUnits: .milliseconds,
    maxDuration: .seconds(10),
    maxIterations: 20)

  // Names key stored baselines and thresholds: rename only on purpose.
  Benchmark("Gazetteer/compile/1M", configuration: .init(maxDuration: .seconds(20), maxIterations: 3)) {
    benchmark in
    guard let fixture else { return }
    for _ in benchmark.scaledIterations {
      try EntityExtractor.compileGazetteers(
        configuration: fixture.configuration, to: fixture.compiledPath + ".again")
    }
  } setup: {
    fixture = try GazetteerFixture.make()
  } teardown: {
    fixture?.removeFiles()
  }

  // Opening the compiled file: mapping it, its checks, and the recognizers built over it.
  Benchmark("Gazetteer/load/1M") { benchmark in
    guard let fixture else { return }
    var configuration = fixture.configuration
    configuration.compiledGazetteers = fixture.compiledPath
    for _ in benchmark.scaledIterations {
      blackHole(try EntityExtractor(configuration: configuration))
    }
  } setup: {
    fixture = try GazetteerFixture.make()
  } teardown: {
    fixture?.removeFiles()
  }

  // Tokenizing 1,000 sentences and matching them against the mapped million entries.
  Benchmark("Gazetteer/lookup/1M/1000-sentences", configuration: .init(maxIterations: 200)) { benchmark in
    guard let fixture, let mapped else { return }
    for _ in benchmark.scaledIterations {
      var found = 0
      for sentence in fixture.sentences {
        mapped.gazetteerMatcher.forEachMatch(in: mapped.tokenize(sentence)) { _, _ in found += 1 }
      }
      blackHole(found)
    }
  } setup: {
    fixture = try GazetteerFixture.make()
    var configuration = fixture!.configuration
    configuration.compiledGazetteers = fixture!.compiledPath
    mapped = try EntityExtractor(configuration: configuration)
  } teardown: {
    mapped = nil
    fixture?.removeFiles()
  }
}
