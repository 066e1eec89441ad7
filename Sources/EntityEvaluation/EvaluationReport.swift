import EntityExtraction

/// Strict and partial counts for one type.
public struct TypeScore: Hashable, Sendable {
  /// Exact span and type.
  public var strict = Counts()
  /// Overlapping span and same type.
  public var partial = Counts()
}

/// Date value agreement among matched dates.
public struct DateValueScore: Hashable, Sendable {
  /// Partially matched date pairs.
  public var matched = 0
  /// …whose values agree.
  public var correct = 0
  /// Strictly matched date pairs.
  public var strictMatched = 0
  /// …whose values agree.
  public var strictCorrect = 0
  /// `correct / matched`, or 0.
  public var accuracy: Double { matched == 0 ? 0 : Double(correct) / Double(matched) }
  /// `strictCorrect / strictMatched`, or 0.
  public var strictAccuracy: Double { strictMatched == 0 ? 0 : Double(strictCorrect) / Double(strictMatched) }
}

/// Everything `entities evaluate` reports.
public struct EvaluationReport: Sendable {
  /// Number of documents scored.
  public var documents: Int
  /// The types scored, in report order.
  public var scoredTypes: [String]
  /// Counts per type.
  public var byType: [String: TypeScore] = [:]
  /// Date value agreement, when dates are scored.
  public var dateValues: DateValueScore? = DateValueScore()
  /// `(outcome, min, max)` records, when casualties are scored.
  public var casualtyRecords: Counts?
  /// Outcomes alone, when casualties are scored.
  public var casualtyOutcomes: Counts?
  /// Places, dates and perpetrators of casualty records, when casualties are scored and
  /// the gold gives any.
  public var incidents: IncidentScore?
  /// Predicted documents that carried an error instead of entities.
  public var failedDocuments: [String] = []
  /// Every false positive and miss, classified.
  public var errors: [EvaluationErrorItem] = []

  init(documents: Int, scoredTypes: [String]) {
    self.documents = documents
    self.scoredTypes = scoredTypes
  }

  /// Counts summed over the scored types.
  public var microStrict: Counts { scoredTypes.reduce(Counts()) { $0 + (byType[$1]?.strict ?? Counts()) } }
  /// Counts summed over the scored types.
  public var microPartial: Counts { scoredTypes.reduce(Counts()) { $0 + (byType[$1]?.partial ?? Counts()) } }
  /// Unweighted means over the scored types.
  public var macroStrict: Ratios { macro(\.strict) }
  /// Unweighted means over the scored types.
  public var macroPartial: Ratios { macro(\.partial) }

  private func macro(_ key: KeyPath<TypeScore, Counts>) -> Ratios {
    guard !scoredTypes.isEmpty else { return Ratios(precision: 0, recall: 0, f1: 0) }
    let counts = scoredTypes.map { byType[$0]?[keyPath: key] ?? Counts() }
    let n = Double(counts.count)
    return Ratios(
      precision: counts.map(\.precision).reduce(0, +) / n, recall: counts.map(\.recall).reduce(0, +) / n,
      f1: counts.map(\.f1).reduce(0, +) / n)
  }
}

// MARK: - Rendering

extension EvaluationReport {
  /// A readable table for a terminal.
  public func table() -> String {
    var lines: [String] = []
    lines.append("\(documents) documents; types scored: \(scoredTypes.joined(separator: ", "))")
    if !failedDocuments.isEmpty {
      lines.append("\(failedDocuments.count) predicted document(s) reported an error: \(failedDocuments.prefix(5).joined(separator: ", "))")
    }
    lines.append("")
    lines.append(row("type", "gold", "pred", "strict P", "R", "F1", "partial P", "R", "F1"))
    lines.append(String(repeating: "-", count: 86))
    for type in scoredTypes {
      let score = byType[type] ?? TypeScore()
      lines.append(
        row(type, "\(score.strict.gold)", "\(score.strict.predicted)", f(score.strict.precision),
            f(score.strict.recall), f(score.strict.f1), f(score.partial.precision), f(score.partial.recall),
            f(score.partial.f1)))
    }
    lines.append(String(repeating: "-", count: 86))
    let micro = microStrict
    let microP = microPartial
    lines.append(
      row("micro", "\(micro.gold)", "\(micro.predicted)", f(micro.precision), f(micro.recall), f(micro.f1),
          f(microP.precision), f(microP.recall), f(microP.f1)))
    let macro = macroStrict
    let macroP = macroPartial
    lines.append(
      row("macro", "", "", f(macro.precision), f(macro.recall), f(macro.f1), f(macroP.precision),
          f(macroP.recall), f(macroP.f1)))
    if let dates = dateValues {
      lines.append("")
      lines.append("date values: \(dates.correct)/\(dates.matched) = \(f(dates.accuracy)) of partially matched dates; \(dates.strictCorrect)/\(dates.strictMatched) = \(f(dates.strictAccuracy)) of strictly matched")
    }
    if let records = casualtyRecords, let outcomes = casualtyOutcomes {
      lines.append("")
      lines.append(row("casualty", "gold", "pred", "P", "R", "F1", "", "", ""))
      lines.append(row("  records", "\(records.gold)", "\(records.predicted)", f(records.precision), f(records.recall), f(records.f1), "", "", ""))
      lines.append(row("  outcomes", "\(outcomes.gold)", "\(outcomes.predicted)", f(outcomes.precision), f(outcomes.recall), f(outcomes.f1), "", "", ""))
    }
    if let incidents {
      lines.append("")
      lines.append("incidents: \(incidents.matched) of \(incidents.records) gold records with places, dates or perpetrators matched; \(incidents.complete) wholly right")
      for field in IncidentField.allCases {
        let score = incidents[field]
        lines.append("  \(field.rawValue): \(score.correct)/\(score.scored) = \(f(score.accuracy))")
      }
    }
    return lines.map { $0.trailingSpacesRemoved() }.joined(separator: "\n") + "\n"
  }

  /// A Markdown table, for the README's Accuracy section.
  public func markdown(title: String) -> String {
    var out = "### \(title)\n\n"
    out += "| type | gold | predicted | strict P | strict R | strict F1 | partial P | partial R | partial F1 |\n"
    out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    func line(_ name: String, _ strict: Counts, _ partial: Counts) -> String {
      "| \(name) | \(strict.gold) | \(strict.predicted) | \(f(strict.precision)) | \(f(strict.recall)) | \(f(strict.f1)) | \(f(partial.precision)) | \(f(partial.recall)) | \(f(partial.f1)) |\n"
    }
    for type in scoredTypes {
      let score = byType[type] ?? TypeScore()
      out += line(type, score.strict, score.partial)
    }
    out += line("**micro**", microStrict, microPartial)
    let macro = macroStrict
    let macroP = macroPartial
    out += "| **macro** | | | \(f(macro.precision)) | \(f(macro.recall)) | \(f(macro.f1)) | \(f(macroP.precision)) | \(f(macroP.recall)) | \(f(macroP.f1)) |\n"
    var notes: [String] = []
    if let dates = dateValues {
      notes.append("date value accuracy \(f(dates.accuracy)) (\(dates.correct)/\(dates.matched) partially matched dates)")
    }
    if let records = casualtyRecords, let outcomes = casualtyOutcomes {
      notes.append("casualty records P/R/F1 \(f(records.precision))/\(f(records.recall))/\(f(records.f1)) (\(records.gold) gold, \(records.predicted) predicted); outcomes only \(f(outcomes.precision))/\(f(outcomes.recall))/\(f(outcomes.f1))")
    }
    if let incidents {
      let fields = IncidentField.allCases.map { field in
        "\(field.rawValue) \(f(incidents[field].accuracy)) (\(incidents[field].correct)/\(incidents[field].scored))"
      }
      notes.append("incidents (\(incidents.matched) of \(incidents.records) records matched): " + fields.joined(separator: ", "))
    }
    if !notes.isEmpty { out += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
    return out
  }

  /// The report as one JSON object (the `--json` output).
  public func json() -> JSONValue {
    func prf(_ counts: Counts) -> JSONValue {
      .object([
        JSONMember("tp", .integer(counts.truePositives)), JSONMember("fp", .integer(counts.falsePositives)),
        JSONMember("fn", .integer(counts.falseNegatives)), JSONMember("precision", .double(counts.precision)),
        JSONMember("recall", .double(counts.recall)), JSONMember("f1", .double(counts.f1)),
      ])
    }
    func ratios(_ value: Ratios) -> JSONValue {
      .object([
        JSONMember("precision", .double(value.precision)), JSONMember("recall", .double(value.recall)),
        JSONMember("f1", .double(value.f1)),
      ])
    }
    var members: [JSONMember] = [
      JSONMember("documents", .integer(documents)),
      JSONMember("scored_types", .array(scoredTypes.map { .string($0) })),
      JSONMember("types", .object(scoredTypes.map { type in
        let score = byType[type] ?? TypeScore()
        return JSONMember(type, .object([JSONMember("strict", prf(score.strict)), JSONMember("partial", prf(score.partial))]))
      })),
      JSONMember("micro", .object([JSONMember("strict", prf(microStrict)), JSONMember("partial", prf(microPartial))])),
      JSONMember("macro", .object([JSONMember("strict", ratios(macroStrict)), JSONMember("partial", ratios(macroPartial))])),
    ]
    if let dates = dateValues {
      members.append(JSONMember("date_value", .object([
        JSONMember("matched", .integer(dates.matched)), JSONMember("correct", .integer(dates.correct)),
        JSONMember("accuracy", .double(dates.accuracy)), JSONMember("strict_matched", .integer(dates.strictMatched)),
        JSONMember("strict_correct", .integer(dates.strictCorrect)),
        JSONMember("strict_accuracy", .double(dates.strictAccuracy)),
      ])))
    }
    if let records = casualtyRecords, let outcomes = casualtyOutcomes {
      members.append(JSONMember("casualty_records", prf(records)))
      members.append(JSONMember("casualty_outcomes", prf(outcomes)))
    }
    if let incidents {
      var fields = [
        JSONMember("records", .integer(incidents.records)), JSONMember("matched", .integer(incidents.matched)),
        JSONMember("complete", .integer(incidents.complete)),
      ]
      for field in IncidentField.allCases {
        let score = incidents[field]
        fields.append(JSONMember(field.rawValue, .object([
          JSONMember("scored", .integer(score.scored)), JSONMember("correct", .integer(score.correct)),
          JSONMember("accuracy", .double(score.accuracy)),
        ])))
      }
      members.append(JSONMember("incidents", .object(fields)))
    }
    members.append(JSONMember("failed_documents", .array(failedDocuments.map { .string($0) })))
    return .object(members)
  }

  private func f(_ value: Double) -> String {
    let scaled = (value * 1000).rounded()
    let whole = Int(scaled) / 1000
    let fraction = Int(scaled) % 1000
    let digits = String(fraction)
    return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
  }

  private func row(_ cells: String...) -> String {
    let widths = [14, 6, 6, 10, 7, 7, 11, 7, 7]
    return zip(cells, widths).map { cell, width in
      cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
    }.joined()
  }
}

extension String {
  func trailingSpacesRemoved() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
