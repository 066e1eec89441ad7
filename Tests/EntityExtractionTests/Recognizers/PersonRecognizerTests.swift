import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The person rules of the name recognizer, with the bundled gazetteers. Every sample is
/// written for these tests; only `person` and `organization` mentions are compared.
@Suite struct PersonRecognizerTests {
  static func extractor() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  /// The person and organization mentions of `text`.
  static func names(in text: String) throws -> [Entity] {
    try extractor().entities(in: text).filter { $0.label == .person || $0.label == .organization }
  }

  static func check(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let found = try names(in: sample.text)
    #expect(sample.mentions(of: found) == sample.expectedMentions, "\(marked)")
  }

  @Test(arguments: [
    // A title or role before the name stays outside the span.
    "Foreign Minister [Ishaq Dar|person] flew to Beijing on Monday.",
    "The blast was condemned by Senator [Mushahid Hussain|person] in a statement.",
    "Deputy Finance Minister [Aisha Ghaus|person] presented the figures.",
    "Local police officer [Gul Wali|person] said two shops were damaged.",
    "The report quoted spokesperson [Zarina Baloch|person] at length.",
    "Dr. [Farzana Bari|person] chaired the session.",
    "Major General [John W. Nicholson|person] briefed reporters.",
    // A role after a title word is not a name: only the word next to the name matters.
    "Army chief General [Syed Asim Munir|person] visited the troops.",
    // One word after a title is enough.
    "Prime Minister [Sharif|person] left early.",
  ])
  func findsNamesAfterTitles(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    // Honorifics that are part of how the name is used stay inside the span.
    "[Maulana Fazlur Rehman|person] addressed the rally in Peshawar.",
    "The sermon was given by [Mufti Taqi Usmani|person] after prayers.",
    "[Mullah Omar|person] was never seen in public.",
    "[Hafiz Naeem|person] led the protest march.",
  ])
  func keepsHonorifics(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    // Given-name and surname lists.
    "Residents said [Khalid Mehmood|person] had left the village.",
    "[Grace Hopper|person] wrote the first compiler.",
    "Witnesses saw [Rahimullah Yousafzai|person] at the market.",
    // Particles and hyphens join the name.
    "Iraqi officials met [Haider al-Abadi|person] in Baghdad.",
    "[Osama bin Laden|person] was killed in Abbottabad in 2011.",
    "The former premier [Anwaar-ul-Haq Kakar|person] wrote a column.",
    "Envoy [Staffan de Mistura|person] resigned.",
    "[Jean-Luc Picard|person] is a fictional captain.",
  ])
  func findsListedNamesParticlesAndHyphens(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    // Names no list knows, next to a reporting verb or a role apposition.
    "“We will not leave,” said [Tor Khalmaro|person], a shopkeeper.",
    "[Bakht Zareen|person] told reporters the road was closed.",
    "[Qazi Dawar|person], a spokesman for the tribal council, confirmed the toll.",
    "According to [Zarghun Wazirzai|person], the convoy was hit twice.",
  ])
  func findsUnlistedNamesByReportingCues(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    "The spokesperson declined to comment.",
    "The Prime Minister and the Chief of Army Staff attended the meeting.",
    "Interior Minister said the inquiry would report soon.",
    "Security forces killed three militants in the raid.",
    "Pakistani officials said Kabul had been warned.",
    "Human rights groups condemned the arrests.",
    "On Monday the Senate passed the bill.",
    // A headline in capitals or title case is not a string of names.
    "PRIME MINISTER VISITS FLOOD HIT AREAS OF SINDH",
    "Minister Promises Swift Action After Market Blast Kills Seven",
    "Police Chief Orders Inquiry Into Custodial Death",
  ])
  func leavesRolesCollectivesAndHeadlinesAlone(_ text: String) throws {
    #expect(try Self.names(in: text).filter { $0.label == .person }.isEmpty, "\(text)")
  }

  @Test func linksALaterSurnameToTheFullName() throws {
    let text = "Prime Minister Shehbaz Sharif chaired the meeting. Later, Sharif told reporters."
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.map { String($0.substring(in: text)) } == ["Shehbaz Sharif", "Sharif"])
    #expect(people.map(\.canonicalName) == ["Shehbaz Sharif", "Shehbaz Sharif"])
  }

  @Test func linksAnEarlierSurnameAndAPossessive() throws {
    let text = "Mujtaba’s office issued no statement.\nThe cleric Hamid Mujtaba was arrested on Friday."
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.map { String($0.substring(in: text)) } == ["Mujtaba", "Hamid Mujtaba"])
    #expect(people.first?.canonicalName == "Hamid Mujtaba")
  }

  @Test func leavesASharedSurnameAmbiguous() throws {
    let text = "Nawaz Sharif met his brother Shehbaz Sharif in Lahore. Sharif later left for London."
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.map { String($0.substring(in: text)) } == ["Nawaz Sharif", "Shehbaz Sharif", "Sharif"])
    let bare = try #require(people.last)
    #expect(bare.canonicalName == nil)
    #expect(bare.attributes["candidates"] == "Nawaz Sharif|Shehbaz Sharif")
  }

  @Test func linksAShortNameToTheLongerOne() throws {
    let text = "General Syed Asim Munir spoke first. Asim Munir then left."
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.map(\.canonicalName) == ["Syed Asim Munir", "Syed Asim Munir"])
  }

  @Test func findsHeadlineNamesTheBodyConfirms() throws {
    let text = "KAKAR CALLS EMERGENCY MEETING\n\nCaretaker premier Anwaar-ul-Haq Kakar met the cabinet on Tuesday."
    let people = try Self.names(in: text).filter { $0.label == .person }
    #expect(people.map { String($0.substring(in: text)) } == ["KAKAR", "Anwaar-ul-Haq Kakar"])
    #expect(people.first?.canonicalName == "Anwaar-ul-Haq Kakar")
  }

  @Test func describesTheMention() throws {
    let text = "Senator Mushahid Hussain spoke."
    let person = try #require(try Self.names(in: text).first)
    #expect(person.label == .person)
    #expect(person.canonicalName == "Mushahid Hussain")
    #expect(person.source == "rule:person/title")
    #expect((person.confidence ?? 0) >= 0.85)
  }

  @Test(arguments: [
    // A one-word place right after a title opens the name ("Gao" is also a town in Mali)…
    "The cabinet met on Monday, and Health Minister [Gao Qiang|person] said the outbreak was over.",
    // …but a title after a title is no name word, and a place alone is no name.
    "The officers met on Monday, and Lieutenant General [Tariq Khan|person] said the road was open.",
    "The officers met on Monday, and the Governor of Quetta said the road was open again.",
  ])
  func readsAPlaceAfterATitleAsTheFirstNameWord(_ marked: String) throws { try Self.check(marked) }
}

