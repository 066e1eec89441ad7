/// A reported, correctly capitalised entry of one gazetteer match.
struct GazetteerCandidate {
  /// The entry's index in the store.
  var entry: Int
  /// Only an alias of the entry matched, not its name.
  var byAlias: Bool
  /// The entry is a place.
  var isPlace: Bool
}

/// What chose a place mention's entry, which sets the certainty its confidence is
/// multiplied by (``PlaceWeights``).
enum PlaceResolutionKind: UInt8, Sendable {
  /// The name has one place.
  case unique
  /// A qualifier beside it (or beside another mention of the name), or a designator
  /// after it ("Quetta district"), chose it.
  case qualifier
  /// The document's other places support it.
  case evidence
  /// Its size and kind chose it, by a clear margin.
  case prior
  /// Its size and kind chose it, by a small margin.
  case tie
  /// The document supports another candidate more.
  case contested
  /// Only an alias matched, and it lies far from the document's other places.
  case remoteAlias
}

/// The tables place resolution reads, built once with the recognizer.
struct PlaceResolutionTables: Sendable {
  /// The weights and certainties.
  var weights = PlaceWeights()
  /// Each country's land neighbours.
  var neighbours = CountryNeighbours()
  /// The label indices of `place` and `nationality` in the store, if any.
  var placeLabel: UInt16?
  var nationalityLabel: UInt16?

  /// No weights, no neighbours.
  init() {}

  /// The tables for `store`, with `weights`.
  init(store: GazetteerStore, weights: PlaceWeights) {
    self.weights = weights
    neighbours = CountryNeighbours(store: store)
    placeLabel = store.labels.firstIndex(of: .place).map(UInt16.init)
    nationalityLabel = store.labels.firstIndex(of: .nationality).map(UInt16.init)
  }
}

/// Resolves the place matches of one document: for each match with place candidates, the
/// candidate it names and how that was decided.
///
/// A candidate's score is the sum of
/// - its *static* score: name or alias, kind, size (population per power of ten),
///   `priority`, and the designator after the mention ("province", "district", "city");
/// - *qualifier* bonuses, when an admin1 or country beside the mention contains it
///   ("London, Ontario", "Paris (Texas)", "Valencia in Venezuela", "the Indian city of
///   Hyderabad", "Ohio's largest city, Columbus"), or contains it beside another mention of
///   the same name;
/// - *evidence* from the document's other places and nationalities: the same country (a
///   place in it, or the country named), the same admin1, a neighbouring country, the
///   distance to the nearest other place; or a penalty when all of them are in other,
///   not neighbouring, countries.
///
/// The evidence comes from places that are not ambiguous and are reported, the countries
/// and nationalities named, qualified names, and the current choice of every other
/// ambiguous name, weighted by how sure that choice is (`guess`, `guess_per_lead`).
/// Resolution runs in rounds (at most ``maximumRounds``): each name in turn, clearest lead
/// first, is rescored against the others' current choices, until a round changes no
/// choice. A name's own choice never counts as evidence for itself, and all mentions of a
/// name share its evidence ("one sense per discourse"); only the designator and a
/// qualifier differ from mention to mention. A name that is no place even in its likeliest
/// reading ("Bush" as a village) takes no part in the rounds.
///
/// The resolver is a class so that its helpers share one copy of its state: as a struct,
/// each non-mutating call from a mutating one copied it. Hot loops move the arrays they
/// touch into locals, since each element access to a class's array checks exclusivity.
final class PlaceResolver {
  /// The most rounds of rescoring.
  static let maximumRounds = 3
  /// The most anchors (places with coordinates) distances are measured to.
  static let maximumAnchors = 8

  /// The choice for one match.
  struct Choice {
    /// The position in `candidates` of the chosen place, or -1 for none.
    var position: Int
    /// How it was chosen.
    var kind: PlaceResolutionKind
    /// What a qualifier adds to the confidence that the mention is a place: beside this
    /// mention (`qualified_place`), or beside another mention of the name
    /// (`qualified_place_elsewhere`: "Paris, Texas … residents of Paris"), or 0.
    var cue = 0.0
    /// The confidence that the mention is a place, when resolution needed it (NaN
    /// otherwise), or -1 when another type's entry wins.
    var placeness = Double.nan
  }

  let store: GazetteerStore
  let tables: PlaceResolutionTables
  let rules: PlaceRules
  let document: TokenizedText
  let shared: SharedGazetteerMatches
  /// Per match: its token range, its candidates' positions, its index in `shared`.
  let ranges: [Range<Int>]
  let spans: [Range<Int>]
  let sharedIndices: [Int32]
  let candidates: [GazetteerCandidate]
  /// The weights, read once.
  let weights: PlaceWeights

  /// Per match: its name (index into `names`), or -1 when it has fewer than two places.
  var nameOfMatch: [Int32] = []
  /// Per name: its first match.
  var names: [Int] = []
  /// Per name: its choice and what it adds to the profile.
  var states: [NameState] = []

  /// Where the resolution of one name stands.
  struct NameState {
    /// The offset of its current choice in its first match's span, or -1.
    var winner = -1
    /// Its choice by size and qualifiers alone, the first it makes.
    var firstChoice = -1
    /// What its current choice adds to the profile.
    var contribution = Contribution()
    /// Its current choice is reported as a place (its first mention's confidence is 0.5
    /// or more), so supports the others.
    var reported = false
    /// Not a place even as its likeliest reading, so left out of the rounds.
    var unplaced = false
  }
  /// Per candidate position of a name's first match: its static score with no designator.
  var staticScores: [Double] = []
  /// Per candidate position of a name's first match: what scoring reads of it.
  var facets: [Facet] = []
  /// Scratch for ``score(name:span:)``: its best candidates, by score.
  var top: [(score: Double, position: Int)] = []
  /// Per candidate position of a name's first match: the document's evidence for it.
  var evidence: [Double] = []
  /// Per candidate position of a name's first match: its candidate lies far from the
  /// document's places.
  var remote: [Bool] = []
  /// Per candidate position: the qualifier bonus at this mention (empty until needed).
  var mentionBonus: [Double] = []
  /// Per candidate position of a name's first match: the qualifier bonus for every
  /// mention of the name (empty until needed).
  var nameBonus: [Double] = []

  /// The document's evidence: the places that are not ambiguous, the countries and
  /// nationalities named, and each ambiguous name's current choice.
  var profile = Profile()

  init(
    store: GazetteerStore, tables: PlaceResolutionTables, rules: PlaceRules,
    document: TokenizedText,
    shared: SharedGazetteerMatches, ranges: [Range<Int>], spans: [Range<Int>],
    sharedIndices: [Int32],
    candidates: [GazetteerCandidate]
  ) {
    self.store = store
    self.tables = tables
    self.rules = rules
    self.document = document
    self.shared = shared
    self.ranges = ranges
    self.spans = spans
    self.sharedIndices = sharedIndices
    self.candidates = candidates
    self.weights = tables.weights
  }

  /// Chooses a place for every match with place candidates.
  ///
  /// - Parameter placeness: The confidence that match `match` names the place at
  ///   candidate position `position` (`qualified`: a qualifier beside it contains the
  ///   place), or `nil` when another type's entry wins there. Only places at 0.5 or more
  ///   count as evidence.
  func resolve(placeness: (_ match: Int, _ position: Int, _ cue: Double) -> Double?) -> [Choice] {
    var choices = [Choice](repeating: Choice(position: -1, kind: .unique), count: ranges.count)
    var ambiguous = false
    for match in ranges.indices {
      var places = 0
      for position in spans[match] where candidates[position].isPlace {
        if places == 0 { choices[match].position = position }
        places += 1
      }
      if places > 1 { ambiguous = true }
    }
    // Nothing to decide: every place match has one candidate.
    guard ambiguous else { return choices }
    nameMatches()
    // A qualifier matters when the match or a match beside it has a choice to make.
    for match in ranges.indices where choices[match].position >= 0 {
      if nameOfMatch[match] >= 0 || (match > 0 && nameOfMatch[match - 1] >= 0)
        || (match + 1 < ranges.count && nameOfMatch[match + 1] >= 0)
      {
        applyQualifiers(of: match)
      }
    }
    gatherSeeds(&choices, placeness: placeness)
    runRounds(placeness: placeness)
    for match in ranges.indices where choices[match].position >= 0 {
      let name = Int(nameOfMatch[match])
      if name >= 0 && states[name].unplaced {
        // Its likeliest reading, not rescored: the mention is most likely no place at all.
        choices[match].position = spans[match].lowerBound + states[name].winner
        choices[match].kind = .prior
      } else if name >= 0 {
        choices[match] = choose(match)
      } else if !mentionBonus.isEmpty && mentionBonus[choices[match].position] > 0 {
        choices[match].cue = weights.qualifiedPlace
      }
    }
    return choices
  }

  // MARK: - Names

  /// Gives every match with two or more place candidates a name: matches whose place
  /// candidates are the same entries, matched the same way, share one.
  private func nameMatches() {
    var nameOfMatch = [Int32](repeating: -1, count: ranges.count)
    var names: [Int] = []
    defer {
      self.nameOfMatch = nameOfMatch
      self.names = names
    }
    // Names are found by open addressing on their first place entry; a document with
    // few matches compares them in turn instead (no table to allocate).
    let hashed = ranges.count > 32
    var size = 16
    while hashed && size < 2 * ranges.count { size *= 2 }
    var table = hashed ? [Int32](repeating: 0, count: size) : []
    let mask = size - 1
    for match in ranges.indices {
      var places = 0
      var first = -1
      for position in spans[match] where candidates[position].isPlace {
        if first < 0 { first = position }
        places += 1
      }
      guard places > 1 else { continue }
      guard hashed else {
        if let name = names.firstIndex(where: { sameCandidates($0, match) }) {
          nameOfMatch[match] = Int32(name)
        } else {
          names.append(match)
          nameOfMatch[match] = Int32(names.count - 1)
        }
        continue
      }
      var slot =
        Int(truncatingIfNeeded: (UInt64(candidates[first].entry) &* 0x9E37_79B9_7F4A_7C15) >> 40)
        & mask
      while table[slot] != 0 {
        let name = Int(table[slot]) - 1
        if sameCandidates(names[name], match) { break }
        slot = (slot + 1) & mask
      }
      if table[slot] == 0 {
        names.append(match)
        table[slot] = Int32(names.count)
      }
      nameOfMatch[match] = table[slot] - 1
    }
    self.names = names
    states = [NameState](repeating: NameState(), count: names.count)
    evidence = [Double](repeating: 0, count: candidates.count)
    remote = [Bool](repeating: false, count: candidates.count)
    var staticScores = [Double](repeating: 0, count: candidates.count)
    var facets = [Facet](repeating: Facet(), count: candidates.count)
    defer {
      self.staticScores = staticScores
      self.facets = facets
    }
    for first in names {
      for position in spans[first] where candidates[position].isPlace {
        let candidate = candidates[position]
        let facts = store.facts[candidate.entry]
        staticScores[position] = staticScore(of: candidate, designator: .none)
        var flags: Facet.Flags = []
        if facts.placeKind == .country { flags.insert(.country) }
        if facts.isSubdivision { flags.insert(.subdivision) }
        if PlaceRules.isStrong(facts) { flags.insert(.strong) }
        if isLooseAlias(candidate, facts) { flags.insert(.looseAlias) }
        let hasPoint =
          !facts.latitude.isNaN && !facts.longitude.isNaN && facts.placeKind != .country
        if hasPoint { flags.insert(.point) }
        facets[position] = Facet(
          slot: Int16(CountryNeighbours.slot(facts.countryCode)), flags: flags,
          admin1: admin1Key(facts),
          latitude: hasPoint ? facts.latitude : 0, longitude: hasPoint ? facts.longitude : 0)
      }
    }
  }

  /// What scoring reads of a candidate, copied once per document from its 40-byte facts
  /// in the 240,000-entry store (a likely cache miss each) into one small array.
  struct Facet {
    struct Flags: OptionSet {
      var rawValue: UInt8
      static let country = Flags(rawValue: 1)
      static let subdivision = Flags(rawValue: 2)
      static let strong = Flags(rawValue: 4)
      static let looseAlias = Flags(rawValue: 8)
      /// Has coordinates, and is no country (whose point is its capital).
      static let point = Flags(rawValue: 16)
    }
    var slot: Int16 = -1
    var flags: Flags = []
    var admin1: UInt32 = 0
    var latitude = 0.0
    var longitude = 0.0
  }

  /// Whether two matches have the same candidates, matched the same way.
  private func sameCandidates(_ a: Int, _ b: Int) -> Bool {
    let left = spans[a]
    let right = spans[b]
    guard left.count == right.count else { return false }
    for offset in 0..<left.count {
      let x = candidates[left.lowerBound + offset]
      let y = candidates[right.lowerBound + offset]
      if x.entry != y.entry || x.byAlias != y.byAlias || x.isPlace != y.isPlace { return false }
    }
    return true
  }

  /// The place candidates' positions of a name's first match.
  func positions(ofName name: Int) -> Range<Int> { spans[names[name]] }

  // MARK: - Choosing

  /// Whether only a GeoNames alternate name of a settlement matched: such aliases are
  /// spellings in other languages and old names ("Augusta" for Augsburg, "Boni" for Bonn).
  /// A country's, subdivision's or district's aliases are curated and count as its name.
  @inline(__always)
  func isLooseAlias(_ candidate: GazetteerCandidate, _ facts: EntryFacts) -> Bool {
    candidate.byAlias && facts.placeKind != .country && facts.placeKind != .district
      && !facts.isSubdivision
  }

  /// A candidate's score from what it is and the designator after the mention.
  @inline(__always)
  func staticScore(of candidate: GazetteerCandidate, designator: PlaceRules.Designator) -> Double {
    let facts = store.facts[candidate.entry]
    var score = isLooseAlias(candidate, facts) ? 0 : weights.name
    if facts.placeKind == .country { score += weights.country }
    if PlaceRules.isStrong(facts) { score += weights.strong }
    if facts.flags.contains(.capital) { score += weights.capital }
    let isSubdivision = facts.isSubdivision
    let isDistrict = facts.placeKind == .district
    // A place without a kind is taken for a settlement, as user gazetteers often give none.
    let isSettlement =
      facts.placeKind == .settlement || (facts.placeKind == .other && !isSubdivision)
    switch designator {
    case .subdivision: score += isSubdivision ? weights.designatedSubdivision : 0
    case .district:
      score +=
        isDistrict ? weights.designatedDistrict : isSettlement ? weights.designatedDistrictSeat : 0
    case .settlement: score += isSettlement ? weights.designatedSettlement : 0
    case .none: score += isSettlement ? weights.settlement : 0
    }
    if facts.population > 0 {
      // log10 from the binary length: the prior only needs orders of magnitude.
      let population = facts.population
      score +=
        Double(population.bitWidth - population.leadingZeroBitCount) * 0.30103
        * weights.populationPerDecade
    } else if isSubdivision || facts.placeKind == .area || isDistrict {
      score += weights.areaDecades * weights.populationPerDecade
    }
    return score + Double(facts.priority) * weights.priority
  }

  /// The best place candidate of a name (at `span`, its first match's positions) by its
  /// static score, qualifier bonus and, `withEvidence`, the document's evidence: an offset
  /// into the span, with its score and the runner-up's. Ties go to the higher priority, then
  /// population, then the first loaded.
  func best(ofName span: Range<Int>, withEvidence: Bool) -> (
    offset: Int, score: Double, runnerUp: Double
  ) {
    var bestPosition = -1
    var bestScore = -Double.infinity
    var runnerUp = -Double.infinity
    // Local copies: reading the class's arrays element by element checks exclusivity
    // each time.
    let staticScores = self.staticScores
    let evidence = self.evidence
    let nameBonus = self.nameBonus
    let qualifiers = !nameBonus.isEmpty
    for position in span where candidates[position].isPlace {
      var score = staticScores[position]
      if withEvidence { score += evidence[position] }
      if qualifiers { score += nameBonus[position] }
      if bestPosition < 0 || score > bestScore
        || (score == bestScore && isPreferred(position, over: bestPosition))
      {
        runnerUp = bestPosition < 0 ? runnerUp : bestScore
        bestPosition = position
        bestScore = score
      } else if score > runnerUp {
        runnerUp = score
      }
    }
    return (bestPosition - span.lowerBound, bestScore, runnerUp)
  }

  /// Whether candidate `a` wins a tie with `b`: higher priority, then population (none
  /// and 0 alike).
  func isPreferred(_ a: Int, over b: Int) -> Bool {
    let x = store.facts[candidates[a].entry]
    let y = store.facts[candidates[b].entry]
    return (x.priority, max(0, x.population)) > (y.priority, max(0, y.population))
  }

  /// The final choice for an ambiguous match, with its designator and qualifier.
  private func choose(_ match: Int) -> Choice {
    let span = spans[match]
    let first = positions(ofName: Int(nameOfMatch[match])).lowerBound
    let designator = rules.designator(after: ranges[match], in: document)
    let evidence = self.evidence
    let staticScores = self.staticScores
    let mentionBonus = self.mentionBonus
    let nameBonus = self.nameBonus
    func named(_ position: Int) -> Int { first + position - span.lowerBound }
    func qualifier(_ position: Int) -> Double {
      (mentionBonus.isEmpty ? 0 : mentionBonus[position])
        + (nameBonus.isEmpty ? 0 : nameBonus[named(position)])
    }
    var choice = (offset: -1, score: -Double.infinity, runnerUp: -Double.infinity)
    for position in span where candidates[position].isPlace {
      let baseScore =
        designator == .none
        ? staticScores[named(position)]
        : staticScore(of: candidates[position], designator: designator)
      let score = baseScore + evidence[named(position)] + qualifier(position)
      if choice.offset < 0 || score > choice.score
        || (score == choice.score && isPreferred(position, over: span.lowerBound + choice.offset))
      {
        choice.runnerUp = choice.offset < 0 ? choice.runnerUp : choice.score
        choice.offset = position - span.lowerBound
        choice.score = score
      } else if score > choice.runnerUp {
        choice.runnerUp = score
      }
    }
    let position = span.lowerBound + choice.offset
    let kind: PlaceResolutionKind
    let support = evidence[named(position)]
    var strongest = -Double.infinity
    for other in span where other != position && candidates[other].isPlace {
      strongest = max(strongest, evidence[named(other)])
    }
    // A designator the winner answers ("Quetta district") is a qualifier too.
    let designated =
      designator != .none
      && staticScore(of: candidates[position], designator: designator)
        > staticScores[named(position)]
    if qualifier(position) > 0 || designated {
      kind = .qualifier
    } else if remote[named(position)] && facets[named(position)].flags.contains(.looseAlias) {
      kind = .remoteAlias
    } else if strongest > support {
      kind = .contested
    } else if support > 0 {
      kind = .evidence
    } else {
      kind = choice.score - choice.runnerUp >= weights.tieMargin ? .prior : .tie
    }
    return Choice(
      position: position, kind: kind, cue: cue(at: position, ofName: named(position), match: match))
  }

  /// The qualifier's cue for the candidate at `position` of match `match` and `named`
  /// (the same candidate of the name's first mention). A qualifier elsewhere says nothing
  /// of a mention inside a longer capitalised name ("Fairmont State", after "Fairmont,
  /// West Virginia").
  func cue(at position: Int, ofName named: Int, match: Int) -> Double {
    if !mentionBonus.isEmpty && mentionBonus[position] > 0 { return weights.qualifiedPlace }
    guard !nameBonus.isEmpty && nameBonus[named] > 0 else { return 0 }
    let tokens = document.tokens
    let range = ranges[match]
    func isCapitalizedWord(_ index: Int) -> Bool {
      index >= 0 && index < tokens.count && tokens[index].kind == .word
        && tokens[index].shape.isCapitalized
        && !tokens[index].flags.contains(.lineStart)
    }
    if isCapitalizedWord(range.upperBound)
      || (range.lowerBound > 0 && isCapitalizedWord(range.lowerBound - 1)
        && !(range.lowerBound >= 2 && document.tokens[range.lowerBound - 2].kind == .punctuation))
    {
      return 0
    }
    return weights.qualifiedPlaceElsewhere
  }

  /// The certainty of a kind of resolution.
  func certainty(of kind: PlaceResolutionKind) -> Double {
    switch kind {
    case .unique: weights.certaintyUnique
    case .qualifier: weights.certaintyQualifier
    case .evidence: weights.certaintyEvidence
    case .prior: weights.certaintyPrior
    case .tie: weights.certaintyTie
    case .contested: weights.certaintyContested
    case .remoteAlias: weights.certaintyRemoteAlias
    }
  }
}
