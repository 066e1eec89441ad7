/// One document's incident linking: the structure the rules read (sentences, paragraphs,
/// clauses, cue words, place phrases), built once, then each casualty count's place, date
/// and perpetrator chosen from it (`IncidentScan+Links.swift`).
///
/// Runs after the overlap policy, on the resolved mentions, and only when the document
/// has a casualty count. Everything is read by token index and raw token ID. The UTF-8
/// buffer is valid only inside the `withUTF8` closure of ``link(_:in:tokens:rules:)``.
struct IncidentScan {
  typealias Role = IncidentRules.Role
  typealias Flags = IncidentWords.Flags

  /// A sentence: its tokens, its paragraph, and how it opens.
  struct Sentence {
    var tokens: Range<Int>
    /// Sentences of one paragraph share it; a paragraph starts at a line break.
    var paragraph: Int
    /// It opens on a definite event noun ("The attack …", "The incident occurred"), so it
    /// continues the event before it, across a paragraph break if need be.
    var opensAnaphoric = false
    /// It opens another event ("In a separate attack", "Meanwhile"): the context of the
    /// counts around it stops there.
    var opensNewEvent = false
  }

  /// A mention the rules read, by token indices.
  struct Spot {
    /// The mention's index in the document's mentions.
    var mention: Int
    /// Its first token, and the token after its last.
    var first: Int
    var end: Int
  }

  /// Spots (or chains) in text order, so that "does one of them cover these tokens?" and
  /// "which of them start among these tokens?" are binary searches, not scans: a document
  /// of 10⁵ casualty counts links in linear time.
  struct SpotIndex {
    /// Each one's first token, in order.
    private var firsts: [Int] = []
    /// Per position: the largest end token among it and the ones before it.
    private var widestEnds: [Int] = []

    init() {}

    init(firsts: [Int], ends: [Int]) {
      self.firsts = firsts
      var widest = Int.min
      widestEnds = ends.map { end in
        widest = max(widest, end)
        return widest
      }
    }

    init(_ spots: [Spot]) { self.init(firsts: spots.map(\.first), ends: spots.map(\.end)) }

    /// How many start before token `token`.
    func count(startingBefore token: Int) -> Int {
      var low = 0
      var high = firsts.count
      while low < high {
        let mid = (low + high) / 2
        if firsts[mid] < token { low = mid + 1 } else { high = mid }
      }
      return low
    }

    /// Whether one of them covers tokens `first..<end`.
    func covers(_ first: Int, _ end: Int) -> Bool {
      let started = count(startingBefore: first + 1)
      return started > 0 && widestEnds[started - 1] >= end
    }

    /// The positions of those that start among `tokens`.
    func starting(in tokens: Range<Int>) -> Range<Int> {
      count(startingBefore: tokens.lowerBound)..<count(startingBefore: tokens.upperBound)
    }
  }

  /// Places one after the other that name one location ("Besham town in northern
  /// Pakistan's Khyber Pakhtunkhwa province"), and what its structure says.
  struct Chain {
    /// Indices in ``places``, in text order.
    var members: [Int]
    /// The most specific member (ties: the first).
    var representative: Int
    /// The token of the preposition that governs it ("in"), when there is one.
    var preposition: Int?
    /// It stands right before an event word ("the Peshawar blast").
    var isPremodifier = false
    /// An event word is near it in its clause.
    var isEventLinked = false
    /// Its first token and the token after its last.
    var first: Int
    var end: Int
  }

  let rules: IncidentRules
  let tokens: [Token]
  let bytes: UnsafeBufferPointer<UInt8>
  /// The tokens linked: the whole document, or a window's own tokens.
  let scope: Range<Int>
  /// Per token of `scope` (at `index - scope.lowerBound`): its cue role, whether a cue
  /// starts there, its grammar flags, its sentence and its clause.
  var tokenRoles: [Role] = []
  var cueStarts: [Bool] = []
  var tokenFlags: [Flags] = []
  var sentenceOf: [Int32] = []
  var clauseOf: [Int32] = []
  var isDateline: [Bool] = []
  var sentences: [Sentence] = []
  var places: [Spot] = []
  var dates: [Spot] = []
  var organizations: [Spot] = []
  var casualties: [Spot] = []
  var chains: [Chain] = []
  /// Per place (as ``places``): its ``breadth(of:)``, set by ``buildChains(_:)`` for the
  /// places a chain may hold.
  var placeBreadths: [Int] = []
  /// The four kinds of mention, and the chains, indexed for lookups by token
  /// (``readMentions(_:)`` and ``buildChains(_:)`` build them).
  var placeIndex = SpotIndex()
  var dateIndex = SpotIndex()
  var organizationIndex = SpotIndex()
  var casualtyIndex = SpotIndex()
  var chainIndex = SpotIndex()
  /// Per sentence: the countries its places and nationalities name (a casualty count's
  /// own nationalities left out: "five Chinese engineers" were not harmed in China).
  var sentenceCountries: [[String]] = []
  /// Per sentence: whether a casualty count is in it.
  var sentenceHasCount: [Bool] = []

  /// Links every casualty count of `mentions` (resolved, ordered by start) to its place,
  /// date and perpetrator, when the text gives them.
  ///
  /// - Complexity: O(*n* + *c* × *k*) for *n* tokens, *c* casualty counts and *k*
  ///   candidates in their context.
  static func link(
    _ mentions: inout [Entity], in document: TokenizedText, tokens scope: Range<Int>,
    rules: IncidentRules
  ) {
    guard !scope.isEmpty,
      mentions.contains(where: { if case .some = $0.casualty { true } else { false } })
    else { return }
    document.withUTF8 { bytes in
      var scan = IncidentScan(rules: rules, tokens: document.tokens, bytes: bytes, scope: scope)
      scan.readStructure(document)
      scan.readMentions(mentions)
      scan.collectCountries(mentions)
      scan.buildChains(mentions)
      scan.attach(to: &mentions)
    }
  }

  init(rules: IncidentRules, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, scope: Range<Int>) {
    self.rules = rules
    self.tokens = tokens
    self.bytes = bytes
    self.scope = scope
  }

  // MARK: - Token helpers

  @inline(__always)
  func role(_ index: Int) -> Role {
    scope.contains(index) ? tokenRoles[index - scope.lowerBound] : .none
  }

  @inline(__always)
  func startsCue(_ index: Int, _ role: Role) -> Bool {
    scope.contains(index) && cueStarts[index - scope.lowerBound] && tokenRoles[index - scope.lowerBound] == role
  }

  @inline(__always)
  func flags(_ index: Int) -> Flags {
    scope.contains(index) ? tokenFlags[index - scope.lowerBound] : []
  }

  @inline(__always)
  func sentence(_ index: Int) -> Int { Int(sentenceOf[index - scope.lowerBound]) }

  @inline(__always)
  func clause(_ index: Int) -> Int { Int(clauseOf[index - scope.lowerBound]) }

  /// A word with no grammar flag and no cue role ("militants", "district", "northwest").
  @inline(__always)
  func isPlainWord(_ index: Int) -> Bool {
    scope.contains(index) && flags(index).isEmpty && role(index) == .none
      && tokens[index].kind != .punctuation
  }

  // MARK: - Structure

  /// Cue roles, grammar flags, sentences, paragraphs, clauses and datelines.
  mutating func readStructure(_ document: TokenizedText) {
    (tokenRoles, cueStarts) = rules.roles(in: document, tokens: scope)
    let words = rules.words
    tokenFlags = scope.map { index in
      var found = words.flags(tokens[index].rawID)
      // A dash is a clause boundary when spaced; a joining hyphen ("ISIS-K") is not.
      if found.contains(.dash) {
        let spaced =
          tokens[index].flags.contains(.spaceBefore)
          || (index + 1 < tokens.count && tokens[index + 1].flags.contains(.spaceBefore))
        if !spaced { found.remove(.dash) }
      }
      return found
    }
    let starts = IncidentScan.sentenceStarts(tokens: tokens, scope: scope, bytes: bytes, words: words)
    sentenceOf = [Int32](repeating: 0, count: scope.count)
    clauseOf = [Int32](repeating: 0, count: scope.count)
    var paragraph = -1
    var clause: Int32 = -1
    for (number, start) in starts.enumerated() {
      let end = number + 1 < starts.count ? starts[number + 1].token : scope.upperBound
      if start.opensParagraph { paragraph += 1 }
      var sentence = Sentence(tokens: start.token..<end, paragraph: paragraph)
      clause += 1
      for index in start.token..<end {
        let relative = index - scope.lowerBound
        sentenceOf[relative] = Int32(number)
        if index > start.token, !tokenFlags[relative].isDisjoint(with: [.clause, .clausePunctuation, .dash]) {
          clause += 1
        }
        clauseOf[relative] = clause
      }
      sentence.opensNewEvent = (start.token..<min(end, start.token + 4)).contains {
        cueStarts[$0 - scope.lowerBound] && tokenRoles[$0 - scope.lowerBound] == .newEvent
      }
      sentence.opensAnaphoric = opensOnEventNoun(start.token..<end)
      sentences.append(sentence)
    }
    markDatelines()
  }

  /// Whether a sentence's first tokens are a definite determiner and an event word, with
  /// at most one word between ("The attack", "The deadly blast", "This incident").
  private func opensOnEventNoun(_ sentence: Range<Int>) -> Bool {
    var index = sentence.lowerBound
    while index < sentence.upperBound, flags(index).contains(.closing) { index += 1 }
    guard index < sentence.upperBound, flags(index).contains(.definite) else { return false }
    index += 1
    if index < sentence.upperBound, isPlainWord(index), !startsCue(index, .attack) { index += 1 }
    return index < sentence.upperBound && startsCue(index, .attack)
  }

  /// Where each sentence of `scope` starts, and whether a paragraph starts there too.
  ///
  /// A sentence ends at `.`, `!`, `?` or `…` (and the closing quotes or brackets after it)
  /// followed by a spaced token in upper case, a number or a quote, unless the full stop
  /// ends an abbreviation ("Gen.", "U.S.", "J."). A line break starts a sentence and a
  /// paragraph, unless the line goes on in lower case after a line that did not end a
  /// sentence (text wrapped by hand).
  static func sentenceStarts(
    tokens: [Token], scope: Range<Int>, bytes: UnsafeBufferPointer<UInt8>, words: IncidentWords
  ) -> [(token: Int, opensParagraph: Bool)] {
    var starts: [(token: Int, opensParagraph: Bool)] = []
    guard !scope.isEmpty else { return starts }
    starts.append((scope.lowerBound, true))
    func endsSentence(before index: Int) -> Bool {
      var last = index - 1
      while last > scope.lowerBound, words.flags(tokens[last].rawID).contains(.closing),
        !words.flags(tokens[last].rawID).contains(.terminal)
      {
        last -= 1
      }
      guard words.flags(tokens[last].rawID).contains(.terminal) else { return false }
      // "Gen. Munir", "U.S. forces", "J. Smith": a full stop right after an abbreviation.
      let stop = tokens[last]
      if last > scope.lowerBound, bytes[Int(stop.utf8Start)] == UInt8(ascii: "."),
        !stop.flags.contains(.spaceBefore)
      {
        let word = tokens[last - 1]
        let length = Int(word.utf8End - word.utf8Start)
        if word.kind == .word
          && (length == 1 || words.flags(word.rawID).contains(.abbreviation)
            || bytes[Int(word.utf8Start)..<Int(word.utf8End)].contains(UInt8(ascii: ".")))
        {
          return false
        }
      }
      return true
    }
    func opensSentence(_ token: Token) -> Bool {
      if token.shape.isCapitalized || token.kind == .number { return true }
      let first = bytes[Int(token.utf8Start)]
      // Quotes and brackets: ASCII ones, and the three-byte curly quotes (E2 80 9C…).
      return first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "(")
        || first == 0xE2
    }
    for index in (scope.lowerBound + 1)..<scope.upperBound {
      let token = tokens[index]
      if token.flags.contains(.lineStart) {
        let wrapped = token.shape.isLowercase && !endsSentence(before: index)
        if !wrapped {
          starts.append((index, true))
          continue
        }
      }
      if token.flags.contains(.spaceBefore), opensSentence(token), endsSentence(before: index) {
        starts.append((index, false))
      }
    }
    return starts
  }

  /// Marks datelines: a line of the document's first 600 bytes that opens on a word in
  /// capitals and reaches a spaced dash or a colon within 12 tokens ("KABUL, AFGHANISTAN –",
  /// "QUETTA, Pakistan (AP) —"). They say where the story was filed, not where it happened.
  private mutating func markDatelines() {
    isDateline = [Bool](repeating: false, count: scope.count)
    for sentence in sentences {
      let start = sentence.tokens.lowerBound
      let token = tokens[start]
      guard token.utf8Start < 600, token.flags.contains(.lineStart), token.kind == .word,
        token.shape.isAllCaps, token.utf8End - token.utf8Start >= 2
      else { continue }
      for index in start..<min(sentence.tokens.upperBound, start + 12) {
        let found = flags(index)
        if found.contains(.terminal) { break }
        let isColon = found.contains(.clausePunctuation) && bytes[Int(tokens[index].utf8Start)] == UInt8(ascii: ":")
        if found.contains(.dash) || isColon {
          for marked in start...index { isDateline[marked - scope.lowerBound] = true }
          break
        }
      }
    }
  }

  // MARK: - Mentions

  /// The places, dates, organizations and casualty counts of the scope, by tokens.
  mutating func readMentions(_ mentions: [Entity]) {
    // `if case .some` tests a value without the copy an Equatable `!= nil` makes.
    for index in mentions.indices {
      let label = mentions[index].label
      if label == .place {
        guard case .some = mentions[index].place, let spot = spot(of: mentions[index].utf8Range, at: index)
        else { continue }
        places.append(spot)
      } else if label == .date {
        guard let value = mentions[index].date?.value, Self.isCalendarValue(value),
          let spot = spot(of: mentions[index].utf8Range, at: index)
        else { continue }
        dates.append(spot)
      } else if label == .organization {
        guard let spot = spot(of: mentions[index].utf8Range, at: index) else { continue }
        organizations.append(spot)
      } else if label == .casualty {
        guard case .some = mentions[index].casualty, let spot = spot(of: mentions[index].utf8Range, at: index)
        else { continue }
        casualties.append(spot)
      }
    }
    placeIndex = SpotIndex(places)
    dateIndex = SpotIndex(dates)
    organizationIndex = SpotIndex(organizations)
    casualtyIndex = SpotIndex(casualties)
  }

  /// Fills ``sentenceCountries`` and ``sentenceHasCount``.
  mutating func collectCountries(_ mentions: [Entity]) {
    sentenceCountries = [[String]](repeating: [], count: sentences.count)
    sentenceHasCount = [Bool](repeating: false, count: sentences.count)
    for spot in casualties { sentenceHasCount[sentence(spot.first)] = true }
    for spot in places where !isDatelineToken(spot.first) {
      if let country = mentions[spot.mention].place?.country {
        sentenceCountries[sentence(spot.first)].append(country)
      }
    }
    for index in mentions.indices where mentions[index].label == .nationality {
      guard let country = mentions[index].attributes["country"],
        let spot = spot(of: mentions[index].utf8Range, at: index), !isInsideCasualty(spot.first, spot.end)
      else { continue }
      sentenceCountries[sentence(spot.first)].append(country)
    }
  }

  /// The tokens within the scope of mention `index`, whose bytes are `range`, or `nil`
  /// when it has none there. (The range, not the mention: passing an `Entity` copies it.)
  private func spot(of range: Range<Int>, at index: Int) -> Spot? {
    // The first token that ends after the mention starts.
    var low = scope.lowerBound
    var high = scope.upperBound
    while low < high {
      let mid = (low + high) / 2
      if Int(tokens[mid].utf8End) <= range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < scope.upperBound, Int(tokens[end].utf8Start) < range.upperBound { end += 1 }
    return end > low ? Spot(mention: index, first: low, end: end) : nil
  }

  /// Whether a TIMEX3 value names a calendar date (`2024-03-26`, `2024-W10`, `XXXX-03`),
  /// not the vague past, present or future (`PAST_REF`).
  static func isCalendarValue(_ value: String) -> Bool {
    guard let first = value.utf8.first else { return false }
    return (0x30...0x39).contains(first) || first == UInt8(ascii: "X")
  }

  /// Whether tokens `first..<end` lie inside a casualty count's span.
  func isInsideCasualty(_ first: Int, _ end: Int) -> Bool {
    casualtyIndex.covers(first, end)
  }

  /// Whether the token at `index` is part of a casualty count's span.
  func isCasualtyToken(_ index: Int) -> Bool {
    casualtyIndex.covers(index, index + 1)
  }

  /// Whether the token at `index` is part of a place, date, organization or casualty
  /// mention.
  func isMentionToken(_ index: Int) -> Bool {
    placeIndex.covers(index, index + 1) || dateIndex.covers(index, index + 1)
      || organizationIndex.covers(index, index + 1) || casualtyIndex.covers(index, index + 1)
  }

  func isDatelineToken(_ index: Int) -> Bool {
    scope.contains(index) && isDateline[index - scope.lowerBound]
  }
}
