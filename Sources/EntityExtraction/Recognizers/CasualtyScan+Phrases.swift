/// Count phrases: "at least 38 people", "between 10 and 15 soldiers", "dozens of
/// Pakistani militants", "eight of the 16 miners", "a Pakistani driver", "killing 12".
extension CasualtyScan {
  /// Reads the count phrase that starts at `start`, if one does.
  ///
  /// A phrase is an optional qualifier, a number (or "a"/"an" before a singular noun), an
  /// optional range end, then either "of" and a partitive or vague plural, or up to six
  /// modifier tokens and a victim noun. A number with no noun is kept as a *bare* phrase
  /// only where a casualty verb can reach it; whether it gets one is decided later.
  func parsePhrase(at start: Int) -> Phrase? {
    var index = start
    var bound = CasualtyLexicon.Bound.exact
    var isBetween = false
    if let qualifier = match(startingAt: index) {
      guard meaning(qualifier).kind == .qualifier else { return nil }
      bound = meaning(qualifier).bound
      index = qualifier.end
    } else if rawID(index) == words.between {
      isBetween = true
      index += 1
    }
    guard index < count else { return nil }
    let countStart = index
    let low: Int
    var isOpenEnded = false
    var isArticle = false
    var isVague = false
    if let number = numbers.number(in: tokens, bytes: bytes, at: index) {
      low = number.value
      isOpenEnded = number.isOpenEnded
      index = number.tokenRange.upperBound
    } else if let vague = vagueCount(at: index) {
      low = vague.value
      isOpenEnded = vague.isOpenEnded
      isVague = true
      index = vague.end
    } else if rawID(index) == words.a || rawID(index) == words.an, index == start {
      low = 1
      isArticle = true
      index += 1
    } else {
      return nil
    }
    guard low > 0, isArticle || plausibleCount(countStart, end: index), !isNegated(start)
    else { return nil }
    var high: Int? = isOpenEnded ? nil : low
    if isBetween {
      // "between 10 and 15"
      guard rawID(index) == words.and, let second = numbers.number(in: tokens, bytes: bytes, at: index + 1),
        !second.isOpenEnded, second.value > low
      else { return nil }
      high = second.value
      index = second.tokenRange.upperBound
    } else if !isOpenEnded && !isArticle && !isVague && rawID(start - 1) != words.from,
      rawID(index) == words.to || rawID(index) == words.or || wordClass(index) == .hyphen,
      let second = numbers.number(in: tokens, bytes: bytes, at: index + 1), !second.isOpenEnded,
      second.value > low
    {
      // "10 to 15", "two or three", "10-15"
      high = second.value
      index = second.tokenRange.upperBound
    }
    // "35-year-old", "5,000-strong", "three-day": the number modifies what follows.
    if isJoiningHyphen(index) || wordClass(index) == .symbol { return nil }

    var phrase = Phrase(start: start, countEnd: index, end: index)
    phrase.minimum = low
    phrase.maximum = high
    switch bound {
    case .atLeast:
      phrase.maximum = nil
    case .moreThan:
      if !isOpenEnded { phrase.minimum = low + 1 }
      phrase.maximum = nil
    case .upTo:
      phrase.minimum = nil
    case .lessThan:
      phrase.minimum = nil
      phrase.maximum = isOpenEnded ? nil : low - 1
    case .approximate:
      phrase.approximate = true
    case .exact:
      break
    }
    // "a couple of": two, as a hedge.
    if isVague && !isOpenEnded { phrase.approximate = true }
    let isOne = !isOpenEnded && low == 1 && high == 1

    if rawID(index) == words.of {
      var next = index + 1
      if isOpenEnded {
        // "dozens of militants", "hundreds of the residents"
        if words.partitiveDeterminers.contains(rawID(next)) { next += 1 }
        guard let head = findHead(from: next, number: .plural) else { return nil }
        phrase.take(head, meanings: lexicon.meanings)
      } else if !isArticle {
        // Partitives: "eight of the 16 miners", "four of the passengers", "two of them".
        phrase.isPartitive = true
        let pronoun = rawID(next)
        if pronoun == words.them || pronoun == words.whom || pronoun == words.us {
          phrase.end = next + 1
        } else {
          // "eight of the 16 miners", "one of four journalists"
          if words.partitiveDeterminers.contains(pronoun) {
            next += 1
          } else if !startsNumber(next) {
            return nil
          }
          if let inner = numbers.number(in: tokens, bytes: bytes, at: next) {
            phrase.innerStart = next
            next = inner.tokenRange.upperBound
          }
          guard let head = findHead(from: next, number: .plural) else { return nil }
          phrase.take(head, meanings: lexicon.meanings)
        }
      } else {
        return nil
      }
    } else if let head = findHead(from: index, number: isOne ? .singular : .plural) {
      phrase.take(head, meanings: lexicon.meanings)
    } else if !isArticle && !isOne, rawID(index) == words.the, let toll = match(startingAt: index + 1),
      meaning(toll).kind == .trigger, meaning(toll).role == .toll, let outcome = meaning(toll).outcome
    {
      // "bringing to 57 the number of people killed": the toll follows its count.
      phrase.isBare = true
      phrase.end = toll.end
      phrase.mentionEnd = index
      phrase.outcome = outcome
      phrase.rule = .toll
    } else if !isArticle && !isOne, rawID(index) == words.the, rawID(index + 1) == words.number,
      rawID(index + 2) == words.of, let head = findHead(from: index + 3, number: .plural)
    {
      // "raising to at least 30 the number of police killed": the count's noun and verb
      // come after "the number of"; the mention is the count.
      phrase.take(head, meanings: lexicon.meanings)
      phrase.mentionEnd = index
    } else {
      // A number alone: only before words a casualty verb can follow.
      guard !isArticle, bareCountMayEnd(before: index), !isYear(countStart, low),
        !isLabelNumber(countStart)
      else { return nil }
      phrase.isBare = true
    }
    if phrase.head >= 0 { refineGroup(of: &phrase) }
    return phrase
  }

  /// A count said without a number: "several hundred" and "a few thousand" (open-ended,
  /// from twice the scale, as "hundreds" is), "a handful of" (three or more, the least
  /// the word can mean) and "a couple of" (two, approximate; "a couple of dozen" is 24).
  /// `end` is past the words,
  /// and past the "of" of "a couple of" and "a handful of", which need it: "a couple"
  /// alone is two people married.
  func vagueCount(at index: Int) -> (value: Int, isOpenEnded: Bool, end: Int)? {
    let first = rawID(index)
    if first == words.several, let scale = words.vagueScales[rawID(index + 1)] {
      return (2 * Int(scale), true, index + 2)
    }
    guard first == words.a else { return nil }
    let second = rawID(index + 1)
    if second == words.few, let scale = words.vagueScales[rawID(index + 2)] {
      return (2 * Int(scale), true, index + 3)
    }
    guard rawID(index + 2) == words.of else { return nil }
    if second == words.couple {
      // "a couple of dozen": two dozen, as a hedge.
      if let scale = words.vagueScales[rawID(index + 3)] { return (2 * Int(scale), false, index + 4) }
      return (2, false, index + 3)
    }
    if second == words.handful { return (3, true, index + 3) }
    return nil
  }

  /// Finds the victim noun after a count, over up to six modifier tokens.
  ///
  /// Modifiers are words the rules do not know ("innocent", "Chinese", "ISIS"), hyphenated
  /// compounds ("off-duty", "27-year-old") and outcome words ("wounded"). A thing noun,
  /// a function word, punctuation or a line break ends the search with no head; a victim
  /// noun followed by another is a modifier of it ("civilian workers").
  func findHead(from start: Int, number: CasualtyLexicon.Number) -> Head? {
    var index = start
    var premodifier: Outcome?
    var steps = 0
    var lowercaseWords = 0
    while index < count && steps < 6 {
      if index > start && startsLine(index) { return nil }
      if let found = match(startingAt: index) {
        let meaning = meaning(found)
        switch meaning.kind {
        case .victim:
          var head = found.entry
          var end = found.end
          // "civilian workers", but not "took 12 people hostage".
          while !startsLine(end), let next = match(startingAt: end),
            lexicon.meanings[next.entry].kind == .victim,
            rawID(end) != words.hostage && rawID(end) != words.captive
              && rawID(end) != words.prisoner
          {
            head = next.entry
            end = next.end
          }
          if isPossessive(at: end), !startsLine(end + 1), tokens[min(end + 1, count - 1)].kind == .word {
            // "hundreds of the enemy's fighters": a possessor, then the head.
            index = end + 1
            steps += 1
            continue
          }
          let headNumber = lexicon.meanings[head].number
          guard headNumber == .both || headNumber == number, !blocksHead(at: end) else {
            return nil
          }
          return Head(entry: head, end: end, premodifier: premodifier)
        case .trigger
        where meaning.role == .participle || meaning.role == .adjective || meaning.role == .passive:
          premodifier = meaning.outcome
          index = found.end
          steps += 1
          continue
        case .thing where isJoiningHyphen(found.end) || isPossessive(at: found.end):
          index = found.end + 1  // "year" in "27-year-old", "the group's hostages"
          steps += 1
          continue
        default:
          return nil
        }
      }
      if isJoiningHyphen(index + 1) {
        index += 2
        steps += 1
        continue
      }
      if index > start, wordClass(index) == .possessive,
        !startsLine(index + 1)
      {
        index += 1  // "the enemy's fighters": the possessor was a modifier
        steps += 1
        continue
      }
      guard tokens[index].kind == .word, wordClass(index) == .none else { return nil }
      // Names may run long ("Frontier Corps"); more than three unknown lower-case words
      // are a clause, not modifiers ("a store owner they…").
      if !tokens[index].shape.isCapitalized {
        lowercaseWords += 1
        if lowercaseWords > 3 { return nil }
      }
      index += 1
      steps += 1
    }
    return nil
  }

  /// Whether what follows a victim noun makes it a modifier or a possessor instead:
  /// "the miners' vehicle", "a police station", "militant-held".
  private func blocksHead(at index: Int) -> Bool {
    guard index < count, !startsLine(index) else { return false }
    switch wordClass(index) {
    case .possessive:
      return true
    case .hyphen:
      return isJoiningHyphen(index)
    case .quote:
      // A bare apostrophe right after the noun, then a word: "the miners' vehicle".
      let token = tokens[index]
      guard !token.flags.contains(.spaceBefore), index + 1 < count,
        tokens[index + 1].kind == .word, tokens[index + 1].flags.contains(.spaceBefore)
      else { return false }
      return isApostrophe(index)
    default:
      if let next = match(startingAt: index) { return meaning(next).kind == .thing }
      return false
    }
  }

  /// Whether "'s" follows a noun at `index`: "the enemy's fighters".
  private func isPossessive(at index: Int) -> Bool {
    index + 1 < count && wordClass(index) == .possessive
  }

  /// Whether the token is "'" or "’" (U+2019, E2 80 99).
  private func isApostrophe(_ index: Int) -> Bool {
    let range = tokens[index].utf8Range
    return (range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "'"))
      || (range.count == 3 && bytes[range.lowerBound + 2] == 0x99)
  }

  /// Whether a bare number may end before `index`: at the end of a clause, before a
  /// conjunction, preposition, auxiliary or outcome word ("killing 12 and injuring 30",
  /// "left nine dead", "Twelve were killed"), not before a noun the lexicon does not know
  /// ("12 cows") or a thing ("12 years").
  private func bareCountMayEnd(before index: Int) -> Bool {
    guard index < count, !startsLine(index) else { return true }
    if let next = match(startingAt: index) { return meaning(next).kind == .trigger }
    switch wordClass(index) {
    case .comma, .boundary, .quote, .and, .or, .but, .preposition, .subordinator, .auxiliary,
      .being, .relative, .including, .adverb, .negation:
      return true
    default:
      return false
    }
  }

  /// Whether the digits at `start..<end` can be a count of people: not money ("$12"),
  /// a clock time ("10:30"), a day of a month ("March 26", "26 March"), a share ("12%").
  private func plausibleCount(_ start: Int, end: Int) -> Bool {
    guard tokens[start].kind == .number else { return true }
    if start > 0 {
      let previous = wordClass(start - 1)
      if previous == .symbol { return false }
      // "'83": a year.
      if previous == .quote && !tokens[start].flags.contains(.spaceBefore)
        && isApostrophe(start - 1)
      {
        return false
      }
      if previous == .boundary && !tokens[start].flags.contains(.spaceBefore) { return false }
      if let month = match(endingAt: start), meaning(month).isMonth { return false }
    }
    if end < count {
      if wordClass(end) == .boundary && !tokens[end].flags.contains(.spaceBefore)
        && end + 1 < count && tokens[end + 1].kind == .number
      {
        return false  // "10:30", "12/5"
      }
      if let month = match(startingAt: end), meaning(month).isMonth { return false }
    }
    return true
  }

  /// "no one", "not one", "none of the 30 passengers": a count denied.
  private func isNegated(_ start: Int) -> Bool {
    var index = start - 1
    if words.partitiveDeterminers.contains(rawID(index)) { index -= 1 }
    if rawID(index) == words.of { index -= 1 }
    return wordClass(index) == .negation
  }

  /// Digits after a capitalised word name something rather than count it: "Flight 370",
  /// "Resolution 2231", "Route 12".
  private func isLabelNumber(_ index: Int) -> Bool {
    guard tokens[index].kind == .number, index > 0 else { return false }
    let previous = tokens[index - 1]
    return previous.kind == .word && previous.shape.isCapitalized
      && wordClass(index - 1) == .none && match(covering: index - 1) == nil
  }

  /// A four-digit number that reads as a year ("in 2021"), which a bare count never is.
  private func isYear(_ index: Int, _ value: Int) -> Bool {
    tokens[index].kind == .number && tokens[index].utf8Range.count == 4
      && (1800...2100).contains(value)
  }

  /// "12 members of the security forces": the group is the security forces'.
  private func refineGroup(of phrase: inout Phrase) {
    let last = phrase.end - 1
    guard rawID(last) == words.members || rawID(last) == words.member,
      rawID(phrase.end) == words.of
    else { return }
    var index = phrase.end + 1
    if words.partitiveDeterminers.contains(rawID(index)) { index += 1 }
    var steps = 0
    while index < count && steps < 3 {
      if let found = match(startingAt: index) {
        if meaning(found).kind == .victim { phrase.group = meaning(found).group }
        return
      }
      guard tokens[index].kind == .word, wordClass(index) == .none else { return }
      index += 1
      steps += 1
    }
  }
}

extension CasualtyScan.Phrase {
  /// Takes the victim noun: the phrase ends with it, and has its group.
  mutating func take(_ head: CasualtyScan.Head, meanings: [CasualtyLexicon.Meaning]) {
    self.head = head.entry
    end = head.end
    group = meanings[head.entry].group
    premodifier = head.premodifier
  }
}
