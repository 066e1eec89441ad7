import EntityEvaluation
import Testing
import EntityExtraction
import _EntityExtractionTestSupport

/// A mention at scalar offsets `range`.
func mention(
  _ type: String, _ range: Range<Int>, text: String? = nil, value: String? = nil,
  casualty: CasualtyRecord? = nil
) -> AnnotatedEntity {
  AnnotatedEntity(
    start: range.lowerBound, end: range.upperBound, type: type, text: text, dateValue: value, casualty: casualty)
}

/// A gold document written with `MarkedText` markers (`"[Quetta|place] flooded"`); the
/// mentions get scalar offsets (the unit of gold files), converted from MarkedText's
/// UTF-8 ranges, and their text.
func goldDocument(_ id: String, _ marked: String) throws -> AnnotatedDocument {
  let sample = try MarkedText(marked)
  let bytes = Array(sample.text.utf8)
  func scalarOffset(_ utf8Offset: Int) -> Int {
    String(decoding: bytes[..<utf8Offset], as: UTF8.self).unicodeScalars.count
  }
  let entities = sample.expectedMentions.map { expected in
    AnnotatedEntity(
      start: scalarOffset(expected.utf8Range.lowerBound), end: scalarOffset(expected.utf8Range.upperBound),
      type: expected.label.rawValue, text: expected.text)
  }
  return AnnotatedDocument(id: id, text: sample.text, entities: entities)
}

/// A predicted document: the same ID, no text.
func predictedDocument(_ id: String, _ entities: [AnnotatedEntity]) -> AnnotatedDocument {
  AnnotatedDocument(id: id, text: nil, entities: entities)
}

/// A gold document with plain text and explicit mentions.
func goldDocument(_ id: String, text: String, _ entities: [AnnotatedEntity]) -> AnnotatedDocument {
  AnnotatedDocument(id: id, text: text, entities: entities)
}

/// `count` filler characters, for documents whose text does not matter.
func filler(_ count: Int) -> String { String(repeating: "x", count: count) }

/// The scalar offsets of the first occurrence of `needle` in `text`.
func scalarRange(of needle: String, in text: String) -> Range<Int>? {
  let haystack = Array(text.unicodeScalars)
  let target = Array(needle.unicodeScalars)
  guard !target.isEmpty, target.count <= haystack.count else { return nil }
  for start in 0...(haystack.count - target.count) where Array(haystack[start..<start + target.count]) == target {
    return start..<start + target.count
  }
  return nil
}

/// Evaluates, failing the test with the error's description when evaluation throws.
func evaluate(
  gold: [AnnotatedDocument], predicted: [AnnotatedDocument], types: [String]? = nil
) throws -> EvaluationReport {
  try Evaluator(types: types).evaluate(gold: gold, predicted: predicted)
}

/// The error a throwing evaluation or reading raises, or `nil`.
func evaluationError(_ body: () throws(EvaluationError) -> Void) -> EvaluationError? {
  do {
    try body()
    return nil
  } catch {
    return error
  }
}

/// A gold file of two documents covering all six types, with date values and casualty
/// records (one open-ended, one outcome-only), in the JSONL form of the shared corpora.
let sixTypeGoldJSONL = #"""
  {"id": "g1", "reference_date": "2024-03-05", "text": "On Tuesday Pakistani troops said Tehrik-i-Taliban Pakistan fighters killed four soldiers near Quetta, Balochistan; Prime Minister Shehbaz Sharif condemned it.", "entities": [{"start": 3, "end": 10, "type": "date", "text": "Tuesday", "value": "2024-03-05"}, {"start": 11, "end": 20, "type": "nationality", "text": "Pakistani"}, {"start": 33, "end": 58, "type": "organization", "text": "Tehrik-i-Taliban Pakistan"}, {"start": 75, "end": 88, "type": "casualty", "text": "four soldiers", "casualty": {"outcome": "killed", "min": 4, "max": 4}}, {"start": 94, "end": 100, "type": "place", "text": "Quetta"}, {"start": 102, "end": 113, "type": "place", "text": "Balochistan"}, {"start": 130, "end": 144, "type": "person", "text": "Shehbaz Sharif"}]}

  {"id": "g2", "text": "More than 20 people were hurt in Peshawar on 12 March 2024, and several were missing.", "entities": [{"start": 0, "end": 19, "type": "casualty", "text": "More than 20 people", "casualty": {"outcome": "injured", "min": 21, "max": null}}, {"start": 33, "end": 41, "type": "place", "text": "Peshawar"}, {"start": 45, "end": 58, "type": "date", "text": "12 March 2024", "value": "2024-03-12"}, {"start": 64, "end": 71, "type": "casualty", "text": "several", "casualty": {"outcome": "missing"}}]}
  """#

/// Expects precision, recall and F1 (`Ratios` has no public initializer).
func expectRatios(
  _ ratios: Ratios, _ precision: Double, _ recall: Double, _ f1: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(ratios.precision - precision) < 1e-12 && abs(ratios.recall - recall) < 1e-12 && abs(ratios.f1 - f1) < 1e-12,
    "\(ratios) ≠ (\(precision), \(recall), \(f1))", sourceLocation: sourceLocation)
}
