/// How ``EntityExtractor`` settles mentions that overlap.
///
/// Labels are put in *groups*. Overlapping mentions whose labels are in the same group
/// compete, and at most one of any overlapping set survives: the **longer** span (in
/// UTF-8 bytes) wins; at equal length, the mention from the recognizer with the higher
/// **priority**; then the **earlier** start; then the recognizer listed first. Mentions
/// in different groups never compete, so a casualty count may contain a nationality
/// ("five [Chinese] engineers"). Labels in ``nestingLabels`` keep all their mentions,
/// even overlapping ones ("at least eight of [the 16 miners]"). Identical mentions (same
/// span and label) are always reduced to one.
///
/// The standard policy groups the name types with dates, so "Sunday Times" (an
/// organization) beats "Sunday" (a date), and lets casualty counts nest.
public struct OverlapPolicy: Sendable {
  /// Groups of labels whose overlapping mentions compete. A label in no group competes
  /// only with mentions of its own label.
  public var competingGroups: [Set<EntityLabel>]
  /// Labels whose mentions are all kept, overlapping or not.
  public var nestingLabels: Set<EntityLabel>
  /// When `true`, all labels form one group and the output never overlaps;
  /// `competingGroups` and `nestingLabels` are then ignored.
  public var allLabelsCompete: Bool

  /// Creates a policy.
  public init(
    competingGroups: [Set<EntityLabel>], nestingLabels: Set<EntityLabel> = [],
    allLabelsCompete: Bool = false
  ) {
    self.competingGroups = competingGroups
    self.nestingLabels = nestingLabels
    self.allLabelsCompete = allLabelsCompete
  }

  /// Names and dates compete; casualty counts nest.
  public static let standard = OverlapPolicy(
    competingGroups: [[.place, .organization, .person, .nationality, .date]],
    nestingLabels: [.casualty])

  /// Every mention competes with every other: the output never overlaps.
  public static let disjoint = OverlapPolicy(competingGroups: [], allLabelsCompete: true)

  /// Resolves candidate mentions and returns the survivors ordered by start, then
  /// longer first, then label.
  ///
  /// - Parameter candidates: Mentions with the priority and index of their recognizer.
  /// - Complexity: O(*m* log *m*) for *m* candidates.
  func resolve(_ candidates: [(entity: Entity, priority: Int, order: Int)]) -> [Entity] {
    if candidates.count <= 1 { return candidates.map(\.entity) }
    // Competition group of each candidate: -1 keeps all (nesting), others compete within.
    // Labels are few, so a linear list beats hashing each candidate's label string.
    var labelGroups: [(label: EntityLabel, group: Int)] = []
    var groupCount = competingGroups.count
    func group(of label: EntityLabel) -> Int {
      if allLabelsCompete { return 0 }
      if let known = labelGroups.first(where: { $0.label == label }) { return known.group }
      let group: Int
      if nestingLabels.contains(label) {
        group = -1
      } else if let index = competingGroups.firstIndex(where: { $0.contains(label) }) {
        group = index
      } else {
        group = groupCount
        groupCount += 1
      }
      labelGroups.append((label, group))
      return group
    }
    var groups = [Int](repeating: 0, count: candidates.count)
    for (index, candidate) in candidates.enumerated() {
      groups[index] = group(of: candidate.entity.label)
    }
    // Rank: longer, higher priority, earlier, earlier recognizer.
    let ranked = candidates.indices.sorted { a, b in
      let left = candidates[a]
      let right = candidates[b]
      if left.entity.utf8Range.count != right.entity.utf8Range.count {
        return left.entity.utf8Range.count > right.entity.utf8Range.count
      }
      if left.priority != right.priority { return left.priority > right.priority }
      if left.entity.utf8Range.lowerBound != right.entity.utf8Range.lowerBound {
        return left.entity.utf8Range.lowerBound < right.entity.utf8Range.lowerBound
      }
      if left.order != right.order { return left.order < right.order }
      return a < b
    }
    // Every candidate boundary, sorted: mention ranges become ranges of elementary
    // segments, and each group marks the segments its accepted mentions cover.
    var bounds: [Int] = []
    bounds.reserveCapacity(candidates.count * 2)
    for candidate in candidates {
      bounds.append(candidate.entity.utf8Range.lowerBound)
      bounds.append(candidate.entity.utf8Range.upperBound)
    }
    bounds.sort()
    var unique: [Int] = []
    unique.reserveCapacity(bounds.count)
    for bound in bounds where unique.last != bound { unique.append(bound) }
    func segment(_ offset: Int) -> Int {
      var low = 0
      var high = unique.count
      while low < high {
        let mid = (low + high) / 2
        if unique[mid] < offset { low = mid + 1 } else { high = mid }
      }
      return low
    }
    var covered = [[Bool]](
      repeating: [Bool](repeating: false, count: unique.count), count: max(groupCount, 1))
    var nested = Set<SpanKey>()
    var survivors: [Int] = []
    survivors.reserveCapacity(candidates.count)
    for index in ranked {
      let entity = candidates[index].entity
      let group = groups[index]
      if group < 0 {
        guard nested.insert(SpanKey(range: entity.utf8Range, label: entity.label)).inserted else { continue }
      } else {
        let segments = segment(entity.utf8Range.lowerBound)..<segment(entity.utf8Range.upperBound)
        if covered[group][segments].contains(true) { continue }
        for s in segments { covered[group][s] = true }
      }
      survivors.append(index)
    }
    // Sort indices, not mentions: an `Entity` is large and moving it costs.
    survivors.sort { a, b in
      let left = candidates[a].entity
      let right = candidates[b].entity
      if left.utf8Range.lowerBound != right.utf8Range.lowerBound {
        return left.utf8Range.lowerBound < right.utf8Range.lowerBound
      }
      if left.utf8Range.upperBound != right.utf8Range.upperBound {
        return left.utf8Range.upperBound > right.utf8Range.upperBound
      }
      return left.label.rawValue < right.label.rawValue
    }
    return survivors.map { candidates[$0].entity }
  }

  private struct SpanKey: Hashable {
    var range: Range<Int>
    var label: EntityLabel
  }
}
