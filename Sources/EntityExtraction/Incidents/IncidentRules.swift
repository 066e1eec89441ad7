/// What the extractor reads to tie casualty counts to their place, date and perpetrator:
/// the cue words (`Gazetteers/incidents/cues.tsv`, type `incident_cue`, plus the casualty
/// outcome words as event words), the grammar words, and the weights
/// (`Gazetteers/incidents/weights.tsv`, type `incident_weight`).
///
/// Built once with the extractor and only read afterwards; each document's linking is an
/// ``IncidentScan``.
final class IncidentRules: Sendable {
  /// The lexicon type of the cue words.
  static let cueLabel = EntityLabel(rawValue: "incident_cue")

  /// What a cue word says; see the header of `Gazetteers/incidents/cues.tsv`.
  enum Role: UInt8, Sendable {
    case none = 0
    /// An event word that is no outcome: "attack", "ambushed", "blast".
    case attack
    /// An outcome word a subject does to victims ("killed", "abducting").
    case agentiveOutcome
    /// Any other outcome word ("died", "the death toll", "missing").
    case outcome
    case statement, claim, claimBy, claimVerb, newEvent, victimLink, origin

    init?(name: String) {
      switch name {
      case "attack": self = .attack
      case "statement": self = .statement
      case "claim": self = .claim
      case "claim_by": self = .claimBy
      case "claim_verb": self = .claimVerb
      case "new_event": self = .newEvent
      case "victim_link": self = .victimLink
      case "origin": self = .origin
      default: return nil
      }
    }

    /// Whether the word tells of the harm itself, or of an attack.
    var isEvent: Bool { self == .attack || self == .agentiveOutcome || self == .outcome }
  }

  /// The cue words and the outcome words, compiled.
  let matcher: GazetteerMatcher
  /// Per matcher entry: its role.
  let roles: [Role]
  /// The grammar words, by raw token ID.
  let words: IncidentWords
  /// The weights and windows.
  let weights: IncidentWeights

  /// Compiles the rules.
  ///
  /// - Parameters:
  ///   - cues: The `incident_cue` entries.
  ///   - outcomes: The `casualty_outcome` entries (their vetoes are left out).
  ///   - weights: The `incident_weight` entries.
  /// - Throws: ``GazetteerError`` naming the file and line of a cue with no known role,
  ///   or of a weight that is no key or no number.
  init(
    cues: [GazetteerEntry], outcomes: [GazetteerEntry], weights: [GazetteerEntry],
    segmenter: WordSegmenter, vocabulary: inout Vocabulary
  ) throws(GazetteerError) {
    var entries: [GazetteerEntry] = []
    var roles: [Role] = []
    for entry in cues {
      guard let role = entry.attributes["role"].flatMap(Role.init(name:)) else {
        throw GazetteerError(
          .invalidAttributeValue(
            key: "role", value: entry.attributes["role"] ?? "",
            expected:
              "one of attack, statement, claim, claim_by, claim_verb, new_event, victim_link, origin"),
          sourceName: entry.sourceName, line: entry.line)
      }
      entries.append(entry)
      roles.append(role)
    }
    for entry in outcomes {
      switch entry.attributes["role"] {
      case "veto", nil: continue
      case "participle", "active": roles.append(.agentiveOutcome)
      default: roles.append(.outcome)
      }
      entries.append(entry)
    }
    self.weights = try IncidentWeights(lexicon: weights)
    self.matcher = GazetteerMatcher(entries: entries, segmenter: segmenter, vocabulary: &vocabulary)
    self.roles = roles
    var words = IncidentWords(vocabulary: &vocabulary)
    words.finish(vocabularySize: vocabulary.count)
    self.words = words
  }

  /// The role of each token of `tokens` (indices relative to its start), from the cue
  /// matches that cover it; `starts` says which tokens begin a cue.
  func roles(in document: TokenizedText, tokens: Range<Int>) -> (roles: [Role], starts: [Bool]) {
    var found = [Role](repeating: .none, count: tokens.count)
    var starts = [Bool](repeating: false, count: tokens.count)
    let roles = self.roles
    matcher.forEachMatch(in: document) { tokenRange, entryIndices in
      guard tokenRange.lowerBound >= tokens.lowerBound, tokenRange.upperBound <= tokens.upperBound
      else { return }
      // One surface under two roles: the first loaded (the cue file before the outcomes).
      let role = roles[entryIndices[entryIndices.startIndex]]
      for token in tokenRange { found[token - tokens.lowerBound] = role }
      starts[tokenRange.lowerBound - tokens.lowerBound] = true
    }
    return (found, starts)
  }
}

/// The grammar words incident linking reads — prepositions, clause words, determiners,
/// negation, abbreviations — each interned once, so that a token's flags are one load by
/// its raw ID. Grammar, not vocabulary a user would extend, so they live in code.
struct IncidentWords: Sendable {
  /// What a word can be; a word may be several.
  struct Flags: OptionSet, Sendable {
    var rawValue: UInt32
    /// in, near, at, outside, north (of)…: a place after it is where something happened.
    static let placePreposition = Flags(rawValue: 1 << 0)
    /// of: a place phrase goes on through it ("the district of Khyber").
    static let of = Flags(rawValue: 1 << 1)
    /// from, to, into, for, with…: a place after it is no event's place.
    static let otherPreposition = Flags(rawValue: 1 << 2)
    /// since, until, by, before, after, from, through, for: a date after it is a bound.
    static let dateBound = Flags(rawValue: 1 << 3)
    /// who, which, that, when, while, because, but…: a new clause.
    static let clause = Flags(rawValue: 1 << 4)
    /// ; ( ) [ ] : — a new clause.
    static let clausePunctuation = Flags(rawValue: 1 << 5)
    /// . ! ? …: a sentence may end.
    static let terminal = Flags(rawValue: 1 << 6)
    /// Closing quotes and brackets, which a sentence end may come after.
    static let closing = Flags(rawValue: 1 << 7)
    static let comma = Flags(rawValue: 1 << 8)
    /// and, or.
    static let conjunction = Flags(rawValue: 1 << 9)
    /// the, a, this, its, their…
    static let determiner = Flags(rawValue: 1 << 10)
    /// the, this, that, these, those: "the attack" refers back.
    static let definite = Flags(rawValue: 1 << 11)
    /// is, are, was, were, be, been, being: a passive, not an agent.
    static let be = Flags(rawValue: 1 << 12)
    /// no, not, never, n't: a claim denied.
    static let negation = Flags(rawValue: 1 << 13)
    /// 's and a bare apostrophe.
    static let possessive = Flags(rawValue: 1 << 14)
    /// Mr, Gen, Dr, Jan, Inc…: a full stop after it ends no sentence.
    static let abbreviation = Flags(rawValue: 1 << 15)
    /// by: the agent of a passive or of an event noun.
    static let by = Flags(rawValue: 1 << 16)
    /// - (every dash folds to it): a new clause when spaced.
    static let dash = Flags(rawValue: 1 << 17)
    /// who, which, that: a relative clause, through which a claim still reads ("the TTP,
    /// which claimed responsibility").
    static let relative = Flags(rawValue: 1 << 18)
  }

  /// `flags[rawID]`; IDs added to the vocabulary later have none.
  private var flags: [Flags] = []
  private var pending: [(UInt32, Flags)] = []

  init(vocabulary: inout Vocabulary) {
    func add(_ words: [String], _ flags: Flags) {
      for word in words {
        pending.append((vocabulary.insert(folded: FoldedKey.fold(word)).rawValue, flags))
      }
    }
    add(
      [
        "in", "near", "at", "outside", "inside", "around", "across", "within", "on",
        "throughout", "along", "north", "south", "east", "west", "northeast", "northwest",
        "southeast", "southwest", "nearby", "beside", "off",
      ], .placePreposition)
    add(["of"], .of)
    add(
      [
        "from", "to", "into", "towards", "toward", "for", "with", "via", "against", "over",
        "under", "than", "like", "about", "between", "among", "amid", "despite", "without",
        "onto", "upon", "during",
      ], .otherPreposition)
    add(["since", "until", "till", "before", "after", "from", "through", "for", "ahead", "by"], .dateBound)
    add(
      [
        "who", "whom", "whose", "which", "that", "when", "while", "whereas", "where", "although",
        "though", "because", "but", "after", "before", "as", "since", "until", "unless", "if",
        "whether", "yet", "whilst", "however",
      ], .clause)
    add(["who", "which", "that"], .relative)
    add([";", "(", ")", "[", "]", ":"], .clausePunctuation)
    add([".", "!", "?", "…"], .terminal)
    add([")", "]", "\"", "”", "’", "'", "»"], .closing)
    add([","], .comma)
    add(["and", "or", "&"], .conjunction)
    add(
      ["the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our"],
      .determiner)
    add(["the", "this", "that", "these", "those"], .definite)
    add(["is", "are", "was", "were", "be", "been", "being", "am", "get", "got"], .be)
    add(["no", "not", "never", "n't", "none", "neither", "nor"], .negation)
    add(["'s", "'"], .possessive)
    add(
      [
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "no", "gov", "sen",
        "rep", "brig", "adm", "prof", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "mt", "ft",
      ], .abbreviation)
    add(["by"], .by)
    add(["-"], .dash)
  }

  /// Sizes the table to the vocabulary: call after every word has been interned. A word
  /// listed under several flags has them all.
  mutating func finish(vocabularySize: Int) {
    flags = [Flags](repeating: [], count: vocabularySize)
    for (id, wordFlags) in pending where Int(id) < vocabularySize {
      flags[Int(id)].formUnion(wordFlags)
    }
    pending = []
  }

  /// The flags of a raw token ID.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func flags(_ rawID: UInt32) -> Flags {
    Int(rawID) < flags.count ? flags[Int(rawID)] : []
  }
}
