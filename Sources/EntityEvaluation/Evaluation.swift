import EntityExtraction

/// Scores predicted mentions against gold mentions.
///
/// The definitions (also in the README and the DocC catalog):
/// - **Scored types**: the ones asked for, or else those of `docs/SPEC.md`'s six types that
///   occur at least once in the gold data. Other types are dropped on both sides.
/// - **Strict**: a predicted mention is a true positive when a gold mention of its type
///   has the same span; each gold and predicted mention is used at most once.
/// - **Partial**: the same with overlapping spans, matched greedily (see
///   ``EvaluationReport``); each mention is used at most once.
/// - P = TP/(TP+FP), R = TP/(TP+FN), F1 their harmonic mean; each 0 when its
///   denominator is 0. Counts are summed over documents before the ratios are taken.
/// - **Micro** sums counts over the scored types; **macro** is the unweighted mean of
///   each type's P, R and F1.
/// - **Date value accuracy**: among partially matched date pairs, the share whose
///   predicted TIMEX3 value equals the gold one (also reported for strict pairs).
/// - **Casualty records**: per document, the multiset of `(outcome, min, max)` of gold
///   and of predicted casualties, intersected, regardless of spans; and the same for
///   outcomes alone.
/// - **Incidents**, when gold casualties carry `place`, `date` or `perpetrator`: each such
///   gold record is paired with a predicted record of the same outcome and bounds (same
///   span first, then overlapping, then nearest), and for each annotated field the share
///   of pairs whose prediction names the same mention (overlapping span, same text, or a
///   date's same value), or none where the gold says `null` (see ``IncidentScore``).
public struct Evaluator: Sendable {
  /// The six types of `docs/SPEC.md`.
  public static let specTypes = ["place", "organization", "person", "nationality", "date", "casualty"]

  /// The types to score, or `nil` to use the spec types present in the gold.
  public var types: [String]?

  /// Creates an evaluator.
  public init(types: [String]? = nil) { self.types = types }

  /// Scores `predicted` against `gold`.
  ///
  /// - Throws: ``EvaluationError`` when the documents do not match up one to one by ID,
  ///   or a predicted span falls outside its document or disagrees with its text.
  public func evaluate(gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) throws(EvaluationError)
    -> EvaluationReport
  {
    let pairs = try Self.pairDocuments(gold: gold, predicted: predicted)
    let goldTypes = Set(gold.flatMap { $0.entities.map(\.type) })
    var seen = Set<String>()
    let scored = (types ?? Self.specTypes.filter(goldTypes.contains)).filter { seen.insert($0).inserted }
    let scoredSet = Set(scored)

    var report = EvaluationReport(documents: gold.count, scoredTypes: scored)
    report.failedDocuments = pairs.filter { $0.predicted.error != nil }.map(\.predicted.id)
    for (goldDocument, predictedDocument) in pairs {
      let goldEntities = goldDocument.entities.filter { scoredSet.contains($0.type) }
      let predictedEntities = predictedDocument.entities.filter { scoredSet.contains($0.type) }
      for type in scored {
        let g = goldEntities.filter { $0.type == type }
        let p = predictedEntities.filter { $0.type == type }
        let matching = TypeMatching.match(gold: g, predicted: p)
        var score = report.byType[type] ?? TypeScore()
        score.strict = score.strict + Counts(
          truePositives: matching.strict.count, falsePositives: p.count - matching.strict.count,
          falseNegatives: g.count - matching.strict.count)
        score.partial = score.partial + Counts(
          truePositives: matching.partial.count, falsePositives: p.count - matching.partial.count,
          falseNegatives: g.count - matching.partial.count)
        report.byType[type] = score
        if type == "date" {
          var dates = report.dateValues ?? DateValueScore()
          for pair in matching.partial {
            dates.matched += 1
            if g[pair.gold].dateValue == p[pair.predicted].dateValue { dates.correct += 1 }
          }
          for pair in matching.strict {
            dates.strictMatched += 1
            if g[pair.gold].dateValue == p[pair.predicted].dateValue { dates.strictCorrect += 1 }
          }
          report.dateValues = dates
        }
        report.errors.append(
          contentsOf: ErrorAnalysis.errors(
            document: goldDocument, type: type, gold: g, predicted: p, matching: matching,
            allGold: goldEntities))
      }
      if scoredSet.contains("casualty") {
        let g = goldEntities.filter { $0.type == "casualty" }.compactMap(\.casualty)
        let p = predictedEntities.filter { $0.type == "casualty" }.compactMap(\.casualty)
        report.casualtyRecords = (report.casualtyRecords ?? Counts()) + multisetCounts(gold: g, predicted: p)
        report.casualtyOutcomes = (report.casualtyOutcomes ?? Counts())
          + multisetCounts(gold: g.map(\.outcome), predicted: p.map(\.outcome))
        let goldCounts = goldEntities.filter { $0.type == "casualty" }
        if goldCounts.contains(where: { $0.incident != nil }) {
          var incidents = report.incidents ?? IncidentScore()
          incidents.add(
            gold: goldCounts, predicted: predictedEntities.filter { $0.type == "casualty" },
            text: goldDocument.text)
          report.incidents = incidents
        }
      }
    }
    if !scoredSet.contains("date") { report.dateValues = nil }
    return report
  }

  /// Pairs gold and predicted documents by ID and checks predicted spans.
  static func pairDocuments(gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) throws(EvaluationError)
    -> [(gold: AnnotatedDocument, predicted: AnnotatedDocument)]
  {
    var predictedByID: [String: AnnotatedDocument] = [:]
    for document in predicted {
      if predictedByID[document.id] != nil {
        throw EvaluationError("predicted document '\(document.id)' appears twice (line \(document.line))")
      }
      predictedByID[document.id] = document
    }
    var goldIDs = Set<String>()
    var missing: [String] = []
    var pairs: [(gold: AnnotatedDocument, predicted: AnnotatedDocument)] = []
    for document in gold {
      guard goldIDs.insert(document.id).inserted else {
        throw EvaluationError("gold document '\(document.id)' appears twice (line \(document.line))")
      }
      if let match = predictedByID[document.id] {
        pairs.append((document, match))
      } else {
        missing.append(document.id)
      }
    }
    let extra = predicted.map(\.id).filter { !goldIDs.contains($0) }
    if !missing.isEmpty || !extra.isEmpty {
      var parts: [String] = []
      if !missing.isEmpty { parts.append("no prediction for gold document(s) \(list(missing))") }
      if !extra.isEmpty { parts.append("predicted document(s) \(list(extra)) are not in the gold") }
      throw EvaluationError("documents do not match up by id: " + parts.joined(separator: "; "))
    }
    for (goldDocument, predictedDocument) in pairs {
      let text = goldDocument.text ?? ""
      let scalars = Array(text.unicodeScalars)
      for (side, entities) in [("gold", goldDocument.entities), ("predicted", predictedDocument.entities)] {
        for entity in entities {
          guard entity.start >= 0, entity.start < entity.end, entity.end <= scalars.count else {
            throw EvaluationError(
              "\(side) entity \(entity.start)-\(entity.end) (\(entity.type)) is outside document '\(goldDocument.id)' of \(scalars.count) characters")
          }
          if side == "predicted", let written = entity.text {
            let actual = String(String.UnicodeScalarView(scalars[entity.start..<entity.end]))
            if actual != written {
              throw EvaluationError(
                "predicted entity \(entity.start)-\(entity.end) of document '\(goldDocument.id)' says \"\(written)\" but the gold text there is \"\(actual)\" (were offsets written in another unit than scalars?)")
            }
          }
        }
      }
    }
    return pairs
  }

  private static func list(_ ids: [String]) -> String {
    let shown = ids.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
    return ids.count > 10 ? shown + " and \(ids.count - 10) more" : shown
  }

  /// Annotates gold documents' texts with an extractor, passing each document's
  /// `reference_date`, and returns predictions in the same form as read from JSONL.
  public static func annotate(_ gold: [AnnotatedDocument], with extractor: EntityExtractor)
    -> [AnnotatedDocument]
  {
    gold.map { document in
      let text = document.text ?? ""
      let entities = extractor.entities(
        in: text, referenceDate: document.referenceDate.flatMap(CalendarDate.init(parsing:)))
      let objects = Entity.jsonObjects(for: entities, in: text, offsets: .unicodeScalars)
      let predicted = objects.compactMap { object -> AnnotatedEntity? in
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue,
          let type = object["type"]?.stringValue
        else { return nil }
        var casualty: CasualtyRecord?
        var incident: IncidentAnnotation?
        if let record = object["casualty"], let outcome = record["outcome"]?.stringValue {
          casualty = CasualtyRecord(outcome: outcome, min: record["min"]?.intValue, max: record["max"]?.intValue)
          // The writer's own objects: always well formed.
          incident = try? IncidentAnnotation.read(from: record, place: document.id)
        }
        return AnnotatedEntity(
          start: start, end: end, type: type, text: object["text"]?.stringValue,
          dateValue: object["date"]?["value"]?.stringValue, casualty: casualty, incident: incident)
      }
      return AnnotatedDocument(id: document.id, text: nil, entities: predicted, line: document.line)
    }
  }
}
