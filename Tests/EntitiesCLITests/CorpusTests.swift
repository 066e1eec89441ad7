import Foundation
import Testing

/// End-to-end runs on the shared seed corpus, when it is present beside the repository.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: seedsPath), "needs ../shared/corpora/seeds.jsonl"))
struct SeedCorpusTests {
  @Test func annotatedSeedsHaveOneLinePerDocumentAndTextAtScalarOffsets() throws {
    let input = try Data(contentsOf: URL(fileURLWithPath: seedsPath))
    let documents = try input.split(separator: 0x0A).filter { !$0.isEmpty }.map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
    }
    let result = try runEntities(["annotate", "--input-format", "jsonl", "--format", "jsonl", seedsPath])
    #expect(result.status == 0, "\(result.stderrText)")
    let lines = try result.jsonLines()
    #expect(lines.count == 5)
    try #require(lines.count == documents.count)

    var places = Set<String>()
    for (document, line) in zip(documents, lines) {
      #expect(line["id"] as? String == document["id"] as? String)
      #expect(line["reference_date"] as? String == document["reference_date"] as? String)
      #expect(line["text"] == nil)
      let text = try #require(document["text"] as? String)
      for entity in entities(of: line) {
        let start = try #require(entity["start"] as? Int)
        let end = try #require(entity["end"] as? Int)
        let written = try #require(entity["text"] as? String)
        #expect(scalarSlice(text, start, end) == Array(written.unicodeScalars), "\(entity)")
        if entity["type"] as? String == "place" { places.insert(written) }
      }
      // Sorted and in bounds.
      let starts = entities(of: line).compactMap { $0["start"] as? Int }
      #expect(starts == starts.sorted())
    }
    for name in ["Pakistan", "Afghanistan", "Balochistan", "Khyber Pakhtunkhwa"] {
      #expect(places.contains(name), "\(name) not among \(places.sorted())")
    }
  }

  @Test(.enabled(if: pythonAvailable, "needs python3"))
  func swiftAndReferenceEvaluatorsAgreeOnSeedPredictions() throws {
    try withTemporaryDirectory { dir in
      let annotated = try runEntities(["annotate", "--input-format", "jsonl", "--format", "jsonl", seedsPath])
      try #require(annotated.status == 0)
      let predicted = dir.url.appendingPathComponent("predicted.jsonl")
      try annotated.stdout.write(to: predicted)
      try expectEvaluatorsAgree(gold: seedsPath, predicted: predicted.path)
      try expectEvaluatorsAgree(gold: seedsPath, predicted: predicted.path, types: "place,date,casualty")
    }
  }
}

/// The Swift `evaluate` and Scripts/reference-evaluate.py on hand-made files full of
/// edge cases: overlapping and duplicate spans, the greedy order, wrong types, dates
/// without values, open casualty bounds, an error line.
@Suite(.enabled(if: pythonAvailable, "needs python3"))
struct ReferenceCrossCheckTests {
  static let gold = """
    {"id": "t1", "text": "\(String(repeating: "x", count: 60))", "entities": [{"start": 5, "end": 15, "type": "place"}, {"start": 3, "end": 4, "type": "place"}, {"start": 20, "end": 30, "type": "place"}, {"start": 40, "end": 45, "type": "place"}, {"start": 40, "end": 45, "type": "place"}, {"start": 0, "end": 5, "type": "date", "value": "2024-01-01"}, {"start": 10, "end": 20, "type": "date", "value": "2024-02-02"}, {"start": 30, "end": 40, "type": "date"}, {"start": 50, "end": 55, "type": "date", "value": "2024-W10"}, {"start": 0, "end": 10, "type": "casualty", "casualty": {"outcome": "killed", "min": 3, "max": 3}}, {"start": 12, "end": 20, "type": "casualty", "casualty": {"outcome": "killed", "min": 3, "max": 3}}, {"start": 22, "end": 30, "type": "casualty", "casualty": {"outcome": "injured", "min": 10, "max": null}}, {"start": 32, "end": 35, "type": "casualty"}, {"start": 45, "end": 50, "type": "organization"}, {"start": 0, "end": 60, "type": "misc"}]}

    {"id": "t2", "text": "\(String(repeating: "y", count: 20))", "entities": [{"start": 0, "end": 4, "type": "place"}, {"start": 5, "end": 10, "type": "nationality"}]}
    {"id": "t3", "text": "\(String(repeating: "z", count: 30))", "entities": [{"start": 0, "end": 5, "type": "casualty", "casualty": {"outcome": "missing"}}, {"start": 10, "end": 15, "type": "person"}]}
    {"id": "t4", "text": "\(String(repeating: "w", count: 20))", "entities": [{"start": 0, "end": 10, "type": "place"}, {"start": 0, "end": 2, "type": "place"}, {"start": 11, "end": 13, "type": "person"}]}

    """

  static let predicted = """
    {"id": "t3", "entities": [{"type": "casualty", "start": 20, "end": 25, "casualty": {"outcome": "missing", "min": null, "max": null}}, {"type": "person", "start": 10, "end": 15}, {"type": "person", "start": 10, "end": 15}]}
    {"id": "t1", "entities": [{"type": "place", "start": 5, "end": 15}, {"type": "place", "start": 3, "end": 16}, {"type": "place", "start": 22, "end": 28}, {"type": "place", "start": 40, "end": 45}, {"type": "place", "start": 40, "end": 45}, {"type": "place", "start": 40, "end": 45}, {"type": "date", "start": 0, "end": 5, "date": {"value": "2024-01-01"}}, {"type": "date", "start": 10, "end": 15, "date": {"value": "2024-02-03"}}, {"type": "date", "start": 30, "end": 40}, {"type": "date", "start": 49, "end": 54}, {"type": "casualty", "start": 55, "end": 58, "casualty": {"outcome": "killed", "min": 3, "max": 3}}, {"type": "casualty", "start": 56, "end": 59, "casualty": {"outcome": "injured", "min": 10, "max": null, "group": "civilians"}}, {"type": "casualty", "start": 1, "end": 3, "casualty": {"outcome": "killed", "min": 4, "max": 4}}, {"type": "organization", "start": 20, "end": 25}, {"type": "person", "start": 0, "end": 4}]}

    {"id": "t2", "error": "t2: invalid UTF-8 at byte 3"}
    {"id": "t4", "entities": [{"type": "place", "start": 1, "end": 9}, {"type": "person", "start": 0, "end": 2}, {"type": "place", "start": 12, "end": 14}]}

    """

  // A type beyond the SPEC's that the gold has ("misc"); one that no document has is a
  // usage error (UsageErrorTests).
  @Test(arguments: [nil, "place,person", "casualty", "date,misc"] as [String?])
  func swiftAndReferenceEvaluatorsAgree(_ types: String?) throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", Self.predicted)
      try expectEvaluatorsAgree(gold: gold, predicted: predicted, types: types)
    }
  }
}

/// Runs both evaluators with `--json` and expects every number of the reference output
/// to agree with the Swift output to three decimals.
func expectEvaluatorsAgree(
  gold: String, predicted: String, types: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let typeArguments = types.map { ["--types", $0] } ?? []
  let swift = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted, "--json"] + typeArguments)
  try #require(swift.status == 0, "entities evaluate: \(swift.stderrText)", sourceLocation: sourceLocation)
  let script = repositoryRoot.appendingPathComponent("Scripts/reference-evaluate.py").path
  let python = try run(
    URL(fileURLWithPath: "/usr/bin/env"),
    ["python3", script, "--gold", gold, "--predicted", predicted, "--json"] + typeArguments)
  try #require(python.status == 0, "reference-evaluate.py: \(python.stderrText)", sourceLocation: sourceLocation)
  let swiftObject = try JSONSerialization.jsonObject(with: swift.stdout)
  let pythonObject = try JSONSerialization.jsonObject(with: python.stdout)
  var compared = 0
  compareNumbers(reference: pythonObject, actual: swiftObject, path: "", compared: &compared, sourceLocation: sourceLocation)
  #expect(compared > 20, "too few numbers compared: \(compared)", sourceLocation: sourceLocation)
}

private func compareNumbers(
  reference: Any, actual: Any?, path: String, compared: inout Int, sourceLocation: SourceLocation
) {
  switch reference {
  case let object as [String: Any]:
    guard let other = actual as? [String: Any] else {
      Issue.record("\(path): missing or not an object in the Swift output", sourceLocation: sourceLocation)
      return
    }
    for (key, value) in object {
      compareNumbers(reference: value, actual: other[key], path: path + "." + key, compared: &compared, sourceLocation: sourceLocation)
    }
  case let number as NSNumber:
    guard let other = actual as? NSNumber else {
      Issue.record("\(path): missing in the Swift output", sourceLocation: sourceLocation)
      return
    }
    compared += 1
    #expect(
      abs(number.doubleValue - other.doubleValue) < 0.0005,
      "\(path): reference \(number), Swift \(other)", sourceLocation: sourceLocation)
  default:
    break
  }
}
