/// Finds counts of people harmed or taken — killed, injured, kidnapped, missing, rescued,
/// arrested — and says how many, who, and which rule saw it.
///
/// A casualty mention runs from the count to the victim noun ("at least 38 people",
/// "16 miners", "five Chinese citizens", "dozens of Pakistani militants", "a Pakistani
/// driver"); its ``CasualtyCount`` carries the outcome, `min`/`max` by the table of
/// `docs/ANNOTATION.md` ("more than 20" is 21…nil, "dozens" 24…nil, "about 40" is 40…40 and
/// approximate), the victim noun and its group. A count needs an outcome from its
/// sentence, read in this order:
///
/// 1. the victim noun itself, when it is one ("11 casualties", "12 bodies");
/// 2. a verb or noun right before the count: "killing 21 insurgents", "had arrested
///    eleven individuals", "the murder of 23 civilians", "the toll rose to 57", "among the
///    dead were three children";
/// 3. the verb the count is the subject of: "21 insurgents were killed", "16 miners
///    kidnapped by", "38 people died", "left nine dead", "have either been killed or
///    arrested" (coordinated outcomes that differ are `casualties`);
/// 4. the count it is a part of: "including a woman";
/// 5. an outcome word before the noun ("three wounded soldiers"), then the noun's default
///    ("20 hostages" are kidnapped).
///
/// Coordinated counts share their verb ("two policemen and a civilian were shot dead"
/// gives two records), and a partitive is two counts ("eight of the 16 miners": the outer
/// span contains the inner one). Numbers are read by ``NumberParser``. Counts of things
/// ("ten vehicles"), ages ("the 35-year-old", "Ahmed, 27,"), compounds ("a 5,000-strong
/// force"), years, times and money are not counts of people, and a count with no outcome
/// ("29,000 Chinese nationals") is not reported.
///
/// The words live in `Gazetteers/casualties/` as the lexicon types `casualty_outcome`,
/// `casualty_victim`, `casualty_qualifier` and `casualty_thing`; each mention's `source`
/// names its rule (`rule:casualty/passive-verb`).
///
///     let extractor = try EntityExtractor()
///     let text = "Security forces responded, killing 21 insurgents."
///     let count = extractor.entities(in: text).first { $0.label == .casualty }
///     // count?.casualty: killed, min 21, max 21, victims "insurgents", group "militants"
public struct CasualtyRecognizer: LexiconRecognizer {
  static let lexiconLabels: Set<EntityLabel> = [
    .casualtyOutcome, .casualtyVictim, .casualtyQualifier, .casualtyThing,
  ]

  /// The one label it produces, ``EntityLabel/casualty``.
  public var labels: Set<EntityLabel> { [.casualty] }

  /// The compiled word lists, behind one reference. Each document's ``CasualtyScan``
  /// holds this pointer: as three struct copies it retained some forty buffers per
  /// document and made the scan too large to move without a `memmove`.
  final class Tables: Sendable {
    /// The outcome, victim, qualifier and thing words, compiled.
    let lexicon: CasualtyLexicon
    /// The grammar words, by raw token ID.
    let words: CasualtyWords
    /// Counts in digits and in words.
    let numbers: NumberParser

    /// Gathers the compiled lists.
    init(lexicon: CasualtyLexicon, words: CasualtyWords, numbers: NumberParser) {
      self.lexicon = lexicon
      self.words = words
      self.numbers = numbers
    }
  }

  let tables: Tables
  /// Whether the scan takes its exact shortcuts: it reads a count only at a token that
  /// can begin one (`CasualtyScan.mayStartPhrase`), and it looks one-word lexicon matches
  /// up by token ID (`CasualtyLexicon.singleTokenEntries`) instead of walking the trie.
  /// Only tests turn it off, to check that the shortcuts lose nothing.
  var takesShortcuts = true

  init(lexicon entries: Lexicon, segmenter: WordSegmenter, vocabulary: inout Vocabulary)
    throws(GazetteerError)
  {
    let numbers = NumberParser(vocabulary: &vocabulary)
    var words = CasualtyWords(vocabulary: &vocabulary)
    let lexicon = try CasualtyLexicon(entries: entries, segmenter: segmenter, vocabulary: &vocabulary)
    words.finish(vocabularySize: vocabulary.count, numberStarts: numbers.startIDs)
    tables = Tables(lexicon: lexicon, words: words, numbers: numbers)
  }

  /// Appends the casualty counts of `document` to `mentions`.
  ///
  /// - Complexity: O(*n*) in the number of tokens; each count looks at a bounded window
  ///   around it.
  public func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    guard !document.tokens.isEmpty else { return }
    document.withUTF8 { bytes in
      var scan = CasualtyScan(recognizer: self, tokens: document.tokens, bytes: bytes)
      scan.run(document, into: &mentions)
    }
  }
}

/// The rule that gave a casualty its outcome, reported as the mention's `source`.
enum CasualtyRule: UInt8, Sendable {
  /// The victim noun is an outcome: "11 casualties", "12 bodies".
  case outcomeNoun
  /// A verb before the count: "killing 21 insurgents", "had arrested eleven individuals".
  case activeVerb
  /// A noun before the count: "the murder of", "claimed the lives of".
  case nounOf
  /// "the death toll rose to 57".
  case toll
  /// "Among the dead were three children", "those killed included".
  case list
  /// "21 insurgents were killed", "had been neutralized", "before being fatally shot".
  case passiveVerb
  /// A participle after the victims, with no auxiliary: "16 miners kidnapped by militants".
  case reducedRelative
  /// "38 people died", "lost their lives".
  case intransitiveVerb
  /// "left nine dead", "three are missing".
  case predicateAdjective
  /// A part of a count that has an outcome: "including a woman".
  case including
  /// An outcome word before the noun: "three wounded soldiers".
  case premodifier
  /// The noun's default outcome: "20 hostages".
  case defaultNoun
  /// What happened to a freed count before: "freed the four engineers who had been held"
  /// (kidnapped, beside rescued).
  case priorOutcome

  var source: String {
    switch self {
    case .outcomeNoun: "rule:casualty/outcome-noun"
    case .activeVerb: "rule:casualty/active-verb"
    case .nounOf: "rule:casualty/noun-of"
    case .toll: "rule:casualty/toll"
    case .list: "rule:casualty/list"
    case .passiveVerb: "rule:casualty/passive-verb"
    case .reducedRelative: "rule:casualty/reduced-relative"
    case .intransitiveVerb: "rule:casualty/intransitive-verb"
    case .predicateAdjective: "rule:casualty/predicate-adjective"
    case .including: "rule:casualty/including"
    case .premodifier: "rule:casualty/premodifier"
    case .defaultNoun: "rule:casualty/default-noun"
    case .priorOutcome: "rule:casualty/prior-outcome"
    }
  }

  /// How often the rule is right, roughly: adjacent cues more than distant ones.
  var confidence: Double {
    switch self {
    case .outcomeNoun, .activeVerb, .nounOf, .passiveVerb, .intransitiveVerb: 0.9
    case .toll, .list, .reducedRelative, .predicateAdjective, .priorOutcome: 0.8
    case .including: 0.75
    case .premodifier, .defaultNoun: 0.6
    }
  }
}
