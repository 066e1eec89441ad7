import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The date a document gives for itself, and relative dates resolved against it when no
/// reference date is given. Dates only, with the repository's date lists.
@Suite struct DocumentDateTests {
  static let extractor = DateRecognizerTests.extractor

  /// The document date of `text`, and every date of `text` with no reference date, as
  /// value and anchor.
  func read(_ text: String, extractor: EntityExtractor? = nil) throws
    -> (documentDate: CalendarDate?, dates: [(String, DateAnchor?)])
  {
    let extractor = try extractor ?? Self.extractor.get()
    let documentDate = extractor.documentDate(in: extractor.tokenize(text))
    let dates = extractor.entities(in: text).compactMap { $0.date.map { ($0.value, $0.anchor) } }
    return (documentDate, dates)
  }

  @Test(
    arguments: [
      (
        "QUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday.", "2024-03-03",
        "2024-03-02"
      ),
      ("KABUL 2024-05-14\nRockets hit the airport on Sunday.", "2024-05-14", "2024-05-12"),
      (
        "ISLAMABAD, Pakistan, 14 May 2024 (Reuters) - Talks resumed on Monday.", "2024-05-14",
        "2024-05-13"
      ),
      (
        "DAR ES SALAAM, Tanzania, Aug. 7, 1998 _ A bomb exploded on Friday.", "1998-08-07",
        "1998-08-07"
      ),
      (
        "HYDERABAD (AP) — Aug. 14, 2024 — Rains cut the roads on Monday.", "2024-08-14",
        "2024-08-12"
      ),
      ("March 3, 2024\n\nGunmen attacked a checkpoint on Saturday.", "2024-03-03", "2024-03-02"),
      ("Tuesday, 12/03/2024 | Rescuers reached the village on Sunday.", "2024-03-12", "2024-03-10"),
    ] as [(String, String, String)])
  func readsTheDateOfADateline(_ text: String, _ documentDate: String, _ relative: String) throws {
    let result = try read(text)
    #expect(result.documentDate == CalendarDate(parsing: documentDate))
    // The relative date is the last one; every value names the anchor.
    #expect(result.dates.last?.0 == relative)
    #expect(result.dates.allSatisfy { $0.1 == .document })
  }

  @Test func aDatelineAfterAHeadlineWinsOverAnEarlierDateOfTheHeadline() throws {
    let text =
      "Toll From the Floods of July 1, 2023 Rises Again\nSUKKUR, March 3, 2024 — Two more bodies were found on Friday."
    let result = try read(text)
    #expect(result.documentDate == CalendarDate(parsing: "2024-03-03"))
    #expect(result.dates.map(\.0) == ["2023-07-01", "2024-03-03", "2024-03-01"])
  }

  @Test func takesTheFirstFullDateOfTheFirstParagraph() throws {
    let text = """
      Gunmen attacked a checkpoint on Saturday, killing two, the military said on March 3, 2024. \
      A second statement followed on March 5, 2024.

      The last such attack was on Tuesday.
      """
    let result = try read(text)
    #expect(result.documentDate == CalendarDate(parsing: "2024-03-03"))
    #expect(result.dates.map(\.0) == ["2024-03-02", "2024-03-03", "2024-03-05", "2024-02-27"])
  }

  @Test func aHeadlineAndABareDatelineBelongToTheFirstParagraph() throws {
    let text =
      "Rains Cut Roads in Sindh\n\nHYDERABAD (AP) _\n\nOfficials said on Aug. 14, 2024 that rain fell on Monday.\n\nMore is due."
    #expect(try read(text).documentDate == CalendarDate(parsing: "2024-08-14"))
  }

  @Test(
    arguments: [
      // A date in a later paragraph is not the document's.
      "Gunmen attacked a checkpoint on Saturday.\n\nThe previous attack was on January 5, 2023.",
      // No year: not a full date.
      "QUETTA, March 3 (Reuters) - Gunmen attacked a checkpoint on Saturday.",
      // A month and a year, a year: not full dates.
      "In March 2024 and in 2023, officials said on Saturday that talks would resume.",
      // Nothing at all.
      "",
      "   \n\n  ",
    ])
  func leavesADocumentWithoutItsOwnDateUnanchored(_ text: String) throws {
    let result = try read(text)
    #expect(result.documentDate == nil)
    #expect(result.dates.allSatisfy { $0.1 == nil })
    #expect(!result.dates.contains { $0.0 == "2024-03-02" })
  }

  @Test(
    arguments: [
      // Abbreviations end no sentence: the first paragraph goes on to the next line.
      "U.S. Troops Leave the Base\nThe last troops left on March 3, 2024, officials said.",
      "Talks were held on Aug. 14\nand ended on March 3, 2024.",
      // No sentence end at all: the whole text is the first paragraph.
      "Officials said the talks of March 3, 2024 had failed",
    ])
  func findsTheFirstParagraphPastAbbreviations(_ text: String) throws {
    #expect(try read(text).documentDate == CalendarDate(parsing: "2024-03-03"))
  }

  @Test func relativeDatesStayUnknownWithoutAnyDate() throws {
    let result = try read("Police said on Thursday they had arrested two men last week.")
    #expect(result.documentDate == nil)
    #expect(result.dates.map(\.0) == ["XXXX-WXX-4", "XXXX-WXX"])
    #expect(result.dates.allSatisfy { $0.1 == nil })
  }

  @Test func aDateBeyondTheSearchedBytesIsNotTheDocuments() throws {
    let filler = String(repeating: "The rains went on and the rivers rose. ", count: 30)
    let text = filler + "\nQUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday."
    #expect(text.utf8.count > 1_000)
    let result = try read(text)
    #expect(result.documentDate == nil)
    #expect(result.dates.last?.0 == "XXXX-WXX-6")
  }

  @Test func aReferenceDateWinsOverTheDocumentsOwn() throws {
    let extractor = try Self.extractor.get()
    let text = "QUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday."
    let reference = try #require(CalendarDate(parsing: "2025-01-09"))
    let dates = extractor.entities(in: text, referenceDate: reference).compactMap(\.date)
    #expect(dates.map(\.value) == ["2024-03-03", "2025-01-04"])
    #expect(dates.allSatisfy { $0.anchor == .reference })
  }

  @Test func theConfigurationCanTurnTheDocumentAnchorOff() throws {
    var configuration = try Self.extractor.get().configuration
    configuration.anchorsToDocumentDate = false
    let extractor = try EntityExtractor(configuration: configuration)
    let text = "QUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday."
    let result = try read(text, extractor: extractor)
    // The date is still found; it is just not used.
    #expect(result.documentDate == CalendarDate(parsing: "2024-03-03"))
    #expect(result.dates.map(\.0) == ["2024-03-03", "XXXX-WXX-6"])
    #expect(result.dates.allSatisfy { $0.1 == nil })
  }

  @Test func aTokenizedDocumentWithoutAReferenceDateGetsTheDocumentsDate() throws {
    let extractor = try Self.extractor.get()
    let document = extractor.tokenize("KABUL 2024-05-14 — Rockets hit the airport on Sunday.")
    #expect(document.referenceDate == nil)
    #expect(document.dateAnchor == nil)
    let dates = extractor.entities(in: document).compactMap(\.date)
    #expect(dates.map(\.value) == ["2024-05-14", "2024-05-12"])
    #expect(dates.allSatisfy { $0.anchor == .document })
    let given = extractor.tokenize(
      "Rockets hit the airport on Sunday.", referenceDate: CalendarDate(parsing: "2024-05-14"))
    #expect(given.dateAnchor == .reference)
  }

  @Test func jsonNamesTheAnchorBesideTheValue() throws {
    let extractor = try Self.extractor.get()
    let text = "KABUL 2024-05-14 — Rockets hit the airport on Sunday."
    let objects = Entity.jsonObjects(for: extractor.entities(in: text), in: text)
    #expect(objects.last?["date"]?.jsonText == #"{"value":"2024-05-12","anchor":"document"}"#)
    let none = "Rockets hit the airport on Sunday."
    let plain = Entity.jsonObjects(for: extractor.entities(in: none), in: none)
    #expect(plain.last?["date"]?.jsonText == #"{"value":"XXXX-WXX-7"}"#)
  }
}
