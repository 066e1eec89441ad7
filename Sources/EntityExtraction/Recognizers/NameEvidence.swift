/// The evidence rules that type a capitalised name no list knows, read from the
/// `name_evidence` entries (`Gazetteers/names/evidence.tsv`): each rule's label, side and
/// weight, and two settings, the confidence a name needs to be reported and the factor
/// for other mentions of the same words in the document.
///
/// The weights live in that file, not in code, so that they can be tuned (or overridden
/// with `--gazetteers`: an entry with the same type and ID replaces the bundled one)
/// without touching a rule.
struct NameEvidence: Sendable {
  /// One evidence rule.
  struct Rule: Sendable, Equatable {
    /// The rule's name, the entry's name ("organization-descriptor").
    var name: String
    /// What the rule says the name is.
    var label: EntityLabel
    /// Whether the cue stands before the name ("the firm [X]") or after it ("[X] airlines").
    var isBefore: Bool
    /// The rule's weight, 0 to 1.
    var weight: Double
  }

  /// The rules, by name.
  private(set) var rules: [String: Rule] = [:]
  /// The confidence a name needs to be reported (`minimum`); without the entry, 1: no
  /// name is reported on cues alone.
  private(set) var minimum = 1.0
  /// The factor applied to another mention of the same words (`same-name`); without the
  /// entry, 0: no other mention is typed.
  private(set) var sameNameFactor = 0.0
  /// The confidence of the last word of a listed organization alone (`short-name`,
  /// "the Brotherhood" after "the Muslim Brotherhood"); without the entry, 0: not reported.
  private(set) var shortNameFactor = 0.0
  /// Person evidence from a reporting verb right after a one-word name ("Federer said"),
  /// `reporting`; without the entry, 0. The verbs are the `person_reporting_verb` lexicon's.
  private(set) var reportingWeight = 0.0
  /// Person evidence from a listed given name or surname among a person candidate's words
  /// (`name-word`); without the entry, 0.
  private(set) var nameWordWeight = 0.0
  /// Organization evidence for a listed place followed by capitalised plural words no list
  /// knows ("Toronto Blue Jays"), `team`; without the entry, 0.
  private(set) var teamWeight = 0.0

  /// The labels an evidence rule may give: the name recognizer's own.
  static let labels: Set<EntityLabel> = [.organization, .person]

  /// Reads the rules and settings from `name_evidence` entries.
  init(rules entries: [GazetteerEntry]) throws(GazetteerError) {
    for entry in entries {
      let weight = try Self.fraction(entry, "weight")
      switch entry.name {
      case "minimum": minimum = weight
      case "same-name": sameNameFactor = weight
      case "short-name": shortNameFactor = weight
      case "reporting": reportingWeight = weight
      case "name-word": nameWordWeight = weight
      case "team": teamWeight = weight
      default:
        guard let labelName = entry.attributes["label"], Self.labels.contains(EntityLabel(rawValue: labelName))
        else {
          throw Self.invalid(entry, "label", entry.attributes["label"] ?? "", "organization or person")
        }
        let side = entry.attributes["side"] ?? ""
        guard side == "before" || side == "after" else { throw Self.invalid(entry, "side", side, "before or after") }
        rules[entry.name] = Rule(
          name: entry.name, label: EntityLabel(rawValue: labelName), isBefore: side == "before", weight: weight)
      }
    }
  }

  /// The rule a cue entry names in its `evidence` attribute.
  func rule(forCue entry: GazetteerEntry) throws(GazetteerError) -> Rule {
    let name = entry.attributes["evidence"] ?? ""
    guard let rule = rules[name] else {
      let known = rules.keys.sorted().joined(separator: ", ")
      throw Self.invalid(entry, "evidence", name, "the name of a name_evidence rule (\(known))")
    }
    return rule
  }

  /// Combines independent pieces of evidence: 1 − (1 − a)(1 − b).
  static func combine(_ a: Double, _ b: Double) -> Double { 1 - (1 - a) * (1 - b) }

  private static func fraction(_ entry: GazetteerEntry, _ key: String) throws(GazetteerError) -> Double {
    let text = entry.attributes[key] ?? ""
    guard let value = Double(text), (0...1).contains(value) else {
      throw invalid(entry, key, text, "a number from 0 to 1")
    }
    return value
  }

  private static func invalid(_ entry: GazetteerEntry, _ key: String, _ value: String, _ expected: String)
    -> GazetteerError
  {
    GazetteerError(
      .invalidAttributeValue(key: key, value: value, expected: expected), sourceName: entry.sourceName,
      line: entry.line)
  }
}
