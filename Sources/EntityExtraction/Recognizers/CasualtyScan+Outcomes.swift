/// Outcomes: which verb, adjective or noun says what happened to each count, and the
/// mentions that result.
extension CasualtyScan {
  // MARK: - Groups of coordinated counts

  /// Gives every phrase that is not a partitive's inner count its outcome, a coordinated
  /// group at a time: "Five Chinese engineers, including a woman, and a Pakistani driver
  /// were killed" is one group of two members and one included part, sharing "killed".
  mutating func resolveGroups() {
    // One pair of buffers for every group of the document, not two new arrays per group.
    var members: [Int] = []
    var included: [Int] = []
    var index = 0
    while index < phrases.count {
      if phrases[index].isInner {
        index += 1
        continue
      }
      members.removeAll(keepingCapacity: true)
      members.append(index)
      included.removeAll(keepingCapacity: true)
      var last = index
      var position = phrases[index].end
      var afterComma = false
      var lastJoinedByCommaOnly = false
      while true {
        // ", including a woman,"
        var next = position
        if wordClass(next) == .comma { next += 1 }
        if wordClass(next) == .including {
          next += 1
          if rawID(next) == words.the { next += 1 }
          if let part = phrase(startingAt: next, after: last) {
            included.append(part)
            last = part
            position = phrases[part].end
            afterComma = wordClass(position) == .comma
            if afterComma { position += 1 }
            continue
          }
        }
        // ", and a Pakistani driver", " or three", "as well as"
        next = position
        var separated = afterComma
        var conjoined = false
        if wordClass(next) == .comma {
          next += 1
          separated = true
        }
        if wordClass(next) == .and || wordClass(next) == .or {
          next += 1
          conjoined = true
        } else if rawID(next) == words.asWord, rawID(next + 1) == words.well,
          rawID(next + 2) == words.asWord
        {
          next += 3
          conjoined = true
        } else if rawID(next) == words.along || rawID(next) == words.together,
          rawID(next + 1) == words.with
        {
          next += 2
          conjoined = true
        }
        separated = separated || conjoined
        if words.partitiveDeterminers.contains(rawID(next)) { next += 1 }
        // A bare number after a comma alone starts a clause of its own: "Of the 40
        // passengers, 12 were killed".
        if separated, let member = phrase(startingAt: next, after: last),
          conjoined || !phrases[member].isBare
        {
          members.append(member)
          last = member
          position = phrases[member].end
          afterComma = false
          lastJoinedByCommaOnly = !conjoined
          continue
        }
        break
      }
      // "Killing 12 soldiers, 3 civilians were also hurt": a count after a comma that has
      // a verb of its own is a new clause's subject, not the end of a list.
      if members.count > 1 && included.isEmpty && lastJoinedByCommaOnly
        && (wordClass(position) == .auxiliary
          || match(startingAt: position).map { meaning($0).kind == .trigger } == true)
      {
        let detached = members.removeLast()
        let first = phrases[members[0]]
        let found = preOutcome(before: first.start, phraseEnd: first.end)
        for member in members { assign(found, to: member) }
        index = detached
        continue
      }
      let first = phrases[members[0]]
      var found = preOutcome(before: first.start, phraseEnd: first.end)
      if found == nil {
        let final = phrases[members[members.count - 1]]
        let strict = members.count == 1 && included.isEmpty && final.isBare
        found = postOutcome(
          from: position, strict: strict, ownsReducedRelative: final.innerStart < 0)
      }
      for member in members { assign(found, to: member) }
      let partFound = found.map { $0.isVeto ? $0 : Found(outcome: $0.outcome, rule: .including) }
      for part in included { assign(partFound, to: part) }
      index = last + 1
    }
  }

  /// The index of the phrase (not an inner one) that starts at token `start`, searching
  /// after phrase `last`.
  private func phrase(startingAt start: Int, after last: Int) -> Int? {
    var candidate = last + 1
    while candidate < phrases.count && phrases[candidate].start <= start {
      if phrases[candidate].start == start && !phrases[candidate].isInner { return candidate }
      candidate += 1
    }
    return nil
  }

  /// Sets a phrase's outcome from its group's, unless its noun fixes it ("casualties").
  private mutating func assign(_ found: Found?, to index: Int) {
    if let fixed = fixedOutcome(of: phrases[index]) {
      phrases[index].outcome = fixed
      phrases[index].rule = .outcomeNoun
      return
    }
    guard let found else { return }
    if found.isVeto {
      phrases[index].isVetoed = true
    } else {
      phrases[index].outcome = found.outcome
      phrases[index].rule = found.rule
    }
  }

  private func fixedOutcome(of phrase: Phrase) -> Outcome? {
    guard phrase.head >= 0 else { return nil }
    let meaning = lexicon.meanings[phrase.head]
    return meaning.outcomeIsFixed ? meaning.outcome : nil
  }

  /// Inner counts of partitives, parts after "including", modifiers and defaults.
  mutating func resolveRest() {
    for index in phrases.indices where phrases[index].outcome == nil {
      let phrase = phrases[index]
      if let fixed = fixedOutcome(of: phrase) {
        phrases[index].outcome = fixed
        phrases[index].rule = .outcomeNoun
        continue
      }
      if phrase.isInner, let found = innerOutcome(after: phrase.end) {
        phrases[index].outcome = found.outcome
        phrases[index].rule = found.rule
        continue
      }
      if !phrase.isVetoed, let outcome = antecedentOutcome(of: index) {
        phrases[index].outcome = outcome
        phrases[index].rule = .including
        continue
      }
      if !phrase.isVetoed, let outcome = includedOutcome(of: index) {
        phrases[index].outcome = outcome
        phrases[index].rule = .including
        continue
      }
      if let outcome = phrase.premodifier {
        phrases[index].outcome = outcome
        phrases[index].rule = .premodifier
        continue
      }
      if !phrase.isVetoed, phrase.head >= 0, let outcome = lexicon.meanings[phrase.head].outcome {
        phrases[index].outcome = outcome
        phrases[index].rule = .defaultNoun
      }
    }
  }

  /// A partitive's inner count has only the participle or relative clause right after
  /// it ("the 16 miners kidnapped by militants", "the 20 who were abducted"); the verb
  /// further on is the outer count's ("eight of the 16 miners were rescued").
  private func innerOutcome(after end: Int) -> Found? {
    var index = end
    if wordClass(index) == .relative { index += 1 }
    var sawAuxiliary = false
    var steps = 0
    while index < count && steps < 5 {
      if let found = match(startingAt: index) {
        let meaning = meaning(found)
        guard meaning.kind == .trigger else { return nil }
        let (outcome, after) = coordinatedForward(found)
        switch meaning.role {
        case .participle, .passive:
          if sawAuxiliary { return Found(outcome: outcome, rule: .passiveVerb) }
          if meaning.role == .participle && index == end && !objectFollows(after) {
            return Found(outcome: outcome, rule: .reducedRelative)
          }
          return nil
        case .intransitive where index > end:
          return Found(outcome: outcome, rule: .intransitiveVerb)
        case .adjective where sawAuxiliary || index == end:
          return Found(outcome: outcome, rule: .predicateAdjective)
        default:
          return nil
        }
      }
      switch wordClass(index) {
      case .auxiliary, .being:
        guard index > end else { return nil }
        sawAuxiliary = true
      case .adverb:
        break
      default:
        return nil
      }
      index += 1
      steps += 1
    }
    return nil
  }

  /// "killing eleven villagers, four of whom were children": a partitive of "whom" with no
  /// outcome of its own is a part of the count right before its comma, and shares its fate.
  private func antecedentOutcome(of index: Int) -> Outcome? {
    let phrase = phrases[index]
    guard phrase.isPartitive, rawID(phrase.end - 1) == words.whom, index > 0,
      wordClass(phrase.start - 1) == .comma
    else { return nil }
    var candidate = index - 1
    // The antecedent may be a partitive whose inner count comes after it in the list.
    while candidate >= 0 && phrases[candidate].isInner { candidate -= 1 }
    guard candidate >= 0, phrases[candidate].end == phrase.start - 1 else { return nil }
    return phrases[candidate].outcome
  }

  /// A count after "including" or "among them" with no outcome of its own takes that of the count before
  /// it in the sentence, or of the nearest outcome verb before it there ("Several people
  /// were killed, including a child").
  private func includedOutcome(of index: Int) -> Outcome? {
    let start = phrases[index].start
    var before = start - 1
    if rawID(before) == words.the { before -= 1 }
    if (rawID(before) == words.them || rawID(before) == words.whom)
      && rawID(before - 1) == words.among
    {
      before -= 1  // "…were killed, among them three children"
    } else {
      guard wordClass(before) == .including else { return nil }
    }
    var token = before - 1
    var steps = 0
    var candidate = index - 1
    while token >= 0 && steps < 40 {
      if endsSentence(after: token) { return nil }
      while candidate >= 0 && phrases[candidate].end > token + 1 { candidate -= 1 }
      if candidate >= 0 && phrases[candidate].end == token + 1,
        let outcome = phrases[candidate].outcome
      {
        return outcome
      }
      if let found = match(endingAt: token + 1) {
        let meaning = meaning(found)
        if meaning.kind == .trigger, let outcome = meaning.outcome, meaning.role != .toll {
          return outcome
        }
        token = found.start - 1
      } else {
        token -= 1
      }
      steps += 1
    }
    return nil
  }

  // MARK: - Before the count

  /// The outcome given by what comes right before a count: an active verb or an
  /// "of"-noun ("killing", "had arrested", "the murder of", "claimed the lives of"), a
  /// list ("among the dead were"), or a toll ("the death toll rose to").
  func preOutcome(before start: Int, phraseEnd: Int) -> Found? {
    var index = start
    var skipped = 0
    // "killed all 12 passengers", "killing the 16 miners", "killed their two sons",
    // "captured another 20", "detained a further 12"
    while index > 0 && skipped < 2 {
      let previous = rawID(index - 1)
      if previous == words.another {
        index -= 1
        skipped += 1
        continue
      }
      if previous == words.further || previous == words.additional,
        rawID(index - 2) == words.a || rawID(index - 2) == words.an
      {
        index -= 2
        skipped += 1
        continue
      }
      guard
        previous == words.all || previous == words.both
          || words.partitiveDeterminers.contains(previous) || wordClass(index - 1) == .quote
      else { break }
      index -= 1
      skipped += 1
    }
    if let found = match(endingAt: index), meaning(found).kind == .trigger {
      let meaning = meaning(found)
      switch meaning.role {
      case .participle, .active:
        return Found(outcome: coordinatedBackward(found), rule: .activeVerb)
      case .nounOf:
        return Found(outcome: coordinatedBackward(found), rule: .nounOf)
      case .toll:
        return Found(outcome: meaning.outcome, rule: .toll)
      case .veto:
        return Found(outcome: nil, rule: .activeVerb)
      default:
        return nil
      }
    }
    guard index > 0 else { return nil }
    if let found = coordinatedObjectOutcome(conjunctionAt: index - 1, phraseEnd: phraseEnd) {
      return found
    }
    if let found = takenOutcome(verbAt: index - 1, phraseEnd: phraseEnd) { return found }
    if let found = labelOutcome(colonAt: index - 1) { return found }
    let previous = rawID(index - 1)
    if words.listVerbs.contains(previous), let found = listOutcome(verbAt: index - 1) {
      return found
    }
    if words.tollLinks.contains(previous), let found = tollOutcome(linkAt: index - 1) {
      return found
    }
    return nil
  }

  /// "Dead: 192", "Injured: 4,877", "Casualties: 11": an outcome word labelling a number.
  private func labelOutcome(colonAt colon: Int) -> Found? {
    guard rawID(colon) == words.colon, let found = match(endingAt: colon) else { return nil }
    let meaning = meaning(found)
    switch meaning.kind {
    case .trigger where meaning.role != .veto && meaning.role != .active && meaning.role != .nounOf:
      return Found(outcome: meaning.outcome, rule: .list)
    case .victim where meaning.outcome != nil:
      return Found(outcome: meaning.outcome, rule: .list)
    default:
      return nil
    }
  }

  /// "took 12 people hostage", "taking two soldiers prisoner".
  private func takenOutcome(verbAt verb: Int, phraseEnd: Int) -> Found? {
    guard words.takeVerbs.contains(rawID(verb)) else { return nil }
    let after = rawID(phraseEnd)
    if after == words.hostage || after == words.captive {
      return Found(outcome: .kidnapped, rule: .activeVerb)
    }
    if after == words.prisoner { return Found(outcome: .arrested, rule: .activeVerb) }
    return nil
  }

  /// "killed himself and two guards", "shot Ahmed Khan and his two sons": a count
  /// coordinated with an object that is not a count (a pronoun, a name, or a determiner and
  /// a noun: "killed the governor and nine others") shares its verb, unless the count has
  /// a verb of its own ("killed the driver and 20 passengers were hurt").
  private func coordinatedObjectOutcome(conjunctionAt conjunction: Int, phraseEnd: Int) -> Found? {
    guard wordClass(conjunction) == .and || wordClass(conjunction) == .or else { return nil }
    if wordClass(phraseEnd) == .auxiliary
      || match(startingAt: phraseEnd).map({ meaning($0).kind == .trigger }) == true
    {
      return nil
    }
    var index = conjunction - 1
    if wordClass(index) == .comma { index -= 1 }
    var steps = 0
    while index >= 0 && steps < 3 {
      let token = tokens[index]
      let isName =
        token.kind == .word && token.shape.isCapitalized && wordClass(index) == .none
        && match(covering: index) == nil
      guard isName || wordClass(index) == .pronoun else { break }
      if token.flags.contains(.lineStart) { return nil }
      index -= 1
      steps += 1
    }
    if steps == 0, let start = determinedObjectStart(before: index + 1) {
      index = start
      steps = 1
    }
    guard steps > 0, let found = match(endingAt: index + 1), meaning(found).kind == .trigger else {
      return nil
    }
    switch meaning(found).role {
    case .participle, .active:
      return Found(outcome: coordinatedBackward(found), rule: .activeVerb)
    case .nounOf:
      return Found(outcome: coordinatedBackward(found), rule: .nounOf)
    default:
      return nil
    }
  }

  /// "the governor" in "killed the governor and nine others", "the driver" in "shot the
  /// driver and two passengers": a determiner and at most three words (a victim noun or
  /// words no list knows) ending before `end`. Returns the index before the determiner,
  /// or `nil` when there is no such object.
  private func determinedObjectStart(before end: Int) -> Int? {
    var index = end - 1
    var words = 0
    while index >= 0 && words < 3 {
      if let found = match(covering: index) {
        guard meaning(found).kind == .victim else { break }
        words += 1
        index = found.start - 1
        continue
      }
      guard tokens[index].kind == .word, wordClass(index) == .none,
        !tokens[index].flags.contains(.lineStart)
      else { break }
      words += 1
      index -= 1
    }
    guard words > 0, index >= 0, wordClass(index) == .determiner else { return nil }
    return index - 1
  }

  /// "killed or arrested dozens": the outcome of the verb ending at `found`, coordinated
  /// with the verbs before it.
  private func coordinatedBackward(_ found: Match) -> Outcome? {
    guard var outcome = meaning(found).outcome else { return nil }
    var start = found.start
    for _ in 0..<3 {
      var index = start - 1
      let conjunction = wordClass(index)
      guard conjunction == .and || conjunction == .or else { break }
      index -= 1
      if wordClass(index) == .comma { index -= 1 }
      guard let previous = match(endingAt: index + 1), meaning(previous).kind == .trigger,
        let earlier = meaning(previous).outcome
      else { break }
      switch meaning(previous).role {
      case .participle, .active, .nounOf, .passive:
        outcome = Outcome.coordinated(earlier, outcome, disjunctive: conjunction == .or)
        start = previous.start
      default:
        return outcome
      }
    }
    return outcome
  }

  /// "Among the dead were", "The injured included", "Those killed were", "The victims
  /// included": a list verb after an outcome word that "the", "those" or "among" makes
  /// a noun.
  private func listOutcome(verbAt verb: Int) -> Found? {
    var index = verb - 1
    var steps = 0
    while index >= 0 && steps < 4 {
      if endsSentence(after: index) { return nil }
      if let found = match(covering: index) {
        let meaning = meaning(found)
        let before = rawID(found.start - 1)
        let introduced =
          before == words.the || before == words.those || before == words.these
          || before == words.among
        guard introduced, let outcome = meaning.outcome else { return nil }
        switch meaning.kind {
        case .trigger
        where meaning.role == .participle || meaning.role == .adjective
          || meaning.role == .passive:
          return Found(outcome: outcome, rule: .list)
        case .victim:
          return Found(outcome: outcome, rule: .list)
        default:
          return nil
        }
      }
      switch wordClass(index) {
      case .adverb, .quote:
        break
      default:
        return nil
      }
      index -= 1
      steps += 1
    }
    return nil
  }

  /// "the death toll rose to 57", "the toll from Monday's blasts stood at 57", "a death
  /// toll of 57": a toll word before the link word, in the same sentence.
  private func tollOutcome(linkAt link: Int) -> Found? {
    var index = link - 1
    var steps = 0
    while index >= 0 && steps < 12 {
      if endsSentence(after: index) { return nil }
      if let found = match(covering: index) {
        let meaning = meaning(found)
        if meaning.kind == .trigger {
          return meaning.role == .toll ? Found(outcome: meaning.outcome, rule: .toll) : nil
        }
        index = found.start - 1
        steps += 1
        continue
      }
      if tokens[index].kind == .number && rawID(index - 1) != words.from
        && !(tokens[index].utf8Range.count == 4)
      {
        return nil  // another count: "12 were killed and the toll of 40…" is not ours
      }
      index -= 1
      steps += 1
    }
    return nil
  }

  // MARK: - After the count

  /// The outcome of the clause a count is the subject of.
  ///
  /// Walks right from `start` (just past the victim noun) over at most 24 tokens:
  /// prepositional phrases, participial modifiers, relative pronouns, auxiliaries and
  /// adverbs, until an outcome word. A participle after an auxiliary is passive ("were
  /// killed"); with no auxiliary it is a reduced relative ("16 miners kidnapped by
  /// militants"), kept as a fallback in case the main verb follows ("… were freed"), and
  /// an active verb of the count when an object follows ("five militants killed two
  /// soldiers"). The walk stops at a sentence end, a new line, another count, a clause of
  /// its own (a determiner after a verb, "and" before a new subject, "when", "said"), a
  /// negation or a veto.
  ///
  /// - Parameters:
  ///   - strict: for a bare number ("Twelve were killed", "nine dead"): only auxiliaries,
  ///     adverbs and quotes may come before the outcome word.
  ///   - ownsReducedRelative: `false` for a partitive whose inner count takes the
  ///     participle right after the noun ("eight of the 16 miners kidnapped…").
  func postOutcome(from start: Int, strict: Bool, ownsReducedRelative: Bool) -> Found? {
    var index = start
    var sawAuxiliary = false
    var fallback: Found?
    var previous = CasualtyWords.Class.none
    var steps = 0
    while index < count && steps < 24 {
      if index > start && startsLine(index) { break }
      if let found = match(startingAt: index) {
        let meaning = meaning(found)
        switch meaning.kind {
        case .trigger:
          // "12 Injured: 4,877": the word labels the number after it.
          if rawID(found.end) == words.colon { return fallback }
          let (outcome, after) = coordinatedForward(found)
          switch meaning.role {
          case .intransitive:
            return Found(outcome: outcome, rule: .intransitiveVerb)
          case .adjective:
            return Found(outcome: outcome, rule: .predicateAdjective)
          case .participle, .passive:
            if sawAuxiliary { return Found(outcome: outcome, rule: .passiveVerb) }
            if objectFollows(after) { return fallback }
            if meaning.role == .passive {
              // "held" with no auxiliary is ambiguous ("the miners held by the gang").
              index = after
              previous = .none
              steps += 1
              continue
            }
            if fallback == nil && (ownsReducedRelative || index > start) {
              fallback = Found(outcome: outcome, rule: .reducedRelative)
            }
            if strict && fallback != nil { return fallback }
            index = after
            previous = .none
            steps += 1
            continue
          default:
            return fallback
          }
        case .qualifier:
          // "were nearly killed", "almost died": a near miss, not a casualty.
          if strict || startsNumber(found.end) || match(startingAt: found.end) != nil {
            return fallback
          }
          previous = .preposition  // "over", "about", "around" as prepositions
        case .victim:
          // Inside a prepositional phrase or a coordination it describes the count
          // ("members of the security forces"); after a verb it starts a new clause.
          guard !strict,
            previous == .preposition || previous == .determiner || previous == .and
              || previous == .or
              || (index > 0 && tokens[index - 1].shape.isCapitalized && previous == .none)
          else { return fallback }
          previous = .none
        case .thing:
          if strict { return fallback }
          previous = .none
        }
        index = found.end
        steps += 1
        continue
      }
      if startsNumber(index) { return fallback }
      let tokenClass = wordClass(index)
      if strict {
        switch tokenClass {
        case .auxiliary, .being:
          sawAuxiliary = true
        case .adverb, .quote:
          break
        default:
          return fallback
        }
        index += 1
        steps += 1
        continue
      }
      switch tokenClass {
      case .auxiliary, .being:
        sawAuxiliary = true
      case .negation, .including, .but, .boundary, .symbol, .subjectPronoun:
        return fallback
      case .adverb, .quote, .preposition, .hyphen, .possessive, .pronoun:
        break
      case .determiner:
        // After a preposition it opens its object; after a verb, the verb's object.
        guard previous == .preposition || previous == .determiner else { return fallback }
      case .and, .or:
        if !sawAuxiliary {
          // "and were later killed" continues the count's clause; "and police were" does not.
          let next = wordClass(index + 1)
          guard
            next == .auxiliary || next == .adverb || next == .being
              || match(startingAt: index + 1).map({ meaning($0).kind == .trigger }) == true
          else { return fallback }
        }
      case .comma:
        if !sawAuxiliary && wordClass(index + 1) != .relative {
          // "12 people, mostly civilians, were killed": skip the inserted phrase.
          guard let close = insertionEnd(after: index) else { return fallback }
          index = close
        }
      case .subordinator:
        // "before being fatally shot" still speaks of the count.
        guard rawID(index + 1) == words.being else { return fallback }
      case .relative:
        guard index == start || previous == .comma else { return fallback }
      case .reporting:
        guard sawAuxiliary else { return fallback }
      case .none:
        break
      }
      previous = tokenClass
      index += 1
      steps += 1
    }
    return fallback
  }

  /// The outcome of an outcome word and the ones coordinated after it ("killed or
  /// arrested", "abducted and later killed"), and the index past the last one.
  private func coordinatedForward(_ found: Match) -> (Outcome?, Int) {
    var outcome = meaning(found).outcome
    var end = found.end
    for _ in 0..<3 {
      var index = end
      if wordClass(index) == .comma { index += 1 }
      let conjunction = wordClass(index)
      guard conjunction == .and || conjunction == .or else { break }
      index += 1
      var skipped = 0
      while skipped < 2 {
        let skippedClass = wordClass(index)
        guard skippedClass == .adverb || skippedClass == .auxiliary || skippedClass == .being else { break }
        index += 1
        skipped += 1
      }
      guard let next = match(startingAt: index), meaning(next).kind == .trigger,
        let later = meaning(next).outcome
      else { break }
      switch meaning(next).role {
      case .participle, .passive, .adjective, .intransitive:
        if let current = outcome {
          outcome = Outcome.coordinated(current, later, disjunctive: conjunction == .or)
        }
        end = next.end
      default:
        return (outcome, end)
      }
    }
    return (outcome, end)
  }

  /// Whether an object follows a verb at `index`, making it active: a count, a
  /// determiner, a victim noun, a pronoun or a name ("killed two soldiers", "killed the
  /// guard", "killed him").
  private func objectFollows(_ index: Int) -> Bool {
    var index = index
    var skipped = 0
    while skipped < 2, wordClass(index) == .adverb || wordClass(index) == .quote {
      index += 1
      skipped += 1
    }
    guard index < count, !startsLine(index) else { return false }
    if startsCount(index) { return true }
    if let found = match(startingAt: index) {
      return meaning(found).kind == .victim || meaning(found).kind == .thing
    }
    switch wordClass(index) {
    case .determiner:
      // "killed this year" is a time, not an object.
      if let time = match(startingAt: index + 1), meaning(time).kind == .thing { return false }
      return true
    case .pronoun:
      return true
    case .none:
      return tokens[index].kind == .word && tokens[index].shape.isCapitalized
    default:
      return false
    }
  }

  /// The index of the comma closing a short inserted phrase opened by the comma at
  /// `open` ("12 people, mostly civilians, were killed"), or `nil`.
  private func insertionEnd(after open: Int) -> Int? {
    var index = open + 1
    while index < count && index <= open + 8 {
      if startsLine(index) { return nil }
      switch wordClass(index) {
      case .comma:
        return index > open + 1 ? index : nil
      case .boundary, .subordinator, .but, .relative:
        return nil
      default:
        if let found = match(startingAt: index), meaning(found).kind == .trigger { return nil }
      }
      index += 1
    }
    return nil
  }

  // MARK: - Mentions

  /// Appends a casualty mention for every phrase with an outcome.
  func emit(into mentions: inout [Entity]) {
    for phrase in phrases {
      guard let outcome = phrase.outcome, let rule = phrase.rule else { continue }
      let lower = tokens[phrase.start].utf8Range.lowerBound
      let upper = tokens[(phrase.mentionEnd >= 0 ? phrase.mentionEnd : phrase.end) - 1].utf8Range.upperBound
      let victims = phrase.head >= 0 ? lexicon.names[phrase.head] : nil
      func record(_ outcome: Outcome, _ rule: CasualtyRule) {
        mentions.append(
          Entity(
            utf8Range: lower..<upper, label: .casualty, source: rule.source,
            confidence: rule.confidence,
            casualty: CasualtyCount(
              outcome: outcome.casualtyOutcome, min: phrase.minimum, max: phrase.maximum,
              approximate: phrase.approximate, victims: victims, group: phrase.group.name)))
      }
      record(outcome, rule)
      // The earlier fate of a freed group, as a second record.
      if let prior = phrase.priorOutcome { record(prior, .priorOutcome) }
    }
  }
}
