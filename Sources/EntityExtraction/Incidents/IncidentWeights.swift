/// The weights and windows that tie a casualty count to its place, date and perpetrator,
/// read from the entries of type `incident_weight` (`Gazetteers/incidents/weights.tsv`).
///
/// Each entry's name is a key of ``keys`` and its `value` attribute a number; the file's
/// header says what each one does. A key no entry gives keeps its default below, so an
/// extractor without the bundled gazetteers still links with these values.
struct IncidentWeights: NamedWeights, Sendable {
  /// The lexicon type of the entries.
  static let label = EntityLabel(rawValue: "incident_weight")

  /// The candidate is in the count's clause.
  var scopeClause = 1.0
  /// In the count's sentence, another clause.
  var scopeSentence = 0.7
  /// In a sentence of the count's context.
  var scopeContext = 0.5
  /// (Dates.) In a sentence elsewhere about an event at the count's place.
  var scopeSamePlace = 0.4
  /// Subtracted per sentence between a context candidate and the count.
  var contextDistance = 0.1
  /// Subtracted when a context candidate comes after the count's sentence.
  var contextForward = 0.1
  /// An event word is within `eventLinkTokens` of the candidate in its clause.
  var eventLink = 0.4
  /// Subtracted per token between the candidate and the count.
  var distancePerToken = 0.002
  /// The score a candidate needs to be attached.
  var minimum = 0.5
  /// An organization that claimed the event.
  var perpetratorClaim = 0.6
  /// An organization after "by" after an event word.
  var perpetratorAgent = 0.5
  /// An organization just before an event word it did.
  var perpetratorSubject = 0.4
  /// How many sentences before the count's its context reaches.
  var contextSentencesBack = 3.0
  /// How many sentences after the count's its context reaches.
  var contextSentencesForward = 2.0
  /// How near (in tokens) an event word must be for `eventLink`.
  var eventLinkTokens = 10.0
  /// The most tokens between two places of one place phrase.
  var chainGapTokens = 4.0
  /// How far back from a place its preposition may be.
  var governingTokens = 6.0
  /// How far back a word of saying makes a place or date a statement's.
  var statementTokens = 4.0

  /// Every key of the file and the value it sets (computed: key paths are not `Sendable`).
  static var keys: [(key: String, path: WritableKeyPath<IncidentWeights, Double>)] {
    [
      ("scope_clause", \.scopeClause), ("scope_sentence", \.scopeSentence),
      ("scope_context", \.scopeContext), ("scope_same_place", \.scopeSamePlace),
      ("context_distance", \.contextDistance), ("context_forward", \.contextForward),
      ("event_link", \.eventLink), ("distance_per_token", \.distancePerToken),
      ("minimum", \.minimum), ("perpetrator_claim", \.perpetratorClaim),
      ("perpetrator_agent", \.perpetratorAgent), ("perpetrator_subject", \.perpetratorSubject),
      ("context_sentences_back", \.contextSentencesBack),
      ("context_sentences_forward", \.contextSentencesForward),
      ("event_link_tokens", \.eventLinkTokens), ("chain_gap_tokens", \.chainGapTokens),
      ("governing_tokens", \.governingTokens), ("statement_tokens", \.statementTokens),
    ]
  }

  /// The window settings, which must be whole numbers from 0 to 100.
  static let windowKeys: Set<String> = [
    "context_sentences_back", "context_sentences_forward", "event_link_tokens",
    "chain_gap_tokens", "governing_tokens", "statement_tokens",
  ]

  /// The defaults.
  init() {}

  /// Reads the weights from `incident_weight` entries; later entries replace earlier ones.
  ///
  /// - Throws: ``GazetteerError`` naming the entry's file and line for a name that is no
  ///   key, or a `value` that is not a number (a window: not a whole number from 0 to 100).
  init(lexicon: [GazetteerEntry]) throws(GazetteerError) {
    try self.init(reading: lexicon)
  }

  static let keyDescription = "an incident weight"

  /// A window must be a whole number from 0 to 100.
  static func constraint(of key: String) -> (accepts: (Double) -> Bool, expected: String)? {
    windowKeys.contains(key)
      ? ({ (0...100).contains($0) && $0.rounded() == $0 }, "a whole number from 0 to 100") : nil
  }
}
