/// The context rules that decide whether a gazetteer place name in text is a place, and
/// which place it is.
///
/// A 235,000-name gazetteer is full of words that are not places in a given sentence
/// ("Police" in Poland, "Taliban" in Turkey, "Gul" in Uganda). Each candidate gets a
/// confidence from what it is and what surrounds it, and is reported only at 0.5 or
/// more:
///
/// | evidence | effect |
/// |---|---|
/// | a country | base 0.95 |
/// | an ISO 3166-2 subdivision, or a city of 100,000 or more | base 0.85 |
/// | a district (`kind=district`) | base 0.8 |
/// | a town (5,000 or more) | base 0.7 |
/// | a village or a place of unknown size | base 0.6 |
/// | a `before` word ("in", "near", "from") | + its weight (0.2) |
/// | an `after` word ("district", "province", "border") | + its weight (0.3) |
/// | a dateline: all capitals at the start of a line, before a comma | + 0.3 |
/// | a title just before ("General", "Mr", "spokesman") | + its weight (−0.6) |
/// | a reporting verb just after ("said"), for all but countries and big cities | + its weight (−0.4) |
/// | a capitalised word just before or after that is no place: part of a longer name | − 0.3 (weak places only; not in all-capitals headlines) |
/// | `common_word=1` or `person_name=1` (Tank, Sharif) | − 0.35, and − 0.3 more first in a sentence without a context word |
/// | the first word of a sentence (not a dateline), weak places only | − 0.1 |
/// | only an alias of a weak place (not a district) matched, not its name | − 0.15 |
///
/// The context words are the entries of type `place_context` (`Gazetteers/places/context.tsv`).
///
/// **Resolution.** When a name has several places ("Hyderabad" in Sindh and in
/// Telangana), `PlaceResolver` chooses one: a qualifier beside the name ("Hyderabad,
/// Pakistan"), the document's other places, and the candidates' size and kind, with the
/// weights of `Gazetteers/places/resolution.tsv`. A reported place's confidence is the one
/// above (plus a qualifier's cue) times the certainty of that choice. When the same words
/// also name an entry of another type (an organization), that entry wins over a weak place.
struct PlaceRules: Sendable {
  /// The lexicon type of the context words.
  static let contextLabel = EntityLabel(rawValue: "place_context")

  private var before = TokenMap<Double>()
  private var after = TokenMap<Double>()
  private var personBefore = TokenMap<Double>()
  private var personAfter = TokenMap<Double>()
  /// The words a qualifier pattern reads (``QualifierWord``), by token ID.
  private(set) var qualifierWords = TokenMap<QualifierWord>()
  /// The designator words (``designator(spelling:)``), by token ID; empty for rules made
  /// without a vocabulary.
  private var designators = TokenMap<Designator>()

  /// The role of a word in the qualifier patterns of place resolution.
  struct QualifierWord: OptionSet, Sendable {
    var rawValue: UInt8
    /// "in": "Valencia in Venezuela".
    static let preposition = QualifierWord(rawValue: 1)
    /// "of": "the Indian city of Hyderabad", "the capital of Telangana".
    static let of = QualifierWord(rawValue: 2)
    /// "the", "a", "an": "Tbilisi, the Georgian capital".
    static let article = QualifierWord(rawValue: 4)
    /// A possessive "'s": "Ohio's largest city".
    static let possessive = QualifierWord(rawValue: 8)
    /// A word that names a kind of place (`role=kind_noun`): "city", "capital", "state".
    static let kindNoun = QualifierWord(rawValue: 16)
    /// "and", "or": "Augusta and Macon".
    static let coordinator = QualifierWord(rawValue: 32)
  }

  /// Builds the rules from `place_context` entries, adding their words (and the few
  /// grammar words of the qualifier patterns) to `vocabulary`.
  ///
  /// - Throws: ``GazetteerError`` for an entry without a known `role`, or without a numeric
  ///   `weight` where its role needs one.
  init(lexicon: [GazetteerEntry], vocabulary: inout Vocabulary) throws(GazetteerError) {
    for entry in lexicon {
      let role = entry.attributes["role"]
      if role == "kind_noun" {
        for surface in entry.surfaces {
          let id = vocabulary.insert(folded: FoldedKey.fold(surface.text)).rawValue
          qualifierWords[id] = (qualifierWords[id] ?? []).union(.kindNoun)
        }
        continue
      }
      guard let weightText = entry.attributes["weight"], let weight = Double(weightText) else {
        throw GazetteerError(
          .invalidAttributeValue(key: "weight", value: entry.attributes["weight"] ?? "", expected: "a number"),
          sourceName: entry.sourceName, line: entry.line)
      }
      for surface in entry.surfaces {
        let id = vocabulary.insert(folded: FoldedKey.fold(surface.text)).rawValue
        switch role {
        case "before": before[id] = weight
        case "after": after[id] = weight
        case "person_before": personBefore[id] = weight
        case "person_after": personAfter[id] = weight
        default:
          throw GazetteerError(
            .invalidAttributeValue(
              key: "role", value: role ?? "",
              expected: "before, after, person_before, person_after or kind_noun"),
            sourceName: entry.sourceName, line: entry.line)
        }
      }
    }
    // Grammar, not vocabulary: the patterns themselves name these words.
    let grammar: [(String, QualifierWord)] = [
      ("in", .preposition), ("of", .of), ("the", .article), ("a", .article), ("an", .article),
      ("'s", .possessive), ("and", .coordinator), ("or", .coordinator),
    ]
    for (word, role) in grammar {
      let id = vocabulary.insert(folded: FoldedKey.fold(word)).rawValue
      qualifierWords[id] = (qualifierWords[id] ?? []).union(role)
    }
    // Every designator word gets an ID, so that a word without one is none.
    for (word, designator) in Self.designatorWords {
      designators[vocabulary.insert(folded: FoldedKey.fold(word.description)).rawValue] = designator
    }
  }

  /// Rules with no context words.
  init() {}

  /// How much a candidate's size and kind make it a place before any context.
  static func baseConfidence(_ facts: EntryFacts) -> Double {
    if facts.placeKind == .country { return 0.95 }
    if facts.isSubdivision { return 0.85 }
    if facts.placeKind == .district { return 0.8 }
    switch facts.population {
    case 100_000...: return 0.85
    case 5_000...: return 0.7
    default: return 0.6
    }
  }

  /// Whether a place is strong evidence by itself: a country, a subdivision or a city.
  static func isStrong(_ facts: EntryFacts) -> Bool {
    baseConfidence(facts) >= 0.85
  }

  /// The confidence that tokens `range` of `document` name the place with `facts`;
  /// `cue` is added as a context word's weight would be (a qualifier beside the name).
  func confidence(
    of facts: EntryFacts, byAlias: Bool, at range: Range<Int>, in document: TokenizedText, cue: Double = 0,
    isMatched: (Int) -> Bool
  ) -> Double {
    let tokens = document.tokens
    let strong = Self.isStrong(facts)
    var score = Self.baseConfidence(facts) + cue
    var positiveCue = cue > 0
    let first = tokens[range.lowerBound]
    let previous = range.lowerBound > 0 ? tokens[range.lowerBound - 1] : nil
    let next = range.upperBound < tokens.count ? tokens[range.upperBound] : nil
    var startsSentence = previous == nil || first.flags.contains(.lineStart)
      || (previous.map { $0.kind == .punctuation && document.isSentenceEnd($0) } ?? false)
    if let previous {
      let cue = before[previous.rawID] ?? 0
      score += cue
      positiveCue = positiveCue || cue > 0
      score += personBefore[previous.rawID] ?? 0
    }
    if let next {
      let cue = after[next.rawID] ?? 0
      score += cue
      positiveCue = positiveCue || cue > 0
      if !strong || facts.placeKind != .country && facts.population < 100_000 {
        score += personAfter[next.rawID] ?? 0
      }
    }
    // A dateline: "QUETTA, Pakistan —" at the start of a line. Its first word starts a
    // line but is no sentence-initial capital: no penalty for that.
    if first.flags.contains(.lineStart) && first.shape.isAllCaps, let next,
      document.isComma(next)
    {
      score += 0.3
      startsSentence = false
    }
    // In an all-capitals headline capitalisation says nothing about neighbours.
    let capitalsLine = first.shape.isAllCaps
    if !strong {
      // Only a GeoNames alternate name of a small place matched ("Taliban", a Turkish
      // village); curated spellings of districts are not penalised.
      if byAlias && facts.placeKind != .district { score -= 0.15 }
      // Part of a longer capitalised name ("Abdul Gul Khan").
      if let previous, !startsSentence, !capitalsLine, previous.kind == .word,
        previous.shape.isCapitalized, !isMatched(range.lowerBound - 1), before[previous.rawID] == nil
      {
        score -= 0.3
      }
      if let next, !capitalsLine, next.kind == .word, next.shape.isCapitalized,
        !next.flags.contains(.lineStart), !isMatched(range.upperBound), after[next.rawID] == nil
      {
        score -= 0.3
      }
      if startsSentence { score -= 0.1 }
    }
    if facts.flags.contains(.commonWord) || facts.flags.contains(.personName) {
      score -= 0.35
      // A capital at a sentence start says nothing, unless context says "place".
      if startsSentence && !positiveCue { score -= 0.3 }
    }
    return min(1, max(0, score))
  }

  /// What the word after a name asks the name to be.
  enum Designator { case none, subdivision, district, settlement }

  /// The designator after a name: "province" asks for a subdivision, "district" for a
  /// district, "city"/"town"/"village" for a settlement.
  ///
  /// - Complexity: O(1) for a word of the vocabulary (a lookup of ``designators``).
  func designator(after range: Range<Int>, in document: TokenizedText) -> Designator {
    guard range.upperBound < document.tokens.count else { return .none }
    let id = document.tokens[range.upperBound].rawID
    if id != Token.noID, designators.count > 0 { return designators[id] ?? .none }
    return spelledDesignator(after: range, in: document)
  }

  /// ``designator(after:in:)`` read from the word's spelling.
  private func spelledDesignator(after range: Range<Int>, in document: TokenizedText) -> Designator {
    guard range.upperBound < document.tokens.count else { return .none }
    let token = document.tokens[range.upperBound]
    // A known word's folded key is its vocabulary spelling: read those bytes, no `String`.
    guard token.rawID == Token.noID else {
      return document.vocabulary.withSpelling(ofRawID: token.rawID, Self.designator(spelling:))
    }
    // An unknown word is folded into a buffer, as `FoldedKey` folds it, and its bytes
    // compared: a folded `String` of it cost two `String`s and a buffer (about 2,800
    // instructions).
    var fold = FoldBuffer()
    return document.withUTF8 { text in
      _ = fold.fold(UnsafeBufferPointer(rebasing: text[token.utf8Range]))
      return fold.withFolded(Self.designator(spelling:))
    }
  }

  /// The designator words: "province" asks for a subdivision, "district" for a district,
  /// "city" for a settlement.
  static let designatorWords: [(word: StaticString, designator: Designator)] = [
    ("province", .subdivision), ("provinces", .subdivision), ("region", .subdivision),
    ("state", .subdivision), ("governorate", .subdivision), ("oblast", .subdivision),
    ("district", .district), ("districts", .district), ("tehsil", .district),
    ("city", .settlement), ("town", .settlement), ("village", .settlement),
  ]

  /// The designator a folded spelling's UTF-8 bytes are, or `.none`.
  static func designator(spelling: UnsafeBufferPointer<UInt8>) -> Designator {
    for (word, designator) in designatorWords where RawGazetteer.equal(spelling, word) { return designator }
    return .none
  }
}

extension TokenizedText {
  /// Whether a punctuation token ends a sentence: `.`, `!`, `?` or `…`.
  func isSentenceEnd(_ token: Token) -> Bool {
    withUTF8 { bytes in
      let first = bytes[token.utf8Range.lowerBound]
      return first == UInt8(ascii: ".") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?")
        || (first == 0xE2 && token.utf8Range.count == 3 && bytes[token.utf8Range.lowerBound + 2] == 0xA6)
    }
  }

  /// Whether a token is a comma.
  func isComma(_ token: Token) -> Bool {
    token.utf8Range.count == 1 && withUTF8 { $0[token.utf8Range.lowerBound] == UInt8(ascii: ",") }
  }
}
