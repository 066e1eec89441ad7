/// Day, week, month and year arithmetic on proleptic Gregorian dates.
///
/// Everything here is integer arithmetic on the date itself: no clock, time zone, locale
/// or Foundation calendar is consulted, so the same input gives the same output on every
/// machine. Weeks are ISO 8601 weeks: they start on Monday, and week 1 of a year is the
/// week that holds its first Thursday, so 2024-12-30 is in 2025-W01 and 2021-01-01 in
/// 2020-W53.
///
///     let date = CalendarDate(year: 2024, month: 12, day: 30)!
///     date.weekday                   // 1 (Monday)
///     date.isoWeek                   // (year: 2025, week: 1)
///     date.adding(days: 2)           // 2025-01-01
///     date.adding(months: 2)         // 2025-02-28 (the day is clamped to the month)
extension CalendarDate {
  /// The number of days from 1970-01-01 to this date (negative before it).
  ///
  /// - Complexity: O(1).
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil, with years starting in March.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Creates the date that is `days` days after 1970-01-01, or `nil` outside years
  /// 1…9999.
  public init?(daysSinceEpoch days: Int) {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.init(year: year, month: month, day: day)
  }

  /// The ISO weekday: 1 for Monday through 7 for Sunday.
  public var weekday: Int {
    // 1970-01-01 was a Thursday (4).
    let offset = (daysSinceEpoch + 3) % 7
    return (offset < 0 ? offset + 7 : offset) + 1
  }

  /// The day of the year, 1 for January 1.
  public var dayOfYear: Int {
    var total = day
    for earlier in 1..<month { total += CalendarDate.daysIn(month: earlier, year: year) }
    return total
  }

  /// The ISO 8601 week-numbering year and week (1…53) the date falls in.
  public var isoWeek: (year: Int, week: Int) {
    // The week belongs to the year that holds its Thursday.
    let thursdayDays = daysSinceEpoch + 4 - weekday
    guard let thursday = CalendarDate(daysSinceEpoch: thursdayDays) else {
      return (year, 1)
    }
    return (thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
  }

  /// The quarter of the year, 1…4.
  public var quarter: Int { (month - 1) / 3 + 1 }

  /// The number of ISO weeks (52 or 53) in an ISO week-numbering year.
  public static func isoWeeksIn(year: Int) -> Int {
    // A year has 53 weeks when December 28 falls in week 53.
    guard let lastWeekDay = CalendarDate(year: year, month: 12, day: 28) else { return 52 }
    return lastWeekDay.isoWeek.week
  }

  /// Creates the date of an ISO week and weekday, or `nil` when the week does not exist.
  ///
  /// - Parameters:
  ///   - isoYear: The ISO week-numbering year.
  ///   - week: The week, 1…52 or 53.
  ///   - weekday: 1 for Monday through 7 for Sunday.
  public init?(isoYear: Int, week: Int, weekday: Int) {
    guard (1...7).contains(weekday), week >= 1, week <= CalendarDate.isoWeeksIn(year: isoYear),
      let january4 = CalendarDate(year: isoYear, month: 1, day: 4)
    else { return nil }
    // January 4 is always in week 1.
    let mondayOfWeek1 = january4.daysSinceEpoch - (january4.weekday - 1)
    self.init(daysSinceEpoch: mondayOfWeek1 + (week - 1) * 7 + weekday - 1)
  }

  /// Returns the date `days` days later (earlier when negative), or `nil` outside years
  /// 1…9999.
  public func adding(days: Int) -> CalendarDate? {
    CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// Returns the date `months` months later (earlier when negative), with the day
  /// clamped to the length of the month reached (January 31 + 1 month = February 28 or
  /// 29); `nil` outside years 1…9999.
  public func adding(months: Int) -> CalendarDate? {
    let index = year * 12 + (month - 1) + months
    let newYear = index >= 0 ? index / 12 : (index - 11) / 12
    let newMonth = index - newYear * 12 + 1
    guard (1...9999).contains(newYear) else { return nil }
    return CalendarDate(
      year: newYear, month: newMonth,
      day: min(day, CalendarDate.daysIn(month: newMonth, year: newYear)))
  }

  /// Returns the date `years` years later (earlier when negative); February 29 becomes
  /// February 28 in a common year. `nil` outside years 1…9999.
  public func adding(years: Int) -> CalendarDate? {
    adding(months: years * 12)
  }
}
