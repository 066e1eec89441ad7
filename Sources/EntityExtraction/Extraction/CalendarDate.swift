/// A day in the proleptic Gregorian calendar, with no time or time zone.
///
/// Relative dates ("on Thursday", "last week") are resolved against a document's
/// reference date, normally its publication date. Calendar arithmetic is done by the
/// library itself, so results never depend on the machine's clock, zone or locale.
///
///     let date = CalendarDate(parsing: "2024-03-26")   // year 2024, month 3, day 26
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The year (1…9999).
  public var year: Int
  /// The month (1…12).
  public var month: Int
  /// The day of the month (1…31).
  public var day: Int

  /// Creates a date, or `nil` when the day does not exist ("2023-02-29").
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`; `nil` if malformed or nonexistent.
  ///
  /// - Complexity: O(1): it reads at most 10 UTF-8 bytes.
  public init?(parsing text: some StringProtocol) {
    // Ten bytes, digits but for the two hyphens, read without splitting into strings.
    var digits = (0, 0, 0)  // year, month, day
    var count = 0
    for byte in text.utf8 {
      count += 1
      guard count <= 10 else { return nil }
      if count == 5 || count == 8 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      let digit = Int(byte - 0x30)
      switch count {
      case 1...4: digits.0 = digits.0 * 10 + digit
      case 6...7: digits.1 = digits.1 * 10 + digit
      default: digits.2 = digits.2 * 10 + digit
      }
    }
    guard count == 10 else { return nil }
    self.init(year: digits.0, month: digits.1, day: digits.2)
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Orders dates chronologically.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Says whether `year` is a Gregorian leap year.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in a month of a year.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
