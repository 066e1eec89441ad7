/// Qualifiers: an admin1 or a country named beside a place, which says where it is.
///
/// The patterns, for a place X and a qualifying country, subdivision or district Y (or a
/// nationality N, only where a kind noun follows it):
///
/// | pattern | example |
/// |---|---|
/// | X , [up to two lower-case words] Y | "London, Ontario", "Tripoli, northern Lebanon" |
/// | X ( Y ) | "Paris (Texas)" |
/// | X in [up to two lower-case words] Y | "Valencia in Venezuela", "Boni in the Mopti region" |
/// | X , the/a [lower-case words] in/of Y | "Hyderabad, the second city of Sindh" |
/// | X , the/a N [lower-case words] kind-noun | "Tbilisi, the Georgian capital" |
/// | Y/N [lower-case words] kind-noun [of] [,] X | "the Indian city of Hyderabad", "the Texas city of Paris" |
/// | Y 's [lower-case words] kind-noun [,] X | "Ohio's largest city, Columbus" |
/// | Y 's X | "Pakistan's Hyderabad" |
///
/// Y is a country, a subdivision, or a district or region (a place of another kind than a
/// settlement). A qualifier counts only when it contains one of X's candidates (same
/// country, and the same admin1 when Y has one), and in a pattern that could be a list
/// ("Armenia, Georgia", "Texas, Georgia") only when it is not a country after a name that
/// can be a country, nor a subdivision after a name that can be a subdivision of the same
/// country; then those candidates get the
/// `qualifier` weight, and Y's candidates that contain them the `qualifier_container`
/// weight ("Ontario" is the province, not the Californian city). Every other mention of
/// either name gets `qualifier_elsewhere` for the same candidates. Kind nouns are the
/// `role=kind_noun` entries of `Gazetteers/places/context.tsv`.
extension PlaceResolver {
  /// A place that may contain another: its country, and its admin1 key or 0.
  struct Container {
    var country: UInt16
    var admin1: UInt32
    var entry: Int
  }

  /// Looks for a qualifier of match `match` and applies the first one found.
  func applyQualifiers(of match: Int) {
    let range = ranges[match]
    let own = Int(sharedIndices[match])
    let tokens = document.tokens
    let end = range.upperBound
    if end < tokens.count {
      if document.isComma(tokens[end]) {
        // "Tripoli, northern Lebanon": up to two lower-case words before the qualifier.
        var start = end + 1
        while start < min(tokens.count, end + 3), sharedMatch(startingAt: start, after: own) == nil,
          isLowercaseWord(start), word(start).isDisjoint(with: [.article, .coordinator])
        {
          start += 1
        }
        if let next = sharedMatch(startingAt: start, after: own),
          qualify(match, by: next, nationality: false, inList: start == end + 1)
        {
          return
        }
        if end + 1 < tokens.count, word(end + 1).contains(.article),
          apposition(of: match, from: end + 2, after: own)
        {
          return
        }
      }
      if isByte(end, UInt8(ascii: "(")), let next = sharedMatch(startingAt: end + 1, after: own),
        isByte(shared.ranges[next].upperBound, UInt8(ascii: ")")),
        qualify(match, by: next, nationality: false, inList: true)
      {
        return
      }
      if word(end).contains(.preposition) {
        var position = end + 1
        while position < min(tokens.count, end + 3),
          sharedMatch(startingAt: position, after: own) == nil,
          isLowercaseWord(position)
        {
          position += 1
        }
        if let next = sharedMatch(startingAt: position, after: own),
          qualify(match, by: next, nationality: false)
        {
          return
        }
      }
    }
    // Before the name: "the Indian city of", "Ohio's largest city,", "Pakistan's".
    var position = range.lowerBound - 1
    if position >= 0 && (document.isComma(tokens[position]) || word(position).contains(.of)) {
      position -= 1
    }
    if position >= 0 && word(position).contains(.kindNoun) {
      position -= 1
      var steps = 0
      while position >= 0 && steps < 3 && (isLowercaseWord(position) || isHyphen(position))
        && !word(position).contains(.article)
      {
        position -= 1
        steps += 1
      }
      var nationality = true
      if position >= 0 && word(position).contains(.possessive) {
        position -= 1
        nationality = false
      }
      if position >= 0, let previous = sharedMatch(endingAt: position + 1, before: own) {
        _ = qualify(match, by: previous, nationality: nationality)
      }
      return
    }
    let before = range.lowerBound - 1
    if before > 0 && word(before).contains(.possessive),
      let previous = sharedMatch(endingAt: before, before: own)
    {
      _ = qualify(match, by: previous, nationality: false)
    }
  }

  /// "X, the Georgian capital", "X, the second city of Sindh", "X, a town in Mali":
  /// the words after "X, the" up to a country, subdivision or nationality.
  private func apposition(of match: Int, from start: Int, after own: Int) -> Bool {
    let tokens = document.tokens
    var position = start
    while position < min(tokens.count, start + 5) {
      if let next = sharedMatch(startingAt: position, after: own) {
        if position > start
          && (word(position - 1).contains(.preposition) || word(position - 1).contains(.of))
        {
          return qualify(match, by: next, nationality: false)
        }
        // A nationality qualifies when a kind noun follows it: "the Georgian capital".
        var after = shared.ranges[next].upperBound
        var steps = 0
        while after < tokens.count && steps < 3 && !word(after).contains(.kindNoun)
          && isLowercaseWord(after)
        {
          after += 1
          steps += 1
        }
        if after < tokens.count && word(after).contains(.kindNoun) {
          return qualify(match, by: next, nationality: true)
        }
        return false
      }
      guard isLowercaseWord(position) || isHyphen(position) else { return false }
      position += 1
    }
    return false
  }

  /// Applies qualifier `qualifier` (an index into `shared`) to `match` if it contains one
  /// of the match's candidates; returns whether it did.
  ///
  /// `inList`: the pattern could be a list ("Armenia, Georgia", "Texas, Georgia"), so a
  /// country does not count after a name that can be a country, nor a subdivision after a
  /// name that can be a subdivision of the same country.
  private func qualify(_ match: Int, by qualifier: Int, nationality: Bool, inList: Bool = false)
    -> Bool
  {
    var canBeCountry = false
    // The countries in which the match can be a subdivision (a few at most).
    var subdivisionCountries: [UInt16] = []
    if inList {
      for position in spans[match] where candidates[position].isPlace {
        let facts = store.facts[candidates[position].entry]
        canBeCountry = canBeCountry || facts.placeKind == .country
        if facts.isSubdivision { subdivisionCountries.append(facts.countryCode) }
      }
    }
    var containers: [Container] = []
    for position in shared.bounds[qualifier]..<shared.bounds[qualifier + 1] {
      let entry = shared.entries[position]
      let facts = store.facts[entry]
      guard facts.countryCode != 0 else { continue }
      let label = store.labelIndices[entry]
      if label == tables.placeLabel {
        if facts.placeKind == .country {
          if !canBeCountry {
            containers.append(Container(country: facts.countryCode, admin1: 0, entry: entry))
          }
        } else if facts.isSubdivision {
          if !subdivisionCountries.contains(facts.countryCode) && facts.admin1Hash != 0 {
            containers.append(
              Container(country: facts.countryCode, admin1: admin1Key(facts), entry: entry))
          }
        } else if facts.placeKind == .district || facts.placeKind == .area
          || facts.placeKind == .admin1
        {
          // A district or region: inside its admin1 if it has one, else its country.
          containers.append(
            Container(country: facts.countryCode, admin1: admin1Key(facts), entry: entry))
        }
      } else if nationality && label == tables.nationalityLabel {
        containers.append(Container(country: facts.countryCode, admin1: 0, entry: entry))
      }
    }
    guard !containers.isEmpty else { return false }
    var contained: [Int] = []
    var used: [Int] = []
    for position in spans[match] where candidates[position].isPlace {
      let entry = candidates[position].entry
      let facts = store.facts[entry]
      guard facts.placeKind != .country else { continue }
      let key = admin1Key(facts)
      for container in containers
      where container.entry != entry && container.country == facts.countryCode
        && (container.admin1 == 0 || container.admin1 == key)
      {
        if !contained.contains(position) { contained.append(position) }
        if !used.contains(container.entry) { used.append(container.entry) }
      }
    }
    guard !contained.isEmpty else { return false }
    if mentionBonus.isEmpty {
      mentionBonus = [Double](repeating: 0, count: candidates.count)
      nameBonus = [Double](repeating: 0, count: candidates.count)
    }
    for position in contained {
      reward(position, of: match, weight: weights.qualifier)
    }
    if let container = self.match(ofShared: qualifier, near: match) {
      for position in spans[container]
      where candidates[position].isPlace && used.contains(candidates[position].entry) {
        reward(position, of: container, weight: weights.qualifierContainer)
      }
    }
    return true
  }

  /// Adds a qualifier's weight to a candidate of this mention, and `qualifier_elsewhere`
  /// to the same candidate of the name's other mentions.
  private func reward(_ position: Int, of match: Int, weight: Double) {
    mentionBonus[position] = max(mentionBonus[position], weight)
    let name = Int(nameOfMatch[match])
    guard name >= 0 else { return }
    let first = spans[names[name]].lowerBound + position - spans[match].lowerBound
    nameBonus[first] = max(nameBonus[first], weights.qualifierElsewhere)
  }

  /// The match (index into `ranges`) of shared match `index`, looked for beside `match`.
  private func match(ofShared index: Int, near match: Int) -> Int? {
    for candidate in max(0, match - 4)..<min(ranges.count, match + 5)
    where Int(sharedIndices[candidate]) == index {
      return candidate
    }
    return nil
  }

  /// The shared match that starts at token `start`, looking after shared match `own`.
  private func sharedMatch(startingAt start: Int, after own: Int) -> Int? {
    var index = own + 1
    while index < shared.ranges.count && shared.ranges[index].lowerBound < start { index += 1 }
    return index < shared.ranges.count && shared.ranges[index].lowerBound == start ? index : nil
  }

  /// The shared match that ends at token `end` (exclusive), looking before shared match `own`.
  private func sharedMatch(endingAt end: Int, before own: Int) -> Int? {
    var index = own - 1
    while index >= 0 && shared.ranges[index].upperBound > end { index -= 1 }
    return index >= 0 && shared.ranges[index].upperBound == end ? index : nil
  }

  /// The qualifier-pattern roles of token `index`.
  @inline(__always)
  private func word(_ index: Int) -> PlaceRules.QualifierWord {
    rules.qualifierWords[document.tokens[index].rawID] ?? []
  }

  /// Whether token `index` is a word in lower case.
  private func isLowercaseWord(_ index: Int) -> Bool {
    let token = document.tokens[index]
    return token.kind == .word && token.shape.contains(.hasLower) && !token.shape.isCapitalized
  }

  /// Whether token `index` is a hyphen ("second-largest").
  private func isHyphen(_ index: Int) -> Bool { isByte(index, UInt8(ascii: "-")) }

  /// Whether token `index` exists and is the one byte `byte`.
  private func isByte(_ index: Int, _ byte: UInt8) -> Bool {
    guard index < document.tokens.count else { return false }
    let token = document.tokens[index]
    return token.utf8Range.count == 1
      && document.withUTF8 { $0[token.utf8Range.lowerBound] == byte }
  }
}
