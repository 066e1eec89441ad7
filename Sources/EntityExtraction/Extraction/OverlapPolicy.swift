/// How ``EntityExtractor`` settles mentions that overlap.
///
/// Labels are put in *groups*. Overlapping mentions whose labels are in the same group
/// compete, and at most one of any overlapping set survives: the **longer** span (in
/// UTF-8 bytes) wins; at equal length, the mention from the recognizer with the higher
/// **priority**; then the **earlier** start; then the recognizer listed first. Mentions
/// in different groups never compete, so a casualty count may contain a nationality
/// ("five [Chinese] engineers"). Labels in ``nestingLabels`` keep all their mentions,
/// even overlapping ones ("at least eight of [the 16 miners]"). Identical mentions (same
/// span and label, and for casualty counts the same outcome) are always reduced to one:
/// "freed the four engineers who had been held" keeps `four engineers` rescued and
/// `four engineers` kidnapped.
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

  /// Resolves candidate mentions in place: `mentions` is left holding the survivors,
  /// ordered by start, then longer first, then label.
  ///
  /// The survivors are moved to the front and the rest dropped, so no mention is copied:
  /// an `Entity` is large, and a copy retains a dozen references that releasing the
  /// candidates afterwards would release again.
  ///
  /// - Parameters:
  ///   - mentions: The candidates; on return, the survivors.
  ///   - priorities: Per candidate, its recognizer's priority.
  ///   - orders: Per candidate, its recognizer's index among the extractor's.
  /// - Complexity: O(*m* log *m*) for *m* candidates.
  func resolve(_ mentions: inout [Entity], priorities: [Int], orders: [Int]) {
    let count = mentions.count
    if count <= 1 { return }
    // Each distinct label once, with its competition group: -1 keeps all (nesting), others
    // compete within. Labels are few, so a linear list beats hashing each candidate's
    // label string.
    var seenLabels: [(label: EntityLabel, group: Int)] = []
    var groupCount = allLabelsCompete ? 1 : competingGroups.count
    // Candidates come in runs of one label (a recognizer's places, then its dates…), so
    // the previous candidate's label is tried first.
    var lastSlot = 0
    func slot(of label: EntityLabel) -> Int {
      if lastSlot < seenLabels.count && seenLabels[lastSlot].label == label { return lastSlot }
      if let known = seenLabels.firstIndex(where: { $0.label == label }) {
        lastSlot = known
        return known
      }
      let group: Int
      if allLabelsCompete {
        group = 0
      } else if nestingLabels.contains(label) {
        group = -1
      } else if let index = competingGroups.firstIndex(where: { $0.contains(label) }) {
        group = index
      } else {
        group = groupCount
        groupCount += 1
      }
      seenLabels.append((label, group))
      lastSlot = seenLabels.count - 1
      return lastSlot
    }
    // The sort keys in flat arrays: comparing mentions themselves would copy them (an
    // `Entity` is large, with a dozen references to retain and release).
    var starts = [Int](repeating: 0, count: count)
    var ends = [Int](repeating: 0, count: count)
    var labelSlots = [Int](repeating: 0, count: count)
    for index in 0..<count {
      starts[index] = mentions[index].utf8Range.lowerBound
      ends[index] = mentions[index].utf8Range.upperBound
      labelSlots[index] = slot(of: mentions[index].label)
    }
    // Output order: start, then longer first, then label. Labels are ranked once by their
    // raw value, so sorting compares integers, not strings.
    let slotsByName = seenLabels.indices.sorted { seenLabels[$0].label.rawValue < seenLabels[$1].label.rawValue }
    var rankOfSlot = [Int](repeating: 0, count: seenLabels.count)
    for (rank, slot) in slotsByName.enumerated() { rankOfSlot[slot] = rank }
    let groups = labelSlots.map { seenLabels[$0].group }
    // A casualty count's outcome ranks within its label, so that one span may be counted
    // under two outcomes.
    var labelRanks = labelSlots.map { rankOfSlot[$0] * Self.variantsPerLabel }
    for index in 0..<count {
      if let outcome = mentions[index].casualty?.outcome {
        labelRanks[index] += Self.variant(of: outcome)
      }
    }
    var survivors: [Int]
    if let all = Self.allSurvive(starts: starts, ends: ends, groups: groups, labelRanks: labelRanks) {
      survivors = all
    } else {
      survivors = Self.compete(
        starts: starts, ends: ends, groups: groups, priorities: priorities, orders: orders,
        groupCount: groupCount, labelRanks: labelRanks)
      survivors.sort { a, b in
        if starts[a] != starts[b] { return starts[a] < starts[b] }
        if ends[a] != ends[b] { return ends[a] > ends[b] }
        return labelRanks[a] < labelRanks[b]
      }
    }
    // Put survivor `k` at position `k`, then drop the rest. The non-survivors fill the
    // positions after the survivors, which makes the order a permutation of all positions;
    // it is applied cycle by cycle, each mention moved once (a swap moved it three times).
    var source = survivors
    if survivors.count < count {
      var isSurvivor = [Bool](repeating: false, count: count)
      for index in survivors { isSurvivor[index] = true }
      for index in 0..<count where !isSurvivor[index] { source.append(index) }
    }
    var placed = [Bool](repeating: false, count: count)
    mentions.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      for start in 0..<count where !placed[start] {
        placed[start] = true
        guard source[start] != start else { continue }
        // Moves, not copies: no retain, no release.
        let first = (base + start).move()
        var position = start
        while source[position] != start {
          (base + position).moveInitialize(from: base + source[position], count: 1)
          position = source[position]
          placed[position] = true
        }
        (base + position).initialize(to: first)
      }
    }
    mentions.removeSubrange(survivors.count...)
  }

  /// The candidates that survive competition, in rank order: each group accepts its
  /// candidates from the best ranked down, skipping any that meets one already accepted.
  private static func compete(
    starts: [Int], ends: [Int], groups: [Int], priorities: [Int], orders: [Int], groupCount: Int,
    labelRanks: [Int]
  ) -> [Int] {
    let count = starts.count
    // Rank: longer, higher priority, earlier, earlier recognizer.
    // (The candidate's index last makes it a total order.) Sorted as tuples of the keys,
    // `~` reversing an order, rather than by a closure reading four arrays per comparison.
    var ranks: [(Int, Int, Int, Int, Int)] = []
    ranks.reserveCapacity(count)
    for index in 0..<count {
      ranks.append((~(ends[index] - starts[index]), ~priorities[index], starts[index], orders[index], index))
    }
    ranks.sort(by: <)
    // Each group marks, in a bitmap, the positions its accepted mentions cover; a mention
    // competes with the accepted ones exactly when its positions meet a marked one.
    // Positions are byte offsets from the lowest start when that bitmap is no larger than
    // the candidates (a news document has one every few dozen bytes): then no boundary is
    // sorted or searched. Otherwise they are the elementary segments between the sorted
    // candidate boundaries, which two spans share exactly when they share a byte.
    var low = starts[0]
    var high = ends[0]
    for index in 1..<count {
      low = min(low, starts[index])
      high = max(high, ends[index])
    }
    let (extent, overflow) = high.subtractingReportingOverflow(low)
    let byByte = !overflow && extent / 64 < 2 * count + 64
    var unique: [Int] = []
    if !byByte {
      unique = starts
      unique.append(contentsOf: ends)
      unique.sort()
      var write = 0
      for bound in unique where write == 0 || unique[write - 1] != bound {
        unique[write] = bound
        write += 1
      }
      unique.removeSubrange(write...)
    }
    func position(_ offset: Int) -> Int {
      if byByte { return offset - low }
      var lower = 0
      var upper = unique.count
      while lower < upper {
        let mid = (lower + upper) / 2
        if unique[mid] < offset { lower = mid + 1 } else { upper = mid }
      }
      return lower
    }
    let wordsPerGroup = (byByte ? extent : unique.count) / 64 + 1
    var covered = [UInt64](repeating: 0, count: wordsPerGroup * max(groupCount, 1))
    var nested = Set<SpanKey>()
    var survivors: [Int] = []
    survivors.reserveCapacity(count)
    for rank in ranks {
      let index = rank.4
      let group = groups[index]
      if group < 0 {
        let key = SpanKey(range: starts[index]..<ends[index], labelRank: labelRanks[index])
        guard nested.insert(key).inserted else { continue }
      } else {
        let lower = position(starts[index])
        let upper = position(ends[index])
        if lower < upper {
          let base = group * wordsPerGroup
          let words = (lower >> 6)...((upper - 1) >> 6)
          var isFree = true
          for word in words where covered[base + word] & Self.bits(of: word, lower, upper) != 0 {
            isFree = false
            break
          }
          guard isFree else { continue }
          for word in words { covered[base + word] |= Self.bits(of: word, lower, upper) }
        }
      }
      survivors.append(index)
    }
    return survivors
  }

  /// The candidates in output order when none competes: no two in one group overlap, no
  /// span is empty and no two are identical. Then every candidate survives, and the
  /// ranking and coverage bitmaps of ``compete`` would only confirm it; most documents
  /// are like this (a recognizer rarely offers overlapping spans). `nil` otherwise.
  ///
  /// The order is the one `resolve` sorts survivors into, which is total here since no
  /// two candidates share start, end and label.
  private static func allSurvive(starts: [Int], ends: [Int], groups: [Int], labelRanks: [Int]) -> [Int]? {
    let count = starts.count
    var keys: [(Int, Int, Int, Int)] = []
    keys.reserveCapacity(count)
    for index in 0..<count {
      if starts[index] >= ends[index] { return nil }
      keys.append((starts[index], ~ends[index], labelRanks[index], index))
    }
    keys.sort(by: <)
    // Scanning by start, a candidate overlaps an earlier one of its group exactly when it
    // starts before the furthest end seen in that group.
    var furthestEnds: [(group: Int, end: Int)] = []
    var previous = keys[0]
    for (position, key) in keys.enumerated() {
      if position > 0 && key.0 == previous.0 && key.1 == previous.1 && key.2 == previous.2 { return nil }
      previous = key
      let group = groups[key.3]
      if group < 0 { continue }
      if let slot = furthestEnds.firstIndex(where: { $0.group == group }) {
        if key.0 < furthestEnds[slot].end { return nil }
        furthestEnds[slot].end = max(furthestEnds[slot].end, ends[key.3])
      } else {
        furthestEnds.append((group, ends[key.3]))
      }
    }
    return keys.map(\.3)
  }

  /// The bits of bitmap word `word` that positions `lower..<upper` (not empty) cover.
  @inline(__always)
  private static func bits(of word: Int, _ lower: Int, _ upper: Int) -> UInt64 {
    var bits = UInt64.max
    if word == lower >> 6 { bits &= UInt64.max &<< UInt64(lower & 63) }
    if word == (upper - 1) >> 6 { bits &= UInt64.max &>> UInt64(63 - ((upper - 1) & 63)) }
    return bits
  }

  /// A nesting mention's identity: its span, and its label's rank with its variant.
  private struct SpanKey: Hashable {
    var range: Range<Int>
    var labelRank: Int
  }

  /// Room in a label's rank for the variants of its mentions (the casualty outcomes).
  private static let variantsPerLabel = 16

  /// A casualty outcome's place among a label's variants: the seven outcomes in the order
  /// ``CasualtyOutcome`` lists them, then any other.
  private static func variant(of outcome: CasualtyOutcome) -> Int {
    switch outcome {
    case .killed: 0
    case .injured: 1
    case .casualties: 2
    case .kidnapped: 3
    case .missing: 4
    case .rescued: 5
    case .arrested: 6
    default: 7
    }
  }
}
