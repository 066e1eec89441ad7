/// The entries read from one gazetteer source (a file, or text given in code).
public struct Gazetteer: Sendable {
  /// The name of the source, used in errors and in each mention's `source`.
  public var sourceName: String
  /// The entries, in the order of their lines.
  public var entries: [GazetteerEntry]

  /// Creates a gazetteer from entries made in code.
  public init(sourceName: String = "memory", entries: [GazetteerEntry]) {
    self.sourceName = sourceName
    self.entries = entries
  }

  /// Parses gazetteer text in the format of `Gazetteers/FORMAT.md`.
  ///
  /// - Parameters:
  ///   - source: The text of the file.
  ///   - sourceName: A name for errors and provenance, such as `places/countries.tsv`.
  /// - Throws: ``GazetteerError`` for the first malformed line, naming it.
  public init(parsing source: String, sourceName: String) throws(GazetteerError) {
    var bytes = Array(source.utf8)
    try self.init(parsingUTF8: &bytes, sourceName: sourceName)
  }

  /// Parses gazetteer bytes, checking that every line is valid UTF-8.
  ///
  /// - Throws: ``GazetteerError`` for the first malformed line, naming it.
  public init(parsingUTF8 bytes: inout [UInt8], sourceName: String) throws(GazetteerError) {
    let raw = try RawGazetteer(bytes: bytes, sourceName: sourceName)
    self.sourceName = sourceName
    self.entries = (0..<raw.count).map(raw.entry(at:))
  }

  /// Parses one non-comment line.
  static func parseEntry(_ line: String, sourceName: String, line number: Int) throws(GazetteerError)
    -> GazetteerEntry
  {
    func fail(_ kind: GazetteerError.Kind) -> GazetteerError {
      GazetteerError(kind, sourceName: sourceName, line: number)
    }
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard (3...5).contains(fields.count) else { throw fail(.wrongFieldCount(fields.count)) }
    let name = try parseSurface(fields[0], field: "name", fail: fail)
    let type = fields[1]
    guard !type.isEmpty else { throw fail(.emptyField("type")) }
    guard EntityLabel.isValidName(type) else { throw fail(.invalidType(String(type))) }
    let id = fields[2]
    guard !id.isEmpty else { throw fail(.emptyField("id")) }
    guard id.utf8.allSatisfy(RawGazetteer.isIDByte) else { throw fail(.invalidID(String(id))) }
    var aliases: [GazetteerEntry.Surface] = []
    if fields.count > 3 && !fields[3].isEmpty && fields[3] != "-" {
      for alias in fields[3].split(separator: "|", omittingEmptySubsequences: false) {
        aliases.append(try parseSurface(alias, field: "alias", fail: fail))
      }
    }
    var attributes: [String: String] = [:]
    if fields.count > 4 && !fields[4].isEmpty && fields[4] != "-" {
      for pair in fields[4].split(separator: ";", omittingEmptySubsequences: false) {
        guard let equals = pair.firstIndex(of: "=") else { throw fail(.malformedAttribute(String(pair))) }
        let key = pair[..<equals]
        let value = String(pair[pair.index(after: equals)...])
        guard EntityLabel.isValidName(key) else { throw fail(.malformedAttribute(String(pair))) }
        guard attributes[String(key)] == nil else { throw fail(.duplicateAttribute(String(key))) }
        if let expected = invalidValueExpectation(key: key, value: value) {
          throw fail(.invalidAttributeValue(key: String(key), value: value, expected: expected))
        }
        attributes[String(key)] = value
      }
    }
    return GazetteerEntry(
      name: name.text, label: EntityLabel(rawValue: String(type)), id: String(id),
      aliases: aliases, attributes: attributes, caseSensitiveName: name.isCaseSensitive,
      sourceName: sourceName, line: number)
  }

  private static func parseSurface(
    _ field: Substring, field fieldName: String, fail: (GazetteerError.Kind) -> GazetteerError
  ) throws(GazetteerError) -> GazetteerEntry.Surface {
    var text = field
    var caseSensitive = false
    if text.first == "=" {
      caseSensitive = true
      text = text.dropFirst()
    }
    guard !text.isEmpty else { throw fail(.emptyField(fieldName)) }
    if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      first.properties.isWhitespace || last.properties.isWhitespace
    {
      throw fail(.untrimmedSurface(String(text)))
    }
    return GazetteerEntry.Surface(String(text), isCaseSensitive: caseSensitive)
  }

  /// `-?[0-9]+(.[0-9]+)?`: plain decimal notation, no exponent, hexadecimal, inf or nan.
  private static func isDecimal(_ value: String) -> Bool {
    var bytes = Substring(value).utf8[...]
    if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
    let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return (1...2).contains(parts.count)
      && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
  }

  /// Returns what a known attribute's value should look like when `value` does not.
  private static func invalidValueExpectation(key: Substring, value: String) -> String? {
    switch key {
    case "country":
      let ok = value.utf8.count == 2 && value.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
      return ok ? nil : "an ISO 3166-1 alpha-2 code such as PK"
    case "lat":
      guard isDecimal(value), let number = Double(value), (-90...90).contains(number) else {
        return "a latitude in decimal degrees, -90 to 90"
      }
      return nil
    case "lon":
      guard isDecimal(value), let number = Double(value), (-180...180).contains(number) else {
        return "a longitude in decimal degrees, -180 to 180"
      }
      return nil
    case "population":
      guard let number = Int(value), number >= 0 else { return "a non-negative integer" }
      return nil
    case "priority":
      return Int(value) == nil ? "an integer" : nil
    case "kind":
      let ok = !value.isEmpty && value.utf8.allSatisfy {
        ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D
      }
      return ok ? nil : "a lower-case word such as city"
    case "admin1":
      return value.isEmpty ? "a subdivision name" : nil
    default:
      return nil
    }
  }
}
