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
  /// Per label index of the store: whether its entries are reported, and as places or
  /// not (decided here once, so that matching compares no label strings).
  private let roles: [LabelRole]
  /// Per source of the store: its `source` string.
  private let sourceStrings: [String]
  /// Context and resolution rules for places.
  let placeRules: PlaceRules
  /// The weights and tables of place resolution.
  let resolution: PlaceResolutionTables

  /// Creates a recognizer over a matcher.
  ///
  /// - Parameters:
  ///   - matcher: The compiled gazetteers.
  ///   - labels: Report only entries with these labels; `nil` for every label present.
  ///   - priority: Preference over other recognizers' equal-length mentions.
  public init(matcher: GazetteerMatcher, labels: Set<EntityLabel>? = nil, priority: Int = 0) {
    self.init(
      matcher: matcher, labels: labels, priority: priority, placeRules: PlaceRules(),
      placeWeights: PlaceWeights())
  }

  /// Creates a recognizer with place context rules and resolution weights.
  init(
    matcher: GazetteerMatcher, labels: Set<EntityLabel>?, priority: Int, placeRules: PlaceRules,
    placeWeights: PlaceWeights
  ) {
    self.placeRules = placeRules
    self.matcher = matcher
    let store = matcher.store
    self.resolution = PlaceResolutionTables(store: store, weights: placeWeights)
    var present = Set(store.labels)
    present.remove(GazetteerEntry.stopLabel)
    let reported = labels.map { $0.intersection(present) } ?? present
    self.labels = reported
    self.priority = priority
    self.roles = store.labels.map { label -> LabelRole in
      if !reported.contains(label) { return .ignored }
      return label == .place ? .place : .other
    }
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
    // The matches the extractor found once for all its recognizers, or this matcher's
    // own: the same matches either way, read from flat arrays without a closure per match.
    let shared: SharedGazetteerMatches
    if let found = document.sharedMatches, found.matcher == ObjectIdentifier(matcher.identity) {
      shared = found
    } else {
      shared = matcher.sharedMatches(in: document)
    }
    // Pass 1: every match with its reported, correctly capitalised candidate entries.
    var ranges: [Range<Int>] = []
    var candidateSpans: [Range<Int>] = []
    var sharedIndices: [Int32] = []
    var candidates: [GazetteerCandidate] = []
    ranges.reserveCapacity(shared.ranges.count)
    candidateSpans.reserveCapacity(shared.ranges.count)
    sharedIndices.reserveCapacity(shared.ranges.count)
    candidates.reserveCapacity(shared.entries.count)
    for match in shared.ranges.indices {
      let tokenRange = shared.ranges[match]
      let first = document.tokens[tokenRange.lowerBound]
      let lowercaseStart = first.shape.contains(.hasLower) && !first.shape.isCapitalized
      let start = candidates.count
      for position in shared.bounds[match]..<shared.bounds[match + 1] {
        let entry = shared.entries[position]
        let role = roles[Int(store.labelIndices[entry])]
        if role == .ignored { continue }
        if lowercaseStart && !store.facts[entry].flags.contains(.allowsLowercase) { continue }
        candidates.append(
          GazetteerCandidate(entry: entry, byAlias: shared.byAlias[position], isPlace: role == .place))
      }
      if candidates.count > start {
        ranges.append(tokenRange)
        candidateSpans.append(start..<candidates.count)
        sharedIndices.append(Int32(match))
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
    // Choose a place for each match (see `PlaceResolver`).
    let resolver = PlaceResolver(
      store: store, tables: resolution, rules: self.placeRules, document: document, shared: shared,
      ranges: ranges, spans: candidateSpans, sharedIndices: sharedIndices, candidates: candidates)
    // Bound here, so that the local functions below capture these and not the whole
    // recognizer (a closure made of them copied it on every call).
    let placeRules = self.placeRules
    let weights = resolution.weights
    // Whether a match is joined by "and" or "or" to a neighbouring match that is
    // a place by itself ("Augusta and Macon"): its largest place candidate, without this
    // cue, at 0.5 or more.
    func isCoordinated(_ match: Int) -> Bool {
      let tokens = document.tokens
      let range = ranges[match]
      func hasPlace(_ other: Int) -> Bool {
        var largest = -1
        for position in candidateSpans[other] {
          if !candidates[position].isPlace { return false }
          if largest < 0 || store.facts[candidates[position].entry].population
            > store.facts[candidates[largest].entry].population
          {
            largest = position
          }
        }
        guard largest >= 0 else { return false }
        let confidence = placeRules.confidence(
          of: store.facts[candidates[largest].entry], byAlias: candidates[largest].byAlias,
          at: ranges[other], in: document, isMatched: isMatched)
        return confidence >= 0.5
      }
      func joins(_ index: Int) -> Bool {
        (placeRules.qualifierWords[tokens[index].rawID] ?? []).contains(.coordinator)
      }
      if match > 0, range.lowerBound >= 2, ranges[match - 1].upperBound == range.lowerBound - 1,
        joins(range.lowerBound - 1), hasPlace(match - 1)
      {
        return true
      }
      return match + 1 < ranges.count && ranges[match + 1].lowerBound == range.upperBound + 1
        && joins(range.upperBound) && hasPlace(match + 1)
    }
    // The confidence that a match names a place, or nil when another type's entry wins.
    func placeness(_ match: Int, _ position: Int, _ qualifierCue: Double) -> Double? {
      let facts = store.facts[candidates[position].entry]
      if !PlaceRules.isStrong(facts) && candidateSpans[match].contains(where: { !candidates[$0].isPlace }) {
        return nil
      }
      let cue = qualifierCue + (isCoordinated(match) ? weights.coordinatedPlace : 0)
      return placeRules.confidence(
        of: facts, byAlias: candidates[position].byAlias, at: ranges[match], in: document, cue: cue,
        isMatched: isMatched)
    }
    let choices = resolver.resolve(placeness: placeness)
    // Pass 2: decide whether to report each match. An entry's strings are made into a
    // template mention on its first report in the document (a place is often named
    // again), which later mentions copy.
    var templates = MentionTemplates(capacity: ranges.count)
    // At most one mention per match; grown geometrically, so repeated calls stay linear.
    if mentions.capacity < mentions.count + ranges.count {
      mentions.reserveCapacity(max(mentions.count + ranges.count, 2 * mentions.capacity))
    }
    for match in ranges.indices {
      let range = ranges[match]
      let span = candidateSpans[match]
      var bestOther: Int?
      for position in span where !candidates[position].isPlace {
        let entry = candidates[position].entry
        if let current = bestOther, !isPreferred(entry, over: current, in: store) { continue }
        bestOther = entry
      }
      let start = document.tokens[range.lowerBound].utf8Range.lowerBound
      let end = document.tokens[range.upperBound - 1].utf8Range.upperBound
      let choice = choices[match]
      if choice.position >= 0 {
        let best = candidates[choice.position]
        let facts = store.facts[best.entry]
        // Another type's entry for the same words beats a weak place.
        let otherWins = bestOther != nil && !PlaceRules.isStrong(facts)
        if !otherWins {
          let confidence =
            choice.placeness.isNaN ? placeness(match, choice.position, choice.cue) ?? 0 : choice.placeness
          if confidence >= 0.5 {
            mentions.append(
              mention(
                of: best.entry, isPlace: true, utf8Range: start..<end,
                confidence: confidence * resolver.certainty(of: choice.kind), templates: &templates))
          }
          continue
        }
      }
      if let other = bestOther {
        mentions.append(
          mention(
            of: other, isPlace: false, utf8Range: start..<end, confidence: span.count == 1 ? 0.9 : 0.7,
            templates: &templates))
      }
    }
  }

  /// A mention of `entry` over `utf8Range`: a copy of the entry's template, made on its
  /// first mention in the document.
  private func mention(
    of entry: Int, isPlace: Bool, utf8Range: Range<Int>, confidence: Double,
    templates: inout MentionTemplates
  ) -> Entity {
    let found = templates.position(of: entry)
    let position: Int
    if let known = found.position {
      position = known
    } else {
      position = templates.add(template(of: entry, isPlace: isPlace), for: entry, at: found.slot)
    }
    return templates.mention(from: position, utf8Range: utf8Range, confidence: confidence)
  }

  /// What every mention of `entry` says besides its range and confidence: label, source,
  /// ID, canonical name, and the place (for places) or the `country` attribute (others).
  private func template(of entry: Int, isPlace: Bool) -> Entity {
    let store = matcher.store
    // Bound one by one, each value moves into the mention at its last use: read as
    // fields of the whole tuple, the `ResolvedPlace?` was copied (twice, through generic
    // value witnesses) and the tuple destroyed afterwards.
    let (id, name, place, country) = store.mentionFacts(of: entry)
    if isPlace {
      return Entity(
        utf8Range: 0..<0, label: .place, source: source(of: entry), entryID: id, canonicalName: name,
        place: place)
    }
    // A place's country is in its `place`; other entries report it as an attribute.
    let attributes = place != nil ? [:] : country.map { ["country": $0] } ?? [:]
    return Entity(
      utf8Range: 0..<0, label: store.label(of: entry), source: source(of: entry), entryID: id,
      canonicalName: name, place: place, attributes: attributes)
  }

  /// The `source` string of an entry.
  private func source(of entry: Int) -> String {
    let sourceIndex = Int(matcher.store.refs[entry].source)
    if matcher.store.files[sourceIndex] == nil { return "gazetteer:" + matcher.store.sourceName(of: entry) }
    return sourceStrings[sourceIndex]
  }

  /// Whether `candidate` ranks above `incumbent`: higher priority, then population; the
  /// first loaded wins ties.
  private func isPreferred(_ candidate: Int, over incumbent: Int, in store: GazetteerStore) -> Bool {
    let a = store.facts[candidate]
    let b = store.facts[incumbent]
    return (a.priority, a.population) > (b.priority, b.population)
  }

  /// What the recognizer does with the entries of one label.
  private enum LabelRole: UInt8, Sendable {
    /// Not reported: not asked for, or `stop`.
    case ignored
    /// Reported as places, through the place rules.
    case place
    /// Reported with their own label.
    case other
  }
}

/// One document's template mention per reported entry: the strings of
/// `GazetteerStore.mentionFacts(of:)` are cut once per entry, and each mention copies
/// its entry's template, found by open addressing on the entry index (no `Hasher`).
private struct MentionTemplates {
  /// Per slot: a position in `templates` + 1, or 0 when free; at least twice as many
  /// slots as templates.
  private var slots: [Int32]
  /// The entry of each template.
  private var entries: [Int] = []
  /// The mentions copied, with an empty range and no confidence.
  private var templates: [Entity] = []

  /// An empty table for at most `capacity` entries.
  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = [Int32](repeating: 0, count: size)
    // Room for every template at once: grown from empty, the arrays were reallocated
    // about six times a document, each time moving the templates made so far.
    entries.reserveCapacity(capacity)
    templates.reserveCapacity(capacity)
  }

  /// The position of `entry`'s template, or `nil` and the free slot where it goes.
  func position(of entry: Int) -> (position: Int?, slot: Int) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: entry) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while slots[slot] != 0 {
      let position = Int(slots[slot]) - 1
      if entries[position] == entry { return (position, slot) }
      slot = (slot + 1) & mask
    }
    return (nil, slot)
  }

  /// Adds the template of an entry that ``position(of:)`` did not find, at the slot it
  /// gave; returns the template's position.
  mutating func add(_ template: consuming Entity, for entry: Int, at slot: Int) -> Int {
    entries.append(entry)
    templates.append(template)
    slots[slot] = Int32(templates.count)
    return templates.count - 1
  }

  /// A copy of template `position` over `utf8Range`, with `confidence`.
  func mention(from position: Int, utf8Range: Range<Int>, confidence: Double) -> Entity {
    var mention = templates[position]
    mention.utf8Range = utf8Range
    mention.confidence = confidence
    return mention
  }
}
