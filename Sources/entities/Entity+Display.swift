import EntityExtraction

extension ResolvedPlace {
  /// The facts shown for a place in one-line displays: ID, country, admin1, "lat,lon".
  var displayFacts: [String] {
    var facts = [id]
    if let country { facts.append(country) }
    if let admin1 { facts.append(admin1) }
    if let latitude, let longitude { facts.append("\(latitude),\(longitude)") }
    return facts
  }
}

extension Entity {
  /// The mention's normalised value on one line, or `nil` when it has none.
  ///
  /// - place: `iso3166-1:PK · PK · 33.7215,73.0433` (ID, country, admin1, lat,lon)
  /// - date: the TIMEX3 value, `2025-01-09`
  /// - casualty: `killed min=16 max=open approximate victims=miners group=civilians`
  /// - others: the canonical name (unless it is the mention's text), else the entry ID;
  ///   then any attributes as `key=value`
  ///
  /// The brat notes and the HTML tooltips both show this text.
  ///
  /// - Parameter text: The document the mention was found in.
  func normalizedValueText(in text: String) -> String? {
    var parts: [String] = []
    if let place {
      parts.append(place.displayFacts.joined(separator: " · "))
    } else if let canonical = canonicalName ?? entryID, canonical != substring(in: text) {
      parts.append(canonical)
    }
    if let date { parts.append(date.value) }
    if let casualty {
      var fields = [
        casualty.outcome.rawValue,
        "min=\(casualty.min.map(String.init) ?? "open")",
        "max=\(casualty.max.map(String.init) ?? "open")",
      ]
      if casualty.approximate { fields.append("approximate") }
      if let victims = casualty.victims { fields.append("victims=\(victims)") }
      if let group = casualty.group { fields.append("group=\(group)") }
      parts.append(fields.joined(separator: " "))
    }
    if place == nil {
      for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
        parts.append("\(key)=\(value)")
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ").replacingNewlines()
  }
}
