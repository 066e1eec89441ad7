import EntityExtraction
import Testing
import _EntityExtractionTestSupport

private typealias E = IncidentExample

/// One sentence (or a few) written for these tests, the casualty count to look at, and the
/// place, date and perpetrator it must get (`nil`: none must be attached). The place and
/// perpetrator are the texts of their mentions; the date is its TIMEX3 value, against the
/// reference date 2024-09-18 (a Wednesday).
struct IncidentExample: CustomTestStringConvertible, Sendable {
  var text: String
  var count: String
  var place: String?
  var date: String?
  var perpetrator: String?

  init(_ text: String, count: String, place: String?, date: String?, by perpetrator: String?) {
    self.text = text
    self.count = count
    self.place = place
    self.date = date
    self.perpetrator = perpetrator
  }

  var testDescription: String { text }
}

/// How casualty counts are tied to the place, date and perpetrator of their event, on
/// sentences written for these tests: what must attach, and what must not (the victims'
/// origin, where and when something was said, generic attackers, the victims' own group).
@Suite struct IncidentLinkingTests {
  static let referenceDate = CalendarDate(parsing: "2024-09-18")

  static func extractor() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  /// What the count of an example got: the texts of its place and perpetrator mentions,
  /// and its date's value.
  static func links(_ example: IncidentExample) throws -> (place: String?, date: String?, perpetrator: String?) {
    let text = example.text
    let incidents = try extractor().incidents(in: text, referenceDate: referenceDate)
    let incident = try #require(
      incidents.first { Self.text(of: $0.utf8Range, in: text) == example.count },
      "no casualty count '\(example.count)' among \(incidents.count)")
    return (
      incident.place.map { Self.text(of: $0.utf8Range, in: text) }, incident.date?.value.value,
      incident.perpetrator.map { Self.text(of: $0.utf8Range, in: text) }
    )
  }

  /// The text at UTF-8 offsets `range` of `text`.
  static func text(of range: Range<Int>, in text: String) -> String {
    String(Entity(utf8Range: range, label: .casualty).substring(in: text))
  }

  /// Places governed by a preposition, the most specific of a phrase, before an event word, the object of an attack.
  static let places: [IncidentExample] = [
    E(
      "Gunmen killed at least 12 policemen in the Lakki Marwat district of Khyber Pakhtunkhwa on Tuesday.",
      count: "at least 12 policemen", place: "Lakki Marwat", date: "2024-09-17", by: nil),
    E(
      "A roadside bomb killed three soldiers near Quetta, Balochistan, on Sunday.",
      count: "three soldiers", place: "Quetta", date: "2024-09-15", by: nil),
    E(
      "Two teachers were wounded outside Besham town in northern Pakistan's Khyber Pakhtunkhwa province.",
      count: "Two teachers", place: "Besham", date: nil, by: nil),
    E(
      "Nine pilgrims were injured in Pakistan's Balochistan province on Friday.",
      count: "Nine pilgrims", place: "Balochistan", date: "2024-09-13", by: nil),
    E(
      "The Peshawar blast killed 20 worshippers.",
      count: "20 worshippers", place: "Peshawar", date: nil, by: nil),
    E(
      "Militants stormed Bannu overnight, killing four guards.",
      count: "four guards", place: "Bannu", date: nil, by: nil),
    E(
      "Three Quetta residents were injured when a grenade exploded in Mastung.",
      count: "Three Quetta residents", place: "Mastung", date: nil, by: nil),
    E(
      "Police arrested 30 suspects in Lahore on Thursday.",
      count: "30 suspects", place: "Lahore", date: "2024-09-12", by: nil),
    E(
      "Six shepherds were abducted 40 km north of Zhob.",
      count: "Six shepherds", place: "Zhob", date: nil, by: nil),
    E(
      "The bombing of a Karachi market killed 15 shoppers.",
      count: "15 shoppers", place: "Karachi", date: nil, by: nil),
  ]

  /// Must not attach a place: the victims' origin, where something was said, a dateline, a country naming whose buildings.
  static let notPlaces: [IncidentExample] = [
    E(
      "Five Chinese citizens were killed in the attack, officials said in Islamabad on Thursday.",
      count: "Five Chinese citizens", place: nil, date: nil, by: nil),
    E(
      "Seven workers from Punjab were kidnapped on Friday.",
      count: "Seven workers", place: nil, date: "2024-09-13", by: nil),
    E(
      "Interior Minister Mohsin Naqvi told a news conference in Islamabad that 14 people were wounded.",
      count: "14 people", place: nil, date: nil, by: nil),
    E(
      "Twelve villagers have been missing since May, officials in Kabul said.",
      count: "Twelve villagers", place: nil, date: nil, by: nil),
    E(
      "QUETTA, Pakistan — Gunmen shot dead two policemen on Monday.",
      count: "two policemen", place: nil, date: "2024-09-16", by: nil),
    E(
      "A bomb exploded outside the U.S. embassies, killing 11 guards.",
      count: "11 guards", place: nil, date: nil, by: nil),
    E(
      "Four residents of Swat were hurt in the stampede.",
      count: "Four residents", place: nil, date: nil, by: nil),
  ]

  /// Dates of the harm, and the dates that are not: a statement's, a bound.
  static let dates: [IncidentExample] = [
    E(
      "On Monday, gunmen shot dead four customs officers.",
      count: "four customs officers", place: nil, date: "2024-09-16", by: nil),
    E(
      "The March 26 bombing killed eight civilians.",
      count: "eight civilians", place: nil, date: "2024-03-26", by: nil),
    E(
      "Police said on Friday that two people were killed in Karachi on Wednesday.",
      count: "two people", place: "Karachi", date: "2024-09-18", by: nil),
    E(
      "Troops freed the four engineers who had been held since May.",
      count: "four engineers", place: nil, date: nil, by: nil),
    E(
      "Officials revealed on Tuesday that 18 militants had been killed.",
      count: "18 militants", place: nil, date: nil, by: nil),
    E(
      "Three farmers died in the attack, a late Sunday announcement said.",
      count: "Three farmers", place: nil, date: nil, by: nil),
  ]

  /// Organizations that did it or claimed it.
  static let perpetrators: [IncidentExample] = [
    E(
      "Taliban fighters killed 11 soldiers in Helmand province on Wednesday.",
      count: "11 soldiers", place: "Helmand", date: "2024-09-18", by: "Taliban"),
    E(
      "Eight labourers were killed by the Balochistan Liberation Army in Kech.",
      count: "Eight labourers", place: "Kech", date: nil, by: "Balochistan Liberation Army"),
    E(
      "The Tehrik-i-Taliban Pakistan claimed responsibility for the blast, which killed nine people in Bannu.",
      count: "nine people", place: "Bannu", date: nil, by: "Tehrik-i-Taliban Pakistan"),
    E(
      "The attack, claimed by the Islamic State, killed 18 people in Kabul.",
      count: "18 people", place: "Kabul", date: nil, by: "Islamic State"),
    E(
      "The Islamic State said it carried out the suicide bombing in Jalalabad that killed 13 people.",
      count: "13 people", place: "Jalalabad", date: nil, by: "Islamic State"),
    E(
      "Al-Shabaab claimed the attack in Mogadishu, which killed 10 people.",
      count: "10 people", place: "Mogadishu", date: nil, by: "Al-Shabaab"),
  ]

  /// Must not attach a perpetrator: generic attackers, no claim, the victims' own, a target, suspicion, condemnation, denial, a rescuer.
  static let notPerpetrators: [IncidentExample] = [
    E(
      "Gunmen abducted four engineers in Dera Ismail Khan; no group claimed responsibility.",
      count: "four engineers", place: "Dera Ismail Khan", date: nil, by: nil),
    E(
      "Militants attacked a checkpoint in North Waziristan on Saturday, killing six soldiers.",
      count: "six soldiers", place: "North Waziristan", date: "2024-09-14", by: nil),
    E(
      "Security forces killed 12 members of the TTP in a raid in Khyber district.",
      count: "12 members", place: "Khyber", date: nil, by: nil),
    E(
      "An attack on the Frontier Corps killed five recruits.",
      count: "five recruits", place: nil, date: nil, by: nil),
    E(
      "Five miners were kidnapped; suspicion fell on the Pakistani Taliban.",
      count: "Five miners", place: nil, date: nil, by: nil),
    E(
      "The United Nations condemned the bombing that killed 22 people.",
      count: "22 people", place: nil, date: nil, by: nil),
    E(
      "The Tehrik-i-Taliban Pakistan denied responsibility for the blast that killed seven people.",
      count: "seven people", place: nil, date: nil, by: nil),
    E(
      "The Frontier Corps rescued 14 hostages.",
      count: "14 hostages", place: nil, date: nil, by: nil),
  ]

  /// Events told across sentences, and the context's limits: another event, another paragraph, another country.
  static let acrossSentences: [IncidentExample] = [
    E(
      "On Monday, gunmen attacked a bus in Musakhail. The attackers fled into the hills. 23 people were killed.",
      count: "23 people", place: "Musakhail", date: "2024-09-16", by: nil),
    E(
      "Eight labourers were shot dead in Kech on Monday. The Balochistan Liberation Army claimed responsibility.",
      count: "Eight labourers", place: "Kech", date: "2024-09-16", by: "Balochistan Liberation Army"),
    E(
      "Five soldiers were killed in a blast near Chaman.\nThe attack happened on Saturday.",
      count: "Five soldiers", place: "Chaman", date: "2024-09-14", by: nil),
    E(
      "Five soldiers were killed in a blast near Chaman.\nOfficials met on Saturday.",
      count: "Five soldiers", place: "Chaman", date: nil, by: nil),
    E(
      "A suicide bomber killed five people in Kandahar on Sunday. In a separate attack, two policemen were wounded.",
      count: "two policemen", place: nil, date: nil, by: nil),
    E(
      "Al-Shabaab militants stormed a hotel in Mogadishu on Friday. Venezuelan officials said six prisoners were killed.",
      count: "six prisoners", place: nil, date: nil, by: nil),
    E(
      "TTP militants attacked a police post in Tank on Thursday. Three constables were wounded.",
      count: "Three constables", place: "Tank", date: "2024-09-12", by: "TTP"),
  ]

  @Test(arguments: places + notPlaces + dates + perpetrators + notPerpetrators + acrossSentences)
  func attachesWhatTheTextTies(_ example: IncidentExample) throws {
    let found = try Self.links(example)
    #expect(found.place == example.place, "place")
    #expect(found.date == example.date, "date")
    #expect(found.perpetrator == example.perpetrator, "perpetrator")
  }

  @Test func theTableHasMustNotCasesOfEveryKind() {
    #expect(Self.notPlaces.allSatisfy { $0.place == nil })
    #expect(Self.notPerpetrators.allSatisfy { $0.perpetrator == nil })
    #expect(Self.places.count + Self.notPlaces.count + Self.dates.count + Self.perpetrators.count
      + Self.notPerpetrators.count + Self.acrossSentences.count >= 40)
  }
}
