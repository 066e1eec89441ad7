import Benchmark
import EntityExtraction

/// A generated news-like corpus: 1,024 documents of about 4 KB (4 MB in all).
struct Fixture: Sendable {
  static let documentCount = 1024
  static let documentBytes = 4096

  let extractor: EntityExtractor
  let documents: [String]
  let totalBytes: Int

  static func make() throws -> Fixture {
    var generator = _SyntheticNews(seed: 2024)
    let documents = generator.corpus(documents: documentCount, bytes: documentBytes)
    return Fixture(
      extractor: try EntityExtractor(), documents: documents,
      totalBytes: documents.reduce(0) { $0 + $1.utf8.count })
  }
}

nonisolated(unsafe) var fixture: Fixture?

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    maxDuration: .seconds(5),
    maxIterations: 50)

  // One iteration processes the whole 4 MB corpus: MB/s = 4 × throughput (per second).
  // Names key stored baselines and thresholds: rename only on purpose.
  Benchmark("ICU/word-boundaries/4MB") { benchmark in
    guard let fixture else { return }
    for _ in benchmark.scaledIterations {
      for document in fixture.documents {
        blackHole(fixture.extractor.segmenter._countICUWordBoundaries(in: document))
      }
    }
  } setup: {
    fixture = try Fixture.make()
  }

  Benchmark("Tokenizer/tokens/4MB") { benchmark in
    guard let fixture else { return }
    for _ in benchmark.scaledIterations {
      for document in fixture.documents {
        blackHole(fixture.extractor.segmenter.tokens(in: document, vocabulary: fixture.extractor.vocabulary))
      }
    }
  } setup: {
    fixture = try Fixture.make()
  }

  // Tokenizing plus one leftmost-longest pass of the name gazetteers' trie (every
  // bundled place, organization, person and nationality list), as issue #2 measures.
  Benchmark("Matcher/tokenize+gazetteer-matching/4MB") { benchmark in
    guard let fixture else { return }
    for _ in benchmark.scaledIterations {
      for document in fixture.documents {
        var found = 0
        fixture.extractor.gazetteerMatcher.forEachMatch(in: fixture.extractor.tokenize(document)) { _, _ in
          found += 1
        }
        blackHole(found)
      }
    }
  } setup: {
    fixture = try Fixture.make()
  }

  // Since the recognizers landed this is full extraction (every recognizer and the
  // overlap policy); the name is kept so stored baselines stay comparable.
  Benchmark("Extractor/tokenize+gazetteers/4MB") { benchmark in
    guard let fixture else { return }
    for _ in benchmark.scaledIterations {
      for document in fixture.documents {
        blackHole(fixture.extractor.entities(in: document))
      }
    }
  } setup: {
    fixture = try Fixture.make()
  }
}
