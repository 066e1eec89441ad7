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
  /// The normalised value of a `date` mention.
  public var date: DateValue?
  /// The count and outcome of a `casualty` mention.
  public var casualty: CasualtyCount?
  /// Extra facts from the gazetteer entry or the recognizer, by key.
  public var attributes: [String: String]

  /// Creates a mention.
  public init(
    utf8Range: Range<Int>, label: EntityLabel, source: String = "", confidence: Double? = nil,
    entryID: String? = nil, canonicalName: String? = nil, place: ResolvedPlace? = nil,
    date: DateValue? = nil, casualty: CasualtyCount? = nil, attributes: [String: String] = [:]
  ) {
    self.utf8Range = utf8Range
    self.label = label
    self.source = source
    self.confidence = confidence
    self.entryID = entryID
    self.canonicalName = canonicalName
    self.place = place
    self.date = date
    self.casualty = casualty
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

/// The normalised value of a date mention: a TIMEX3 value, and what it was resolved
/// against.
///
/// Values are `2024-03-26`, `2024-03`, `2024`, `2024-W22`, `2020s` (decade `202X`),
/// `2024-SU` (season), `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`, or with `X` for parts a
/// missing anchor leaves unknown (`XXXX-03-26`).
///
///     let value = DateValue(value: "2024-03-02", anchor: .document)
///     value.anchor == .document  // "Saturday" resolved against the article's own date
public struct DateValue: Hashable, Sendable {
  /// The TIMEX3 value.
  public var value: String
  /// The date the document's relative expressions ("on Saturday", "last year") were
  /// resolved against: the caller's reference date (``DateAnchor/reference``) or the date
  /// the document gives for itself (``DateAnchor/document``); `nil` when there was
  /// neither, and relative values keep `X` for what they do not know.
  ///
  /// It is the same for every date of a document, absolute ones included: it says which
  /// anchor was in effect, not whether this value needed it.
  public var anchor: DateAnchor?

  /// Creates a date value.
  ///
  /// - Parameters:
  ///   - value: The TIMEX3 value.
  ///   - anchor: What the document's relative dates were resolved against, if anything.
  public init(value: String, anchor: DateAnchor? = nil) {
    self.value = value
    self.anchor = anchor
  }
}

/// Where the date came from that a document's relative dates were resolved against.
///
/// Written as the `anchor` member of a JSONL date value (`"anchor": "document"`).
///
///     let extractor = try EntityExtractor()
///     let text = "QUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday."
///     extractor.entities(in: text).last?.date  // 2024-03-02, anchor .document
public struct DateAnchor: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The anchor's name, as written in JSON output.
  public var rawValue: String
  /// Creates an anchor from its name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The reference date the caller gave (``EntityExtractor/entities(in:referenceDate:)``,
  /// `reference_date` or `--reference-date` in the CLI).
  public static let reference = DateAnchor(rawValue: "reference")
  /// The date the document gives for its own publication: its dateline, else the first
  /// full date of its first paragraph (see ``EntityExtractor/documentDate(in:)``).
  public static let document = DateAnchor(rawValue: "document")

  /// The anchor's name, the same as ``rawValue``.
  public var description: String { rawValue }
}

/// What happened to the people a casualty mention counts.
public struct CasualtyOutcome: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The outcome's name, as written in JSON output.
  public var rawValue: String
  /// Creates an outcome from its name.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Killed, dead, died, shot dead, lost their lives.
  public static let killed = CasualtyOutcome(rawValue: "killed")
  /// Injured, wounded, hurt.
  public static let injured = CasualtyOutcome(rawValue: "injured")
  /// Killed and injured not told apart.
  public static let casualties = CasualtyOutcome(rawValue: "casualties")
  /// Kidnapped, abducted, taken hostage.
  public static let kidnapped = CasualtyOutcome(rawValue: "kidnapped")
  /// Missing, unaccounted for.
  public static let missing = CasualtyOutcome(rawValue: "missing")
  /// Rescued, freed, released.
  public static let rescued = CasualtyOutcome(rawValue: "rescued")
  /// Arrested, detained, captured.
  public static let arrested = CasualtyOutcome(rawValue: "arrested")

  /// The outcome's name, the same as ``rawValue``.
  public var description: String { rawValue }
}

/// A count of people harmed or taken: outcome, bounds, and who; and, when the text says,
/// where, when and by whom (``place``, ``date``, ``perpetrator``).
///
/// `min` and `max` follow `docs/ANNOTATION.md`: "at least 38" is 38…nil, "more than 20" is
/// 21…nil, "up to 12" is nil…12, "about 40" is 40…40 and approximate, "dozens" 24…nil.
public struct CasualtyCount: Hashable, Sendable {
  /// What happened to them.
  public var outcome: CasualtyOutcome
  /// The lower bound, or `nil` when open.
  public var min: Int?
  /// The upper bound, or `nil` when open.
  public var max: Int?
  /// Whether the count is hedged ("about", "nearly", "some").
  public var approximate: Bool
  /// The victim head noun ("miners", "people"), when given.
  public var victims: String?
  /// The victims' group: `civilians`, `security`, `militants`, `foreigners`, `unknown`.
  public var group: String?
  /// The place, date and perpetrator the extractor tied to the count, behind one
  /// reference so that a mention stays small (see `Incident.swift`); `nil` when none.
  var links: IncidentLinks?

  /// Creates a count.
  public init(
    outcome: CasualtyOutcome, min: Int?, max: Int?, approximate: Bool = false,
    victims: String? = nil, group: String? = nil
  ) {
    self.outcome = outcome
    self.min = min
    self.max = max
    self.approximate = approximate
    self.victims = victims
    self.group = group
  }
}
