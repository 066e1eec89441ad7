import EntityExtraction
import Foundation
import Testing
import _EntityExtractionTestSupport

/// The date recognizer through the public API, with the bundled date gazetteers
/// (`Gazetteers/dates/`) and nothing else, so that other lists cannot interfere.
@Suite struct DateRecognizerTests {
  /// The date word lists of the repository.
  static let dateGazetteers: Result<[Gazetteer], Error> = Result {
    try Gazetteer.loadDirectory(Fixtures.repositoryRoot + "/Gazetteers/dates", namePrefix: "dates/")
  }

  static let extractor: Result<EntityExtractor, Error> = Result {
    try makeExtractor()
  }

  /// An extractor with the repository's date lists, then `extra` as a later layer (as
  /// `--gazetteers DIR` adds one), reporting dates only.
  static func makeExtractor(extra: [Gazetteer] = []) throws -> EntityExtractor {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteerDirectories = [Fixtures.repositoryRoot + "/Gazetteers/dates"]
    configuration.gazetteers = extra
    configuration.labels = [.date]
    return try EntityExtractor(configuration: configuration)
  }

  /// Checks the marked spans and, in order, their values.
  func check(
    _ marked: String, reference: String?, values: [String],
    extractor: EntityExtractor? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let sample = try MarkedText(marked)
    let referenceDate = try reference.map { try #require(CalendarDate(parsing: $0)) }
    let entities = try (extractor ?? Self.extractor.get()).entities(
      in: sample.text, referenceDate: referenceDate)
    #expect(
      sample.mentions(of: entities) == sample.expectedMentions, sourceLocation: sourceLocation)
    #expect(
      entities.map { $0.date?.value ?? "-" } == values, "\(marked)", sourceLocation: sourceLocation)
  }

  // MARK: - Families (reference: Friday 2024-05-31)

  @Test(
    arguments: [
      ("The convoy was attacked on [March 26|date] near the border.", ["2024-03-26"]),
      ("Talks opened on [26 March 2024|date] in the capital.", ["2024-03-26"]),
      ("Shops reopened on [March 26th|date].", ["2024-03-26"]),
      ("In a statement on [Wednesday, May 29|date], the ministry said.", ["2024-05-29"]),
      ("The ceasefire began on [May 30, 2023|date].", ["2023-05-30"]),
      ("Elections were held on [the 8th of February|date].", ["2024-02-08"]),
      ("The order is dated [2024-03-26|date].", ["2024-03-26"]),
      ("The notice, dated [26/03/2024|date], was posted.", ["2024-03-26"]),
      ("Day first when both readings exist: [05/04/2024|date].", ["2024-04-05"]),
      ("Month first when the day cannot be a month: [03/26/2024|date].", ["2024-03-26"]),
      ("Dotted: [26.03.2024|date].", ["2024-03-26"]),
      ("Abbreviated: on [Sept. 3|date] and [Feb 14|date].", ["2023-09-03", "2024-02-14"]),
    ] as [(String, [String])])
  func absoluteDates(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-05-31", values: values)
  }

  @Test(
    arguments: [
      ("The group seized power in [2021|date].", ["2021"]),
      ("Prices peaked in [May 2024|date].", ["2024-05"]),
      ("Fighting resumed in [March|date].", ["2024-03"]),
      ("Troops withdrew in [January of 2022|date].", ["2022-01"]),
      ("The dam burst in [August last year|date].", ["2023-08"]),
      ("The census will be held in [October|date].", ["2024-10"]),
      ("Storms hit the coast in [July|date].", ["2023-07"]),
      ("Rains are usual by [July|date].", ["2024-07"]),
      ("The plan dates back to [nineteen ninety-six|date].", ["1996"]),
      ("Aid rose [early this year|date] and [mid-March|date].", ["2024", "2024-03"]),
    ] as [(String, [String])])
  func monthsAndYears(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-05-31", values: values)
  }

  @Test(
    arguments: [
      ("Police said on [Thursday|date] that two men were held.", ["2024-05-30"]),
      ("The army said on [Friday|date] it had cleared the road.", ["2024-05-31"]),
      ("Shelling continued [late Tuesday|date].", ["2024-05-28"]),
      ("The blast came on [Monday night|date].", ["2024-05-27"]),
      ("Envoys will meet on [Monday|date] in Doha.", ["2024-06-03"]),
      ("The vote is scheduled for [Saturday|date].", ["2024-06-01"]),
      ("He left [last Friday|date] and returns [next Friday|date].", ["2024-05-24", "2024-06-07"]),
    ] as [(String, [String])])
  func weekdays(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-05-31", values: values)
  }

  @Test(
    arguments: [
      ("Markets closed [today|date] after [yesterday|date]'s fall.", ["2024-05-31", "2024-05-30"]),
      ("The court rules [tomorrow|date].", ["2024-06-01"]),
      ("The strike happened [last week|date].", ["2024-W21"]),
      ("Talks resumed [this week|date] and end [next month|date].", ["2024-W22", "2024-06"]),
      ("The bridge fell [two days ago|date].", ["2024-05-29"]),
      ("He was freed [three weeks ago|date].", ["2024-W19"]),
      ("Prices rose [last year|date] and [a decade ago|date].", ["2023", "201"]),
      ("Exports grew [earlier this year|date].", ["2024"]),
      ("Attacks have surged in [recent months|date].", ["PAST_REF"]),
      ("The group denied links in [the past|date].", ["PAST_REF"]),
      ("[Recent times|date] have been hard.", ["PAST_REF"]),
      (
        "The road is [now|date] open and [currently|date] guarded.", ["PRESENT_REF", "PRESENT_REF"]
      ),
      ("[Previously|date], the office was in Quetta.", ["PAST_REF"]),
      ("Officials [previously|date] denied it.", ["PAST_REF"]),
      ("No group has claimed it until [now|date].", ["PRESENT_REF"]),
      ("Nobody can tell [the future|date].", ["FUTURE_REF"]),
      ("More aid is planned in [the coming months|date].", ["FUTURE_REF"]),
    ] as [(String, [String])])
  func relativeExpressions(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-05-31", values: values)
  }

  @Test(
    arguments: [
      ("The conflict of [the 1990s|date] shaped the region.", ["199"]),
      ("Refugees arrived in [the early 1980s|date].", ["198"]),
      ("Borders drawn in [the 19th century|date] remain.", ["18"]),
      ("Floods came [last fall|date] and [this summer|date].", ["2023-FA", "2024-SU"]),
      ("Fighting eases in [the winter|date].", ["2023-WI"]),
      ("Crops failed in [spring 2022|date].", ["2022-SP"]),
      (
        "Profit fell in [the third quarter|date] and [fourth-quarter|date] sales too.",
        ["2024-Q3", "2024-Q4"]
      ),
    ] as [(String, [String])])
  func decadesCenturiesSeasonsQuarters(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-05-31", values: values)
  }

  @Test(
    arguments: [
      ("Prisoners were freed on [Eid al-Fitr|date].", "2024-05-31", ["2024-04-10"]),
      ("Markets were busy before [Eid ul-Adha|date].", "2024-06-10", ["2024-06-17"]),
      ("Security was tight on [Ashura|date].", "2024-08-01", ["2024-07-17"]),
      ("Prices rose during [Ramadan|date].", "2024-05-01", ["2024"]),
      ("Crowds marked [Nowruz|date] in Mazar.", "2024-05-01", ["2024-03-21"]),
      ("Pakistan marked [Independence Day|date] with parades.", "2024-09-01", ["2024-08-14"]),
      ("In Kabul, the Taliban marked [Independence Day|date].", "2024-09-01", ["2024-08-19"]),
      ("Churches were guarded at [Christmas|date].", "2024-05-31", ["2023-12-25"]),
      (
        "Shops closed for [Easter|date] and [Thanksgiving|date].", "2024-12-01",
        ["2024-03-31", "2024-11-28"]
      ),
    ] as [(String, String, [String])])
  func holidays(_ marked: String, _ reference: String, _ values: [String]) throws {
    try check(marked, reference: reference, values: values)
  }

  // MARK: - Not dates

  @Test(arguments: [
    "May said the talks had failed.",
    "Theresa May resigned.",
    "Protesters march on the capital.",
    "March on the capital, they shouted.",
    "The Sunday Times reported the raid.",
    "He writes for the Sunday Times.",
    "The war lasted two decades.",
    "The operation was launched within hours.",
    "Militants were killed over the past year.",
    "Fifty were held within the last year.",
    "Talks resumed at 10 p.m. Wednesday.",
    "Patrols run every Friday.",
    "The quarter-to-quarter change was small.",
    "Prices may fall in spring water markets.",
    "Suspicion is likely to fall on the group.",
    "He watches This Week on Sundays.",
    "A previously announced plan was dropped.",
    "From now on, checks are daily.",
    "Every July the river floods.",
  ])
  func leavesNonDatesAlone(_ text: String) throws {
    let entities = try Self.extractor.get().entities(
      in: text, referenceDate: CalendarDate(year: 2024, month: 5, day: 31))
    #expect(entities.map { String($0.substring(in: text)) } == [])
  }

  // MARK: - Resolution

  /// Reference Wednesday 2024-01-17: weekdays on both sides of the reference day.
  @Test(
    arguments: [
      ("Troops moved in on [Monday|date].", ["2024-01-15"]),
      ("The talks ended on [Friday|date].", ["2024-01-12"]),
      ("The talks will end on [Friday|date].", ["2024-01-19"]),
      ("Officials said on [Wednesday|date] that the road was shut.", ["2024-01-17"]),
      ("Envoys will arrive on [Wednesday|date].", ["2024-01-17"]),
      (
        "They met [last Wednesday|date] and meet [next Wednesday|date].",
        ["2024-01-10", "2024-01-24"]
      ),
      (
        "Shops will shut [this Friday|date]; they shut [this past Friday|date].",
        ["2024-01-19", "2024-01-12"]
      ),
    ] as [(String, [String])])
  func resolvesWeekdaysOnBothSidesOfTheReferenceDay(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: "2024-01-17", values: values)
  }

  @Test(
    arguments: [
      // ISO weeks across New Year: 2024-12-30 is in 2025-W01, 2021-01-01 in 2020-W53.
      ("Talks ended [this week|date].", "2024-12-30", ["2025-W01"]),
      ("Talks ended [last week|date].", "2025-01-06", ["2025-W01"]),
      ("Talks ended [last week|date].", "2021-01-08", ["2020-W53"]),
      ("Talks ended [this week|date].", "2021-01-01", ["2020-W53"]),
      ("The raid came on [Thursday|date].", "2025-01-01", ["2024-12-26"]),
      ("The raid came [last month|date].", "2025-01-15", ["2024-12"]),
      ("The raid came [last year|date].", "2025-01-01", ["2024"]),
      ("Polls open [next month|date].", "2024-12-15", ["2025-01"]),
      ("Fighting broke out on [December 30|date].", "2025-01-03", ["2024-12-30"]),
      // Leap days.
      ("It happened [yesterday|date].", "2024-03-01", ["2024-02-29"]),
      ("It happens [tomorrow|date].", "2023-02-28", ["2023-03-01"]),
      ("It happened on [February 29|date].", "2024-03-10", ["2024-02-29"]),
      ("It happened [two days ago|date].", "2024-03-01", ["2024-02-28"]),
    ] as [(String, String, [String])])
  func computesWeeksAndYearBoundaries(
    _ marked: String, _ reference: String, _ values: [String]
  ) throws {
    try check(marked, reference: reference, values: values)
  }

  @Test(
    arguments: [
      ("The attack on [March 26|date] was condemned.", ["XXXX-03-26"]),
      ("Police said on [Thursday|date] they had arrested two men.", ["XXXX-WXX-4"]),
      (
        "Prices rose [last year|date], [last week|date] and [yesterday|date].",
        ["XXXX", "XXXX-WXX", "XXXX-XX-XX"]
      ),
      (
        "Fighting resumed in [March|date], as in [2021|date], and [now|date] again.",
        ["XXXX-03", "2021", "PRESENT_REF"]
      ),
      ("Prisoners were freed on [Christmas|date].", ["XXXX-12-25"]),
    ] as [(String, [String])])
  func leavesUnknownPartsAsXWithoutAReferenceDate(_ marked: String, _ values: [String]) throws {
    try check(marked, reference: nil, values: values)
  }

  @Test func resolvesAnaphoraAgainstTheLastDateMentioned() throws {
    try check(
      "The raid began on [March 3|date]. [Two days later|date] troops withdrew, and [that day|date] the road opened.",
      reference: "2024-05-31", values: ["2024-03-03", "2024-03-05", "2024-03-03"])
    try check(
      "Profit rose in [the third quarter|date], up from [a year earlier|date]; [the year-ago quarter|date] was weak.",
      reference: "2024-10-30", values: ["2024-Q3", "2023-Q3", "2023-Q3"])
  }

  // MARK: - Gazetteers

  @Test func usersExtendTheWordListsWithoutRecompiling() throws {
    let extra = try Gazetteer(
      parsing: """
        Eid al-Fitr\tdate_holiday\teex:date/holiday/eid-al-fitr\tEid ul-Fitr\tdate_2026=03-20
        Defence Day\tdate_holiday\tx:defence-day\t-\tfixed=09-06
        fortnight\tdate_unit\tx:fortnight\t-\tunit=week
        """, sourceName: "user.tsv")
    let extractor = try Self.makeExtractor(extra: [extra])
    try check(
      "Markets closed for [Eid al-Fitr|date] and [Defence Day|date].", reference: "2026-09-30",
      values: ["2026-03-20", "2026-09-06"], extractor: extractor)
  }

  @Test(
    arguments: [
      (
        "Jan\tdate_month\tx:jan\t-\tmonth=13",
        "t.tsv:1: attribute 'month' has value '13', expected a month number, 1 to 12"
      ),
      (
        "Fri\tdate_weekday\tx:fri\t-\t-",
        "t.tsv:1: attribute 'weekday' has value '', expected an ISO weekday, 1 (Monday) to 7 (Sunday)"
      ),
      (
        "soon\tdate_relative\tx:soon\t-\tvalue=SOON",
        "t.tsv:1: attribute 'value' has value 'SOON', expected PAST_REF, PRESENT_REF or FUTURE_REF (or give days=N)"
      ),
      (
        "Eid\tdate_holiday\tx:eid\t-\tdate_2024=4-10",
        "t.tsv:1: attribute 'date_2024' has value '4-10', expected a month and day, MM-DD, after a key date_YYYY"
      ),
    ] as [(String, String)])
  func reportsTheLineOfAMalformedDateEntry(_ line: String, _ message: String) throws {
    let gazetteer = try Gazetteer(parsing: line, sourceName: "t.tsv")
    let error = #expect(throws: GazetteerError.self) {
      _ = try Self.makeExtractor(extra: [gazetteer])
    }
    #expect(error?.description == message)
  }

  @Test func bundledDateListsAreSortedAndSayWhereTheyCameFrom() throws {
    let directory = Fixtures.repositoryRoot + "/Gazetteers/dates"
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      $0.hasSuffix(".tsv")
    }
    #expect(
      names.sorted() == [
        "holidays.tsv", "months.tsv", "relative.tsv", "seasons.tsv", "units.tsv", "weekdays.tsv",
      ])
    for name in names {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first?.hasPrefix("# ") == true, "\(name) has no header comment")
      #expect(text.contains("Source: written by hand"), "\(name) does not say where it came from")
      let entries = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }
      // LC_ALL=C sort: byte order of the whole line.
      let sorted = entries.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      #expect(entries == sorted, "\(name) is not in byte order")
    }
    #expect(try Self.dateGazetteers.get().allSatisfy { !$0.entries.isEmpty })
  }
}

/// Calendar arithmetic, with no clock, zone or locale.
@Suite struct CalendarDateArithmeticTests {
  static func date(_ text: String) throws -> CalendarDate {
    try #require(CalendarDate(parsing: text))
  }

  @Test(
    arguments: [
      ("2024-12-30", 2025, 1), ("2021-01-01", 2020, 53), ("2020-12-31", 2020, 53),
      ("2026-01-01", 2026, 1), ("2027-01-03", 2026, 53), ("2024-01-01", 2024, 1),
      ("2023-01-01", 2022, 52), ("2024-05-31", 2024, 22),
    ] as [(String, Int, Int)])
  func computesISOWeeks(_ text: String, _ year: Int, _ week: Int) throws {
    let iso = try Self.date(text).isoWeek
    #expect(iso.year == year && iso.week == week)
  }

  @Test(
    arguments: [
      ("1970-01-01", 4), ("2024-02-29", 4), ("2000-01-01", 6), ("2024-12-30", 1), ("1900-03-01", 4),
    ] as [(String, Int)])
  func computesWeekdays(_ text: String, _ weekday: Int) throws {
    #expect(try Self.date(text).weekday == weekday)
  }

  @Test func addsDaysMonthsAndYearsAcrossLeapDays() throws {
    #expect(try Self.date("2024-03-01").adding(days: -1) == Self.date("2024-02-29"))
    #expect(try Self.date("2023-03-01").adding(days: -1) == Self.date("2023-02-28"))
    #expect(try Self.date("2024-12-31").adding(days: 1) == Self.date("2025-01-01"))
    #expect(try Self.date("2024-01-31").adding(months: 1) == Self.date("2024-02-29"))
    #expect(try Self.date("2023-01-31").adding(months: 1) == Self.date("2023-02-28"))
    #expect(try Self.date("2024-02-29").adding(years: 1) == Self.date("2025-02-28"))
    #expect(try Self.date("2024-11-15").adding(months: -13) == Self.date("2023-10-15"))
    #expect(try Self.date("0001-01-01").adding(days: -1) == nil)
  }

  @Test func roundTripsDayNumbers() throws {
    var date = try Self.date("1899-12-25")
    let end = try Self.date("2101-01-05")
    var expected = date.daysSinceEpoch
    while date < end {
      #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
      #expect(date.daysSinceEpoch == expected)
      date = try #require(date.adding(days: 1))
      expected += 1
    }
  }

  @Test func findsDatesOfISOWeeks() throws {
    #expect(CalendarDate(isoYear: 2020, week: 53, weekday: 5) == (try Self.date("2021-01-01")))
    #expect(CalendarDate(isoYear: 2025, week: 1, weekday: 1) == (try Self.date("2024-12-30")))
    #expect(CalendarDate(isoYear: 2021, week: 53, weekday: 1) == nil)
    #expect(CalendarDate.isoWeeksIn(year: 2020) == 53 && CalendarDate.isoWeeksIn(year: 2021) == 52)
  }
}
