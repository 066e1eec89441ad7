/// Names no list knows and no other rule finds, typed by the words around them (the
/// evidence rules of ``NameEvidence``), then every other mention of the same words in the
/// document (one sense per document).
extension NameAnalysis {
  /// The most words a name typed by evidence may have.
  static let maximumCuedNameWords = 5

  /// Types the capitalised names that cue words point at ("the German firm [Bilfinger
  /// Berger]", "[Aigle Azur] airline", "a [Hamas] spokesman"), combining the rules that
  /// point at the same span, reports those whose confidence reaches the minimum, then
  /// the other free mentions of the same words (`rule:LABEL/same-name`).
  mutating func findCuedNames() {
    guard !cueHits.isEmpty else { return }
    var candidates: [EvidenceCandidate] = []
    for hit in cueHits {
      // A cue is a lower-case word: "Company" or "Airlines" in capitals is part of a name.
      guard !tokens[hit.range.lowerBound].shape.contains(.hasUpper) else { continue }
      let range: Range<Int>?
      if hit.rule.isBefore {
        var start = hit.range.upperBound
        if id(start) == words.the { start += 1 }
        range = cuedName(startingAt: start)
      } else {
        range = cuedName(endingAt: hit.range.lowerBound)
      }
      guard let range, !range.isEmpty else { continue }
      if let index = candidates.firstIndex(where: { $0.range == range && $0.label == hit.rule.label }) {
        guard !candidates[index].rules.contains(hit.rule.name) else { continue }
        candidates[index].confidence = NameEvidence.combine(candidates[index].confidence, hit.rule.weight)
        candidates[index].rules.append(hit.rule.name)
      } else {
        candidates.append((range, hit.rule.label, hit.rule.weight, [hit.rule.name], "cue"))
      }
    }
    acceptCandidates(candidates)
  }

  /// A candidate name of the evidence rules: its span, label, confidence, the rules that
  /// point at it, and the last part of its source (`rule:LABEL/SOURCE`: `cue` for cue
  /// words, `reporting`, `team`).
  typealias EvidenceCandidate = (
    range: Range<Int>, label: EntityLabel, confidence: Double, rules: [String], source: String
  )

  /// "Federer said": after the person rules and the aliases (so that "Nouri al-Maliki
  /// said" is one full name, not a bare "Maliki", and "Sharif said" after "Shehbaz Sharif"
  /// is his alias), a free one-word name right before a reporting verb is a
  /// person when that evidence, with a listed given name or surname, reaches the minimum.
  mutating func findReportedNames() {
    let evidence = tables.evidence
    guard evidence.reportingWeight > 0 else { return }
    var candidates: [EvidenceCandidate] = []
    for position in nameStarts.indices {
      let index = Int(nameStarts[position])
      guard hasReportingVerbAfter(index + 1), let range = cuedName(endingAt: index + 1), range.count == 1
      else { continue }
      // "Police in London said": a listed place after a preposition of place is where the
      // speakers are, not who speaks.
      if gazetteer[index] == .weakPlace, index > 0, words.locatives.contains(id(index - 1)) { continue }
      candidates.append((range, .person, evidence.reportingWeight, ["reporting"], "reporting"))
    }
    acceptCandidates(candidates)
  }

  /// Adds the name-word evidence to the person candidates, then accepts the candidates
  /// whose confidence reaches the minimum and whose span is free,
  /// unless a rival label has as much evidence for an overlapping span; then the other
  /// mentions of the accepted names.
  mutating func acceptCandidates(_ candidates: [EvidenceCandidate]) {
    let evidence = tables.evidence
    var candidates = candidates
    // A listed given name or surname makes a person candidate likelier.
    if evidence.nameWordWeight > 0 {
      for index in candidates.indices where candidates[index].label == .person {
        guard candidates[index].range.contains(where: { has($0, .nameList) }) else { continue }
        candidates[index].confidence = NameEvidence.combine(candidates[index].confidence, evidence.nameWordWeight)
        candidates[index].rules.append("name-word")
      }
    }
    var accepted: [Found] = []
    for candidate in candidates where candidate.confidence >= evidence.minimum && isFree(candidate.range) {
      // Two labels for one span: the stronger evidence wins; a tie reports nothing.
      let rivals = candidates.filter { $0.range.overlaps(candidate.range) && $0.label != candidate.label }
      guard rivals.allSatisfy({ $0.confidence < candidate.confidence }) else { continue }
      let found = Found(
        tokenRange: candidate.range, label: candidate.label,
        rule: "rule:\(candidate.label.rawValue)/\(candidate.source)",
        confidence: candidate.confidence, canonical: normalizedText(candidate.range))
      accept(found)
      accepted.append(found)
    }
    guard evidence.sameNameFactor > 0 else { return }
    for found in accepted { acceptOtherMentions(of: found, factor: evidence.sameNameFactor) }
  }

  /// "the Toronto Blue Jays", "Karachi Kings": a listed place followed by capitalised
  /// words no list knows, the last a plural ("-s"), is a team or a club (the `team` rule of
  /// names/evidence.tsv), the place inside its span.
  mutating func findTeamNames() {
    let weight = tables.evidence.teamWeight
    guard weight > 0 else { return }
    var candidates: [EvidenceCandidate] = []
    var index = 0
    while index < tokens.count {
      guard gazetteer[index] == .place || gazetteer[index] == .weakPlace, let place = match(at: index),
        place.lowerBound == index, isCapitalised(index), !isHeadline(index), !isTaken(index)
      else {
        index += 1
        continue
      }
      index = place.upperBound
      guard let name = cuedName(startingAt: place.upperBound), name.count <= 2,
        let last = tokens[name.upperBound - 1].utf8Range.last, text[last] == UInt8(ascii: "s"),
        name.allSatisfy({ classes[$0].isEmpty })
      else { continue }
      candidates.append((place.lowerBound..<name.upperBound, .organization, weight, ["team"], "team"))
    }
    acceptCandidates(candidates)
  }

  /// "the Brotherhood" after "the Muslim Brotherhood": the last word of a listed
  /// organization of two words or more, alone elsewhere in the document, is that
  /// organization (`rule:organization/short-name`, with its entry's ID and canonical name)
  /// when the word is distinctive: capitalised, known to no lexicon list ("Army",
  /// "Front" are generic heads) and to no name list as anything but a weak place.
  mutating func findShortNamesOfListedOrganizations() {
    let factor = tables.evidence.shortNameFactor
    guard factor > 0, !listedOrganizations.isEmpty, let store = tables.names?.store else { return }
    var lastWords: [(hash: UInt64, entry: Int)] = []
    for listed in listedOrganizations {
      let last = listed.range.upperBound - 1
      guard wordHash[last] != 0, classes[last].isEmpty, !isHeadline(last),
        !lastWords.contains(where: { $0.hash == wordHash[last] })
      else { continue }
      lastWords.append((wordHash[last], listed.entry))
    }
    guard !lastWords.isEmpty else { return }
    for position in nameStarts.indices {
      let index = Int(nameStarts[position])
      guard wordHash[index] != 0, let word = lastWords.first(where: { $0.hash == wordHash[index] }),
        isCuedNameWord(index) || (isHeadline(index) && !isTaken(index)),
        !isNameNeighbour(index + 1), !isNameNeighbour(index - 1) || isSentenceStart(index)
      else { continue }
      let facts = store.mentionFacts(of: word.entry)
      accept(
        Found(
          tokenRange: index..<(index + 1), label: .organization, rule: "rule:organization/short-name",
          confidence: factor, canonical: facts.name, entryID: facts.id))
    }
  }

  /// A word that may be part of a name typed by evidence: a capitalised word, free, that
  /// no list knows as anything but a minor place, and that no rule reads as a title, a
  /// function word, a non-name or a generic word. In a headline, where case says
  /// nothing, no word is.
  func isCuedNameWord(_ index: Int) -> Bool {
    guard isCapitalised(index), !isTaken(index), !isHeadline(index) else { return false }
    guard gazetteer[index] == .other || gazetteer[index] == .weakPlace else { return false }
    return classes[index].isDisjoint(with: [.title, .titleEnd, .function, .nonName, .reporting, .orgGeneric, .cue])
  }

  /// Joins two name words: an inner hyphen ("Royal-Dutch") or an ampersand.
  func isCuedNameJoiner(_ index: Int) -> Bool {
    isInnerHyphen(index) || id(index) == words.ampersand
  }

  /// The name of cued-name words from `start`, or `nil` if none starts there.
  func cuedName(startingAt start: Int) -> Range<Int>? {
    guard isCuedNameWord(start) else { return nil }
    var end = start + 1
    var words = 1
    while words < Self.maximumCuedNameWords {
      if isCuedNameWord(end) {
        end += 1
      } else if isCuedNameJoiner(end) && isCuedNameWord(end + 1) {
        end += 2
      } else {
        break
      }
      words += 1
    }
    // A capitalised word after the span continues a longer name that these words do not
    // cover (the limit cut it, or a word of it is listed): no name.
    if isNameNeighbour(end) || isNameJoint(end) { return nil }
    return isDistinctive(start..<end) ? start..<end : nil
  }

  /// The name of cued-name words that ends right before `end`, or `nil`.
  func cuedName(endingAt end: Int) -> Range<Int>? {
    guard isCuedNameWord(end - 1) else { return nil }
    var start = end - 1
    var words = 1
    while words < Self.maximumCuedNameWords {
      if isCuedNameWord(start - 1) {
        start -= 1
      } else if isCuedNameJoiner(start - 1) && isCuedNameWord(start - 2) {
        start -= 2
      } else {
        break
      }
      words += 1
    }
    if (isNameNeighbour(start - 1) && !isSentenceStart(start)) || isNameJoint(start - 1) { return nil }
    return isDistinctive(start..<end) ? start..<end : nil
  }

  /// A capitalised word beside a span that makes it part of a longer name: not a
  /// function word ("A", "The" at a sentence start).
  func isNameNeighbour(_ index: Int) -> Bool {
    isCapitalised(index) && !isFunctionWord(index)
  }

  /// A hyphen inside a word or a lower-case name particle beside a span: the span is part
  /// of a longer name ("al-[Maliki]", "bin [Laden]").
  func isNameJoint(_ index: Int) -> Bool {
    isInnerHyphen(index) || isParticle(index)
  }

  /// A span with a word no lexicon list knows but as a given name or surname: "Police" or
  /// "Army" alone is a generic head.
  func isDistinctive(_ range: Range<Int>) -> Bool {
    range.contains { classes[$0].subtracting(.nameList).isEmpty && tokens[$0].kind == .word }
  }

  /// Accepts every free mention of `found`'s words elsewhere in the document, one that
  /// neither continues nor is continued by another capitalised name word.
  mutating func acceptOtherMentions(of found: Found, factor: Double) {
    let range = found.tokenRange
    let length = range.count
    var position = firstNameStart(from: 0)
    while position < nameStarts.count {
      let start = Int(nameStarts[position])
      position += 1
      let end = start + length
      guard end <= tokens.count, start != range.lowerBound, !isTaken(start) else { continue }
      guard (0..<length).allSatisfy({ offset in
        let here = start + offset
        let there = range.lowerBound + offset
        return wordHash[there] == 0 ? tokens[here].rawID == tokens[there].rawID : wordHash[here] == wordHash[there]
      })
      else { continue }
      let span = start..<end
      // In running text a capitalised neighbour makes the words part of a longer name; in
      // a headline, where every word is capitalised, it says nothing.
      let standsAlone = isHeadline(start) || ((!isNameNeighbour(start - 1) || isSentenceStart(start)) && !isNameNeighbour(end))
      guard isFree(span), standsAlone else { continue }
      accept(
        Found(
          tokenRange: span, label: found.label, rule: "rule:\(found.label.rawValue)/same-name",
          confidence: found.confidence * factor, canonical: found.canonical))
      position = firstNameStart(from: end)
    }
  }
}
