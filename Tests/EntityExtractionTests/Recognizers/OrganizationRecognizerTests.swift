import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The organization rules of the name recognizer and the bundled organization lists.
/// Every sample is written for these tests; only `person` and `organization` mentions
/// are compared.
@Suite struct OrganizationRecognizerTests {
  static func names(in text: String) throws -> [Entity] {
    try Fixtures.bundledExtractor.get().entities(in: text)
      .filter { $0.label == .person || $0.label == .organization }
  }

  static func check(_ marked: String) throws {
    let sample = try MarkedText(marked)
    #expect(sample.mentions(of: try names(in: sample.text)) == sample.expectedMentions, "\(marked)")
  }

  @Test(arguments: [
    // Listed armed groups, spelling variants, acronyms, possessives.
    "The [Tehreek-e-Taliban Pakistan|organization] claimed the attack.",
    "[TTP|organization] fighters retreated into the hills.",
    "The [Afghan Taliban|organization]’s return emboldened the [Pakistani Taliban|organization].",
    "The banned [Balochistan Liberation Army|organization] said it planted the bomb.",
    "A faction of [ISIS-K|organization] was blamed.",
    "[al-Shabaab|organization] fighters attacked a base.",
    "The [Islamic State|organization] group lost its last stronghold.",
    // Government bodies, international bodies, media.
    "An [ISPR|organization] statement said four soldiers died.",
    "The [U.S. State Department|organization] issued a travel warning.",
    "[UNHCR|organization] and the [World Food Programme|organization] sent supplies.",
    "[Reuters|organization] and [AFP|organization] could not verify the claim.",
    "The report aired on [Geo News|organization] late at night.",
  ])
  func findsListedOrganizations(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    // A capitalised name ending in a head noun, with places and listed names inside.
    "The [Khyber Pakhtunkhwa Revenue Authority|organization] collected more this year.",
    "The [Sindhudesh Liberation Army|organization] was blamed for the blast.",
    "The [U.S. Justice Department|organization] opened an inquiry.",
    "The [Islamabad High Court|organization] adjourned the hearing.",
    "A spokesman for the [Taliban Ministry of Information and Culture|organization] spoke.",
    // Head first, with of-phrases.
    "A statement from the [Ministry of Interior of Afghanistan|organization] denied it.",
    "The [Organisation of Islamic Cooperation|organization] met in Jeddah.",
    // Transliterated names joined by particles.
    "[Tehreek-e-Nifaz-e-Aman|organization] claimed responsibility.",
    "Members of [Jamiat Ulema-e-Pakistan|organization] marched to the square.",
    // Military units numbered with ordinals.
    "Gunners of the [321st Field Artillery Regiment|organization] fired first.",
  ])
  func findsPatternNames(_ marked: String) throws { try Self.check(marked) }

  @Test(arguments: [
    "The [Provincial Highway Police|organization] ([PHP|organization]) closed the road; [PHP|organization] officers stayed.",
    "The [Frontier Works Organisation|organization], or [FWO|organization], rebuilt the bridge.",
  ])
  func findsAcronymsDefinedInTheText(_ marked: String) throws { try Self.check(marked) }

  @Test func aNameDoesNotRunAcrossALineBreak() throws {
    // A headline without a full stop ends at its line: "Police" opens the body.
    let text = "GUNMEN STORM DEPOT IN LAKKI MARWAT\nPolice in the district said the guards had fled."
    #expect(try Self.names(in: text).filter { $0.label == .organization }.isEmpty)
  }

  @Test(arguments: [
    // An abbreviation no list knows, in running text, is an organization's acronym…
    "The [KWSB|organization] fined the club twice.",
    // …unless the lists say it is something else, or the whole line is in capitals.
    "An IED hit the convoy after the FIR was filed.",
    "BLAST HITS CONVOY NEAR QUETTA",
  ])
  func readsUndefinedAcronyms(_ marked: String) throws {
    let sample = try MarkedText(marked)
    let organizations = try Self.names(in: sample.text).filter { $0.label == .organization }
    #expect(sample.mentions(of: organizations) == sample.expectedMentions, "\(marked)")
  }

  @Test func givesAShortNameTheCanonicalLongName() throws {
    let text = "The Punjab Food Authority sealed ten shops. The Food Authority said more raids would follow."
    let organizations = try Self.names(in: text).filter { $0.label == .organization }
    #expect(organizations.map { String($0.substring(in: text)) } == ["Punjab Food Authority", "Food Authority"])
    #expect(organizations.map(\.canonicalName) == ["Punjab Food Authority", "Punjab Food Authority"])
  }

  @Test func givesAnAcronymItsExpansion() throws {
    let text = "The Provincial Highway Police (PHP) closed the road."
    let acronym = try #require(try Self.names(in: text).last)
    #expect(acronym.substring(in: text) == "PHP")
    #expect(acronym.canonicalName == "Provincial Highway Police")
  }

  @Test func listedAcronymsCarryTheirEntry() throws {
    let text = "TTP fighters retreated."
    let entity = try #require(try Self.names(in: text).first)
    #expect(entity.entryID == "eex:org/tehrik-i-taliban-pakistan")
    #expect(entity.canonicalName == "Tehrik-i-Taliban Pakistan")
  }

  @Test func aPlaceInsideAnOrganizationBelongsToIt() throws {
    let text = "The Balochistan Liberation Army and the Pakistan Atomic Energy Commission."
    let all = try Fixtures.bundledExtractor.get().entities(in: text)
    #expect(all.map(\.label) == [.organization, .organization])
  }

  @Test(arguments: [
    "Security forces surrounded the compound.",
    "Human rights groups called for an inquiry.",
    "Security Forces Raid Militant Hideout",
    "The army and the police set up checkpoints.",
    "He is the Chief of Army Staff.",
    "The Pakistani military said the border was calm.",
    "Law enforcement agencies arrested two men.",
    "Armed Forces personnel were deployed.",
  ])
  func leavesCollectivesAlone(_ text: String) throws {
    #expect(try Self.names(in: text).isEmpty, "\(text)")
  }
}
