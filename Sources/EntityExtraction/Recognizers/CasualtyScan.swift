/// One document's pass of ``CasualtyRecognizer``: lexicon matches, count phrases, and the
/// outcome each phrase gets.
///
/// Everything is read by token index and raw token ID; no token text is made into a
/// `String`. Per-document scratch (the match table) lives here, not in the recognizer,
/// so the recognizer stays immutable and shareable. The recognizer's lists are reached
/// through one reference, so the scan is a few words long and costs nothing to make.
///
/// The UTF-8 buffer is valid only inside the `withUTF8` closure of
/// ``CasualtyRecognizer/recognize(_:into:)`` that creates the scan.
struct CasualtyScan {
  typealias Meaning = CasualtyLexicon.Meaning

  /// A lexicon match, by token indices.
  struct Match {
    var start: Int
    var end: Int
    var entry: Int
  }

  /// The victim noun found after a count.
  struct Head {
    var entry: Int
    var end: Int
    var premodifier: Outcome?
  }

  /// A count of people: its tokens, bounds and head, then the outcome found for it.
  struct Phrase {
    /// First token of the mention: the qualifier, or the count.
    var start: Int
    /// Past the number (and its range end, "10 to 15").
    var countEnd: Int
    /// Past the victim noun, or the count when there is none.
    var end: Int
    /// Where the mention ends when that is not `end`: the count alone, when its noun is
    /// far ("at least 30 the number of police killed"); otherwise -1.
    var mentionEnd = -1
    var minimum: Int?
    var maximum: Int?
    var approximate = false
    /// The victim noun's lexicon entry, or -1.
    var head = -1
    var group = VictimGroup.unknown
    var premodifier: Outcome?
    /// A number with no victim noun ("killing 12 and injuring 30").
    var isBare = false
    /// "eight of the 16 miners", "two of them".
    var isPartitive = false
    /// Where the count of a partitive's inner phrase starts ("16" in "eight of the 16"), or -1.
    var innerStart = -1
    /// The phrase is the inner count of a partitive.
    var isInner = false
    var outcome: Outcome?
    var rule: CasualtyRule?
    /// A veto word said the count was not harmed ("saved 12 lives").
    var isVetoed = false
    /// What happened to a rescued count before it was freed ("who had been held"), or `nil`.
    var priorOutcome: Outcome?
  }

  /// An outcome found for a phrase, or a veto.
  struct Found {
    var outcome: Outcome?
    var rule: CasualtyRule
    var isVeto: Bool { outcome == nil }
  }

  /// The recognizer's compiled lists, shared, not copied.
  let tables: CasualtyRecognizer.Tables
  let tokens: [Token]
  /// The document's UTF-8 bytes.
  let bytes: UnsafeBufferPointer<UInt8>
  let count: Int
  /// See ``CasualtyRecognizer/takesShortcuts``.
  let takesShortcuts: Bool
  /// Per token: the index in `matches` of the lexicon match covering it, or -1.
  var matchAt: [Int32] = []
  var matches: [Match] = []
  var phrases: [Phrase] = []

  init(recognizer: CasualtyRecognizer, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) {
    tables = recognizer.tables
    takesShortcuts = recognizer.takesShortcuts
    self.tokens = tokens
    self.bytes = bytes
    count = tokens.count
  }

  /// The recognizer's lexicon: a projection through `tables`, never a copy of the struct.
  @inline(__always)
  var lexicon: CasualtyLexicon { tables.lexicon }

  /// The recognizer's closed-class words.
  @inline(__always)
  var words: CasualtyWords { tables.words }

  /// The recognizer's number parser.
  @inline(__always)
  var numbers: NumberParser { tables.numbers }

  mutating func run(_ document: TokenizedText, into mentions: inout [Entity]) {
    guard collectMatches(in: document) else { return }
    var index = 0
    while let next = nextPhrase(from: index) {
      var phrase = next
      if let outer = phrases.last, outer.innerStart >= 0, phrase.start == outer.innerStart {
        phrase.isInner = true
      }
      // Room for a document's usual counts at the first one, not an allocation and a copy
      // per doubling.
      if phrases.isEmpty { phrases.reserveCapacity(16) }
      phrases.append(phrase)
      index = phrase.countEnd
    }
    guard !phrases.isEmpty else { return }
    resolveGroups()
    resolveRest()
    resolvePriorOutcomes()
    emit(into: &mentions)
  }

  /// Finds the lexicon words; returns `false` when the document has no outcome word or
  /// outcome noun at all, so nothing more needs doing.
  private mutating func collectMatches(in document: TokenizedText) -> Bool {
    let meanings = lexicon.meanings
    var found: [Match] = []
    // One surface in several entries: prefer outcome, victim, qualifier, thing.
    if takesShortcuts, let singles = lexicon.singleTokenEntries {
      found = singleTokenWalk(singles, meanings: meanings)
    } else {
      lexicon.matcher.forEachMatch(in: document) { tokenRange, entryIndices in
        let best = CasualtyLexicon.preferredEntry(entryIndices, meanings: meanings)
        found.append(Match(start: tokenRange.lowerBound, end: tokenRange.upperBound, entry: best))
      }
    }
    let prisoner = words.prisoner
    var hasOutcome = false
    for match in found {
      let meaning = meanings[match.entry]
      // An outcome word or noun, or "took two soldiers prisoner".
      if meaning.kind == .trigger || (meaning.kind == .victim && meaning.outcome != nil)
        || (meaning.kind == .victim && tokens[match.start].rawID == prisoner)
      {
        hasOutcome = true
        break
      }
    }
    guard hasOutcome else { return false }
    matches = found
    // Filled in place before it is stored: writing through `self.matchAt` checked the
    // array's uniqueness and bounds at every token. Every match lies within the tokens.
    matchAt = [Int32](unsafeUninitializedCapacity: count) { table, initialized in
      table.initialize(repeating: -1)
      for (index, match) in found.enumerated() {
        for token in match.start..<match.end { table[token] = Int32(index) }
      }
      initialized = table.count
    }
    return true
  }

  /// The matcher's leftmost-longest matches, found as its own walk finds them but with
  /// one lookup for a token that only one-word surfaces start with: the same root-bit
  /// skip, then `singles` by token ID; only from the starts of longer or case-sensitive
  /// surfaces does the trie walk, keeping its longest match (the lexicon has no stop
  /// entries, or `singles` would be `nil`), and scanning resumes after a match.
  private func singleTokenWalk(_ singles: TokenMap<Int32>, meanings: [Meaning]) -> [Match] {
    var found: [Match] = []
    // Room for a document's lexicon words at once, rather than growing from a small guess:
    // in the generated benchmark news one token in five is a lexicon word ("people",
    // "killed", "March"), and from 32 a 4 KB document reallocated and copied three times.
    // A quarter bounds such text and is more than real news needs; the memory is not
    // touched until used.
    found.reserveCapacity(count / 4 + 16)
    let rootBit = tables.lexicon.matcher.rootBit
    // One pair of buffers for every walk's entry indices.
    var scratch: [Int] = []
    var aliasScratch: [Bool] = []
    // The walks read the meanings through a buffer: a walk's closure that captured the
    // array retained and released it around every walk.
    meanings.withUnsafeBufferPointer { meanings in
      tokens.withUnsafeBufferPointer { tokens in
        var start = 0
        while start < tokens.count {
          let token = tokens[start]
          guard token.rootMask & rootBit != 0 || rootBit == 0, let single = singles[token.rawID] else {
            start += 1
            continue
          }
          if single != CasualtyLexicon.needsWalk {
            found.append(Match(start: start, end: start + 1, entry: Int(single)))
            start += 1
            continue
          }
          var longest: Match?
          tables.lexicon.matcher.forEachMatch(
            in: tokens, text: bytes, startingAt: start, scratch: &scratch, aliasScratch: &aliasScratch
          ) { tokenRange, entryIndices in
            let best = CasualtyLexicon.preferredEntry(entryIndices, meanings: meanings)
            longest = Match(start: tokenRange.lowerBound, end: tokenRange.upperBound, entry: best)
          }
          if let longest {
            found.append(longest)
            start = longest.end
          } else {
            start += 1
          }
        }
      }
    }
    return found
  }

  /// The count phrase that starts at the first token from `index` where one does, or `nil`.
  ///
  /// Not `mutating`, and never inlined into `run(_:into:)`: a mutating method that calls a
  /// non-mutating one hands it a copy of `self` made on the stack, which `run` paid at every
  /// token it tried. Here `parsePhrase(at:)` reads the scan in place.
  @inline(never)
  func nextPhrase(from index: Int) -> Phrase? {
    var index = index
    while index < count {
      if mayStartPhrase(index), let phrase = parsePhrase(at: index) { return phrase }
      index += 1
    }
    return nil
  }

  /// A cheap, exact filter: `parsePhrase(at:)` can return a phrase only at a token that
  /// is a number, a word of ``CasualtyWords/canStartCount(_:)`` ("between", "a", "an",
  /// the first word of a spelled number), or the first token of a qualifier's lexicon
  /// match ("at least", "some"). At the start of any other lexicon match its qualifier
  /// branch returns `nil` at once; anywhere else its qualifier, "between", number and
  /// article branches all fail at the first token. So skipping the token changes no output.
  ///
  /// Victims, outcomes and things ("people", "killed", "March") are far more common than
  /// qualifiers, and `parsePhrase(at:)` is a large function to enter only to leave.
  @inline(__always)
  func mayStartPhrase(_ index: Int) -> Bool {
    let token = tokens[index]
    if token.kind == .number { return true }
    guard token.rawID != Token.noID else { return false }
    if !takesShortcuts || words.canStartCount(token.rawID) { return true }
    let found = Int(matchAt[index])
    return found >= 0 && matches[found].start == index && meaning(matches[found]).kind == .qualifier
  }

  // MARK: - Token helpers

  @inline(__always)
  func rawID(_ index: Int) -> UInt32 {
    index >= 0 && index < count ? tokens[index].rawID : Token.noID
  }

  /// The word class of a token; past either end of the text, a boundary.
  @inline(__always)
  func wordClass(_ index: Int) -> CasualtyWords.Class {
    index >= 0 && index < count ? words.wordClass(tokens[index].rawID) : .boundary
  }

  @inline(__always)
  func meaning(_ match: Match) -> Meaning { lexicon.meanings[match.entry] }

  @inline(__always)
  func match(startingAt index: Int) -> Match? {
    guard index >= 0 && index < count && !matchAt.isEmpty else { return nil }
    let found = Int(matchAt[index])
    guard found >= 0, matches[found].start == index else { return nil }
    return matches[found]
  }

  @inline(__always)
  func match(endingAt end: Int) -> Match? {
    guard end > 0 && end <= count && !matchAt.isEmpty else { return nil }
    let found = Int(matchAt[end - 1])
    guard found >= 0, matches[found].end == end else { return nil }
    return matches[found]
  }

  @inline(__always)
  func match(covering index: Int) -> Match? {
    guard index >= 0 && index < count && !matchAt.isEmpty else { return nil }
    let found = Int(matchAt[index])
    return found >= 0 ? matches[found] : nil
  }

  /// Whether a new line starts at `index`: a headline or paragraph ends before it.
  @inline(__always)
  func startsLine(_ index: Int) -> Bool {
    index < count && tokens[index].flags.contains(.lineStart)
  }

  /// Whether the token at `index` is a hyphen joining two words with no space
  /// ("35-year-old", "ISIS-K", "5,000-strong"), not a dash between phrases.
  func isJoiningHyphen(_ index: Int) -> Bool {
    guard index > 0, index + 1 < count else { return false }
    let token = tokens[index]
    // The spacing first: it is in the tokens at hand, and most tokens (`findHead` asks
    // about each word after a count) have a space before them. The class is a load from
    // a table as long as the vocabulary.
    guard !token.flags.contains(.spaceBefore), !tokens[index + 1].flags.contains(.spaceBefore),
      wordClass(index) == .hyphen
    else { return false }
    if token.utf8Range.count == 1 { return true }  // "-"
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN (E2 80 90/91); en and em dashes are not.
    return token.utf8Range.count == 3 && (bytes[token.utf8Range.lowerBound + 2] & 0xFE) == 0x90
  }

  /// Whether a number could start at `index` (a digit token or a number word). A word no
  /// spelled number begins with (``CasualtyWords/canStartCount(_:)``) is not asked about.
  func startsNumber(_ index: Int) -> Bool {
    guard index < count else { return false }
    if tokens[index].kind == .number { return true }
    let id = tokens[index].rawID
    guard id != Token.noID, !takesShortcuts || words.canStartCount(id) else { return false }
    return numbers.number(in: tokens, bytes: bytes, at: index) != nil
  }

  /// Whether a qualified count starts at `index`: "at least 12", "some 40".
  func startsCount(_ index: Int) -> Bool {
    if startsNumber(index) { return true }
    if let qualifier = match(startingAt: index), meaning(qualifier).kind == .qualifier {
      return startsNumber(qualifier.end)
    }
    return false
  }

  /// Whether a sentence or line ends between `index` and `index + 1`.
  func endsSentence(after index: Int) -> Bool {
    wordClass(index) == .boundary || startsLine(index + 1)
  }
}
