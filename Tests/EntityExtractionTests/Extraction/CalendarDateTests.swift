import EntityExtraction
import Testing

@Suite struct CalendarDateTests {
  @Test(arguments: [
    ("2024-03-26", 2024, 3, 26),
    ("2024-02-29", 2024, 2, 29),
    ("2000-02-29", 2000, 2, 29),
    ("0001-01-01", 1, 1, 1),
    ("9999-12-31", 9999, 12, 31),
    ("2023-04-30", 2023, 4, 30),
  ])
  func parsesValidDates(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
    let date = try #require(CalendarDate(parsing: text))
    #expect(date.year == year && date.month == month && date.day == day)
    #expect(date.description == text)
  }

  @Test(arguments: [
    "2023-02-29",  // not a leap year
    "1900-02-29",  // divisible by 100, not by 400
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "0000-01-01",
    "2024-1-05",
    "24-01-05",
    "2024/01/05",
    "2024-01-05T10:00",
    " 2024-01-05",
    "+024-01-05",
    "2024-0a-05",
    "２０２４-01-05",  // full-width digits
    "",
    "--",
  ])
  func rejectsMalformedOrNonexistentDates(_ text: String) {
    #expect(CalendarDate(parsing: text) == nil)
  }

  @Test func parsesSubstrings() {
    let text = "published 2024-03-26 in Quetta"
    let date = CalendarDate(parsing: text.split(separator: " ")[1])
    #expect(date == CalendarDate(year: 2024, month: 3, day: 26))
  }

  @Test func createsOnlyExistingDays() {
    #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
    #expect(CalendarDate(year: 2024, month: 6, day: 31) == nil)
  }

  @Test func ordersChronologically() throws {
    let dates = try ["2024-03-26", "2023-12-31", "2024-03-01", "2024-01-31", "0999-05-05"].map {
      try #require(CalendarDate(parsing: $0))
    }
    #expect(
      dates.sorted().map(\.description) == [
        "0999-05-05", "2023-12-31", "2024-01-31", "2024-03-01", "2024-03-26",
      ])
    let a = try #require(CalendarDate(parsing: "2024-03-26"))
    let b = try #require(CalendarDate(year: 2024, month: 3, day: 26))
    #expect(a == b && !(a < b) && !(b < a))
  }

  @Test func padsTheDescription() throws {
    #expect(try #require(CalendarDate(year: 99, month: 1, day: 5)).description == "0099-01-05")
  }

  @Test func knowsLeapYearsAndMonthLengths() {
    #expect(CalendarDate.isLeapYear(2024) && CalendarDate.isLeapYear(2000))
    #expect(!CalendarDate.isLeapYear(1900) && !CalendarDate.isLeapYear(2023))
    #expect(
      (1...12).map { CalendarDate.daysIn(month: $0, year: 2023) }
        == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    #expect(CalendarDate.daysIn(month: 2, year: 2024) == 29)
  }
}
