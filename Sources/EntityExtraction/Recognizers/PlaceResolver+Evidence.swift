/// The document's evidence and the rounds of rescoring (see ``PlaceResolver``).
extension PlaceResolver {

  /// The document's evidence: how much support each country and admin1 has, and the
  /// anchors that distances are measured to. A place that is not ambiguous, a country or
  /// nationality named, and a qualified name's choice each support with weight 1 (seeds
  /// once per entry); an ambiguous name's current choice with the weight `guess`, and it
  /// is moved when the choice changes.
  struct Profile {
    /// Per country: support from its places, itself and its nationality, its subdivisions.
    var countryCounts = CountryCounts()
    /// Support from places of all countries.
    var placeTotal: Float = 0
    /// Support of all kinds, in all countries.
    var supportTotal: Float = 0
    /// Support from countries named.
    var countries: Float = 0
    /// Per admin1 key: support from places in it.
    var admin1s = DocumentCounts()
    /// Places with coordinates: latitude, longitude, cosine of latitude, support, owning
    /// name (-1 for seeds).
    var anchors:
      [(latitude: Double, longitude: Double, cosine: Double, weight: Float, owner: Int)] = []
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
  func gatherSeeds(
    _ choices: inout [Choice], placeness: (_ match: Int, _ position: Int, _ cue: Double) -> Double?
  ) {
    // Each name adds at most one new key per round (and one before the first).
    profile.admin1s = DocumentCounts(
      capacity: ranges.count + names.count * (Self.maximumRounds + 1))
    profile.countryCounts = CountryCounts(
      capacity: ranges.count + names.count * (Self.maximumRounds + 1))
    var counted: [Int] = []
    for match in ranges.indices where nameOfMatch[match] < 0 && choices[match].position >= 0 {
      let position = choices[match].position
      let qualified = !mentionBonus.isEmpty && mentionBonus[position] > 0
      let confidence = placeness(match, position, qualified ? weights.qualifiedPlace : 0) ?? -1
      choices[match].cue = qualified ? weights.qualifiedPlace : 0
      choices[match].placeness = confidence
      let entry = candidates[position].entry
      if confidence >= 0.5 && !counted.contains(entry) {
        counted.append(entry)
        _ = contribute(entry, owner: -1, amount: 1)
      }
    }
    if let nationality = tables.nationalityLabel {
      for position in shared.entries.indices
      where store.labelIndices[shared.entries[position]] == nationality {
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
  func contribution(of entry: Int, amount: Float) -> Contribution {
    let facts = store.facts[entry]
    let isPlace =
      facts.placeKind != .country && store.labelIndices[entry] != tables.nationalityLabel
    return Contribution(
      slot: CountryNeighbours.slot(facts.countryCode), isPlace: isPlace,
      isSubdivision: isPlace && facts.isSubdivision, isCountry: facts.placeKind == .country,
      admin1: isPlace ? admin1Key(facts) : 0, amount: amount)
  }

  /// Adds the support of `entry`, chosen by name `owner` (-1 for a seed), with weight
  /// `amount` (negative to take it away again); returns what was added.
  func contribute(_ entry: Int, owner: Int, amount: Float) -> Contribution {
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
    } else if !facts.latitude.isNaN && !facts.longitude.isNaN
      && profile.anchors.count < Self.maximumAnchors
    {
      profile.anchors.append(
        (
          facts.latitude, facts.longitude, PlaceDistance.cosine(ofLatitude: facts.latitude), amount,
          owner
        ))
    }
    return added
  }

  /// Sets the choice of `name` to the candidate at `offset` of its span, supporting the
  /// others with weight `amount`, and moves its support in the profile; returns whether
  /// the profile changed.
  @discardableResult
  func choose(_ offset: Int, forName name: Int, amount: Float) -> Bool {
    let old = states[name].winner
    guard offset != old || amount != states[name].contribution.amount else { return false }
    let first = positions(ofName: name).lowerBound
    if old >= 0 && states[name].contribution.amount != 0 {
      _ = contribute(
        candidates[first + old].entry, owner: name, amount: -states[name].contribution.amount)
    }
    states[name].winner = offset
    states[name].contribution = Contribution()
    if offset >= 0 && amount != 0 {
      states[name].contribution = contribute(
        candidates[first + offset].entry, owner: name, amount: amount)
    }
    return true
  }

  /// Rescores each name in turn against the current choices of the others, so that a
  /// choice made early in a round is evidence for the names after it, until a round
  /// changes nothing. Names go in order of their lead by size and qualifiers alone: the
  /// clearest choices first.
  func runRounds(placeness: (_ match: Int, _ position: Int, _ cue: Double) -> Double?) {
    let qualifiers = !nameBonus.isEmpty
    var order: [(lead: Double, name: Int)] = []
    order.reserveCapacity(names.count)
    for name in names.indices {
      let span = positions(ofName: name)
      let choice = best(ofName: span, withEvidence: false)
      states[name].firstChoice = choice.offset
      let position = span.lowerBound + choice.offset
      let qualified = qualifiers && span.contains(where: { nameBonus[$0] > 0 })
      states[name].reported =
        (placeness(names[name], position, cue(at: position, ofName: position, match: names[name]))
          ?? -1) >= 0.5
      if qualified {
        // Qualified names choose first: their choice is evidence from the first round on.
        choose(choice.offset, forName: name, amount: states[name].reported ? 1 : 0)
      } else if !states[name].reported {
        // Not a place in this text even as its likeliest reading ("Bush", "Rice"): the
        // document's places cannot make it one, so it is not rescored.
        states[name].winner = choice.offset
        states[name].unplaced = true
        continue
      }
      order.append((choice.score - choice.runnerUp, name))
    }
    // Nothing else to go by: no evidence can arise.
    if order.count <= 1 && profile.supportTotal == 0 && profile.placeTotal == 0 && !qualifiers {
      for (_, name) in order {
        states[name].winner = best(ofName: positions(ofName: name), withEvidence: false).offset
      }
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
        if choice.offset != states[name].winner {
          changed = true
          if choice.offset != states[name].firstChoice {
            states[name].reported =
              (placeness(
                names[name], position, cue(at: position, ofName: position, match: names[name]))
                ?? -1) >= 0.5
          }
        }
        // A choice supports the others as much as its lead makes it likely, and not at
        // all when the name would not be reported as this place.
        let lead = choice.score - choice.runnerUp
        let amount =
          !states[name].reported
          ? 0 : qualified ? 1 : Float(min(1, weights.guess + weights.guessPerLead * lead))
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
  func score(name: Int, span: Range<Int>) {
    let own = states[name].contribution
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
                facets[position], own: own, profile: profile, otherPlaces: otherPlaces,
                otherSupport: otherSupport)
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
      let near = proximity(
        latitude: facet.latitude, longitude: facet.longitude, to: profile, excludingOwner: name)
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
  func cheapEvidence(
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
        total +=
          share
          * max(
            weights.documentCountry * min(1, places), weights.documentCountryMention * min(1, named)
          )
        total += share * weights.documentCountryMore * min(1, max(0, named - 1))
        if facet.flags.contains(.subdivision) {
          // Other subdivisions of the same country: "Florida, Georgia and South Carolina".
          let peers = Double(counts.subdivisions - (own.isSubdivision ? mine : 0))
          total += share * weights.documentPeer * min(1, max(0, peers))
        }
      } else {
        let around = Double(
          tables.neighbours.support(
            ofNeighboursOf: slot, in: profile.countryCounts, excluding: own.slot, amount: own.amount
          ))
        if around > 0.001 {
          total += weights.neighbour * min(1, around / max(otherSupport, 0.001))
        } else if otherPlaces > 0.001 && !facet.flags.contains(.country) {
          isRemote = true
        }
      }
    }
    if facet.admin1 != 0 {
      let count = Double(
        profile.admin1s.count(facet.admin1) - (facet.admin1 == own.admin1 ? own.amount : 0))
      total += weights.documentAdmin1 * min(1, max(0, count))
      total += weights.documentAdmin1More * min(1, max(0, count - 1))
    }
    if isRemote { total += remotePenalty(facet) * min(1, otherPlaces) }
    return (total, isRemote)
  }

  /// The penalty of a remote candidate: large places far from the others are ordinary
  /// world news, villages are not, and a GeoNames alias there is likely a false friend.
  @inline(__always)
  func remotePenalty(_ facet: Facet) -> Double {
    (facet.flags.contains(.strong) ? weights.remoteStrong : weights.remote)
      + (facet.flags.contains(.looseAlias) ? weights.remoteAlias : 0)
  }

  /// The distance band's weight for the anchors not owned by `owner`, each band weighted
  /// by its anchor's support: the largest such product.
  func proximity(
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
        distance <= 100 * 100
        ? weights.within100km
        : distance <= 500 * 500
          ? weights.within500km
          : distance <= 1500 * 1500 ? weights.within1500km : 0
      bestWeight = max(bestWeight, band * Double(anchor.weight))
    }
    return bestWeight
  }
}
