import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The evidence rules for names no list knows (`Gazetteers/names/`): cue words before or
/// after a capitalised name type it, and the document's other mentions of the same words
/// take that type. Every sample is written for these tests, with invented names.
@Suite struct NameEvidenceTests {
  /// The people and organizations of `text`, as the organization rules' tests read them.
  static func names(in text: String) throws -> [Entity] { try OrganizationRecognizerTests.names(in: text) }

  static func check(_ marked: String) throws { try OrganizationRecognizerTests.check(marked) }

  @Test(arguments: [
    // A descriptor before the name, an optional "the" between.
    "Shares of the mining firm [Qorvatex|organization] fell sharply on the news from the coast.",
    "A spokesman for the [Zandelmoor Brothers|organization] said the trucks were waiting at the border.",
    // A kind noun after the name, in lower case.
    "The plane of the [Vellamaro|organization] airline landed safely at the military base.",
    "Members of the [Ostrakeen|organization] party marched through the capital on the holiday.",
    // A member noun after the name.
    "A [Dravinsk|organization] spokesman denied the claim that troops were moving.",
  ])
  func cueWordsTypeUnknownNames(_ marked: String) throws { try Self.check(marked) }

  @Test func otherMentionsOfTheSameWordsTakeTheType() throws {
    try Self.check(
      """
      The drug maker [Pellanox|organization] recalled a batch of tablets last week. \
      [Pellanox|organization] said the recall was voluntary, and the regulator praised \
      [Pellanox|organization] 's quick response to the complaints.
      """)
  }

  @Test(arguments: [
    // The cue word in capitals is part of a name, not a cue.
    "Officials at Morvaine Company said nothing about the layoffs.",
    // Generic capitalised words are no names: nothing distinctive in the span.
    "The firm Police said nothing, the report noted without further comment on the matter.",
    // A longer capitalised name around the words: the cue does not cut it.
    "A Velmor Trade Zandik spokesman said the port would reopen after repairs this winter.",
  ])
  func cuesDoNotFireWithoutADistinctiveFreeName(_ text: String) throws {
    let cued = try Self.names(in: text).filter { $0.source.hasSuffix("/cue") || $0.source.hasSuffix("/same-name") }
    #expect(cued.isEmpty, "\(text): \(cued.map { $0.substring(in: text) })")
  }

  @Test func aHeadlineWordIsNotTypedByACueButIsBySameName() throws {
    // In a headline case says nothing, so the cue there does not type "Trallow"; once
    // the body types it, the headline's mention takes the type too.
    let text = "TRALLOW AIRLINE CUTS ROUTES\nThe budget airline Trallow cut four routes on Monday, officials said."
    let found = try Self.names(in: text).filter { $0.label == .organization }
    #expect(found.map { $0.substring(in: text) } == ["TRALLOW", "Trallow"])
    #expect(found.map(\.source) == ["rule:organization/same-name", "rule:organization/cue"])
  }

  @Test func evidenceWeightsAreReadFromTheData() throws {
    // Raising the minimum above every rule's weight turns the rules off.
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteers = [
      try Gazetteer(
        parsing: "minimum\tname_evidence\teex:evidence/minimum\t-\tweight=0.99\n", sourceName: "strict.tsv")
    ]
    let strict = try EntityExtractor(configuration: configuration)
    let text = "Shares of the mining firm Qorvatex fell sharply on the news from the coast."
    #expect(!strict.entities(in: text).contains { $0.source == "rule:organization/cue" })
    #expect(try Self.names(in: text).contains { $0.source == "rule:organization/cue" })
  }

  @Test func aMalformedEvidenceRuleNamesItsLine() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteers = [
      try Gazetteer(
        parsing: "# rules\nodd\tname_evidence\teex:evidence/odd\t-\tlabel=organization;side=inside;weight=0.5\n",
        sourceName: "odd.tsv")
    ]
    #expect {
      _ = try EntityExtractor(configuration: configuration)
    } throws: { error in
      "\(error)".contains("odd.tsv:2") && "\(error)".contains("side")
    }
  }

  @Test func aListedOrganizationsDistinctiveLastWordAloneIsThatOrganization() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteers = [
      try Gazetteer(
        parsing: "Velmaran Brotherhood\torganization\ttest:velmaran\t-\tkind=party\n", sourceName: "test.tsv")
    ]
    let extractor = try EntityExtractor(configuration: configuration)
    let text =
      "Police detained members of the Velmaran Brotherhood in the capital. The Brotherhood called the arrests unlawful."
    let organizations = extractor.entities(in: text).filter { $0.label == .organization }
    #expect(organizations.map { $0.substring(in: text) } == ["Velmaran Brotherhood", "Brotherhood"])
    #expect(organizations.last?.source == "rule:organization/short-name")
    #expect(organizations.last?.entryID == "test:velmaran")
    #expect(organizations.last?.canonicalName == "Velmaran Brotherhood")
  }

  @Test func aGenericOrPlaceLastWordIsNotAShortName() throws {
    // "Army" is a head noun, "Pakistan" a place: neither alone stands for the group.
    let text =
      "The Balochistan Liberation Army and Tehrik-i-Taliban Pakistan were named. The Army said Pakistan would respond."
    let short = try Fixtures.bundledExtractor.get().entities(in: text).filter { $0.source == "rule:organization/short-name" }
    #expect(short.isEmpty)
  }

  @Test(arguments: [
    // A one-word name before a reporting verb, with a listed surname: a person…
    "After the match on Sunday, [Garcia|person] said he was tired but happy with the result.",
    // …but a full name found by the person rules stays whole, particles included.
    "On Sunday the prime minister, Nouri al-[Qarwani|person] said, would travel abroad.",
  ])
  func aReportingVerbAfterAOneWordNameIsPersonEvidence(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let people = try Self.names(in: sample.text).filter { $0.label == .person }
    if marked.contains("al-") {
      #expect(!people.contains { $0.substring(in: sample.text) == "Qarwani" })
    } else {
      #expect(sample.mentions(of: people) == sample.expectedMentions, "\(marked)")
    }
  }

  @Test(arguments: [
    "After the raid on Sunday, Police said the suspects had fled across the river.",
    "After the talks on Sunday, Washington said the sanctions would stay in place.",
    "After the talks on Sunday, Zorvent said the sanctions would stay in place.",
    "Police in London said the suspect had fled across the river.",
    "Officials at Jackson said the water was unsafe to drink.",
  ])
  func aReportingVerbAloneDoesNotMakeAPerson(_ text: String) throws {
    // A generic head, a strong place, a word no list knows as a name, and a place that is
    // also a surname after a preposition of place: too little.
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.isEmpty, "\(text)")
  }

  @Test(arguments: [
    // A listed place and a plural word no list knows: a team.
    "On Sunday the [Karachi Zephyrs|organization] beat their rivals by six wickets in the final.",
    // A place and a listed word, or a singular one: no team.
    "On Sunday the Karachi Police arrested six men after the match in the city.",
    "On Sunday the Karachi Zephyr beat their rivals by six wickets in the final.",
  ])
  func aPlaceAndAPluralUnknownWordIsATeam(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let teams = try Self.names(in: sample.text).filter { $0.source == "rule:organization/team" }
    #expect(sample.mentions(of: teams) == sample.expectedMentions, "\(marked)")
  }
}
