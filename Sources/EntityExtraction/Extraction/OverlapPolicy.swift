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
  /// - Parameters:
  ///   - mentions: The candidates.
  ///   - priorities: Per candidate, its recognizer's priority.
  ///   - orders: Per candidate, its recognizer's index among the extractor's.
  /// - Complexity: O(*m* log *m*) for *m* candidates.
  func resolve(_ mentions: [Entity], priorities: [Int], orders: [Int]) -> [Entity] {
    let count = mentions.count
    if count <= 1 { return mentions }
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
    // The sort keys in flat arrays: comparing mentions themselves would copy them (an
    // `Entity` is large, with a dozen references to retain and release).
    var starts = [Int](repeating: 0, count: count)
    var ends = [Int](repeating: 0, count: count)
    var groups = [Int](repeating: 0, count: count)
    for index in 0..<count {
      starts[index] = mentions[index].utf8Range.lowerBound
      ends[index] = mentions[index].utf8Range.upperBound
      groups[index] = group(of: mentions[index].label)
    }
    // Rank: longer, higher priority, earlier, earlier recognizer.
    let ranked = (0..<count).sorted { a, b in
      let lengthA = ends[a] - starts[a]
      let lengthB = ends[b] - starts[b]
      if lengthA != lengthB { return lengthA > lengthB }
      if priorities[a] != priorities[b] { return priorities[a] > priorities[b] }
      if starts[a] != starts[b] { return starts[a] < starts[b] }
      if orders[a] != orders[b] { return orders[a] < orders[b] }
      return a < b
    }
    // Every candidate boundary, sorted: mention ranges become ranges of elementary
    // segments, and each group marks the segments its accepted mentions cover.
    var unique = (starts + ends).sorted()
    var write = 0
    for bound in unique where write == 0 || unique[write - 1] != bound {
      unique[write] = bound
      write += 1
    }
    unique.removeSubrange(write...)
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
    survivors.reserveCapacity(count)
    for index in ranked {
      let group = groups[index]
      if group < 0 {
        let key = SpanKey(range: starts[index]..<ends[index], label: mentions[index].label)
        guard nested.insert(key).inserted else { continue }
      } else {
        let segments = segment(starts[index])..<segment(ends[index])
        if covered[group][segments].contains(true) { continue }
        for s in segments { covered[group][s] = true }
      }
      survivors.append(index)
    }
    survivors.sort { a, b in
      if starts[a] != starts[b] { return starts[a] < starts[b] }
      if ends[a] != ends[b] { return ends[a] > ends[b] }
      return mentions[a].label.rawValue < mentions[b].label.rawValue
    }
    return survivors.map { mentions[$0] }
  }

  private struct SpanKey: Hashable {
    var range: Range<Int>
    var label: EntityLabel
  }
}
