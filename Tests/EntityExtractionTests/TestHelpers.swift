import EntityExtraction

// Small helpers shared by the suites of this target.

/// The text of each token, in order.
func tokenTexts(_ tokens: [Token], in text: String) -> [String] {
  let bytes = Array(text.utf8)
  return tokens.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) }
}

/// Whether `offset` falls on a Unicode scalar boundary of `bytes` (or at its end).
func isScalarBoundary(_ offset: Int, in bytes: [UInt8]) -> Bool {
  guard offset >= 0 && offset <= bytes.count else { return false }
  // A UTF-8 continuation byte has the bit pattern 10xxxxxx.
  return offset == bytes.count || bytes[offset] & 0xC0 != 0x80
}

/// A recognizer that reports fixed mentions, to drive ``OverlapPolicy`` through the public API.
struct FixedRecognizer: Recognizer {
  var mentions: [Entity]
  var priority: Int = 0
  var labels: Set<EntityLabel> { Set(mentions.map(\.label)) }
  func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    mentions.append(contentsOf: self.mentions)
  }
}

/// An extractor with no gazetteers that runs only the given recognizers.
func extractor(
  running recognizers: [any Recognizer], policy: OverlapPolicy = .standard
) throws -> EntityExtractor {
  var configuration = EntityExtractor.Configuration()
  configuration.includesBundledGazetteers = false
  configuration.additionalRecognizers = recognizers
  configuration.overlapPolicy = policy
  return try EntityExtractor(configuration: configuration)
}

/// A matcher compiled from gazetteer text, with the segmenter and vocabulary it needs.
struct MatcherFixture {
  let segmenter: WordSegmenter
  let vocabulary: Vocabulary
  let matcher: GazetteerMatcher

  init(_ gazetteer: String, sourceName: String = "test.tsv") throws {
    let segmenter = try WordSegmenter()
    var vocabulary = Vocabulary()
    let parsed = try Gazetteer(parsing: gazetteer, sourceName: sourceName)
    matcher = GazetteerMatcher(
      entries: parsed.entries, segmenter: segmenter, vocabulary: &vocabulary)
    self.segmenter = segmenter
    self.vocabulary = vocabulary
  }

  func document(_ text: String) -> TokenizedText {
    TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary),
      vocabulary: vocabulary)
  }

  /// Each match as its text and the IDs of its entries.
  func matches(in text: String, kind: GazetteerMatchKind = .leftmostLongest) -> [Found] {
    let document = document(text)
    return matcher.matches(in: document, kind: kind).map { match in
      let start = document.tokens[match.tokenRange.lowerBound].utf8Range.lowerBound
      let end = document.tokens[match.tokenRange.upperBound - 1].utf8Range.upperBound
      return Found(
        text: String(document.substring(utf8Range: start..<end)),
        ids: match.entryIndices.map { matcher.entries[$0].id })
    }
  }

  struct Found: Hashable, CustomStringConvertible {
    var text: String
    var ids: [String]
    var description: String { "\(text)→\(ids.joined(separator: ","))" }
  }
}
