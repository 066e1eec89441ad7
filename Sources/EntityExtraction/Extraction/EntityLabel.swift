/// The category of an entity mention, such as a place or a date.
///
/// Labels are an open set. The built-in recognizers use the static members below; a
/// gazetteer or a custom recognizer can use labels of its own (`weapon`, `vessel`)
/// without a library change. A label is lower case: `[a-z][a-z0-9_]*`.
public struct EntityLabel: RawRepresentable, Hashable, Sendable, Comparable,
  CustomStringConvertible, ExpressibleByStringLiteral
{
  /// The label's name, as written in JSON output and gazetteer files.
  public var rawValue: String
  /// Creates a label from its name.
  public init(rawValue: String) { self.rawValue = rawValue }
  /// Creates a label from a string literal.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// A named geographic or geopolitical location.
  public static let place = EntityLabel(rawValue: "place")
  /// A named group with a collective identity.
  public static let organization = EntityLabel(rawValue: "organization")
  /// A named person.
  public static let person = EntityLabel(rawValue: "person")
  /// A demonym or national adjective ("Pakistani", "Afghan").
  public static let nationality = EntityLabel(rawValue: "nationality")
  /// A calendar expression, absolute or relative (TIMEX3 DATE).
  public static let date = EntityLabel(rawValue: "date")
  /// A count of people harmed or taken, with its outcome.
  public static let casualty = EntityLabel(rawValue: "casualty")

  /// The six types of `docs/SPEC.md`, in the order the documentation lists them.
  public static let builtIn: [EntityLabel] = [
    .place, .organization, .person, .nationality, .date, .casualty,
  ]

  /// Says whether `name` is a well-formed label name.
  public static func isValidName(_ name: some StringProtocol) -> Bool {
    guard let first = name.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
    return name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
  }

  /// The label's name, the same as ``rawValue``.
  public var description: String { rawValue }
  /// Orders labels alphabetically by name.
  public static func < (lhs: EntityLabel, rhs: EntityLabel) -> Bool { lhs.rawValue < rhs.rawValue }
}
