/// What a date-word gazetteer entry means, read once from its type and attributes.
///
/// The lexicon types and their attributes (see `Gazetteers/README.md`):
///
/// | type | attributes |
/// |---|---|
/// | `date_month` | `month=1…12`; `context=required` for names that are also common words ("May", "March") or abbreviations, which are dates only next to a day, a year, or a preposition |
/// | `date_weekday` | `weekday=1…7` (ISO: 1 Monday, 7 Sunday); `context=required` as above |
/// | `date_relative` | `days=N` (a day N days from the reference date: today 0, yesterday -1) or `value=PAST_REF`, `PRESENT_REF`, `FUTURE_REF` |
/// | `date_season` | `season=SP`, `SU`, `FA`, `WI`; `context=required` for "fall", "spring" |
/// | `date_holiday` | `fixed=MM-DD`, or `date_YYYY=MM-DD` per year for movable feasts, or `nth_weekday=MM:N:D` (the Nth weekday D of month MM, N = -1 for the last), or `easter=N` (N days from Western Easter); `length=N` days for a period ("Ramadan"); `cue=word,word` words whose presence in the document picks this entry among several with the same name |
/// | `date_unit` | `unit=day`, `week`, `weekend`, `month`, `quarter`, `half`, `year`, `decade`, `century`; `plural=yes` |
enum DateLexeme: Sendable {
  case month(Int, needsContext: Bool)
  case weekday(Int, needsContext: Bool)
  case relativeDay(Int)
  case reference(TimexReference)
  case season(Season, needsContext: Bool)
  case holiday(HolidayRule)
  case unit(DateUnit, plural: Bool)

  /// The gazetteer types the date recognizer reads.
  static let monthType = EntityLabel(rawValue: "date_month")
  static let weekdayType = EntityLabel(rawValue: "date_weekday")
  static let relativeType = EntityLabel(rawValue: "date_relative")
  static let seasonType = EntityLabel(rawValue: "date_season")
  static let holidayType = EntityLabel(rawValue: "date_holiday")
  static let unitType = EntityLabel(rawValue: "date_unit")

  /// Reads an entry.
  ///
  /// - Throws: ``GazetteerError`` naming the entry's line when an attribute is missing
  ///   or malformed.
  init(entry: GazetteerEntry, cueIDs: [UInt32]) throws(GazetteerError) {
    func fail(_ key: String, _ expected: String) -> GazetteerError {
      GazetteerError(
        .invalidAttributeValue(key: key, value: entry.attributes[key] ?? "", expected: expected),
        sourceName: entry.sourceName, line: entry.line)
    }
    func integer(
      _ key: String, _ range: ClosedRange<Int>, _ expected: String
    ) throws(GazetteerError) -> Int {
      guard let text = entry.attributes[key], let value = Int(text), range.contains(value) else {
        throw fail(key, expected)
      }
      return value
    }
    let needsContext = entry.attributes["context"] == "required"
    switch entry.label {
    case Self.monthType:
      self = .month(
        try integer("month", 1...12, "a month number, 1 to 12"), needsContext: needsContext)
    case Self.weekdayType:
      self = .weekday(
        try integer("weekday", 1...7, "an ISO weekday, 1 (Monday) to 7 (Sunday)"),
        needsContext: needsContext)
    case Self.relativeType:
      if entry.attributes["days"] != nil {
        self = .relativeDay(
          try integer("days", -366...366, "a number of days from the reference date"))
      } else {
        switch entry.attributes["value"] {
        case "PAST_REF"?: self = .reference(.past)
        case "PRESENT_REF"?: self = .reference(.present)
        case "FUTURE_REF"?: self = .reference(.future)
        default:
          throw fail("value", "PAST_REF, PRESENT_REF or FUTURE_REF (or give days=N)")
        }
      }
    case Self.seasonType:
      guard let season = entry.attributes["season"].flatMap(Season.init(code:)) else {
        throw fail("season", "SP, SU, FA or WI")
      }
      self = .season(season, needsContext: needsContext)
    case Self.holidayType:
      self = .holiday(try HolidayRule(entry: entry, cueIDs: cueIDs))
    case Self.unitType:
      guard let unit = entry.attributes["unit"].flatMap(DateUnit.init(name:)) else {
        throw fail("unit", "day, week, weekend, month, quarter, half, year, decade or century")
      }
      self = .unit(unit, plural: entry.attributes["plural"] == "yes")
    default:
      throw GazetteerError(
        .invalidType(entry.label.rawValue), sourceName: entry.sourceName, line: entry.line)
    }
  }
}

/// When a holiday falls: a fixed day, a list of days by year, a weekday rule or an
/// offset from Easter, and how many days it lasts.
struct HolidayRule: Sendable {
  var fixed: (month: Int, day: Int)?
  var byYear: [Int: (month: Int, day: Int)] = [:]
  var nthWeekday: (month: Int, n: Int, weekday: Int)?
  var easterOffset: Int?
  /// Days the holiday lasts: 1 for a day, 30 for Ramadan.
  var length = 1
  /// Token IDs of words that point to this holiday among several of the same name.
  var cues: [UInt32] = []

  /// Reads the attributes of a `date_holiday` entry.
  init(entry: GazetteerEntry, cueIDs: [UInt32]) throws(GazetteerError) {
    func fail(_ key: String, _ expected: String) -> GazetteerError {
      GazetteerError(
        .invalidAttributeValue(key: key, value: entry.attributes[key] ?? "", expected: expected),
        sourceName: entry.sourceName, line: entry.line)
    }
    /// `MM-DD`.
    func monthDay(_ text: String) -> (month: Int, day: Int)? {
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 2, parts[0].utf8.count == 2, parts[1].utf8.count == 2,
        let month = Int(parts[0]), let day = Int(parts[1]),
        CalendarDate(year: 2000, month: month, day: day) != nil
      else { return nil }
      return (month, day)
    }
    for (key, value) in entry.attributes {
      if key == "fixed" {
        guard let date = monthDay(value) else { throw fail(key, "a month and day, MM-DD") }
        fixed = date
      } else if key.hasPrefix("date_") {
        guard let year = Int(key.dropFirst(5)), (1...9999).contains(year),
          let date = monthDay(value)
        else { throw fail(key, "a month and day, MM-DD, after a key date_YYYY") }
        byYear[year] = date
      } else if key == "nth_weekday" {
        let parts = value.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[0]),
          [-1, 1, 2, 3, 4, 5].contains(parts[1]),
          (1...7).contains(parts[2])
        else { throw fail(key, "MM:N:D, the Nth (-1: last) ISO weekday D of month MM") }
        nthWeekday = (parts[0], parts[1], parts[2])
      } else if key == "easter" {
        guard let offset = Int(value), abs(offset) < 100 else {
          throw fail(key, "days from Easter Sunday")
        }
        easterOffset = offset
      } else if key == "length" {
        guard let days = Int(value), (1...366).contains(days) else {
          throw fail(key, "a number of days")
        }
        length = days
      }
    }
    guard fixed != nil || !byYear.isEmpty || nthWeekday != nil || easterOffset != nil else {
      throw fail("fixed", "one of fixed=MM-DD, date_YYYY=MM-DD, nth_weekday=MM:N:D or easter=N")
    }
    cues = cueIDs
  }

  /// The first day of the holiday in `year`, when the rule knows it.
  func start(in year: Int) -> CalendarDate? {
    if let date = byYear[year] { return CalendarDate(year: year, month: date.month, day: date.day) }
    if let fixed { return CalendarDate(year: year, month: fixed.month, day: fixed.day) }
    if let rule = nthWeekday {
      if rule.n > 0 {
        guard let first = CalendarDate(year: year, month: rule.month, day: 1) else { return nil }
        let offset = (rule.weekday - first.weekday + 7) % 7 + 7 * (rule.n - 1)
        guard let date = first.adding(days: offset), date.month == rule.month else { return nil }
        return date
      }
      guard
        let last = CalendarDate(
          year: year, month: rule.month, day: CalendarDate.daysIn(month: rule.month, year: year))
      else { return nil }
      return last.adding(days: -((last.weekday - rule.weekday + 7) % 7))
    }
    if let offset = easterOffset { return Self.easter(year)?.adding(days: offset) }
    return nil
  }

  /// Whether the rule gives a date in every year (not only in listed years).
  var isPerennial: Bool { fixed != nil || nthWeekday != nil || easterOffset != nil }

  /// The value of the holiday in a year: its day, or for a longer holiday the month or
  /// year that holds it.
  func point(in year: Int) -> TimexPoint {
    guard let start = start(in: year) else { return .year(year) }
    if length <= 1 { return .day(year: start.year, month: start.month, day: start.day) }
    guard let end = start.adding(days: length - 1) else { return .year(year) }
    if end.month == start.month { return .month(year: start.year, month: start.month) }
    return .year(start.year)
  }

  /// Western Easter Sunday (the anonymous Gregorian computus).
  static func easter(_ year: Int) -> CalendarDate? {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return CalendarDate(year: year, month: month, day: day)
  }
}
