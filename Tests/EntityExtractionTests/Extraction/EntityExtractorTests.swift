import EntityExtraction
import Foundation
import Testing
import _EntityExtractionTestSupport

@Suite struct EntityExtractorTests {
  static func bundled() throws -> EntityExtractor { try Fixtures.bundledExtractor.get() }

  /// Compares what the bundled extractor finds with the marked mentions.
  static func expectBundled(
    _ marked: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let sample = try MarkedText(marked)
    let found = try bundled().entities(in: sample.text)
    #expect(
      sample.mentions(of: found) == sample.expectedMentions, sourceLocation: sourceLocation)
  }

  @Test(arguments: [
    "Floods swept through [Balochistan|place] and [Khyber Pakhtunkhwa|place] after rains that began in [Afghanistan|place], officials in [Pakistan|place] said.",
    "Rescue teams reached [Balochistan|place] province on [Tuesday|date].",
    "Fighting near [Kandahar|place] province and in [Kandahār|place] city.",
    "[U.S.|place]-[Pakistan|place] cooperation resumed.",
    "[KABUL|place], [AFGHANISTAN|place] – A blast shook the capital.",
    "FLOODS HIT [BALOCHISTAN|place], [PAKISTAN|place]",
    "Aid for “[Balochistan|place]” and ‘[Kandahār|place]’ was promised.",
    "Trucks left [Balochistan|place]\u{00A0}province for [Sindh|place].",
    "Line one in [Pakistan|place].\r\nLine two in [Afghanistan|place].\r\n",
    "Officials in the former [NWFP|place] and [Khyber‑Pakhtunkhwa|place] agreed.",
    "[US|place] troops withdrew; let us hope for peace.",
    "Rains in [Bal\u{00AD}ochistan|place] (with a soft hyphen).",
    "Nothing to find here, only words.",
    "",
  ])
  func findsBundledPlaces(_ marked: String) throws {
    try Self.expectBundled(marked)
  }

  @Test func provinceIsLeftOutOfTheSpan() throws {
    let text = "Gunmen attacked a bus in Balochistan province."
    let places = try Self.bundled().entities(in: text)
    #expect(places.map { String($0.substring(in: text)) } == ["Balochistan"])
    #expect(places.first?.entryID == "iso3166-2:PK-BA")
  }

  @Test func oldProvinceNameResolvesToKhyberPakhtunkhwa() throws {
    let text = "Troops were sent to NWFP in 2009."
    let entity = try #require(try Self.bundled().entities(in: text).first)
    #expect(entity.substring(in: text) == "NWFP")
    #expect(entity.entryID == "iso3166-2:PK-KP")
    #expect(entity.canonicalName == "Khyber Pakhtunkhwa")
    #expect(entity.place?.country == "PK")
  }

  @Test func upperCaseUSIsAPlaceButUsIsNot() throws {
    let extractor = try Self.bundled()
    #expect(extractor.entities(in: "The US said so.").map(\.entryID) == ["iso3166-1:US"])
    #expect(extractor.entities(in: "Let us say so.").isEmpty)
    #expect(extractor.entities(in: "Us and them.").isEmpty)
  }

  @Test func decomposedTextIsFoundWithScalarAlignedOffsets() throws {
    let text = "Shelling hit Kandaha\u{0304}r and Pesha\u{0304}war overnight."  // NFD
    let found = try Self.bundled().entities(in: text)
    let kandahar = try #require(found.first)
    #expect(
      kandahar.substring(in: text).unicodeScalars.elementsEqual("Kandaha\u{0304}r".unicodeScalars))
    // Kandahar alone is the city (ANNOTATION.md: "Kandahar province" is the province).
    #expect(kandahar.place?.country == "AF")
    let bytes = Array(text.utf8)
    for entity in found {
      #expect(isScalarBoundary(entity.utf8Range.lowerBound, in: bytes))
      #expect(isScalarBoundary(entity.utf8Range.upperBound, in: bytes))
    }
  }

  @Test(
    .bug(
      id: "possessive-names",
      "A possessive is one ICU token (\"Pakistan’s\"), so the name inside it is never matched; ANNOTATION.md's gold marks `Pakistan`"
    ),
    arguments: [
      "[Pakistan|place]’s army moved into [Balochistan|place].",
      "[Pakistan|place]'s army moved into [Afghanistan|place]'s east.",
      "[Khyber Pakhtunkhwa|place]’s police chief spoke.",
    ])
  func findsNamesInPossessives(_ marked: String) throws {
    try Self.expectBundled(marked)
  }

  @Test func skipsALeadingByteOrderMark() throws {
    try Self.expectBundled("\u{FEFF}[Pakistan|place] and [Afghanistan|place] agreed.")
  }

  @Test func placeMentionsCarryTheirResolvedPlace() throws {
    let text = "Pakistan"
    let entity = try #require(try Self.bundled().entities(in: text).first)
    #expect(entity.place?.id == "iso3166-1:PK")
    #expect(entity.place?.kind == "country")
    #expect(entity.source == "gazetteer:places/countries.tsv")
    #expect(entity.label == .place)
  }

  @Test func tokenizeUsesTheExtractorVocabulary() throws {
    let extractor = try Self.bundled()
    let date = try #require(CalendarDate(parsing: "2024-03-26"))
    let document = extractor.tokenize("Floods in Quetta", referenceDate: date)
    #expect(document.referenceDate == date)
    #expect(document.tokens.count == 3)
    #expect(document.foldedKey(ofToken: 2) == "quetta")
    #expect(extractor.entities(in: document) == extractor.entities(in: "Floods in Quetta"))
  }

  @Test func handlesPathologicalInput() throws {
    let extractor = try Self.bundled()
    for text in [
      "\u{0}", String(repeating: "a", count: 1 << 20), String(repeating: "ā", count: 1 << 18),
      String(repeating: "\u{0301}", count: 10_000), String(repeating: "🇵🇰", count: 1000),
      String(repeating: "-", count: 100_000),
      "Pakistan" + String(repeating: "\u{0304}", count: 5000),
    ] {
      let found = extractor.entities(in: text)
      #expect(found.allSatisfy { $0.utf8Range.upperBound <= text.utf8.count })
    }
  }

  /// Every surface of the bundled countries, nationalities and organizations, written
  /// alone, is found as one mention of its full length: the gazetteer and the text are
  /// segmented and folded the same way. (Other places need context or lose to a bigger
  /// namesake by design, see PlaceRules; SurfaceSegmenterTests covers their segmentation.)
  @Test func everyBundledSurfaceFindsItself() throws {
    let extractor = try Self.bundled()
    var missed: [String] = []
    let stopped = Set(
      extractor.gazetteerMatcher.entries.filter { $0.label == GazetteerEntry.stopLabel }
        .flatMap { $0.surfaces.map { FoldedKey.fold($0.text) } })
    for entry in extractor.gazetteerMatcher.entries
    where entry.label != GazetteerEntry.stopLabel
      && (entry.sourceName == "places/countries.tsv" || entry.sourceName.hasPrefix("nationalities/")
        || entry.sourceName.hasPrefix("organizations/"))
    {
      for surface in entry.surfaces {
        // Lower-case aliases of capitalised names are dropped by design; names that
        // start with an apostrophe have their own test below.
        let first = surface.text.unicodeScalars.first?.properties
        if first?.isLowercase == true
          && entry.name.unicodeScalars.first?.properties.isLowercase != true
        {
          continue
        }
        if first?.generalCategory == .otherPunctuation
          || first?.generalCategory == .initialPunctuation
          || first?.generalCategory == .finalPunctuation
        {
          continue
        }
        if stopped.contains(FoldedKey.fold(surface.text)) { continue }
        let found = extractor.entities(in: surface.text)
        if found.map(\.utf8Range) != [0..<surface.text.utf8.count] {
          missed.append("\(entry.id): \(surface.text)")
        }
      }
    }
    #expect(missed == [], "\(missed.count) surfaces not found")
  }

  /// Transliterated Arabic names may start with an ʿayn written as an apostrophe. The
  /// proper-noun check looks at that punctuation token instead of the first letter.
  @Test(
    .bug(
      id: "apostrophe-initial-names",
      "Bundled names such as ‘Adan and 'Asīr are never found: their first token is punctuation"),
    arguments: [
      "Ships docked at [‘Adan|place] on [Friday|date].",
      "Clashes spread to [‘Amrān|place] and [‘Ajlūn|place].",
      "Drones struck ['Asīr|place] province.",
    ])
  func findsNamesThatStartWithAnApostrophe(_ marked: String) throws {
    try Self.expectBundled(marked)
  }

  // MARK: Invariants over the shared corpora

  static let corpusFiles: [String] = {
    let directory = Fixtures.corporaDirectory
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { directory + "/" + $0 }
  }()

  @Test(.enabled(if: !corpusFiles.isEmpty, "the shared corpora are not present"))
  func mentionsAreOrderedDisjointInBoundsAndScalarAlignedOverTheCorpora() throws {
    let extractor = try Self.bundled()
    var documents = 0
    for path in Self.corpusFiles {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n")
        .enumerated()
      {
        guard let text = try JSONValue(parsing: String(line))["text"]?.stringValue else { continue }
        documents += 1
        let place = "\(path):\(number + 1)"
        let mentions = extractor.entities(in: text)
        let bytes = Array(text.utf8)
        for (left, right) in zip(mentions, mentions.dropFirst()) {
          #expect(left.utf8Range.lowerBound <= right.utf8Range.lowerBound, "\(place): unsorted")
        }
        // Names and dates never overlap; casualty counts may contain them, and nest.
        let names = mentions.filter { $0.label != .casualty }
        for (left, right) in zip(names, names.dropFirst()) {
          #expect(left.utf8Range.upperBound <= right.utf8Range.lowerBound, "\(place): overlap")
        }
        for mention in mentions {
          let range = mention.utf8Range
          guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else {
            Issue.record("\(place): \(range) out of bounds")
            continue
          }
          #expect(isScalarBoundary(range.lowerBound, in: bytes), "\(place): \(range)")
          #expect(isScalarBoundary(range.upperBound, in: bytes), "\(place): \(range)")
          #expect(Array(mention.substring(in: text).utf8) == Array(bytes[range]), "\(place)")
          let covered = mention.substring(in: text).unicodeScalars
          #expect(covered.first?.properties.isWhitespace == false, "\(place): \(range)")
          #expect(covered.last?.properties.isWhitespace == false, "\(place): \(range)")
        }
      }
    }
    #expect(documents > 0)
  }

  // MARK: Scale and concurrency

  /// A 100 MB document on one line gives a result, with offsets past any 16-bit or
  /// 26-bit limit. Each 1000-byte chunk is a sentence padded with spaces: a debug build
  /// spends about a microsecond per token, so 100 MB of ordinary prose would take half a
  /// minute, while the byte offsets, ICU's UText and the buffers see the same sizes.
  @Test func extractsFromAHundredMegabyteSingleLine() throws {
    let extractor = try Self.bundled()
    let sentence = "Heavy rain closed roads across Balochistan, officials said on Monday."
    let chunk = sentence + String(repeating: " ", count: 1000 - sentence.utf8.count)
    let repeats = 100_000
    let text = String(repeating: chunk, count: repeats)
    #expect(text.utf8.count == 100_000_000)
    // Each sentence has a place and a date ("on Monday").
    let found = extractor.entities(in: text).filter { $0.label == .place }
    #expect(found.count == repeats)
    let last = try #require(found.last)
    #expect(last.substring(in: text) == "Balochistan")
    #expect(last.utf8Range.lowerBound == 99_999_000 + 31)
    #expect(last.entryID == "iso3166-2:PK-BA")
  }

  @Test func oneExtractorServesConcurrentTasks() async throws {
    let extractor = try Self.bundled()
    let texts = [
      "Floods in Balochistan and Sindh displaced thousands.",
      "Talks between Afghanistan and Pakistan resumed in Kabul.",
      "KANDAHĀR AND HERAT REPORTED CLASHES",
      "The US and Iran exchanged notes; let us wait.",
      "Gunmen in Khyber Pakhtunkhwa attacked a checkpoint near Peshawar.",
      "NWFP was renamed; Kandaha\u{0304}r was quiet.",
      "北京 and 東京 reported nothing. پاکستان میں سیلاب",
      "Aid reached Gilgit-Baltistan and Azad Kashmir by road.",
    ].map { String(repeating: $0 + " ", count: 50) }
    let sequential = texts.map { extractor.entities(in: $0) }
    let concurrent = await withTaskGroup(of: (Int, [Entity]).self) { group in
      for (index, text) in texts.enumerated() {
        group.addTask {
          var result: [Entity] = []
          for _ in 0..<5 { result = extractor.entities(in: text) }
          return (index, result)
        }
      }
      var results = [[Entity]](repeating: [], count: texts.count)
      for await (index, entities) in group { results[index] = entities }
      return results
    }
    #expect(concurrent == sequential)
    #expect(sequential.filter { !$0.isEmpty }.count == 7)
  }
}
