import EntityExtraction
import Foundation

/// The `incidents` and `incidents-csv` output formats: one record per casualty count, with
/// its document, sentence, outcome, bounds, place, date, perpetrator and rule, ready for a
/// spreadsheet or a map (`docs/SPEC.md`, "Incidents").
///
///     {"id":"a.txt","sentence":"23 people were killed.","text":"23 people","start":47,"end":56,
///      "outcome":"killed","min":23,"max":23,…,"place":{"name":"Musakhel",…},"date":"2024-08-26",
///      "perpetrator":{"name":"Balochistan Liberation Army","id":"eex:org/…"},"rule":"rule:casualty/passive-verb"}
///
/// A document with no casualty count writes nothing; one that cannot be annotated writes
/// an error record (`{"id", "error"}`, or a CSV row with only `id`, `line` and `error`).
enum IncidentListing {
  /// The CSV columns, in order: the header row.
  static let columns = [
    "id", "line", "sentence", "text", "start", "end", "outcome", "min", "max", "approximate",
    "victims", "group", "place_name", "place_id", "place_country", "place_admin1", "place_lat",
    "place_lon", "date", "perpetrator", "perpetrator_id", "rule", "confidence", "error",
  ]

  /// The header row of `incidents-csv`.
  static func csvHeader() -> [UInt8] {
    Array((columns.map(csvField).joined(separator: ",") + "\n").utf8)
  }

  /// The records of one document: JSON lines, or CSV rows.
  ///
  /// - Parameters:
  ///   - head: The document's `id` member, or `line` for a JSONL line without one.
  ///   - offsets: The unit of `start` and `end`.
  static func render(
    head: JSONMember?, text: String, incidents: [Incident], offsets: OffsetUnit, csv: Bool
  ) -> [UInt8] {
    var utf8Offsets: [Int] = []
    for incident in incidents {
      utf8Offsets += [incident.utf8Range.lowerBound, incident.utf8Range.upperBound]
    }
    let converted = OffsetConverter.convert(utf8Offsets, in: text, to: offsets)
    var out: [UInt8] = []
    for (index, incident) in incidents.enumerated() {
      let members = record(
        incident, head: head, text: text, start: converted[2 * index], end: converted[2 * index + 1])
      if csv {
        out += csvRow(members)
      } else {
        JSONValue.object(members).write(to: &out)
        out.append(0x0A)
      }
    }
    return out
  }

  /// The error record of a document that could not be annotated.
  static func failure(id: JSONValue?, line: Int?, message: String, csv: Bool) -> [UInt8] {
    var members: [JSONMember] = []
    if let id { members.append(JSONMember("id", id)) }
    if let line { members.append(JSONMember("line", .integer(line))) }
    members.append(JSONMember("error", .string(message)))
    if csv { return csvRow(members) }
    var out: [UInt8] = []
    JSONValue.object(members).write(to: &out)
    out.append(0x0A)
    return out
  }

  /// One record's members, in the order of ``columns`` (place and perpetrator as objects).
  private static func record(
    _ incident: Incident, head: JSONMember?, text: String, start: Int, end: Int
  ) -> [JSONMember] {
    let count = incident.count
    func optional(_ value: Int?) -> JSONValue { value.map { .integer($0) } ?? .null }
    func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    func optional(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
    var members: [JSONMember] = head.map { [$0] } ?? []
    members += [
      JSONMember("sentence", .string(substring(text, incident.sentenceUTF8Range))),
      JSONMember("text", .string(substring(text, incident.utf8Range))),
      JSONMember("start", .integer(start)), JSONMember("end", .integer(end)),
      JSONMember("outcome", .string(count.outcome.rawValue)),
      JSONMember("min", optional(count.min)), JSONMember("max", optional(count.max)),
      JSONMember("approximate", .bool(count.approximate)),
      JSONMember("victims", optional(count.victims)), JSONMember("group", optional(count.group)),
    ]
    if let place = incident.place {
      members.append(
        JSONMember(
          "place",
          .object([
            JSONMember("name", .string(place.name)), JSONMember("id", .string(place.place.id)),
            JSONMember("country", optional(place.place.country)),
            JSONMember("admin1", optional(place.place.admin1)),
            JSONMember("lat", optional(place.place.latitude)),
            JSONMember("lon", optional(place.place.longitude)),
          ])))
    } else {
      members.append(JSONMember("place", .null))
    }
    members.append(JSONMember("date", optional(incident.date?.value.value)))
    if let perpetrator = incident.perpetrator {
      members.append(
        JSONMember(
          "perpetrator",
          .object([
            JSONMember("name", .string(perpetrator.name)), JSONMember("id", optional(perpetrator.id)),
          ])))
    } else {
      members.append(JSONMember("perpetrator", .null))
    }
    members.append(JSONMember("rule", .string(incident.rule)))
    members.append(JSONMember("confidence", optional(incident.confidence)))
    return members
  }

  /// A CSV row of the members, by ``columns``: `place` and `perpetrator` spread into
  /// their `place_*` and `perpetrator*` columns, absent and null members empty.
  private static func csvRow(_ members: [JSONMember]) -> [UInt8] {
    var cells: [String: String] = [:]
    func cell(_ value: JSONValue) -> String {
      switch value {
      case .null: return ""
      case .string(let text): return text
      case .bool(let flag): return flag ? "true" : "false"
      default: return value.jsonText
      }
    }
    for member in members {
      switch member.key {
      case "place":
        for inner in member.value.objectMembers ?? [] { cells["place_" + inner.key] = cell(inner.value) }
      case "perpetrator":
        cells["perpetrator"] = member.value["name"].map(cell) ?? ""
        cells["perpetrator_id"] = member.value["id"].map(cell) ?? ""
      default:
        cells[member.key] = cell(member.value)
      }
    }
    return Array((columns.map { csvField(cells[$0] ?? "") }.joined(separator: ",") + "\n").utf8)
  }

  /// A CSV field (RFC 4180): quoted, with its quotes doubled, when it holds a comma, a
  /// quote or a line break.
  static func csvField(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
    else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static func substring(_ text: String, _ range: Range<Int>) -> String {
    let utf8 = text.utf8
    let clamped = range.clamped(to: 0..<utf8.count)
    let lower = utf8.index(utf8.startIndex, offsetBy: clamped.lowerBound)
    let upper = utf8.index(lower, offsetBy: clamped.count)
    return String(text[lower..<upper])
  }
}
