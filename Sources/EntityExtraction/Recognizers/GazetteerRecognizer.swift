/// Finds the entries of a ``GazetteerMatcher`` in text and reports them as mentions.
///
/// Each leftmost-longest match becomes one mention labelled with its entry's type. When
/// several entries match the same text, the one with the highest `priority` attribute
/// wins, then the largest `population`, then the first loaded; `place` mentions carry
/// the winner's ``ResolvedPlace``.
///
/// Names are proper nouns: a match whose first token has lower-case letters but does
/// not start with a capital ("turkey", "chad") is dropped, unless the entry's own name
/// starts in lower case ("al-Shabaab") or the entry has the attribute `lowercase=allow`.
///
/// Places go through `PlaceRules`: a confidence from the place's size and its context,
/// reported at 0.5 or more, and document-level resolution of ambiguous names. When the
/// same words name entries of other types too, the highest `priority`, then `population`,
/// then the first loaded wins among those, and that entry beats a weak place.
public struct GazetteerRecognizer: Recognizer {
  /// The compiled gazetteers.
  public let matcher: GazetteerMatcher
  /// The labels of the entries that are reported; others are ignored.
  public let labels: Set<EntityLabel>
  /// Preference over other recognizers' overlapping mentions of equal length; higher wins.
  public let priority: Int
  /// Per label index of the store: is it reported?
  private let isReported: [Bool]
  /// Per source of the store: its `source` string.
  private let sourceStrings: [String]
  /// Context and resolution rules for places.
  let placeRules: PlaceRules

  /// Creates a recognizer over a matcher.
  ///
  /// - Parameters:
  ///   - matcher: The compiled gazetteers.
  ///   - labels: Report only entries with these labels; `nil` for every label present.
  ///   - priority: Preference over other recognizers' equal-length mentions.
  public init(matcher: GazetteerMatcher, labels: Set<EntityLabel>? = nil, priority: Int = 0) {
    self.init(matcher: matcher, labels: labels, priority: priority, placeRules: PlaceRules())
  }

  /// Creates a recognizer with place context rules.
  init(matcher: GazetteerMatcher, labels: Set<EntityLabel>?, priority: Int, placeRules: PlaceRules) {
    self.placeRules = placeRules
    self.matcher = matcher
    let store = matcher.store
    var present = Set(store.labels)
    present.remove(GazetteerEntry.stopLabel)
    let reported = labels.map { $0.intersection(present) } ?? present
    self.labels = reported
    self.priority = priority
    self.isReported = store.labels.map { reported.contains($0) }
    self.sourceStrings = store.sources.map { source in
      switch source {
      case .file(let raw): return "gazetteer:" + raw.sourceName
      case .memory(let gazetteer): return "gazetteer:" + gazetteer.sourceName
      }
    }
  }

  /// Appends a mention for each leftmost-longest gazetteer match in `document` that
  /// survives the capitalisation and place rules.
  ///
  /// - Complexity: Matching is O(*n* × *k*) for *n* tokens and *k* the token length of
  ///   the longest surface; see ``GazetteerMatcher``.
  public func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    let store = matcher.store
    // Pass 1: every match with its reported, correctly capitalised candidate entries.
    var ranges: [Range<Int>] = []
    var candidateSpans: [Range<Int>] = []
    var candidates: [(entry: Int, byAlias: Bool)] = []
    matcher.forEachMatch(in: document) { tokenRange, entryIndices, byAlias in
      let first = document.tokens[tokenRange.lowerBound]
      let lowercaseStart = first.shape.contains(.hasLower) && !first.shape.isCapitalized
      let start = candidates.count
      for (offset, entry) in entryIndices.enumerated() where isReported[Int(store.labelIndices[entry])] {
        if lowercaseStart && !store.facts[entry].flags.contains(.allowsLowercase) { continue }
        candidates.append((entry, byAlias[byAlias.startIndex + offset]))
      }
      if candidates.count > start {
        ranges.append(tokenRange)
        candidateSpans.append(start..<candidates.count)
      }
    }
    guard !ranges.isEmpty else { return }
    func isMatched(_ tokenIndex: Int) -> Bool {
      var low = 0
      var high = ranges.count
      while low < high {
        let mid = (low + high) / 2
        if ranges[mid].upperBound <= tokenIndex { low = mid + 1 } else { high = mid }
      }
      return low < ranges.count && ranges[low].contains(tokenIndex)
    }
    // The countries and admin1s the document is about: from unambiguous places.
    var documentCountries = Set<UInt16>()
    var documentAdmin1s = Set<UInt32>()
    for span in candidateSpans {
      var onlyPlace: Int?
      var places = 0
      for option in candidates[span] where store.label(of: option.entry) == .place {
        places += 1
        onlyPlace = option.entry
      }
      guard places == 1, let entry = onlyPlace else { continue }
      let facts = store.facts[entry]
      if facts.countryCode != 0 { documentCountries.insert(facts.countryCode) }
      if facts.admin1Hash != 0 { documentAdmin1s.insert(facts.admin1Hash) }
    }
    // Pass 2: choose an entry for each match and decide whether to report it. Scoring
    // reads only the compact facts; strings are made for the reported entry alone, once
    // per document (a place is often named again).
    var factsMemo: [Int: (facts: GazetteerStore.MentionFacts, attributes: [String: String])] = [:]
    func mentionFacts(of entry: Int) -> (facts: GazetteerStore.MentionFacts, attributes: [String: String]) {
      if let known = factsMemo[entry] { return known }
      let facts = store.mentionFacts(of: entry)
      // A place's country is in its `place`; other entries report it as an attribute.
      let attributes = facts.place != nil ? [:] : facts.country.map { ["country": $0] } ?? [:]
      factsMemo[entry] = (facts, attributes)
      return (facts, attributes)
    }
    for (range, span) in zip(ranges, candidateSpans) {
      let options = candidates[span]
      var bestPlace: (entry: Int, score: Double, byAlias: Bool)?
      var bestOther: Int?
      let designator = options.count > 1 ? placeRules.designator(after: range, in: document) : .none
      for option in options {
        if store.label(of: option.entry) != .place {
          if let current = bestOther, !isPreferred(option.entry, over: current, in: store) { continue }
          bestOther = option.entry
          continue
        }
        let facts = store.facts[option.entry]
        var score = option.byAlias ? 0 : 1.0
        if facts.countryCode != 0, documentCountries.contains(facts.countryCode) { score += 2 }
        if facts.admin1Hash != 0, documentAdmin1s.contains(facts.admin1Hash) { score += 1 }
        let isSubdivision = facts.isSubdivision
        // A country's name is the country; subdivisions and cities outrank villages.
        if facts.placeKind == .country { score += 3 }
        if PlaceRules.isStrong(facts) { score += 1 }
        let isDistrict = facts.placeKind == .district
        let isSettlement = !isSubdivision && !isDistrict && facts.placeKind != .country
        switch designator {
        case .subdivision: score += isSubdivision ? 1.5 : 0
        case .district: score += isDistrict ? 3 : isSettlement ? 0.5 : 0
        case .settlement: score += isSettlement ? 1.5 : 0
        case .none: score += isSettlement ? 0.3 : 0
        }
        if facts.population > 0 {
          // log10 from the binary length: the prior only needs orders of magnitude.
          let population = facts.population
          score += Double(population.bitWidth - population.leadingZeroBitCount) * 0.30103 / 7
        }
        score += Double(facts.priority) * 10
        if bestPlace == nil || score > bestPlace?.score ?? 0 {
          bestPlace = (option.entry, score, option.byAlias)
        }
      }
      let start = document.tokens[range.lowerBound].utf8Range.lowerBound
      let end = document.tokens[range.upperBound - 1].utf8Range.upperBound
      if let best = bestPlace {
        let facts = store.facts[best.entry]
        // Another type's entry for the same words beats a weak place.
        let otherWins = bestOther != nil && !PlaceRules.isStrong(facts)
        if !otherWins {
          let confidence = placeRules.confidence(
            of: facts, byAlias: best.byAlias, at: range, in: document, isMatched: isMatched)
          if confidence >= 0.5 {
            let mention = mentionFacts(of: best.entry).facts
            mentions.append(
              Entity(
                utf8Range: start..<end, label: .place, source: source(of: best.entry),
                confidence: confidence, entryID: mention.id, canonicalName: mention.name,
                place: mention.place))
          }
          continue
        }
      }
      if let other = bestOther {
        let (facts, attributes) = mentionFacts(of: other)
        mentions.append(
          Entity(
            utf8Range: start..<end, label: store.label(of: other), source: source(of: other),
            confidence: options.count == 1 ? 0.9 : 0.7, entryID: facts.id, canonicalName: facts.name,
            place: facts.place, attributes: attributes))
      }
    }
  }

  /// The `source` string of an entry.
  private func source(of entry: Int) -> String {
    let store = matcher.store
    let sourceIndex = Int(store.refs[entry].source)
    if case .memory = store.sources[sourceIndex] { return "gazetteer:" + store.sourceName(of: entry) }
    return sourceStrings[sourceIndex]
  }

  /// Whether `candidate` ranks above `incumbent`: higher priority, then population; the
  /// first loaded wins ties.
  private func isPreferred(_ candidate: Int, over incumbent: Int, in store: GazetteerStore) -> Bool {
    let a = store.facts[candidate]
    let b = store.facts[incumbent]
    return (a.priority, a.population) > (b.priority, b.population)
  }
}
