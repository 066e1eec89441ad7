import EntityExtraction
import Testing
import _EntityExtractionTestSupport

@Suite struct GazetteerRecognizerTests {
  static let gazetteer = """
    # A small gazetteer for these tests.
    Turkey\tplace\tx:tr
    Chad\tplace\tx:td
    Khyber Pakhtunkhwa\tplace\tiso3166-2:PK-KP\tNWFP|Khyber-Pakhtunkhwa\tcountry=PK;kind=admin1
    Lakki Marwat\tplace\tx:lakki\t-\tcountry=PK;admin1=Khyber Pakhtunkhwa;kind=district;lat=32.6;lon=70.9
    São Paulo\tplace\tx:sp
    al-Shabaab\torganization\tx:shabaab
    Islamic State\torganization\tx:is\tISIS
    Kalashnikov\tweapon\tx:ak\t-\tlowercase=allow
    9/11 Commission\torganization\tx:911
    """

  static func extractor() throws -> EntityExtractor {
    try Fixtures.extractor(gazetteer: gazetteer)
  }

  @Test(arguments: [
    "Clashes in [Lakki Marwat|place], [Khyber Pakhtunkhwa|place], left three dead.",
    "Talks in [Turkey|place] and [Chad|place] stalled.",
    "[TURKEY|place] AND [CHAD|place] SIGN DEAL",
    "Flooding in [São Paulo|place] and [Sa\u{0303}o Paulo|place].",
    "Officials in [NWFP|place] and [Khyber‑Pakhtunkhwa|place] met.",
    "[al-Shabaab|organization] and [Al-Shabaab|organization] fighters.",
    "[Islamic State|organization] ([ISIS|organization]) claimed it.",
    "A [kalashnikov|weapon] and a [Kalashnikov|weapon] were found.",
    "The [9/11 Commission|organization] reported.",
    "No entity here.",
    "",
  ])
  func findsListedNames(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let entities = try Self.extractor().entities(in: sample.text)
    #expect(sample.mentions(of: entities) == sample.expectedMentions)
  }

  @Test(arguments: [
    "Roast turkey for dinner.",
    "Hanging chad ballots.",
    "Fighters loyal to the islamic state.",
    "the lakki marwat road",
  ])
  func dropsLowercaseMatchesOfCapitalisedEntries(_ text: String) throws {
    #expect(try Self.extractor().entities(in: text).isEmpty)
  }

  @Test func describesTheMatchedEntry() throws {
    let text = "Police in Lakki Marwat said."
    let entity = try #require(try Self.extractor().entities(in: text).first)
    #expect(entity.substring(in: text) == "Lakki Marwat")
    #expect(entity.label == .place)
    #expect(entity.source == "gazetteer:test.tsv")
    #expect(entity.entryID == "x:lakki")
    #expect(entity.canonicalName == "Lakki Marwat")
    // A district: base 0.8, and this fixture has no context words (see PlaceRules).
    #expect(entity.confidence == 0.8)
    #expect(
      entity.place
        == ResolvedPlace(
          id: "x:lakki", country: "PK", admin1: "Khyber Pakhtunkhwa", latitude: 32.6,
          longitude: 70.9, kind: "district"))
  }

  @Test func reportsTheCanonicalNameOfAnAlias() throws {
    let entity = try #require(try Self.extractor().entities(in: "NWFP").first)
    #expect(entity.entryID == "iso3166-2:PK-KP")
    #expect(entity.canonicalName == "Khyber Pakhtunkhwa")
    #expect(entity.place?.admin1 == "Khyber Pakhtunkhwa")  // kind=admin1: its own admin1
  }

  static let hyderabads = [
    ("", "", "x:sindh"),  // nothing to tell them apart: the first loaded wins
    ("population=1700000", "population=6800000", "x:telangana"),  // larger population
    ("population=6800000", "population=1700000", "x:sindh"),
    ("priority=1;population=1700000", "population=6800000", "x:sindh"),  // priority first
    ("population=1700000", "priority=-1;population=6800000", "x:sindh"),
    ("", "population=0", "x:sindh"),  // a population of 0 is no evidence: the first loaded
    ("priority=2", "priority=2", "x:sindh"),
  ]

  @Test(arguments: hyderabads)
  func breaksTiesByPriorityThenPopulationThenLoadOrder(
    _ sindh: String, _ telangana: String, _ winner: String
  ) throws {
    let extractor = try Fixtures.extractor(
      gazetteer: """
        Hyderabad\tplace\tx:sindh\t-\tcountry=PK\(sindh.isEmpty ? "" : ";" + sindh)
        Hyderabad\tplace\tx:telangana\t-\tcountry=IN\(telangana.isEmpty ? "" : ";" + telangana)
        """)
    let entities = extractor.entities(in: "Floods in Hyderabad.")
    #expect(entities.map(\.entryID) == [winner])
    let confidence = try #require(entities.first?.confidence)
    #expect(confidence >= 0.5 && confidence <= 1)
  }

  @Test func reportsOnlyTheRequestedLabels() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteers = [try Gazetteer(parsing: Self.gazetteer, sourceName: "t.tsv")]
    configuration.labels = [.organization]
    let extractor = try EntityExtractor(configuration: configuration)
    let text = "ISIS fighters entered Turkey."
    #expect(extractor.entities(in: text).map { String($0.substring(in: text)) } == ["ISIS"])
  }

  @Test func labelsAreThoseOfTheEntriesWithoutStop() throws {
    let segmenter = try WordSegmenter()
    var vocabulary = Vocabulary()
    let entries = try Gazetteer(
      parsing: "Kabul\tplace\tx:1\nTaliban\torganization\tx:2\nMay\tstop\tstop:may", sourceName: "t"
    ).entries
    let matcher = GazetteerMatcher(entries: entries, segmenter: segmenter, vocabulary: &vocabulary)
    #expect(GazetteerRecognizer(matcher: matcher).labels == [.place, .organization])
    #expect(
      GazetteerRecognizer(matcher: matcher, labels: [.organization, .date]).labels
        == [.organization])
    #expect(GazetteerRecognizer(matcher: matcher, priority: 3).priority == 3)
  }

  @Test func recognizesIntoACallerBuffer() throws {
    let segmenter = try WordSegmenter()
    var vocabulary = Vocabulary()
    let entries = try Gazetteer(parsing: "Kabul\tplace\tx:1", sourceName: "t").entries
    let matcher = GazetteerMatcher(entries: entries, segmenter: segmenter, vocabulary: &vocabulary)
    let text = "Kabul and Kabul"
    let document = TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary), vocabulary: vocabulary
    )
    var mentions = [Entity(utf8Range: 0..<1, label: "existing")]
    GazetteerRecognizer(matcher: matcher).recognize(document, into: &mentions)
    #expect(mentions.map(\.utf8Range) == [0..<1, 0..<5, 10..<15])
  }

  /// Names in scripts without letter case have no upper-case first letter either; the
  /// proper-noun check must not drop them.
  @Test(
    arguments: [
      "دھماکہ [کابل|place] میں ہوا",
      "انفجار في [كابل|place]",
    ])
  func findsNamesInScriptsWithoutCase(_ marked: String) throws {
    let sample = try MarkedText(marked)
    // A city (population over 100,000), so that matching its alias costs nothing.
    let extractor = try Fixtures.extractor(
      gazetteer: "کابل\tplace\tx:kabul-ur\tكابل\tpopulation=4000000")
    #expect(sample.mentions(of: extractor.entities(in: sample.text)) == sample.expectedMentions)
  }
}
