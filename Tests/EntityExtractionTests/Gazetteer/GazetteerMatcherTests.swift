import EntityExtraction
import Testing
import _EntityExtractionTestSupport

@Suite struct GazetteerMatcherTests {
  typealias Found = MatcherFixture.Found

  @Test func longestEntryWinsOverItsPrefix() throws {
    let fixture = try MatcherFixture(
      """
      Khyber\tplace\tx:khyber
      Khyber Pakhtunkhwa\tplace\tx:kp
      """)
    #expect(
      fixture.matches(in: "Clashes in Khyber Pakhtunkhwa spread to the Khyber Pass.") == [
        Found(text: "Khyber Pakhtunkhwa", ids: ["x:kp"]), Found(text: "Khyber", ids: ["x:khyber"]),
      ])
  }

  @Test func fallsBackToTheLongestCompleteSurface() throws {
    let fixture = try MatcherFixture(
      """
      New York\tplace\tx:ny
      New York City Council\torganization\tx:nycc
      """)
    #expect(fixture.matches(in: "New York City Hall") == [Found(text: "New York", ids: ["x:ny"])])
    #expect(
      fixture.matches(in: "New York City Council") == [
        Found(text: "New York City Council", ids: ["x:nycc"])
      ])
    #expect(fixture.matches(in: "New") == [])
  }

  @Test func leftmostMatchBeatsALongerOneStartingLater() throws {
    let fixture = try MatcherFixture(
      """
      Lakki Marwat\tplace\tx:lakki
      Marwat District Police Office\torganization\tx:dpo
      """)
    #expect(
      fixture.matches(in: "Lakki Marwat District Police Office")
        == [Found(text: "Lakki Marwat", ids: ["x:lakki"])])
  }

  @Test func reportsAdjacentMatches() throws {
    let fixture = try MatcherFixture(
      """
      Kabul\tplace\tx:kabul
      Kandahar\tplace\tx:kandahar
      Herat\tplace\tx:herat
      """)
    #expect(
      fixture.matches(in: "Kabul Kandahar Herat") == [
        Found(text: "Kabul", ids: ["x:kabul"]), Found(text: "Kandahar", ids: ["x:kandahar"]),
        Found(text: "Herat", ids: ["x:herat"]),
      ])
    #expect(fixture.matches(in: "KabulKandahar") == [])  // one token, not two names
  }

  @Test func allMatchKindReportsNestedMatches() throws {
    let fixture = try MatcherFixture(
      """
      Lakki Marwat\tplace\tx:lakki
      Lakki Marwat District\tplace\tx:district
      Marwat\tperson\tx:marwat
      """)
    let text = "in Lakki Marwat District today"
    #expect(
      fixture.matches(in: text, kind: .all) == [
        Found(text: "Lakki Marwat", ids: ["x:lakki"]),
        Found(text: "Lakki Marwat District", ids: ["x:district"]),
        Found(text: "Marwat", ids: ["x:marwat"]),
      ])
    #expect(
      fixture.matches(in: text) == [Found(text: "Lakki Marwat District", ids: ["x:district"])])
  }

  @Test func caseSensitiveSurfaceMatchesOnlyItsExactSpelling() throws {
    let fixture = try MatcherFixture("United States\tplace\tx:us\t=US|=U.S.")
    #expect(fixture.matches(in: "US troops") == [Found(text: "US", ids: ["x:us"])])
    #expect(fixture.matches(in: "U.S. troops") == [Found(text: "U.S.", ids: ["x:us"])])
    #expect(fixture.matches(in: "let us go") == [])
    #expect(fixture.matches(in: "Us and them") == [])
    #expect(fixture.matches(in: "u.s. troops") == [])
    #expect(fixture.matches(in: "UNITED STATES") == [Found(text: "UNITED STATES", ids: ["x:us"])])
  }

  @Test func caseSensitivityIsPerSurface() throws {
    let fixture = try MatcherFixture(
      """
      United States\tplace\tx:us\t=US
      us\torganization\tx:pronoun
      """)
    #expect(fixture.matches(in: "US") == [Found(text: "US", ids: ["x:us", "x:pronoun"])])
    #expect(fixture.matches(in: "us") == [Found(text: "us", ids: ["x:pronoun"])])
  }

  @Test func caseSensitiveLongerSurfaceFallsBackToAShorterOne() throws {
    let fixture = try MatcherFixture(
      """
      Pakistan\tplace\tx:pk
      =Pakistan TV\torganization\tx:ptv
      """)
    #expect(fixture.matches(in: "Pakistan tv") == [Found(text: "Pakistan", ids: ["x:pk"])])
    #expect(fixture.matches(in: "Pakistan TV") == [Found(text: "Pakistan TV", ids: ["x:ptv"])])
  }

  @Test func matchesAcrossFoldedSpellings() throws {
    let fixture = try MatcherFixture("Khyber-Pakhtunkhwa\tplace\tx:kp\tDera Ismāʼīl Khān")
    for text in [
      "Khyber-Pakhtunkhwa", "Khyber‑Pakhtunkhwa", "Khyber–Pakhtunkhwa", "KHYBER-PAKHTUNKHWA",
      "khyber-pakhtunkhwa", "Dera Isma'il Khan", "Dera Isma\u{0304}ʼi\u{0304}l Kha\u{0304}n",
      "DERA ISMĀ’ĪL KHĀN",
    ] {
      #expect(fixture.matches(in: text).map(\.ids) == [["x:kp"]], "\(text)")
    }
    #expect(fixture.matches(in: "Khyber Pakhtunkhwa") == [])  // the hyphen is a token
  }

  @Test func stopEntrySuppressesTheMatch() throws {
    let fixture = try MatcherFixture(
      """
      Georgia\tplace\tx:ge
      Georgia Tech\tstop\tstop:gt
      Chad\tplace\tx:td
      Chad\tstop\tstop:chad
      Jordan\tstop\tstop:jordan
      Jordan Valley\tplace\tx:jv
      """)
    #expect(
      fixture.matches(in: "Georgia Tech beat Georgia State")
        == [Found(text: "Georgia", ids: ["x:ge"])])
    #expect(fixture.matches(in: "Chad voted") == [])
    #expect(
      fixture.matches(in: "Jordan Valley farms") == [Found(text: "Jordan Valley", ids: ["x:jv"])])
    #expect(fixture.matches(in: "Jordan said") == [])
  }

  @Test func ambiguousNameReportsEveryEntryInLoadOrder() throws {
    let fixture = try MatcherFixture(
      """
      Hyderabad\tplace\tx:sindh\t-\tcountry=PK
      Hyderabad\tplace\tx:telangana\t-\tcountry=IN
      Hyderabad Deccan\tplace\tx:deccan\tHyderabad
      """)
    #expect(
      fixture.matches(in: "Hyderabad") == [
        Found(text: "Hyderabad", ids: ["x:sindh", "x:telangana", "x:deccan"])
      ])
  }

  @Test func entryWithTwoSurfacesThatFoldAlikeIsReportedOnce() throws {
    let fixture = try MatcherFixture("Kandahār\tplace\tx:kan\tKandahar|KANDAHAR")
    #expect(fixture.matches(in: "Kandahar") == [Found(text: "Kandahar", ids: ["x:kan"])])
  }

  @Test func findsNothingInEmptyOrUnknownText() throws {
    let fixture = try MatcherFixture("Kabul\tplace\tx:kabul")
    #expect(fixture.matches(in: "") == [])
    #expect(fixture.matches(in: "   \n") == [])
    #expect(fixture.matches(in: "Nothing to see here.") == [])
  }

  @Test func matchesTokenRangesAndEntryIndices() throws {
    let fixture = try MatcherFixture(
      """
      Kabul\tplace\tx:kabul
      Khyber Pakhtunkhwa\tplace\tx:kp
      """)
    let document = fixture.document("From Kabul to Khyber Pakhtunkhwa.")
    #expect(
      fixture.matcher.matches(in: document) == [
        GazetteerMatch(tokenRange: 1..<2, entryIndices: [0]),
        GazetteerMatch(tokenRange: 3..<5, entryIndices: [1]),
      ])
  }

  @Test func manySurfacesStayFindable() throws {
    // Enough two-token surfaces to grow the trie's edge table several times.
    let count = 3000
    let source = (0..<count).map { "Town\($0) District\tplace\tx:\($0)" }.joined(separator: "\n")
    let fixture = try MatcherFixture(source)
    let text = (0..<count).map { "Town\($0) District" }.joined(separator: ", ")
    let found = fixture.matches(in: text)
    #expect(found.count == count)
    #expect(found.map(\.ids) == (0..<count).map { ["x:\($0)"] })
  }

  // MARK: Merging layers

  @Test func laterLayerReplacesTheSameTypeAndIDInPlace() throws {
    let bundled = try Gazetteer(
      parsing: "Kabul\tplace\tx:1\nHerat\tplace\tx:2\nKabul\tperson\tx:1\n",
      sourceName: "bundled.tsv")
    let user = try Gazetteer(
      parsing: "Quetta\tplace\tx:3\nKābul\tplace\tx:1\tKabol\n", sourceName: "user.tsv")
    let merged = try GazetteerMatcher.merging([[bundled], [user]])
    #expect(merged.map(\.name) == ["Kābul", "Herat", "Kabul", "Quetta"])
    #expect(merged.map(\.sourceName) == ["user.tsv", "bundled.tsv", "bundled.tsv", "user.tsv"])
    #expect(merged[0].surfaces.map(\.text) == ["Kābul", "Kabol"])
  }

  @Test func duplicateWithinALayerThrowsWithBothLocations() throws {
    let first = try Gazetteer(parsing: "# header\nKabul\tplace\tx:1\n", sourceName: "a.tsv")
    let second = try Gazetteer(parsing: "Kaboul\tplace\tx:1\n", sourceName: "b.tsv")
    let error = #expect(throws: GazetteerError.self) {
      try GazetteerMatcher.merging([[first, second]])
    }
    #expect(error?.kind == .duplicateEntry(firstSource: "a.tsv", firstLine: 2))
    #expect(error?.description == "b.tsv:1: duplicate of a.tsv:2")
    // In separate layers, the same pair is a replacement, not an error.
    #expect(try GazetteerMatcher.merging([[first], [second]]).map(\.name) == ["Kaboul"])
  }

  @Test func extractorRejectsDuplicatesAmongItsGazetteers() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteers = [
      try Gazetteer(parsing: "Kabul\tplace\tx:1", sourceName: "a.tsv"),
      try Gazetteer(parsing: "Herat\tplace\tx:2\nKaboul\tplace\tx:1", sourceName: "b.tsv"),
    ]
    let error = #expect(throws: GazetteerError.self) {
      try EntityExtractor(configuration: configuration)
    }
    #expect(error?.description == "b.tsv:2: duplicate of a.tsv:1")
  }

  // MARK: Against a naive oracle

  /// A leftmost-longest (or all-matches) matcher over folded token strings: slow, obvious.
  static func naiveMatches(
    surfaces: [(tokens: [String], entry: Int)], text: [String], kind: GazetteerMatchKind
  ) -> [GazetteerMatch] {
    var found: [GazetteerMatch] = []
    var start = 0
    while start < text.count {
      var byLength: [Int: Set<Int>] = [:]
      for surface in surfaces
      where start + surface.tokens.count <= text.count
        && Array(text[start..<start + surface.tokens.count]) == surface.tokens
      {
        byLength[surface.tokens.count, default: []].insert(surface.entry)
      }
      switch kind {
      case .all:
        for length in byLength.keys.sorted() {
          found.append(
            GazetteerMatch(
              tokenRange: start..<start + length, entryIndices: byLength[length]!.sorted()))
        }
        start += 1
      case .leftmostLongest:
        if let length = byLength.keys.max() {
          found.append(
            GazetteerMatch(
              tokenRange: start..<start + length, entryIndices: byLength[length]!.sorted()))
          start += length
        } else {
          start += 1
        }
      }
    }
    return found
  }

  @Test(arguments: [GazetteerMatchKind.leftmostLongest, .all])
  func agreesWithANaiveMatcherOnRandomInput(_ kind: GazetteerMatchKind) throws {
    var random = SplitMix64(seed: 0x5EED)
    let words = SplitMix64.placeWords
    func spell(_ word: String) -> String { random.randomCase(word) }
    for round in 0..<60 {
      var lines: [String] = []
      var surfaces: [(tokens: [String], entry: Int)] = []
      for entry in 0..<Int(5 + random.next() % 20) {
        var entrySurfaces: [[String]] = []
        for _ in 0..<Int(1 + random.next() % 2) {
          entrySurfaces.append(
            (0..<Int(1 + random.next() % 3)).map { _ in words[Int(random.next() % 6)] })
        }
        for surface in entrySurfaces { surfaces.append((surface, entry)) }
        let written = entrySurfaces.map { $0.map(spell).joined(separator: " ") }
        lines.append(
          "\(written[0])\tplace\tx:\(entry)\t\(written.dropFirst().joined(separator: "|"))")
      }
      let fixture = try MatcherFixture(lines.joined(separator: "\n"))
      let textWords = (0..<40).map { _ in words[Int(random.next() % 6)] }
      let document = fixture.document(textWords.map(spell).joined(separator: " "))
      let expected = Self.naiveMatches(surfaces: surfaces, text: textWords, kind: kind)
      #expect(
        fixture.matcher.matches(in: document, kind: kind) == expected,
        "round \(round)")
    }
  }
}
