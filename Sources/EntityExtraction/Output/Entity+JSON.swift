extension Entity {
  /// Returns the mentions of one document as the JSON objects of `docs/SPEC.md`'s output.
  ///
  /// Each object has `type`, `start`, `end` (half-open, in `unit`), `text`, `source`,
  /// and when known `confidence`, `id`, and a payload named after the type: `place`
  /// (`id`, `country`, `admin1`, `lat`, `lon`, `kind`), `date` (`value`, and `anchor`
  /// when the document's relative dates had one: `reference` or `document`), `casualty`
  /// (`outcome`, `min`, `max`, `approximate`, `victims`, `group`, and when the text ties
  /// them to the count `place`, `date` and `perpetrator`, each with the `start`, `end` and
  /// `text` of the mention it came from), or `{"id", "canonical"}` for other gazetteer types.
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
      let utf8Offsets = Self.utf8Bounds(of: entities)
      let converted = OffsetConverter.convert(utf8Offsets.offsets, inUTF8: bytes, to: unit)
      var out: [UInt8] = []
      return entities.withUnsafeBufferPointer { entities in
        entities.indices.map { index -> JSONValue in
          out.removeAll(keepingCapacity: true)
          writeJSON(
            of: entities.baseAddress! + index, start: converted[2 * index],
            end: converted[2 * index + 1], links: converted, from: utf8Offsets.links[index],
            text: bytes, to: &out)
          // The writer is the one definition of the format; the tree is read back from it.
          return out.withUnsafeBufferPointer { try! JSONValue(parsingUTF8: $0) }
        }
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
    var writer = JSONArrayWriter(text: text, offsets: unit)
    writer.append(entities, to: &out)
    writer.finish(to: &out)
  }

  /// Writes the mentions of one document as a JSON array a batch at a time, as
  /// ``EntityExtractor/enumerateEntities(in:referenceDate:_:)`` hands them over: the
  /// bytes are those of ``writeJSONArray(for:in:offsets:to:)`` for all the batches at
  /// once, and no batch needs to be kept once written.
  ///
  ///     var out: [UInt8] = []
  ///     var writer = Entity.JSONArrayWriter(text: text)
  ///     extractor.enumerateEntities(in: text) { writer.append($0, to: &out) }
  ///     writer.finish(to: &out)  // out holds "[{…},{…}]"
  ///
  /// Offsets are converted from where the previous batch began, so a document's text is
  /// walked once however many batches it comes in (batches ordered by start, as
  /// `enumerateEntities` gives them).
  public struct JSONArrayWriter {
    /// The document, contiguous.
    private let text: String
    /// The unit of `start` and `end`.
    private let unit: OffsetUnit
    /// Whether the array is open (`[` written), and whether it has a member.
    private var isOpen = false
    private var hasMember = false
    /// A UTF-8 offset no later than the next batch's first start, and the units before it.
    private var baseUTF8 = 0
    private var baseUnits = 0

    /// A writer for the mentions of `text`, with offsets in `unit` (scalars by default).
    public init(text: String, offsets unit: OffsetUnit = .unicodeScalars) {
      var text = text
      text.makeContiguousUTF8()
      self.text = text
      self.unit = unit
    }

    /// Appends the JSON objects of `entities`, the next mentions of the document, to `out`
    /// (opening the array first if this is the first call).
    ///
    /// - Complexity: O(*b* + *m* log *m*) for the *b* bytes from the previous batch's
    ///   first start to this one's last end, and *m* mentions.
    public mutating func append(_ entities: [Entity], to out: inout [UInt8]) {
      if !isOpen {
        out.append(UInt8(ascii: "["))
        isOpen = true
      }
      guard !entities.isEmpty else { return }
      var text = text
      text.withUTF8 { bytes in
        let (converted, links) = convertedBounds(of: entities, inUTF8: bytes)
        // Written to a plain buffer, then appended at once: per byte, a capacity check and
        // a store rather than an array append.
        var buffer = JSONBuffer(capacity: entities.count * 320)
        defer { buffer.deallocate() }
        // Read in place, through a pointer: `entities[index].writeJSON(...)` copied each
        // mention even through a buffer pointer (measured), retaining and releasing a
        // dozen references.
        entities.withUnsafeBufferPointer { entities in
          for index in entities.indices {
            if hasMember { buffer.put(UInt8(ascii: ",")) }
            hasMember = true
            writeJSON(
              of: entities.baseAddress! + index, start: converted[2 * index],
              end: converted[2 * index + 1], links: converted, from: links[index],
              text: bytes, to: &buffer)
          }
        }
        out.append(contentsOf: buffer.bytes)
      }
    }

    /// Closes the array (opening it first if no batch came).
    public mutating func finish(to out: inout [UInt8]) {
      if !isOpen { out.append(UInt8(ascii: "[")) }
      out.append(UInt8(ascii: "]"))
      isOpen = false
      hasMember = false
    }

    /// The start and end of each mention (start of mention `i` at `2 * i`) and of the
    /// mentions its casualty count links to (see ``Entity/utf8Bounds(of:)``), in `unit`,
    /// counted on from the base, which then moves to this batch's first offset.
    private mutating func convertedBounds(
      of entities: [Entity], inUTF8 bytes: UnsafeBufferPointer<UInt8>
    ) -> (offsets: [Int], links: [Int]) {
      let (utf8Offsets, links) = Entity.utf8Bounds(of: entities)
      if unit == .utf8 { return (utf8Offsets, links) }
      // A count may link to a mention before the batch's first one.
      var first = utf8Offsets.min() ?? 0
      // Batches out of order are counted from the start of the text.
      first = max(0, min(first, bytes.count))
      if first < baseUTF8 {
        baseUTF8 = 0
        baseUnits = 0
      }
      let skipped = UnsafeBufferPointer(rebasing: bytes[baseUTF8..<first])
      baseUnits += OffsetConverter.convert([first - baseUTF8], inUTF8: skipped, to: unit)[0]
      baseUTF8 = first
      let rest = UnsafeBufferPointer(rebasing: bytes[first...])
      let converted = OffsetConverter.convert(
        utf8Offsets.map { $0 - first }, inUTF8: rest, to: unit)
      return (converted.map { $0 + baseUnits }, links)
    }
  }

  /// The UTF-8 start and end of each mention (start of mention `i` at `2 * i`), then those
  /// of the place, date and perpetrator mentions each casualty count links to; `links[i]`
  /// is where mention `i`'s linked bounds begin in `offsets` (in that order, only those
  /// present), or -1 when it has none.
  static func utf8Bounds(of entities: [Entity]) -> (offsets: [Int], links: [Int]) {
    var utf8Offsets: [Int] = []
    utf8Offsets.reserveCapacity(entities.count * 2)
    var links = [Int](repeating: -1, count: entities.count)
    var linked: [(index: Int, links: IncidentLinks)] = []
    // By index: `for entity in entities` copies each mention, retaining and releasing a
    // dozen references to read two integers.
    for index in entities.indices {
      utf8Offsets.append(entities[index].utf8Range.lowerBound)
      utf8Offsets.append(entities[index].utf8Range.upperBound)
      if let found = entities[index].casualty?.links { linked.append((index, found)) }
    }
    for (index, found) in linked {
      links[index] = utf8Offsets.count
      for range in [found.place?.utf8Range, found.date?.utf8Range, found.perpetrator?.utf8Range] {
        if let range { utf8Offsets += [range.lowerBound, range.upperBound] }
      }
    }
    return (utf8Offsets, links)
  }

  /// Appends `key` (a literal with its leading comma, quotes and colon) and `value` as a
  /// JSON string, when there is a value.
  @inline(__always)
  private static func writeMember(_ key: StaticString, string value: String?, to out: inout some JSONByteSink) {
    guard let value else { return }
    out.put(key)
    JSONValue.writeEscaped(value, to: &out)
  }

  /// Appends the JSON object of the mention at `entity`, with offsets already converted;
  /// `bytes` is the document's UTF-8. The converted bounds of the mentions its casualty
  /// count links to are `links[linksStart...]` (see ``utf8Bounds(of:)``).
  ///
  /// The mention is read field by field where it is, so only the strings written are
  /// loaded (and retained), not the whole mention. Fixed keys are written as literals
  /// with their quotes, colon and leading comma: `type`, `start`, `end` and `text` are
  /// always there, so every later member follows a comma, and so do the members after
  /// the first of `place`, `date` and `casualty`, whose first is always there.
  static func writeJSON(
    of entity: UnsafePointer<Entity>, start: Int, end: Int, links: [Int], from linksStart: Int,
    text bytes: UnsafeBufferPointer<UInt8>, to out: inout some JSONByteSink
  ) {
    out.put(#"{"type":"#)
    JSONValue.writeEscaped(entity.pointee.label.rawValue, to: &out)
    out.put(#","start":"#)
    JSONValue.writeInteger(start, to: &out)
    out.put(#","end":"#)
    JSONValue.writeInteger(end, to: &out)
    out.put(#","text":"#)
    let range = entity.pointee.utf8Range.clamped(to: 0..<bytes.count)
    JSONValue.writeEscaped(utf8: UnsafeBufferPointer(rebasing: bytes[range]), to: &out)
    if let place = entity.pointee.place {
      out.put(#","place":{"id":"#)
      writePlaceMembers(place, to: &out)
      out.put(UInt8(ascii: "}"))
    } else if entity.pointee.entryID != nil || entity.pointee.canonicalName != nil {
      // Keyed by the label, and either member may be missing: the writer tracks commas.
      out.put(UInt8(ascii: ","))
      JSONValue.writeEscaped(entity.pointee.label.rawValue, to: &out)
      out.put(UInt8(ascii: ":"))
      var fields = JSONObjectWriter(&out)
      if let entryID = entity.pointee.entryID { fields.member("id", string: entryID, &out) }
      if let canonicalName = entity.pointee.canonicalName {
        fields.member("canonical", string: canonicalName, &out)
      }
      fields.finish(&out)
    }
    if let date = entity.pointee.date {
      out.put(#","date":{"value":"#)
      JSONValue.writeEscaped(date.value, to: &out)
      writeMember(#","anchor":"#, string: date.anchor?.rawValue, to: &out)
      out.put(UInt8(ascii: "}"))
    }
    if let casualty = entity.pointee.casualty {
      out.put(#","casualty":{"outcome":"#)
      JSONValue.writeEscaped(casualty.outcome.rawValue, to: &out)
      out.put(#","min":"#)
      if let min = casualty.min { JSONValue.writeInteger(min, to: &out) } else { out.put("null") }
      out.put(#","max":"#)
      if let max = casualty.max { JSONValue.writeInteger(max, to: &out) } else { out.put("null") }
      if casualty.approximate { out.put(#","approximate":true"#) }
      writeMember(#","victims":"#, string: casualty.victims, to: &out)
      writeMember(#","group":"#, string: casualty.group, to: &out)
      if let found = casualty.links {
        writeLinks(found, bounds: links, from: linksStart, text: bytes, to: &out)
      }
      out.put(UInt8(ascii: "}"))
    }
    if !entity.pointee.attributes.isEmpty {
      out.put(#","attributes":"#)
      var fields = JSONObjectWriter(&out)
      let attributes = entity.pointee.attributes
      if attributes.count == 1 {
        // One key needs no order, and sorting would copy the dictionary into an array.
        for (key, value) in attributes { fields.member(dynamic: key, string: value, &out) }
      } else {
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
          fields.member(dynamic: key, string: value, &out)
        }
      }
      fields.finish(&out)
    }
    let source = entity.pointee.source
    if !source.isEmpty {
      out.put(#","source":"#)
      JSONValue.writeEscaped(source, to: &out)
    }
    if let confidence = entity.pointee.confidence {
      out.put(#","confidence":"#)
      let hundredths = (confidence * 100).rounded()
      if hundredths >= 0 && hundredths <= 100 {
        writeHundredths(Int(hundredths), to: &out)
      } else {
        JSONValue.number(String(hundredths / 100)).writeNumber(to: &out)
      }
    }
    out.put(UInt8(ascii: "}"))
  }

  /// Appends a place's `id` value and the members after it: `country`, `admin1`, `lat`,
  /// `lon`, `kind`, those that are known.
  private static func writePlaceMembers(_ place: ResolvedPlace, to out: inout some JSONByteSink) {
    JSONValue.writeEscaped(place.id, to: &out)
    writeMember(#","country":"#, string: place.country, to: &out)
    writeMember(#","admin1":"#, string: place.admin1, to: &out)
    if let latitude = place.latitude {
      out.put(#","lat":"#)
      JSONValue.writeDouble(latitude, to: &out)
    }
    if let longitude = place.longitude {
      out.put(#","lon":"#)
      JSONValue.writeDouble(longitude, to: &out)
    }
    writeMember(#","kind":"#, string: place.kind, to: &out)
  }

  /// Appends the `place`, `date` and `perpetrator` members of a casualty object, each with
  /// the converted `start` and `end` (`bounds[index...]`, in that order) and the `text` of
  /// its mention: `"place":{"start","end","text","name","id","country",…}`,
  /// `"date":{"start","end","text","value"}`, `"perpetrator":{"start","end","text","name","id"}`.
  private static func writeLinks(
    _ links: IncidentLinks, bounds: [Int], from index: Int, text bytes: UnsafeBufferPointer<UInt8>,
    to out: inout some JSONByteSink
  ) {
    var next = index
    func writeSpan(_ key: StaticString, _ range: Range<Int>) {
      out.put(key)
      out.put(#"{"start":"#)
      JSONValue.writeInteger(bounds[next], to: &out)
      out.put(#","end":"#)
      JSONValue.writeInteger(bounds[next + 1], to: &out)
      next += 2
      out.put(#","text":"#)
      let clamped = range.clamped(to: 0..<bytes.count)
      JSONValue.writeEscaped(utf8: UnsafeBufferPointer(rebasing: bytes[clamped]), to: &out)
    }
    if let place = links.place {
      writeSpan(#","place":"#, place.utf8Range)
      out.put(#","name":"#)
      JSONValue.writeEscaped(place.name, to: &out)
      out.put(#","id":"#)
      writePlaceMembers(place.place, to: &out)
      out.put(UInt8(ascii: "}"))
    }
    if let date = links.date {
      writeSpan(#","date":"#, date.utf8Range)
      out.put(#","value":"#)
      JSONValue.writeEscaped(date.value.value, to: &out)
      out.put(UInt8(ascii: "}"))
    }
    if let perpetrator = links.perpetrator {
      writeSpan(#","perpetrator":"#, perpetrator.utf8Range)
      out.put(#","name":"#)
      JSONValue.writeEscaped(perpetrator.name, to: &out)
      writeMember(#","id":"#, string: perpetrator.id, to: &out)
      out.put(UInt8(ascii: "}"))
    }
  }

  /// Appends `String(Double(hundredths) / 100)` for `hundredths` in 0...100, the usual
  /// confidences: "0.0", "0.07", "0.5", "0.93", "1.0" (the shortest decimal that reads
  /// back, so no trailing zero; checked for all 101). Spelled out rather than read from
  /// a global table, which cost a lazy-initialization check and a retain per mention.
  private static func writeHundredths(_ hundredths: Int, to out: inout some JSONByteSink) {
    switch hundredths {
    case 0: out.put("0.0")
    case 100: out.put("1.0")
    default:
      out.put("0.")
      out.put(UInt8(ascii: "0") + UInt8(hundredths / 10))
      if hundredths % 10 != 0 { out.put(UInt8(ascii: "0") + UInt8(hundredths % 10)) }
    }
  }
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

  /// Closes the object.
  func finish(_ out: inout some JSONByteSink) { out.put(UInt8(ascii: "}")) }
}
