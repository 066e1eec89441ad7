/// Facts about an entry that the recognizers need at match time, parsed once at load.
struct EntryFacts: Sendable {
  // Widest first: 36 bytes, a stride of 40 (in that order in a compiled file).
  /// `population`, or -1.
  var population: Int64 = -1
  /// `lat` and `lon`, or NaN.
  var latitude: Double = .nan
  var longitude: Double = .nan
  /// `priority`, or 0.
  var priority: Int32 = 0
  /// A hash of the admin1 name (`admin1`, or the entry's own name for `kind=admin1`),
  /// or 0: enough to compare admin1s within a document without building strings.
  var admin1Hash: UInt32 = 0
  /// `country` as two ASCII letters (first in the high byte), or 0.
  var countryCode: UInt16 = 0
  var flags: Flags = []
  /// What `kind` says, for the place rules.
  var placeKind: PlaceKind = .other

  /// The `kind` values the place rules distinguish.
  enum PlaceKind: UInt8, Sendable {
    /// No `kind`.
    case other
    case country, district, admin1
    /// `city`, `town`, `village`, `place`: a settlement of cities.tsv.
    case settlement
    /// Any other kind: a subdivision's ISO type (`province`, `state`), a region, a range, a
    /// sea. Such a place can contain others.
    case area

    /// The kind a `kind` attribute's value names.
    static func of(_ value: UnsafeBufferPointer<UInt8>) -> PlaceKind {
      func equal(_ word: StaticString) -> Bool { RawGazetteer.equal(value, word) }
      if equal("country") { return .country }
      if equal("district") { return .district }
      if equal("admin1") { return .admin1 }
      if equal("city") || equal("town") || equal("village") || equal("place") { return .settlement }
      return .area
    }
  }

  /// The hash stored in ``admin1Hash`` for an admin1 name's UTF-8 bytes; never 0.
  static func admin1Hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    max(1, UInt32(truncatingIfNeeded: fastHash(bytes)))
  }

  /// The value of ``countryCode`` for a two-letter code, or 0.
  static func countryCode(_ bytes: some Collection<UInt8>) -> UInt16 {
    guard bytes.count == 2 else { return 0 }
    return UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.index(after: bytes.startIndex)])
  }

  /// Whether the ID is an ISO 3166-2 code.
  var isSubdivision: Bool { flags.contains(.subdivision) }

  struct Flags: OptionSet, Sendable {
    var rawValue: UInt8
    /// `lowercase=allow`, or the name starts with a lower-case letter.
    static let allowsLowercase = Flags(rawValue: 1)
    /// `common_word=1`: the name is an ordinary English word.
    static let commonWord = Flags(rawValue: 2)
    /// `person_name=1`: the name is a frequent personal name.
    static let personName = Flags(rawValue: 4)
    /// The entry's type is `stop`.
    static let stop = Flags(rawValue: 8)
    /// The ID is an ISO 3166-2 code (`iso3166-2:…`).
    static let subdivision = Flags(rawValue: 16)
    /// `capital=1`: the capital of its country.
    static let capital = Flags(rawValue: 32)
  }
}

extension EntryFacts {
  /// The facts of an entry made in code or by the full parser.
  init(_ entry: GazetteerEntry) {
    self.init()
    population = entry.population.map(Int64.init) ?? -1
    priority = Int32(clamping: entry.priority)
    latitude = entry.latitude ?? .nan
    longitude = entry.longitude ?? .nan
    if entry.attributes["lowercase"] == "allow"
      || entry.name.unicodeScalars.first?.properties.isLowercase == true
    {
      flags.insert(.allowsLowercase)
    }
    if entry.attributes["common_word"] == "1" { flags.insert(.commonWord) }
    if entry.attributes["person_name"] == "1" { flags.insert(.personName) }
    if entry.attributes["capital"] == "1" { flags.insert(.capital) }
    if entry.label == GazetteerEntry.stopLabel { flags.insert(.stop) }
    if entry.id.hasPrefix("iso3166-2:") { flags.insert(.subdivision) }
    countryCode = entry.country.map { Self.countryCode(Array($0.utf8)) } ?? 0
    if var kind = entry.attributes["kind"] {
      placeKind = kind.withUTF8 { PlaceKind.of($0) }
    } else {
      placeKind = .other
    }
    if var admin1 = entry.attributes["admin1"] ?? (placeKind == .admin1 ? entry.name : nil) {
      admin1Hash = admin1.withUTF8 { Self.admin1Hash($0) }
    }
  }
}
