/// A calendar unit that date expressions count in ("two days ago", "last week").
enum DateUnit: UInt8, Sendable {
  case day, week, weekend, month, quarter, half, year, decade, century

  /// Reads a `unit=` attribute value.
  init?(name: String) {
    switch name {
    case "day": self = .day
    case "week": self = .week
    case "weekend": self = .weekend
    case "month": self = .month
    case "quarter": self = .quarter
    case "half": self = .half
    case "year": self = .year
    case "decade": self = .decade
    case "century": self = .century
    default: return nil
    }
  }
}

/// A season of the year, with its TIMEX3 code.
enum Season: UInt8, Sendable, CaseIterable {
  case spring, summer, fall, winter

  /// Reads a `season=` attribute value: `SP`, `SU`, `FA`, `WI`.
  init?(code: String) {
    switch code {
    case "SP": self = .spring
    case "SU": self = .summer
    case "FA": self = .fall
    case "WI": self = .winter
    default: return nil
    }
  }

  /// The TIMEX3 code (static bytes, which ``TimexPoint/value`` copies into its buffer).
  var code: StaticString {
    switch self {
    case .spring: "SP"
    case .summer: "SU"
    case .fall: "FA"
    case .winter: "WI"
    }
  }

  /// The season a date falls in, and the year it is labelled with: meteorological
  /// seasons (spring is March to May), and winter belongs to the year of its December.
  static func of(_ date: CalendarDate) -> (year: Int, season: Season) {
    switch date.month {
    case 3...5: (date.year, .spring)
    case 6...8: (date.year, .summer)
    case 9...11: (date.year, .fall)
    case 12: (date.year, .winter)
    default: (date.year - 1, .winter)
    }
  }
}

/// Which way a relative expression points from the reference date.
enum TenseDirection: Sendable {
  /// Before the reference date, or on it: news reports what happened ("said on
  /// Thursday").
  case past
  /// On or after the reference date: "will meet on Thursday", "is scheduled for May".
  case future
  /// No tense cue in the clause. A weekday or season is then in the past; a month, or a
  /// month and day, may also be up to three months ahead, the horizon of the deadlines
  /// and schedules news announces without a future tense ("payable Dec. 15",
  /// "extended to Nov. 16").
  case unmarked

  /// How far ahead of the reference date an unmarked month or day may lie, in days.
  static let unmarkedHorizonDays = 92
  /// How far ahead of the reference month an unmarked month may lie, in months.
  static let unmarkedHorizonMonths = 3
}

/// A TIMEX3 DATE value at some granularity, as the normaliser builds it.
///
/// A `nil` year is a year the text does not give and no reference date supplies; it
/// is written `XXXX` ("March 26" → `XXXX-03-26`).
enum TimexPoint: Hashable, Sendable {
  case day(year: Int?, month: Int, day: Int)
  case month(year: Int?, month: Int)
  case year(Int?)
  /// An ISO week; `nil` week with a `nil` year is `XXXX-WXX`.
  case week(year: Int?, week: Int?)
  case weekend(year: Int?, week: Int?)
  /// A weekday with no reference date to place it: `XXXX-WXX-4`.
  case weekdayOnly(Int)
  case quarter(year: Int?, quarter: Int)
  case half(year: Int?, half: Int)
  case season(year: Int?, season: Season)
  /// The first three digits of the years of a decade: 199 for the 1990s.
  case decade(Int)
  /// The first two digits of the years of a century: 19 for the 20th century.
  case century(Int)
  /// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
  case reference(TimexReference)
  /// A day no reference date places: `XXXX-XX-XX`.
  case unknownDay

  /// The TIMEX3 value string.
  ///
  /// Written as ASCII bytes into a buffer on the stack and made into one `String` at
  /// the end: a value has at most 15 bytes unless its numbers are absurd, so that is a
  /// small string, with no allocation, where string interpolation and zero padding made
  /// and joined three to six strings per date. The numbers are spelled as
  /// `String(value)` spells them, padded with zeros in front (see
  /// ``TimexWriter/append(_:width:)``).
  var value: String {
    // 64 bytes: three integers of at most 20 characters ("-" and 19 digits) and their
    // separators, the longest value any `Int`s make.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { (buffer) -> String in
      var out = TimexWriter(buffer: buffer)
      switch self {
      case .day(let year, let month, let day):
        out.appendYear(year)
        out.append("-")
        out.append(month, width: 2)
        out.append("-")
        out.append(day, width: 2)
      case .month(let year, let month):
        out.appendYear(year)
        out.append("-")
        out.append(month, width: 2)
      case .year(let year):
        out.appendYear(year)
      case .week(let year, let week), .weekend(let year, let week):
        out.appendYear(year)
        out.append("-W")
        if let week { out.append(week, width: 2) } else { out.append("XX") }
        if case .weekend = self { out.append("-WE") }
      case .weekdayOnly(let weekday):
        out.append("XXXX-WXX-")
        out.append(weekday, width: 1)
      case .quarter(let year, let quarter):
        out.appendYear(year)
        out.append("-Q")
        out.append(quarter, width: 1)
      case .half(let year, let half):
        out.appendYear(year)
        out.append("-H")
        out.append(half, width: 1)
      case .season(let year, let season):
        out.appendYear(year)
        out.append("-")
        out.append(season.code)
      case .decade(let digits):
        out.append(digits, width: 3)
      case .century(let digits):
        out.append(digits, width: 2)
      case .reference(let reference):
        out.append(reference.name)
      case .unknownDay:
        out.append("XXXX-XX-XX")
      }
      return out.string
    }
  }

  /// The calendar year the point lies in, when known.
  var knownYear: Int? {
    switch self {
    case .day(let year, _, _), .month(let year, _), .year(let year), .week(let year, _),
      .weekend(let year, _), .quarter(let year, _), .half(let year, _), .season(let year, _):
      return year
    default:
      return nil
    }
  }

  /// Whether the point is a placed calendar position (not a `_REF`, nor unplaced for
  /// want of a reference date): such points become the discourse focus that "that day"
  /// or "a year earlier" use.
  var isAnchor: Bool { knownYear != nil }

  /// Whether the point is a calendar position, placed or not (not a `_REF`).
  var isCalendarPosition: Bool {
    if case .reference = self { return false }
    return true
  }

  /// The point `count` units later (earlier when negative), at its own granularity: a
  /// day shifted by a year is a day, a quarter shifted by a year a quarter ("a year
  /// earlier" than 1989-Q3 is 1988-Q3).
  ///
  /// Returns `nil` when the point has no known year or is coarser than the unit (a
  /// month cannot be shifted by days).
  func shifted(by count: Int, _ unit: DateUnit) -> TimexPoint? {
    /// The unit's length in months, for month-based points.
    var months: Int? {
      switch unit {
      case .month: 1
      case .quarter: 3
      case .half: 6
      case .year: 12
      case .decade: 120
      case .century: 1200
      case .day, .week, .weekend: nil
      }
    }
    switch self {
    case .day(let year?, let month, let day):
      guard let date = CalendarDate(year: year, month: month, day: day) else { return nil }
      let moved: CalendarDate?
      switch unit {
      case .day: moved = date.adding(days: count)
      case .week, .weekend: moved = date.adding(days: 7 * count)
      default: moved = months.flatMap { date.adding(months: $0 * count) }
      }
      return moved.map { .day(year: $0.year, month: $0.month, day: $0.day) }
    case .month(let year?, let month):
      guard let months else { return nil }
      let index = year * 12 + month - 1 + months * count
      return .month(year: Self.floorDiv(index, 12), month: Self.floorMod(index, 12) + 1)
    case .quarter(let year?, let quarter):
      guard let months, months >= 3 else { return nil }
      let index = year * 4 + quarter - 1 + months / 3 * count
      return .quarter(year: Self.floorDiv(index, 4), quarter: Self.floorMod(index, 4) + 1)
    case .half(let year?, let half):
      guard let months, months >= 6 else { return nil }
      let index = year * 2 + half - 1 + months / 6 * count
      return .half(year: Self.floorDiv(index, 2), half: Self.floorMod(index, 2) + 1)
    case .year(let year?):
      guard let months, months >= 12 else { return nil }
      return .year(year + months / 12 * count)
    case .season(let year?, let season):
      guard let months, months >= 12 else { return nil }
      return .season(year: year + months / 12 * count, season: season)
    case .week(let year?, let week?), .weekend(let year?, let week?):
      guard unit == .week || unit == .weekend,
        let monday = CalendarDate(isoYear: year, week: week, weekday: 1),
        let moved = monday.adding(days: 7 * count)
      else { return nil }
      let iso = moved.isoWeek
      if case .weekend = self { return .weekend(year: iso.year, week: iso.week) }
      return .week(year: iso.year, week: iso.week)
    case .decade(let digits):
      switch unit {
      case .decade: return .decade(digits + count)
      case .century: return .decade(digits + 10 * count)
      default: return nil
      }
    case .century(let digits):
      return unit == .century ? .century(digits + count) : nil
    default:
      return nil
    }
  }

  /// The point at `unit` granularity that is `count` units from the one holding `date`:
  /// "two days ago" is a day, "last week" an ISO week, "a year ago" a year.
  static func around(_ date: CalendarDate, shiftedBy count: Int, _ unit: DateUnit) -> TimexPoint? {
    switch unit {
    case .day:
      guard let moved = date.adding(days: count) else { return nil }
      return .day(year: moved.year, month: moved.month, day: moved.day)
    case .week, .weekend:
      guard let moved = date.adding(days: 7 * count) else { return nil }
      let iso = moved.isoWeek
      return unit == .week
        ? .week(year: iso.year, week: iso.week) : .weekend(year: iso.year, week: iso.week)
    case .month:
      guard let moved = date.adding(months: count) else { return nil }
      return .month(year: moved.year, month: moved.month)
    case .quarter:
      let index = date.year * 4 + date.quarter - 1 + count
      return .quarter(year: floorDiv(index, 4), quarter: floorMod(index, 4) + 1)
    case .half:
      let index = date.year * 2 + (date.month - 1) / 6 + count
      return .half(year: floorDiv(index, 2), half: floorMod(index, 2) + 1)
    case .year:
      return .year(date.year + count)
    case .decade:
      return .decade(floorDiv(date.year, 10) + count)
    case .century:
      return .century(floorDiv(date.year, 100) + count)
    }
  }

  /// The point of unit granularity that holds `date`, shifted by nothing.
  static func containing(_ date: CalendarDate, _ unit: DateUnit) -> TimexPoint? {
    around(date, shiftedBy: 0, unit)
  }

  /// The same point with the year unknown parts written as `X`: what a relative
  /// expression of this unit is when there is no reference date.
  static func unplaced(_ unit: DateUnit) -> TimexPoint {
    switch unit {
    case .day: return .unknownDay
    case .week: return .week(year: nil, week: nil)
    case .weekend: return .weekend(year: nil, week: nil)
    case .month, .quarter, .half, .year, .decade, .century: return .year(nil)
    }
  }

  static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
  static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}

/// `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`: the TIMEX3 values of a time relative to
/// the document's.
///
/// A case rather than the value string, so that ``TimexPoint``, and with it the
/// scanner's `Found`, holds nothing reference-counted: the scanner copies and drops
/// those values at every family it tries, and as plain bytes that needs no outlined
/// copy or destroy, and no retain or release.
enum TimexReference: UInt8, Hashable, Sendable {
  case past, present, future

  /// The TIMEX3 value.
  var name: StaticString {
    switch self {
    case .past: "PAST_REF"
    case .present: "PRESENT_REF"
    case .future: "FUTURE_REF"
    }
  }
}

/// Writes the ASCII bytes of a ``TimexPoint/value`` into a buffer the caller provides,
/// large enough for the value (64 bytes hold any).
private struct TimexWriter {
  /// Where the bytes go.
  let buffer: UnsafeMutableBufferPointer<UInt8>
  /// The bytes written so far.
  var count = 0

  /// Creates a writer over `buffer`, empty.
  init(buffer: UnsafeMutableBufferPointer<UInt8>) {
    self.buffer = buffer
  }

  /// Appends the bytes of `text`, which is ASCII.
  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes in
      for byte in bytes {
        buffer[count] = byte
        count += 1
      }
    }
  }

  /// Appends `value` as `String(value)` spells it (a "-" and the digits of a negative
  /// number), with "0"s before it up to `width` characters in all: "7" → "07", "2024"
  /// stays "2024", and "-5" at width 4 is "00-5", as padding the string `String(value)`
  /// gives. Width 1 is the number as interpolated ("Q3").
  mutating func append(_ value: Int, width: Int) {
    var magnitude = value.magnitude
    var digitCount = 1
    var rest = magnitude / 10
    while rest > 0 {
      digitCount += 1
      rest /= 10
    }
    let length = value < 0 ? digitCount + 1 : digitCount
    if length < width {
      for _ in 0..<(width - length) {
        buffer[count] = UInt8(ascii: "0")
        count += 1
      }
    }
    if value < 0 {
      buffer[count] = UInt8(ascii: "-")
      count += 1
    }
    // The digits, last first, into the places they end in.
    count += digitCount
    var position = count
    repeat {
      position -= 1
      buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
  }

  /// Appends a year: four digits at least, or `XXXX` when unknown.
  mutating func appendYear(_ year: Int?) {
    if let year {
      append(year, width: 4)
    } else {
      append("XXXX")
    }
  }

  /// The bytes written, as a string.
  var string: String {
    String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
  }
}

/// Places partial dates ("Thursday", "March", "March 26") against a reference date.
///
/// News reports what happened, so a bare weekday or month is the nearest one on or
/// before the reference date unless the tense points forward ("will meet on Thursday").
/// The reference day itself counts: "on Thursday" in an article of a Thursday is that
/// day.
enum DateResolution {
  /// The nearest day with `weekday` (1 = Monday) on the side `direction` points to,
  /// the reference day included.
  static func weekday(
    _ weekday: Int, from reference: CalendarDate, _ direction: TenseDirection
  ) -> CalendarDate? {
    let delta = weekday - reference.weekday
    switch direction {
    case .past, .unmarked: return reference.adding(days: delta <= 0 ? delta : delta - 7)
    case .future: return reference.adding(days: delta >= 0 ? delta : delta + 7)
    }
  }

  /// The nearest day with `weekday` strictly before (`last Friday`) or after
  /// (`next Friday`) the reference day.
  static func weekday(
    _ weekday: Int, strictlyFrom reference: CalendarDate, _ direction: TenseDirection
  ) -> CalendarDate? {
    let delta = weekday - reference.weekday
    switch direction {
    case .past, .unmarked: return reference.adding(days: delta < 0 ? delta : delta - 7)
    case .future: return reference.adding(days: delta > 0 ? delta : delta + 7)
    }
  }

  /// The year of the nearest `month` on the side `direction` points to, the reference
  /// month included; with `strictly`, the reference month excluded ("last March").
  static func year(
    ofMonth month: Int, from reference: CalendarDate, _ direction: TenseDirection,
    strictly: Bool = false
  ) -> Int {
    switch direction {
    case .past:
      return month < reference.month || (!strictly && month == reference.month)
        ? reference.year : reference.year - 1
    case .future:
      return month > reference.month || (!strictly && month == reference.month)
        ? reference.year : reference.year + 1
    case .unmarked:
      // The latest such month no more than the horizon after the reference month.
      let limit = reference.year * 12 + reference.month - 1 + TenseDirection.unmarkedHorizonMonths
      var year = reference.year + 1
      while year * 12 + month - 1 > limit { year -= 1 }
      return year
    }
  }

  /// The year of a month and day without a year. In the past, the latest such day no
  /// more than a week after the reference date; in the future, the earliest on or after
  /// it; unmarked, the latest no more than the horizon after it.
  static func year(
    ofMonth month: Int, day: Int, from reference: CalendarDate, _ direction: TenseDirection
  ) -> Int {
    let referenceDays = reference.daysSinceEpoch
    func days(_ year: Int) -> Int? {
      // February 29 exists only in leap years; look at the nearest one.
      CalendarDate(
        year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))?
        .daysSinceEpoch
    }
    switch direction {
    case .past, .unmarked:
      let horizon = direction == .past ? 7 : TenseDirection.unmarkedHorizonDays
      for year in [reference.year + 1, reference.year, reference.year - 1] {
        if let candidate = days(year), candidate <= referenceDays + horizon { return year }
      }
      return reference.year - 1
    case .future:
      for year in [reference.year - 1, reference.year, reference.year + 1] {
        if let candidate = days(year), candidate >= referenceDays { return year }
      }
      return reference.year + 1
    }
  }

  /// The year label of the nearest `season` on the side `direction` points to, the
  /// current season included; with `strictly`, excluded ("last fall").
  static func year(
    ofSeason season: Season, from reference: CalendarDate, _ direction: TenseDirection,
    strictly: Bool = false
  ) -> Int {
    let current = Season.of(reference)
    let currentIndex = current.year * 4 + Int(current.season.rawValue)
    var year = current.year
    if direction != .future {
      while year * 4 + Int(season.rawValue) > currentIndex - (strictly ? 1 : 0) { year -= 1 }
      while (year + 1) * 4 + Int(season.rawValue) <= currentIndex - (strictly ? 1 : 0) { year += 1 }
    } else {
      while year * 4 + Int(season.rawValue) < currentIndex + (strictly ? 1 : 0) { year += 1 }
      while (year - 1) * 4 + Int(season.rawValue) >= currentIndex + (strictly ? 1 : 0) { year -= 1 }
    }
    return year
  }
}
