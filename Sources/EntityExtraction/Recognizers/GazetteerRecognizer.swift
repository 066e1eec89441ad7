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
  /// Per entry: is its label reported?
  private let isReported: [Bool]
  /// Per entry: `priority` then `population`, compared when names are shared.
  private let ranks: [Rank]
  /// Per entry: the mention it produces, but for its range (built once, copied per match).
  private let templates: [Entity]

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
    let reported = self.labels
    self.isReported = matcher.entries.map { reported.contains($0.label) }
    self.ranks = matcher.entries.map { Rank(priority: $0.priority, population: $0.population ?? -1) }
    self.templates = matcher.entries.map { entry in
      Entity(
        utf8Range: 0..<0, label: entry.label, source: "gazetteer:" + entry.sourceName,
        confidence: 0.9, entryID: entry.id, canonicalName: entry.name, place: entry.resolvedPlace)
    }
    self.allowsLowercase = matcher.entries.map { entry in
      entry.attributes["lowercase"] == "allow"
        || entry.name.unicodeScalars.first?.properties.isLowercase == true
    }
  }

  public func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    matcher.forEachMatch(in: document) { tokenRange, entryIndices in
      guard let entryIndex = bestEntry(among: entryIndices) else { return }
      let first = document.tokens[tokenRange.lowerBound]
      if first.shape.contains(.hasLower) && !first.shape.isCapitalized && !allowsLowercase[entryIndex] {
        return
      }
      var mention = templates[entryIndex]
      mention.utf8Range = first.utf8Range.lowerBound..<document.tokens[tokenRange.upperBound - 1].utf8Range.upperBound
      if entryIndices.count > 1 { mention.confidence = 0.7 }
      mentions.append(mention)
    }
  }

  /// The preferred entry of a match among those with a reported label.
  @inline(__always)
  private func bestEntry(among entryIndices: ArraySlice<Int>) -> Int? {
    var best: Int?
    for index in entryIndices where isReported[index] {
      if let current = best, ranks[index] <= ranks[current] { continue }
      best = index
    }
    return best
  }
}

/// How strongly an entry is preferred when several match the same text.
private struct Rank: Comparable {
  var priority: Int
  var population: Int
  static func < (lhs: Rank, rhs: Rank) -> Bool {
    (lhs.priority, lhs.population) < (rhs.priority, rhs.population)
  }
}
