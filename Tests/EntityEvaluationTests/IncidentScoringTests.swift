import EntityEvaluation
import EntityExtraction
import Foundation
import Testing
import _EntityExtractionTestSupport

/// Scoring the place, date and perpetrator of casualty records: the gold shape, the
/// pairing of records, what counts as right, and the sample gold file.
@Suite struct IncidentScoringTests {
  static let text = "On Monday, gunmen attacked a bus in Musakhail. 23 people were killed."

  /// A gold line for `text` whose casualty carries `members` (JSON text) after its bounds.
  static func goldLine(_ members: String) -> [UInt8] {
    Array(
      #"{"id":"a","text":"\#(text)","entities":[{"start":47,"end":56,"type":"casualty","casualty":{"outcome":"killed","min":23,"max":23\#(members)}}]}"#
        .utf8)
  }

  @Test func readsSpansNullsAndLeavesOutTheRest() throws {
    let gold = try AnnotatedDocument.readJSONL(
      Self.goldLine(#","place":{"start":36,"end":45},"date":{"start":3,"end":9,"value":"2024-08-26"},"perpetrator":null"#),
      sourceName: "g.jsonl")
    let incident = try #require(gold.first?.entities.first?.incident)
    #expect(incident.annotated == [.place, .date, .perpetrator])
    #expect(incident.place == IncidentMention(start: 36, end: 45))
    #expect(incident.date?.value == "2024-08-26")
    #expect(incident.perpetrator == nil)

    let partial = try AnnotatedDocument.readJSONL(Self.goldLine(#","place":null"#), sourceName: "g.jsonl")
    #expect(partial.first?.entities.first?.incident?.annotated == [.place])
    let none = try AnnotatedDocument.readJSONL(Self.goldLine(""), sourceName: "g.jsonl")
    #expect(none.first?.entities.first?.incident == nil)
  }

  @Test func aMalformedFieldNamesItsLine() {
    let error = #expect(throws: EvaluationError.self) {
      _ = try AnnotatedDocument.readJSONL(Self.goldLine(#","place":"Musakhail""#), sourceName: "g.jsonl")
    }
    #expect(error?.description == "g.jsonl:1: entity 1 of 'a': casualty place needs integer start and end, or null")
  }

  /// A casualty mention of `text` at "23 people" with an incident annotation.
  static func count(_ incident: IncidentAnnotation?, record: CasualtyRecord = CasualtyRecord(outcome: "killed", min: 23, max: 23))
    -> AnnotatedEntity
  {
    AnnotatedEntity(start: 47, end: 56, type: "casualty", casualty: record, incident: incident)
  }

  static let gold = count(
    IncidentAnnotation(
      annotated: [.place, .date, .perpetrator], place: IncidentMention(start: 36, end: 45),
      date: IncidentMention(start: 3, end: 9, value: "2024-08-26")))

  static func score(_ predicted: [AnnotatedEntity]) throws -> IncidentScore {
    let report = try Evaluator().evaluate(
      gold: [AnnotatedDocument(id: "a", text: text, entities: [gold])],
      predicted: [AnnotatedDocument(id: "a", text: nil, entities: predicted)])
    return try #require(report.incidents)
  }

  @Test func aPredictionThatNamesTheSameMentionsIsRight() throws {
    let score = try Self.score([
      Self.count(
        IncidentAnnotation(
          annotated: [.place, .date], place: IncidentMention(start: 36, end: 45),
          date: IncidentMention(start: 3, end: 9, value: "2024-08-26")))
    ])
    #expect(score.records == 1 && score.matched == 1 && score.complete == 1)
    for field in IncidentField.allCases {
      #expect(score[field].correct == 1 && score[field].scored == 1, "\(field)")
    }
  }

  @Test func aWrongOrMissingFieldAndAnUnwantedOneAreWrong() throws {
    // The place is the wrong mention, the date is missing, and a perpetrator is given
    // where the gold says none.
    let score = try Self.score([
      Self.count(
        IncidentAnnotation(
          annotated: [.place, .perpetrator], place: IncidentMention(start: 11, end: 17, text: "gunmen"),
          perpetrator: IncidentMention(start: 11, end: 17)))
    ])
    #expect(score.matched == 1 && score.complete == 0)
    #expect(score.place.correct == 0 && score.date.correct == 0 && score.perpetrator.correct == 0)
    #expect(score.place.scored == 1 && score.place.accuracy == 0)
  }

  @Test func theSamePlaceNamedElsewhereIsRight() throws {
    let text = "Gunmen struck in Musakhail. 23 people were killed in Musakhail."
    let gold = AnnotatedEntity(
      start: 28, end: 37, type: "casualty", casualty: CasualtyRecord(outcome: "killed", min: 23, max: 23),
      incident: IncidentAnnotation(annotated: [.place], place: IncidentMention(start: 17, end: 26)))
    let predicted = AnnotatedEntity(
      start: 28, end: 37, type: "casualty", casualty: CasualtyRecord(outcome: "killed", min: 23, max: 23),
      incident: IncidentAnnotation(annotated: [.place], place: IncidentMention(start: 53, end: 62, text: "Musakhail")))
    let report = try Evaluator().evaluate(
      gold: [AnnotatedDocument(id: "a", text: text, entities: [gold])],
      predicted: [AnnotatedDocument(id: "a", text: nil, entities: [predicted])])
    #expect(report.incidents?.place.correct == 1)
  }

  @Test func onlyARecordOfTheSameOutcomeAndBoundsIsPaired() throws {
    let score = try Self.score([Self.count(nil, record: CasualtyRecord(outcome: "injured", min: 23, max: 23))])
    #expect(score.records == 1 && score.matched == 0 && score.place.scored == 0)
  }

  @Test func goldWithoutIncidentsReportsNone() throws {
    let plain = AnnotatedDocument(id: "a", text: Self.text, entities: [Self.count(nil)])
    let report = try Evaluator().evaluate(gold: [plain], predicted: [AnnotatedDocument(id: "a", text: nil, entities: [Self.count(nil)])])
    #expect(report.incidents == nil)
    #expect(!report.table().contains("incidents"))
    #expect(report.json()["incidents"] == nil)
  }

  @Test func theSampleGoldIsLinkedAsAnnotated() throws {
    let path = Fixtures.repositoryRoot + "/Samples/incidents-gold.jsonl"
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let gold = try AnnotatedDocument.readJSONL(bytes, sourceName: "incidents-gold.jsonl")
    #expect(gold.count >= 10)
    // Every gold span is its text.
    for document in gold {
      let scalars = Array(try #require(document.text).unicodeScalars)
      for entity in document.entities {
        let incident = try #require(entity.incident)
        #expect(incident.annotated == Set(IncidentField.allCases), "\(document.id): every field annotated")
        for field in IncidentField.allCases {
          guard let mention = incident[field] else { continue }
          #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.text)
        }
      }
    }
    let extractor = try Fixtures.bundledExtractor.get()
    let report = try Evaluator().evaluate(gold: gold, predicted: Evaluator.annotate(gold, with: extractor))
    let incidents = try #require(report.incidents)
    #expect(incidents.matched == incidents.records)
    #expect(incidents.complete == incidents.records)
    #expect(report.table().contains("incidents: \(incidents.records) of \(incidents.records) gold records"))
    #expect(report.markdown(title: "t").contains("incidents ("))
    #expect(report.json()["incidents"]?["place"]?["accuracy"]?.doubleValue == 1)
  }
}
