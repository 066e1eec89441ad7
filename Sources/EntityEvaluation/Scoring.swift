/// True positives, false positives and false negatives, with the ratios made from them.
public struct Counts: Hashable, Sendable {
  /// Predicted items (mentions, or casualty records) that match a gold item.
  public var truePositives = 0
  /// Predicted items that match no gold item.
  public var falsePositives = 0
  /// Gold items that no predicted item matches.
  public var falseNegatives = 0

  /// Creates counts.
  public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.falseNegatives = falseNegatives
  }

  /// TP / (TP + FP), or 0 when nothing was predicted.
  public var precision: Double {
    truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
  }
  /// TP / (TP + FN), or 0 when there is no gold.
  public var recall: Double {
    truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
  }
  /// The harmonic mean of precision and recall, or 0 when both are 0.
  public var f1: Double {
    let p = precision
    let r = recall
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }
  /// Gold items: TP + FN.
  public var gold: Int { truePositives + falseNegatives }
  /// Predicted items: TP + FP.
  public var predicted: Int { truePositives + falsePositives }

  static func + (lhs: Counts, rhs: Counts) -> Counts {
    Counts(
      truePositives: lhs.truePositives + rhs.truePositives,
      falsePositives: lhs.falsePositives + rhs.falsePositives,
      falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
  }
}

/// Precision, recall and F1 as plain numbers (macro averages have no counts).
public struct Ratios: Hashable, Sendable {
  /// Precision, from 0 to 1.
  public var precision: Double
  /// Recall, from 0 to 1.
  public var recall: Double
  /// F1, from 0 to 1; for a macro average, the mean of the F1 scores, which is not the
  /// harmonic mean of ``precision`` and ``recall``.
  public var f1: Double
}

/// The matching of one document's gold and predicted mentions of one type.
struct TypeMatching {
  /// Pairs (gold index, predicted index) with identical spans, one-to-one.
  var strict: [(gold: Int, predicted: Int)] = []
  /// Pairs with overlapping spans, one-to-one, chosen greedily (see ``match``).
  var partial: [(gold: Int, predicted: Int)] = []

  /// Matches gold and predicted spans of one type in one document.
  ///
  /// **Strict**: identical `(start, end)`, each mention used at most once.
  /// **Partial**: pairs whose spans overlap (`g.start < p.end && p.start < g.end`) are
  /// taken greedily in this order: identical spans first, then larger overlap
  /// (`min(ends) − max(starts)`), then smaller gold start, smaller predicted start,
  /// smaller gold end, smaller predicted end, then gold and predicted list order; a pair
  /// is accepted when neither mention is already matched.
  static func match(gold: [AnnotatedEntity], predicted: [AnnotatedEntity]) -> TypeMatching {
    var result = TypeMatching()
    // Strict: per identical span, pair in list order.
    var predictedBySpan: [SpanKey: [Int]] = [:]
    for (index, entity) in predicted.enumerated() {
      predictedBySpan[SpanKey(start: entity.start, end: entity.end), default: []].append(index)
    }
    for (goldIndex, entity) in gold.enumerated() {
      let key = SpanKey(start: entity.start, end: entity.end)
      if var candidates = predictedBySpan[key], !candidates.isEmpty {
        result.strict.append((goldIndex, candidates.removeFirst()))
        predictedBySpan[key] = candidates
      }
    }
    // Partial: greedy over overlapping pairs.
    var pairs: [(gold: Int, predicted: Int, exact: Bool, overlap: Int)] = []
    for (goldIndex, g) in gold.enumerated() {
      for (predictedIndex, p) in predicted.enumerated() where g.start < p.end && p.start < g.end {
        let overlap = min(g.end, p.end) - max(g.start, p.start)
        pairs.append((goldIndex, predictedIndex, g.start == p.start && g.end == p.end, overlap))
      }
    }
    pairs.sort { a, b in
      if a.exact != b.exact { return a.exact }
      if a.overlap != b.overlap { return a.overlap > b.overlap }
      let ga = gold[a.gold], gb = gold[b.gold], pa = predicted[a.predicted], pb = predicted[b.predicted]
      if ga.start != gb.start { return ga.start < gb.start }
      if pa.start != pb.start { return pa.start < pb.start }
      if ga.end != gb.end { return ga.end < gb.end }
      if pa.end != pb.end { return pa.end < pb.end }
      if a.gold != b.gold { return a.gold < b.gold }
      return a.predicted < b.predicted
    }
    var goldUsed = Set<Int>()
    var predictedUsed = Set<Int>()
    for pair in pairs where !goldUsed.contains(pair.gold) && !predictedUsed.contains(pair.predicted) {
      goldUsed.insert(pair.gold)
      predictedUsed.insert(pair.predicted)
      result.partial.append((pair.gold, pair.predicted))
    }
    return result
  }

  private struct SpanKey: Hashable {
    var start: Int
    var end: Int
  }
}

/// Multiset intersection counts of two lists: TP = shared items, FP and FN the rest.
func multisetCounts<T: Hashable>(gold: [T], predicted: [T]) -> Counts {
  var remaining: [T: Int] = [:]
  for item in gold { remaining[item, default: 0] += 1 }
  var truePositives = 0
  for item in predicted {
    if let count = remaining[item], count > 0 {
      remaining[item] = count - 1
      truePositives += 1
    }
  }
  return Counts(
    truePositives: truePositives, falsePositives: predicted.count - truePositives,
    falseNegatives: gold.count - truePositives)
}
