import EntityExtraction

/// The `conll` output format: one token per line with an IOB2 tag, sentences separated
/// by blank lines, each document introduced by a `# id = …` comment.
///
///     # id = 0001.txt
///     Floods	O
///     hit	O
///     Lakki	B-place
///     Marwat	I-place
///     .	O
///
/// Tokens are the library's own (``EntityExtractor/tokenize(_:referenceDate:)``) and
/// sentences are ICU's (``WordSegmenter/sentenceRanges(in:)``), except that a sentence
/// never ends inside a tagged entity. Comment lines start with `# ` (hash, space) and hold
/// no tab; a token line holds exactly one tab, so a `#` token reads `#<TAB>O`.
///
/// Tags are one flat layer, while mentions may nest (a casualty count contains a
/// nationality, "at least eight of the 16 miners" contains "16 miners"). The layer is
/// chosen so: every mention that is not a casualty count first (longest first, then
/// earliest, skipping any that overlaps one already chosen), then casualty counts the
/// same way, each only if none of its tokens is taken. So names and dates always show,
/// and a casualty count is tagged only when it contains no other mention; the outermost
/// of nested counts wins. The JSONL, brat and HTML formats keep every mention.
enum CoNLLListing {
  /// Renders one annotated document, ending with a blank line.
  static func render(
    comment: String, document: TokenizedText, sentences: [Range<Int>], entities: [Entity]
  ) -> String {
    let tags = tags(for: document.tokens, entities: flatLayer(entities))
    var out = comment
    var sentence = 0
    for (index, token) in document.tokens.enumerated() {
      // The sentence that holds the token's first byte.
      var next = sentence
      while next + 1 < sentences.count, sentences[next].upperBound <= Int(token.utf8Start) {
        next += 1
      }
      if index > 0, next != sentence, !tags[index].hasPrefix("I-") { out += "\n" }
      sentence = next
      var surface = String(document.string(ofToken: index))
      if surface.unicodeScalars.contains(where: \.properties.isWhitespace) {
        surface = String(
          surface.unicodeScalars.map { $0.properties.isWhitespace ? "_" : Character($0) })
      }
      out += surface + "\t" + tags[index] + "\n"
    }
    return out + "\n"
  }

  /// Renders a document that could not be annotated: its comments, then a blank line.
  static func failure(comment: String, message: String) -> String {
    comment + "# error = " + message.replacingNewlines() + "\n\n"
  }

  /// The comment lines that introduce a document: `# id = …` or `# line = N`, or both.
  static func comment(id: String?, line: Int?) -> String {
    var out = ""
    if let id { out += "# id = " + id.replacingNewlines() + "\n" }
    if let line { out += "# line = \(line)\n" }
    return out
  }

  /// The mentions that get tags, disjoint and in text order (see the type's discussion).
  static func flatLayer(_ entities: [Entity]) -> [Entity] {
    let ranked = entities.filter { !$0.utf8Range.isEmpty }.sorted { a, b in
      let aIsCount = a.label == .casualty
      let bIsCount = b.label == .casualty
      if aIsCount != bIsCount { return bIsCount }
      if a.utf8Range.count != b.utf8Range.count { return a.utf8Range.count > b.utf8Range.count }
      return a.utf8Range.lowerBound < b.utf8Range.lowerBound
    }
    // Chosen ranges, kept sorted by start; disjoint, so one binary search finds overlaps.
    var chosen: [Entity] = []
    for entity in ranked {
      let range = entity.utf8Range
      let low = chosen.partitioningIndex { $0.utf8Range.lowerBound >= range.lowerBound }
      if low > 0, chosen[low - 1].utf8Range.upperBound > range.lowerBound { continue }
      if low < chosen.count, chosen[low].utf8Range.lowerBound < range.upperBound { continue }
      chosen.insert(entity, at: low)
    }
    return chosen
  }

  /// The IOB2 tag of each token, for disjoint mentions in text order.
  private static func tags(for tokens: [Token], entities: [Entity]) -> [String] {
    var tags = [String](repeating: "O", count: tokens.count)
    var index = 0
    for entity in entities {
      while index < tokens.count, Int(tokens[index].utf8End) <= entity.utf8Range.lowerBound {
        index += 1
      }
      var first = true
      while index < tokens.count, Int(tokens[index].utf8Start) < entity.utf8Range.upperBound {
        tags[index] = (first ? "B-" : "I-") + entity.label.rawValue
        first = false
        index += 1
      }
    }
    return tags
  }
}
