extension Entity {
  /// Returns the mentions of one document as the JSON objects of `SPEC.md`'s output.
  ///
  /// Each object has `type`, `start`, `end` (half-open, in `unit`), `text`, `source`,
  /// and when known `confidence`, `id`, and a payload named after the type: `place`
  /// (`id`, `country`, `admin1`, `lat`, `lon`, `kind`), `date` (`value`), `casualty`
  /// (`outcome`, `min`, `max`, `approximate`, `victims`, `group`), or
  /// `{"id", "canonical"}` for other gazetteer types.
  ///
  /// - Parameters:
  ///   - entities: Mentions of `text`, with UTF-8 offsets.
  ///   - text: The document they were found in.
  ///   - unit: The unit of `start` and `end`: scalars (Python indices) by default.
  /// - Complexity: O(*n* + *m* log *m*) for *n* bytes of text and *m* mentions.
  public static func jsonObjects(
    for entities: [Entity], in text: String, offsets unit: OffsetUnit = .unicodeScalars
  ) -> [JSONValue] {
    var utf8Offsets: [Int] = []
    utf8Offsets.reserveCapacity(entities.count * 2)
    for entity in entities {
      utf8Offsets.append(entity.utf8Range.lowerBound)
      utf8Offsets.append(entity.utf8Range.upperBound)
    }
    let converted = OffsetConverter.convert(utf8Offsets, in: text, to: unit)
    return entities.enumerated().map { index, entity in
      entity.jsonObject(
        start: converted[2 * index], end: converted[2 * index + 1], text: String(entity.substring(in: text)))
    }
  }

  /// The JSON object of this mention, with offsets already converted.
  func jsonObject(start: Int, end: Int, text: String) -> JSONValue {
    var members: [JSONMember] = [
      JSONMember("type", .string(label.rawValue)),
      JSONMember("start", .integer(start)),
      JSONMember("end", .integer(end)),
      JSONMember("text", .string(text)),
    ]
    if let place {
      var fields: [JSONMember] = [JSONMember("id", .string(place.id))]
      if let country = place.country { fields.append(JSONMember("country", .string(country))) }
      if let admin1 = place.admin1 { fields.append(JSONMember("admin1", .string(admin1))) }
      if let latitude = place.latitude { fields.append(JSONMember("lat", .double(latitude))) }
      if let longitude = place.longitude { fields.append(JSONMember("lon", .double(longitude))) }
      if let kind = place.kind { fields.append(JSONMember("kind", .string(kind))) }
      members.append(JSONMember("place", .object(fields)))
    } else if entryID != nil || canonicalName != nil {
      var fields: [JSONMember] = []
      if let entryID { fields.append(JSONMember("id", .string(entryID))) }
      if let canonicalName { fields.append(JSONMember("canonical", .string(canonicalName))) }
      members.append(JSONMember(label.rawValue, .object(fields)))
    }
    if let date {
      members.append(JSONMember("date", .object([JSONMember("value", .string(date.value))])))
    }
    if let casualty {
      var fields: [JSONMember] = [
        JSONMember("outcome", .string(casualty.outcome.rawValue)),
        JSONMember("min", casualty.min.map(JSONValue.integer) ?? .null),
        JSONMember("max", casualty.max.map(JSONValue.integer) ?? .null),
      ]
      if casualty.approximate { fields.append(JSONMember("approximate", .bool(true))) }
      if let victims = casualty.victims { fields.append(JSONMember("victims", .string(victims))) }
      if let group = casualty.group { fields.append(JSONMember("group", .string(group))) }
      members.append(JSONMember("casualty", .object(fields)))
    }
    if !attributes.isEmpty {
      let sorted = attributes.sorted { $0.key < $1.key }
      members.append(JSONMember("attributes", .object(sorted.map { JSONMember($0.key, .string($0.value)) })))
    }
    if !source.isEmpty { members.append(JSONMember("source", .string(source))) }
    if let confidence {
      members.append(JSONMember("confidence", .number(String((confidence * 100).rounded() / 100))))
    }
    return .object(members)
  }
}
