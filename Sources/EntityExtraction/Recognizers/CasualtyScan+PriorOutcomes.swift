/// One count, two outcomes: a freed count's earlier fate ("freed the four engineers who
/// had been held").
extension CasualtyScan {
  /// A freed count's earlier fate, told in a relative clause or a participle right after
  /// it: "freed the four engineers who had been held since May" (kidnapped), "rescued 12
  /// hostages abducted last month" (kidnapped), "released 30 men who were detained"
  /// (arrested). "held" after a rescue is captivity, so kidnapped.
  mutating func resolvePriorOutcomes() {
    for index in phrases.indices
    where phrases[index].outcome == .rescued && !phrases[index].isInner
      && !phrases[index].isPartitive
    {
      // A partitive's clause is its whole's ("rescued eight of the 16 miners kidnapped…"),
      // counted by the inner count.
      var token = phrases[index].end
      let isRelative = wordClass(token) == .relative
      if isRelative { token += 1 }
      var sawAuxiliary = false
      var steps = 0
      while steps < 4, wordClass(token) == .auxiliary || wordClass(token) == .adverb {
        sawAuxiliary = sawAuxiliary || wordClass(token) == .auxiliary
        token += 1
        steps += 1
      }
      guard isRelative == sawAuxiliary, let found = match(startingAt: token),
        meaning(found).kind == .trigger
      else { continue }
      let meaning = meaning(found)
      guard meaning.role == .participle || meaning.role == .passive,
        meaning.role == .participle || sawAuxiliary
      else { continue }
      switch meaning.outcome {
      case .kidnapped?:
        phrases[index].priorOutcome = .kidnapped
      case .arrested?:
        phrases[index].priorOutcome = meaning.role == .passive ? .kidnapped : .arrested
      default:
        continue
      }
    }
  }
}
