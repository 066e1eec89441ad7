/// One false positive or miss, classified for the engineer deciding the next rule.
public struct EvaluationErrorItem: Hashable, Sendable {
  /// How a mention went wrong.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// Overlaps a gold mention of its type, but the spans differ.
    case wrongBoundary = "wrong boundary"
    /// Overlaps a gold mention of another scored type and none of its own.
    case wrongType = "wrong type"
    /// Matched to no gold mention of its type (a duplicate of a matched prediction, or
    /// one that lost the greedy matching, counts here) and overlapping no gold mention
    /// of another type.
    case spurious
    /// A gold mention that no prediction overlaps.
    case missed
  }

  /// The kind of error.
  public var kind: Kind
  /// The type of the predicted mention (or of the missed gold mention).
  public var type: String
  /// The document.
  public var documentID: String
  /// The predicted mention, if any.
  public var predicted: AnnotatedEntity?
  /// The gold mention involved, if any (for wrong type: the gold mention it overlaps).
  public var gold: AnnotatedEntity?
  /// The text around the mention, with the mention between ⟦ and ⟧.
  public var context: String
}

enum ErrorAnalysis {
  static let contextWidth = 50

  /// Classifies the unmatched mentions of one type in one document.
  static func errors(
    document: AnnotatedDocument, type: String, gold: [AnnotatedEntity], predicted: [AnnotatedEntity],
    matching: TypeMatching, allGold: [AnnotatedEntity]
  ) -> [EvaluationErrorItem] {
    let scalars = Array((document.text ?? "").unicodeScalars)
    let strictPredicted = Set(matching.strict.map(\.predicted))
    let strictGold = Set(matching.strict.map(\.gold))
    let partialByPredicted = Dictionary(uniqueKeysWithValues: matching.partial.map { ($0.predicted, $0.gold) })
    let partialGold = Set(matching.partial.map(\.gold))
    var items: [EvaluationErrorItem] = []
    for (index, entity) in predicted.enumerated() where !strictPredicted.contains(index) {
      let context = self.context(scalars, entity.start, entity.end)
      if let goldIndex = partialByPredicted[index] {
        items.append(.init(kind: .wrongBoundary, type: type, documentID: document.id, predicted: entity, gold: gold[goldIndex], context: context))
      } else if let other = allGold.first(where: { $0.type != type && $0.start < entity.end && entity.start < $0.end }) {
        items.append(.init(kind: .wrongType, type: type, documentID: document.id, predicted: entity, gold: other, context: context))
      } else {
        items.append(.init(kind: .spurious, type: type, documentID: document.id, predicted: entity, gold: nil, context: context))
      }
    }
    for (index, entity) in gold.enumerated() where !strictGold.contains(index) && !partialGold.contains(index) {
      items.append(.init(kind: .missed, type: type, documentID: document.id, predicted: nil, gold: entity,
                         context: context(scalars, entity.start, entity.end)))
    }
    return items
  }

  static func context(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    guard start >= 0, end <= scalars.count, start <= end else { return "" }
    let from = max(0, start - contextWidth)
    let to = min(scalars.count, end + contextWidth)
    func text(_ range: Range<Int>) -> String {
      String(String.UnicodeScalarView(scalars[range].map { $0.properties.isWhitespace ? " " : $0 }))
    }
    return (from > 0 ? "…" : "") + text(from..<start) + "⟦" + text(start..<end) + "⟧" + text(end..<to)
      + (to < scalars.count ? "…" : "")
  }
}

extension EvaluationReport {
  /// The errors, grouped by type and kind, at most `limit` per group, as text.
  public func errorListing(limit: Int) -> String {
    var out = ""
    for type in scoredTypes {
      for kind in EvaluationErrorItem.Kind.allCases {
        let items = errors.filter { $0.type == type && $0.kind == kind }
        guard !items.isEmpty else { continue }
        out += "\n## \(type): \(kind.rawValue) (\(items.count))\n"
        for item in items.prefix(limit) {
          var detail = ""
          if let gold = item.gold, let predicted = item.predicted {
            detail = kind == .wrongType
              ? "  [gold \(gold.type) \(gold.start)-\(gold.end)]"
              : "  [gold \(gold.start)-\(gold.end), predicted \(predicted.start)-\(predicted.end)]"
          }
          out += "- \(item.documentID): \(item.context)\(detail)\n"
        }
        if items.count > limit { out += "  … and \(items.count - limit) more\n" }
      }
    }
    return out
  }
}
