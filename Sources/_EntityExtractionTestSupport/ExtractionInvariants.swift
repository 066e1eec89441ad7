import EntityExtraction

/// Checks the promises the extractor makes for any input at all.
///
/// The fuzzer (`Fuzz/FuzzEntityExtraction.swift`) and the random-input tests share these
/// checks, so both hold the library to the same rules. Each check returns violations,
/// one sentence each, that name the offsets involved; an empty list means the input was
/// handled correctly.
///
///     let problems = ExtractionInvariants.violations(decoding: bytes, with: extractor)
///     precondition(problems.isEmpty, problems.joined(separator: "\n"))
///
/// The rules, for a text of *n* UTF-8 bytes:
/// - ``UTF8Validation`` agrees with the standard library about which bytes are valid, and
///   the offset it reports is that of the first byte of the first bad sequence.
/// - Tokens are non-empty, ordered, disjoint, within `0...n`, on scalar boundaries.
/// - Gazetteer matches cover existing tokens and entries; leftmost-longest ones are
///   ordered and disjoint.
/// - Entities are non-empty, ordered by start, within `0...n`, on scalar boundaries,
///   neither start nor end with white space, and do not overlap except for casualty
///   counts (which nest). Extracting from the text and from its tokenized form agree.
/// - The JSON objects of every ``OffsetUnit`` carry the offsets that counting scalars
///   or UTF-16 units by hand gives, within the text's length in that unit, and the
///   covered text.
public enum ExtractionInvariants {
  /// The most violations reported for one text; the first few tell the story.
  static let reportLimit = 20

  /// Returns the texts to extract from for arbitrary bytes.
  ///
  /// Valid UTF-8 gives one text. Invalid bytes give two: the bytes with each bad
  /// sequence replaced by U+FFFD (`String(decoding:as:)`), and the valid prefix before
  /// the first bad byte.
  ///
  /// - Returns: The texts, and any disagreement between ``UTF8Validation`` and the
  ///   standard library's validation.
  public static func texts(decoding bytes: UnsafeBufferPointer<UInt8>) -> (
    texts: [String], violations: [String]
  ) {
    let validated = String(validating: bytes, as: UTF8.self)
    let firstInvalid = UTF8Validation.firstInvalidOffset(in: bytes)
    guard let bad = firstInvalid else {
      guard let validated else {
        return (
          [String(decoding: bytes, as: UTF8.self)],
          ["UTF8Validation accepts \(bytes.count) bytes that the standard library rejects"]
        )
      }
      return ([validated], [])
    }
    var violations: [String] = []
    if validated != nil {
      violations.append(
        "UTF8Validation rejects byte \(bad) of \(bytes.count) bytes that the standard library accepts"
      )
    }
    guard bad >= 0 && bad < bytes.count else {
      violations.append("UTF8Validation reports byte \(bad) of \(bytes.count)")
      return ([String(decoding: bytes, as: UTF8.self)], violations)
    }
    let prefix = UnsafeBufferPointer(rebasing: bytes[..<bad])
    let validPrefix = String(validating: prefix, as: UTF8.self)
    if validPrefix == nil {
      violations.append("UTF8Validation reports byte \(bad), but the bytes before it are not valid")
    }
    // No sequence that starts at the reported byte is a well-formed scalar.
    for length in 1...min(4, bytes.count - bad) {
      let sequence = UnsafeBufferPointer(rebasing: bytes[bad..<(bad + length)])
      if String(validating: sequence, as: UTF8.self) != nil {
        violations.append(
          "UTF8Validation reports byte \(bad), but bytes \(bad)..<\(bad + length) are a valid scalar"
        )
        break
      }
    }
    var texts = [String(decoding: bytes, as: UTF8.self)]
    if let validPrefix { texts.append(validPrefix) }
    return (texts, violations)
  }

  /// Returns the texts to extract from for arbitrary bytes; as the buffer version does.
  public static func texts(decoding bytes: [UInt8]) -> (texts: [String], violations: [String]) {
    bytes.withUnsafeBufferPointer { texts(decoding: $0) }
  }

  /// The checks beyond tokens, matches and entities, which cost as much as the
  /// extraction itself or more.
  public struct Extras: OptionSet, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The JSON objects of all three offset units, and the JSON array writer's output.
    public static let json = Extras(rawValue: 1)
    /// Extracting again from the tokenized text gives the same entities.
    public static let reextraction = Extras(rawValue: 2)
    /// Every check.
    public static let all: Extras = [.json, .reextraction]
  }

  /// Tokenizes, matches and extracts from `text`, and returns every broken promise.
  ///
  /// - Parameters:
  ///   - text: Any string.
  ///   - extractor: The extractor under test.
  ///   - extras: The costlier checks to run too; all of them by default.
  /// - Returns: The entities found, and at most 20 violations (none when all is well).
  /// - Complexity: O(*n* + *m* log *m*) for *n* bytes and *m* tokens and entities,
  ///   plus the extraction itself.
  public static func check(
    _ text: String, with extractor: EntityExtractor, extras: Extras = .all
  ) -> (entities: [Entity], violations: [String]) {
    var report = Report()
    let table = OffsetTable(text)
    let document = extractor.tokenize(text)
    if !document.text.utf8.elementsEqual(text.utf8) {
      report.add("tokenize(_:) changed the text")
    }
    checkTokens(document.tokens, table, &report)
    checkMatches(extractor, document, &report)
    let entities = extractor.entities(in: text)
    if extras.contains(.reextraction) {
      let fromDocument = extractor.entities(in: document)
      if entities != fromDocument {
        report.add(
          "entities(in: text) found \(entities.count) entities, entities(in: tokenize(text)) "
            + "\(fromDocument.count), or their details differ")
      }
    }
    checkEntities(entities, in: text, table, &report)
    if extras.contains(.json) && report.problems.isEmpty {
      checkJSON(entities, in: text, table, &report)
    }
    return (entities, report.problems)
  }

  /// Decodes arbitrary bytes into one or two texts, as `texts(decoding:)` does, and
  /// checks each.
  ///
  /// - Returns: At most 20 violations per text; none when all is well.
  public static func violations(
    decoding bytes: UnsafeBufferPointer<UInt8>, with extractor: EntityExtractor,
    extras: Extras = .all
  ) -> [String] {
    let decoded = texts(decoding: bytes)
    var problems = decoded.violations
    for text in decoded.texts {
      problems += check(text, with: extractor, extras: extras).violations
    }
    return problems
  }

  // MARK: Checks

  static func checkTokens(_ tokens: [Token], _ table: OffsetTable, _ report: inout Report) {
    var previousEnd = 0
    for (tokenIndex, token) in tokens.enumerated() {
      let range = token.utf8Range
      if range.isEmpty || range.lowerBound < previousEnd || range.upperBound > table.byteCount {
        report.add(
          "token \(tokenIndex) at \(range) is empty, out of order or out of bounds "
            + "(previous end \(previousEnd), text \(table.byteCount) bytes)")
        return
      }
      if !table.isScalarBoundary(range.lowerBound) || !table.isScalarBoundary(range.upperBound) {
        report.add("token \(tokenIndex) at \(range) splits a scalar")
      }
      previousEnd = range.upperBound
    }
  }

  static func checkMatches(
    _ extractor: EntityExtractor, _ document: TokenizedText, _ report: inout Report
  ) {
    let entryCount = extractor.gazetteerMatcher.entries.count
    for kind in [GazetteerMatchKind.leftmostLongest, .all] {
      var previousEnd = 0
      for match in extractor.gazetteerMatcher.matches(in: document, kind: kind) {
        let range = match.tokenRange
        if range.isEmpty || range.lowerBound < 0 || range.upperBound > document.tokens.count {
          report.add(
            "\(kind) match at tokens \(range) of \(document.tokens.count) is empty or out of bounds"
          )
          return
        }
        if match.entryIndices.isEmpty
          || !match.entryIndices.allSatisfy({ (0..<entryCount).contains($0) })
        {
          report.add(
            "\(kind) match at tokens \(range) has entries \(match.entryIndices) of \(entryCount)")
        }
        if kind == .leftmostLongest {
          if range.lowerBound < previousEnd {
            report.add(
              "leftmost-longest match at tokens \(range) overlaps one ending at \(previousEnd)")
          }
          previousEnd = range.upperBound
        }
      }
    }
  }

  static func checkEntities(
    _ entities: [Entity], in text: String, _ table: OffsetTable, _ report: inout Report
  ) {
    var previousStart = 0
    var previousNameEnd = 0
    for (index, entity) in entities.enumerated() {
      let range = entity.utf8Range
      let subject = "\(entity.label) \(index) at \(range)"
      guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= table.byteCount else {
        report.add("\(subject) is empty or out of bounds (text \(table.byteCount) bytes)")
        continue
      }
      guard table.isScalarBoundary(range.lowerBound), table.isScalarBoundary(range.upperBound)
      else {
        report.add("\(subject) splits a scalar")
        continue
      }
      if range.lowerBound < previousStart {
        report.add("\(subject) starts before the previous entity (\(previousStart))")
      }
      previousStart = range.lowerBound
      // Names and dates never overlap; casualty counts may contain them, and nest.
      if entity.label != .casualty {
        if range.lowerBound < previousNameEnd {
          report.add("\(subject) overlaps a name ending at \(previousNameEnd)")
        }
        previousNameEnd = max(previousNameEnd, range.upperBound)
      }
      let covered = entity.substring(in: text)
      if !covered.utf8.elementsEqual(table.bytes[range]) {
        report.add("\(subject): substring(in:) is not the covered bytes")
      }
      if covered.unicodeScalars.first?.properties.isWhitespace != false
        || covered.unicodeScalars.last?.properties.isWhitespace != false
      {
        report.add("\(subject) starts or ends with white space")
      }
    }
  }

  static func checkJSON(
    _ entities: [Entity], in text: String, _ table: OffsetTable, _ report: inout Report
  ) {
    for unit in OffsetUnit.allCases {
      let objects = Entity.jsonObjects(for: entities, in: text, offsets: unit)
      guard objects.count == entities.count else {
        report.add("\(unit): \(objects.count) JSON objects for \(entities.count) entities")
        return
      }
      let length = table.length(in: unit)
      for (index, (object, entity)) in zip(objects, entities).enumerated() {
        let subject = "\(unit): JSON of \(entity.label) \(index) at \(entity.utf8Range)"
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue else {
          report.add("\(subject) has no integer start and end")
          continue
        }
        let expected = (
          table.offset(entity.utf8Range.lowerBound, in: unit),
          table.offset(entity.utf8Range.upperBound, in: unit)
        )
        if !(0 <= start && start <= end && end <= length) || (start, end) != expected {
          report.add(
            "\(subject) has offsets \(start)..<\(end), expected \(expected.0)..<\(expected.1) "
              + "within 0...\(length)")
        }
        if object["type"]?.stringValue != entity.label.rawValue {
          report.add("\(subject) has type \(String(describing: object["type"]))")
        }
        let covered = entity.substring(in: text)
        if object["text"]?.stringValue.map({ $0.utf8.elementsEqual(covered.utf8) }) != true {
          report.add("\(subject) has text \(String(describing: object["text"]))")
        }
      }
    }
    var array: [UInt8] = []
    Entity.writeJSONArray(for: entities, in: text, to: &array)
    let parsed = array.withUnsafeBufferPointer { bytes in
      Result { () throws(JSONParseError) in try JSONValue(parsingUTF8: bytes) }
    }
    switch parsed {
    case .success(let value):
      if value.arrayValue?.count != entities.count {
        report.add(
          "writeJSONArray wrote \(value.arrayValue?.count ?? -1) items for \(entities.count)")
      }
    case .failure(let error):
      report.add("writeJSONArray wrote JSON that does not parse: \(error)")
    }
  }

  // MARK: Helpers

  /// Violations found so far, at most ``reportLimit``.
  struct Report {
    var problems: [String] = []

    mutating func add(_ problem: @autoclosure () -> String) {
      if problems.count < ExtractionInvariants.reportLimit { problems.append(problem()) }
    }
  }

  /// Each UTF-8 offset of a text counted in scalars and in UTF-16 units, walked once with
  /// the standard library: the oracle for the library's own conversion.
  struct OffsetTable {
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Scalars before each UTF-8 offset `0...n`, or -1 inside a scalar.
    private var scalarOffsets: [Int]
    /// UTF-16 units before each UTF-8 offset `0...n`, or -1 inside a scalar.
    private var utf16Offsets: [Int]

    init(_ text: String) {
      bytes = Array(text.utf8)
      scalarOffsets = [Int](repeating: -1, count: bytes.count + 1)
      utf16Offsets = [Int](repeating: -1, count: bytes.count + 1)
      var utf8Offset = 0
      var scalars = 0
      var units = 0
      for scalar in text.unicodeScalars {
        scalarOffsets[utf8Offset] = scalars
        utf16Offsets[utf8Offset] = units
        utf8Offset += UTF8.width(scalar)
        scalars += 1
        units += UTF16.width(scalar)
      }
      scalarOffsets[utf8Offset] = scalars
      utf16Offsets[utf8Offset] = units
    }

    var byteCount: Int { bytes.count }

    func isScalarBoundary(_ utf8Offset: Int) -> Bool {
      (0...bytes.count).contains(utf8Offset) && scalarOffsets[utf8Offset] >= 0
    }

    /// The offset in `unit` of a UTF-8 offset on a scalar boundary.
    func offset(_ utf8Offset: Int, in unit: OffsetUnit) -> Int {
      switch unit {
      case .utf8: return utf8Offset
      case .unicodeScalars: return scalarOffsets[utf8Offset]
      case .utf16: return utf16Offsets[utf8Offset]
      }
    }

    /// The text's length in `unit`.
    func length(in unit: OffsetUnit) -> Int { offset(bytes.count, in: unit) }
  }
}
