/// One line of a gazetteer: a named thing, its type, its ID, its other names and facts.
///
/// See `Gazetteers/FORMAT.md` (and the DocC article "Gazetteer format") for the text
/// form: `NAME<TAB>TYPE<TAB>ID[<TAB>ALIASES[<TAB>ATTRIBUTES]]`.
public struct GazetteerEntry: Hashable, Sendable {
  /// One spelling under which an entry is matched.
  public struct Surface: Hashable, Sendable {
    /// The spelling, without the `=` marker.
    public var text: String
    /// Whether the spelling matches only with exactly this letter case.
    public var isCaseSensitive: Bool
    /// Creates a surface.
    public init(_ text: String, isCaseSensitive: Bool = false) {
      self.text = text
      self.isCaseSensitive = isCaseSensitive
    }
  }

  /// The type that marks stoplist entries: their surfaces never match.
  public static let stopLabel = EntityLabel(rawValue: "stop")

  /// The canonical name.
  public var name: String
  /// The entity type.
  public var label: EntityLabel
  /// A stable identifier, unique per type in a gazetteer set.
  public var id: String
  /// Every spelling that matches: the name first, then the aliases.
  public var surfaces: [Surface]
  /// `key=value` facts, such as `country`, `lat`, `kind`.
  public var attributes: [String: String]
  /// The name of the file or source the entry was read from.
  public var sourceName: String
  /// The 1-based line the entry was read from (0 for entries made in code).
  public var line: Int

  /// Creates an entry in code.
  public init(
    name: String, label: EntityLabel, id: String, aliases: [Surface] = [],
    attributes: [String: String] = [:], caseSensitiveName: Bool = false,
    sourceName: String = "memory", line: Int = 0
  ) {
    self.name = name
    self.label = label
    self.id = id
    self.surfaces = [Surface(name, isCaseSensitive: caseSensitiveName)] + aliases
    self.attributes = attributes
    self.sourceName = sourceName
    self.line = line
  }

  /// The ISO 3166-1 alpha-2 country code, from the `country` attribute.
  public var country: String? { attributes["country"] }
  /// The first-level subdivision's name, from the `admin1` attribute.
  public var admin1: String? { attributes["admin1"] }
  /// Latitude, from the `lat` attribute.
  public var latitude: Double? { attributes["lat"].flatMap(Double.init) }
  /// Longitude, from the `lon` attribute.
  public var longitude: Double? { attributes["lon"].flatMap(Double.init) }
  /// Population, from the `population` attribute.
  public var population: Int? { attributes["population"].flatMap { Int($0) } }
  /// The kind of thing (`country`, `city`, `province`…), from the `kind` attribute.
  public var kind: String? { attributes["kind"] }
  /// Preference among entries matching the same text; higher wins. Default 0.
  public var priority: Int { attributes["priority"].flatMap { Int($0) } ?? 0 }

  /// The place this entry names, when it is a `place` entry.
  public var resolvedPlace: ResolvedPlace? {
    guard label == .place else { return nil }
    return ResolvedPlace(
      id: id, country: country, admin1: admin1 ?? (kind == "admin1" ? name : nil),
      latitude: latitude, longitude: longitude, kind: kind, population: population)
  }
}
