import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The shortcuts of the place pipeline against the general paths they replace: the
/// matches an extractor finds once per document (`sharedMatches(in:)`) are those a
/// `.leftmostLongest` walk reports (but for matches no recognizer takes at a lower-case
/// word), the place recognizer says the same with and without them, and the place rules' byte test for designator words agrees with the `String` one.
@Suite struct SharedMatchesTests {
  /// What the recognizers' walk must find, from the public `.leftmostLongest` walk: from
  /// each start, the first match the walk reports in the rest of the document; a match
  /// whose first word starts lower-case, none of whose entries may be written so, is
  /// skipped and the walk starts again at its second word.
  static func walked(_ matcher: GazetteerMatcher, in document: TokenizedText) -> SharedGazetteerMatches {
    var found = SharedGazetteerMatches(matcher: ObjectIdentifier(matcher.identity))
    var start = 0
    while start < document.tokens.count {
      let rest = TokenizedText(
        text: document.text, tokens: Array(document.tokens[start...]), vocabulary: document.vocabulary)
      var first: (range: Range<Int>, entries: [Int], byAlias: [Bool])?
      matcher.forEachMatch(in: rest) { range, entries, byAlias in
        if first == nil { first = (range, Array(entries), Array(byAlias)) }
      }
      guard let first else { break }
      let range = (first.range.lowerBound + start)..<(first.range.upperBound + start)
      let shape = document.tokens[range.lowerBound].shape
      if shape.contains(.hasLower) && !shape.isCapitalized
        && !first.entries.contains(where: { matcher.store.facts[$0].flags.contains(.allowsLowercase) })
      {
        start = range.lowerBound + 1
        continue
      }
      found.ranges.append(range)
      found.entries.append(contentsOf: first.entries)
      found.byAlias.append(contentsOf: first.byAlias)
      found.bounds.append(found.entries.count)
      start = range.upperBound
    }
    return found
  }

  /// Expects `matcher`'s shared matches in `document` to be what the walk reports.
  static func expectSharedMatchesAgree(
    _ matcher: GazetteerMatcher, in document: TokenizedText, _ comment: Comment = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let walksItself = document.sharedMatches == nil
    #expect(walksItself, comment, sourceLocation: sourceLocation)
    let shared = matcher.sharedMatches(in: document)
    let expected = Self.walked(matcher, in: document)
    #expect(shared.matcher == expected.matcher, comment, sourceLocation: sourceLocation)
    #expect(shared.ranges == expected.ranges, comment, sourceLocation: sourceLocation)
    #expect(shared.bounds == expected.bounds, comment, sourceLocation: sourceLocation)
    #expect(shared.entries == expected.entries, comment, sourceLocation: sourceLocation)
    #expect(shared.byAlias == expected.byAlias, comment, sourceLocation: sourceLocation)
  }

  @Test func sharedMatchesAgreeWithTheWalkOnRandomGazetteers() throws {
    var random = SplitMix64(seed: 0x5AED)
    let words = SplitMix64.placeWords
    func spell(_ word: String) -> String { random.randomCase(word) }
    for round in 0..<60 {
      // Places and organizations, some names and aliases case-sensitive (`=`), surfaces
      // that may repeat within an entry, and stop entries that suppress a match.
      var lines: [String] = []
      for entry in 0..<Int(5 + random.next() % 20) {
        let type = random.next() % 6 == 0 ? "stop" : random.next() % 4 == 0 ? "organization" : "place"
        let surfaces = (0..<Int(1 + random.next() % 3)).map { _ -> String in
          let tokens = (0..<Int(1 + random.next() % 3)).map { _ in spell(words[Int(random.next() % 6)]) }
          let surface = tokens.joined(separator: " ")
          return random.next() % 5 == 0 ? "=" + surface : surface
        }
        lines.append(
          "\(surfaces[0])\t\(type)\tx:\(entry)\t\(surfaces.dropFirst().joined(separator: "|"))")
      }
      let fixture = try MatcherFixture(lines.joined(separator: "\n"))
      let text = (0..<40).map { _ in spell(words[Int(random.next() % 6)]) }.joined(separator: " ")
      Self.expectSharedMatchesAgree(fixture.matcher, in: fixture.document(text), "round \(round)")
    }
  }

  @Test func sharedMatchesAgreeWithTheWalkOnTheBundledGazetteers() throws {
    let extractor = try Fixtures.bundledExtractor.get()
    var news = _SyntheticNews(seed: 0xFACE)
    var texts = news.corpus(documents: 8, bytes: 4096)
    // Case-sensitive surfaces (PRC, Turkey), stop surfaces (Police, March, Of) and longer
    // names that contain them, designator words.
    texts.append(
      "The PRC and the prc, Turkey and turkey. Police said in March that the Ministry of"
        + " Interior in Quetta, Balochistan province, Kandahar city and Peshāwar district Of.")
    for (index, text) in texts.enumerated() {
      Self.expectSharedMatchesAgree(
        extractor.gazetteerMatcher, in: extractor.tokenize(text), "text \(index)")
    }
  }

  @Test func placeRecognizerSaysTheSameWithAndWithoutSharedMatches() throws {
    let extractor = try Fixtures.bundledExtractor.get()
    let recognizer = try #require(extractor.recognizers.first as? GazetteerRecognizer)
    var news = _SyntheticNews(seed: 0xBEEF)
    for (index, text) in news.corpus(documents: 8, bytes: 4096).enumerated() {
      var document = extractor.tokenize(text)
      var alone: [Entity] = []
      recognizer.recognize(document, into: &alone)
      document.sharedMatches = extractor.gazetteerMatcher.sharedMatches(in: document)
      var shared: [Entity] = []
      recognizer.recognize(document, into: &shared)
      #expect(!alone.isEmpty, "text \(index)")
      #expect(alone == shared, "text \(index)")
    }
  }

  @Test func designatorOfEachFoldedSpelling() {
    let expected: [(String, PlaceRules.Designator)] = [
      ("province", .subdivision), ("provinces", .subdivision), ("region", .subdivision),
      ("state", .subdivision), ("governorate", .subdivision), ("oblast", .subdivision),
      ("district", .district), ("districts", .district), ("tehsil", .district),
      ("city", .settlement), ("town", .settlement), ("village", .settlement),
      ("provinc", .none), ("provincess", .none), ("cities", .none), ("towns", .none),
      ("states", .none), ("regions", .none), ("k", .none), ("districts'", .none),
      ("city-state", .none), ("stateside", .none), ("oblasts", .none),
    ]
    var vocabulary = Vocabulary()
    for (word, designator) in expected {
      let id = vocabulary.insert(folded: word)
      #expect(
        vocabulary.withSpelling(ofRawID: id.rawValue, PlaceRules.designator(spelling:)) == designator,
        "\(word)")
    }
  }

  @Test func aLowerCaseStartNoEntryAllowsDoesNotHideTheNameAfterIt() throws {
    // "The Zarn" (a newspaper) is written capitalised: "the Zarn" in running text is not
    // it for any recognizer, and must not hide the range "Zarn Peaks" after "the".
    let fixture = try MatcherFixture("The Zarn\torganization\tx:paper\nZarn Peaks\tplace\tx:range")
    func ids(_ shared: SharedGazetteerMatches) -> [[String]] {
      shared.ranges.indices.map { match in
        shared.entries[shared.bounds[match]..<shared.bounds[match + 1]].map { fixture.matcher.entries[$0].id }
      }
    }
    let document = fixture.document("Snow fell on the Zarn Peaks overnight.")
    #expect(ids(fixture.matcher.sharedMatches(in: document)) == [["x:range"]])
    // The public walk folds case everywhere: it still reads "the Zarn".
    #expect(fixture.matcher.matches(in: document).map { $0.entryIndices.map { fixture.matcher.entries[$0].id } } == [["x:paper"]])
    // Written as the entry is, the newspaper is found.
    let paper = fixture.document("Snow fell, The Zarn said, on the Zarn Peaks.")
    #expect(ids(fixture.matcher.sharedMatches(in: paper)) == [["x:paper"], ["x:range"]])
  }

  @Test func theHinduKushIsAPlaceBesideTheNewspaperTheHindu() throws {
    let extractor = try Fixtures.bundledExtractor.get()
    let text = "Snow closed the passes of the Hindu Kush, The Hindu reported."
    let found = extractor.entities(in: text).map { entity in
      "\(String(decoding: Array(text.utf8)[entity.utf8Range], as: UTF8.self))/\(entity.label.rawValue)"
    }
    #expect(found == ["Hindu Kush/place", "The Hindu/organization"])
  }
}
