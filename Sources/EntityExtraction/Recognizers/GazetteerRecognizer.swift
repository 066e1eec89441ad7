/// Finds the entries of a ``GazetteerMatcher`` in text and reports them as mentions.
///
/// Each leftmost-longest match becomes one mention labelled with its entry's type. When
/// several entries match the same text, the one with the highest `priority` attribute
/// wins, then the largest `population`, then the first loaded; `place` mentions carry
/// the winner's ``ResolvedPlace``.
///
/// Names are proper nouns: a match whose first token has no upper-case first letter
/// ("turkey", "chad") is dropped, unless the entry's own name starts in lower case
/// ("al-Shabaab") or the entry has the attribute `lowercase=allow`.
public struct GazetteerRecognizer: Recognizer {
  /// The compiled gazetteers.
  public let matcher: GazetteerMatcher
  /// The labels of the entries that are reported; others are ignored.
  public let labels: Set<EntityLabel>
  public let priority: Int
  /// Per entry: may a match start with a lower-case token?
  private let allowsLowercase: [Bool]

  /// Creates a recognizer over a matcher.
  ///
  /// - Parameters:
  ///   - matcher: The compiled gazetteers.
  ///   - labels: Report only entries with these labels; `nil` for every label present.
  ///   - priority: Preference over other recognizers' equal-length mentions.
  public init(matcher: GazetteerMatcher, labels: Set<EntityLabel>? = nil, priority: Int = 0) {
    self.matcher = matcher
    var present = Set(matcher.entries.map(\.label))
    present.remove(GazetteerEntry.stopLabel)
    self.labels = labels.map { $0.intersection(present) } ?? present
    self.priority = priority
    self.allowsLowercase = matcher.entries.map { entry in
      entry.attributes["lowercase"] == "allow"
        || entry.name.unicodeScalars.first?.properties.isLowercase == true
    }
  }

  public func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    for match in matcher.matches(in: document) {
      guard let entryIndex = bestEntry(in: match) else { continue }
      let entry = matcher.entries[entryIndex]
      let first = document.tokens[match.tokenRange.lowerBound]
      if !first.shape.isCapitalized && first.kind != .number && !allowsLowercase[entryIndex] {
        continue
      }
      let start = first.utf8Range.lowerBound
      let end = document.tokens[match.tokenRange.upperBound - 1].utf8Range.upperBound
      mentions.append(
        Entity(
          utf8Range: start..<end, label: entry.label, source: "gazetteer:" + entry.sourceName,
          confidence: match.entryIndices.count == 1 ? 0.9 : 0.7, entryID: entry.id,
          canonicalName: entry.name, place: entry.resolvedPlace))
    }
  }

  /// The preferred entry of a match among those with a reported label.
  private func bestEntry(in match: GazetteerMatch) -> Int? {
    var best: Int?
    for index in match.entryIndices where labels.contains(matcher.entries[index].label) {
      guard let current = best else {
        best = index
        continue
      }
      let candidate = matcher.entries[index]
      let incumbent = matcher.entries[current]
      if (candidate.priority, candidate.population ?? -1)
        > (incumbent.priority, incumbent.population ?? -1)
      {
        best = index
      }
    }
    return best
  }
}
