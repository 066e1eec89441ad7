import Foundation
import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The casualty scan takes two shortcuts (`CasualtyRecognizer.takesShortcuts`): it reads a
/// count only at a token that can begin one (`CasualtyScan.mayStartPhrase`), and it looks
/// one-word lexicon matches up by token ID instead of walking the trie. Both are speed-ups
/// and must lose nothing: these tests run the recognizer with and without them and
/// compare every mention.
@Suite struct CasualtyShortcutTests {
  typealias Recognizers = (fast: CasualtyRecognizer, slow: CasualtyRecognizer, extractor: EntityExtractor)

  static let recognizers: Result<Recognizers, Error> =
    Result {
      let extractor = try CasualtyRecognizerTests.extractor.get()
      guard let fast = extractor.recognizers.lazy.compactMap({ $0 as? CasualtyRecognizer }).first else {
        throw ExtractorWithoutCasualties()
      }
      var slow = fast
      slow.takesShortcuts = false
      return (fast, slow, extractor)
    }

  struct ExtractorWithoutCasualties: Error {}

  /// Words of every kind the casualty rules read: numbers in every form, qualifiers,
  /// outcome words, victim and thing nouns (case-sensitive ones in several cases), and
  /// the grammar around them.
  static let pool: [String] = [
    "12", "1,247", "2.5", "2021", "10:30", "$", "%", "one", "two", "eleven", "twenty",
    "twenty-three", "a", "an", "hundred", "dozen", "dozens", "hundreds", "thousands", "of", "and",
    "or", "to", "between", "-", "from",
    "at least", "more than", "about", "some", "nearly", "up to", "as many as", "a total of",
    "no fewer than", "over", "around", "almost",
    "killed", "were", "was", "have been", "being", "killing", "injured", "wounded", "died", "dead",
    "missing", "kidnapped", "arrested", "rescued", "freed", "shot dead", "lost their lives",
    "the death toll", "rose to", "the murder of", "among the dead were", "including", "among them",
    "survived", "saved", "held", "took", "hostage", "prisoner", "Dead:",
    "people", "soldiers", "civilians", "militants", "police", "policemen", "police officers",
    "security forces", "members", "Taliban", "taliban", "TALIBAN", "miners", "soldier",
    "casualties", "bodies", "children", "woman", "hostages", "vehicles", "years", "year-old",
    "March", "march", "May", "may", "days",
    "the", "them", "their", ",", ".", "said", "in", "Kabul", "Ahmed", "not", "no", "'s", "who",
    "when", "before", "\n",
  ]

  func casualties(_ recognizer: CasualtyRecognizer, _ extractor: EntityExtractor, _ text: String) -> [Entity] {
    var mentions: [Entity] = []
    recognizer.recognize(extractor.tokenize(text), into: &mentions)
    return mentions
  }

  @Test func theShortcutsLoseNothingOnRandomCasualtyWordSequences() throws {
    let (fast, slow, extractor) = try Self.recognizers.get()
    var random = SplitMix64(seed: 0xCA5_0A17)
    var found = 0
    for round in 0..<4000 {
      let count = 2 + Int(random.next() % 11)
      let text = (0..<count).map { _ in Self.pool[Int(random.next() % UInt64(Self.pool.count))] }
        .joined(separator: random.next() % 4 == 0 ? "" : " ")
      let expected = casualties(slow, extractor, text)
      found += expected.count
      #expect(casualties(fast, extractor, text) == expected, "round \(round): \(text)")
    }
    // The pool is rich enough that many sequences hold a count.
    #expect(found > 100)
  }

  @Test func theShortcutsLoseNothingOnTheSentenceTable() throws {
    let (fast, slow, extractor) = try Self.recognizers.get()
    let table =
      CasualtyRecognizerTests.activeVerbs + CasualtyRecognizerTests.subjectVerbs
      + CasualtyRecognizerTests.coordination + CasualtyRecognizerTests.tollsAndNouns
      + CasualtyRecognizerTests.numbers + CasualtyRecognizerTests.negatives
    for example in table {
      let expected = casualties(slow, extractor, example.text)
      #expect(casualties(fast, extractor, example.text) == expected, "\(example.text)")
    }
  }

  @Test func theShortcutsLoseNothingOnTheBenchmarkCorpusAndTheSamples() throws {
    let (fast, slow, extractor) = try Self.recognizers.get()
    var news = _SyntheticNews()
    var texts = news.corpus(documents: 100, bytes: 4096)
    let directory = Fixtures.repositoryRoot + "/Samples"
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".txt") {
      texts.append(try String(contentsOfFile: directory + "/" + name, encoding: .utf8))
    }
    var found = 0
    for (index, text) in texts.enumerated() {
      let expected = casualties(slow, extractor, text)
      found += expected.count
      #expect(casualties(fast, extractor, text) == expected, "text \(index)")
    }
    #expect(found > 0)
  }
}
