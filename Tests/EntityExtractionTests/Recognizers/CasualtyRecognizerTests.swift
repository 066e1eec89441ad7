import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// One casualty record a sentence must produce: its span's text and its value.
struct CasualtyRecord: Hashable, Sendable, Comparable, CustomStringConvertible {
  var span: String
  var outcome: String
  var min: Int?
  var max: Int?
  var approximate: Bool

  /// An exact count: `min == max`.
  init(_ outcome: CasualtyOutcome, _ span: String, _ count: Int, approximate: Bool = false) {
    self.init(outcome, span, min: count, max: count, approximate: approximate)
  }

  /// A bounded count; `nil` is open.
  init(_ outcome: CasualtyOutcome, _ span: String, min: Int?, max: Int?, approximate: Bool = false)
  {
    self.span = span
    self.outcome = outcome.rawValue
    self.min = min
    self.max = max
    self.approximate = approximate
  }

  init(_ entity: Entity, in text: String) {
    let count = entity.casualty
    self.init(
      count?.outcome ?? CasualtyOutcome(rawValue: "?"), String(entity.substring(in: text)),
      min: count?.min, max: count?.max, approximate: count?.approximate ?? false)
  }

  var description: String {
    "\(outcome)[\(span)] \(min.map(String.init) ?? "nil")…\(max.map(String.init) ?? "nil")"
      + (approximate ? " ~" : "")
  }

  static func < (left: Self, right: Self) -> Bool { left.description < right.description }
}

/// A sentence and every casualty record it must produce (none, for the negative rows).
struct CasualtyExample: Sendable, CustomTestStringConvertible {
  var text: String
  var records: [CasualtyRecord]
  var testDescription: String { text }

  init(_ text: String, _ records: CasualtyRecord...) {
    self.text = text
    self.records = records
  }
}

private typealias R = CasualtyRecord
private typealias E = CasualtyExample

@Suite struct CasualtyRecognizerTests {
  /// The bundled gazetteers, reporting casualties only.
  static let extractor: Result<EntityExtractor, Error> = Result {
    var configuration = EntityExtractor.Configuration()
    configuration.labels = [.casualty]
    return try EntityExtractor(configuration: configuration)
  }

  static func records(in text: String) throws -> [CasualtyRecord] {
    try extractor.get().entities(in: text).map { CasualtyRecord($0, in: text) }.sorted()
  }

  // MARK: - The sentence table

  /// Verbs before the count: active, and "of"-nouns.
  static let activeVerbs: [CasualtyExample] = [
    E("Militants killed 21 insurgents near the border.", R(.killed, "21 insurgents", 21)),
    E("Security forces responded, killing 14 attackers.", R(.killed, "14 attackers", 14)),
    E("Police arrested eleven men in connection with the bombing.", R(.arrested, "eleven men", 11)),
    E(
      "The gang kidnapped 16 coal miners on their way to work.", R(.kidnapped, "16 coal miners", 16)
    ),
    E("Troops rescued 30 hostages from a compound in the hills.", R(.rescued, "30 hostages", 30)),
    E(
      "Gunmen abducted five polio workers in the district.", R(.kidnapped, "five polio workers", 5)),
    E("The rebels released 23 prisoners on Sunday.", R(.rescued, "23 prisoners", 23)),
    E("The airstrike wounded nine civilians, officials said.", R(.injured, "nine civilians", 9)),
    E("The army said it had neutralized 12 terrorists overnight.", R(.killed, "12 terrorists", 12)),
    E("A roadside bomb killed a soldier on patrol.", R(.killed, "a soldier", 1)),
    E("Unknown assailants shot dead a journalist outside his home.", R(.killed, "a journalist", 1)),
    E(
      "The drone strike killed at least seven fighters.",
      R(.killed, "at least seven fighters", min: 7, max: nil)),
    E(
      "Authorities detained as many as 300 protesters.",
      R(.arrested, "as many as 300 protesters", min: nil, max: 300)),
    E(
      "The attack killed more than a dozen policemen.",
      R(.killed, "more than a dozen policemen", min: 13, max: nil)),
    E("Insurgents executed four captured soldiers.", R(.killed, "four captured soldiers", 4)),
    E("The blast killed 12 and wounded 30.", R(.killed, "12", 12), R(.injured, "30", 30)),
    E("Police recovered 12 bodies from the river.", R(.killed, "12 bodies", 12)),
    E("The kidnappers freed a dozen tourists after talks.", R(.rescued, "a dozen tourists", 12)),
    E("Shelling killed or injured 40 residents.", R(.casualties, "40 residents", 40)),
    E(
      "Militants stormed the post and killed two Frontier Corps soldiers.",
      R(.killed, "two Frontier Corps soldiers", 2)),
    E(
      "Gunmen stormed the school and kidnapped 40 students on Friday.",
      R(.kidnapped, "40 students", 40)),
    E("The suicide bomber killed himself and two guards.", R(.killed, "two guards", 2)),
    E("Soldiers killed all 12 attackers.", R(.killed, "12 attackers", 12)),
    E("The bombing claimed the lives of 14 pilgrims.", R(.killed, "14 pilgrims", 14)),
    E("Rights groups condemned the killing of six protesters.", R(.killed, "six protesters", 6)),
    E("The abduction of 20 students shocked the country.", R(.kidnapped, "20 students", 20)),
    E("Officials confirmed the deaths of three peacekeepers.", R(.killed, "three peacekeepers", 3)),
    E("The release of 50 detainees was part of the deal.", R(.rescued, "50 detainees", 50)),
    E("The bodies of 12 soldiers were recovered.", R(.killed, "12 soldiers", 12)),
    E("The arrest of nine suspects was announced on Monday.", R(.arrested, "nine suspects", 9)),
  ]

  /// The count as the subject: passive, reduced relative, intransitive, adjective.
  static let subjectVerbs: [CasualtyExample] = [
    E("21 insurgents were killed in the raid.", R(.killed, "21 insurgents", 21)),
    E("Three soldiers were wounded when a mine exploded.", R(.injured, "Three soldiers", 3)),
    E("Two policemen were martyred in the ambush.", R(.killed, "Two policemen", 2)),
    E("Four aid workers were taken hostage by the group.", R(.kidnapped, "Four aid workers", 4)),
    E("A guard was fatally shot outside the bank.", R(.killed, "A guard", 1)),
    E("Eighteen suspects have been detained so far.", R(.arrested, "Eighteen suspects", 18)),
    E("Six engineers had been abducted from the dam site.", R(.kidnapped, "Six engineers", 6)),
    E(
      "At least 38 people were killed in three separate attacks.",
      R(.killed, "At least 38 people", min: 38, max: nil)),
    E(
      "Some 40 militants were neutralised in the clearance operation.",
      R(.killed, "Some 40 militants", 40, approximate: true)),
    E(
      "Roughly 150 people were taken into custody.",
      R(.arrested, "Roughly 150 people", 150, approximate: true)),
    E(
      "No fewer than 18 soldiers were martyred.",
      R(.killed, "No fewer than 18 soldiers", min: 18, max: nil)),
    E("Fewer than 10 people were hurt.", R(.injured, "Fewer than 10 people", min: nil, max: 9)),
    E(
      "An estimated 2,000 civilians have been killed since the war began.",
      R(.killed, "An estimated 2,000 civilians", 2000, approximate: true)),
    E("Twelve people were reportedly killed in the crossfire.", R(.killed, "Twelve people", 12)),
    E(
      "Twenty-three passengers were forcibly taken off the bus before being shot dead.",
      R(.killed, "Twenty-three passengers", 23)),
    E(
      "18 Afghan nationals had been “neutralized by security forces” last year.",
      R(.killed, "18 Afghan nationals", 18)),
    E("Two children were critically injured.", R(.injured, "Two children", 2)),
    E("Nine students were later freed unharmed.", R(.rescued, "Nine students", 9)),
    E("A woman was arrested at the checkpoint.", R(.arrested, "A woman", 1)),
    E(
      "Hundreds of people were injured in the quake.",
      R(.injured, "Hundreds of people", min: 200, max: nil)),
    E(
      "Scores of protesters were detained.", R(.arrested, "Scores of protesters", min: 40, max: nil)
    ),
    E(
      "Dozens of fighters have been killed or arrested since March.",
      R(.casualties, "Dozens of fighters", min: 24, max: nil)),
    E(
      "Thousands of civilians have been killed in the conflict.",
      R(.killed, "Thousands of civilians", min: 2000, max: nil)),
    E(
      "Tens of thousands of people have died in the fighting.",
      R(.killed, "Tens of thousands of people", min: 20_000, max: nil)),
    E(
      "Hundreds of thousands of civilians were killed.",
      R(.killed, "Hundreds of thousands of civilians", min: 200_000, max: nil)),
    E("Up to 12 soldiers are missing.", R(.missing, "Up to 12 soldiers", min: nil, max: 12)),
    E(
      "About 40 civilians died in the shelling.",
      R(.killed, "About 40 civilians", 40, approximate: true)),
    E("16 miners kidnapped by militants in the northwest", R(.kidnapped, "16 miners", 16)),
    E(
      "Dozens of IS-K fighters from Syria killed\nKABUL – Officials said.",
      R(.killed, "Dozens of IS-K fighters", min: 24, max: nil)),
    E("Police found three people abducted last week.", R(.kidnapped, "three people", 3)),
    E("Two soldiers killed in Waziristan blast", R(.killed, "Two soldiers", 2)),
    E(
      "The clashes have left more than 100 people injured.",
      R(.injured, "more than 100 people", min: 101, max: nil)),
    E("38 people died after the bus plunged into a ravine.", R(.killed, "38 people", 38)),
    E("Three soldiers lost their lives in the ambush.", R(.killed, "Three soldiers", 3)),
    E(
      "Over 200 migrants drowned off the coast.",
      R(.killed, "Over 200 migrants", min: 201, max: nil)),
    E(
      "Two police officers later succumbed to their injuries.", R(.killed, "Two police officers", 2)
    ),
    E("The blast left nine dead and 20 wounded.", R(.killed, "nine", 9), R(.injured, "20", 20)),
    E("Seven people remain missing after the floods.", R(.missing, "Seven people", 7)),
    E("Twenty miners are still unaccounted for.", R(.missing, "Twenty miners", 20)),
    E(
      "The raid left at least 38 people dead.", R(.killed, "at least 38 people", min: 38, max: nil)),
    E("Officials said 12 people were feared dead.", R(.killed, "12 people", 12)),
    E("Five people went missing during the storm.", R(.missing, "Five people", 5)),
    E("Thirty students were found dead in the dormitory.", R(.killed, "Thirty students", 30)),
    E("Eleven were killed and 30 injured.", R(.killed, "Eleven", 11), R(.injured, "30", 30)),
    E("Two shepherds disappeared near the border.", R(.missing, "Two shepherds", 2)),
    E("Two suspects are in custody.", R(.arrested, "Two suspects", 2)),
    E("Fifty-five people were hospitalized.", R(.injured, "Fifty-five people", 55)),
    E("The 16 kidnapped miners were freed on Friday.", R(.rescued, "16 kidnapped miners", 16)),
    E("The 16 miners held by the gang were freed.", R(.rescued, "16 miners", 16)),
    E("Police said 14 suspects were held overnight.", R(.arrested, "14 suspects", 14)),
    E("Twenty hostages were killed in the crossfire.", R(.killed, "Twenty hostages", 20)),
    E("Three children were among the dead.", R(.killed, "Three children", 3)),
    E(
      "Dozens of militants linked to the group have either been killed or captured.",
      R(.casualties, "Dozens of militants", min: 24, max: nil)),
    E("12 members of the security forces were killed.", R(.killed, "12 members", 12)),
  ]

  /// Coordination, partitives, "including" parts.
  static let coordination: [CasualtyExample] = [
    E(
      "Two policemen and a civilian were shot dead.", R(.killed, "Two policemen", 2),
      R(.killed, "a civilian", 1)),
    E(
      "A soldier and two civilians died in the blast.", R(.killed, "A soldier", 1),
      R(.killed, "two civilians", 2)),
    E(
      "Four Turkish technicians, including a woman, and an Afghan driver were abducted.",
      R(.kidnapped, "Four Turkish technicians", 4), R(.kidnapped, "a woman", 1),
      R(.kidnapped, "an Afghan driver", 1)),
    E(
      "Militants abducted a district official and his two sons.",
      R(.kidnapped, "a district official", 1), R(.kidnapped, "two sons", 2)),
    E(
      "The strike killed a commander and three of his guards.",
      R(.killed, "a commander", 1), R(.killed, "three of his guards", 3)),
    E(
      "Three soldiers, two police officers and a child were wounded.",
      R(.injured, "Three soldiers", 3), R(.injured, "two police officers", 2),
      R(.injured, "a child", 1)),
    E(
      "Gunmen killed a teacher as well as two students.", R(.killed, "a teacher", 1),
      R(.killed, "two students", 2)),
    E("Twelve people were killed or injured in the blast.", R(.casualties, "Twelve people", 12)),
    E("Three men were abducted and later killed.", R(.killed, "Three men", 3)),
    E(
      "Two officers were killed and five others were wounded.",
      R(.killed, "Two officers", 2), R(.injured, "five others", 5)),
    E(
      "Police arrested two men, and officials said three were killed.",
      R(.arrested, "two men", 2), R(.killed, "three", 3)),
    E(
      "At least one person was killed and 14 others were hurt.",
      R(.killed, "At least one person", min: 1, max: nil), R(.injured, "14 others", 14)),
    E(
      "Soldiers freed five of the 12 teachers abducted from the school.",
      R(.rescued, "five of the 12 teachers", 5), R(.kidnapped, "12 teachers", 12)),
    E("Four of the passengers were injured.", R(.injured, "Four of the passengers", 4)),
    E(
      "Eight of the 20 hostages were released.",
      R(.rescued, "Eight of the 20 hostages", 8), R(.kidnapped, "20 hostages", 20)),
    E(
      "Eight of the 16 workers kidnapped last week were freed.",
      R(.rescued, "Eight of the 16 workers", 8), R(.kidnapped, "16 workers", 16)),
    E("Local media said two of them had died.", R(.killed, "two of them", 2)),
    E(
      "At least three of the injured soldiers later died.",
      R(.killed, "At least three of the injured soldiers", min: 3, max: nil)),
    E(
      "The attack killed 12 people, including three children.",
      R(.killed, "12 people", 12), R(.killed, "three children", 3)),
    E(
      "Security forces arrested 11 suspects, including two women.",
      R(.arrested, "11 suspects", 11), R(.arrested, "two women", 2)),
    E(
      "Nineteen people were killed, including four police officers.",
      R(.killed, "Nineteen people", 19), R(.killed, "four police officers", 4)),
    E("Several people were wounded, including a child.", R(.injured, "a child", 1)),
    E(
      "Fifteen people, mostly women and children, were killed in the strike.",
      R(.killed, "Fifteen people", 15)),
    E(
      "A policeman was killed and one person was injured.",
      R(.killed, "A policeman", 1), R(.injured, "one person", 1)),
    E("One person died and four were hurt.", R(.killed, "One person", 1), R(.injured, "four", 4)),
    E(
      "Three hundred people were evacuated and 12 were hospitalized.",
      R(.injured, "12", 12)),
    E("Of the 40 passengers, 12 were killed.", R(.killed, "12", 12)),
    E(
      "Twelve people were killed, among them three children.",
      R(.killed, "Twelve people", 12), R(.killed, "three children", 3)),
    E(
      "The blast killed 12 soldiers, 3 civilians were also hurt.",
      R(.killed, "12 soldiers", 12), R(.injured, "3 civilians", 3)),
    E(
      "The attack killed 12 soldiers, three policemen and two civilians.",
      R(.killed, "12 soldiers", 12), R(.killed, "three policemen", 3),
      R(.killed, "two civilians", 2)),
    E("He was one of four journalists killed this year.", R(.killed, "four journalists", 4)),
  ]

  /// Tolls, lists and outcome nouns.
  static let tollsAndNouns: [CasualtyExample] = [
    E("The toll climbed to 57 on Tuesday.", R(.killed, "57", 57)),
    E("The death toll from Monday's blasts rose to 61.", R(.killed, "61", 61)),
    E("Officials put the death toll at 45.", R(.killed, "45", 45)),
    E("The number of dead has risen to 112.", R(.killed, "112", 112)),
    E("The death toll rose from 40 to 57.", R(.killed, "57", 57)),
    E("Among the dead were three children.", R(.killed, "three children", 3)),
    E("Those killed included two journalists.", R(.killed, "two journalists", 2)),
    E("The injured include five firefighters.", R(.injured, "five firefighters", 5)),
    E("The strikes caused 11 casualties on both sides.", R(.casualties, "11 casualties", 11)),
    E("Hospitals reported 30 fatalities.", R(.killed, "30 fatalities", 30)),
    E(
      "The clashes caused at least 15 deaths.", R(.killed, "at least 15 deaths", min: 15, max: nil)),
    E("The militants held 16 hostages for three days.", R(.kidnapped, "16 hostages", 16)),
    E("The explosion left 40 victims in hospital.", R(.casualties, "40 victims", 40)),
    E(
      "The violence has claimed at least 70 lives.",
      R(.killed, "at least 70 lives", min: 70, max: nil)),
    E("Officials said the 12 bodies were handed over to families.", R(.killed, "12 bodies", 12)),
    E("Militants took 12 people hostage.", R(.kidnapped, "12 people", 12)),
    E("Gunmen took a soldier prisoner.", R(.arrested, "a soldier", 1)),
    E("The military said 12 terrorists were sent to hell.", R(.killed, "12 terrorists", 12)),
    E(
      "Dead: 14. Injured: 31. Missing: 2.", R(.killed, "14", 14), R(.injured, "31", 31),
      R(.missing, "2", 2)),
    E("Two riflemen were killed in the skirmish.", R(.killed, "Two riflemen", 2)),
  ]

  /// Numbers in every form, and their bounds.
  static let numbers: [CasualtyExample] = [
    E(
      "A hundred and five prisoners were released.",
      R(.rescued, "A hundred and five prisoners", 105)),
    E("Police said 1,247 suspects had been arrested.", R(.arrested, "1,247 suspects", 1247)),
    E(
      "Twenty-three innocent civilians were murdered.",
      R(.killed, "Twenty-three innocent civilians", 23)),
    E(
      "Nearly two dozen soldiers were wounded.",
      R(.injured, "Nearly two dozen soldiers", 24, approximate: true)),
    E(
      "Between 10 and 15 miners were rescued.",
      R(.rescued, "Between 10 and 15 miners", min: 10, max: 15)),
    E("10 to 15 villagers were abducted.", R(.kidnapped, "10 to 15 villagers", min: 10, max: 15)),
    E("Officials said 10–15 rebels were captured.", R(.arrested, "10–15 rebels", min: 10, max: 15)),
    E(
      "Two or three villagers were reported missing.",
      R(.missing, "Two or three villagers", min: 2, max: 3)),
    E("More than 20 people were killed.", R(.killed, "More than 20 people", min: 21, max: nil)),
    E("Over 1,000 people were arrested.", R(.arrested, "Over 1,000 people", min: 1001, max: nil)),
    E("One civilian was killed.", R(.killed, "One civilian", 1)),
    E("An off-duty policeman was gunned down.", R(.killed, "An off-duty policeman", 1)),
    E("A 27-year-old man was shot dead in the market.", R(.killed, "A 27-year-old man", 1)),
    E("Two dozen workers were kidnapped.", R(.kidnapped, "Two dozen workers", 24)),
    E("Some 300 people went missing.", R(.missing, "Some 300 people", 300, approximate: true)),
    E("Almost 90 people were injured.", R(.injured, "Almost 90 people", 90, approximate: true)),
    E("At most 12 people were hurt.", R(.injured, "At most 12 people", min: nil, max: 12)),
    E(
      "As many as 70 people may have been killed.",
      R(.killed, "As many as 70 people", min: nil, max: 70)),
    E(
      "Around 25 soldiers were captured.", R(.arrested, "Around 25 soldiers", 25, approximate: true)
    ),
    E("A total of 45 militants were killed.", R(.killed, "A total of 45 militants", 45)),
    E("A dozen tourists were abducted.", R(.kidnapped, "A dozen tourists", 12)),
    E("The gunmen’s attack left 14 people dead.", R(.killed, "14 people", 14)),
    E("“Seven soldiers were martyred,” the military said.", R(.killed, "Seven soldiers", 7)),
    E(
      "At least\u{00A0}nine people were killed.",
      R(.killed, "At least\u{00A0}nine people", min: 9, max: nil)),
    E("2.5 million people were injured", R(.injured, "2.5 million people", 2_500_000)),
  ]

  /// Counts that are not casualties: things, ages, populations, participants, dates,
  /// times, money, denied or averted harm, counts with no number.
  static let negatives: [CasualtyExample] = [
    E("Ahmed, 27, was killed on the spot."),
    E("The 35-year-old was arrested on Monday."),
    E("Militants torched ten vehicles and three trucks."),
    E("About 12,000 Turkish nationals live in the province."),
    E("A 3,000-strong contingent was sent to the border."),
    E("Dozens of armed men occupied the town hall."),
    E("Thousands of people protested in the capital."),
    E("The army deployed 3,000 troops to the province."),
    E("The ministry said 12 soldiers were promoted."),
    E("About 50 people attended the funeral of the slain journalist."),
    E("The company employs 200 workers at the mine."),
    E("Police seized 12 weapons and 3,000 rounds of ammunition."),
    E("Only two of the 40 passengers survived."),
    E("No one was killed in the attack."),
    E("None of the 30 passengers were hurt."),
    E("Not one soldier was injured."),
    E("Twelve soldiers were not harmed in the blast."),
    E("Five people escaped unhurt."),
    E("Nearly 40 people were nearly killed when the roof collapsed."),
    E("Flight 370 disappeared over the ocean."),
    E("The meeting on March 26 drew 30 officials."),
    E("The attack happened at 10:30 on Tuesday."),
    E("The government paid $12 million in compensation."),
    E("Turnout fell to 40% in the district."),
    E("Resolution 2231 was adopted in 2015."),
    E("The fighting in 2021 displaced 400 families."),
    E("Rescuers saved 12 lives."),
    E("The convoy of 40 trucks was attacked near the pass."),
    E("The court sentenced 12 militants to death."),
    E("Some 300 families were displaced by the fighting."),
    E("Police are hunting for the four suspects who escaped."),
    E("The two-day ceasefire ended on Sunday."),
    E("The group has about 5,000 fighters in the region."),
    E("Seven militants attacked a checkpoint near the border."),
    E("Hundreds of soldiers were deployed after the attack."),
    E("Rioters burned at least eight buses."),
    E("Ten years after the massacre, survivors gathered."),
    E("The three-day operation ended with no losses."),
    E("Two delegations met in Doha for talks."),
    E("A spokesman for the police said the road had reopened."),
    E("Five soldiers guarded the bridge while engineers repaired it."),
    E("The commission interviewed 45 witnesses."),
    E("More than 1,000 students sat the exam."),
    E("The militants threatened to kill the 16 prisoners."),
    E("The officer, 45, said four men fled."),
    E("A police station was attacked by 20 gunmen."),
    E("The militants' hideout housed 30 fighters."),
    E("At 9 a.m., 200 workers began their shift."),
    E("Some of the kidnapped workers were freed."),
    E("The victims' families received 5 million rupees."),
    E("The blast destroyed 14 shops and 3 houses."),
    E("Several people were killed in the blast."),
    E("Many civilians were injured."),
    E("The killing of foreign workers drew condemnation."),
    E("Five officials said soldiers were killed."),
    E("A suicide bomber rammed his car into the convoy."),
    E("The 12 soldiers on patrol said the road was closed."),
    E("Dozens of gunmen attacked the village, killing livestock."),
    E("A man urged the authorities to meet the demands."),
    E("The mine employs 16 miners and two engineers."),
    E("Refugees hoped for a better life in Europe."),
    E("The council is a consultative body."),
    E("He is serving a life sentence for the killings."),
    E("The festival '83 was held in November."),
    E("They fined a shop owner they said had hoarded flour."),
  ]

  @Test(arguments: activeVerbs + subjectVerbs + coordination + tollsAndNouns + numbers + negatives)
  func findsEveryRecordAndNothingElse(_ example: CasualtyExample) throws {
    #expect(try Self.records(in: example.text) == example.records.sorted())
  }

  @Test func theTableIsLargeEnough() {
    let all =
      Self.activeVerbs + Self.subjectVerbs + Self.coordination + Self.tollsAndNouns
      + Self.numbers + Self.negatives
    #expect(all.count >= 150)
    #expect(Self.negatives.count >= 40)
    #expect(Set(all.map(\.text)).count == all.count, "every sentence is listed once")
  }

  // MARK: - What each mention says

  @Test(arguments: [
    ("Militants killed 21 insurgents.", "21 insurgents", "rule:casualty/active-verb"),
    ("The killing of six protesters.", "six protesters", "rule:casualty/noun-of"),
    ("21 insurgents were killed.", "21 insurgents", "rule:casualty/passive-verb"),
    ("16 miners kidnapped by militants", "16 miners", "rule:casualty/reduced-relative"),
    ("38 people died.", "38 people", "rule:casualty/intransitive-verb"),
    ("The blast left nine dead.", "nine", "rule:casualty/predicate-adjective"),
    ("The toll climbed to 57.", "57", "rule:casualty/toll"),
    ("Among the dead were three children.", "three children", "rule:casualty/list"),
    ("Officials reported 11 casualties.", "11 casualties", "rule:casualty/outcome-noun"),
    ("It killed 12 people, including three children.", "three children", "rule:casualty/including"),
    (
      "Three wounded soldiers were evacuated.", "Three wounded soldiers",
      "rule:casualty/premodifier"
    ),
    ("The gang held 16 hostages.", "16 hostages", "rule:casualty/default-noun"),
  ])
  func namesTheRuleThatFoundIt(_ text: String, _ span: String, _ source: String) throws {
    let entities = try Self.extractor.get().entities(in: text)
    let entity = try #require(entities.first { $0.substring(in: text) == span })
    #expect(entity.label == .casualty)
    #expect(entity.source == source)
    #expect(entity.confidence != nil)
  }

  @Test(
    arguments: [
      ("Two policemen were killed.", "policemen", "security"),
      ("Five Turkish tourists were abducted.", "tourists", "foreigners"),
      ("Dozens of insurgents were killed.", "insurgents", "militants"),
      ("Twelve villagers were injured.", "villagers", "civilians"),
      ("Eleven people were arrested.", "people", "unknown"),
      ("12 members of the security forces were killed.", "members", "security"),
      ("Two women police officers were wounded.", "police officers", "security"),
      ("The blast left nine dead.", nil, "unknown"),
    ] as [(String, String?, String)])
  func reportsTheVictimNounAndItsGroup(_ text: String, _ victims: String?, _ group: String) throws {
    let count = try #require(try Self.extractor.get().entities(in: text).first?.casualty)
    #expect(count.victims == victims)
    #expect(count.group == group)
  }

  // MARK: - With the other types

  @Test func aPartitiveContainsItsInnerCount() throws {
    let text = "Troops said they had freed at least six of the 14 engineers kidnapped by the gang."
    let entities = try Self.extractor.get().entities(in: text)
    let spans = entities.map { String($0.substring(in: text)) }
    #expect(spans == ["at least six of the 14 engineers", "14 engineers"])
    #expect(entities.map { $0.casualty?.outcome } == [.rescued, .kidnapped])
  }

  @Test func casualtiesNestAmongOtherMentions() throws {
    // With every label: names and dates compete among themselves, casualties nest.
    let extractor = try EntityExtractor()
    let text = "On Monday, five Chinese citizens and a Pakistani driver were killed in Pakistan."
    let casualties = extractor.entities(in: text).filter { $0.label == .casualty }
    #expect(
      casualties.map { String($0.substring(in: text)) } == [
        "five Chinese citizens", "a Pakistani driver",
      ])
    #expect(extractor.entities(in: text).contains { $0.label == .place })
  }

  @Test func mentionsAreInBoundsAndScalarAligned() throws {
    let text = """
      KABUL — “Dozens of fighters were killed,” officials said on Tuesday.\u{2028}
      In Quetta, 12 miners were abducted; 3 were later freed. Über 20 Menschen… 🙂 \
      A policeman and two civilians were shot dead near the crossing.\r\n\
      Survivors said 40–50 passengers had been taken hostage.
      """
    let entities = try Self.extractor.get().entities(in: text)
    #expect(entities.count == 6)
    let bytes = Array(text.utf8)
    for entity in entities {
      #expect(entity.utf8Range.lowerBound >= 0 && entity.utf8Range.upperBound <= bytes.count)
      #expect(entity.utf8Range.lowerBound < entity.utf8Range.upperBound)
      #expect(bytes[entity.utf8Range.lowerBound] & 0xC0 != 0x80)
      #expect(
        entity.utf8Range.upperBound == bytes.count
          || bytes[entity.utf8Range.upperBound] & 0xC0 != 0x80)
    }
  }

  @Test(arguments: ["", " ", "12", "killed", "were killed 12", "a", "dozens of", "between 10 and"])
  func copesWithFragments(_ text: String) throws {
    _ = try Self.extractor.get().entities(in: text)
  }

  // MARK: - The lexicon is a gazetteer

  @Test func usersExtendTheLexiconWithGazetteerEntries() throws {
    let extractor = try Fixtures.extractor(
      gazetteer: """
        obliterated\tcasualty_outcome\tx:obliterated\t-\toutcome=killed;role=participle
        villagers\tcasualty_victim\tx:villagers\t-\tgroup=civilians;number=plural
        """)
    let text = "The shelling obliterated 12 villagers."
    let count = try #require(extractor.entities(in: text).first?.casualty)
    #expect(
      count
        == CasualtyCount(
          outcome: .killed, min: 12, max: 12, victims: "villagers", group: "civilians"))
  }

  @Test(arguments: [
    (
      "slain\tcasualty_outcome\tx:1\t-\toutcome=killed;role=sideways",
      "test.tsv:1: attribute 'role' has value 'sideways', expected one of participle, passive, active, intransitive, adjective, noun_of, toll, veto"
    ),
    (
      "slain\tcasualty_outcome\tx:1\t-\trole=participle",
      "test.tsv:1: attribute 'outcome' has value '', expected one of killed, injured, casualties, kidnapped, missing, rescued, arrested"
    ),
    (
      "miners\tcasualty_victim\tx:1\t-\tgroup=workers;number=plural",
      "test.tsv:1: attribute 'group' has value 'workers', expected one of civilians, security, militants, foreigners, unknown"
    ),
    (
      "miners\tcasualty_victim\tx:1\t-\tgroup=civilians",
      "test.tsv:1: attribute 'number' has value '', expected one of singular, plural, both"
    ),
    (
      "at least\tcasualty_qualifier\tx:1\t-\tbound=lots",
      "test.tsv:1: attribute 'bound' has value 'lots', expected one of at_least, more_than, up_to, less_than, approximate, exact"
    ),
  ])
  func reportsTheLineOfAMalformedLexiconEntry(_ line: String, _ message: String) throws {
    let error = #expect(throws: GazetteerError.self) {
      _ = try Fixtures.extractor(gazetteer: line)
    }
    #expect(error?.description == message)
  }

  @Test func theBundledLexiconIsSortedAndWellFormed() throws {
    let directory = Fixtures.repositoryRoot + "/Gazetteers/casualties"
    let gazetteers = try Gazetteer.loadDirectory(directory, namePrefix: "casualties/")
    #expect(
      gazetteers.map(\.sourceName).sorted() == [
        "casualties/outcomes.tsv", "casualties/qualifiers.tsv", "casualties/things.tsv",
        "casualties/victims.tsv",
      ])
    for gazetteer in gazetteers {
      #expect(gazetteer.entries.count > 20, "\(gazetteer.sourceName)")
      for (previous, entry) in zip(gazetteer.entries, gazetteer.entries.dropFirst()) {
        let key = { (entry: GazetteerEntry) in
          Array(((entry.surfaces[0].isCaseSensitive ? "=" : "") + entry.name).utf8)
        }
        #expect(
          !key(entry).lexicographicallyPrecedes(key(previous)), "\(entry.sourceName):\(entry.line)")
      }
    }
  }
}
