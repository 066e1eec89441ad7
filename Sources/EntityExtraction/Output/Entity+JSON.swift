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
    var text = text
    return text.withUTF8 { bytes in
      let converted = convertedBounds(of: entities, inUTF8: bytes, to: unit)
      var out: [UInt8] = []
      return entities.enumerated().map { index, entity in
        out.removeAll(keepingCapacity: true)
        entity.writeJSON(start: converted[2 * index], end: converted[2 * index + 1], text: bytes, to: &out)
        // The writer is the one definition of the format; the tree is read back from it.
        return out.withUnsafeBufferPointer { try! JSONValue(parsingUTF8: $0) }
      }
    }
  }

  /// Appends the mentions of one document to `out` as a JSON array of the objects
  /// described at ``jsonObjects(for:in:offsets:)``, without building them as values.
  ///
  /// - Complexity: O(*n* + *m* log *m*) for *n* bytes of text and *m* mentions.
  public static func writeJSONArray(
    for entities: [Entity], in text: String, offsets unit: OffsetUnit = .unicodeScalars,
    to out: inout [UInt8]
  ) {
    var text = text
    text.withUTF8 { bytes in
      let converted = convertedBounds(of: entities, inUTF8: bytes, to: unit)
      // Written to a plain buffer, then appended at once: per byte, a capacity check and
      // a store rather than an array append.
      var buffer = JSONBuffer(capacity: 2 + entities.count * 320)
      defer { buffer.deallocate() }
      buffer.put(UInt8(ascii: "["))
      // Read in place, through the buffer: `entities[index]` still copied each mention
      // (measured), and a copy retains and releases a dozen references.
      entities.withUnsafeBufferPointer { entities in
        for index in entities.indices {
          if index > 0 { buffer.put(UInt8(ascii: ",")) }
          entities[index].writeJSON(
            start: converted[2 * index], end: converted[2 * index + 1], text: bytes, to: &buffer)
        }
      }
      buffer.put(UInt8(ascii: "]"))
      out.append(contentsOf: buffer.bytes)
    }
  }

  /// The start and end of each mention (start of mention `i` at `2 * i`), in `unit`.
  private static func convertedBounds(
    of entities: [Entity], inUTF8 bytes: UnsafeBufferPointer<UInt8>, to unit: OffsetUnit
  ) -> [Int] {
    var utf8Offsets: [Int] = []
    utf8Offsets.reserveCapacity(entities.count * 2)
    // By index: `for entity in entities` copies each mention, retaining and releasing a
    // dozen references to read two integers.
    for index in entities.indices {
      utf8Offsets.append(entities[index].utf8Range.lowerBound)
      utf8Offsets.append(entities[index].utf8Range.upperBound)
    }
    return OffsetConverter.convert(utf8Offsets, inUTF8: bytes, to: unit)
  }

  /// Appends the JSON object of this mention, with offsets already converted; `bytes`
  /// is the document's UTF-8.
  func writeJSON(start: Int, end: Int, text bytes: UnsafeBufferPointer<UInt8>, to out: inout some JSONByteSink) {
    var object = JSONObjectWriter(&out)
    object.member("type", string: label.rawValue, &out)
    object.member("start", integer: start, &out)
    object.member("end", integer: end, &out)
    object.key("text", &out)
    let range = utf8Range.clamped(to: 0..<bytes.count)
    JSONValue.writeEscaped(utf8: UnsafeBufferPointer(rebasing: bytes[range]), to: &out)
    if let place {
      object.key("place", &out)
      var fields = JSONObjectWriter(&out)
      fields.member("id", string: place.id, &out)
      if let country = place.country { fields.member("country", string: country, &out) }
      if let admin1 = place.admin1 { fields.member("admin1", string: admin1, &out) }
      if let latitude = place.latitude { fields.member("lat", number: JSONValue.double(latitude), &out) }
      if let longitude = place.longitude { fields.member("lon", number: JSONValue.double(longitude), &out) }
      if let kind = place.kind { fields.member("kind", string: kind, &out) }
      fields.finish(&out)
    } else if entryID != nil || canonicalName != nil {
      object.key(dynamic: label.rawValue, &out)
      var fields = JSONObjectWriter(&out)
      if let entryID { fields.member("id", string: entryID, &out) }
      if let canonicalName { fields.member("canonical", string: canonicalName, &out) }
      fields.finish(&out)
    }
    if let date {
      object.key("date", &out)
      var fields = JSONObjectWriter(&out)
      fields.member("value", string: date.value, &out)
      fields.finish(&out)
    }
    if let casualty {
      object.key("casualty", &out)
      var fields = JSONObjectWriter(&out)
      fields.member("outcome", string: casualty.outcome.rawValue, &out)
      if let min = casualty.min { fields.member("min", integer: min, &out) } else { fields.member("min", number: .null, &out) }
      if let max = casualty.max { fields.member("max", integer: max, &out) } else { fields.member("max", number: .null, &out) }
      if casualty.approximate { fields.member("approximate", number: .bool(true), &out) }
      if let victims = casualty.victims { fields.member("victims", string: victims, &out) }
      if let group = casualty.group { fields.member("group", string: group, &out) }
      fields.finish(&out)
    }
    if !attributes.isEmpty {
      object.key("attributes", &out)
      var fields = JSONObjectWriter(&out)
      for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { fields.member(dynamic: key, string: value, &out) }
      fields.finish(&out)
    }
    if !source.isEmpty { object.member("source", string: source, &out) }
    if let confidence {
      let hundredths = (confidence * 100).rounded()
      if hundredths >= 0 && hundredths <= 100 {
        // The usual case, 0...1: the same text as below, from a table.
        object.key("confidence", &out)
        Self.hundredthsText[Int(hundredths)].withUnsafeBufferPointer { out.put($0) }
      } else {
        object.member("confidence", number: .number(String(hundredths / 100)), &out)
      }
    }
    object.finish(&out)
  }

  /// `String(Double(k) / 100)` for k in 0...100, the confidences as written.
  private static let hundredthsText: [[UInt8]] = (0...100).map { Array(String(Double($0) / 100).utf8) }
}

/// Writes one JSON object member by member into a byte buffer.
struct JSONObjectWriter {
  private var isFirst = true

  /// Starts an object at the end of `out`.
  init(_ out: inout some JSONByteSink) { out.put(UInt8(ascii: "{")) }

  /// Writes a member's key (any string, escaped) and colon; the value must follow.
  mutating func key(dynamic key: String, _ out: inout some JSONByteSink) {
    if !isFirst { out.put(UInt8(ascii: ",")) }
    isFirst = false
    JSONValue.writeEscaped(key, to: &out)
    out.put(UInt8(ascii: ":"))
  }

  /// Writes a fixed key, which needs no escaping, and its colon.
  @inline(__always)
  mutating func key(_ key: StaticString, _ out: inout some JSONByteSink) {
    out.put(isFirst ? UInt8(ascii: "\"") : UInt8(ascii: ","))
    if !isFirst { out.put(UInt8(ascii: "\"")) }
    isFirst = false
    out.put(key)
    out.put(UInt8(ascii: "\""))
    out.put(UInt8(ascii: ":"))
  }

  /// Writes a string member whose key is any string.
  mutating func member(dynamic name: String, string value: String, _ out: inout some JSONByteSink) {
    key(dynamic: name, &out)
    JSONValue.writeEscaped(value, to: &out)
  }

  /// Writes a string member with a fixed key.
  mutating func member(_ name: StaticString, string value: String, _ out: inout some JSONByteSink) {
    key(name, &out)
    JSONValue.writeEscaped(value, to: &out)
  }

  /// Writes a member whose value is a scalar: a number, a Boolean or `null`.
  mutating func member(_ name: StaticString, number value: JSONValue, _ out: inout some JSONByteSink) {
    key(name, &out)
    value.writeNumber(to: &out)
  }

  /// Writes an integer member, its digits straight into `out`.
  mutating func member(_ name: StaticString, integer value: Int, _ out: inout some JSONByteSink) {
    key(name, &out)
    JSONValue.writeInteger(value, to: &out)
  }

  /// Closes the object.
  func finish(_ out: inout some JSONByteSink) { out.put(UInt8(ascii: "}")) }
}
