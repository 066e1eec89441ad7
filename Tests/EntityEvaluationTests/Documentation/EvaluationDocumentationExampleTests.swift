import EntityEvaluation
import EntityExtraction
import Testing

// The code examples of the DocC article Evaluation.md
// (Sources/EntityExtraction/EntityExtraction.docc), run against the public API, with
// `#expect` where the article shows a result in a comment. Change an example here and in
// the article together. The other articles' examples are in
// Tests/EntityExtractionTests/Documentation/DocumentationExampleTests.swift.

@Suite struct EvaluationDocumentationExampleTests {
  @Test func scoringTheExtractorOnGoldJSONL() throws {
    let goldJSONL = #"""
      {"id": "a1", "reference_date": "2024-08-14", "text": "Floods cut roads in Sindh on Monday, and three people drowned near Hyderabad.", "entities": [{"start": 20, "end": 25, "type": "place"}, {"start": 29, "end": 35, "type": "date", "value": "2024-08-12"}, {"start": 41, "end": 53, "type": "casualty", "casualty": {"outcome": "killed", "min": 3, "max": 3}}, {"start": 67, "end": 76, "type": "place"}]}
      """#
    let gold = try AnnotatedDocument.readJSONL(Array(goldJSONL.utf8), sourceName: "gold.jsonl")
    let extractor = try EntityExtractor()
    let predicted = Evaluator.annotate(gold, with: extractor)
    let report = try Evaluator().evaluate(gold: gold, predicted: predicted)
    #expect(report.scoredTypes == ["place", "date", "casualty"])  // report.scoredTypes
    #expect(report.byType["place"]?.strict.f1 == 1.0)  // report.byType["place"]?.strict.f1
    #expect(report.dateValues?.accuracy == 1.0)  // report.dateValues?.accuracy
    #expect(report.casualtyRecords?.f1 == 1.0)  // report.casualtyRecords?.f1
    #expect(report.microStrict.f1 == 1.0)  // report.microStrict.f1
  }

  @Test func strictAndPartialMatches() throws {
    let text = "Troops moved into Khyber Pakhtunkhwa province."
    let gold = AnnotatedDocument(
      id: "b1", text: text, entities: [AnnotatedEntity(start: 18, end: 45, type: "place")])
    let predicted = AnnotatedDocument(
      id: "b1", text: nil, entities: [AnnotatedEntity(start: 18, end: 36, type: "place")])
    let report = try Evaluator().evaluate(gold: [gold], predicted: [predicted])
    let place = report.byType["place"]
    // place?.strict: 0 true positives, 1 false positive, 1 false negative
    #expect(place?.strict == Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
    #expect(place?.partial.f1 == 1.0)  // place?.partial.f1
    #expect(report.errors.map(\.kind) == [.wrongBoundary])  // report.errors.map(\.kind)
    #expect(report.errors[0].context.contains("⟦Khyber Pakhtunkhwa⟧"))
  }

  @Test func readingCoNLL() throws {
    let conll = "Rain\tO\nhit\tO\nQuetta\tB-LOC\n.\tO\n"
    let documents = try AnnotatedDocument.readCoNLL(
      Array(conll.utf8), sourceName: "tiny.conll", labelMap: ["LOC": "place"])
    #expect(documents[0].text == "Rain hit Quetta .")  // documents[0].text
    // documents[0].entities: [place 9..<15]
    #expect(documents[0].entities == [AnnotatedEntity(start: 9, end: 15, type: "place")])
  }

  @Test func evaluationErrors() throws {
    let gold = [AnnotatedDocument(id: "c1", text: "Rain in Quetta.", entities: [])]
    do {
      _ = try Evaluator().evaluate(gold: gold, predicted: [])
      Issue.record("expected an EvaluationError")
    } catch {
      // documents do not match up by id: no prediction for gold document(s) 'c1'
      #expect(
        error.description
          == "documents do not match up by id: no prediction for gold document(s) 'c1'")
    }
  }
}
