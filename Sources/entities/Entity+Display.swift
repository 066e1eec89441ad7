import EntityExtraction

/// How much of a mention's value a one-line description gives.
enum ValueDetail {
  /// Everything: a place's coordinates and the victims however long (brat notes, HTML).
  case full
  /// What a listing line has room for: no coordinates, victims only when short.
  case brief

  /// Victims longer than this many characters are left out of a brief description.
  static let briefVictimsLimit = 24
}

extension CasualtyCount {
  /// The count as a reader says it: `5`, `≥ 38` (at least), `≤ 12` (up to), `10–12`,
  /// `?` when neither bound is known, with `~` before it when hedged (`~200`).
  var countText: String {
    let count: String
    switch (min, max) {
    case (let low?, let high?) where low == high: count = "\(low)"
    case (let low?, let high?): count = "\(low)–\(high)"
    case (let low?, nil): count = "≥ \(low)"
    case (nil, let high?): count = "≤ \(high)"
    case (nil, nil): count = "?"
    }
    return approximate ? "~" + count : count
  }
}

extension Entity {
  /// The mention's normalised value on one line, or `nil` when it has none.
  ///
  /// The text listing, the brat notes and the HTML tooltips all show this text; the
  /// parts are joined with ` · `:
  ///
  /// - place: country, admin1, ID, then (full) `lat,lon`:
  ///   `PK · Balochistan · geonames:1167528 · 30.1841,67.0014`
  /// - date: the TIMEX3 value, `2025-01-09`
  /// - casualty: outcome and count, victims, group (unless it is the victims' word):
  ///   `killed ≥ 38 people (civilians)`, `injured 10–12`, `killed ~200` (see
  ///   ``CasualtyCount/countText``); then, when the text ties them to the count, its place,
  ///   date and perpetrator: `· at Musakhel · on 2024-08-26 · by Balochistan Liberation Army`
  /// - others: the canonical name when it differs from the text, the entry ID (not for
  ///   people and nationalities, whose IDs restate the name), then any attributes as
  ///   `key=value` (a nationality's `country=CN`)
  ///
  /// - Parameters:
  ///   - text: The document the mention was found in.
  ///   - detail: How much to say.
  func valueDescription(in text: String, detail: ValueDetail = .full) -> String? {
    var parts: [String] = []
    if let place {
      if let country = place.country { parts.append(country) }
      if let admin1 = place.admin1 { parts.append(admin1) }
      parts.append(place.id)
      if detail == .full, let latitude = place.latitude, let longitude = place.longitude {
        parts.append("\(latitude),\(longitude)")
      }
    } else {
      if let canonicalName, canonicalName != substring(in: text) { parts.append(canonicalName) }
      if let entryID, label != .person, label != .nationality { parts.append(entryID) }
    }
    if let date { parts.append(date.value) }
    if let casualty {
      var words = [casualty.outcome.rawValue, casualty.countText]
      if let victims = casualty.victims,
        detail == .full || victims.unicodeScalars.count <= ValueDetail.briefVictimsLimit
      {
        words.append(victims)
      }
      if let group = casualty.group, group != casualty.victims { words.append("(\(group))") }
      parts.append(words.joined(separator: " "))
      if let place = casualty.place { parts.append("at " + place.name) }
      if let date = casualty.date { parts.append("on " + date.value.value) }
      if let perpetrator = casualty.perpetrator { parts.append("by " + perpetrator.name) }
    }
    if place == nil {
      for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
        parts.append("\(key)=\(value)")
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ").replacingNewlines()
  }

  /// The confidence to two decimals (`0.90`), or `nil` when the recognizer gives none.
  var confidenceText: String? {
    confidence.map { confidence in
      let hundredths = Int((confidence * 100).rounded())
      let fraction = hundredths % 100
      return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
  }
}
