import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The place rules (`PlaceRules`, `GazetteerRecognizer`) on the bundled gazetteers: which
/// gazetteer names in a sentence are reported as places, which entry each resolves to,
/// and that demonyms are nationalities. Only `place` and `nationality` mentions are
/// looked at (the output is filtered), except where an organization must win.
@Suite struct PlaceRulesTests {
  static let checkedLabels: Set<EntityLabel> = [.place, .nationality]

  static func bundled() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  /// The bundled extractor's `place` and `nationality` mentions in `text`.
  static func placesAndNationalities(in text: String) throws -> [Entity] {
    try bundled().entities(in: text).filter { checkedLabels.contains($0.label) }
  }

  /// The mentions as `label(text)=id`, for failure messages.
  static func describe(_ entities: [Entity], in text: String) -> String {
    entities.map { "\($0.label)(\($0.substring(in: text)))=\($0.entryID ?? "-")" }.joined(separator: ", ")
  }

  /// The sample's text and the bundled extractor's place and nationality mentions in it,
  /// after checking them against the sample's marked mentions.
  @discardableResult
  static func expectMarked(
    _ marked: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (text: String, found: [Entity]) {
    let sample = try MarkedText(marked)
    let found = try placesAndNationalities(in: sample.text)
    #expect(sample.mentions(of: found) == sample.expectedMentions, sourceLocation: sourceLocation)
    return (sample.text, found)
  }

  /// The mention whose text is `name`.
  static func mention(
    _ name: String, in text: String, among found: [Entity],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Entity {
    try #require(
      found.first { $0.substring(in: text) == name },
      "no mention '\(name)' among [\(describe(found, in: text))]", sourceLocation: sourceLocation)
  }

  // MARK: - Ordinary words

  @Test(arguments: [
    "Police said the attackers fled on motorcycles.",  // stoplist (Police, Poland)
    "Union leaders met the provincial governor on Tuesday.",  // stoplist
    "Media reports gave no figures.",  // stoplist, though also a town in the US
    "Hope faded for the trapped workers.",  // stoplist
    "Independence Day parades were cancelled.",  // stoplist
    "Reading the statement, he called for calm.",  // common_word, first word of a sentence
    "The convoy was hit on the main road.",  // lower case
    "Convoy drivers refused to move until the road was cleared.",  // common_word village
    "Mobile phone service was suspended across the region.",  // common_word city
    "Hit by a roadside bomb, the vehicle overturned.",  // Hīt, Iraq: common_word town
    "Tank crews fired on the positions.",  // Tank, Khyber Pakhtunkhwa: needs context
    "Station House Officer Rahim Shah was transferred.",  // alias of a Swiss village
    "The Taliban said the talks had failed.",  // alias of a Turkish village, then "said"
  ])
  func ordinaryWordsThatNamePlacesElsewhereStayUnmatched(_ text: String) throws {
    let found = try Self.placesAndNationalities(in: text)
    #expect(found.isEmpty, "found [\(Self.describe(found, in: text))]")
  }

  @Test(arguments: [
      "Fighting between the Taliban and government forces continued.",
      "Shops stayed shut during Eid prayers.",
    ])
  func namesOfGroupsAndFestivalsAreNotForeignVillages(_ text: String) throws {
    let found = try Self.placesAndNationalities(in: text)
    #expect(found.isEmpty, "found [\(Self.describe(found, in: text))]")
  }

  @Test(arguments: [
    ("Gunmen attacked a police post in [Tank|place] district on Friday.", "PK"),
    ("Curfew was imposed in [Tank|place] after the attack.", "PK"),
    ("He moved to [Reading|place] in 2010.", "GB"),
    ("Officials in [Mobile|place] declared an emergency.", "US"),
  ])
  func placeContextMakesACommonWordAPlace(_ marked: String, country: String) throws {
    let (text, found) = try Self.expectMarked(marked)
    for entity in found {
      #expect(entity.place?.country == country, "\(Self.describe([entity], in: text))")
    }
  }

  @Test(arguments: [
      ("Clashes were reported in [Tank|place] district.", "eex:pk-district/tank"),
      ("Gunmen attacked a police post in [Tank|place] district on Friday.", "eex:pk-district/tank"),
      ("[Tank|place] district was placed under curfew.", "eex:pk-district/tank"),
      ("Roads in [Quetta|place] district were closed.", "eex:pk-district/quetta"),
    ])
  func aNameFollowedByDistrictIsTheDistrict(_ marked: String, id: String) throws {
    let sample = try MarkedText(marked)
    let found = try Self.placesAndNationalities(in: sample.text)
    #expect(sample.mentions(of: found) == sample.expectedMentions)
    #expect(found.map(\.entryID) == [id])
  
  }

  // MARK: - Resolution by the document

  @Test(arguments: [
    ("Protests spread from Karachi to Hyderabad, the second city of Sindh.", "PK"),
    ("Police in Karachi arrested three men. Their accomplices were later traced to Hyderabad.", "PK"),
    ("Floods in Sindh cut the highway to Hyderabad.", "PK"),
    ("Hyderabad was calm on Friday, a day after riots in Karachi.", "PK"),
    ("Flights from Bengaluru to Hyderabad were cancelled.", "IN"),
    ("Rain flooded Hyderabad, the capital of Telangana.", "IN"),
  ])
  func hyderabadIsInTheCountryTheDocumentIsAbout(_ text: String, country: String) throws {
    let found = try Self.placesAndNationalities(in: text)
    let hyderabad = try Self.mention("Hyderabad", in: text, among: found)
    #expect(hyderabad.label == .place)
    #expect(hyderabad.place?.country == country)
    #expect(hyderabad.place?.kind == "city")
  }

  @Test(arguments: [
      ("Protests spread from Karachi to Hyderabad, the second city of Sindh.", "Sindh"),
      ("Rain flooded Hyderabad, the capital of Telangana.", "Telangāna"),
    ])
  func hyderabadCarriesTheProvinceOrStateItIsIn(_ text: String, admin1: String) throws {
    let found = try Self.placesAndNationalities(in: text)
    let hyderabad = try Self.mention("Hyderabad", in: text, among: found)
    #expect(hyderabad.place?.admin1 == admin1)
  }

  @Test(arguments: [
      ("Gunmen opened fire in [Quetta|place] on Monday.", "Balochistan"),
      ("A bomb went off in [Peshawar|place].", "Khyber Pakhtunkhwa"),
      ("He moved to [Reading|place] in 2010.", "England"),
    ])
  func aCityCarriesTheFirstLevelSubdivisionItIsIn(_ marked: String, admin1: String) throws {
    let (_, found) = try Self.expectMarked(marked)
    let city = try #require(found.first)
    #expect(city.place?.admin1 == admin1)
  }

  // MARK: - Datelines

  @Test(arguments: [
    ("[QUETTA|place], [Pakistan|place] — Gunmen opened fire on a bus on Monday.", "PK"),
    ("[KABUL|place], [AFGHANISTAN|place] – The ministry announced new rules for aid groups.", "AF"),
    ("By a staff reporter\n[CHAMAN|place], [Pakistan|place] — Traders blocked the road.", "PK"),
  ])
  func aDatelineGivesTheCityAndItsCountry(_ marked: String, country: String) throws {
    let (text, found) = try Self.expectMarked(marked)
    try #require(found.count == 2)
    #expect(found[0].place?.kind == "city", "\(Self.describe(found, in: text))")
    #expect(found[0].place?.country == country)
    #expect(found[1].place?.kind == "country")
    #expect(found[1].entryID == "iso3166-1:\(country)")
  }

  @Test func aDatelineNamesAPlaceEvenWhenItIsACommonWord() throws {
    let sample = try MarkedText("[TANK|place], [Pakistan|place] — Shops stayed closed for a second day.")
    let found = try Self.placesAndNationalities(in: sample.text)
    #expect(sample.mentions(of: found) == sample.expectedMentions)
  }

  // MARK: - Names inside longer names

  static let withOrganization: Result<EntityExtractor, Error> = Result {
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteers = [
      // An invented group, so that no bundled entry competes with it.
      try Gazetteer(parsing: "Khuzdar Freedom Council\torganization\tx:kfc", sourceName: "t.tsv")
    ]
    return try EntityExtractor(configuration: configuration)
  }

  @Test(arguments: [
    "A spokesman for the [Khuzdar Freedom Council|organization] claimed the attack in [Khuzdar|place].",
    "The [Khuzdar Freedom Council|organization] said it had fired the rockets.",
  ])
  func aPlaceInsideAnOrganizationNameIsPartOfTheOrganization(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let labels: Set<EntityLabel> = [.place, .nationality, .organization]
    let found = try Self.withOrganization.get().entities(in: sample.text).filter { labels.contains($0.label) }
    #expect(sample.mentions(of: found) == sample.expectedMentions)
    let organization = try #require(found.first { $0.label == .organization })
    #expect(organization.entryID == "x:kfc")
    #expect(organization.source == "gazetteer:t.tsv")
  }

  // MARK: - Variant names and designators

  @Test(arguments: [
    ("Troops were sent to [NWFP|place] in 2009.", "iso3166-2:PK-KP"),
    ("Schools reopened across the [North-West Frontier Province|place].", "iso3166-2:PK-KP"),
    ("Floods hit [Baluchistan|place] again.", "iso3166-2:PK-BA"),
    ("Polio teams visited [Khyber Pakhtunkhwa|place] province last week.", "iso3166-2:PK-KP"),
  ])
  func variantNamesOfAProvinceResolveToItsEntry(_ marked: String, id: String) throws {
    let (_, found) = try Self.expectMarked(marked)
    #expect(found.map(\.entryID) == [id])
    #expect(found.first?.place?.id == id)
    #expect(found.first?.place?.country == "PK")
  }

  @Test func kandaharProvinceIsTheSubdivisionWithoutTheWordProvince() throws {
    let (_, found) = try Self.expectMarked("Heavy fighting was reported in [Kandahar|place] province.")
    let kandahar = try #require(found.first)
    #expect(kandahar.entryID?.hasPrefix("iso3166-2:AF-KAN") == true, "\(kandahar.entryID ?? "nil")")
    #expect(kandahar.place?.country == "AF")
  }

  @Test(arguments: [
    "Shops in [Kandahar|place] reopened after the curfew was lifted.",
    "Gunfire was heard across [Kandahar|place] city overnight.",
  ])
  func kandaharInACityContextIsTheCity(_ marked: String) throws {
    let (_, found) = try Self.expectMarked(marked)
    let kandahar = try #require(found.first)
    #expect(kandahar.entryID == "geonames:1138336")
    #expect(kandahar.place?.kind == "city")
    #expect(kandahar.place?.country == "AF")
  }

  @Test(arguments: [
    "Coal miners were abducted in [Musakhail|place] district.",
    "Coal miners were abducted in [Musakhel|place].",
    "Levies officials in [Musa Khel|place] said the road was blocked.",
  ])
  func spellingsOfMusakhelResolveToTheDistrict(_ marked: String) throws {
    let (_, found) = try Self.expectMarked(marked)
    #expect(found.map(\.entryID) == ["eex:pk-district/musakhel"])
    #expect(found.first?.place?.admin1 == "Balochistan")
  }

  @Test func lakkiMarwatDistrictIsTheDistrictInKhyberPakhtunkhwa() throws {
    let (_, found) = try Self.expectMarked("A police station in [Lakki Marwat|place] district came under attack.")
    let lakki = try #require(found.first)
    #expect(lakki.entryID == "eex:pk-district/lakki-marwat")
    let place = try #require(lakki.place)
    #expect(place.country == "PK")
    #expect(place.admin1 == "Khyber Pakhtunkhwa")
    let latitude = try #require(place.latitude)
    let longitude = try #require(place.longitude)
    #expect(abs(latitude - 32.6) < 0.05)
    #expect(abs(longitude - 70.9) < 0.05)
  }

  // MARK: - People

  @Test(arguments: [
    "General Gul said the operation would continue.",
    "General Gul told reporters in [Peshawar|place] that the operation would continue.",
    "A statement from spokesman Ali gave no details.",
    "Ali said the shops were closed.",
    "Colonel Chaman Khan led the raid near the [Chaman|place] border.",
  ])
  func aTitleOrAReportingVerbMakesANameAPerson(_ marked: String) throws {
    try Self.expectMarked(marked)
  }

  // MARK: - Nationalities

  @Test(arguments: [
    ("[Pakistani|nationality] troops crossed the border.", ["PK"]),
    ("Thousands of [Afghans|nationality] returned home.", ["AF"]),
    ("[Baloch|nationality] separatists claimed the attack.", ["PK"]),
    ("[Chinese|nationality] engineers working on the dam were evacuated.", ["CN"]),
    ("The [Baloch|nationality] leader spoke to [Chinese|nationality] reporters.", ["PK", "CN"]),
    ("[Pakistani|nationality] and [Afghan|nationality] officials met in [Islamabad|place].", ["PK", "AF"]),
  ])
  func demonymsAreNationalitiesWithTheirCountry(_ marked: String, countries: [String]) throws {
    let (text, found) = try Self.expectMarked(marked)
    let nationalities = found.filter { $0.label == .nationality }
    #expect(nationalities.map { $0.attributes["country"] ?? "-" } == countries, "\(Self.describe(found, in: text))")
    #expect(nationalities.allSatisfy { $0.place == nil })
  }

  // MARK: - Every reported place

  @Test(arguments: [
    "Protests spread from Karachi to Hyderabad, the second city of Sindh.",
    "Flights from Bengaluru to Hyderabad were cancelled.",
    "QUETTA, Pakistan — Gunmen opened fire on a bus on Monday.",
    "KABUL, AFGHANISTAN – The ministry announced new rules for aid groups.",
    "Gunmen attacked a police post in Tank district on Friday.",
    "He moved to Reading in 2010.",
    "Troops were sent to NWFP in 2009.",
    "Polio teams visited Khyber Pakhtunkhwa province last week.",
    "Heavy fighting was reported in Kandahar province.",
    "Levies officials in Musa Khel said the road was blocked.",
    "A police station in Lakki Marwat district came under attack.",
    "Pakistani and Afghan officials met in Islamabad.",
    "U.S.-Pakistan cooperation was discussed.",
    "Roads in Quetta district were closed.",
  ])
  func everyReportedPlaceHasAConfidentResolvedPlaceInACountry(_ text: String) throws {
    let places = try Self.placesAndNationalities(in: text).filter { $0.label == .place }
    #expect(!places.isEmpty)
    for entity in places {
      let name = entity.substring(in: text)
      let confidence = try #require(entity.confidence, "\(name) has no confidence")
      #expect((0.5...1).contains(confidence), "\(name): \(confidence)")
      let place = try #require(entity.place, "\(name) has no place payload")
      #expect(place.country != nil, "\(name) (\(place.id)) has no country")
      #expect(place.id == entity.entryID)
    }
  }
}
