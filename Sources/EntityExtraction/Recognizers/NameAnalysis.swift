/// The per-document state of ``NameRecognizer``: what each token is, which lines are
/// headlines, and the people and organizations found so far.
///
/// Everything is indexed by token; words are compared by vocabulary ID (lexicon words)
/// or by a hash of their folded bytes (names no list knows), never as `String`s.
struct NameAnalysis {
  let document: TokenizedText
  let text: UnsafeBufferPointer<UInt8>
  let recognizer: NameRecognizer
  let tokens: [Token]
  let words: KeyWords

  /// Per token: lexicon classes (and `.titleEnd`).
  var classes: [WordClass]
  /// Per token: what the name gazetteer match covering it names (`.other` if none).
  var gazetteer: [NameClass]
  /// Per token: the covering name-gazetteer match, as a token range (empty if none).
  var gazetteerMatch: [Range<Int32>]
  /// Per token: the best entry of the covering match, or -1.
  var gazetteerEntry: [Int32]
  /// Per token: its line is a headline (all capitals or title case).
  var isHeadline: [Bool]
  /// Per token: it starts a sentence (or a line).
  var isSentenceStart: [Bool]
  /// Per token: inside a span this recognizer accepted.
  var isTaken: [Bool]
  /// Per token: inside a person this recognizer accepted.
  var isPerson: [Bool]
  /// Per token: the folded-spelling hash of a capitalised word (0 for others).
  var wordHash: [UInt64]

  /// Listed organizations that share their name with a place of lower priority; they
  /// are reported here, since the gazetteer recognizer prefers a strong place.
  var listedOverrides: [(range: Range<Int>, entry: Int)] = []
  /// The spans accepted so far.
  var found: [Found] = []
  /// Token-sequence hashes of the names found in the body, to confirm headline names.
  var bodyNames: Set<UInt64> = []
  /// Folded-spelling hashes of the name words of people found in the body.
  var bodyWords: Set<UInt64> = []
  /// Whether the rules are reading headlines now (after the body).
  var readsHeadlines = false
  /// Acronyms defined in the document: exact-spelling hash → index in `found` of the
  /// organization they abbreviate.
  var acronyms: [UInt64: Int] = [:]

  /// One accepted mention.
  struct Found {
    var tokenRange: Range<Int>
    var label: EntityLabel
    /// The mention's source, "rule:…".
    var rule: String
    var confidence: Double
    var canonical: String?
    var entryID: String?
    var candidates: String?
    /// For people: the indices of the name words (not honorifics, particles, hyphens).
    var nameWords: [Int] = []
  }

  init(document: TokenizedText, text: UnsafeBufferPointer<UInt8>, recognizer: NameRecognizer) {
    self.document = document
    self.text = text
    self.recognizer = recognizer
    self.tokens = document.tokens
    self.words = recognizer.words
    let count = document.tokens.count
    classes = [WordClass](repeating: [], count: count)
    gazetteer = [NameClass](repeating: .other, count: count)
    gazetteerMatch = [Range<Int32>](repeating: 0..<0, count: count)
    gazetteerEntry = [Int32](repeating: -1, count: count)
    isHeadline = [Bool](repeating: false, count: count)
    isSentenceStart = [Bool](repeating: false, count: count)
    isTaken = [Bool](repeating: false, count: count)
    isPerson = [Bool](repeating: false, count: count)
    wordHash = [UInt64](repeating: 0, count: count)
    classifyWords()
    classifyNames()
    classifyLines()
    hashCapitalisedWords()
  }

  // MARK: - Token facts

  /// Lexicon classes of every token, and the ends of multi-word titles.
  private mutating func classifyWords() {
    let lexicon = recognizer.lexicon
    let entryClasses = recognizer.lexiconClasses
    let isTitle = recognizer.lexiconIsTitle
    // Moved out, not copied: a second reference would make the first write copy it.
    var classes: [WordClass] = []
    swap(&classes, &self.classes)
    // Most tokens are settled by their ID; only the starts of longer or case-sensitive
    // entries walk the lexicon's trie.
    let byID = recognizer.wordClassByID
    document.withUTF8 { text in
      document.tokens.withUnsafeBufferPointer { tokens in
        for index in tokens.indices {
          let id = Int(tokens[index].rawID)
          guard id < byID.count else { continue }
          let wordClass = byID[id]
          if wordClass != NameRecognizer.needsWalk {
            classes[index].formUnion(WordClass(rawValue: wordClass))
            continue
          }
          lexicon.forEachMatch(in: tokens, text: text, startingAt: index) { range, entries in
            if range.count == 1 {
              for entry in entries { classes[range.lowerBound].formUnion(entryClasses[entry]) }
              if entries.contains(where: { isTitle[$0] }) { classes[range.lowerBound].insert(.titleEnd) }
            } else if entries.contains(where: { isTitle[$0] }) {
              classes[range.upperBound - 1].insert(.titleEnd)
            }
          }
        }
      }
    }
    // "Dr. X", "Gen. X": a title abbreviation and its dot end a title.
    for index in 1..<max(tokens.count, 1) where tokens[index].rawID == words.period {
      if classes[index - 1].contains(.titleEnd) && !tokens[index].flags.contains(.spaceBefore) {
        classes[index].insert(.titleEnd)
      }
    }
    self.classes = classes
  }

  /// Marks the tokens that places, organizations and nationalities of the name
  /// gazetteers cover (leftmost-longest, as ``GazetteerRecognizer`` reports them).
  private mutating func classifyNames() {
    guard let names = recognizer.names else { return }
    let nameClasses = recognizer.nameClasses
    let store = names.store
    // Moved out, not copied: a second reference would make the first write copy them.
    var gazetteer: [NameClass] = []
    var matchRanges: [Range<Int32>] = []
    var entriesOf: [Int32] = []
    swap(&gazetteer, &self.gazetteer)
    swap(&matchRanges, &self.gazetteerMatch)
    swap(&entriesOf, &self.gazetteerEntry)
    let tokens = self.tokens
    var overrides: [(range: Range<Int>, entry: Int)] = []
    names.forEachMatch(in: document) { range, entries in
      let first = tokens[range.lowerBound]
      var best: Int?
      var bestClass = NameClass.other
      var placePriority = Int32.min
      var organization: (entry: Int, priority: Int32)?
      for entry in entries {
        let nameClass = nameClasses[entry]
        if first.shape.contains(.hasLower) && !first.shape.isCapitalized
          && !store.facts[entry].flags.contains(.allowsLowercase)
        {
          continue
        }
        let priority = store.facts[entry].priority
        if nameClass == .place || nameClass == .weakPlace {
          placePriority = max(placePriority, priority)
        } else if nameClass == .organization, priority > organization?.priority ?? Int32.min {
          organization = (entry, priority)
        }
        if best == nil || nameClass.strength > bestClass.strength {
          best = entry
          bestClass = nameClass
        }
      }
      guard let best else { return }
      // A curated organization (higher priority) is not a town that shares its name
      // ("Hamas", also a name of Hamm in GeoNames).
      if let organization, placePriority != Int32.min, organization.priority > placePriority {
        overrides.append((range, organization.entry))
      }
      for index in range {
        gazetteer[index] = bestClass
        matchRanges[index] = Int32(range.lowerBound)..<Int32(range.upperBound)
        entriesOf[index] = Int32(best)
      }
    }
    self.listedOverrides = overrides
    self.gazetteer = gazetteer
    self.gazetteerMatch = matchRanges
    self.gazetteerEntry = entriesOf
  }

  /// Finds headline lines and sentence starts.
  private mutating func classifyLines() {
    // Moved out, not copied, so writes need no uniqueness check on `self`'s arrays.
    var isHeadline: [Bool] = []
    var isSentenceStart: [Bool] = []
    swap(&isHeadline, &self.isHeadline)
    swap(&isSentenceStart, &self.isSentenceStart)
    defer {
      self.isHeadline = isHeadline
      self.isSentenceStart = isSentenceStart
    }
    var lineStart = 0
    for index in 0...tokens.count {
      if index == tokens.count || (index > 0 && tokens[index].flags.contains(.lineStart)) {
        let headline = isHeadlineLine(lineStart..<index)
        if headline { for i in lineStart..<index { isHeadline[i] = true } }
        lineStart = index
      }
      guard index < tokens.count else { break }
      if index == 0 || tokens[index].flags.contains(.lineStart) {
        isSentenceStart[index] = true
      } else {
        let previous = tokens[index - 1]
        // The dot of "U.S." or "Dr." ends no sentence.
        let abbreviationDot =
          previous.rawID == words.period && !previous.flags.contains(.spaceBefore) && index >= 2
          && tokens[index - 2].kind == .word
          && (tokens[index - 2].shape.contains(.hasSymbol) || classes[index - 2].contains(.titleEnd))
        if previous.kind == .punctuation && previous.rawID != words.comma
          && previous.rawID != words.closeParen && previous.rawID != words.slash
          && !(previous.rawID == words.hyphen && !previous.flags.contains(.spaceBefore))
          && !abbreviationDot
        {
          isSentenceStart[index] = true
        }
      }
    }
  }

  /// A line of at least two words in capitals, or of at least three words of four or
  /// more letters nearly all capitalised (a title-case headline).
  private func isHeadlineLine(_ range: Range<Int>) -> Bool {
    var letterWords = 0
    var allCaps = 0
    var longWords = 0
    var longCapitalised = 0
    for index in range where tokens[index].kind == .word {
      let token = tokens[index]
      let length = token.utf8Range.count
      guard length >= 2, token.shape.contains(.hasUpper) || token.shape.contains(.hasLower) else {
        continue
      }
      if token.rawID == words.possessive { continue }
      letterWords += 1
      if token.shape.isAllCaps { allCaps += 1 }
      if length >= 4 {
        longWords += 1
        if token.shape.isCapitalized { longCapitalised += 1 }
      }
    }
    if allCaps >= 2 && allCaps * 5 >= letterWords * 4 { return true }
    return longWords >= 3 && longCapitalised * 10 >= longWords * 8
  }

  /// Hashes the folded spelling of every capitalised word, for comparing names that no
  /// list knows ("Khorazmi" here and there).
  private mutating func hashCapitalisedWords() {
    var fold = FoldBuffer()
    for index in tokens.indices where tokens[index].kind == .word && tokens[index].shape.isCapitalized {
      let token = tokens[index]
      // A word in the vocabulary is named by its ID (same folded spelling, same ID); only
      // unknown words are folded and hashed. The two kinds of value differ in form.
      if token.rawID != Token.noID {
        wordHash[index] = UInt64(token.rawID) << 32 | 0xFFFF_FFFF
        continue
      }
      _ = fold.fold(UnsafeBufferPointer(rebasing: text[token.utf8Range]))
      wordHash[index] = fold.withFolded { bytes in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash | 1  // never 0
      }
    }
  }

  // MARK: - Small predicates

  @inline(__always) func has(_ index: Int, _ wordClass: WordClass) -> Bool {
    index >= 0 && index < tokens.count && !classes[index].isDisjoint(with: wordClass)
  }

  @inline(__always) func id(_ index: Int) -> UInt32 {
    index >= 0 && index < tokens.count ? tokens[index].rawID : Token.noID
  }

  /// A word starting with a capital letter.
  @inline(__always) func isCapitalised(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count && tokens[index].kind == .word
      && tokens[index].shape.isCapitalized
  }

  /// A function word, unless it is an acronym in capitals in running text ("AT News").
  func isFunctionWord(_ index: Int) -> Bool {
    guard has(index, .function) else { return false }
    let token = tokens[index]
    return !(token.shape.isAllCaps && !isHeadline[index] && token.utf8Range.count >= 2)
  }

  /// A hyphen written inside a word ("Anwaar-ul-Haq", "Counter-Terrorism").
  func isInnerHyphen(_ index: Int) -> Bool {
    guard index > 0, index + 1 < tokens.count, tokens[index].rawID == words.hyphen else { return false }
    return !tokens[index].flags.contains(.spaceBefore) && !tokens[index + 1].flags.contains(.spaceBefore)
  }

  /// A line break comes before the token at `index`.
  @inline(__always) func startsLine(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count && tokens[index].flags.contains(.lineStart)
  }

  /// The token just before `index` is the end of a title ("Minister", "officer", "Dr.").
  func followsTitle(_ index: Int) -> Bool {
    index > 0 && classes[index - 1].contains(.titleEnd)
  }

  /// A lower-case particle ("ul", "al", "bin", "de").
  func isParticle(_ index: Int) -> Bool {
    has(index, .particle) && tokens[index].kind == .word && !tokens[index].shape.isCapitalized
  }

  /// The name gazetteer match covering `index`, if any.
  func match(at index: Int) -> Range<Int>? {
    let range = gazetteerMatch[index]
    return range.isEmpty ? nil : Int(range.lowerBound)..<Int(range.upperBound)
  }

  /// The text of a token range, white space collapsed to single spaces.
  func normalizedText(_ range: Range<Int>) -> String {
    var bytes: [UInt8] = []
    for index in range {
      if index > range.lowerBound && tokens[index].flags.contains(.spaceBefore) {
        bytes.append(0x20)
      }
      bytes.append(contentsOf: text[tokens[index].utf8Range])
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A hash of a sequence of capitalised words, for comparing names across lines.
  func sequenceHash(_ indices: some Sequence<Int>) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    for index in indices where wordHash[index] != 0 {
      hash = (hash ^ wordHash[index]) &* 0x100_0000_01b3
      hash = hash ^ (hash >> 31)
    }
    return hash
  }

  /// Records a span and marks its tokens taken.
  mutating func accept(_ found: Found) {
    for index in found.tokenRange {
      isTaken[index] = true
      if found.label == .person { isPerson[index] = true }
    }
    if !isHeadline[found.tokenRange.lowerBound] {
      bodyNames.insert(sequenceHash(found.tokenRange))
    }
    self.found.append(found)
  }

  /// Whether any token of `range` is already taken.
  func isFree(_ range: Range<Int>) -> Bool {
    !range.contains { isTaken[$0] }
  }

  // MARK: - Output

  func emit(into mentions: inout [Entity]) {
    if let store = recognizer.names?.store {
      for override in listedOverrides where isFree(override.range) {
        let facts = store.mentionFacts(of: override.entry)
        mentions.append(
          Entity(
            utf8Range: tokens[override.range.lowerBound].utf8Range.lowerBound..<tokens[
              override.range.upperBound - 1
            ].utf8Range.upperBound,
            label: .organization, source: "rule:organization/listed", confidence: 0.8,
            entryID: facts.id, canonicalName: facts.name))
      }
    }
    for item in found {
      let range = item.tokenRange
      // A list entry reports exactly this span already, with its ID.
      if item.label == .organization, let match = match(at: range.lowerBound), match == range,
        gazetteer[range.lowerBound] == .organization
      {
        continue
      }
      var entity = Entity(
        utf8Range: tokens[range.lowerBound].utf8Range.lowerBound..<tokens[range.upperBound - 1]
          .utf8Range.upperBound,
        label: item.label, source: item.rule, confidence: item.confidence,
        entryID: item.entryID, canonicalName: item.canonical)
      if let candidates = item.candidates { entity.attributes["candidates"] = candidates }
      mentions.append(entity)
    }
  }
}

extension NameClass {
  /// Which class wins when one match has entries of several.
  var strength: Int {
    switch self {
    case .other: return 0
    case .weakPlace: return 1
    case .person: return 2
    case .place: return 3
    case .nationality: return 4
    case .organization: return 5
    }
  }
}
