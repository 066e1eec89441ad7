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

  /// The rows of one article: one per casualty mention, placed and dated by the nearest
  /// place and date mentions (see README.md).
  static func rows(in result: ExtractedDocument) -> [CasualtyRow] {
    let text = result.document.text
    let units = TextUnits(text)
    let allPlaces = result.entities.filter { $0.label == .place }
    // "KABUL, Afghanistan — …": where the story was filed, not where it happened. Used only
    // when no other place comes before the count.
    let datelineEnd = datelineLength(of: text)
    let places = allPlaces.filter { $0.utf8Range.lowerBound >= datelineEnd }
    let dateline = allPlaces.first { $0.utf8Range.lowerBound < datelineEnd }
    let dates = result.entities.filter { $0.label == .date && isUsefulDate($0) }
    return result.entities.compactMap { entity -> CasualtyRow? in
      guard entity.label == .casualty, let count = entity.casualty else { return nil }
      guard let low = count.min ?? count.max, let high = count.max ?? count.min else { return nil }
      let start = entity.utf8Range.lowerBound
      let sentence = units.sentence(containing: start)
      let paragraph = units.paragraph(containing: start)
      let inSentence = { (e: Entity) in
        units.sentence(containing: e.utf8Range.lowerBound) == sentence
      }
      let inParagraph = { (e: Entity) in
        units.paragraph(containing: e.utf8Range.lowerBound) == paragraph
      }
      let before = { (e: Entity) in e.utf8Range.lowerBound < start }
      // Places: the same sentence, else paragraph, else anywhere earlier in the article;
      // a town or district before a province, a province before a country.
      let place =
        nearest(places, to: entity, within: [inSentence, inParagraph, before], rank: specificity)
        ?? dateline
      // Dates: the same sentence, else paragraph, else the publication date.
      let date = nearest(dates, to: entity, within: [inSentence, inParagraph], rank: { _ in 0 })
      return CasualtyRow(
        date: date?.date?.value ?? result.document.referenceDate?.description ?? "unknown",
        dateIsPublicationDate: date == nil && result.document.referenceDate != nil,
        placeID: place.map { $0.place?.id ?? $0.entryID ?? $0.substring(in: text).lowercased() },
        place: place.map { describe($0, in: text) } ?? "(no place found)",
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
      lines.append("* no date near the count: the article's publication date")
    }
    return lines.joined(separator: "\n")
  }

  /// `11`, `9–11`, `25+`, `~40`.
  var countText: String {
    let range = low == high ? "\(low)" : "\(low)–\(high)"
    return (approximate ? "~" : "") + range + (highIsOpen ? "+" : "")
  }

  /// The best mention of `candidates` in the first scope that has any: the lowest `rank`,
  /// then the nearest to `target`, then the earlier.
  static func nearest(
    _ candidates: [Entity], to target: Entity, within scopes: [(Entity) -> Bool],
    rank: (Entity) -> Int
  ) -> Entity? {
    for isInScope in scopes {
      let best = candidates.filter(isInScope).min { a, b in
        (rank(a), distance(a, target), a.utf8Range.lowerBound)
          < (rank(b), distance(b, target), b.utf8Range.lowerBound)
      }
      if let best { return best }
    }
    return nil
  }

  /// 0 for a town, district or other local place, 1 for a province or other ISO 3166-2
  /// subdivision, 2 for a country.
  static func specificity(_ place: Entity) -> Int {
    let id = place.place?.id ?? place.entryID ?? ""
    if id.hasPrefix("iso3166-1:") || place.place?.kind == "country" { return 2 }
    if id.hasPrefix("iso3166-2:") { return 1 }
    return 0
  }

  /// The length in bytes of the article's dateline ("QUETTA, Pakistan — "), or 0: an
  /// opening of at most 60 bytes, without sentence punctuation, ending in a spaced dash or
  /// a colon.
  static func datelineLength(of text: String) -> Int {
    let opening = String(decoding: text.utf8.prefix(80), as: UTF8.self)
    for marker in [" — ", " – ", " - ", ": "] {
      if let range = opening.range(of: marker) {
        let head = opening[..<range.lowerBound]
        if head.utf8.count <= 60, !head.contains(where: { ".!?\n".contains($0) }) {
          return head.utf8.count + marker.utf8.count
        }
      }
    }
    return 0
  }

  /// Bytes between two mentions (0 when they touch or overlap).
  static func distance(_ a: Entity, _ b: Entity) -> Int {
    Swift.max(
      0, a.utf8Range.lowerBound - b.utf8Range.upperBound,
      b.utf8Range.lowerBound - a.utf8Range.upperBound)
  }

  /// Dates that name a day, week, month, year…, not `PRESENT_REF` ("now") and the like.
  static func isUsefulDate(_ entity: Entity) -> Bool {
    guard let first = entity.date?.value.utf8.first else { return false }
    return (0x30...0x39).contains(first) || first == UInt8(ascii: "X")
  }

  /// `Quetta (Balochistan, PK)`: the gazetteer's name when it gives one, else the text.
  static func describe(_ place: Entity, in text: String) -> String {
    var name = place.canonicalName ?? String(place.substring(in: text))
    if name == name.uppercased() && name.count > 3 { name = name.capitalized }
    let region = [place.place?.admin1, place.place?.country].compactMap { $0 }
      .filter { $0 != name }
    return region.isEmpty ? name : "\(name) (\(region.joined(separator: ", ")))"
  }

  static func rank(_ outcome: CasualtyOutcome) -> Int {
    let order: [CasualtyOutcome] = [
      .killed, .injured, .casualties, .missing, .kidnapped, .arrested, .rescued,
    ]
    return order.firstIndex(of: outcome) ?? order.count
  }
}

/// Sentence and paragraph boundaries of a text, as UTF-8 byte offsets.
///
/// A paragraph ends at a blank line. A sentence ends after `.`, `!` or `?` (and any
/// closing quotes or brackets) followed by white space, except after a single letter or
/// a title ("U.S.", "Dr."), and at a paragraph end.
struct TextUnits {
  private var sentenceStarts: [Int] = [0]
  private var paragraphStarts: [Int] = [0]

  init(_ text: String) {
    let bytes = Array(text.utf8)
    let titles: Set<String> = [
      "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "St", "No",
    ]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A {
        // A blank line (only spaces, tabs or CR between two line feeds) ends a paragraph.
        var next = index + 1
        while next < bytes.count, [0x20, 0x09, 0x0D].contains(bytes[next]) { next += 1 }
        if next < bytes.count, bytes[next] == 0x0A {
          paragraphStarts.append(next + 1)
          sentenceStarts.append(next + 1)
          index = next + 1
          continue
        }
      } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
      {
        var end = index + 1
        while end < bytes.count, [0x22, 0x27, 0x29, 0x5D].contains(bytes[end]) { end += 1 }
        var wordStart = index
        while wordStart > 0, Self.isLetter(bytes[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
        let isAbbreviation = byte == UInt8(ascii: ".") && (word.count == 1 || titles.contains(word))
        if end < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end]), !isAbbreviation {
          sentenceStarts.append(end)
        }
      }
      index += 1
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// The index of the sentence that contains `utf8Offset`.
  func sentence(containing utf8Offset: Int) -> Int {
    (sentenceStarts.lastIndex { $0 <= utf8Offset } ?? 0)
  }

  /// The index of the paragraph that contains `utf8Offset`.
  func paragraph(containing utf8Offset: Int) -> Int {
    (paragraphStarts.lastIndex { $0 <= utf8Offset } ?? 0)
  }
}
