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
  /// Per name: not a place even as its likeliest reading, so left out of the rounds.
  var unplaced: [Bool] = []
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
  func resolve(placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?) -> [Choice] {
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
      if name >= 0 && unplaced[name] {
        // Its likeliest reading, not rescored: the mention is most likely no place at all.
        choices[match].position = spans[match].lowerBound + winners[name]
        choices[match].kind = .prior
      } else if name >= 0 {
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
  private func nameMatches() {
    var nameOfMatch = [Int32](repeating: -1, count: ranges.count)
    var names: [Int] = []
    defer {
      self.nameOfMatch = nameOfMatch
      self.names = names
    }
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
    self.names = names
    winners = [Int](repeating: -1, count: names.count)
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
        let hasPoint = !facts.latitude.isNaN && !facts.longitude.isNaN && facts.placeKind != .country
        if hasPoint { flags.insert(.point) }
        facets[position] = Facet(
          slot: Int16(CountryNeighbours.slot(facts.countryCode)), flags: flags, admin1: admin1Key(facts),
          latitude: hasPoint ? facts.latitude : 0, longitude: hasPoint ? facts.longitude : 0)
      }
    }
  }

  /// What scoring reads of a candidate, copied once per document from its 48-byte facts
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
  private func positions(ofName name: Int) -> Range<Int> { spans[names[name]] }

  // MARK: - Evidence

  /// The document's evidence: how much support each country and admin1 has, and the
  /// anchors that distances are measured to. A place that is not ambiguous, a country or
  /// nationality named, and a qualified name's choice each support with weight 1 (seeds
  /// once per entry); an ambiguous name's current choice with the weight `guess`, and it
  /// is moved when the choice changes.
  struct Profile {
    /// Per country: support from its places, itself and its nationality, its subdivisions.
    var countryCounts = CountryCounts(capacity: 0)
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
  private func gatherSeeds(
    _ choices: inout [Choice], placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?
  ) {
    // Each name adds at most one new key per round (and one before the first).
    profile.admin1s = DocumentCounts(capacity: ranges.count + names.count * (Self.maximumRounds + 1))
    profile.countryCounts = CountryCounts(capacity: ranges.count + names.count * (Self.maximumRounds + 1))
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
  private func contribute(_ entry: Int, owner: Int, amount: Float) -> Contribution {
    let added = contribution(of: entry, amount: amount)
    if added.slot >= 0 {
      profile.countryCounts.add(
        added.slot, places: added.isPlace ? amount : 0, support: amount,
        subdivisions: added.isSubdivision ? amount : 0)
      profile.supportTotal += amount
      if added.isPlace { profile.placeTotal += amount }
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
  /// others with weight `amount`, and moves its support in the profile; returns whether
  /// the profile changed.
  @discardableResult
  private func choose(_ offset: Int, forName name: Int, amount: Float) -> Bool {
    let old = winners[name]
    guard offset != old || amount != contributions[name].amount else { return false }
    let first = positions(ofName: name).lowerBound
    if old >= 0 && contributions[name].amount != 0 {
      _ = contribute(candidates[first + old].entry, owner: name, amount: -contributions[name].amount)
    }
    winners[name] = offset
    contributions[name] = Contribution()
    if offset >= 0 && amount != 0 {
      contributions[name] = contribute(candidates[first + offset].entry, owner: name, amount: amount)
    }
    return true
  }

  /// Rescores each name in turn against the current choices of the others, so that a
  /// choice made early in a round is evidence for the names after it, until a round
  /// changes nothing. Names go in order of their lead by size and qualifiers alone: the
  /// clearest choices first.
  private func runRounds(placeness: (_ match: Int, _ position: Int, _ qualified: Bool) -> Double?) {
    contributions = [Contribution](repeating: Contribution(), count: names.count)
    unplaced = [Bool](repeating: false, count: names.count)
    let qualifiers = !nameBonus.isEmpty
    // Per name: whether its current choice is reported as a place (so supports others).
    var reported = [Bool](repeating: false, count: names.count)
    var order: [(lead: Double, name: Int)] = []
    order.reserveCapacity(names.count)
    // Per name: its choice by size and qualifiers alone, whose placeness `reported` holds.
    var firstChoices = [Int](repeating: -1, count: names.count)
    for name in names.indices {
      let span = positions(ofName: name)
      let choice = best(ofName: span, withEvidence: false)
      firstChoices[name] = choice.offset
      let position = span.lowerBound + choice.offset
      let qualified = qualifiers && span.contains(where: { nameBonus[$0] > 0 })
      reported[name] = (placeness(names[name], position, qualifiers && nameBonus[position] > 0) ?? -1) >= 0.5
      if qualified {
        // Qualified names choose first: their choice is evidence from the first round on.
        choose(choice.offset, forName: name, amount: reported[name] ? 1 : 0)
      } else if !reported[name] {
        // Not a place in this text even as its likeliest reading ("Bush", "Rice"): the
        // document's places cannot make it one, so it is not rescored.
        winners[name] = choice.offset
        unplaced[name] = true
        continue
      }
      order.append((choice.score - choice.runnerUp, name))
    }
    // Nothing else to go by: no evidence can arise.
    if order.count <= 1 && profile.supportTotal == 0 && profile.placeTotal == 0 && !qualifiers {
      for (_, name) in order { winners[name] = best(ofName: positions(ofName: name), withEvidence: false).offset }
      return
    }
    order.sort { $0.lead > $1.lead }
    for _ in 1...Self.maximumRounds {
      var changed = false
      for (_, name) in order {
        let span = positions(ofName: name)
        score(name: name, span: span)
        let choice = best(ofName: span, withEvidence: true)
        let position = span.lowerBound + choice.offset
        let qualified = qualifiers && nameBonus[position] > 0
        if choice.offset != winners[name] {
          changed = true
          if choice.offset != firstChoices[name] {
            reported[name] = (placeness(names[name], position, qualified) ?? -1) >= 0.5
          }
        }
        // A choice supports the others as much as its lead makes it likely, and not at
        // all when the name would not be reported as this place.
        let lead = choice.score - choice.runnerUp
        let amount = !reported[name] ? 0 : qualified ? 1 : Float(min(1, weights.guess + weights.guessPerLead * lead))
        choose(choice.offset, forName: name, amount: amount)
      }
      if !changed { break }
    }
    // Each name keeps the evidence of its last scoring: a later name's support may have
    // moved a little since (its lead changed), never its choice.
  }

  /// How many of a name's best candidates (by static score and the cheaper evidence) are
  /// measured against the anchors: distance can decide between those, not rescue others.
  static let measuredCandidates = 4

  /// Sets `evidence` and `remote` for the candidates of `name` (at `span`, its first
  /// match's positions), leaving out the name's own current choice.
  ///
  /// Country, admin1 and neighbour evidence is summed for every candidate; the distance to
  /// the anchors only for the ``measuredCandidates`` best, and a candidate far from every
  /// other place of the document, in a country it does not name nor borders, is `remote`.
  private func score(name: Int, span: Range<Int>) {
    let own = contributions[name]
    let otherPlaces = Double(profile.placeTotal - (own.isPlace && own.slot >= 0 ? own.amount : 0))
    // Country evidence is weighed by the country's share of the document's support: a
    // story that names six countries says less about each than one that names one.
    let otherSupport = Double(profile.supportTotal - (own.slot >= 0 ? own.amount : 0))
    let measuring = !profile.anchors.isEmpty
    // The arrays are moved into locals for the loop (and back at the end): element
    // accesses to a class's arrays check exclusivity one by one.
    let profile = self.profile
    let facets = self.facets
    let staticScores = self.staticScores
    let nameBonus = self.nameBonus
    let qualifiers = !nameBonus.isEmpty
    var evidence: [Double] = []
    var remote: [Bool] = []
    var top: [(score: Double, position: Int)] = []
    swap(&evidence, &self.evidence)
    swap(&remote, &self.remote)
    swap(&top, &self.top)
    defer {
      swap(&evidence, &self.evidence)
      swap(&remote, &self.remote)
      swap(&top, &self.top)
    }
    top.removeAll(keepingCapacity: true)
    // Unsafe buffers for the loop: array element writes check uniqueness one by one.
    // Invariant: every position of `span` is within each buffer (all are
    // `candidates.count` long).
    evidence.withUnsafeMutableBufferPointer { evidence in
      remote.withUnsafeMutableBufferPointer { remote in
        facets.withUnsafeBufferPointer { facets in
          do {
            for position in span where candidates[position].isPlace {
              let (total, isRemote) = cheapEvidence(
                facets[position], own: own, profile: profile, otherPlaces: otherPlaces, otherSupport: otherSupport)
              evidence[position] = total
              remote[position] = isRemote
              // Keep the best few for the distances.
              guard measuring && facets[position].flags.contains(.point) else { continue }
              let rank = staticScores[position] + total + (qualifiers ? nameBonus[position] : 0)
              if top.count < Self.measuredCandidates || rank > top[top.count - 1].score {
                // Insertion into a short sorted list, by swaps (no `insert(_:at:)`).
                top.append((rank, position))
                var index = top.count - 1
                while index > 0 && top[index - 1].score < rank {
                  top.swapAt(index - 1, index)
                  index -= 1
                }
                if top.count > Self.measuredCandidates { top.removeLast() }
              }
            }
          }
        }
      }
    }
    for (_, position) in top {
      let facet = facets[position]
      let near = proximity(latitude: facet.latitude, longitude: facet.longitude, to: profile, excludingOwner: name)
      guard near > 0 else { continue }
      evidence[position] += near
      // Near another place of the document: not remote, whatever its country.
      if remote[position] {
        evidence[position] -= remotePenalty(facet) * min(1, otherPlaces)
        remote[position] = false
      }
    }
  }

  /// The evidence of one candidate without the distances, and whether it is remote.
  @inline(__always)
  private func cheapEvidence(
    _ facet: Facet, own: Contribution, profile: Profile, otherPlaces: Double, otherSupport: Double
  ) -> (Double, Bool) {
    var total = 0.0
    var isRemote = false
    if facet.flags.contains(.country) {
      // Other countries named: "Albania, Croatia, Georgia and Ukraine".
      let peers = Double(profile.countries - (own.isCountry ? own.amount : 0))
      total += weights.documentPeer * min(1, max(0, peers))
    }
    let slot = Int(facet.slot)
    if slot >= 0 {
      let mine = slot == own.slot ? own.amount : 0
      let counts = profile.countryCounts[slot]
      let named = Double(counts.support - mine)
      if named > 0.001 {
        let places = Double(counts.places - (own.isPlace ? mine : 0))
        let share = min(1, named / max(otherSupport, 0.001))
        total += share * max(weights.documentCountry * min(1, places), weights.documentCountryMention * min(1, named))
        total += share * weights.documentCountryMore * min(1, max(0, named - 1))
        if facet.flags.contains(.subdivision) {
          // Other subdivisions of the same country: "Florida, Georgia and South Carolina".
          let peers = Double(counts.subdivisions - (own.isSubdivision ? mine : 0))
          total += share * weights.documentPeer * min(1, max(0, peers))
        }
      } else {
        let around = Double(
          tables.neighbours.support(
            ofNeighboursOf: slot, in: profile.countryCounts, excluding: own.slot, amount: own.amount))
        if around > 0.001 {
          total += weights.neighbour * min(1, around / max(otherSupport, 0.001))
        } else if otherPlaces > 0.001 && !facet.flags.contains(.country) {
          isRemote = true
        }
      }
    }
    if facet.admin1 != 0 {
      let count = Double(profile.admin1s.count(facet.admin1) - (facet.admin1 == own.admin1 ? own.amount : 0))
      total += weights.documentAdmin1 * min(1, max(0, count))
      total += weights.documentAdmin1More * min(1, max(0, count - 1))
    }
    if isRemote { total += remotePenalty(facet) * min(1, otherPlaces) }
    return (total, isRemote)
  }

  /// The penalty of a remote candidate: large places far from the others are ordinary
  /// world news, villages are not, and a GeoNames alias there is likely a false friend.
  @inline(__always)
  private func remotePenalty(_ facet: Facet) -> Double {
    (facet.flags.contains(.strong) ? weights.remoteStrong : weights.remote)
      + (facet.flags.contains(.looseAlias) ? weights.remoteAlias : 0)
  }

  /// The distance band's weight for the anchors not owned by `owner`, each band weighted
  /// by its anchor's support: the largest such product.
  private func proximity(
    latitude: Double, longitude: Double, to profile: Profile, excludingOwner owner: Int
  ) -> Double {
    var bestWeight = 0.0
    for anchor in profile.anchors where anchor.owner != owner {
      let distance = PlaceDistance.squaredKilometres(
        fromLatitude: anchor.latitude, longitude: anchor.longitude, cosine: anchor.cosine,
        toLatitude: latitude, longitude: longitude)
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

  /// The best place candidate of a name (at `span`, its first match's positions) by its
  /// static score, qualifier bonus and, `withEvidence`, the document's evidence: an offset
  /// into the span, with its score and the runner-up's. Ties go to the higher priority, then
  /// population, then the first loaded.
  private func best(ofName span: Range<Int>, withEvidence: Bool) -> (offset: Int, score: Double, runnerUp: Double) {
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
      if bestPosition < 0 || score > bestScore || (score == bestScore && isPreferred(position, over: bestPosition)) {
        runnerUp = bestPosition < 0 ? runnerUp : bestScore
        bestPosition = position
        bestScore = score
      } else if score > runnerUp {
        runnerUp = score
      }
    }
    return (bestPosition - span.lowerBound, bestScore, runnerUp)
  }

  /// Whether candidate `a` wins a tie with `b`: higher priority, then population.
  private func isPreferred(_ a: Int, over b: Int) -> Bool {
    let x = store.facts[candidates[a].entry]
    let y = store.facts[candidates[b].entry]
    return (x.priority, x.population) > (y.priority, y.population)
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
      (mentionBonus.isEmpty ? 0 : mentionBonus[position]) + (nameBonus.isEmpty ? 0 : nameBonus[named(position)])
    }
    var choice = (offset: -1, score: -Double.infinity, runnerUp: -Double.infinity)
    for position in span where candidates[position].isPlace {
      let static_ =
        designator == .none
        ? staticScores[named(position)] : staticScore(of: candidates[position], designator: designator)
      let score = static_ + evidence[named(position)] + qualifier(position)
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
    if qualifier(position) > 0 {
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
