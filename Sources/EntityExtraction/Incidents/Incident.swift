/// One casualty record with where, when and by whom the harm was done, as the text tells:
/// a row for a conflict monitor's table, and what `entities --format incidents` writes.
///
///     let extractor = try EntityExtractor()
///     let text = "On Monday, gunmen attacked a bus in Musakhail. 23 people were killed."
///     for incident in extractor.incidents(in: text, referenceDate: CalendarDate(parsing: "2024-08-27")) {
///       print(incident.count.outcome, incident.count.min ?? 0, incident.place?.name ?? "-",
///             incident.date?.value.value ?? "-")  // killed 23 Musakhail 2024-08-26
///     }
///
/// Offsets are UTF-8 byte offsets into the text the incident was found in, half-open. The
/// place, date and perpetrator are those of ``CasualtyCount/place``,
/// ``CasualtyCount/date`` and ``CasualtyCount/perpetrator``: each is `nil` when the text
/// does not tie one to the count (see `DESIGN.md`, "Incidents", for the rules).
public struct Incident: Hashable, Sendable {
  /// The casualty mention, as UTF-8 offsets into the text, half-open.
  public var utf8Range: Range<Int>
  /// The sentence the count is in, as UTF-8 offsets into the text, half-open: from its
  /// first token to the end of its last (a sentence never runs across a line break).
  public var sentenceUTF8Range: Range<Int>
  /// The count: outcome, bounds, victims, and the place, date and perpetrator.
  public var count: CasualtyCount
  /// The rule that found the count, the mention's `source` (`rule:casualty/active-verb`).
  public var rule: String
  /// The casualty recognizer's confidence in the count, when it gives one.
  public var confidence: Double?

  /// Creates an incident.
  public init(
    utf8Range: Range<Int>, sentenceUTF8Range: Range<Int>, count: CasualtyCount, rule: String,
    confidence: Double? = nil
  ) {
    self.utf8Range = utf8Range
    self.sentenceUTF8Range = sentenceUTF8Range
    self.count = count
    self.rule = rule
    self.confidence = confidence
  }

  /// Where the harm happened, when the text says: ``CasualtyCount/place`` of ``count``.
  public var place: IncidentPlace? { count.place }
  /// When it happened, when the text says: ``CasualtyCount/date`` of ``count``.
  public var date: IncidentDate? { count.date }
  /// The named organization that did it or claimed it: ``CasualtyCount/perpetrator``.
  public var perpetrator: IncidentPerpetrator? { count.perpetrator }
}

/// The place where the harm a casualty count reports happened: a place mention of the
/// document and what it was resolved to.
///
///     // "… were killed outside Besham town in northern Pakistan's Khyber Pakhtunkhwa province"
///     count.place?.name        // "Besham" (the most specific of the three places)
///     count.place?.place.admin1  // "Khyber Pakhtunkhwa"
public struct IncidentPlace: Hashable, Sendable {
  /// The place mention it came from, as UTF-8 offsets into the text, half-open.
  public var utf8Range: Range<Int>
  /// The gazetteer's name for the place ("Lakki Marwat"), else the mention's text.
  public var name: String
  /// What the place mention was resolved to: ID, country, admin1, coordinates, kind.
  public var place: ResolvedPlace

  /// Creates an incident place.
  public init(utf8Range: Range<Int>, name: String, place: ResolvedPlace) {
    self.utf8Range = utf8Range
    self.name = name
    self.place = place
  }
}

/// The date on which the harm a casualty count reports happened: a date mention of the
/// document and its value.
public struct IncidentDate: Hashable, Sendable {
  /// The date mention it came from, as UTF-8 offsets into the text, half-open.
  public var utf8Range: Range<Int>
  /// The mention's TIMEX3 value (`2024-08-26`, `2024-W35`, `XXXX-03-26`).
  public var value: DateValue

  /// Creates an incident date.
  public init(utf8Range: Range<Int>, value: DateValue) {
    self.utf8Range = utf8Range
    self.value = value
  }
}

/// The named organization that did the harm a casualty count reports, or claimed it: an
/// organization mention of the document ("claimed by the Balochistan Liberation Army",
/// "Taliban fighters killed"). Generic attackers ("gunmen", "militants") name none.
public struct IncidentPerpetrator: Hashable, Sendable {
  /// The organization mention it came from, as UTF-8 offsets into the text, half-open.
  public var utf8Range: Range<Int>
  /// The organization's canonical name ("Tehrik-i-Taliban Pakistan" for "TTP"), else the
  /// mention's text.
  public var name: String
  /// The gazetteer ID of the organization, when it has one.
  public var id: String?

  /// Creates an incident perpetrator.
  public init(utf8Range: Range<Int>, name: String, id: String? = nil) {
    self.utf8Range = utf8Range
    self.name = name
    self.id = id
  }
}

extension CasualtyCount {
  /// Where the harm happened: the most specific place the text ties to this count's event
  /// ("in the Lakki Marwat district of Khyber Pakhtunkhwa" → Lakki Marwat), or `nil`.
  /// Never the victims' origin ("five Chinese citizens", "workers from Punjab") or where
  /// a statement was made ("said in Islamabad").
  public var place: IncidentPlace? {
    get { links?.place }
    set { setLinks(place: newValue, date: date, perpetrator: perpetrator) }
  }

  /// When the harm happened: the date the text ties to this count's event, or `nil`;
  /// never the date of a statement ("said on Thursday").
  public var date: IncidentDate? {
    get { links?.date }
    set { setLinks(place: place, date: newValue, perpetrator: perpetrator) }
  }

  /// The named organization that did it or claimed it, or `nil`.
  public var perpetrator: IncidentPerpetrator? {
    get { links?.perpetrator }
    set { setLinks(place: place, date: date, perpetrator: newValue) }
  }

  /// Replaces the links; none at all is `nil`, so an unlinked count equals a new one.
  mutating func setLinks(place: IncidentPlace?, date: IncidentDate?, perpetrator: IncidentPerpetrator?) {
    links =
      place == nil && date == nil && perpetrator == nil
      ? nil : IncidentLinks(place: place, date: date, perpetrator: perpetrator)
  }
}

/// The place, date and perpetrator of a casualty count, held by reference: inline, they
/// would more than double the size of every ``Entity``, which the pipeline moves often.
/// Immutable; a change makes a new one, so value semantics hold.
final class IncidentLinks: Hashable, Sendable {
  let place: IncidentPlace?
  let date: IncidentDate?
  let perpetrator: IncidentPerpetrator?

  init(place: IncidentPlace?, date: IncidentDate?, perpetrator: IncidentPerpetrator?) {
    self.place = place
    self.date = date
    self.perpetrator = perpetrator
  }

  static func == (lhs: IncidentLinks, rhs: IncidentLinks) -> Bool {
    lhs === rhs
      || (lhs.place == rhs.place && lhs.date == rhs.date && lhs.perpetrator == rhs.perpetrator)
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(place)
    hasher.combine(date)
    hasher.combine(perpetrator)
  }
}
