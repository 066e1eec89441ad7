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
  /// A qualifier beside it (or beside another mention of the name) chose it.
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
/// The evidence comes from places that are not ambiguous, from qualified names, and from
/// the current choice of every other ambiguous name: resolution runs in rounds (at most
/// ``maximumRounds``), each name rescored against the others' choices of the round before,
/// until no choice changes. A name's own choice never counts as evidence for itself, and
/// all mentions of a name share its evidence ("one sense per discourse"); only the
/// designator and a qualifier differ from mention to mention.
struct PlaceResolver {
  /// The most rounds of rescoring.
  static let maximumRounds = 3
  /// The most anchors (places with coordinates) distances are measured to.
  static let maximumAnchors = 16

  /// The choice for one match.
  struct Choice {
    /// The position in `candidates` of the chosen place, or -1 for none.
    var position: Int
    /// How it was chosen.
    var kind: PlaceResolutionKind
    /// A qualifier beside this mention contains the place.
    var isQualified = false
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
  /// Per name: the position of its current choice in its first match's span, or -1.
  var winners: [Int] = []
  /// Per name: what its current choice adds to the profile.
  var contributions: [Contribution] = []
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
    store: GazetteerStore, tables: PlaceResolutionTables, rules: PlaceRules, document: TokenizedText,
    shared: SharedGazetteerMatches, ranges: [Range<Int>], spans: [Range<Int>], sharedIndices: [Int32],
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
  mutating func resolve(placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?) -> [Choice] {
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
    for match in ranges.indices where choices[match].position >= 0 {
      applyQualifiers(of: match)
    }
    gatherSeeds(&choices, placeness: placeness)
    runRounds(placeness: placeness)
    for match in ranges.indices where choices[match].position >= 0 {
      if nameOfMatch[match] >= 0 {
        choices[match] = choose(match)
      } else if !mentionBonus.isEmpty && mentionBonus[choices[match].position] > 0 {
        choices[match].isQualified = true
      }
    }
    return choices
  }

  // MARK: - Names

  /// Gives every match with two or more place candidates a name: matches whose place
  /// candidates are the same entries, matched the same way, share one.
  private mutating func nameMatches() {
    nameOfMatch = [Int32](repeating: -1, count: ranges.count)
    var size = 16
    while size < 2 * ranges.count { size *= 2 }
    var table = [Int32](repeating: 0, count: size)
    let mask = table.count - 1
    for match in ranges.indices {
      var places = 0
      var first = -1
      for position in spans[match] where candidates[position].isPlace {
        if first < 0 { first = position }
        places += 1
      }
      guard places > 1 else { continue }
      var slot = Int(truncatingIfNeeded: (UInt64(candidates[first].entry) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
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
    winners = [Int](repeating: -1, count: names.count)
    evidence = [Double](repeating: 0, count: candidates.count)
    remote = [Bool](repeating: false, count: candidates.count)
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
  private func positions(ofName name: Int) -> Range<Int> { spans[names[name]] }

  // MARK: - Evidence

  /// The document's evidence: how much support each country and admin1 has, and the
  /// anchors that distances are measured to. A place that is not ambiguous, a country or
  /// nationality named, and a qualified name's choice each support with weight 1 (seeds
  /// once per entry); an ambiguous name's current choice with the weight `guess`, and it
  /// is moved when the choice changes.
  struct Profile {
    /// Per country slot: support from places in it (not countries or nationalities).
    var places = [Float](repeating: 0, count: CountryNeighbours.slotCount)
    /// Per country slot: support from places, countries named and nationalities.
    var support = [Float](repeating: 0, count: CountryNeighbours.slotCount)
    /// Per country slot: support from its subdivisions.
    var subdivisions = [Float](repeating: 0, count: CountryNeighbours.slotCount)
    /// Support from places of all countries.
    var placeTotal: Float = 0
    /// Support of all kinds, in all countries.
    var supportTotal: Float = 0
    /// Support from countries named.
    var countries: Float = 0
    /// Per admin1 key: support from places in it.
    var admin1s = DocumentCounts(capacity: 0)
    /// Places with coordinates: latitude, longitude, cosine of latitude, support, owning
    /// name (-1 for seeds).
    var anchors: [(latitude: Double, longitude: Double, cosine: Double, weight: Float, owner: Int)] = []
  }

  /// What one entry adds to the profile.
  struct Contribution {
    var slot = -1
    var isPlace = false
    var isSubdivision = false
    var isCountry = false
    var admin1: UInt32 = 0
    var amount: Float = 0
  }

  /// Counts the non-ambiguous places (those that are reported), the countries and the
  /// nationalities of the document, and notes the place matches' qualifiers and
  /// placeness in `choices`.
  private mutating func gatherSeeds(
    _ choices: inout [Choice], placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?
  ) {
    // Each name adds at most one new key per round (and one before the first).
    profile.admin1s = DocumentCounts(capacity: ranges.count + names.count * (Self.maximumRounds + 1))
    var counted: [Int] = []
    for match in ranges.indices where nameOfMatch[match] < 0 && choices[match].position >= 0 {
      let position = choices[match].position
      let qualified = !mentionBonus.isEmpty && mentionBonus[position] > 0
      let confidence = placeness(match, position, qualified) ?? -1
      choices[match].isQualified = qualified
      choices[match].placeness = confidence
      let entry = candidates[position].entry
      if confidence >= 0.5 && !counted.contains(entry) {
        counted.append(entry)
        _ = contribute(entry, owner: -1, amount: 1)
      }
    }
    if let nationality = tables.nationalityLabel {
      for position in shared.entries.indices where store.labelIndices[shared.entries[position]] == nationality {
        let entry = shared.entries[position]
        if !counted.contains(entry) {
          counted.append(entry)
          _ = contribute(entry, owner: -1, amount: 1)
        }
      }
    }
  }

  /// What `entry` adds to the profile with weight `amount`.
  @inline(__always)
  private func contribution(of entry: Int, amount: Float) -> Contribution {
    let facts = store.facts[entry]
    let isPlace = facts.placeKind != .country && store.labelIndices[entry] != tables.nationalityLabel
    return Contribution(
      slot: CountryNeighbours.slot(facts.countryCode), isPlace: isPlace,
      isSubdivision: isPlace && facts.isSubdivision, isCountry: facts.placeKind == .country,
      admin1: isPlace ? admin1Key(facts) : 0, amount: amount)
  }

  /// Adds the support of `entry`, chosen by name `owner` (-1 for a seed), with weight
  /// `amount` (negative to take it away again); returns what was added.
  private mutating func contribute(_ entry: Int, owner: Int, amount: Float) -> Contribution {
    let added = contribution(of: entry, amount: amount)
    if added.slot >= 0 {
      profile.support[added.slot] += amount
      profile.supportTotal += amount
      if added.isPlace {
        profile.places[added.slot] += amount
        profile.placeTotal += amount
      }
      if added.isSubdivision { profile.subdivisions[added.slot] += amount }
      if added.isCountry { profile.countries += amount }
    }
    guard added.isPlace else { return added }
    profile.admin1s.add(added.admin1, count: amount)
    let facts = store.facts[entry]
    if amount < 0 {
      if let index = profile.anchors.firstIndex(where: { $0.owner == owner }) {
        profile.anchors.remove(at: index)
      }
    } else if !facts.latitude.isNaN && !facts.longitude.isNaN && profile.anchors.count < Self.maximumAnchors {
      profile.anchors.append(
        (facts.latitude, facts.longitude, PlaceDistance.cosine(ofLatitude: facts.latitude), amount, owner))
    }
    return added
  }

  /// Sets the choice of `name` to the candidate at `offset` of its span, supporting the
  /// others with weight `amount`, and moves its support in the profile.
  private mutating func choose(_ offset: Int, forName name: Int, amount: Float) {
    let old = winners[name]
    guard offset != old || amount != contributions[name].amount else { return }
    let first = positions(ofName: name).lowerBound
    if old >= 0 && contributions[name].amount != 0 {
      _ = contribute(candidates[first + old].entry, owner: name, amount: -contributions[name].amount)
    }
    winners[name] = offset
    contributions[name] = Contribution()
    if offset >= 0 && amount != 0 {
      contributions[name] = contribute(candidates[first + offset].entry, owner: name, amount: amount)
    }
  }

  /// Rescores each name in turn against the current choices of the others, so that a
  /// choice made early in a round is evidence for the names after it, until a round
  /// changes nothing. Names go in order of their lead by size and qualifiers alone: the
  /// clearest choices first.
  private mutating func runRounds(placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?) {
    contributions = [Contribution](repeating: Contribution(), count: names.count)
    var order: [(lead: Double, name: Int)] = []
    order.reserveCapacity(names.count)
    for name in names.indices {
      let span = positions(ofName: name)
      let qualified = !nameBonus.isEmpty && span.contains(where: { nameBonus[$0] > 0 })
      let choice = best(in: span, designator: .none) { nameBonus.isEmpty ? 0 : nameBonus[$0] }
      // Qualified names choose first: their choice is evidence from the first round on.
      if qualified {
        let supports = (placeness(names[name], span.lowerBound + choice.offset, true) ?? -1) >= 0.5
        choose(choice.offset, forName: name, amount: supports ? 1 : 0)
      }
      order.append((choice.score - choice.runnerUp, name))
    }
    order.sort { $0.lead > $1.lead }
    for _ in 1...Self.maximumRounds {
      var changed = false
      for (_, name) in order {
        let span = positions(ofName: name)
        score(name: name, span: span)
        let choice = best(in: span, designator: .none) { evidence[$0] + (nameBonus.isEmpty ? 0 : nameBonus[$0]) }
        let position = span.lowerBound + choice.offset
        let qualified = !nameBonus.isEmpty && nameBonus[position] > 0
        // A choice supports the others as much as its lead makes it likely, and not at
        // all when the name would not be reported as this place.
        var amount = qualified ? 1 : Float(min(1, weights.guess + weights.guessPerLead * (choice.score - choice.runnerUp)))
        if (placeness(names[name], position, qualified) ?? -1) < 0.5 { amount = 0 }
        if choice.offset != winners[name] { changed = true }
        choose(choice.offset, forName: name, amount: amount)
      }
      if !changed { break }
    }
    // The evidence for the final choices, against the profile they settled in.
    for name in names.indices {
      score(name: name, span: positions(ofName: name))
    }
  }

  /// Sets `evidence` and `remote` for the candidates of `name` (at `span`, its first
  /// match's positions), leaving out the name's own current choice.
  private mutating func score(name: Int, span: Range<Int>) {
    let own = contributions[name]
    let otherPlaces = Double(profile.placeTotal - (own.isPlace && own.slot >= 0 ? own.amount : 0))
    // Country evidence is weighed by the country's share of the document's support: a
    // story that names six countries says less about each than one that names one.
    let otherSupport = Double(profile.supportTotal - (own.slot >= 0 ? own.amount : 0))
    let profile = self.profile
    profile.support.withUnsafeBufferPointer { support in
      for position in span where candidates[position].isPlace {
        let facts = store.facts[candidates[position].entry]
        var total = 0.0
        var isRemote = false
        let slot = CountryNeighbours.slot(facts.countryCode)
        let hasPoint = facts.placeKind != .country && !facts.latitude.isNaN && !facts.longitude.isNaN
        // Near another place of the document: then it is not remote, whatever its country.
        let near = hasPoint ? proximity(of: facts, to: profile, excludingOwner: name) : 0
        total += near
        if facts.placeKind == .country {
          // Other countries named: "Albania, Croatia, Georgia and Ukraine".
          let peers = Double(profile.countries - (own.isCountry ? own.amount : 0))
          total += weights.documentPeer * min(1, max(0, peers))
        }
        if slot >= 0 {
          let mine = slot == own.slot ? own.amount : 0
          let places = Double(profile.places[slot] - (own.isPlace ? mine : 0))
          let named = Double(support[slot] - mine)
          if named > 0.001 {
            let share = min(1, named / max(otherSupport, 0.001))
            total += share * max(weights.documentCountry * min(1, places), weights.documentCountryMention * min(1, named))
            total += share * weights.documentCountryMore * min(1, max(0, named - 1))
            if facts.isSubdivision {
              // Other subdivisions of the same country: "Florida, Georgia and South Carolina".
              let peers = Double(profile.subdivisions[slot] - (own.isSubdivision ? mine : 0))
              total += share * weights.documentPeer * min(1, max(0, peers))
            }
          } else {
            let around = Double(
              tables.neighbours.support(ofNeighboursOf: slot, in: support, excluding: own.slot, amount: own.amount))
            if around > 0.001 {
              total += weights.neighbour * min(1, around / max(otherSupport, 0.001))
            } else if otherPlaces > 0.001 && near == 0 {
              // A large place far from the others is ordinary world news; a village is not.
              let penalty =
                (facts.placeKind == .country ? 0 : PlaceRules.isStrong(facts) ? weights.remoteStrong : weights.remote)
                + (isLooseAlias(candidates[position], facts) ? weights.remoteAlias : 0)
              total += penalty * min(1, otherPlaces)
              isRemote = true
            }
          }
        }
        if facts.admin1Hash != 0 {
          let key = admin1Key(facts)
          let count = Double(profile.admin1s.count(key) - (key == own.admin1 ? own.amount : 0))
          total += weights.documentAdmin1 * min(1, max(0, count))
          total += weights.documentAdmin1More * min(1, max(0, count - 1))
        }
        evidence[position] = total
        remote[position] = isRemote
      }
    }
  }

  /// The distance band's weight for the anchors not owned by `owner`, each band weighted
  /// by its anchor's support: the largest such product.
  private func proximity(of facts: EntryFacts, to profile: Profile, excludingOwner owner: Int) -> Double {
    var bestWeight = 0.0
    for anchor in profile.anchors where anchor.owner != owner {
      let distance = PlaceDistance.squaredKilometres(
        fromLatitude: anchor.latitude, longitude: anchor.longitude, cosine: anchor.cosine,
        toLatitude: facts.latitude, longitude: facts.longitude)
      // Zero: the anchor is the candidate itself (a place named twice in different ways).
      guard distance > 0 else { continue }
      let band =
        distance <= 100 * 100 ? weights.within100km
        : distance <= 500 * 500 ? weights.within500km
        : distance <= 1500 * 1500 ? weights.within1500km : 0
      bestWeight = max(bestWeight, band * Double(anchor.weight))
    }
    return bestWeight
  }

  // MARK: - Choosing

  /// Whether only a GeoNames alternate name of a settlement matched: such aliases are
  /// spellings in other languages and old names ("Augusta" for Augsburg, "Boni" for Bonn).
  /// A country's, subdivision's or district's aliases are curated and count as its name.
  @inline(__always)
  func isLooseAlias(_ candidate: GazetteerCandidate, _ facts: EntryFacts) -> Bool {
    candidate.byAlias && facts.placeKind != .country && facts.placeKind != .district && !facts.isSubdivision
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
    let isSettlement = facts.placeKind == .settlement || (facts.placeKind == .other && !isSubdivision)
    switch designator {
    case .subdivision: score += isSubdivision ? weights.designatedSubdivision : 0
    case .district:
      score += isDistrict ? weights.designatedDistrict : isSettlement ? weights.designatedDistrictSeat : 0
    case .settlement: score += isSettlement ? weights.designatedSettlement : 0
    case .none: score += isSettlement ? weights.settlement : 0
    }
    if facts.population > 0 {
      // log10 from the binary length: the prior only needs orders of magnitude.
      let population = facts.population
      score += Double(population.bitWidth - population.leadingZeroBitCount) * 0.30103 * weights.populationPerDecade
    } else if isSubdivision || facts.placeKind == .area {
      score += weights.areaDecades * weights.populationPerDecade
    }
    return score + Double(facts.priority) * weights.priority
  }

  /// The best place candidate at `span` by static score plus `bonus`, as an offset into
  /// the span, with its score and the runner-up's. Ties go to the higher priority, then
  /// population, then the first loaded.
  private func best(
    in span: Range<Int>, designator: PlaceRules.Designator, bonus: (Int) -> Double
  ) -> (offset: Int, score: Double, runnerUp: Double) {
    var bestOffset = -1
    var bestScore = -Double.infinity
    var runnerUp = -Double.infinity
    var bestKey: (Int32, Int64) = (0, 0)
    for position in span where candidates[position].isPlace {
      let score = staticScore(of: candidates[position], designator: designator) + bonus(position)
      let facts = store.facts[candidates[position].entry]
      let key = (facts.priority, facts.population)
      if bestOffset < 0 || score > bestScore || (score == bestScore && key > bestKey) {
        runnerUp = bestOffset < 0 ? runnerUp : bestScore
        bestOffset = position - span.lowerBound
        bestScore = score
        bestKey = key
      } else if score > runnerUp {
        runnerUp = score
      }
    }
    return (bestOffset, bestScore, runnerUp)
  }

  /// The final choice for an ambiguous match, with its designator and qualifier.
  private func choose(_ match: Int) -> Choice {
    let span = spans[match]
    let first = positions(ofName: Int(nameOfMatch[match])).lowerBound
    let designator = rules.designator(after: ranges[match], in: document)
    func named(_ position: Int) -> Int { first + position - span.lowerBound }
    func qualifier(_ position: Int) -> Double {
      (mentionBonus.isEmpty ? 0 : mentionBonus[position]) + (nameBonus.isEmpty ? 0 : nameBonus[named(position)])
    }
    let choice = best(in: span, designator: designator) { evidence[named($0)] + qualifier($0) }
    let position = span.lowerBound + choice.offset
    let kind: PlaceResolutionKind
    let support = evidence[named(position)]
    var strongest = -Double.infinity
    for other in span where other != position && candidates[other].isPlace {
      strongest = max(strongest, evidence[named(other)])
    }
    if qualifier(position) > 0 {
      kind = .qualifier
    } else if remote[named(position)] && isLooseAlias(candidates[position], store.facts[candidates[position].entry]) {
      kind = .remoteAlias
    } else if strongest > support {
      kind = .contested
    } else if support > 0 {
      kind = .evidence
    } else {
      kind = choice.score - choice.runnerUp >= weights.tieMargin ? .prior : .tie
    }
    return Choice(
      position: position, kind: kind, isQualified: !mentionBonus.isEmpty && mentionBonus[position] > 0)
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
