extension EntityLabel {
  /// Lexicon type of outcome words ("killed", "lost their lives", "the death toll").
  static let casualtyOutcome = EntityLabel(rawValue: "casualty_outcome")
  /// Lexicon type of victim head nouns ("miners", "a Pakistani driver").
  static let casualtyVictim = EntityLabel(rawValue: "casualty_victim")
  /// Lexicon type of count qualifiers ("at least", "more than", "about").
  static let casualtyQualifier = EntityLabel(rawValue: "casualty_qualifier")
  /// Lexicon type of nouns that are never people ("vehicles", "days", "March").
  static let casualtyThing = EntityLabel(rawValue: "casualty_thing")
}

/// What happened to the people a count refers to: ``CasualtyOutcome`` as a small code.
enum Outcome: UInt8, Sendable {
  case killed, injured, casualties, kidnapped, missing, rescued, arrested

  init?(name: String) {
    switch name {
    case "killed": self = .killed
    case "injured": self = .injured
    case "casualties": self = .casualties
    case "kidnapped": self = .kidnapped
    case "missing": self = .missing
    case "rescued": self = .rescued
    case "arrested": self = .arrested
    default: return nil
    }
  }

  var casualtyOutcome: CasualtyOutcome {
    switch self {
    case .killed: .killed
    case .injured: .injured
    case .casualties: .casualties
    case .kidnapped: .kidnapped
    case .missing: .missing
    case .rescued: .rescued
    case .arrested: .arrested
    }
  }

  /// The outcome of several outcome words joined by "and" or "or".
  ///
  /// "killed or arrested" cannot be told apart: `casualties`. "killed and injured" is
  /// `casualties` too. Other "and" sequences describe one fate in turn ("abducted and
  /// killed", "kidnapped and later released"): the last word wins.
  static func coordinated(_ first: Outcome, _ second: Outcome, disjunctive: Bool) -> Outcome {
    if first == second { return first }
    if disjunctive { return .casualties }
    // Two different outcomes, compared directly rather than as a `Set` built per call.
    if first == .casualties || second == .casualties { return .casualties }
    if (first == .killed && second == .injured) || (first == .injured && second == .killed) {
      return .casualties
    }
    return second
  }
}

/// The victims' group, as `CasualtyCount.group` spells it.
enum VictimGroup: UInt8, Sendable {
  case civilians, security, militants, foreigners, unknown

  init?(name: String) {
    switch name {
    case "civilians": self = .civilians
    case "security": self = .security
    case "militants": self = .militants
    case "foreigners": self = .foreigners
    case "unknown": self = .unknown
    default: return nil
    }
  }

  var name: String {
    switch self {
    case .civilians: "civilians"
    case .security: "security"
    case .militants: "militants"
    case .foreigners: "foreigners"
    case .unknown: "unknown"
    }
  }
}

/// The casualty recognizer's word lists, compiled: one ``GazetteerMatcher`` over every
/// entry of the `casualty_*` lexicon types, and each entry's meaning as plain values.
///
/// The lists live in `Gazetteers/casualties/` (see the header of each file for its
/// attributes), so users extend them with `--gazetteers` like any other gazetteer.
struct CasualtyLexicon: Sendable {
  enum Kind: UInt8, Sendable { case trigger, victim, qualifier, thing }

  /// How an outcome word attaches to a count; see `Gazetteers/casualties/outcomes.tsv`.
  enum Role: UInt8, Sendable {
    case participle, passive, active, intransitive, adjective, nounOf, toll, veto

    init?(name: String) {
      switch name {
      case "participle": self = .participle
      case "passive": self = .passive
      case "active": self = .active
      case "intransitive": self = .intransitive
      case "adjective": self = .adjective
      case "noun_of": self = .nounOf
      case "toll": self = .toll
      case "veto": self = .veto
      default: return nil
      }
    }
  }

  /// What a qualifier does to a count; see `Gazetteers/casualties/qualifiers.tsv`.
  enum Bound: UInt8, Sendable {
    case atLeast, moreThan, upTo, lessThan, approximate, exact

    init?(name: String) {
      switch name {
      case "at_least": self = .atLeast
      case "more_than": self = .moreThan
      case "up_to": self = .upTo
      case "less_than": self = .lessThan
      case "approximate": self = .approximate
      case "exact": self = .exact
      default: return nil
      }
    }
  }

  /// Grammatical number of a victim noun.
  enum Number: UInt8, Sendable { case singular, plural, both }

  /// The meaning of one lexicon entry: only plain values, so reading it is a load.
  struct Meaning: Sendable {
    var kind: Kind
    var outcome: Outcome?
    var role: Role = .participle
    var bound: Bound = .exact
    var number: Number = .both
    /// For victims: `outcome` cannot be overridden by the sentence ("11 casualties").
    var outcomeIsFixed = false
    var group: VictimGroup = .unknown
    var isMonth = false
  }

  /// The compiled surfaces of every entry.
  let matcher: GazetteerMatcher
  /// Per matcher entry: what it means.
  let meanings: [Meaning]
  /// Per matcher entry: its name, reported as `victims` for victim nouns.
  let names: [String]
  /// For every token ID that starts a surface: the entry a token with that ID matches on
  /// its own (the ``preferredEntry(_:meanings:)`` of its entries), or ``needsWalk`` when a
  /// longer or a case-sensitive surface starts with it; IDs that start no surface are
  /// absent. `nil` when a `stop` entry is among the entries (whose suppression of a
  /// longer match only the matcher's own leftmost-longest walk reproduces); the casualty
  /// types never have one.
  let singleTokenEntries: TokenMap<Int32>?
  /// The value of ``singleTokenEntries`` for an ID from which the trie must be walked.
  static let needsWalk: Int32 = -1

  /// Compiles the entries of the casualty lexicon types.
  ///
  /// - Throws: ``GazetteerError`` naming the file and line of an entry whose attributes
  ///   are missing or not one of the documented values.
  init(entries: [GazetteerEntry], segmenter: WordSegmenter, vocabulary: inout Vocabulary)
    throws(GazetteerError)
  {
    try self.init(entries: Lexicon(entries: entries), segmenter: segmenter, vocabulary: &vocabulary)
  }

  /// Compiles a lexicon of the casualty types (its matcher from a compiled file when it
  /// has it).
  init(entries lexicon: Lexicon, segmenter: WordSegmenter, vocabulary: inout Vocabulary)
    throws(GazetteerError)
  {
    let entries = lexicon.entries
    var meanings: [Meaning] = []
    meanings.reserveCapacity(entries.count)
    for entry in entries {
      meanings.append(try Self.meaning(of: entry))
    }
    self.meanings = meanings
    self.names = entries.map(\.name)
    let matcher = lexicon.matcher(segmenter: segmenter, vocabulary: &vocabulary)
    var singles: TokenMap<Int32>?
    if !entries.contains(where: { $0.label == GazetteerEntry.stopLabel }) {
      var map = TokenMap<Int32>()
      matcher.singleTokenMatches { id, entryIndices in
        guard let entryIndices, !entryIndices.isEmpty else { return map[id] = Self.needsWalk }
        map[id] = Int32(Self.preferredEntry(entryIndices[...], meanings: meanings))
      }
      singles = map
    }
    self.matcher = matcher
    self.singleTokenEntries = singles
  }

  /// Of the entries that share a surface (in load order), the one the rules read: an
  /// outcome before a victim, a qualifier, a thing (``Kind`` order); the first among equals.
  ///
  /// `meanings` is the array or a buffer over it (``CasualtyScan`` walks with a buffer, which
  /// a closure captures without retaining it).
  static func preferredEntry<Meanings: RandomAccessCollection<Meaning>>(
    _ entryIndices: ArraySlice<Int>, meanings: Meanings
  ) -> Int where Meanings.Index == Int {
    var best = entryIndices[entryIndices.startIndex]
    for entry in entryIndices where meanings[entry].kind.rawValue < meanings[best].kind.rawValue {
      best = entry
    }
    return best
  }

  private static func meaning(of entry: GazetteerEntry) throws(GazetteerError) -> Meaning {
    func invalid(_ key: String, _ expected: String) -> GazetteerError {
      GazetteerError(
        .invalidAttributeValue(key: key, value: entry.attributes[key] ?? "", expected: expected),
        sourceName: entry.sourceName, line: entry.line)
    }
    let outcomes = "one of killed, injured, casualties, kidnapped, missing, rescued, arrested"
    switch entry.label {
    case .casualtyOutcome:
      guard let role = entry.attributes["role"].flatMap(Role.init(name:)) else {
        throw invalid(
          "role", "one of participle, passive, active, intransitive, adjective, noun_of, toll, veto"
        )
      }
      var meaning = Meaning(kind: .trigger, role: role)
      if role != .veto {
        guard let outcome = entry.attributes["outcome"].flatMap(Outcome.init(name:)) else {
          throw invalid("outcome", outcomes)
        }
        meaning.outcome = outcome
      }
      return meaning
    case .casualtyVictim:
      guard let group = entry.attributes["group"].flatMap(VictimGroup.init(name:)) else {
        throw invalid("group", "one of civilians, security, militants, foreigners, unknown")
      }
      let number: Number
      switch entry.attributes["number"] {
      case "singular": number = .singular
      case "plural": number = .plural
      case "both": number = .both
      default: throw invalid("number", "one of singular, plural, both")
      }
      var meaning = Meaning(kind: .victim, number: number, group: group)
      if let fixed = entry.attributes["outcome"] {
        guard let outcome = Outcome(name: fixed) else { throw invalid("outcome", outcomes) }
        meaning.outcome = outcome
        meaning.outcomeIsFixed = true
      } else if let fallback = entry.attributes["default_outcome"] {
        guard let outcome = Outcome(name: fallback) else {
          throw invalid("default_outcome", outcomes)
        }
        meaning.outcome = outcome
      }
      return meaning
    case .casualtyQualifier:
      guard let bound = entry.attributes["bound"].flatMap(Bound.init(name:)) else {
        throw invalid("bound", "one of at_least, more_than, up_to, less_than, approximate, exact")
      }
      return Meaning(kind: .qualifier, bound: bound)
    default:
      var meaning = Meaning(kind: .thing)
      if let role = entry.attributes["role"] {
        guard role == "month" else { throw invalid("role", "month (or no role)") }
        meaning.isMonth = true
      }
      return meaning
    }
  }
}

/// The closed-class words the casualty rules read — auxiliaries, prepositions,
/// determiners, conjunctions, punctuation — each interned once, so that a token's class
/// is one array load by its raw ID.
///
/// These are grammar, not vocabulary a user would extend, so they live in code; the
/// content words (outcomes, victims, qualifiers, things) are gazetteer entries.
struct CasualtyWords: Sendable {
  enum Class: UInt8, Sendable {
    case none = 0
    /// be, have, get, modals, copulas that take an adjective ("remain missing").
    case auxiliary
    /// "being": an auxiliary that may follow "before"/"after"/"while".
    case being
    /// not, never, wasn't…: the outcome is denied.
    case negation
    /// Adverbs that may sit between a count and its verb ("either", "reportedly").
    case adverb
    case preposition
    case determiner
    case and
    case or
    /// but, yet: a new clause.
    case but
    /// when, after, while…: a new clause unless "being" follows.
    case subordinator
    /// who, which, that.
    case relative
    /// him, them, it…: an object after a verb.
    case pronoun
    /// he, she, they, we: the subject of a clause of its own.
    case subjectPronoun
    case including
    /// said, told, confirmed…: a clause of its own.
    case reporting
    case comma
    /// . ; : ! ? ( ) [ ] and dashes: the end of the phrase.
    case boundary
    case quote
    /// - (and every dash, which folds to it; see ``FoldedKey``).
    case hyphen
    /// 's and a bare apostrophe after a noun: a possessor, not a victim.
    case possessive
    /// $ £ € # and %: a count of money, a number, a share.
    case symbol
  }

  /// `classes[rawID]`; IDs added to the vocabulary later have no class. The enum itself,
  /// one byte as its raw value was: reading a raw byte made every class a call to
  /// `Class(rawValue:)`, which the compiler kept out of line.
  private var classes: [Class] = []
  private var pending: [(UInt32, Class)] = []

  /// Raw IDs of the words the rules look for by name.
  private(set) var of = Token.noID, to = Token.noID, and = Token.noID, or = Token.noID
  private(set) var a = Token.noID, an = Token.noID, the = Token.noID, between = Token.noID
  private(set) var from = Token.noID, being = Token.noID, all = Token.noID, both = Token.noID
  private(set) var them = Token.noID, whom = Token.noID, those = Token.noID, us = Token.noID
  private(set) var these = Token.noID, among = Token.noID, members = Token.noID
  private(set) var member = Token.noID, at = Token.noID, asWord = Token.noID, well = Token.noID
  private(set) var along = Token.noID, together = Token.noID, with = Token.noID
  private(set) var hostage = Token.noID, captive = Token.noID, prisoner = Token.noID
  private(set) var colon = Token.noID
  /// "another 20", "a further 12", "an additional 30": more of the same, told after a count.
  private(set) var another = Token.noID, further = Token.noID, additional = Token.noID
  /// The words of vague counts: "several hundred", "a few thousand", "a couple of", "a
  /// handful of".
  private(set) var several = Token.noID, few = Token.noID, couple = Token.noID
  private(set) var handful = Token.noID
  /// "raising to 30 the number of police killed".
  private(set) var number = Token.noID
  /// The scale words a vague count multiplies: "several hundred", "a few dozen".
  private(set) var vagueScales = TokenMap<Int32>()
  /// take, took, taking…: "took 12 people hostage".
  private(set) var takeVerbs = TokenSet()
  /// Words after which the number of a toll follows: "rose to 57", "stood at", "toll of".
  private(set) var tollLinks = TokenSet()
  /// Verbs that introduce a list of victims: "among the dead were", "the dead included".
  private(set) var listVerbs = TokenSet()
  /// Determiners a partitive may use: "eight of the 16 miners", "two of their sons".
  private(set) var partitiveDeterminers = TokenSet()
  /// One bit per raw ID: a count can begin with the word (see ``canStartCount(_:)``). The
  /// scan asks this of most tokens, so it is one load, not a number-word probe.
  private var countStartBits = TokenBitSet()

  init(vocabulary: inout Vocabulary) {
    func add(_ words: [String], _ wordClass: Class) {
      for word in words {
        pending.append((vocabulary.insert(folded: FoldedKey.fold(word)).rawValue, wordClass))
      }
    }
    func id(_ word: String) -> UInt32 { vocabulary.insert(folded: FoldedKey.fold(word)).rawValue }
    add(
      [
        "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "having", "will",
        "would", "shall", "should", "may", "might", "can", "could", "must", "got", "get", "gets",
        "getting", "gotten", "remain", "remains", "remained", "remaining", "became", "become",
        "becomes", "seem", "seemed", "appear", "appeared",
      ], .auxiliary)
    add(["being"], .being)
    add(
      [
        "not", "never", "no", "n't", "wasn't", "weren't", "isn't", "aren't", "hasn't", "haven't",
        "hadn't", "didn't", "don't", "doesn't", "won't", "wouldn't", "nobody", "none", "neither",
        "narrowly", "barely",
      ], .negation)
    add(
      [
        "also", "reportedly", "allegedly", "later", "subsequently", "eventually", "still", "either",
        "both", "all", "then", "now", "already", "just", "apparently", "initially", "immediately",
        "mostly", "mainly", "only", "each", "together", "too", "again", "ever", "since", "soon",
        "instantly", "brutally", "forcibly", "critically", "seriously", "severely", "badly",
        "gravely", "slightly", "mortally", "fatally", "confirmed", "feared", "believed",
        "thought", "presumed", "found", "pronounced", "listed",
      ], .adverb)
    add(
      [
        "of", "in", "at", "on", "from", "with", "by", "near", "to", "into", "for", "during",
        "inside", "outside", "across", "along", "throughout", "through", "against", "toward",
        "towards", "amid", "amidst", "behind", "beyond", "via", "per", "like", "than", "off",
        "onto", "upon", "within", "without", "between", "among", "amongst", "following", "despite",
        "outside", "beside", "aboard", "onboard", "opposite", "underneath", "en", "route",
      ], .preposition)
    add(
      [
        "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
        "your", "any", "every", "another", "such",
      ], .determiner)
    add(["and", "&", "plus"], .and)
    add(["or", "nor", "and/or"], .or)
    add(["but", "yet", "whereas", "however"], .but)
    add(
      [
        "when", "where", "while", "as", "after", "before", "because", "if", "although", "though",
        "until", "unless", "once", "whether", "whilst", "so",
      ], .subordinator)
    add(["who", "which", "that", "whose"], .relative)
    add(
      [
        "him", "them", "it", "us", "me", "you", "themselves", "himself", "herself", "itself",
        "whom",
      ],
      .pronoun)
    add(["he", "she", "they", "we", "i"], .subjectPronoun)
    add(["including", "incl", "includes"], .including)
    add(
      [
        "said", "says", "say", "told", "tells", "stated", "states", "added", "adds", "confirmed",
        "confirms", "announced", "announces", "noted", "notes", "revealed", "reveals", "informed",
        "claimed", "claims", "according", "warned", "warns", "explained", "insisted", "alleged",
        "alleges", "reported", "reports", "declared", "estimate", "believe", "believes", "fear",
        "fears", "urged", "demanded", "asked", "accused", "blamed",
      ], .reporting)
    add([","], .comma)
    add([".", ";", ":", "!", "?", "(", ")", "[", "]", "…", "|", "/", "•"], .boundary)
    add(["\"", "“", "”", "„", "«", "»", "‘", "'"], .quote)
    add(["-"], .hyphen)
    add(["'s"], .possessive)
    add(["$", "£", "€", "#", "%", "¥", "₹"], .symbol)
    of = id("of")
    to = id("to")
    and = id("and")
    or = id("or")
    a = id("a")
    an = id("an")
    the = id("the")
    between = id("between")
    from = id("from")
    being = id("being")
    all = id("all")
    both = id("both")
    them = id("them")
    whom = id("whom")
    those = id("those")
    us = id("us")
    these = id("these")
    among = id("among")
    members = id("members")
    member = id("member")
    at = id("at")
    asWord = id("as")
    well = id("well")
    along = id("along")
    together = id("together")
    with = id("with")
    hostage = id("hostage")
    captive = id("captive")
    prisoner = id("prisoner")
    colon = id(":")
    another = id("another")
    further = id("further")
    additional = id("additional")
    several = id("several")
    few = id("few")
    couple = id("couple")
    handful = id("handful")
    number = id("number")
    for (word, scale) in [("dozen", 12), ("hundred", 100), ("thousand", 1000), ("million", 1_000_000)] {
      vagueScales[id(word)] = Int32(scale)
    }
    takeVerbs = TokenSet(["take", "takes", "took", "taking", "taken"].map(id))
    tollLinks = TokenSet(
      [
        "to", "at", "of", "reached", "reaches", "hit", "hits", "is", "was", "stands", "stood",
        "now",
        ":", "reaching", "touched", "touches",
      ].map(id))
    listVerbs = TokenSet(
      ["were", "was", "are", "is", "include", "includes", "included", "including"].map(id))
    partitiveDeterminers = TokenSet(
      ["the", "these", "those", "their", "his", "her", "its", "our", "my", "your"].map(id))
  }

  /// Sizes the class table to the vocabulary: call after every word of the recognizer has
  /// been interned. A word listed under two classes keeps the first.
  ///
  /// - Parameter numberStarts: The words a spelled number can begin with
  ///   (``NumberParser/startIDs``), for ``canStartCount(_:)``.
  mutating func finish(vocabularySize: Int, numberStarts: [UInt32]) {
    classes = [Class](repeating: .none, count: vocabularySize)
    for (id, wordClass) in pending where Int(id) < vocabularySize && classes[Int(id)] == .none {
      classes[Int(id)] = wordClass
    }
    pending = []
    let starts = numberStarts + [a, an, between, several]
    var bits = TokenBitSet()
    for id in starts { bits.insert(id) }
    countStartBits = bits
  }

  /// Whether a count or a number can begin with a token of this raw ID by its word alone:
  /// "between" ("between 10 and 15"), "a" or "an" ("a soldier", "a dozen"), "several"
  /// ("several hundred"), or the first
  /// word of a spelled number ("eleven", "twenty-three", "dozens"). Number tokens, and
  /// counts that begin with a qualifier ("at least 12"), are for the caller to check.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func canStartCount(_ rawID: UInt32) -> Bool {
    countStartBits.contains(rawID)
  }

  /// The class of a token's raw ID.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func wordClass(_ rawID: UInt32) -> Class {
    Int(rawID) < classes.count ? classes[Int(rawID)] : .none
  }
}
