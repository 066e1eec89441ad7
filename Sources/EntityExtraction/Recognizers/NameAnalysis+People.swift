/// Person rules: titles, honorifics, name lists, reporting verbs, and aliases.
extension NameAnalysis {
  /// Finds people, the body of the document first and then its headlines, which only
  /// report names that the lists or the body know.
  mutating func findPeople() {
    for headlines in [false, true] {
      var index = 0
      while let person = nextPerson(from: index, inHeadlines: headlines) {
        accept(person)
        if !headlines { addBodyWords(of: person) }
        index = person.tokenRange.upperBound
      }
    }
    findCoordinatedPeople()
  }

  /// Adds the name words of `person`, found in the body, to `bodyWords`, given room for a
  /// document's usual people at the first rather than regrown from one slot (the set is
  /// never iterated: its capacity changes nothing but the allocations).
  mutating func addBodyWords(of person: Found) {
    if bodyWords.isEmpty { bodyWords.reserveCapacity(16) }
    for word in person.nameWords { bodyWords.insert(wordHash[word]) }
  }

  /// The person found at the first token from `start` where one is, among the tokens of
  /// the headlines or of the body, or `nil`. Only ``nameStarts`` are tried: `person(at:)`
  /// finds nothing at another token.
  ///
  /// Not `mutating`, and never inlined into `findPeople()`: a mutating method hands `self`
  /// to a non-mutating one by copying it to the stack, which `findPeople()` paid at every
  /// token it tried `person(at:)` at. Here the copy is made once per person found.
  @inline(never)
  func nextPerson(from start: Int, inHeadlines headlines: Bool) -> Found? {
    // One buffer for the name words of every name tried (see `parseName(at:scratch:)`).
    var scratch: [Int] = []
    scratch.reserveCapacity(8)
    for position in firstNameStart(from: start)..<nameStarts.count {
      let index = Int(nameStarts[position])
      if isHeadline(index) == headlines, !isTaken(index), let person = person(at: index, scratch: &scratch) {
        return person
      }
    }
    return nil
  }

  /// "Gene Wolfe, Frank Kelly Freas, Mike Jittlov and Art Widner": capitalised names
  /// that no other cue finds are people when coordinated with a person.
  mutating func findCoordinatedPeople() {
    var changed = true
    while changed {
      changed = false
      var index = 0
      while let person = nextCoordinatedPerson(from: index) {
        accept(person)
        addBodyWords(of: person)
        changed = true
        index = person.tokenRange.upperBound
      }
    }
  }

  /// The coordinated name (see ``findCoordinatedPeople()``) at the first token from
  /// `start` where one is, or `nil`. Not `mutating` and never inlined, as
  /// ``nextPerson(from:inHeadlines:)``.
  @inline(never)
  func nextCoordinatedPerson(from start: Int) -> Found? {
    var scratch: [Int] = []
    // A name parsed at `index` starts there and ends after it, so a person coordinated
    // after it starts at `index + 2` or later, just after a connector: past the last such
    // person, only a person before `index` can coordinate the name, which is known without
    // parsing it. Most documents have no such person at all, and nothing is parsed here.
    let lastAfter = lastPersonAfterConnector()
    // `isNameWord(_:)` holds only at a capitalised word: one of the `nameStarts`.
    for position in firstNameStart(from: start)..<nameStarts.count {
      let index = Int(nameStarts[position])
      guard !isTaken(index), !isHeadline(index), isNameWord(index),
        index + 2 <= lastAfter || isCoordinatedWithPerson(before: index),
        let name = parseName(at: index, scratch: &scratch), name.honorifics == 0,
        (2...4).contains(name.words.count),
        isCoordinatedWithPerson(before: name.start) || isCoordinatedWithPerson(after: name.end),
        !(isCapitalised(name.end) && has(name.end, [.title, .nonName, .orgHead]))
      else { continue }
      let range = name.start..<name.end
      return Found(
        tokenRange: range, label: .person, rule: "rule:person/coordination", confidence: 0.7,
        canonical: normalizedText(range), nameWords: name.words)
    }
    return nil
  }

  /// The last token of a person that a comma, "and", "or" or "&" comes just before, or -1:
  /// `isCoordinatedWithPerson(after: end)` holds only if `end + 1` is such a token. Only
  /// the tokens of the people accepted so far are looked at (they alone are marked).
  func lastPersonAfterConnector() -> Int {
    var last = -1
    for item in found.indices where found[item].label == .person {
      for index in found[item].tokenRange where index > last && index >= 1 && isPerson(index) {
        let connector = tokens[index - 1].rawID
        if connector == words.comma || connector == words.and || connector == words.or
          || connector == words.ampersand
        {
          last = index
        }
      }
    }
    return last
  }

  /// Whether a person ends just before a comma, "and", "or" or "&" before `start`.
  func isCoordinatedWithPerson(before start: Int) -> Bool {
    guard start >= 2 else { return false }
    let connector = tokens[start - 1].rawID
    guard connector == words.comma || connector == words.and || connector == words.or
      || connector == words.ampersand
    else { return false }
    return isPerson(start - 2)
  }

  /// Whether a person starts just after a comma, "and", "or" or "&" after `end`.
  func isCoordinatedWithPerson(after end: Int) -> Bool {
    guard end + 1 < tokens.count else { return false }
    let connector = tokens[end].rawID
    guard connector == words.comma || connector == words.and || connector == words.or
      || connector == words.ampersand
    else { return false }
    return isPerson(end + 1)
  }

  // MARK: - Name words

  /// A word that may be part of a person's name: capitalised, not a function word, a
  /// title, a head noun, a listed organization, nationality or multi-word place. In a
  /// headline, where case says nothing, only words the lists or the body know.
  ///
  /// The rules call this several times per token; everything but `isTaken` and the
  /// body's people was settled once per document, in the name-word bits of ``marks``
  /// (see ``fixedNameWordKind(of:classes:gazetteer:match:isHeadline:possessive:)``), which
  /// are read with the taken bit in one load.
  func isNameWord(_ index: Int) -> Bool {
    guard index >= 0, index < tokens.count else { return false }
    let mark = marks[index]
    if mark.contains(.taken) { return false }
    if mark.contains(.nameWord) { return true }
    return mark.contains(.bodyNameWord) && bodyWords.contains(wordHash[index])
  }

  /// What a token can be in a person's name, from the facts that stay fixed for the
  /// document (its shape, classes, line and name-gazetteer match). Whether it is taken,
  /// and in a headline whether a person of the body has it, change as names are accepted:
  /// `isNameWord(_:)` reads those itself.
  enum NameWordKind: UInt8 {
    /// Never a name word.
    case never
    /// A name word while it is not taken.
    case always
    /// A headline word that no list knows: a name word while it is not taken, if a person
    /// found in the body has it (`bodyWords`).
    case ifBodyWord
  }

  /// What a token can be in a person's name, from what stays fixed for the document: the
  /// token, its lexicon classes, what the name-gazetteer match covering it names and that
  /// match's range (empty if none), whether its line is a headline, and the raw ID of
  /// "'s" (`possessive`). These are the tests of `isNameWord(_:)` that read no state of
  /// the rules, all of them pure, so their order does not matter; a headline word the
  /// lists do not know waits for the body's people.
  ///
  /// The pass that finds the headlines calls this at the end of each line, for the line's
  /// ``nameStarts``, and records the answer in ``marks``: ``TokenMarks/nameWord`` for
  /// `.always`, ``TokenMarks/bodyNameWord`` for `.ifBodyWord`. Only capitalised words,
  /// which are among the starts, can be name words.
  static func fixedNameWordKind(
    of token: Token, classes: WordClass, gazetteer: NameClass, match: Range<Int32>, isHeadline: Bool,
    possessive: UInt32
  ) -> NameWordKind {
    guard token.kind == .word, token.shape.isCapitalized, !token.shape.contains(.hasDigit),
      token.utf8Range.count > 1, token.rawID != possessive, classes.isDisjoint(with: .nonName)
    else { return .never }
    if isFunctionWord(token, classes: classes, isHeadline: isHeadline) { return .never }
    let listed = !classes.isDisjoint(with: .nameList)
    if !isHeadline && token.shape.isAllCaps && token.utf8Range.count > 1 && !listed {
      return .never  // an acronym in running text
    }
    if !listed && !classes.isDisjoint(with: [.title, .orgHead, .reporting, .honorific]) { return .never }
    switch gazetteer {
    case .organization, .nationality:
      return .never
    case .place:
      // Only a one-word place (no match counts as one word) that the lists know as a name.
      guard listed && match.count <= 1 else { return .never }
    case .other, .weakPlace, .person:
      break
    }
    return isHeadline && !listed ? .ifBodyWord : .always
  }

  /// A capitalised word that continues a name even where it is also a place.
  func isNamePart(_ index: Int) -> Bool {
    guard index < tokens.count, !isTaken(index), tokens[index].kind == .word,
      tokens[index].shape.isCapitalized, !tokens[index].shape.contains(.hasDigit),
      !isFunctionWord(index), !has(index, .nonName)
    else { return false }
    return gazetteer[index] != .organization && (match(at: index)?.count ?? 1) == 1
  }

  /// A one-word place right after a title and before a name word: the first word of the
  /// name ("Health Minister [Gao Qiang]", where Gao is also a town in Mali). A title is
  /// strong evidence, and a place's name is rarely followed by another name word.
  func isPlaceNamedAfterTitle(_ index: Int) -> Bool {
    followsTitle(index) && !isHeadline(index) && isNamePart(index)
      && classes[index].isDisjoint(with: [.title, .titleEnd, .honorific, .orgHead, .reporting])
      && isNameWord(index + 1)
  }

  /// A listed surname that is also a nationality or a place ("Zarina Baloch"): a name
  /// word when it follows one.
  func isListedSurname(_ index: Int) -> Bool {
    guard has(index, .surname), index < tokens.count, !isTaken(index), !isHeadline(index),
      tokens[index].kind == .word, tokens[index].shape.isCapitalized, !isFunctionWord(index)
    else { return false }
    return gazetteer[index] != .organization && (match(at: index)?.count ?? 1) == 1
  }

  /// An initial: one capital letter and a dot ("J." in "Stephen J. Townsend").
  func isInitial(_ index: Int) -> Bool {
    guard index + 1 < tokens.count, !isTaken(index), tokens[index].kind == .word,
      tokens[index].utf8Range.count == 1, tokens[index].shape.isCapitalized,
      !startsLine(index + 1)
    else { return false }
    return tokens[index + 1].rawID == words.period
  }

  /// The shape of a name found at a position.
  struct NameShape {
    var start: Int
    var end: Int
    /// The name words (honorifics, particles, hyphens and initials excluded).
    var words: [Int]
    var honorifics: Int
  }

  /// Parses a name starting at `start`: honorifics, then name words joined by spaces,
  /// inner hyphens and particles, initials, and a Jr./Sr./II suffix.
  ///
  /// The name words are collected in `nameWords`, emptied first, which the returned shape
  /// then shares: a caller that tries many starts passes the same array each time, and
  /// only a name it keeps makes the next attempt allocate, not every attempt.
  func parseName(at start: Int, scratch nameWords: inout [Int]) -> NameShape? {
    var index = start
    var honorifics = 0
    while has(index, .honorific), isCapitalised(index), !isTaken(index),
      !isFunctionWord(index), isNameWord(index + 1) || has(index + 1, .honorific)
        || isParticleStart(index + 1)
    {
      honorifics += 1
      index += 1
    }
    nameWords.removeAll(keepingCapacity: true)
    var end = index
    var lastWordEnd = index
    while end < tokens.count && (end == start || !startsLine(end)) {
      if isInitial(end) && (isNameWord(end + 2) || isInitial(end + 2)) {
        end += 2
        continue
      }
      if isNameWord(end) || (!nameWords.isEmpty && isListedSurname(end)) || (end == start && isPlaceNamedAfterTitle(end)) {
        nameWords.append(end)
        end += 1
        lastWordEnd = end
        // "Anwaar-ul-Haq", "Jean-Luc", "Abdel-Shafi": a capitalised word hyphenated to a
        // name word is part of the name, even if a place shares it ("Luc").
        while isInnerHyphen(end), end + 1 < tokens.count {
          if isNameWord(end + 1) || isNamePart(end + 1) {
            nameWords.append(end + 1)
            end += 2
            lastWordEnd = end
          } else if isParticle(end + 1) && isInnerHyphen(end + 2) {
            end += 2
          } else {
            break
          }
        }
        continue
      }
      if isParticleStart(end) && (nameWords.isEmpty ? (end == start || honorifics > 0) : true) {
        // "al-Abadi", "bin Laden", "van der Waals", "de Mistura".
        var next = end + 1
        if isInnerHyphen(next) { next += 1 } else if isParticle(next) { next += 1 }
        if isInnerHyphen(next) { next += 1 }
        guard isNameWord(next) else { break }
        end = next
        continue
      }
      break
    }
    guard !nameWords.isEmpty else { return nil }
    end = lastWordEnd
    // "Jr.", "Sr.", "II", "III".
    if nameWords.count >= 2, end < tokens.count, !isTaken(end) {
      let suffix = tokens[end]
      if suffix.rawID == words.jr || suffix.rawID == words.sr {
        end += id(end + 1) == words.period ? 2 : 1
      } else if suffix.kind == .word, suffix.shape.isAllCaps, isRomanNumeral(end) {
        end += 1
      }
    }
    return NameShape(start: start, end: end, words: nameWords, honorifics: honorifics)
  }

  /// A lower-case particle that begins a hyphenated or spaced name part.
  func isParticleStart(_ index: Int) -> Bool {
    guard isParticle(index) else { return false }
    return isInnerHyphen(index + 1) || isNameWord(index + 1) || isParticle(index + 1)
  }

  func isRomanNumeral(_ index: Int) -> Bool {
    let bytes = text[tokens[index].utf8Range]
    guard bytes.count >= 2 && bytes.count <= 4 else { return false }
    return bytes.allSatisfy { $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "V") || $0 == UInt8(ascii: "X") }
  }

  // MARK: - Cues

  /// "said X", "according to X".
  func hasReportingVerbBefore(_ start: Int) -> Bool {
    if has(start - 1, .reporting) && tokens[start - 1].kind == .word { return true }
    return id(start - 1) == words.to && id(start - 2) == words.according
  }

  /// "X said", "X told".
  func hasReportingVerbAfter(_ end: Int) -> Bool {
    has(end, .reporting) && end < tokens.count && !tokens[end].shape.isCapitalized
  }

  /// "X, the spokesperson for…", "X, a senior commander": a role right after the name.
  func hasRoleApposition(after end: Int) -> Bool {
    guard id(end) == words.comma else { return false }
    var index = end + 1
    // Compared one by one: an array literal of them was allocated at every call.
    let next = id(index)
    if next == words.the || next == words.a || next == words.an || next == words.his || next == words.her
      || next == words.its || next == words.their
    {
      index += 1
    }
    for probe in index..<min(index + 4, tokens.count) {
      if tokens[probe].kind == .punctuation && tokens[probe].rawID != words.possessive { return false }
      if has(probe, .title) { return true }
    }
    return false
  }

  // MARK: - Decision

  /// The person whose name starts at `index`, if the cues say it is one; `scratch` is
  /// the name-word buffer of `parseName(at:scratch:)`.
  func person(at index: Int, scratch: inout [Int]) -> Found? {
    guard isNameWord(index) || has(index, .honorific) || isParticleStart(index) || isInitial(index)
      || isPlaceNamedAfterTitle(index),
      let parsed = parseName(at: index, scratch: &scratch)
    else { return nil }
    var name = parsed
    // "Interior Minister", "Army Chief": a modifier of a title, not a name; "Cal
    // Anderson Park", "Doyt Perry Stadium": a name inside a place's or body's name.
    if isCapitalised(name.end) && !has(name.end, .nameList)
      && (has(name.end, [.title, .nonName, .orgHead]) || gazetteer[name.end] == .place)
    {
      return nil
    }
    if !followsTitle(name.start) && name.honorifics == 0 {
      // "County Coroner William McLaughlin", "Queenslander Mitchell Rawlins": capitalised
      // words no list knows before a given name describe the person.
      if let given = name.words.firstIndex(where: { has($0, .given) }), given > 0,
        name.words.count - given >= 2,
        !name.words[..<given].contains(where: { has($0, .nameList) })
      {
        name.start = name.words[given]
        name.words.removeFirst(given)
      }
    }
    let count = name.words.count
    let range = name.start..<name.end
    let headline = isHeadline(name.start)
    let first = name.words[0]
    let last = name.words[count - 1]
    var rule: String
    var confidence: Double
    if followsTitle(name.start) {
      rule = "rule:person/title"
      confidence = 0.9
    } else if name.honorifics > 0 {
      rule = "rule:person/honorific"
      confidence = 0.85
    } else if count >= 2 && (has(first, .given) || has(last, .surname)) {
      rule = "rule:person/names"
      confidence = has(first, .given) && has(last, .surname) ? 0.9 : 0.8
    } else if count >= 2 && count <= 4 && !headline
      && (hasReportingVerbBefore(name.start) || hasReportingVerbAfter(name.end)
        || hasRoleApposition(after: name.end))
    {
      rule = "rule:person/reporting"
      confidence = 0.75
    } else {
      return nil
    }
    return Found(
      tokenRange: range, label: .person, rule: rule, confidence: confidence,
      canonical: normalizedText(range), nameWords: name.words)
  }

  // MARK: - Aliases

  /// Links bare surnames to the full names of the document, and later short names to
  /// the full names they end ("Asim Munir" → "Syed Asim Munir").
  mutating func resolveAliases() {
    // Full names by their last word, and a filter of those words that rules out most
    // other words without a lookup in the dictionary.
    var byLastWord: [UInt64: [Int]] = [:]
    var lastWords = HashFilter()
    for (index, item) in found.enumerated() where item.label == .person {
      guard let last = item.nameWords.last else { continue }
      if item.nameWords.count >= 2 || item.tokenRange.count > 1 {
        byLastWord[wordHash[last], default: []].append(index)
        lastWords.insert(wordHash[last])
      }
    }
    guard !byLastWord.isEmpty else { return }
    // People found by a rule with a shorter name than another of the document.
    for index in found.indices where found[index].label == .person {
      let names = fullNames(for: found[index].nameWords, excluding: index, byLastWord: byLastWord)
      // Keep the longest readings only: "Syed Asim Munir" over "Asim Munir".
      let longest = Self.longestNames(names)
      if longest.count == 1 {
        found[index].canonical = longest[0]
      } else if longest.count > 1 && found[index].nameWords.count == 1 {
        found[index].canonical = nil
        found[index].candidates = longest.sorted().joined(separator: "|")
        found[index].confidence = min(found[index].confidence, 0.6)
      }
    }
    // Bare surnames anywhere in the document.
    var index = 0
    while let alias = nextAlias(from: index, byLastWord: byLastWord, lastWords: lastWords) {
      accept(alias)
      index = alias.tokenRange.upperBound
    }
  }

  /// The bare surname (see ``resolveAliases()``) at the first token from `start` where
  /// one is, with its canonical name or candidates, or `nil`. Not `mutating` and never
  /// inlined, as ``nextPerson(from:inHeadlines:)``. `lastWords` holds the keys of
  /// `byLastWord`: a word it rules out is no key, and is passed over without hashing it.
  @inline(never)
  func nextAlias(from start: Int, byLastWord: [UInt64: [Int]], lastWords: HashFilter) -> Found? {
    // `wordHash` is set only for capitalised words: some of the `nameStarts`.
    for position in firstNameStart(from: start)..<nameStarts.count {
      let index = Int(nameStarts[position])
      guard !isTaken(index), wordHash[index] != 0, lastWords.mayContain(wordHash[index]),
        byLastWord[wordHash[index]] != nil, isNameWord(index) || isAliasWord(index),
        !isNameWord(index - 1) || isSentenceStart(index), !isNameWord(index + 1),
        !isParticle(index - 1), !isInnerHyphen(index - 1), !isInnerHyphen(index + 1)
      else { continue }
      let names = fullNames(for: [index], excluding: nil, byLastWord: byLastWord)
      let longest = Self.longestNames(names)
      guard !longest.isEmpty else { continue }
      var item = Found(
        tokenRange: index..<(index + 1), label: .person, rule: "rule:person/alias", confidence: 0.85,
        canonical: longest.count == 1 ? longest[0] : nil, nameWords: [index])
      if longest.count > 1 {
        item.candidates = longest.sorted().joined(separator: "|")
        item.confidence = 0.5
      }
      return item
    }
    return nil
  }

  /// The distinct full names that a shorter name may stand for: the canonical names of
  /// the people of `byLastWord` (full names by the hash of their last word, as indices in
  /// `found`) whose name ends in `words`, other than `found[excluded]`.
  ///
  /// The candidates' words are compared in place, hash by hash: no array of hashes is
  /// made for `words` or for each candidate, and no candidate is copied out of `found`.
  func fullNames(for words: [Int], excluding excluded: Int?, byLastWord: [UInt64: [Int]]) -> [String] {
    guard let last = words.last, let group = byLastWord[wordHash[last]] else { return [] }
    var names: [String] = []
    for candidate in group where candidate != excluded {
      let otherWords = found[candidate].nameWords
      guard otherWords.count >= words.count,
        found[candidate].tokenRange.count > words.count || otherWords.count > words.count,
        endsWithWords(otherWords, words),
        let canonical = found[candidate].canonical
      else { continue }
      if !names.contains(canonical) { names.append(canonical) }
    }
    return names
  }

  /// Whether the last words of `name` have the hashes of `words`, in order; `name` has at
  /// least as many words.
  func endsWithWords(_ name: [Int], _ words: [Int]) -> Bool {
    let offset = name.count - words.count
    for position in words.indices where wordHash[name[offset + position]] != wordHash[words[position]] {
      return false
    }
    return true
  }

  /// The names that no other of `names` ends, in their order: "Syed Asim Munir", not also
  /// "Asim Munir". Fewer than two names are returned as they are, without a filtered copy.
  static func longestNames(_ names: [String]) -> [String] {
    guard names.count > 1 else { return names }
    return names.filter { name in !names.contains { $0 != name && $0.hasSuffix(" " + name) } }
  }

  /// A set of 64-bit hashes that may answer "maybe" for a hash it lacks, never "no" for
  /// one it holds: 256 bits on the stack, one per hash. With the few keys of a document's
  /// `byLastWord` it rules out most other words, whose lookup in the dictionary would
  /// hash them with SipHash first.
  struct HashFilter {
    /// The bits, four words of 64.
    var bits = SIMD4<UInt64>()

    /// The word and the bit of `hash`: the top 8 bits of its product with an odd
    /// constant, so that a vocabulary word's hash (its ID in the high half) spreads too.
    @inline(__always)
    private static func bitPosition(of hash: UInt64) -> (word: Int, bit: UInt64) {
      let slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 56)
      return (slot >> 6, UInt64(1) << (slot & 63))
    }

    /// Adds `hash`.
    mutating func insert(_ hash: UInt64) {
      let position = Self.bitPosition(of: hash)
      bits[position.word] |= position.bit
    }

    /// `false` only if `hash` was never added.
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
      let position = Self.bitPosition(of: hash)
      return bits[position.word] & position.bit != 0
    }
  }

  /// A capitalised word that the name rules would not take but that is the surname of a
  /// person named in full in the document (a surname that is also a place, "Munir").
  func isAliasWord(_ index: Int) -> Bool {
    guard !isTaken(index), tokens[index].kind == .word, tokens[index].shape.isCapitalized,
      !isFunctionWord(index), !has(index, .nonName)
    else { return false }
    if let match = match(at: index), match.count > 1 { return false }
    return gazetteer[index] != .organization && gazetteer[index] != .nationality
  }
}
