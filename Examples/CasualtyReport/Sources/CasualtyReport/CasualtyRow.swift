import EntityExtraction
import Foundation

/// One line of the report: what happened to how many people, where and when, and who said so.
struct CasualtyRow {
  /// A TIMEX3 value (`2024-03-11`, `2024-W10`, `XXXX-03-10`) or `unknown`.
  var date: String
  /// Whether `date` is the article's publication date, not a date written near the count.
  var dateIsPublicationDate: Bool
  /// The gazetteer ID of the place, to merge rows; `nil` when no place was found.
  var placeID: String?
  /// The place as printed: `Quetta (Balochistan, PK)`.
  var place: String
  var outcome: CasualtyOutcome
  /// The lowest and highest figures reported.
  var low: Int
  var high: Int
  /// Whether the highest figure is open-ended ("at least 25").
  var highIsOpen: Bool
  /// Whether any figure is hedged ("about 40").
  var approximate: Bool
  /// The files the figures come from, in order, without repeats.
  var sources: [String]

  /// The rows of one article: one per casualty record the library gives
  /// (`extractor.incidents(in:)`), with the place and date the text ties to it.
  static func rows(in result: ExtractedDocument, extractor: EntityExtractor) -> [CasualtyRow] {
    extractor.incidents(in: result).compactMap { incident -> CasualtyRow? in
      let count = incident.count
      guard let low = count.min ?? count.max, let high = count.max ?? count.min else { return nil }
      let date = incident.date?.value.value
      return CasualtyRow(
        date: date ?? result.document.referenceDate?.description ?? "unknown",
        dateIsPublicationDate: date == nil && result.document.referenceDate != nil,
        placeID: incident.place?.place.id,
        place: incident.place.map(describe) ?? "(no place given)",
        outcome: count.outcome, low: low, high: high, highIsOpen: count.max == nil,
        approximate: count.approximate, sources: [result.id])
    }
  }

  /// Rows with the same date, place and outcome become one, spanning every figure given.
  ///
  /// Figures are never added up: the same deaths are usually reported more than once
  /// ("at least nine killed", later "the death toll rose to 11").
  static func merged(_ rows: [CasualtyRow]) -> [CasualtyRow] {
    var order: [String] = []
    var byKey: [String: CasualtyRow] = [:]
    for row in rows {
      let key = "\(row.date)|\(row.placeID ?? "")|\(row.outcome.rawValue)"
      guard var merged = byKey[key] else {
        order.append(key)
        byKey[key] = row
        continue
      }
      merged.low = Swift.min(merged.low, row.low)
      if row.high > merged.high || (row.high == merged.high && row.highIsOpen) {
        merged.highIsOpen = row.highIsOpen
      }
      merged.high = Swift.max(merged.high, row.high)
      merged.approximate = merged.approximate || row.approximate
      merged.dateIsPublicationDate = merged.dateIsPublicationDate && row.dateIsPublicationDate
      for source in row.sources where !merged.sources.contains(source) {
        merged.sources.append(source)
      }
      byKey[key] = merged
    }
    return order.compactMap { byKey[$0] }.sorted { a, b in
      (a.date, a.place, rank(a.outcome)) < (b.date, b.place, rank(b.outcome))
    }
  }

  /// The rows as an aligned text table, with a footnote when a date is a publication date.
  static func table(_ rows: [CasualtyRow]) -> String {
    let header = ["date", "place", "outcome", "count", "source"]
    let cells = rows.map { row in
      [
        row.date + (row.dateIsPublicationDate ? "*" : ""), row.place, row.outcome.rawValue,
        row.countText, row.sources.joined(separator: ", "),
      ]
    }
    let widths = header.indices.map { column in
      ([header] + cells).map { $0[column].count }.max() ?? 0
    }
    func line(_ fields: [String]) -> String {
      fields.enumerated().map { column, field in
        column == fields.count - 1
          ? field : field + String(repeating: " ", count: widths[column] - field.count)
      }.joined(separator: " | ")
    }
    var lines = [
      line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-"),
    ]
    lines += cells.map(line)
    if rows.isEmpty { lines.append("(no casualty counts found)") }
    if rows.contains(where: \.dateIsPublicationDate) {
      lines.append("")
      lines.append("* the text gives no date for the count: the article's publication date")
    }
    return lines.joined(separator: "\n")
  }

  /// `11`, `9–11`, `25+`, `~40`.
  var countText: String {
    let range = low == high ? "\(low)" : "\(low)–\(high)"
    return (approximate ? "~" : "") + range + (highIsOpen ? "+" : "")
  }

  /// `Quetta (Balochistan, PK)`: the gazetteer's name, its admin1 and country.
  static func describe(_ place: IncidentPlace) -> String {
    var name = place.name
    if name == name.uppercased() && name.count > 3 { name = name.capitalized }
    let region = [place.place.admin1, place.place.country].compactMap { $0 }.filter { $0 != name }
    return region.isEmpty ? name : "\(name) (\(region.joined(separator: ", ")))"
  }

  static func rank(_ outcome: CasualtyOutcome) -> Int {
    let order: [CasualtyOutcome] = [
      .killed, .injured, .casualties, .missing, .kidnapped, .arrested, .rescued,
    ]
    return order.firstIndex(of: outcome) ?? order.count
  }
}
