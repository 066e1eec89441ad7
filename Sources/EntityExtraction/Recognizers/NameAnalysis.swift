/// The per-document state of ``NameRecognizer``: what each token is, which lines are
/// headlines, and the people and organizations found so far.
///
/// Everything is indexed by token; words are compared by vocabulary ID (lexicon words)
/// or by a hash of their folded bytes (names no list knows), never as `String`s.
///
/// The recognizer's lists are reached through one reference (``NameRecognizer/Tables``)
/// and the document is not kept, so the analysis is some twenty words long: a mutating
/// rule that calls a non-mutating one hands it a copy of `self`, which then costs a few
/// register moves, not an 800-byte `memmove`. The UTF-8 buffer is valid only inside the
/// `withUTF8` closure of ``NameRecognizer/recognize(_:into:)`` that creates the analysis.
struct NameAnalysis {
  let text: UnsafeBufferPointer<UInt8>
  /// The recognizer's compiled lists, shared, not copied.
  let tables: NameRecognizer.Tables
  let tokens: [Token]

  /// Per token: lexicon classes (and `.titleEnd`).
  var classes: [WordClass]
  /// Per token: what the name gazetteer match covering it names (`.other` if none).
  var gazetteer: [NameClass]
  /// Per token: the covering name-gazetteer match, as a token range (empty if none).
  var gazetteerMatch: [Range<Int32>]
  /// Per token: its line, its sentence, what the rules accepted there and whether it can
  /// be a name word, as bits (see ``TokenMarks``): one byte in one array, where four
  /// `[Bool]`s and an array of name-word kinds were allocated and filled per document.
  var marks: [TokenMarks]
  /// Per token: the folded-spelling hash of a capitalised word (0 for others).
  var wordHash: [UInt64]
  /// The tokens where a name can start, in order: the capitalised words and the words
  /// with the particle class. The person, coordination, alias, head-noun and
  /// transliteration scans visit only these, not every token: each of their rules needs
  /// a capitalised word at its start (`person(at:)` also a particle, through
  /// `isParticleStart(_:)`; its honorifics and initials are capitalised words too).
  var nameStarts: [Int32] = []
  /// The tokens whose kind, shape, length, classes and gazetteer match let them be an
  /// undefined acronym (a word of three to six bytes in capitals, without digits or
  /// symbols, that no list knows), in order: ``nextUndefinedAcronym(from:)`` visits only
  /// these, not every token, and tests there only what the list leaves out.
  var acronymCandidates: [Int32] = []

  /// Listed organizations that share their name with a place of lower priority; they
  /// are reported here, since the gazetteer recognizer prefers a strong place.
  var listedOverrides: [(range: Range<Int>, entry: Int)] = []
  /// The name-gazetteer matches of more than one token whose best entry is an
  /// organization, in token order, with that entry: the listed names that `findAcronyms()`
  /// looks for a defined acronym after. Kept as a list, not as an entry per token.
  var listedOrganizations: [(range: Range<Int>, entry: Int)] = []
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
  /// The cue words of evidence rules in the document, in token order: the token range of
  /// each match and its rule (see ``NameEvidence``).
  var cueHits: [(range: Range<Int>, rule: NameEvidence.Rule)] = []

  /// What the analysis marks on a token, as bits of one byte.
  struct TokenMarks: OptionSet, Sendable {
    var rawValue: UInt8

    /// Its line is a headline (all capitals or title case).
    static let headline = TokenMarks(rawValue: 1 << 0)
    /// It starts a sentence (or a line).
    static let sentenceStart = TokenMarks(rawValue: 1 << 1)
    /// Inside a span this recognizer accepted.
    static let taken = TokenMarks(rawValue: 1 << 2)
    /// Inside a person this recognizer accepted.
    static let person = TokenMarks(rawValue: 1 << 3)
    /// A name word while it is not taken (``NameWordKind/always``).
    static let nameWord = TokenMarks(rawValue: 1 << 4)
    /// A name word while it is not taken, if a person found in the body has it
    /// (``NameWordKind/ifBodyWord``).
    static let bodyNameWord = TokenMarks(rawValue: 1 << 5)
  }

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

  /// Classifies the tokens of `document`, whose UTF-8 bytes are `text`.
  init(document: TokenizedText, text: UnsafeBufferPointer<UInt8>, tables: NameRecognizer.Tables) {
    self.text = text
    self.tables = tables
    self.tokens = document.tokens
    let count = document.tokens.count
    classes = [WordClass](repeating: [], count: count)
    gazetteer = [NameClass](repeating: .other, count: count)
    gazetteerMatch = [Range<Int32>](repeating: 0..<0, count: count)
    marks = [TokenMarks](repeating: [], count: count)
    wordHash = [UInt64](repeating: 0, count: count)
    classifyWords()
    classifyNames(in: document)
    classifyLinesAndNames()
  }

  // MARK: - Token facts

  /// Lexicon classes of every token, and the ends of multi-word titles.
  private mutating func classifyWords() {
    let tables = self.tables
    let lexicon = tables.lexicon
    let period = tables.words.period
    let rootBit = lexicon.rootBit
    // Moved out, not copied: a second reference would make the first write copy it.
    var classes: [WordClass] = []
    swap(&classes, &self.classes)
    // Most tokens are settled by their ID; only the starts of longer or case-sensitive
    // entries walk the lexicon's trie. Writes go through the buffer, with no uniqueness
    // check each, and a word no list knows (class 0) writes nothing.
    let text = self.text
    let tokens = self.tokens
    // One pair of entry buffers for every walk: a fresh pair per walk that finds a match
    // cost two allocations and two frees, at every start of a longer title ("Prime").
    var scratch: [Int] = []
    var aliasScratch: [Bool] = []
    var cueHits: [(range: Range<Int>, rule: NameEvidence.Rule)] = []
    let cues = tables.lexiconCues
    // The tables are read through buffers: the match closure captured the entry classes
    // and title flags as arrays, which were retained and released around every walk.
    tables.wordClassByID.withUnsafeBufferPointer { byID in
      tables.lexiconClasses.withUnsafeBufferPointer { entryClasses in
        tables.lexiconIsTitle.withUnsafeBufferPointer { isTitle in
          classes.withUnsafeMutableBufferPointer { classes in
            tokens.withUnsafeBufferPointer { tokens in
              for index in tokens.indices {
                let token = tokens[index]
                let id = Int(token.rawID)
                // A token whose ID no lexicon entry starts with (its root bit is clear) has
                // class 0 and needs no walk: the test reads the token, already at hand,
                // not the vocabulary-sized table, whose line for a rare word is a cache miss.
                if id < byID.count && (rootBit == 0 || token.rootMask & rootBit != 0) {
                  let wordClass = byID[id]
                  if wordClass == NameRecognizer.needsWalk {
                    lexicon.forEachMatch(
                      in: tokens, text: text, startingAt: index, scratch: &scratch, aliasScratch: &aliasScratch
                    ) { range, entries in
                      for entry in entries { if let rule = cues[entry] { cueHits.append((range, rule)) } }
                      if range.count == 1 {
                        for entry in entries { classes[range.lowerBound].formUnion(entryClasses[entry]) }
                        if entries.contains(where: { isTitle[$0] }) {
                          classes[range.lowerBound].insert(.titleEnd)
                        }
                      } else if entries.contains(where: { isTitle[$0] }) {
                        classes[range.upperBound - 1].insert(.titleEnd)
                      }
                    }
                  } else if wordClass != 0 {
                    classes[index].formUnion(WordClass(rawValue: wordClass))
                  }
                }
                // "Dr. X", "Gen. X": a title abbreviation and its dot end a title. Tested in
                // this pass, not a second one: the previous token's classes are final here,
                // since walks write only at or after the token they start from, and the
                // previous token has had this test.
                if token.rawID == period && index > 0 && !token.flags.contains(.spaceBefore)
                  && classes[index - 1].contains(.titleEnd)
                {
                  classes[index].insert(.titleEnd)
                }
              }
            }
          }
        }
      }
    }
    self.classes = classes
    self.cueHits = cueHits
  }

  /// Marks the tokens that places, organizations and nationalities of the name
  /// gazetteers cover (leftmost-longest, as ``GazetteerRecognizer`` reports them).
  ///
  /// The matches are read from the flat arrays of ``SharedGazetteerMatches``, as
  /// ``GazetteerRecognizer`` reads them: those the extractor found once for the document,
  /// or the same ones found here when it did not. The public `forEachMatch` made two
  /// slices and a closure call per match, and each write checked the arrays' uniqueness.
  private mutating func classifyNames(in document: TokenizedText) {
    guard let names = tables.names else { return }
    let nameClasses = tables.nameClasses
    let facts = names.store.facts
    let shared: SharedGazetteerMatches
    if let computed = document.sharedMatches, computed.matcher == ObjectIdentifier(names.identity) {
      shared = computed
    } else {
      shared = names.sharedMatches(in: document)
    }
    // Moved out, not copied: a second reference would make the first write copy them.
    var gazetteer: [NameClass] = []
    var matchRanges: [Range<Int32>] = []
    swap(&gazetteer, &self.gazetteer)
    swap(&matchRanges, &self.gazetteerMatch)
    let tokens = self.tokens
    var overrides: [(range: Range<Int>, entry: Int)] = []
    var organizations: [(range: Range<Int>, entry: Int)] = []
    gazetteer.withUnsafeMutableBufferPointer { gazetteer in
      matchRanges.withUnsafeMutableBufferPointer { matchRanges in
        for match in shared.ranges.indices {
          let range = shared.ranges[match]
          let first = tokens[range.lowerBound]
          var best: Int?
          var bestClass = NameClass.other
          var placePriority = Int32.min
          var organization: (entry: Int, priority: Int32)?
          for position in shared.bounds[match]..<shared.bounds[match + 1] {
            let entry = shared.entries[position]
            let nameClass = nameClasses[entry]
            if first.shape.contains(.hasLower) && !first.shape.isCapitalized
              && !facts[entry].flags.contains(.allowsLowercase)
            {
              continue
            }
            let priority = facts[entry].priority
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
          guard let best else { continue }
          // A curated organization (higher priority) is not a town that shares its name
          // ("Hamas", also a name of Hamm in GeoNames).
          if let organization, placePriority != Int32.min, organization.priority > placePriority {
            overrides.append((range, organization.entry))
          }
          if bestClass == .organization && range.count > 1 { organizations.append((range, best)) }
          for index in range {
            gazetteer[index] = bestClass
            matchRanges[index] = Int32(range.lowerBound)..<Int32(range.upperBound)
          }
        }
      }
    }
    self.listedOverrides = overrides
    self.listedOrganizations = organizations
    self.gazetteer = gazetteer
    self.gazetteerMatch = matchRanges
  }

  /// Finds headline lines and sentence starts, hashes the folded spelling of every
  /// capitalised word (to compare names that no list knows: "Khorazmi" here and there),
  /// lists the ``nameStarts`` and ``acronymCandidates``, and marks what each capitalised
  /// word can be in a person's name, in one pass over the tokens.
  ///
  /// This was three passes, the last of which copied ``marks``. A line's counts are kept
  /// as it goes, not taken in a second pass when it ends; when it ends, it is known to be
  /// a headline or not, the one fact that the name-word kinds of its words waited for (see
  /// ``fixedNameWordKind(of:classes:gazetteer:match:isHeadline:possessive:)``), and its
  /// starts are the last ones listed.
  private mutating func classifyLinesAndNames() {
    // Moved out, not copied, and written through their buffers: no uniqueness check per write.
    var marks: [TokenMarks] = []
    var wordHash: [UInt64] = []
    swap(&marks, &self.marks)
    swap(&wordHash, &self.wordHash)
    let tokens = self.tokens
    let classes = self.classes
    let gazetteer = self.gazetteer
    let gazetteerMatch = self.gazetteerMatch
    let text = self.text
    let words = self.words
    var starts: [Int32] = []
    starts.reserveCapacity(tokens.count / 4 + 8)
    var acronymCandidates: [Int32] = []
    var fold = FoldBuffer()
    marks.withUnsafeMutableBufferPointer { marksBuffer in
      wordHash.withUnsafeMutableBufferPointer { wordHashBuffer in
        tokens.withUnsafeBufferPointer { tokens in
          // Copies of the buffers, not the `inout` parameters: a write through a parameter
          // loaded its base address again at every token.
          let marks = marksBuffer
          let wordHash = wordHashBuffer
          var lineStart = 0
          // The position in `starts` of the line's first start.
          var lineFirstStart = 0
          var line = HeadlineCounts()
          for index in 0..<(tokens.count + 1) {
            if index == tokens.count || (index > 0 && tokens[index].flags.contains(.lineStart)) {
              let isHeadline = line.isHeadline
              if isHeadline { for i in lineStart..<index { marks[i].insert(.headline) } }
              for position in lineFirstStart..<starts.count {
                let start = Int(starts[position])
                let kind = NameAnalysis.fixedNameWordKind(
                  of: tokens[start], classes: classes[start], gazetteer: gazetteer[start],
                  match: gazetteerMatch[start], isHeadline: isHeadline, possessive: words.possessive)
                switch kind {
                case .never: break
                case .always: marks[start].insert(.nameWord)
                case .ifBodyWord: marks[start].insert(.bodyNameWord)
                }
              }
              lineStart = index
              lineFirstStart = starts.count
              line = HeadlineCounts()
            }
            guard index < tokens.count else { break }
            let token = tokens[index]
            line.add(token, possessive: words.possessive)
            if index == 0 || token.flags.contains(.lineStart) {
              marks[index].insert(.sentenceStart)
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
                marks[index].insert(.sentenceStart)
              }
            }
            guard token.kind == .word else { continue }
            let wordClass = classes[index]
            // Capitals only (no lower case, digit or symbol), three to six bytes, no list's
            // word: the facts of an undefined acronym that stay fixed for the document.
            if token.shape.intersection([.hasUpper, .hasLower, .hasDigit, .hasSymbol]) == .hasUpper,
              (3...6).contains(token.utf8Range.count), wordClass.isEmpty, gazetteer[index] == .other
            {
              acronymCandidates.append(Int32(index))
            }
            guard token.shape.isCapitalized else {
              if wordClass.contains(.particle) { starts.append(Int32(index)) }
              continue
            }
            starts.append(Int32(index))
            // A word in the vocabulary is named by its ID (same folded spelling, same ID); only
            // unknown words are folded and hashed. The two kinds of value differ in form.
            if token.rawID != Token.noID {
              wordHash[index] = UInt64(token.rawID) << 32 | 0xFFFF_FFFF
              continue
            }
            _ = fold.fold(UnsafeBufferPointer(rebasing: text[token.utf8Range]))
            wordHash[index] = fold.withFolded { bytes in
              var hash = Vocabulary.fnvOffsetBasis
              for byte in bytes { hash = (hash ^ UInt64(byte)) &* Vocabulary.fnvPrime }
              return hash | 1  // never 0
            }
          }
        }
      }
    }
    self.marks = marks
    self.wordHash = wordHash
    nameStarts = starts
    self.acronymCandidates = acronymCandidates
  }

  /// What decides whether a line is a headline, counted token by token.
  struct HeadlineCounts {
    /// Words of two bytes or more with a letter that has case ("'s" excepted).
    var letterWords = 0
    /// Those in capitals.
    var allCaps = 0
    /// Those of four bytes or more.
    var longWords = 0
    /// Those of four bytes or more that are capitalised.
    var longCapitalised = 0

    /// Counts a token of the line; `possessive` is the raw ID of "'s", which is no word.
    @inline(__always)
    mutating func add(_ token: Token, possessive: UInt32) {
      guard token.kind == .word else { return }
      let length = token.utf8Range.count
      guard length >= 2, token.shape.contains(.hasUpper) || token.shape.contains(.hasLower) else { return }
      if token.rawID == possessive { return }
      letterWords += 1
      if token.shape.isAllCaps { allCaps += 1 }
      if length >= 4 {
        longWords += 1
        if token.shape.isCapitalized { longCapitalised += 1 }
      }
    }

    /// A line of at least two words in capitals, or of at least three words of four or
    /// more letters nearly all capitalised (a title-case headline).
    var isHeadline: Bool {
      if allCaps >= 2 && allCaps * 5 >= letterWords * 4 { return true }
      return longWords >= 3 && longCapitalised * 10 >= longWords * 8
    }
  }

  /// The position in ``nameStarts`` of the first start at or after token `index`.
  func firstNameStart(from index: Int) -> Int { Self.firstPosition(in: nameStarts, from: index) }

  /// The position in `list`, token indices in increasing order, of the first at or after
  /// token `index` (`list.count` if none).
  static func firstPosition(in list: [Int32], from index: Int) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let middle = low + (high - low) / 2
      if Int(list[middle]) < index { low = middle + 1 } else { high = middle }
    }
    return low
  }

  // MARK: - Small predicates

  /// The recognizer's key words: a projection through `tables`, never a copy of the struct.
  @inline(__always)
  var words: KeyWords { tables.words }

  /// The token's line is a headline (all capitals or title case).
  @inline(__always) func isHeadline(_ index: Int) -> Bool { marks[index].contains(.headline) }

  /// The token starts a sentence (or a line).
  @inline(__always) func isSentenceStart(_ index: Int) -> Bool { marks[index].contains(.sentenceStart) }

  /// The token is inside a span this recognizer accepted.
  @inline(__always) func isTaken(_ index: Int) -> Bool { marks[index].contains(.taken) }

  /// The token is inside a person this recognizer accepted.
  @inline(__always) func isPerson(_ index: Int) -> Bool { marks[index].contains(.person) }

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
    return Self.isFunctionWord(tokens[index], classes: classes[index], isHeadline: isHeadline(index))
  }

  /// ``isFunctionWord(_:)`` from the token, its lexicon classes and whether its line is a
  /// headline, for the set-up pass, which knows the last only at the end of each line.
  static func isFunctionWord(_ token: Token, classes: WordClass, isHeadline: Bool) -> Bool {
    !classes.isDisjoint(with: .function)
      && !(token.shape.isAllCaps && !isHeadline && token.utf8Range.count >= 2)
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
    guard let first = range.first else { return "" }
    // Most names are written with one space between words, or none: then their text is
    // the document's bytes from the first token to the last, decoded at once, without
    // gathering them in a new array first (the bytes and the string are the same).
    var isOneSlice = true
    for index in range.dropFirst() {
      let gap = tokens[index].utf8Range.lowerBound - tokens[index - 1].utf8Range.upperBound
      let isOneSpace = gap == 1 && text[tokens[index].utf8Range.lowerBound - 1] == 0x20
      if tokens[index].flags.contains(.spaceBefore) ? !isOneSpace : gap != 0 {
        isOneSlice = false
        break
      }
    }
    if isOneSlice {
      let bytes = tokens[first].utf8Range.lowerBound..<tokens[range.upperBound - 1].utf8Range.upperBound
      return String(decoding: UnsafeBufferPointer(rebasing: text[bytes]), as: UTF8.self)
    }
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
    // Labels are strings: compared once, not once per token.
    let mark: TokenMarks = found.label == .person ? [.taken, .person] : .taken
    for index in found.tokenRange { marks[index].formUnion(mark) }
    if !isHeadline(found.tokenRange.lowerBound) {
      // Room for a document's usual names at the first, rather than regrown from one slot
      // (the set is never iterated: its capacity changes nothing but the allocations).
      if bodyNames.isEmpty { bodyNames.reserveCapacity(16) }
      bodyNames.insert(sequenceHash(found.tokenRange))
    }
    self.found.append(found)
  }

  /// Whether any token of `range` is already taken.
  func isFree(_ range: Range<Int>) -> Bool {
    !range.contains { isTaken($0) }
  }

  // MARK: - Output

  /// Appends the mentions: the listed organizations a place of lower priority hid, then
  /// the accepted spans, in the order accepted.
  ///
  /// Each mention is made in the call that appends it, with its `candidates` attribute,
  /// from the fields of its span read in place: a mention kept in a `var` to be given
  /// the attribute was copied into the array and then destroyed (a retain and a release
  /// of each of its strings), after the whole span had been copied out of `found`.
  func emit(into mentions: inout [Entity]) {
    if !listedOverrides.isEmpty, let store = tables.names?.store {
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
    for index in found.indices {
      let range = found[index].tokenRange
      let label = found[index].label
      // A list entry reports exactly this span already, with its ID.
      if label == .organization, let match = match(at: range.lowerBound), match == range,
        gazetteer[range.lowerBound] == .organization
      {
        continue
      }
      mentions.append(
        Entity(
          utf8Range: tokens[range.lowerBound].utf8Range.lowerBound..<tokens[range.upperBound - 1]
            .utf8Range.upperBound,
          label: label, source: found[index].rule, confidence: found[index].confidence,
          entryID: found[index].entryID, canonicalName: found[index].canonical,
          attributes: found[index].candidates.map { ["candidates": $0] } ?? [:]))
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
