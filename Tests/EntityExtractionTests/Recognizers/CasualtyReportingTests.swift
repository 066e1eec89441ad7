import EntityExtraction
import Testing

private typealias R = CasualtyRecord
private typealias E = CasualtyExample

/// Casualty counts as agency copy writes them: ellipsis ("captured another 20"),
/// partitives of "whom", counts far from their verb, one count with two outcomes, counts
/// without a number ("a handful of"), nationalities as nouns, and "shot" or "stabbed"
/// alone; and the counts that must stay out: attackers, people charged or unharmed,
/// things, ages and populations. Every sentence is written for this table.
@Suite struct CasualtyReportingTests {
  static func records(in text: String) throws -> [CasualtyRecord] {
    try CasualtyRecognizerTests.records(in: text)
  }

  /// "another 20", "a further 12", "an additional 30": the verb before still applies.
  static let ellipsis: [CasualtyExample] = [
    E(
      "Troops shot dead three insurgents and captured another 20.",
      R(.killed, "three insurgents", 3), R(.arrested, "20", 20)),
    E(
      "Police arrested five men on Monday and detained a further 12 on Tuesday.",
      R(.arrested, "five men", 5), R(.arrested, "12", 12)),
    E(
      "The army said it had killed an additional 30 fighters overnight.",
      R(.killed, "30 fighters", 30)),
    E(
      "Rebels killed 14 soldiers and wounded another nine.",
      R(.killed, "14 soldiers", 14), R(.injured, "nine", 9)),
    E(
      "Militants killed two soldiers on Friday and wounded another three.",
      R(.killed, "two soldiers", 2), R(.injured, "three", 3)),
    E("The army said it had captured another 15 militants.", R(.arrested, "15 militants", 15)),
    E(
      "Security forces killed 12 militants and arrested another six.",
      R(.killed, "12 militants", 12), R(.arrested, "six", 6)),
    E("Another 20 were wounded.", R(.injured, "20", 20)),
  ]

  /// Parts of a count: "four of whom", "among them two Britons", "including".
  static let parts: [CasualtyExample] = [
    E(
      "The gunmen killed eleven villagers, four of whom were children.",
      R(.killed, "eleven villagers", 11), R(.killed, "four of whom", 4)),
    E(
      "Soldiers detained 30 suspects, 12 of whom were later released.",
      R(.arrested, "30 suspects", 30), R(.rescued, "12 of whom", 12)),
    E(
      "The attack killed 30 people, eight of whom were police officers.",
      R(.killed, "30 people", 30), R(.killed, "eight of whom", 8)),
    E(
      "Rebels abducted 20 villagers, six of whom were later released.",
      R(.kidnapped, "20 villagers", 20), R(.rescued, "six of whom", 6)),
    E(
      "Six aid workers were hurt, among them two Britons and a Kenyan.",
      R(.injured, "Six aid workers", 6), R(.injured, "two Britons", 2)),
    E(
      "The attack killed 12 people, including three children.",
      R(.killed, "12 people", 12), R(.killed, "three children", 3)),
    E("Eight of the 16 miners were rescued.", R(.rescued, "Eight of the 16 miners", 8)),
    E(
      "The bombing killed 20 pilgrims, most of whom were women.", R(.killed, "20 pilgrims", 20)),
  ]

  /// Counts far from their noun or verb: "the number of police killed", "the enemy's
  /// fighters", "the governor and nine others".
  static let farCounts: [CasualtyExample] = [
    E(
      "The attack raised to at least 30 the number of police killed this month.",
      R(.killed, "at least 30", min: 30, max: nil)),
    E(
      "The blast brought to 57 the number of people killed in the city this year.",
      R(.killed, "57", 57)),
    E(
      "Each side says it has killed hundreds of the enemy's fighters.",
      R(.killed, "hundreds of the enemy's fighters", min: 200, max: nil)),
    E("Rebels freed 12 of the group's hostages.", R(.rescued, "12 of the group's hostages", 12)),
    E("The blast killed the governor and nine others.", R(.killed, "nine others", 9)),
    E(
      "A suicide bomber killed the mayor and four others outside the town hall.",
      R(.killed, "four others", 4)),
    E("The bomb killed the driver and two passengers.", R(.killed, "two passengers", 2)),
    E(
      "Gunmen killed the driver and 20 passengers were hurt in the crash.",
      R(.injured, "20 passengers", 20)),
    E("The bomber killed himself and a passer-by.", R(.killed, "a passer-by", 1)),
    E(
      "Gunmen seized a driver and two engineers.",
      R(.kidnapped, "a driver", 1), R(.kidnapped, "two engineers", 2)),
    E(
      "The ambush killed two soldiers and a civilian.",
      R(.killed, "two soldiers", 2), R(.killed, "a civilian", 1)),
  ]

  /// One count, two outcomes: freed, and held before.
  static let twoOutcomes: [CasualtyExample] = [
    E(
      "Soldiers freed the four engineers who had been held since May.",
      R(.rescued, "four engineers", 4), R(.kidnapped, "four engineers", 4)),
    E(
      "Troops rescued 12 hostages who had been abducted last month.",
      R(.rescued, "12 hostages", 12), R(.kidnapped, "12 hostages", 12)),
    E(
      "Police freed three girls who were kidnapped in March.",
      R(.rescued, "three girls", 3), R(.kidnapped, "three girls", 3)),
    E(
      "Troops rescued 18 fishermen who had been kidnapped by pirates.",
      R(.rescued, "18 fishermen", 18), R(.kidnapped, "18 fishermen", 18)),
    E(
      "The rebels released six soldiers captured in the fighting.",
      R(.rescued, "six soldiers", 6), R(.arrested, "six soldiers", 6)),
    E(
      "Two of the 10 kidnapped workers were freed.",
      R(.rescued, "Two of the 10 kidnapped workers", 2),
      R(.kidnapped, "10 kidnapped workers", 10)),
  ]

  /// Counts with no number: "a handful of", "a couple of", "several hundred", "a few dozen".
  static let vagueCounts: [CasualtyExample] = [
    E(
      "A handful of protesters were arrested outside the embassy.",
      R(.arrested, "A handful of protesters", min: 3, max: nil)),
    E(
      "The police arrested a handful of protesters.",
      R(.arrested, "a handful of protesters", min: 3, max: nil)),
    E(
      "A couple of soldiers were wounded in the ambush.",
      R(.injured, "A couple of soldiers", 2, approximate: true)),
    E(
      "The strike killed a couple of fighters.",
      R(.killed, "a couple of fighters", 2, approximate: true)),
    E(
      "A couple of hostages were freed on Sunday.",
      R(.rescued, "A couple of hostages", 2, approximate: true)),
    E(
      "A couple of dozen soldiers were killed in the ambush.",
      R(.killed, "A couple of dozen soldiers", 24, approximate: true)),
    E(
      "Several hundred people were detained after the protests.",
      R(.arrested, "Several hundred people", min: 200, max: nil)),
    E(
      "A few hundred civilians have been killed since January.",
      R(.killed, "A few hundred civilians", min: 200, max: nil)),
    E(
      "Several thousand refugees were rescued at sea.",
      R(.rescued, "Several thousand refugees", min: 2000, max: nil)),
    E(
      "Several dozen students were abducted from the school.",
      R(.kidnapped, "Several dozen students", min: 24, max: nil)),
    E(
      "The clashes left several hundred people wounded.",
      R(.injured, "several hundred people", min: 200, max: nil)),
    E(
      "Security forces arrested several hundred suspects.",
      R(.arrested, "several hundred suspects", min: 200, max: nil)),
    E("Clashes killed a few dozen militants.", R(.killed, "a few dozen militants", min: 24, max: nil)),
    E(
      "Several hundred people were killed and a couple of dozen were injured.",
      R(.killed, "Several hundred people", min: 200, max: nil),
      R(.injured, "a couple of dozen", 24, approximate: true)),
  ]

  /// Nationalities as nouns, and "shot" or "stabbed" alone (killed or injured: `casualties`).
  static let nounsAndVerbs: [CasualtyExample] = [
    E("Three Pakistanis were kidnapped near the border.", R(.kidnapped, "Three Pakistanis", 3)),
    E("Two Americans were killed in the attack.", R(.killed, "Two Americans", 2)),
    E(
      "Two Kenyans and three Somalis were abducted at the border.",
      R(.kidnapped, "Two Kenyans", 2), R(.kidnapped, "three Somalis", 3)),
    E("Five Israelis were wounded in the attack.", R(.injured, "Five Israelis", 5)),
    E("Two Palestinians were killed in the raid.", R(.killed, "Two Palestinians", 2)),
    E("Three Britons were among the injured.", R(.injured, "Three Britons", 3)),
    E("Gunmen shot two policemen at a checkpoint.", R(.casualties, "two policemen", 2)),
    E("Three people were shot outside a mosque.", R(.casualties, "Three people", 3)),
    E("Two women were stabbed in the market.", R(.casualties, "Two women", 2)),
    E("A man stabbed three commuters on the train.", R(.casualties, "three commuters", 3)),
    E("A gunman shot three students at the university.", R(.casualties, "three students", 3)),
    E("Two guards were stabbed during the riot.", R(.casualties, "Two guards", 2)),
    E("The shooting of two protesters sparked riots.", R(.casualties, "two protesters", 2)),
    E("Three people were shot and wounded near the stadium.", R(.injured, "Three people", 3)),
    E("Unknown gunmen shot dead two traders.", R(.killed, "two traders", 2)),
  ]

  /// Counts that must not be reported: attackers, people charged, convicted or unharmed,
  /// things, ages, populations, and people at ordinary gatherings.
  static let mustNotFire: [CasualtyExample] = [
    E("Five gunmen attacked the checkpoint on Monday."),
    E("About 20 militants stormed the compound."),
    E("Three men were charged with murder."),
    E("Four suspects were convicted of terrorism on Monday."),
    E("Five men were sentenced to death for the bombing."),
    E("A court sentenced four men over the bombing."),
    E("All 40 passengers escaped unharmed."),
    E("Twelve passengers escaped without injury."),
    E("All 12 crew members survived the crash."),
    E("Police shot at two suspects, who escaped unharmed."),
    E("The city has a population of 2 million people."),
    E("The town of 20,000 people was shelled."),
    E("A 35-year-old man was among the speakers."),
    E("The army deployed 3,000 soldiers to the region."),
    E("Police seized 12 weapons and three vehicles."),
    E("Troops captured two villages and a hill."),
    E("The rebels fired a couple of rockets at the base."),
    E("A handful of shops were damaged in the blast."),
    E("Several hundred homes were destroyed."),
    E("He shot a video of the protest."),
    E("The striker shot wide in the 90th minute."),
    E("The army shot down two drones near the border."),
    E("About 500 people attended the funeral."),
    E("The school has 1,200 students."),
    E("Some 300 soldiers took part in the exercise."),
    E("The four suspects appeared in court on Monday."),
    E("Another 20 families left the village."),
    E("The report was written by a couple of researchers."),
    E("Several dozen journalists covered the summit."),
    E("A few hundred people gathered in the square."),
    E("He was stabbed in the back by his allies, he said."),
    E("The company hired another 20 engineers."),
    E("The minister and nine others attended the ceremony."),
    E("Several thousand people were evacuated from the area."),
    E("A couple of dozen journalists attended the briefing."),
    E("A handful of Americans live in the town."),
    E("Two gunmen were seen fleeing the scene."),
    E("The blast killed the governor, police said."),
    E("The reform cut by 30 the number of troops deployed abroad."),
  ]

  static let all = ellipsis + parts + farCounts + twoOutcomes + vagueCounts + nounsAndVerbs + mustNotFire

  @Test(arguments: all)
  func findsEveryRecordAndNothingElse(_ example: CasualtyExample) throws {
    #expect(try Self.records(in: example.text) == example.records.sorted())
  }

  @Test func theTableIsLargeEnough() {
    #expect(Self.all.count >= 80)
    #expect(Self.mustNotFire.count >= 25)
    #expect(Set(Self.all.map(\.text)).count == Self.all.count, "every sentence is listed once")
  }

  @Test func aCountWithTwoOutcomesIsTwoMentionsOfOneSpan() throws {
    let text = "Soldiers freed the four engineers who had been held since May."
    let mentions = try CasualtyRecognizerTests.extractor.get().entities(in: text)
    #expect(mentions.count == 2)
    #expect(Set(mentions.map(\.utf8Range)).count == 1)
    #expect(Set(mentions.compactMap(\.casualty?.outcome)) == [.rescued, .kidnapped])
    #expect(mentions.contains { $0.source == "rule:casualty/prior-outcome" })
  }
}
