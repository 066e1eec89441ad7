import EntityExtraction
import Testing
import _EntityExtractionTestSupport

@Suite struct OverlapPolicyTests {
  static let text = String(repeating: "abcdefghij", count: 4)

  /// Runs one recognizer per list of mentions, in order, with the given priorities.
  static func resolve(
    _ mentions: [[Entity]], priorities: [Int]? = nil, policy: OverlapPolicy = .standard
  ) throws -> [String] {
    let recognizers = mentions.enumerated().map { index, list in
      FixedRecognizer(mentions: list, priority: priorities?[index] ?? 0)
    }
    return try extractor(running: recognizers, policy: policy).entities(in: text).map(describe)
  }

  static func mention(_ range: Range<Int>, _ label: EntityLabel, _ source: String = "") -> Entity {
    Entity(utf8Range: range, label: label, source: source)
  }

  static func describe(_ entity: Entity) -> String {
    "\(entity.label)@\(entity.utf8Range.lowerBound)..<\(entity.utf8Range.upperBound)"
      + (entity.source.isEmpty ? "" : "/\(entity.source)")
  }

  @Test func longerMentionWins() throws {
    #expect(
      try Self.resolve([[Self.mention(0..<5, .place), Self.mention(3..<12, .organization)]])
        == ["organization@3..<12"])
  }

  @Test func atEqualLengthHigherPriorityWins() throws {
    #expect(
      try Self.resolve(
        [[Self.mention(0..<5, .place)], [Self.mention(2..<7, .organization)]], priorities: [0, 5])
        == ["organization@2..<7"])
    #expect(
      try Self.resolve(
        [[Self.mention(0..<5, .place)], [Self.mention(2..<7, .organization)]], priorities: [5, 0])
        == ["place@0..<5"])
  }

  @Test func lengthBeatsPriority() throws {
    #expect(
      try Self.resolve(
        [[Self.mention(0..<5, .place)], [Self.mention(2..<8, .organization)]], priorities: [9, 0])
        == ["organization@2..<8"])
  }

  @Test func atEqualLengthAndPriorityTheEarlierStartWins() throws {
    #expect(
      try Self.resolve([[Self.mention(2..<7, .organization)], [Self.mention(0..<5, .place)]])
        == ["place@0..<5"])
  }

  @Test func thenTheRecognizerListedFirstWins() throws {
    #expect(
      try Self.resolve([[Self.mention(0..<5, .organization)], [Self.mention(0..<5, .place)]])
        == ["organization@0..<5"])
    #expect(
      try Self.resolve([[Self.mention(0..<5, .place)], [Self.mention(0..<5, .organization)]])
        == ["place@0..<5"])
  }

  @Test func winnersAreChosenGreedilyByRank() throws {
    // The middle mention loses to the first; the last no longer overlaps anything kept.
    #expect(
      try Self.resolve([
        [
          Self.mention(0..<6, .place), Self.mention(4..<9, .place), Self.mention(8..<12, .place),
        ]
      ]) == ["place@0..<6", "place@8..<12"])
  }

  @Test func adjacentMentionsDoNotOverlap() throws {
    #expect(
      try Self.resolve([[Self.mention(5..<10, .place), Self.mention(0..<5, .organization)]])
        == ["organization@0..<5", "place@5..<10"])
  }

  @Test func differentGroupsCoexist() throws {
    let policy = OverlapPolicy(competingGroups: [[.place, .organization], [.date]])
    #expect(
      try Self.resolve(
        [
          [
            Self.mention(0..<5, .place), Self.mention(3..<9, .date),
            Self.mention(1..<4, .organization),
          ]
        ],
        policy: policy) == ["place@0..<5", "date@3..<9"])
  }

  @Test func labelInNoGroupCompetesOnlyWithItself() throws {
    #expect(
      try Self.resolve([
        [
          Self.mention(0..<5, .place), Self.mention(2..<6, "weapon"),
          Self.mention(3..<10, "weapon"),
        ]
      ]) == ["place@0..<5", "weapon@3..<10"])
  }

  @Test func nestingLabelsKeepOverlappingMentions() throws {
    #expect(
      try Self.resolve([
        [
          Self.mention(0..<15, .casualty), Self.mention(5..<20, .casualty),
          Self.mention(2..<4, .casualty), Self.mention(6..<13, .nationality),
        ]
      ]) == ["casualty@0..<15", "casualty@2..<4", "casualty@5..<20", "nationality@6..<13"])
  }

  @Test func identicalMentionsAreReducedToOne() throws {
    #expect(
      try Self.resolve([
        [Self.mention(0..<5, .place, "first")], [Self.mention(0..<5, .place, "second")],
      ]) == ["place@0..<5/first"])
    #expect(
      try Self.resolve([
        [Self.mention(0..<9, .casualty), Self.mention(0..<9, .casualty)],
        [Self.mention(0..<9, .casualty)],
      ]) == ["casualty@0..<9"])
  }

  @Test func sameSpanWithDifferentLabelsInDifferentGroupsIsKept() throws {
    #expect(
      try Self.resolve([[Self.mention(0..<5, .place), Self.mention(0..<5, .casualty)]])
        == ["casualty@0..<5", "place@0..<5"])
  }

  @Test func disjointPolicyNeverOverlaps() throws {
    #expect(
      try Self.resolve(
        [
          [
            Self.mention(0..<10, .casualty), Self.mention(5..<12, .nationality),
            Self.mention(12..<15, "weapon"), Self.mention(14..<20, .casualty),
            Self.mention(16..<18, .casualty),
          ]
        ], policy: .disjoint) == ["casualty@0..<10", "casualty@14..<20"])
  }

  @Test func ordersByStartThenLongerFirstThenLabel() throws {
    #expect(
      try Self.resolve([
        [
          Self.mention(10..<12, .casualty), Self.mention(0..<3, .casualty),
          Self.mention(0..<8, .casualty), Self.mention(0..<8, "weapon"), Self.mention(0..<8, .date),
        ]
      ]) == [
        "casualty@0..<8", "date@0..<8", "weapon@0..<8", "casualty@0..<3", "casualty@10..<12",
      ])
  }

  @Test func labelFilterAppliesBeforeResolution() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.labels = [.place]
    configuration.additionalRecognizers = [
      FixedRecognizer(mentions: [Self.mention(0..<5, .place), Self.mention(0..<9, .organization)])
    ]
    let extractor = try EntityExtractor(configuration: configuration)
    #expect(extractor.entities(in: Self.text).map(Self.describe) == ["place@0..<5"])
  }

  /// A custom recognizer that replaces its argument instead of appending to it.
  struct ClobberingRecognizer: Recognizer {
    var labels: Set<EntityLabel> { ["weapon"] }
    func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
      mentions = [Entity(utf8Range: 0..<3, label: "weapon")]
    }
  }

  @Test func aCustomRecognizerCannotRemoveTheBuiltInRecognizersMentions() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteerDirectories = [Fixtures.repositoryRoot + "/Gazetteers/dates"]
    configuration.additionalRecognizers = [ClobberingRecognizer()]
    let extractor = try EntityExtractor(configuration: configuration)
    let found = extractor.entities(in: "AK-47s were seized on 26 March 2024.").map(Self.describe)
    #expect(found == ["weapon@0..<3", "date@22..<35/rule:date"])
  }

  @Test func standardPolicyGroupsNamesWithDatesAndNestsCasualties() {
    let standard = OverlapPolicy.standard
    #expect(standard.competingGroups == [[.place, .organization, .person, .nationality, .date]])
    #expect(standard.nestingLabels == [.casualty])
    #expect(!standard.allLabelsCompete)
    #expect(OverlapPolicy.disjoint.allLabelsCompete)
  }

  // MARK: Against a naive oracle

  /// The documented policy, written the slow and obvious way.
  static func naiveResolve(
    _ candidates: [(entity: Entity, priority: Int, order: Int)], policy: OverlapPolicy
  ) -> [Entity] {
    let ranked = candidates.indices.sorted { a, b in
      let (l, r) = (candidates[a], candidates[b])
      let keyL = (-l.entity.utf8Range.count, -l.priority, l.entity.utf8Range.lowerBound, l.order, a)
      let keyR = (-r.entity.utf8Range.count, -r.priority, r.entity.utf8Range.lowerBound, r.order, b)
      return keyL < keyR
    }
    func competes(_ x: EntityLabel, _ y: EntityLabel) -> Bool {
      if policy.allLabelsCompete { return true }
      if policy.nestingLabels.contains(x) || policy.nestingLabels.contains(y) { return false }
      if x == y { return true }
      return policy.competingGroups.contains { $0.contains(x) && $0.contains(y) }
    }
    var kept: [Entity] = []
    for index in ranked {
      let entity = candidates[index].entity
      if kept.contains(where: { $0.utf8Range == entity.utf8Range && $0.label == entity.label }) {
        continue
      }
      if kept.contains(where: {
        competes($0.label, entity.label) && $0.utf8Range.overlaps(entity.utf8Range)
      }) {
        continue
      }
      kept.append(entity)
    }
    return kept.sorted {
      ($0.utf8Range.lowerBound, -$0.utf8Range.upperBound, $0.label.rawValue)
        < ($1.utf8Range.lowerBound, -$1.utf8Range.upperBound, $1.label.rawValue)
    }
  }

  @Test(arguments: [
    OverlapPolicy.standard, .disjoint, OverlapPolicy(competingGroups: [[.place, .date]]),
  ])
  func agreesWithANaiveResolverOnRandomMentions(_ policy: OverlapPolicy) throws {
    var random = SplitMix64(seed: 42)
    let labels: [EntityLabel] = [.place, .organization, .date, .casualty, .nationality, "weapon"]
    let priorities = [0, 2, 2]
    for round in 0..<25 {
      var lists: [[Entity]] = [[], [], []]
      for _ in 0..<Int(20 + random.next() % 120) {
        let start = Int(random.next() % 300)
        let length = Int(1 + random.next() % 12)
        let label = labels[Int(random.next() % UInt64(labels.count))]
        lists[Int(random.next() % 3)].append(
          Entity(utf8Range: start..<start + length, label: label, source: "r\(round)"))
      }
      var candidates: [(entity: Entity, priority: Int, order: Int)] = []
      for (index, list) in lists.enumerated() {
        // Order 0 is the extractor's (empty) gazetteer recognizer.
        candidates += list.map { ($0, priorities[index], index + 1) }
      }
      let recognizers = lists.enumerated().map {
        FixedRecognizer(mentions: $1, priority: priorities[$0])
      }
      let found = try extractor(running: recognizers, policy: policy).entities(in: "")
      #expect(found == Self.naiveResolve(candidates, policy: policy), "round \(round)")
    }
  }
}
