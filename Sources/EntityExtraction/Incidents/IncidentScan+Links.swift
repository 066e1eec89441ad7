// The choice of each casualty count's place, date and perpetrator: which candidates fit
// the structure (place phrases governed by a preposition, dates that are no statement's,
// organizations that claimed or did the event), then their scores by scope and event link
// (`IncidentWeights`). DESIGN.md, "Incidents", says why each rule is there.

extension IncidentScan {
  /// The outcomes whose counts take a perpetrator and a context beyond their sentence:
  /// harm done. A rescue or an arrest is told in its own sentence, and its agent is no
  /// perpetrator.
  static let harmOutcomes: Set<CasualtyOutcome> = [.killed, .injured, .casualties, .kidnapped, .missing]

  /// How an organization relates to the event near it.
  enum Relation {
    /// It claimed it: "the BLA claimed responsibility", "claimed by the TTP".
    case claim
    /// It is the agent after "by": "killed by the TTP", "an attack carried out by".
    case agent
    /// It did it: "Taliban fighters killed", "a TTP attack".
    case subject
  }

  // MARK: - Place phrases

  /// Groups the places into phrases and keeps those the structure ties to an event:
  /// governed by a place preposition (or the object of an attack word), or right before
  /// an event word; not after an origin cue ("residents of"), not a statement's ("said in
  /// Islamabad"), not inside a casualty count ("three Quetta residents") or a dateline.
  mutating func buildChains(_ mentions: [Entity]) {
    let gap = Int(rules.weights.chainGapTokens)
    var current: Chain?
    placeBreadths = [Int](repeating: 3, count: places.count)
    for (index, spot) in places.enumerated() {
      if isInsideCasualty(spot.first, spot.end) || isDatelineToken(spot.first) { continue }
      placeBreadths[index] = Self.breadth(of: mentions[spot.mention].place)
      if var chain = current, sentence(chain.end - 1) == sentence(spot.first),
        spot.first - chain.end <= gap, joinsPlaces(chain.end..<spot.first)
      {
        chain.members.append(index)
        chain.end = spot.end
        current = chain
        continue
      }
      if let chain = current { finish(chain, mentions) }
      current = Chain(members: [index], representative: index, first: spot.first, end: spot.end)
    }
    if let chain = current { finish(chain, mentions) }
    chainIndex = SpotIndex(firsts: chains.map(\.first), ends: chains.map(\.end))
  }

  /// Whether a token between two places keeps them one phrase: a comma, "of", "in",
  /// "and", a possessive or a plain word ("city", "district", "northwest"), but no clause
  /// word, other preposition ("from Islamabad to Dasu") or cue word. (A loop, not
  /// `allSatisfy` with a method: that closure would copy the scan.)
  private func joinsPlaces(_ between: Range<Int>) -> Bool {
    for index in between {
      guard
        flags(index).isDisjoint(with: [.clause, .clausePunctuation, .terminal, .otherPreposition, .by, .dash]),
        role(index) == .none
      else { return false }
    }
    return true
  }

  /// Completes a phrase's facts and keeps it when the structure allows.
  private mutating func finish(_ chain: Chain, _ mentions: [Entity]) {
    var chain = chain
    for member in chain.members where placeBreadths[member] < placeBreadths[chain.representative] {
      chain.representative = member
    }
    // "the Peshawar blast"; but "a U.S. helicopter raid" says whose raid, not where.
    chain.isPremodifier =
      isBeforeEventWord(chain.end)
      && placeBreadths[chain.representative] < 3
    // "outside the U.S. embassies", "the Pakistan army": a country naming whose, not where.
    if let last = chain.members.last, placeBreadths[last] == 3,
      isPlainWord(chain.end), tokens[chain.end].shape.isLowercase, !isMentionToken(chain.end)
    {
      return
    }
    switch governor(of: chain.first) {
    case .preposition(let token):
      if isStatement(before: token) || isStatementSource(endingAt: chain.end) { return }
      chain.preposition = token
    case .attackObject:
      break
    case .origin:
      return
    case .none:
      if !chain.isPremodifier { return }
    }
    chain.isEventLinked =
      chain.isPremodifier || isEventLinked((chain.preposition ?? chain.first)..<chain.end)
    chains.append(chain)
  }

  /// How far a place reaches: 0 a town, village or other local place, 1 a district, 2 a
  /// first-level subdivision, 3 a country or a wide region. A phrase names the narrowest.
  static func breadth(of place: ResolvedPlace?) -> Int {
    guard let place else { return 3 }
    let kind = place.kind ?? ""
    // The ID's scheme by bytes: `String.hasPrefix` costs several times more.
    let id = place.id.utf8
    if kind == "country" || id.starts(with: "iso3166-1:".utf8) { return 3 }
    if kind == "admin1" || id.starts(with: "iso3166-2:".utf8) { return 2 }
    switch kind {
    case "region", "ocean", "sea", "gulf", "continent", "peninsula": return 3
    case "province", "state": return 2
    case "district", "county", "admin2": return 1
    default: return 0
    }
  }

  /// What governs a place phrase that starts at `first`.
  enum Governor {
    /// A place preposition: "in", "near", "at the", "north of".
    case preposition(Int)
    /// An attack word of which it is the object: "stormed Quetta", "attacked the Chaman".
    case attackObject
    /// An origin cue: "residents of", "natives of".
    case origin
    case none
  }

  /// Looks back from a place phrase for what governs it, across at most
  /// `governing_tokens` determiners, plain words, numbers and "of" ("in the northwestern
  /// town of Bannu", "40 km north of Quetta").
  private func governor(of first: Int) -> Governor {
    let limit = Int(rules.weights.governingTokens)
    var index = first - 1
    var onlyDeterminers = true
    while index >= scope.lowerBound, first - index <= limit, clause(index) == clause(first) {
      let found = flags(index)
      let cue = role(index)
      if cue == .origin { return .origin }
      if cue == .attack { return onlyDeterminers ? .attackObject : .none }
      if cue != .none { return .none }
      if found.contains(.placePreposition) { return .preposition(index) }
      if !found.isDisjoint(with: [
        .otherPreposition, .by, .comma, .conjunction, .clause, .clausePunctuation, .terminal, .dash,
      ]) {
        return .none
      }
      // "stormed the town", "the bombing of a Birmingham clinic": the attack's object.
      if !found.contains(.determiner) && !found.contains(.of) { onlyDeterminers = false }
      index -= 1
    }
    return .none
  }

  /// Whether a word of saying comes shortly before `index` in its clause, with no event
  /// word or casualty count between: "said in Islamabad", "told reporters on Thursday", "a
  /// statement released on Thursday".
  func isStatement(before index: Int) -> Bool {
    let limit = Int(rules.weights.statementTokens)
    var before = index - 1
    while before >= scope.lowerBound, index - before <= limit, clause(before) == clause(index) {
      let cue = role(before)
      if cue.isEvent || isCasualtyToken(before) { return false }
      if cue == .statement || cue == .claimVerb { return true }
      before -= 1
    }
    return false
  }

  /// Whether a word of saying follows a place phrase that ends at `end` with only plain
  /// words between, no comma: "officials in Kabul said", "a police officer in Quetta told".
  /// The phrase is where the speaker is.
  private func isStatementSource(endingAt end: Int) -> Bool {
    var index = end
    while index < min(scope.upperBound, end + Int(rules.weights.statementTokens)) {
      if role(index) == .statement { return true }
      guard isPlainWord(index) else { return false }
      index += 1
    }
    return false
  }

  /// Whether an event word starts at `index`, or after a possessive and one plain word
  /// ("the Peshawar blast", "Quetta's market bombing").
  private func isBeforeEventWord(_ index: Int) -> Bool {
    var index = index
    if flags(index).contains(.possessive) { index += 1 }
    if isPlainWord(index) { index += 1 }
    return startsCue(index, .attack)
  }

  /// Whether an event word (an attack word or an outcome) lies within `event_link_tokens`
  /// of the tokens `span`, in the clause of its first token.
  func isEventLinked(_ span: Range<Int>) -> Bool {
    let window = Int(rules.weights.eventLinkTokens)
    let own = clause(span.lowerBound)
    var index = span.lowerBound - 1
    while index >= max(scope.lowerBound, span.lowerBound - window), clause(index) == own {
      if role(index).isEvent { return true }
      index -= 1
    }
    index = span.upperBound
    while index < min(scope.upperBound, span.upperBound + window), clause(index) == own {
      if role(index).isEvent { return true }
      index += 1
    }
    return false
  }

  // MARK: - Dates

  /// Whether a date may be an event's: not in a dateline, not a bound ("since May", "by
  /// March", "slated for today"), not a statement's ("said on Thursday", "a late Tuesday
  /// announcement").
  func dateQualifies(_ spot: Spot) -> Bool {
    if isDatelineToken(spot.first) { return false }
    var before = spot.first - 1
    while before >= scope.lowerBound, flags(before).contains(.determiner) { before -= 1 }
    // "since May"; but "since the January 1998 bombing" dates the bombing.
    if before >= scope.lowerBound, flags(before).contains(.dateBound),
      !isBeforeEventWord(spot.end)
    {
      return false
    }
    if isStatement(before: spot.first) { return false }
    var after = spot.end
    if flags(after).contains(.possessive) { after += 1 }
    return role(after) != .statement
  }

  // MARK: - Organizations

  /// How an organization relates to an event, if it claimed it, is its agent or did it;
  /// `nil` for any other organization (a source, a victim's, a target).
  func relation(of spot: Spot) -> Relation? {
    if isInsideCasualty(spot.first, spot.end) || isDatelineToken(spot.first) { return nil }
    var before = spot.first - 1
    while before >= scope.lowerBound, flags(before).contains(.determiner) { before -= 1 }
    // "members of the TTP", "affiliated with the Islamic State": the victims'.
    if role(before) == .victimLink { return nil }
    if role(before) == .claimBy, !isNegated(before: before) { return .claim }
    if flags(before).contains(.by), isAfterEventWord(before) { return .agent }
    if let relation = relationAfter(spot), relation == .claim { return .claim }
    // A subject is no preposition's object ("an attack on the FC killed five").
    // Nor the second of two ("the war between Israel and Hezbollah killed").
    let isObject =
      before >= scope.lowerBound
      && !flags(before).isDisjoint(with: [.placePreposition, .of, .otherPreposition, .by, .conjunction])
    return isObject ? nil : relationAfter(spot)
  }

  /// A claim or a deed told after the organization: "the BLA claimed responsibility",
  /// "the TTP, which claimed the attack", "Taliban fighters stormed".
  private func relationAfter(_ spot: Spot) -> Relation? {
    var index = spot.end
    var steps = 0
    // Whether only plain words and possessives came between ("Taliban fighters", "the
    // BLA's"): a subject's head noun, not a clause of its own.
    var onlyNounWords = true
    while index < scope.upperBound, steps < 5, sentence(index) == sentence(spot.first) {
      let found = flags(index)
      let cue = role(index)
      if cueStarts[index - scope.lowerBound] {
        switch cue {
        case .claim: return .claim
        case .claimVerb: return isEventWord(afterDeterminers: index + 1) ? .claim : nil
        case .attack, .agentiveOutcome: return onlyNounWords && steps <= 3 ? .subject : nil
        case .none: break
        default: return nil
        }
      }
      if found.contains(.negation) || found.contains(.terminal) { return nil }
      if !isPlainWord(index) && !found.contains(.possessive) { onlyNounWords = false }
      // Only a relative clause lets a claim through ("the TTP, which claimed …").
      if !found.isDisjoint(with: [.clause, .clausePunctuation, .dash]) && !found.contains(.relative) {
        return nil
      }
      index += 1
      steps += 1
    }
    return nil
  }

  /// Whether an event word starts at `index`, after at most two determiners.
  private func isEventWord(afterDeterminers index: Int) -> Bool {
    var next = index
    while next < index + 2, flags(next).contains(.determiner) { next += 1 }
    return startsCue(next, .attack)
  }

  /// Whether an event word ends within three tokens before `index` ("killed by", "an
  /// attack carried out by", "were abducted by").
  private func isAfterEventWord(_ index: Int) -> Bool {
    var before = index - 1
    while before >= max(scope.lowerBound, index - 3) {
      if role(before).isEvent { return true }
      before -= 1
    }
    return false
  }

  /// Whether a negation comes within two tokens before `index` ("was not claimed by").
  private func isNegated(before index: Int) -> Bool {
    var before = index - 1
    while before >= max(scope.lowerBound, index - 3) {
      if flags(before).contains(.negation) { return true }
      before -= 1
    }
    return false
  }

  // MARK: - Choosing

  /// The sentences whose events a count in sentence `own` may share: its paragraph, up to
  /// `context_sentences_back` before and `context_sentences_forward` after, not across a
  /// sentence that opens another event, and into another paragraph only where the later
  /// sentence opens on a definite event noun ("The incident occurred on March 26").
  func context(of own: Int) -> ClosedRange<Int> {
    let weights = rules.weights
    var low = own
    while low > 0, own - low < Int(weights.contextSentencesBack) {
      let later = sentences[low]
      if later.opensNewEvent { break }
      if later.paragraph != sentences[low - 1].paragraph && !later.opensAnaphoric { break }
      low -= 1
    }
    var high = own
    while high + 1 < sentences.count, high - own < Int(weights.contextSentencesForward) {
      let later = sentences[high + 1]
      if later.opensNewEvent { break }
      if later.paragraph != sentences[high].paragraph && !later.opensAnaphoric { break }
      high += 1
    }
    return low...high
  }

  /// A candidate's score for a count, or `nil` when it is out of the count's reach: its
  /// scope (clause, sentence or context, which needs an event link), the event link, and
  /// the distance in tokens.
  func score(
    of candidate: Range<Int>, anchor: Int, for count: Spot, context: ClosedRange<Int>,
    isEventLinked linked: Bool, needsLink: Bool = true
  ) -> Double? {
    let weights = rules.weights
    let own = sentence(count.end - 1)
    let theirs = sentence(anchor)
    var score: Double
    if theirs == own {
      score = clause(anchor) == clause(count.end - 1) ? weights.scopeClause : weights.scopeSentence
    } else {
      guard context.contains(theirs), linked || !needsLink else { return nil }
      score = weights.scopeContext - weights.contextDistance * Double(abs(theirs - own))
      if theirs > own { score -= weights.contextForward }
    }
    if linked { score += weights.eventLink }
    let distance = max(0, candidate.lowerBound - count.end, count.first - candidate.upperBound)
    return score - weights.distancePerToken * Double(distance)
  }

  /// Chooses and sets the place, date and perpetrator of every casualty count.
  mutating func attach(to mentions: inout [Entity]) {
    let minimum = rules.weights.minimum
    // Loops, not `map` with closures, which would copy the scan.
    var dateFits: [Bool] = []
    var dateLinks: [Bool] = []
    for spot in dates {
      dateFits.append(dateQualifies(spot))
      dateLinks.append(isEventLinked(spot.first..<spot.end))
    }
    var relations: [Relation?] = []
    for spot in organizations { relations.append(relation(of: spot)) }
    for count in casualties {
      guard var casualty = mentions[count.mention].casualty else { continue }
      let isHarm = Self.harmOutcomes.contains(casualty.outcome)
      let own = sentence(count.end - 1)
      let reach = isHarm ? context(of: own) : own...own
      // Only candidates in the reach's sentences can score (``score(of:anchor:for:context:isEventLinked:needsLink:)``).
      let reachTokens = sentences[reach.lowerBound].tokens.lowerBound..<sentences[reach.upperBound].tokens.upperBound
      var bestChain: (chain: Int, score: Double)?
      let ownCountries = sentenceCountries[own]
      for index in chainIndex.starting(in: reachTokens) {
        let chain = chains[index]
        // A place of another sentence must be in a country the count's sentence names, if
        // it names any ("Venezuelan authorities say …" takes no place in the U.S.).
        // A later sentence with a count of its own tells its own event.
        if sentence(chain.first) > own && sentenceHasCount[sentence(chain.first)] { continue }
        if sentence(chain.first) != own, !ownCountries.isEmpty,
          let country = mentions[places[chain.representative].mention].place?.country,
          !ownCountries.contains(country)
        {
          continue
        }
        guard
          let score = score(
            of: chain.first..<chain.end, anchor: chain.preposition ?? chain.first, for: count,
            context: reach, isEventLinked: chain.isEventLinked),
          score >= minimum, score > bestChain?.score ?? -.infinity
        else { continue }
        bestChain = (index, score)
      }
      var bestDate: (date: Int, score: Double)?
      for index in dateIndex.starting(in: reachTokens) where dateFits[index] {
        let spot = dates[index]
        let theirs = sentence(spot.first)
        if theirs > own && sentenceHasCount[theirs] { continue }
        if theirs != own && !countriesAgree(own, theirs) { continue }
        guard
          let score = score(
            of: spot.first..<spot.end, anchor: spot.first, for: count, context: reach,
            isEventLinked: dateLinks[index]),
          score >= minimum, score > bestDate?.score ?? -.infinity
        else { continue }
        bestDate = (index, score)
      }
      if bestDate == nil, isHarm, let chain = bestChain?.chain {
        bestDate = samePlaceDate(for: count, at: chains[chain], outside: reach, mentions, dateFits, dateLinks)
      }
      var bestOrganization: (organization: Int, score: Double)?
      if isHarm {
        let victims = victimOrganizations(of: count, mentions)
        for index in organizationIndex.starting(in: reachTokens) {
          guard let relation = relations[index] else { continue }
          let spot = organizations[index]
          let theirs = sentence(spot.first)
          // Another sentence's own count is what its organization did or claimed; the
          // victims' own organization ("10 Taliban rebels") did not harm them.
          if theirs != own && (sentenceHasCount[theirs] || !countriesAgree(own, theirs)) { continue }
          if victims.contains(organizationKey(mentions[spot.mention])) { continue }
          guard
            let base = score(
              of: spot.first..<spot.end, anchor: spot.first, for: count, context: reach,
              isEventLinked: false, needsLink: false)
          else { continue }
          let score = base + weight(of: relation)
          guard score >= minimum, score > bestOrganization?.score ?? -.infinity else { continue }
          bestOrganization = (index, score)
        }
      }
      casualty.setLinks(
        place: bestChain.flatMap { incidentPlace(chains[$0.chain], mentions) },
        date: bestDate.flatMap { incidentDate(dates[$0.date], mentions) },
        perpetrator: bestOrganization.map { incidentPerpetrator(organizations[$0.organization], mentions) })
      mentions[count.mention].casualty = casualty
    }
  }

  /// Whether two sentences may tell one event by the countries they name: yes when either
  /// names none, or they share one.
  private func countriesAgree(_ own: Int, _ other: Int) -> Bool {
    let ours = sentenceCountries[own]
    let theirs = sentenceCountries[other]
    return ours.isEmpty || theirs.isEmpty || ours.contains(where: theirs.contains)
  }

  /// What identifies an organization: its gazetteer ID, else its canonical name or text.
  private func organizationKey(_ mention: Entity) -> String {
    mention.entryID ?? mention.canonicalName ?? text(of: mention)
  }

  /// The organizations named inside a casualty count's span ("10 Taliban rebels").
  private func victimOrganizations(of count: Spot, _ mentions: [Entity]) -> Set<String> {
    var found = Set<String>()
    for index in organizationIndex.starting(in: count.first..<count.end) where organizations[index].end <= count.end {
      found.insert(organizationKey(mentions[organizations[index].mention]))
    }
    return found
  }

  /// The weight of a perpetrator's relation to the event.
  private func weight(of relation: Relation) -> Double {
    switch relation {
    case .claim: rules.weights.perpetratorClaim
    case .agent: rules.weights.perpetratorAgent
    case .subject: rules.weights.perpetratorSubject
    }
  }

  /// A date told elsewhere in the document of an event at the count's place or in its
  /// admin1 ("the attacks in Balochistan on Monday" for a count in
  /// Musakhail, Balochistan): the sentence has such a place phrase and the date, both
  /// linked to an event word.
  private func samePlaceDate(
    for count: Spot, at chain: Chain, outside reach: ClosedRange<Int>, _ mentions: [Entity],
    _ dateFits: [Bool], _ dateLinks: [Bool]
  ) -> (date: Int, score: Double)? {
    guard let place = mentions[places[chain.representative].mention].place else { return nil }
    let weights = rules.weights
    // Dates farther than this many tokens score below the minimum: only nearer ones are read.
    let farthest = (weights.scopeSamePlace + weights.eventLink - weights.minimum) / weights.distancePerToken
    var near = dates.indices
    if weights.distancePerToken > 0, farthest < Double(tokens.count) {
      let margin = max(0, Int(farthest.rounded(.up))) + 1
      near = dateIndex.starting(in: (count.first - margin)..<(count.first + margin + 1))
    }
    var best: (date: Int, score: Double)?
    for index in near where dateFits[index] && dateLinks[index] {
      let theirs = sentence(dates[index].first)
      guard !reach.contains(theirs) else { continue }
      let matches = chainIndex.starting(in: sentences[theirs].tokens).contains { position in
        let other = chains[position]
        guard other.isEventLinked, sentence(other.first) == theirs,
          let otherPlace = mentions[places[other.representative].mention].place
        else { return false }
        if otherPlace.id == place.id { return true }
        let otherName = mentions[places[other.representative].mention].canonicalName
        return placeBreadths[other.representative] == 2 && otherPlace.country == place.country
          && place.admin1 != nil && (otherPlace.admin1 == place.admin1 || otherName == place.admin1)
      }
      guard matches else { continue }
      let distance = abs(dates[index].first - count.first)
      let score = weights.scopeSamePlace + weights.eventLink - weights.distancePerToken * Double(distance)
      if score >= weights.minimum, score > best?.score ?? -.infinity { best = (index, score) }
    }
    return best
  }

  private func text(of mention: Entity) -> String {
    let range = mention.utf8Range.clamped(to: 0..<bytes.count)
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  private func incidentPlace(_ chain: Chain, _ mentions: [Entity]) -> IncidentPlace? {
    let mention = mentions[places[chain.representative].mention]
    guard let place = mention.place else { return nil }
    return IncidentPlace(
      utf8Range: mention.utf8Range, name: mention.canonicalName ?? text(of: mention), place: place)
  }

  private func incidentDate(_ spot: Spot, _ mentions: [Entity]) -> IncidentDate? {
    let mention = mentions[spot.mention]
    return mention.date.map { IncidentDate(utf8Range: mention.utf8Range, value: $0) }
  }

  private func incidentPerpetrator(_ spot: Spot, _ mentions: [Entity]) -> IncidentPerpetrator {
    let mention = mentions[spot.mention]
    return IncidentPerpetrator(
      utf8Range: mention.utf8Range, name: mention.canonicalName ?? text(of: mention),
      id: mention.entryID)
  }
}
