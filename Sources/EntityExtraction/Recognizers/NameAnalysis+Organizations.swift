/// Organization rules: head nouns, transliterated names, acronyms.
extension NameAnalysis {
  mutating func findOrganizations() {
    // The body first: headlines report only names that the body confirms.
    for headlines in [false, true] {
      readsHeadlines = headlines
      findTransliteratedNames()
      findHeadNounNames()
    }
    readsHeadlines = false
    findAcronyms()
    linkShortOrganizationNames()
  }

  // MARK: - Units of a name

  /// The end of the name unit starting at `index`: a listed place, organization or
  /// nationality (its whole match), or a capitalised word that may be part of an
  /// organization's name, hyphenated compounds included ("Counter-Terrorism"); `nil`
  /// when `index` starts no such unit.
  func organizationUnit(at index: Int) -> Int? {
    guard index < tokens.count, !isTaken(index) else { return nil }
    if let match = match(at: index), match.lowerBound == index, gazetteer[index] != .other,
      isCapitalised(index) || tokens[index].shape.isAllCaps
    {
      if match.count == 1 && isDottedAbbreviation(index) { return index + 2 }
      return match.upperBound
    }
    if isOrdinal(index) { return index + 1 }  // "321st Field Artillery Regiment"
    guard isCapitalised(index), !isFunctionWord(index), tokens[index].rawID != words.possessive,
      !has(index, [.reporting]), !tokens[index].shape.contains(.hasDigit)
    else {
      return nil
    }
    if match(at: index) != nil && gazetteer[index] != .other && gazetteer[index] != .weakPlace {
      return nil  // inside a listed name that starts elsewhere
    }
    if isDottedAbbreviation(index) { return index + 2 }
    var end = index + 1
    while isInnerHyphen(end), isCapitalised(end + 1), !isTaken(end + 1) { end += 2 }
    return end
  }

  /// Scans left from `end` (exclusive) over name units; returns where they start.
  func unitsStart(endingAt end: Int, notBefore floor: Int) -> Int {
    // A name never runs across a line break (a headline above the body has no full stop).
    if startsLine(end) { return end }
    var start = end
    // Units are scanned left to right from each candidate start, so look back one
    // token at a time and accept a start whose units reach `start` exactly.
    var probe = start - 1
    while probe >= floor {
      var unitStart = probe
      if let match = match(at: probe), gazetteer[probe] != .other, gazetteer[probe] != .weakPlace {
        unitStart = match.lowerBound
      } else if tokens[probe].rawID == words.period && isDottedAbbreviation(probe - 1) {
        unitStart = probe - 1
      } else if probe > floor && isInnerHyphen(probe - 1) && probe - 2 >= floor {
        // Part of a hyphenated compound: its first word starts the unit.
        var first = probe - 2
        while first - 2 >= floor && isInnerHyphen(first - 1) { first -= 2 }
        unitStart = first
      }
      guard unitStart >= floor, let unitEnd = organizationUnit(at: unitStart), unitEnd == start else { break }
      start = unitStart
      if isSentenceStart(start) || startsLine(start) { break }
      // "Armed Conflict Location & Event Data Project": & joins two units.
      if start - 2 >= floor, tokens[start - 1].rawID == words.ampersand, organizationUnit(at: start - 2) != nil {
        probe = start - 2
        continue
      }
      probe = start - 1
    }
    return start
  }

  /// Scans right from `start` over name units; returns where they end.
  func unitsEnd(from start: Int) -> Int {
    var end = start
    while end == start || !startsLine(end), let unitEnd = organizationUnit(at: end) {
      end = unitEnd
      if end + 1 < tokens.count, tokens[end].rawID == words.ampersand, organizationUnit(at: end + 1) != nil {
        end += 1
      }
    }
    return end
  }

  /// An ordinal written in digits ("3rd", "321st", "65th"), which numbers military units.
  func isOrdinal(_ index: Int) -> Bool {
    guard index >= 0, index < tokens.count, !isTaken(index), tokens[index].kind == .word,
      tokens[index].shape.contains(.hasDigit)
    else { return false }
    let bytes = text[tokens[index].utf8Range]
    guard bytes.count >= 3, let first = bytes.first, first >= 0x30 && first <= 0x39 else { return false }
    let suffix = (bytes[bytes.index(bytes.endIndex, offsetBy: -2)] | 0x20, bytes[bytes.index(before: bytes.endIndex)] | 0x20)
    switch suffix {
    case (UInt8(ascii: "s"), UInt8(ascii: "t")), (UInt8(ascii: "n"), UInt8(ascii: "d")),
      (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")):
      return bytes.dropLast(2).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    default:
      return false
    }
  }

  /// "U.S." or "U.K.": a capitalised word with inner dots and its final dot, which the
  /// segmenter cuts in two.
  func isDottedAbbreviation(_ index: Int) -> Bool {
    guard index >= 0, index + 1 < tokens.count, tokens[index].kind == .word,
      tokens[index].shape.isCapitalized, tokens[index].shape.contains(.hasSymbol),
      tokens[index + 1].rawID == words.period, !tokens[index + 1].flags.contains(.spaceBefore)
    else { return false }
    return text[tokens[index].utf8Range].contains(UInt8(ascii: "."))
  }

  // MARK: - Head nouns

  /// "Pakistan Atomic Energy Commission", "Balochistan Liberation Army", "Ministry of
  /// Foreign Affairs of Pakistan", "Taliban Ministry of Interior", "Geo News".
  mutating func findHeadNounNames() {
    var index = 0
    while let span = nextHeadNounName(from: index) {
      accept(span)
      index = span.tokenRange.upperBound
    }
  }

  /// The first head-noun name (see ``findHeadNounNames()``) from `start` on, or `nil`.
  ///
  /// Not `mutating`, and never inlined into `findHeadNounNames()`: a mutating method hands
  /// `self` to a non-mutating one by copying it to the stack, which the scan paid at every
  /// head noun it tried. Here the copy is made once per name found.
  @inline(never)
  func nextHeadNounName(from start: Int) -> Found? {
    // A head noun is a capitalised word: one of the `nameStarts`. None before `next` is
    // tried (a failed head skips the rest of its listed name).
    var next = start
    for position in firstNameStart(from: start)..<nameStarts.count {
      let index = Int(nameStarts[position])
      guard index >= next, isHeadline(index) == readsHeadlines, has(index, .orgHead), isCapitalised(index),
        !isTaken(index)
      else { continue }
      // A head inside a listed name ("State Department") makes the whole name the head.
      var headUnit = index..<(index + 1)
      if let match = match(at: index), gazetteer[index] != .other, gazetteer[index] != .weakPlace {
        headUnit = match
      }
      if let span = headNounName(headUnit: headUnit) { return span }
      next = max(index + 1, headUnit.upperBound)
    }
    return nil
  }

  /// The organization name around the head noun (or listed name ending in one) at
  /// `headUnit`, or `nil`.
  func headNounName(headUnit: Range<Int>) -> Found? {
    // Right: more modifiers up to a later head ("Pakistan Army Aviation Corps").
    var lastHead = headUnit.upperBound - 1
    let rightRun = unitsEnd(from: headUnit.upperBound)
    var probe = headUnit.upperBound
    while probe < rightRun {
      if has(probe, .orgHead) && isCapitalised(probe) { lastHead = probe }
      probe = organizationUnit(at: probe) ?? (probe + 1)
    }
    var end = max(lastHead + 1, headUnit.upperBound)
    // Left: modifiers, not reaching into another accepted span.
    var back = headUnit.lowerBound - 1
    while back >= 0 && !isTaken(back) { back -= 1 }
    let start = unitsStart(endingAt: headUnit.lowerBound, notBefore: back + 1)
    // Of-phrases: "of Foreign Affairs of Pakistan", "on Drugs and Crime", "of the Red Cross".
    var hasComplement = false
    while end + 1 < tokens.count && !startsLine(end) && !startsLine(end + 1) {
      let connector = tokens[end].rawID
      var next = end + 1
      if connector == words.of || connector == words.for_ || connector == words.on {
        if id(next) == words.the { next += 1 }
      } else if connector == words.and || connector == words.ampersand {
        // "and Crime", but not "and Pakistan" (a second actor).
        guard hasComplement, let unitEnd = organizationUnit(at: next) else { break }
        if gazetteer[next] == .place || gazetteer[next] == .nationality, unitsEnd(from: next) == unitEnd {
          break
        }
      } else {
        break
      }
      let runEnd = unitsEnd(from: next)
      guard runEnd > next else { break }
      end = runEnd
      hasComplement = true
    }
    let range = start..<end
    guard isFree(range) else { return nil }
    // A listed place that ends in a head-like word ("West Bank") stays a place.
    if range == headUnit && gazetteer[headUnit.lowerBound] != .organization { return nil }
    // Count the words and judge the modifiers.
    var wordCount = 0
    var distinctive = false
    var listedModifier = false
    var genericModifiers = 0
    var modifiers = 0
    var unit = start
    while unit < end {
      let unitEnd = organizationUnit(at: unit) ?? (unit + 1)
      if tokens[unit].kind == .word {
        wordCount += 1
        if unit < headUnit.lowerBound && !isOrdinal(unit) {
          modifiers += 1
          if gazetteer[unit] == .place || gazetteer[unit] == .organization
            || gazetteer[unit] == .nationality
          {
            distinctive = true
            listedModifier = true
          } else if has(unit, .orgGeneric) {
            genericModifiers += 1
          } else if !has(unit, .orgHead) {
            distinctive = true
          }
        }
      }
      unit = max(unitEnd, unit + 1)
    }
    if headUnit.count > 1 { distinctive = true }
    guard wordCount >= 2 || headUnit.count > 1 else { return nil }
    if has(lastHead, .orgPluralHead) && !distinctive && !hasComplement { return nil }
    if !distinctive && !hasComplement && modifiers == 1 && genericModifiers == 1 { return nil }
    // In a headline, case says little: a listed place, nationality or organization
    // before the head ("Taliban Ministry of Interior"), or the body, must vouch for it.
    if isHeadline(start) && !listedModifier && !bodyNames.contains(sequenceHash(range)) { return nil }
    return Found(
      tokenRange: range, label: .organization, rule: "rule:organization/head",
      confidence: distinctive ? 0.8 : 0.7, canonical: normalizedText(range))
  }

  // MARK: - Transliterated names

  /// "Tehreek-e-Labbaik Pakistan", "Lashkar-e-Jhangvi", "Jaish al-Adl", "Jamiat
  /// Ulema-e-Islam": a word such as lashkar, tehreek or jamiat joined to a name by a
  /// particle.
  mutating func findTransliteratedNames() {
    var index = 0
    while let name = nextTransliteratedName(from: index) {
      accept(name)
      index = name.tokenRange.upperBound
    }
  }

  /// The first transliterated name (see ``findTransliteratedNames()``) from `start` on,
  /// or `nil`. Not `mutating` and never inlined, as ``nextHeadNounName(from:)``.
  @inline(never)
  func nextTransliteratedName(from start: Int) -> Found? {
    // Such a name starts with a capitalised word: one of the `nameStarts`.
    for position in firstNameStart(from: start)..<nameStarts.count {
      let index = Int(nameStarts[position])
      guard isHeadline(index) == readsHeadlines, has(index, .orgTransliterated),
        isCapitalised(index), !isTaken(index), gazetteer[index] != .organization
      else { continue }
      var end = index + 1
      var sawParticle = false
      var capitalisedWords = 1
      while end < tokens.count && !isTaken(end) && !startsLine(end) {
        if isInnerHyphen(end) && end + 1 < tokens.count {
          end += 1
          continue
        }
        if isParticle(end) {
          sawParticle = true
          end += 1
          continue
        }
        if let match = match(at: end), match.lowerBound == end,
          gazetteer[end] == .place || gazetteer[end] == .nationality, sawParticle
        {
          end = match.upperBound
          capitalisedWords += 1
          continue
        }
        if isCapitalised(end) && !isFunctionWord(end) && !has(end, .reporting)
          && (gazetteer[end] == .other || gazetteer[end] == .weakPlace)
        {
          capitalisedWords += 1
          end += 1
          continue
        }
        break
      }
      // Trim a trailing hyphen or particle.
      while end > index + 1 && (tokens[end - 1].rawID == words.hyphen || isParticle(end - 1)) { end -= 1 }
      let range = index..<end
      if sawParticle && capitalisedWords >= 2 && isFree(range)
        && (!isHeadline(index) || bodyNames.contains(sequenceHash(range)))
      {
        return Found(
          tokenRange: range, label: .organization, rule: "rule:organization/transliterated",
          confidence: 0.75, canonical: normalizedText(range))
      }
    }
    return nil
  }

  // MARK: - Acronyms

  /// "the Counter Terrorism Department (CTD)", "National Counter Terrorism Authority, or
  /// NACTA,": the acronym is the organization, and so is every later use of it.
  mutating func findAcronyms() {
    // Organizations to look after: ours (entry -1) and the listed ones, whose ID and name
    // are read from the gazetteer only for the few that an acronym follows.
    var spans: [(range: Range<Int>, canonical: String?, entry: Int)] = found.compactMap {
      $0.label == .organization ? ($0.tokenRange, $0.canonical, -1) : nil
    }
    // The listed ones, as `classifyNames(in:)` kept them: each multi-token match whose
    // tokens the gazetteer classes mark as an organization, in token order, as a scan of
    // every token for match starts found them.
    for listed in listedOrganizations { spans.append((listed.range, nil, listed.entry)) }
    for span in spans {
      let end = span.range.upperBound
      var acronymStart = -1
      if id(end) == words.openParen {
        acronymStart = end + 1
      } else if id(end) == words.comma && id(end + 1) == words.or {
        acronymStart = end + 2
      }
      guard acronymStart > 0, let acronymEnd = acronymEnd(at: acronymStart) else { continue }
      if acronymStart == end + 1 && id(acronymEnd) != words.closeParen { continue }
      guard isAcronym(acronymStart..<acronymEnd, of: span.range) else { continue }
      let key = exactHash(acronymStart..<acronymEnd)
      var facts: GazetteerStore.MentionFacts?
      if span.entry >= 0 { facts = tables.names?.store.mentionFacts(of: span.entry) }
      let canonical = (span.entry < 0 ? span.canonical : facts?.name) ?? normalizedText(span.range)
      let item = Found(
        tokenRange: acronymStart..<acronymEnd, label: .organization, rule: "rule:organization/acronym",
        confidence: 0.85, canonical: canonical, entryID: facts?.id)
      if acronyms[key] == nil { acronyms[key] = found.count }
      if isFree(item.tokenRange) && gazetteer[acronymStart] != .organization { accept(item) }
    }
    findUndefinedAcronyms()
    guard !acronyms.isEmpty else { return }
    // Every other use of a defined acronym.
    var index = 0
    while let use = nextAcronymUse(from: index) {
      accept(use)
      index = use.tokenRange.upperBound
    }
  }

  /// The first use of a defined acronym from `start` on that is free, or `nil`. Not
  /// `mutating` and never inlined, as ``nextHeadNounName(from:)``.
  @inline(never)
  func nextAcronymUse(from start: Int) -> Found? {
    var index = start
    while index < tokens.count {
      guard !isTaken(index), tokens[index].kind == .word, tokens[index].shape.isAllCaps,
        gazetteer[index] == .other || gazetteer[index] == .weakPlace,
        let end = acronymEnd(at: index)
      else {
        index += 1
        continue
      }
      // `definition` is where the defining mention went, or would have gone: it is
      // recorded even when that mention was not accepted (its tokens were taken), and
      // then names whatever was found next, or nothing yet. Nothing is skipped here
      // rather than read out of range; see DESIGN.md, "Known limits".
      if let definition = acronyms[exactHash(index..<end)], definition < found.count, isFree(index..<end) {
        let source = found[definition]
        return Found(
          tokenRange: index..<end, label: .organization, rule: "rule:organization/acronym",
          confidence: 0.8, canonical: source.canonical, entryID: source.entryID)
      }
      index = end
    }
    return nil
  }

  /// "NCAA", "NAACP": an all-capitals word of three to six letters in running text that
  /// no list knows (as a place, a title, or a non-organization abbreviation) is most
  /// often an organization's acronym. Headlines, where every word is in capitals, and
  /// defined acronyms (found above) are left alone.
  mutating func findUndefinedAcronyms() {
    var index = 0
    while let acronym = nextUndefinedAcronym(from: index) {
      accept(acronym)
      index = acronym.tokenRange.upperBound
    }
  }

  /// The first undefined acronym (see ``findUndefinedAcronyms()``) from `start` on, or
  /// `nil`. Not `mutating` and never inlined, as ``nextHeadNounName(from:)``.
  @inline(never)
  func nextUndefinedAcronym(from start: Int) -> Found? {
    // Only the `acronymCandidates` are tried, not every token: any other fails a test of
    // its kind, shape, length, classes or gazetteer class, as the list was made with them.
    for position in Self.firstPosition(in: acronymCandidates, from: start)..<acronymCandidates.count {
      let index = Int(acronymCandidates[position])
      guard !isTaken(index), !isHeadline(index), !isInnerHyphen(index - 1), !isInnerHyphen(index + 1),
        acronyms[exactHash(index..<(index + 1))] == nil, !isRomanNumeral(index)
      else { continue }
      // Neighbours in capitals too: a shouted phrase, not an acronym.
      if isCapitalisedAllCaps(index - 1) || isCapitalisedAllCaps(index + 1) { continue }
      return Found(
        tokenRange: index..<(index + 1), label: .organization, rule: "rule:organization/acronym",
        confidence: 0.5, canonical: normalizedText(index..<(index + 1)))
    }
    return nil
  }

  func isCapitalisedAllCaps(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count && tokens[index].kind == .word && tokens[index].shape.isAllCaps
      && tokens[index].utf8Range.count > 1 && gazetteer[index] == .other
  }

  /// The end of an acronym-shaped token group at `index` ("CTD", "PML-N"), or `nil`.
  func acronymEnd(at index: Int) -> Int? {
    guard index < tokens.count, tokens[index].kind == .word, tokens[index].shape.isAllCaps,
      tokens[index].utf8Range.count >= 2, tokens[index].utf8Range.count <= 8
    else { return nil }
    var end = index + 1
    while isInnerHyphen(end), end + 1 < tokens.count, tokens[end + 1].shape.isAllCaps
      || tokens[end + 1].kind == .number
    {
      end += 2
    }
    return end
  }

  /// Whether the capitals of `acronym` spell the capitals of the name in order, most of
  /// them at least, starting with the same one.
  func isAcronym(_ acronym: Range<Int>, of name: Range<Int>) -> Bool {
    var letters: [UInt8] = []
    for index in acronym where tokens[index].kind == .word {
      for byte in text[tokens[index].utf8Range] where byte >= 0x41 && byte <= 0x5A { letters.append(byte) }
    }
    var capitals: [UInt8] = []
    for index in name where tokens[index].kind == .word {
      for byte in text[tokens[index].utf8Range] where byte >= 0x41 && byte <= 0x5A { capitals.append(byte) }
    }
    guard letters.count >= 2, let first = letters.first, first == capitals.first else { return false }
    var position = 0
    var matched = 0
    for letter in letters {
      while position < capitals.count && capitals[position] != letter { position += 1 }
      if position < capitals.count {
        matched += 1
        position += 1
      }
    }
    return matched >= letters.count - 1 && matched * 2 > letters.count
  }

  /// A hash of the exact bytes of a token range (acronyms are case-sensitive).
  func exactHash(_ range: Range<Int>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in range {
      for byte in text[tokens[index].utf8Range] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      hash = (hash ^ 0x1F) &* 0x100_0000_01b3
    }
    return hash
  }

  // MARK: - Short names

  /// "the Atomic Energy Commission" after "the Pakistan Atomic Energy Commission": the
  /// short name's canonical name is the long one's.
  ///
  /// The names' words are compared by their hashes in place: no array of hashes is made
  /// per organization, and no organization is copied out of `found`.
  mutating func linkShortOrganizationNames() {
    // The long names, as indices in `found`, in order, with their numbers of words.
    var longNames: [(item: Int, wordCount: Int)] = []
    for item in found.indices where found[item].label == .organization {
      guard found[item].tokenRange.count >= 2, found[item].canonical != nil else { continue }
      longNames.append((item, wordHashCount(found[item].tokenRange)))
    }
    // A short name has two words or more, and its long name more than it.
    guard longNames.contains(where: { $0.wordCount >= 3 }) else { return }
    var links: [(short: Int, long: Int)] = []
    for index in found.indices where found[index].label == .organization {
      let range = found[index].tokenRange
      let wordCount = wordHashCount(range)
      guard wordCount >= 2 else { continue }
      for long in longNames
      where long.wordCount > wordCount && endsWithWordHashes(found[long.item].tokenRange, range) {
        links.append((index, long.item))
        break
      }
    }
    // Each takes its long name's canonical name as it was before this changed any.
    let canonicals = links.map { found[$0.long].canonical }
    for (link, canonical) in zip(links, canonicals) { found[link.short].canonical = canonical }
  }

  /// The number of tokens in `range` with a word hash (the capitalised words).
  func wordHashCount(_ range: Range<Int>) -> Int {
    var count = 0
    for index in range where wordHash[index] != 0 { count += 1 }
    return count
  }

  /// Whether the word hashes of `short`, in order, are the last ones of `long`'s.
  func endsWithWordHashes(_ long: Range<Int>, _ short: Range<Int>) -> Bool {
    var longIndex = long.upperBound
    var shortIndex = short.upperBound
    while true {
      // The previous token with a hash in each range.
      repeat { shortIndex -= 1 } while shortIndex >= short.lowerBound && wordHash[shortIndex] == 0
      guard shortIndex >= short.lowerBound else { return true }
      repeat { longIndex -= 1 } while longIndex >= long.lowerBound && wordHash[longIndex] == 0
      guard longIndex >= long.lowerBound, wordHash[longIndex] == wordHash[shortIndex] else { return false }
    }
  }
}
