/// One document's pass of ``CasualtyRecognizer``: lexicon matches, count phrases, and the
/// outcome each phrase gets.
///
/// Everything is read by token index and raw token ID; no token text is made into a
/// `String`. Per-document scratch (the match table) lives here, not in the recognizer,
/// so the recognizer stays immutable and shareable.
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
  }

  /// An outcome found for a phrase, or a veto.
  struct Found {
    var outcome: Outcome?
    var rule: CasualtyRule
    var isVeto: Bool { outcome == nil }
  }

  let lexicon: CasualtyLexicon
  let words: CasualtyWords
  let numbers: NumberParser
  let document: TokenizedText
  let tokens: [Token]
  let count: Int
  /// Per token: the index in `matches` of the lexicon match covering it, or -1.
  var matchAt: [Int32] = []
  var matches: [Match] = []
  var phrases: [Phrase] = []

  init(recognizer: CasualtyRecognizer, document: TokenizedText) {
    lexicon = recognizer.lexicon
    words = recognizer.words
    numbers = recognizer.numbers
    self.document = document
    tokens = document.tokens
    count = tokens.count
  }

  mutating func run(into mentions: inout [Entity]) {
    guard collectMatches() else { return }
    var index = 0
    while index < count {
      if tokens[index].kind == .number || tokens[index].rawID != Token.noID,
        let phrase = parsePhrase(at: index)
      {
        var phrase = phrase
        if let outer = phrases.last, outer.innerStart >= 0, phrase.start == outer.innerStart {
          phrase.isInner = true
        }
        phrases.append(phrase)
        index = phrase.countEnd
        continue
      }
      index += 1
    }
    guard !phrases.isEmpty else { return }
    resolveGroups()
    resolveRest()
    emit(into: &mentions)
  }

  /// Finds the lexicon words; returns `false` when the document has no outcome word or
  /// outcome noun at all, so nothing more needs doing.
  private mutating func collectMatches() -> Bool {
    var found: [Match] = []
    var hasOutcome = false
    let meanings = lexicon.meanings
    let prisoner = words.prisoner
    lexicon.matcher.forEachMatch(in: document) { tokenRange, entryIndices in
      // One surface in several entries: prefer outcome, victim, qualifier, thing.
      var best = entryIndices[entryIndices.startIndex]
      for entry in entryIndices where meanings[entry].kind.rawValue < meanings[best].kind.rawValue {
        best = entry
      }
      let meaning = meanings[best]
      if meaning.kind == .trigger || (meaning.kind == .victim && meaning.outcome != nil) {
        hasOutcome = true
      } else if meaning.kind == .victim && document.tokens[tokenRange.lowerBound].rawID == prisoner
      {
        hasOutcome = true  // "took two soldiers prisoner"
      }
      found.append(Match(start: tokenRange.lowerBound, end: tokenRange.upperBound, entry: best))
    }
    guard hasOutcome else { return false }
    matches = found
    matchAt = [Int32](repeating: -1, count: count)
    for (index, match) in found.enumerated() {
      for token in match.start..<match.end { matchAt[token] = Int32(index) }
    }
    return true
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
    guard index > 0, index + 1 < count, wordClass(index) == .hyphen else { return false }
    let token = tokens[index]
    guard !token.flags.contains(.spaceBefore), !tokens[index + 1].flags.contains(.spaceBefore)
    else { return false }
    if token.utf8Range.count == 1 { return true }  // "-"
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN (E2 80 90/91); en and em dashes are not.
    return document.withUTF8 { bytes in
      token.utf8Range.count == 3 && (bytes[token.utf8Range.lowerBound + 2] & 0xFE) == 0x90
    }
  }

  /// Whether a number could start at `index` (a digit token or a number word).
  func startsNumber(_ index: Int) -> Bool {
    guard index < count else { return false }
    if tokens[index].kind == .number { return true }
    return tokens[index].rawID != Token.noID && numbers.number(in: document, at: index) != nil
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
