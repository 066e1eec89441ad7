import EntityExtraction
import Testing
import _EntityExtractionTestSupport

/// The incidents as the library hands them out: the casualty object of the JSON output,
/// ``Incident`` records and their sentences, long texts read in windows, batches, and the
/// weights file.
@Suite struct IncidentOutputTests {
  static let referenceDate = CalendarDate(parsing: "2024-08-27")
  static let story = """
    On Monday, gunmen attacked a bus in Musakhail. The attackers fled. 23 people were killed. \
    The Balochistan Liberation Army claimed responsibility.
    """

  static func extractor() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  @Test func theCasualtyObjectCarriesItsLinksWithScalarOffsets() throws {
    // Non-ASCII text before the mentions, so scalar and UTF-8 offsets differ.
    let text = "“Kandahār” — " + Self.story
    let entities = try Self.extractor().entities(in: text, referenceDate: Self.referenceDate)
    let objects = Entity.jsonObjects(for: entities, in: text)
    let casualty = try #require(objects.first { $0["type"]?.stringValue == "casualty" }?["casualty"])
    let scalars = Array(text.unicodeScalars)
    func spanText(_ member: String) throws -> String {
      let start = try #require(casualty[member]?["start"]?.intValue)
      let end = try #require(casualty[member]?["end"]?.intValue)
      return String(String.UnicodeScalarView(scalars[start..<end]))
    }
    #expect(try spanText("place") == "Musakhail")
    #expect(casualty["place"]?["text"]?.stringValue == "Musakhail")
    #expect(casualty["place"]?["admin1"]?.stringValue == "Balochistan")
    #expect(casualty["place"]?["country"]?.stringValue == "PK")
    #expect(try spanText("date") == "Monday")
    #expect(casualty["date"]?["value"]?.stringValue == "2024-08-26")
    #expect(try spanText("perpetrator") == "Balochistan Liberation Army")
    #expect(casualty["perpetrator"]?["id"]?.stringValue == "eex:org/balochistan-liberation-army")
  }

  @Test func aCountWithNoLinksKeepsItsObjectAsItWas() throws {
    let text = "Nine people were killed, officials said."
    let entities = try Self.extractor().entities(in: text)
    var out: [UInt8] = []
    Entity.writeJSONArray(for: entities, in: text, to: &out)
    let json = String(decoding: out, as: UTF8.self)
    #expect(json.contains(#""casualty":{"outcome":"killed","min":9,"max":9,"victims":"people","group":"unknown"}"#))
    let count = try #require(entities.first { $0.label == .casualty }?.casualty)
    #expect(count == CasualtyCount(outcome: .killed, min: 9, max: 9, victims: "people", group: "unknown"))
  }

  @Test func incidentsAreTheCountsWithTheirSentences() throws {
    let text = Self.story
    let incidents = try Self.extractor().incidents(in: text, referenceDate: Self.referenceDate)
    let incident = try #require(incidents.first)
    #expect(incidents.count == 1)
    #expect(Entity(utf8Range: incident.sentenceUTF8Range, label: .casualty).substring(in: text) == "23 people were killed.")
    #expect(incident.count.outcome == .killed)
    #expect(incident.place?.name == "Musakhel")
    #expect(incident.place?.place.id == "eex:pk-district/musakhel")
    #expect(incident.date?.value.value == "2024-08-26")
    #expect(incident.perpetrator?.name == "Balochistan Liberation Army")
    #expect(incident.rule == "rule:casualty/passive-verb")
  }

  /// The README's example, as a user would run it.
  @Test func theReadmeExamplePrintsWhatItSays() throws {
    let report = "Gunmen killed 12 policemen near Lakki Marwat on Tuesday. The TTP claimed the attack."
    let incidents = try Self.extractor().incidents(
      in: report, referenceDate: CalendarDate(year: 2024, month: 9, day: 18))
    let lines = incidents.map { incident in
      "\(incident.count.outcome) \(incident.count.min ?? 0) \(incident.place?.name ?? "-") "
        + "\(incident.date?.value.value ?? "-") \(incident.perpetrator?.name ?? "-")"
    }
    #expect(lines == ["killed 12 Lakki Marwat 2024-09-17 Tehrik-i-Taliban Pakistan"])
  }

  @Test func aTextWithoutCountsHasNoIncidents() throws {
    #expect(try Self.extractor().incidents(in: "Floods hit Quetta on Monday.").isEmpty)
    #expect(try Self.extractor().incidents(in: "").isEmpty)
  }

  @Test func aBatchGivesTheSameIncidents() async throws {
    let extractor = try Self.extractor()
    let documents = [Document(id: "a", text: Self.story, referenceDate: Self.referenceDate)]
    var batched: [Incident] = []
    for await result in extractor.entities(in: documents, maxConcurrency: 1) {
      batched += extractor.incidents(in: result)
    }
    #expect(batched == extractor.incidents(in: Self.story, referenceDate: Self.referenceDate))
  }

  @Test func aLongTextReadInWindowsLinksAsAWholeOne() throws {
    // Each paragraph tells one event in one sentence, so no window cut separates a count
    // from its place, date or perpetrator.
    let paragraph = "Taliban fighters killed 11 soldiers in Helmand province on Wednesday.\n"
    let text = String(repeating: paragraph, count: 40)
    var configuration = EntityExtractor.Configuration()
    configuration.windowBytes = 1024
    configuration.windowOverlapBytes = 256
    let windowed = try EntityExtractor(configuration: configuration)
    let incidents = windowed.incidents(in: text, referenceDate: Self.referenceDate)
    #expect(incidents.count == 40)
    for incident in incidents {
      #expect(Entity(utf8Range: incident.sentenceUTF8Range, label: .casualty).substring(in: text) + "\n" == paragraph)
      #expect(incident.place?.name == "Helmand")
      #expect(incident.date?.value.value == "2024-08-21")
      #expect(incident.perpetrator?.name == "Taliban")
    }
  }

  @Test func linksCanBeSetAndCleared() {
    var count = CasualtyCount(outcome: .killed, min: 3, max: 3)
    count.perpetrator = IncidentPerpetrator(utf8Range: 0..<3, name: "Tehrik-i-Taliban Pakistan", id: "x:ttp")
    #expect(count.perpetrator?.name == "Tehrik-i-Taliban Pakistan")
    #expect(count != CasualtyCount(outcome: .killed, min: 3, max: 3))
    count.perpetrator = nil
    #expect(count == CasualtyCount(outcome: .killed, min: 3, max: 3))
  }

  // MARK: - The weights file

  @Test func aWeightOfTheUsersReplacesTheBundledOne() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.gazetteers = [
      try Gazetteer(
        parsing: "minimum\tincident_weight\teex:incident-weight/minimum\t-\tvalue=9",
        sourceName: "mine.tsv")
    ]
    let strict = try EntityExtractor(configuration: configuration)
    let incident = try #require(strict.incidents(in: Self.story, referenceDate: Self.referenceDate).first)
    #expect(incident.place == nil && incident.date == nil && incident.perpetrator == nil)
  }

  @Test(arguments: [
    (
      "minimum\tincident_weight\tx:1\t-\tvalue=high",
      "test.tsv:1: attribute 'value' has value 'high', expected a number"
    ),
    (
      "event_link_tokens\tincident_weight\tx:1\t-\tvalue=2.5",
      "test.tsv:1: attribute 'value' has value '2.5', expected a whole number from 0 to 100"
    ),
    (
      "nearness\tincident_weight\tx:1\t-\tvalue=1",
      "test.tsv:1: attribute 'name' has value 'nearness', expected an incident weight: scope_clause, scope_sentence, scope_context, scope_same_place, context_distance, context_forward, event_link, distance_per_token, minimum, perpetrator_claim, perpetrator_agent, perpetrator_subject, context_sentences_back, context_sentences_forward, event_link_tokens, chain_gap_tokens, governing_tokens, statement_tokens"
    ),
    (
      "blew up\tincident_cue\tx:1\t-\trole=explosion",
      "test.tsv:1: attribute 'role' has value 'explosion', expected one of attack, statement, claim, claim_by, claim_verb, new_event, victim_link, origin"
    ),
  ])
  func reportsTheLineOfABadEntry(_ entry: String, _ message: String) throws {
    let error = #expect(throws: GazetteerError.self) {
      _ = try Fixtures.extractor(gazetteer: entry)
    }
    #expect(error?.description == message)
  }
}
