/// Finds people and organizations by rule: titles, honorifics, name lists, reporting
/// verbs, organization head nouns, transliterated names, acronyms and aliases.
///
/// Lists alone cannot find "Prime Minister Shehbaz Sharif", "the Ministry of Foreign
/// Affairs of Pakistan" or a later bare "Sharif". This recognizer reads the words of its
/// lexicon types (gazetteer entries like any other, so users extend them with
/// `--gazetteers`) and the matches of the name gazetteers (places, organizations,
/// nationalities), and applies, per document:
///
/// - **Organizations**: a capitalised sequence ending in a head noun (`org_head`:
///   Commission, Army, Front, Ministry, News…), with places, nationalities and listed
///   organizations as modifiers ("Pakistan Atomic Energy Commission", "U.S. State
///   Department", "Taliban Ministry of Interior") and an of-phrase after the head
///   ("Ministry of Foreign Affairs of Pakistan"); transliterated names joined by particles
///   ("Tehreek-e-Labbaik Pakistan", "Jaish al-Adl"); acronyms defined in parentheses or
///   appositions ("Counter Terrorism Department (CTD)", "…, or CTD,"), which then mark
///   every later use. A plural head with only generic modifiers ("Security Forces",
///   "Human Rights Groups") is a collective, not a name.
/// - **People**: a capitalised name after a title or role (`person_title`, kept outside
///   the span: "Prime Minister [Shehbaz Sharif]"), after an honorific (`person_honorific`,
///   kept inside: "[Mufti Enayatullah Khorazmi]"), two or more name words of which the
///   lists know a given name or a surname, or any capitalised two-to-four-word sequence
///   next to a reporting verb ("said X Y", "X Y told") or a role apposition ("X Y, the
///   spokesperson"). Particles and hyphens join name words ("Anwaar-ul-Haq Kakar",
///   "Haider al-Abadi").
/// - **Aliases**: a later (or earlier) bare surname is the same person as the full name
///   ("Kakar" → canonical "Anwaar-ul-Haq Kakar"); when two people in the document share
///   the surname, the bare surname is a person without a canonical name (ambiguous), with
///   the candidates in the `candidates` attribute. A shorter organization name that ends
///   an earlier one ("Atomic Energy Commission") takes the earlier one as canonical.
/// - **Headlines**: in a line written in capitals or title case, where case says nothing,
///   only names the lists know or that the body of the document confirms are reported.
///
/// Its mentions have priority 1, so an alias wins over a place of the same span; a
/// longer span still wins over a shorter one.
struct NameRecognizer: NameContextLexiconRecognizer {
  static let lexiconLabels: Set<EntityLabel> = Set(WordClass.lexiconTypes.map(\.label)).union([.nameEvidence])

  var labels: Set<EntityLabel> { [.person, .organization] }
  var priority: Int { 1 }

  /// The compiled lists, behind one reference. Each document's ``NameAnalysis`` holds
  /// this pointer: holding the recognizer by value (two matchers, five arrays and the key
  /// words, 404 bytes) made the analysis 800 bytes long, retained every buffer of both
  /// matchers per document, and made each call from a mutating rule to a non-mutating
  /// one copy the whole analysis with a `memmove`.
  final class Tables: Sendable {
    /// The compiled lexicon (titles, name lists, head nouns…).
    let lexicon: GazetteerMatcher
    /// Per lexicon entry: its word class.
    let lexiconClasses: [WordClass]
    /// Per lexicon entry: is it a title (whose last token ends a title)?
    let lexiconIsTitle: [Bool]
    /// The classes a token gets from the lexicon on its own, by token ID (with `.titleEnd`
    /// for a one-word title); ``NameRecognizer/needsWalk`` for IDs that start longer or
    /// case-sensitive entries, whose matches come from a trie walk.
    let wordClassByID: [UInt32]
    /// The name gazetteers (places, organizations…), or `nil` when built without them.
    let names: GazetteerMatcher?
    /// Per name entry: what it names.
    let nameClasses: [NameClass]
    /// Raw token IDs of the punctuation and small words the rules look at.
    let words: KeyWords
    /// Per lexicon entry: the evidence rule of a cue word (`name_cue`), or `nil`.
    let lexiconCues: [NameEvidence.Rule?]
    /// The evidence rules' settings (`name_evidence`).
    let evidence: NameEvidence

    /// Gathers the compiled lists.
    init(
      lexicon: GazetteerMatcher, lexiconClasses: [WordClass], lexiconIsTitle: [Bool],
      wordClassByID: [UInt32], names: GazetteerMatcher?, nameClasses: [NameClass], words: KeyWords,
      lexiconCues: [NameEvidence.Rule?], evidence: NameEvidence
    ) {
      self.lexicon = lexicon
      self.lexiconClasses = lexiconClasses
      self.lexiconIsTitle = lexiconIsTitle
      self.wordClassByID = wordClassByID
      self.names = names
      self.nameClasses = nameClasses
      self.words = words
      self.lexiconCues = lexiconCues
      self.evidence = evidence
    }
  }

  /// The compiled lists, shared by every document's analysis, not copied.
  let tables: Tables
  /// In ``Tables/wordClassByID``: the token needs a walk of the lexicon's trie.
  static let needsWalk: UInt32 = 1 << 31

  init(lexicon: Lexicon, segmenter: WordSegmenter, vocabulary: inout Vocabulary)
    throws(GazetteerError)
  {
    try self.init(lexicon: lexicon, names: nil, segmenter: segmenter, vocabulary: &vocabulary)
  }

  init(
    lexicon source: Lexicon, names: GazetteerMatcher?, segmenter: WordSegmenter,
    vocabulary: inout Vocabulary
  ) throws(GazetteerError) {
    // The evidence rules are settings, not words: they stay out of the lexicon's trie.
    // Entries are made only where a rule reads more than the label (cue words, the
    // evidence settings, head nouns' `plural`): tens of thousands of name words are not.
    var wordPositions: [Int32] = []
    var evidenceEntries: [GazetteerEntry] = []
    var wordLabels: [EntityLabel] = []
    for index in 0..<source.count {
      let label = source.label(at: index)
      if label == .nameEvidence {
        evidenceEntries.append(source.entry(at: index))
      } else {
        wordPositions.append(Int32(index))
        wordLabels.append(label)
      }
    }
    let evidence = try NameEvidence(rules: evidenceEntries)
    var classes: [WordClass] = []
    var isTitle: [Bool] = []
    var cues: [NameEvidence.Rule?] = []
    classes.reserveCapacity(wordPositions.count)
    cues.reserveCapacity(wordPositions.count)
    var classOfLabel: [EntityLabel: WordClass] = [:]
    for (position, label) in zip(wordPositions, wordLabels) {
      cues.append(label == .nameCue ? try evidence.rule(forCue: source.entry(at: Int(position))) : nil)
      var wordClass: WordClass
      if let known = classOfLabel[label] {
        wordClass = known
      } else {
        wordClass = WordClass.of(label)
        classOfLabel[label] = wordClass
      }
      if wordClass.contains(.orgHead) && source.entry(at: Int(position)).attributes["plural"] == "1" {
        wordClass.insert(.orgPluralHead)
      }
      classes.append(wordClass)
      isTitle.append(wordClass.contains(.title))
    }
    let lexicon = source.matcher(
      positions: wordPositions.count == source.count ? nil : wordPositions, segmenter: segmenter,
      vocabulary: &vocabulary)
    var byID = [UInt32](repeating: 0, count: vocabulary.count)
    lexicon.singleTokenMatches { id, entries in
      // A cue word's rule is read from its entry, which only a walk reports.
      guard let entries, !entries.contains(where: { cues[$0] != nil }) else { return byID[Int(id)] = Self.needsWalk }
      var wordClass: WordClass = []
      for entry in entries { wordClass.formUnion(classes[entry]) }
      if entries.contains(where: { isTitle[$0] }) { wordClass.insert(.titleEnd) }
      byID[Int(id)] = wordClass.rawValue
    }
    // The key words are added to the vocabulary last, as before: token IDs stay the same.
    let words = KeyWords(vocabulary: &vocabulary)
    tables = Tables(
      lexicon: lexicon, lexiconClasses: classes, lexiconIsTitle: isTitle, wordClassByID: byID,
      names: names, nameClasses: names.map(NameClass.classes(of:)) ?? [], words: words,
      lexiconCues: cues, evidence: evidence)
  }

  func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    guard !document.tokens.isEmpty else { return }
    document.withUTF8 { text in
      var analysis = NameAnalysis(document: document, text: text, tables: tables)
      analysis.findOrganizations()
      analysis.findCuedNames()
      analysis.findPeople()
      analysis.resolveAliases()
      analysis.findReportedNames()
      analysis.findTeamNames()
      analysis.findShortNamesOfListedOrganizations()
      analysis.emit(into: &mentions)
    }
  }
}

/// A lexicon recognizer that also reads the matches of the name gazetteers.
///
/// ``EntityExtractor`` builds a recognizer of this kind with the compiled name matcher,
/// so that its rules know which words are places, organizations or nationalities.
protocol NameContextLexiconRecognizer: LexiconRecognizer {
  /// Builds the recognizer from its lexicon and the compiled name gazetteers.
  init(
    lexicon: Lexicon, names: GazetteerMatcher?, segmenter: WordSegmenter,
    vocabulary: inout Vocabulary
  ) throws(GazetteerError)
}

extension EntityLabel {
  /// A given name (lexicon of ``NameRecognizer``).
  static let personGiven = EntityLabel(rawValue: "person_given")
  /// A surname.
  static let personSurname = EntityLabel(rawValue: "person_surname")
  /// A title or role before a name, outside the person's span.
  static let personTitle = EntityLabel(rawValue: "person_title")
  /// An honorific that is part of a name, inside the person's span.
  static let personHonorific = EntityLabel(rawValue: "person_honorific")
  /// A particle inside a name (al, ul, bin, de, van…).
  static let personParticle = EntityLabel(rawValue: "person_particle")
  /// A reporting verb (said, told, according…).
  static let personReportingVerb = EntityLabel(rawValue: "person_reporting_verb")
  /// A capitalised word that is never part of a person's name.
  static let personNonName = EntityLabel(rawValue: "person_nonname")
  /// A function word: never part of any name.
  static let nameFunctionWord = EntityLabel(rawValue: "name_function_word")
  /// A head noun of organization names.
  static let orgHead = EntityLabel(rawValue: "org_head")
  /// The first word of a transliterated organization name (Lashkar, Tehreek…).
  static let orgTransliterated = EntityLabel(rawValue: "org_translit")
  /// A generic modifier of collectives (Security, Armed, Human, Rights…).
  static let orgGeneric = EntityLabel(rawValue: "org_generic")
  /// An abbreviation that is not an organization (IED, FIR, SHO…).
  static let orgNotAcronym = EntityLabel(rawValue: "org_not_acronym")
  /// A cue word of an evidence rule for names no list knows ("firm", "airlines").
  static let nameCue = EntityLabel(rawValue: "name_cue")
  /// An evidence rule's weight, or a setting of the evidence rules (not a word).
  static let nameEvidence = EntityLabel(rawValue: "name_evidence")
}

/// What a lexicon word is, as bits: one word may be several things ("Khan" is a given
/// name and a surname).
struct WordClass: OptionSet, Sendable {
  var rawValue: UInt32

  static let given = WordClass(rawValue: 1 << 0)
  static let surname = WordClass(rawValue: 1 << 1)
  static let title = WordClass(rawValue: 1 << 2)
  static let honorific = WordClass(rawValue: 1 << 3)
  static let particle = WordClass(rawValue: 1 << 4)
  static let reporting = WordClass(rawValue: 1 << 5)
  static let function = WordClass(rawValue: 1 << 6)
  static let nonName = WordClass(rawValue: 1 << 7)
  static let orgHead = WordClass(rawValue: 1 << 8)
  static let orgPluralHead = WordClass(rawValue: 1 << 9)
  static let orgTransliterated = WordClass(rawValue: 1 << 10)
  static let orgGeneric = WordClass(rawValue: 1 << 11)
  static let notAcronym = WordClass(rawValue: 1 << 13)
  /// A cue word of an evidence rule (``NameEvidence``).
  static let cue = WordClass(rawValue: 1 << 14)
  /// Computed per document: the last token of a (possibly multi-word) title.
  static let titleEnd = WordClass(rawValue: 1 << 12)

  static let nameList: WordClass = [.given, .surname]

  static let lexiconTypes: [(label: EntityLabel, wordClass: WordClass)] = [
    (.personGiven, .given), (.personSurname, .surname), (.personTitle, .title),
    (.personHonorific, .honorific), (.personParticle, .particle),
    (.personReportingVerb, .reporting), (.personNonName, .nonName),
    (.nameFunctionWord, .function), (.orgHead, .orgHead),
    (.orgTransliterated, .orgTransliterated), (.orgGeneric, .orgGeneric),
    (.orgNotAcronym, .notAcronym), (.nameCue, .cue),
  ]

  static func of(_ label: EntityLabel) -> WordClass {
    for type in lexiconTypes where type.label == label { return type.wordClass }
    return []
  }
}

/// What a name-gazetteer entry names, as far as the name rules care.
enum NameClass: UInt8, Sendable {
  case other, place, weakPlace, organization, nationality, person

  /// The class of every entry of a matcher, in entry order.
  static func classes(of matcher: GazetteerMatcher) -> [NameClass] {
    let store = matcher.store
    let perLabel: [NameClass] = store.labels.map { label in
      switch label {
      case .place: return .place
      case .organization: return .organization
      case .nationality: return .nationality
      case .person: return .person
      default: return .other
      }
    }
    var classes = [NameClass](repeating: .other, count: store.count)
    store.labelIndices.forEachDroppingReadPages { index, label in classes[index] = perLabel[Int(label)] }
    store.facts.forEachDroppingReadPages { index, facts in
      var nameClass = classes[index]
      // A place that is also a frequent name or word, or a village or town, does not
      // stop a name ("Haq" in "Anwaar-ul-Haq" is a village in Iran).
      if nameClass == .place
        && (!facts.flags.isDisjoint(with: [.personName, .commonWord])
          || (0..<100_000).contains(facts.population))
      {
        nameClass = .weakPlace
      }
      classes[index] = nameClass
    }
    return classes
  }
}

/// Raw vocabulary IDs of the punctuation and function words the rules test.
struct KeyWords: Sendable {
  let of: UInt32, for_: UInt32, on: UInt32, and: UInt32, ampersand: UInt32, the: UInt32
  let a: UInt32, an: UInt32, to: UInt32, or: UInt32, hyphen: UInt32, openParen: UInt32
  let closeParen: UInt32, comma: UInt32, period: UInt32, possessive: UInt32
  let according: UInt32, colon: UInt32, slash: UInt32, his: UInt32, her: UInt32
  let its: UInt32, their: UInt32, jr: UInt32, sr: UInt32
  /// Prepositions of place: a listed place after one is no reported speaker ("Police in
  /// London said").
  let locatives: [UInt32]

  init(vocabulary: inout Vocabulary) {
    func id(_ word: String) -> UInt32 { vocabulary.insert(folded: word).rawValue }
    of = id("of")
    for_ = id("for")
    on = id("on")
    and = id("and")
    ampersand = id("&")
    the = id("the")
    a = id("a")
    an = id("an")
    to = id("to")
    or = id("or")
    hyphen = id("-")
    openParen = id("(")
    closeParen = id(")")
    comma = id(",")
    period = id(".")
    possessive = id("'s")
    according = id("according")
    colon = id(":")
    slash = id("/")
    his = id("his")
    her = id("her")
    its = id("its")
    their = id("their")
    jr = id("jr")
    sr = id("sr")
    locatives = ["in", "at", "near", "from"].map(id)
  }
}
