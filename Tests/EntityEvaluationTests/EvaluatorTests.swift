import EntityEvaluation
import Testing
import _EntityExtractionTestSupport

@Suite struct EvaluatorTests {
  // MARK: Whole-report properties

  @Test func goldScoredAgainstItselfIsPerfectEverywhere() throws {
    let gold = try AnnotatedDocument.readJSONL(Array(sixTypeGoldJSONL.utf8), sourceName: "gold.jsonl")
    let report = try evaluate(gold: gold, predicted: gold)

    #expect(report.documents == 2)
    #expect(report.scoredTypes == ["place", "organization", "person", "nationality", "date", "casualty"])
    for type in report.scoredTypes {
      let score = try #require(report.byType[type])
      for counts in [score.strict, score.partial] {
        #expect(counts.precision == 1 && counts.recall == 1 && counts.f1 == 1, "\(type): \(counts)")
      }
    }
    #expect(report.byType["place"]?.strict == Counts(truePositives: 3))
    #expect(report.byType["casualty"]?.strict == Counts(truePositives: 3))
    #expect(report.microStrict == Counts(truePositives: 11))
    #expect(report.microPartial == Counts(truePositives: 11))
    expectRatios(report.macroStrict, 1, 1, 1)
    expectRatios(report.macroPartial, 1, 1, 1)
    let dates = try #require(report.dateValues)
    #expect(dates.matched == 2 && dates.correct == 2 && dates.accuracy == 1)
    #expect(dates.strictMatched == 2 && dates.strictCorrect == 2 && dates.strictAccuracy == 1)
    #expect(report.casualtyRecords == Counts(truePositives: 3))
    #expect(report.casualtyOutcomes == Counts(truePositives: 3))
    #expect(report.errors.isEmpty)
    #expect(report.failedDocuments.isEmpty)
  }

  @Test func shiftingEveryPredictionByOneCharacterKillsStrictButNotPartial() throws {
    let gold = try AnnotatedDocument.readJSONL(Array(sixTypeGoldJSONL.utf8), sourceName: "gold.jsonl")
    let shifted = gold.map { document in
      predictedDocument(
        document.id,
        document.entities.map { entity in
          var moved = entity
          moved.start += 1
          moved.end += 1
          moved.text = nil
          return moved
        })
    }
    let report = try evaluate(gold: gold, predicted: shifted)

    #expect(report.microStrict == Counts(truePositives: 0, falsePositives: 11, falseNegatives: 11))
    #expect(report.microStrict.f1 == 0)
    #expect(report.macroStrict.f1 == 0)
    // Every span is at least two characters long, so each shifted span still overlaps.
    #expect(report.microPartial == Counts(truePositives: 11))
    #expect(report.microPartial.f1 == 1)
    #expect(report.dateValues?.strictMatched == 0)
    #expect(report.dateValues?.matched == 2)
    #expect(report.dateValues?.accuracy == 1)
    // Casualty records ignore spans.
    #expect(report.casualtyRecords == Counts(truePositives: 3))
    #expect(report.errors.count == 11)
    #expect(report.errors.allSatisfy { $0.kind == .wrongBoundary })
  }

  // MARK: Span matching

  @Test func overlappingGoldSpansAreMatchedSeparately() throws {
    // MarkedText does not nest, so the inner span ("Khyber" in "Khyber Pakhtunkhwa") is added by hand.
    var document = try goldDocument("d", "Floods hit [Khyber Pakhtunkhwa|place] again.")
    let outer = try #require(document.entities.first)
    document.entities.append(mention("place", outer.start..<outer.start + 6, text: "Khyber"))

    let both = try evaluate(
      gold: [document], predicted: [predictedDocument("d", [mention("place", outer.start..<outer.end), mention("place", outer.start..<outer.start + 6)])])
    #expect(both.byType["place"]?.strict == Counts(truePositives: 2))
    #expect(both.byType["place"]?.partial == Counts(truePositives: 2))

    let innerOnly = try evaluate(
      gold: [document], predicted: [predictedDocument("d", [mention("place", outer.start..<outer.start + 6)])])
    #expect(innerOnly.byType["place"]?.strict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    // The exact pair wins; the outer span is then missed, not matched a second time.
    #expect(innerOnly.byType["place"]?.partial == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    #expect(innerOnly.errors.map(\.kind) == [.missed])
    #expect(innerOnly.errors.first?.gold?.end == outer.end)
  }

  @Test func duplicatePredictionsAreMatchedOnce() throws {
    let gold = try goldDocument("d", "Shelling near [Kandahar|place] resumed.")
    let span = try #require(gold.entities.first.map { $0.start..<$0.end })
    let report = try evaluate(
      gold: [gold], predicted: [predictedDocument("d", [mention("place", span), mention("place", span)])])
    #expect(report.byType["place"]?.strict == Counts(truePositives: 1, falsePositives: 1, falseNegatives: 0))
    #expect(report.byType["place"]?.partial == Counts(truePositives: 1, falsePositives: 1, falseNegatives: 0))
    #expect(report.byType["place"]?.strict.precision == 0.5)
    #expect(report.errors.count == 1)
  }

  @Test func duplicateGoldSpansPairWithAsManyIdenticalPredictions() throws {
    let text = "Kandahar"
    let gold = goldDocument("d", text: text, [mention("place", 0..<8), mention("place", 0..<8)])
    let one = try evaluate(gold: [gold], predicted: [predictedDocument("d", [mention("place", 0..<8)])])
    #expect(one.byType["place"]?.strict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    let two = try evaluate(
      gold: [gold], predicted: [predictedDocument("d", [mention("place", 0..<8), mention("place", 0..<8)])])
    #expect(two.byType["place"]?.strict == Counts(truePositives: 2))
  }

  /// One row of the greedy partial matching's order; `expected` is the partial TP count
  /// the documented order gives (a different order gives a different count).
  struct GreedyCase: CustomTestStringConvertible, Sendable {
    var name: String
    var gold: [Range<Int>]
    var predicted: [Range<Int>]
    var expected: Counts
    /// (gold index, predicted index) of the expected wrong-boundary pairs, if checked.
    var wrongBoundary: [(gold: Range<Int>, predicted: Range<Int>)] = []
    var testDescription: String { name }
  }

  static let greedyCases: [GreedyCase] = [
    // p0 is exact for g0; p1 overlaps g0 just as much and starts earlier, and also
    // overlaps g1. Exact first: g0–p0, then g1–p1 → 2. Start first would give 1.
    GreedyCase(
      name: "exact pairs first", gold: [5..<15, 3..<4], predicted: [5..<15, 3..<16],
      expected: Counts(truePositives: 2, falsePositives: 0, falseNegatives: 0),
      wrongBoundary: [(3..<4, 3..<16)]),
    // g0–p1 overlaps by 8, g0–p0 by 3, g1–p0 by 2. Larger overlap first: g0–p1, g1–p0 → 2.
    GreedyCase(
      name: "larger overlap before earlier start", gold: [0..<10, 0..<2], predicted: [0..<3, 2..<10],
      expected: Counts(truePositives: 2, falsePositives: 0, falseNegatives: 0)),
    // p0 and p1 overlap g0 by 4 each; p0 starts earlier and wins, although p0 is the only
    // prediction g1 overlaps: the greedy order is not a maximum matching, by definition.
    GreedyCase(
      name: "earlier predicted start at equal overlap", gold: [0..<10, 1..<3], predicted: [2..<6, 6..<10],
      expected: Counts(truePositives: 1, falsePositives: 1, falseNegatives: 1),
      wrongBoundary: [(0..<10, 2..<6)]),
    // One prediction overlaps two gold spans by 5: the earlier gold start wins.
    GreedyCase(
      name: "earlier gold start at equal overlap", gold: [5..<15, 0..<10], predicted: [5..<10],
      expected: Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1),
      wrongBoundary: [(0..<10, 5..<10)]),
    // Touching spans do not overlap (half-open offsets).
    GreedyCase(
      name: "adjacent spans do not overlap", gold: [0..<5], predicted: [5..<9],
      expected: Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1)),
  ]

  @Test(arguments: greedyCases)
  func partialMatchingFollowsTheDocumentedGreedyOrder(_ row: GreedyCase) throws {
    let gold = goldDocument("d", text: filler(20), row.gold.map { mention("place", $0) })
    let predicted = predictedDocument("d", row.predicted.map { mention("place", $0) })
    let report = try evaluate(gold: [gold], predicted: [predicted])
    #expect(report.byType["place"]?.partial == row.expected)
    let pairs = report.errors.filter { $0.kind == .wrongBoundary }.compactMap { item in
      item.gold.flatMap { g in item.predicted.map { p in "\(g.start)-\(g.end)/\(p.start)-\(p.end)" } }
    }
    if !row.wrongBoundary.isEmpty {
      #expect(
        pairs
          == row.wrongBoundary.map {
            "\($0.gold.lowerBound)-\($0.gold.upperBound)/\($0.predicted.lowerBound)-\($0.predicted.upperBound)"
          })
    }
  }

  @Test func wrongTypeCountsAsAMissAndAFalsePositive() throws {
    let gold = try goldDocument("d", "[Lashkar-e-Taiba|organization] was blamed for the raid in [Kupwara|place].")
    let place = gold.entities[1]
    let organization = gold.entities[0]
    let report = try evaluate(
      gold: [gold],
      predicted: [predictedDocument("d", [mention("place", organization.start..<organization.end), mention("organization", place.start..<place.end)])])
    #expect(report.scoredTypes == ["place", "organization"])
    #expect(report.byType["place"]?.strict == Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
    #expect(report.byType["organization"]?.strict == Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
    #expect(report.byType["place"]?.partial == Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
    #expect(report.microPartial.f1 == 0)
  }

  @Test func macroAndMicroAveragesDiffer() throws {
    // place: 2 gold, 2 right. person: 2 gold, none predicted.
    let gold = try goldDocument(
      "d", "[Mullah Omar|person] and [Osama bin Laden|person] hid in [Kandahar|place] and [Abbottabad|place].")
    let places = gold.entities.filter { $0.type == "place" }.map { mention("place", $0.start..<$0.end) }
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", places)])
    #expect(report.scoredTypes == ["place", "person"])
    #expect(report.microStrict == Counts(truePositives: 2, falsePositives: 0, falseNegatives: 2))
    #expect(report.microStrict.precision == 1)
    #expect(report.microStrict.recall == 0.5)
    #expect(abs(report.microStrict.f1 - 2.0 / 3.0) < 1e-12)
    // Person has P = R = F1 = 0 (nothing predicted), place 1: the means are 0.5.
    expectRatios(report.macroStrict, 0.5, 0.5, 0.5)
    expectRatios(report.macroPartial, 0.5, 0.5, 0.5)
  }

  @Test func countsAreSummedOverDocumentsBeforeTheRatios() throws {
    // Document a: 1 of 1 right. Document b: 0 of 3 predicted, 3 gold missed.
    let a = goldDocument("a", text: filler(10), [mention("place", 0..<4)])
    let b = goldDocument("b", text: filler(10), [mention("place", 0..<2), mention("place", 3..<5), mention("place", 6..<8)])
    let report = try evaluate(
      gold: [a, b], predicted: [predictedDocument("a", [mention("place", 0..<4)]), predictedDocument("b", [])])
    #expect(report.byType["place"]?.strict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 3))
    #expect(report.byType["place"]?.strict.recall == 0.25)
  }

  // MARK: Dates

  @Test func dateValueAccuracyOverPartialAndStrictPairs() throws {
    let text = filler(60)
    let gold = goldDocument(
      "d", text: text,
      [
        mention("date", 0..<5, value: "2024-01-01"),  // exact, same value
        mention("date", 10..<20, value: "2024-02-02"),  // partial, other value
        mention("date", 30..<40),  // exact, no value on either side
        mention("date", 45..<50, value: "2024-W10"),  // partial, value missing in the prediction
        mention("date", 52..<58, value: "PRESENT_REF"),  // exact, other value
      ])
    let predicted = predictedDocument(
      "d",
      [
        mention("date", 0..<5, value: "2024-01-01"),
        mention("date", 10..<15, value: "2024-02-03"),
        mention("date", 30..<40),
        mention("date", 44..<49),
        mention("date", 52..<58, value: "2024-03-05"),
      ])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    let dates = try #require(report.dateValues)
    #expect(dates.matched == 5)
    #expect(dates.correct == 2)
    #expect(dates.accuracy == 0.4)
    #expect(dates.strictMatched == 3)
    #expect(dates.strictCorrect == 2)
    #expect(abs(dates.strictAccuracy - 2.0 / 3.0) < 1e-12)
  }

  @Test func dateValueAccuracyIsZeroWhenNothingMatched() throws {
    let gold = goldDocument("d", text: filler(10), [mention("date", 0..<4, value: "2024")])
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", [])])
    let dates = try #require(report.dateValues)
    #expect(dates.matched == 0 && dates.correct == 0 && dates.strictMatched == 0 && dates.strictCorrect == 0)
    #expect(dates.accuracy == 0 && dates.strictAccuracy == 0)
  }

  // MARK: Casualties

  @Test func casualtyRecordsAreMultisetsPerDocumentRegardlessOfSpans() throws {
    let text = filler(80)
    func killed(_ n: Int) -> CasualtyRecord { CasualtyRecord(outcome: "killed", min: n, max: n) }
    let open = CasualtyRecord(outcome: "injured", min: 10, max: nil)
    let gold = [
      goldDocument(
        "a", text: text,
        [
          mention("casualty", 0..<5, casualty: killed(3)), mention("casualty", 10..<15, casualty: killed(3)),
          mention("casualty", 20..<25, casualty: open),
        ]),
      goldDocument("b", text: text, [mention("casualty", 0..<5, casualty: killed(7))]),
    ]
    let predicted = [
      // Spans are all elsewhere; records match anyway.
      predictedDocument(
        "a",
        [
          mention("casualty", 60..<62, casualty: killed(3)), mention("casualty", 63..<65, casualty: open),
          mention("casualty", 66..<68, casualty: killed(4)),
        ]),
      // The same record as gold 'b', but reported in document 'a' would not count: per document.
      predictedDocument("b", [mention("casualty", 70..<72, casualty: CasualtyRecord(outcome: "killed", min: 7, max: nil))]),
    ]
    let report = try evaluate(gold: gold, predicted: predicted)
    // a: {k3, k3, i10-} vs {k3, i10-, k4} → 2 shared. b: {k7} vs {k7-} → 0.
    #expect(report.casualtyRecords == Counts(truePositives: 2, falsePositives: 2, falseNegatives: 2))
    // Outcomes: a: {k, k, i} vs {k, i, k} → 3. b: {k} vs {k} → 1.
    #expect(report.casualtyOutcomes == Counts(truePositives: 4, falsePositives: 0, falseNegatives: 0))
    #expect(report.casualtyOutcomes?.f1 == 1)
    #expect(report.byType["casualty"]?.strict == Counts(truePositives: 0, falsePositives: 4, falseNegatives: 4))
  }

  @Test func outcomeOnlyCasualtyEqualsExplicitNulls() throws {
    let gold = try AnnotatedDocument.readJSONL(
      Array(
        #"""
        {"id": "a", "text": "Several went missing.", "entities": [{"start": 0, "end": 7, "type": "casualty", "casualty": {"outcome": "missing"}}]}
        """#.utf8), sourceName: "gold.jsonl")
    let predicted = try AnnotatedDocument.readJSONL(
      Array(
        #"""
        {"id": "a", "entities": [{"start": 0, "end": 7, "type": "casualty", "text": "Several", "casualty": {"outcome": "missing", "min": null, "max": null, "group": "unknown"}}]}
        """#.utf8), sourceName: "predicted.jsonl")
    #expect(gold[0].entities[0].casualty == CasualtyRecord(outcome: "missing", min: nil, max: nil))
    let report = try evaluate(gold: gold, predicted: predicted)
    #expect(report.casualtyRecords == Counts(truePositives: 1))
    #expect(report.casualtyOutcomes == Counts(truePositives: 1))
  }

  @Test func casualtyEntityWithoutARecordContributesNoRecord() throws {
    let gold = goldDocument(
      "d", text: filler(20), [mention("casualty", 0..<4, casualty: CasualtyRecord(outcome: "killed", min: 2, max: 2))])
    let predicted = predictedDocument("d", [mention("casualty", 0..<4)])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    #expect(report.byType["casualty"]?.strict == Counts(truePositives: 1))
    #expect(report.casualtyRecords == Counts(truePositives: 0, falsePositives: 0, falseNegatives: 1))
  }

  /// The reference definition (Scripts/reference-evaluate.py): records come from the
  /// `casualty` objects of casualty entities only.
  @Test func casualtyRecordsComeOnlyFromCasualtyEntities() throws {
    let record = CasualtyRecord(outcome: "killed", min: 1, max: 1)
    let gold = goldDocument(
      "d", text: filler(20), [mention("casualty", 0..<4, casualty: record), mention("place", 10..<14)])
    // A predicted place that (oddly) carries a casualty object must not add a record.
    let predicted = predictedDocument(
      "d", [mention("casualty", 0..<4, casualty: record), mention("place", 10..<14, casualty: record)])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    #expect(report.casualtyRecords == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
    #expect(report.casualtyOutcomes == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
  }

  // MARK: Scored types

  @Test func defaultScoredTypesAreTheSpecTypesPresentInGoldInSpecOrder() throws {
    let gold = goldDocument(
      "d", text: filler(40),
      [mention("date", 0..<4, value: "2024"), mention("misc", 5..<9), mention("place", 10..<14)])
    // Predicted persons and weapons are not scored: no false positives for them.
    let predicted = predictedDocument(
      "d", [mention("place", 10..<14), mention("person", 20..<24), mention("weapon", 25..<29)])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    #expect(report.scoredTypes == ["place", "date"])
    #expect(report.byType.keys.sorted() == ["date", "place"])
    #expect(report.microStrict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    #expect(report.casualtyRecords == nil)
    #expect(report.casualtyOutcomes == nil)
    #expect(report.dateValues != nil)
  }

  @Test func typesRestrictBothSides() throws {
    let gold = goldDocument(
      "d", text: filler(40),
      [mention("place", 0..<4), mention("person", 5..<9), mention("date", 10..<14, value: "2024")])
    let predicted = predictedDocument(
      "d", [mention("place", 20..<24), mention("person", 5..<9), mention("casualty", 30..<34)])
    let report = try evaluate(gold: [gold], predicted: [predicted], types: ["person"])
    #expect(report.scoredTypes == ["person"])
    #expect(report.byType.keys.sorted() == ["person"])
    #expect(report.microStrict == Counts(truePositives: 1))
    #expect(report.dateValues == nil)
    #expect(report.casualtyRecords == nil)
    #expect(report.errors.isEmpty)
  }

  @Test func requestedTypeAbsentFromBothSidesScoresZero() throws {
    let gold = goldDocument("d", text: filler(10), [mention("place", 0..<4)])
    let report = try evaluate(
      gold: [gold], predicted: [predictedDocument("d", [mention("place", 0..<4)])], types: ["place", "vessel"])
    #expect(report.scoredTypes == ["place", "vessel"])
    #expect(report.byType["vessel"]?.strict == Counts())
    #expect(report.byType["vessel"]?.partial == Counts())
    expectRatios(report.macroStrict, 0.5, 0.5, 0.5)
    #expect(report.microStrict == Counts(truePositives: 1))
  }

  /// Asking for a type twice must not count it twice (the reference implementation
  /// drops repeated names).
  @Test func repeatedRequestedTypeIsScoredOnce() throws {
    let gold = goldDocument("d", text: filler(10), [mention("place", 0..<4), mention("place", 5..<9)])
    let predicted = [predictedDocument("d", [mention("place", 0..<4)])]
    let once = try evaluate(gold: [gold], predicted: predicted, types: ["place"])
    let twice = try evaluate(gold: [gold], predicted: predicted, types: ["place", "place"])
    #expect(twice.scoredTypes == ["place"])
    #expect(twice.byType["place"] == once.byType["place"])
    #expect(twice.microStrict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    #expect(twice.errors.count == once.errors.count)
  }

  // MARK: Failed documents

  @Test func predictedErrorLinesScoreAsEmptyAndAreListed() throws {
    let gold = try AnnotatedDocument.readJSONL(Array(sixTypeGoldJSONL.utf8), sourceName: "gold.jsonl")
    let predicted = try AnnotatedDocument.readJSONL(
      Array(
        #"""
        {"id": "g1", "error": "g1: invalid UTF-8 at byte 12"}
        {"id": "g2", "entities": [{"type": "place", "start": 33, "end": 41, "text": "Peshawar"}]}
        """#.utf8), sourceName: "predicted.jsonl")
    let report = try evaluate(gold: gold, predicted: predicted)
    #expect(report.failedDocuments == ["g1"])
    #expect(report.byType["place"]?.strict == Counts(truePositives: 1, falsePositives: 0, falseNegatives: 2))
    #expect(report.microStrict.predicted == 1)
    #expect(report.table().contains("1 predicted document(s) reported an error: g1"))
  }

  // MARK: Errors raised by evaluate

  @Test func mismatchedIDsAreNamed() {
    let gold = [
      goldDocument("kept", text: "x", []), goldDocument("lost-1", text: "x", []), goldDocument("lost-2", text: "x", []),
    ]
    let predicted = [predictedDocument("kept", []), predictedDocument("stray", [])]
    let error = evaluationError { () throws(EvaluationError) in
      _ = try Evaluator().evaluate(gold: gold, predicted: predicted)
    }
    let message = error?.description ?? ""
    #expect(message.contains("'lost-1'"))
    #expect(message.contains("'lost-2'"))
    #expect(message.contains("'stray'"))
    #expect(!message.contains("'kept'"))
  }

  @Test func duplicateIDsAreRejected() {
    let gold = [goldDocument("a", text: "x", [])]
    let error = evaluationError { () throws(EvaluationError) in
      _ = try Evaluator().evaluate(gold: gold, predicted: [predictedDocument("a", []), predictedDocument("a", [])])
    }
    #expect(error?.description.contains("'a' appears twice") == true)
    let goldError = evaluationError { () throws(EvaluationError) in
      _ = try Evaluator().evaluate(gold: gold + gold, predicted: [predictedDocument("a", [])])
    }
    #expect(goldError?.description.contains("gold document 'a' appears twice") == true)
  }

  @Test(arguments: [(-1, 3), (5, 12), (4, 4), (6, 2)])
  func predictedOffsetOutsideTheDocumentIsAnError(_ start: Int, _ end: Int) {
    let gold = [goldDocument("short", text: "Herat 🕌", [])]  // 7 scalars
    let error = evaluationError { () throws(EvaluationError) in
      _ = try Evaluator().evaluate(gold: gold, predicted: [predictedDocument("short", [AnnotatedEntity(start: start, end: end, type: "place")])])
    }
    #expect(error?.description.contains("outside document 'short' of 7 characters") == true, "\(String(describing: error))")
  }

  @Test func predictedTextThatDisagreesWithGoldIsAnError() throws {
    // "Café Ghazni": UTF-8 offsets of "Ghazni" would be 6..<12; scalar offsets are 5..<11.
    let gold = [try goldDocument("d", "Café [Ghazni|place]")]
    let error = evaluationError { () throws(EvaluationError) in
      _ = try Evaluator().evaluate(gold: gold, predicted: [predictedDocument("d", [mention("place", 6..<11, text: "Ghazni")])])
    }
    let message = try #require(error?.description)
    #expect(message.contains("\"Ghazni\""))
    #expect(message.contains("\"hazni\""))
    #expect(message.contains("'d'"))
    // The same mention at scalar offsets is accepted.
    let report = try evaluate(gold: gold, predicted: [predictedDocument("d", [mention("place", 5..<11, text: "Ghazni")])])
    #expect(report.byType["place"]?.strict == Counts(truePositives: 1))
  }
}
