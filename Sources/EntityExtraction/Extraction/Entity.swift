/// A labelled stretch of source text that a recognizer identified.
///
/// A mention locates its text by UTF-8 byte offsets into the string it was extracted
/// from, as a half-open range. Offsets always fall on Unicode scalar boundaries; use
/// ``substring(in:)`` or ``OffsetConverter`` for other units.
///
///     let text = "Floods hit Dhaka on 3 May."
///     let dhaka = Entity(utf8Range: 11..<16, label: .place)
///     dhaka.substring(in: text)  // "Dhaka"
public struct Entity: Hashable, Sendable {
  /// The covered bytes, as UTF-8 offsets into the source text, half-open.
  public var utf8Range: Range<Int>
  /// The kind of entity mentioned.
  public var label: EntityLabel
  /// What produced the mention: `gazetteer:places/countries.tsv`, `rule:…`.
  public var source: String
  /// How sure the recognizer is, from 0 to 1, when it says.
  public var confidence: Double?
  /// The ID of the gazetteer entry or canonical entity, such as `iso3166-1:PK`.
  public var entryID: String?
  /// The canonical name of the entity ("Tehrik-i-Taliban Pakistan" for "TTP").
  public var canonicalName: String?
  /// Where a place is, for `place` mentions whose entry says.
  public var place: ResolvedPlace?
  /// Extra facts from the gazetteer entry or the recognizer, by key.
  public var attributes: [String: String]

  /// Creates a mention.
  public init(
    utf8Range: Range<Int>, label: EntityLabel, source: String = "", confidence: Double? = nil,
    entryID: String? = nil, canonicalName: String? = nil, place: ResolvedPlace? = nil,
    attributes: [String: String] = [:]
  ) {
    self.utf8Range = utf8Range
    self.label = label
    self.source = source
    self.confidence = confidence
    self.entryID = entryID
    self.canonicalName = canonicalName
    self.place = place
    self.attributes = attributes
  }

  /// Returns the part of `text` that this mention covers.
  ///
  /// - Precondition: `text` is the string this mention was extracted from.
  /// - Complexity: O(1) for native strings.
  public func substring(in text: String) -> Substring {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
    let upper = utf8.index(lower, offsetBy: utf8Range.count)
    return text[lower..<upper]
  }

  /// Returns the mention's range as `String.Index`es of `text`.
  ///
  /// - Precondition: `text` is the string this mention was extracted from.
  public func range(in text: String) -> Range<String.Index> {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound)
    return lower..<utf8.index(lower, offsetBy: utf8Range.count)
  }
}

/// Which place a `place` mention refers to.
public struct ResolvedPlace: Hashable, Sendable {
  /// The gazetteer ID: `iso3166-1:PK`, `iso3166-2:PK-KP`, `geonames:1171123`.
  public var id: String
  /// ISO 3166-1 alpha-2 code of the country the place is in (or is).
  public var country: String?
  /// The name of the first-level subdivision the place is in, when known.
  public var admin1: String?
  /// Latitude in decimal degrees, when known.
  public var latitude: Double?
  /// Longitude in decimal degrees, when known.
  public var longitude: Double?
  /// What sort of place: `country`, `admin1`, `province`, `district`, `city`…
  public var kind: String?
  /// The population, when the gazetteer gives one.
  public var population: Int?

  /// Creates a resolved place.
  public init(
    id: String, country: String? = nil, admin1: String? = nil, latitude: Double? = nil,
    longitude: Double? = nil, kind: String? = nil, population: Int? = nil
  ) {
    self.id = id
    self.country = country
    self.admin1 = admin1
    self.latitude = latitude
    self.longitude = longitude
    self.kind = kind
    self.population = population
  }
}
