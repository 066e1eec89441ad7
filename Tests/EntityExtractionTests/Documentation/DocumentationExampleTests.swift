import EntityExtraction
import Foundation
import Testing

// The code examples of the DocC articles in Sources/EntityExtraction/EntityExtraction.docc,
// run against the public API. Each test repeats one example as it is printed in its
// article, with `#expect` where the article shows a result in a comment, so an article
// cannot drift from the library. Change an example here and in its article together.
//
// The examples of Evaluation.md need EntityEvaluation; they are in
// Tests/EntityEvaluationTests/Documentation/EvaluationDocumentationExampleTests.swift.

/// The plate recognizer of WritingARecognizer.md, exactly as printed there.
struct RegistrationPlateRecognizer: Recognizer {
  var labels: Set<EntityLabel> { ["plate"] }

  func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    let tokens = document.tokens
    var index = 0
    while index + 2 < tokens.count {
      let letters = tokens[index]
      let hyphen = tokens[index + 1]
      let digits = tokens[index + 2]
      if Self.isPlateLetters(document.string(ofToken: index)),
        document.string(ofToken: index + 1) == "-", !hyphen.flags.contains(.spaceBefore),
        Self.isPlateNumber(document.string(ofToken: index + 2)),
        !digits.flags.contains(.spaceBefore)
      {
        mentions.append(
          Entity(
            utf8Range: letters.utf8Range.lowerBound..<digits.utf8Range.upperBound,
            label: "plate", source: "rule:plate"))
        index += 3
      } else {
        index += 1
      }
    }
  }

  /// Two or three ASCII capital letters.
  static func isPlateLetters(_ text: Substring) -> Bool {
    (2...3).contains(text.utf8.count)
      && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
  }

  /// Three or four ASCII digits.
  static func isPlateNumber(_ text: Substring) -> Bool {
    (3...4).contains(text.utf8.count)
      && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }
}

@Suite struct DocumentationExampleTests {
  /// One extractor with the bundled gazetteers, for the examples that only read from it.
  static let bundled = Result { try EntityExtractor() }

  /// Label and text of each mention, the way the articles print results.
  static func summary(_ entities: [Entity], in text: String) -> [String] {
    entities.map { "\($0.label) \($0.substring(in: text))" }
  }

  // MARK: - EntityExtraction.md (the landing page)

  @Test func landingPageExample() throws {
    let extractor = try Self.bundled.get()
    let text = "Gunmen fired on a police post in Bannu, Khyber Pakhtunkhwa, on Tuesday."
    let found = extractor.entities(in: text).map { "\($0.label) \($0.substring(in: text))" }
    // ["place Bannu", "place Khyber Pakhtunkhwa", "date Tuesday"]
    #expect(found == ["place Bannu", "place Khyber Pakhtunkhwa", "date Tuesday"])
  }

  // MARK: - GettingStarted.md

  @Test func gettingStartedFirstExtraction() throws {
    let extractor = try EntityExtractor()
    let text = """
      Heavy rain flooded villages in Sindh, Pakistan, on Monday, and at least 12 people \
      were killed.
      """
    let published = CalendarDate(year: 2024, month: 8, day: 14)
    let entities = extractor.entities(in: text, referenceDate: published)
    let found = entities.map { "\($0.label) \($0.substring(in: text))" }
    // ["place Sindh", "place Pakistan", "date Monday", "casualty at least 12 people"]
    #expect(found == ["place Sindh", "place Pakistan", "date Monday", "casualty at least 12 people"])

    let sindh = entities[0]
    #expect(sindh.utf8Range == 31..<36)  // sindh.utf8Range: 31..<36
    #expect(sindh.entryID == "iso3166-2:PK-SD")  // sindh.entryID
    #expect(sindh.place?.country == "PK")  // sindh.place?.country
    #expect(sindh.place?.kind == "province")  // sindh.place?.kind
    #expect(sindh.source == "gazetteer:places/subdivisions.tsv")  // sindh.source
    #expect(entities[2].date?.value == "2024-08-12")  // the Monday before 14 August 2024
    let count = entities[3].casualty
    #expect(count?.outcome == .killed)  // count?.outcome
    #expect(count?.min == 12)  // count?.min
    #expect(count != nil && count?.max == nil)  // count?.max: "at least" leaves it open
    #expect(count?.victims == "people")  // count?.victims

    // Without a reference date.
    #expect(extractor.entities(in: text)[2].date?.value == "XXXX-WXX-1")
    let dated = "HYDERABAD, Aug. 14, 2024 — " + text
    let monday = extractor.entities(in: dated).first { $0.label == .date && $0.date?.value == "2024-08-12" }
    #expect(monday?.date?.anchor == .document)

    // Tokenize once, extract from the tokens.
    let document = extractor.tokenize(text, referenceDate: published)
    #expect(extractor.entities(in: document) == entities)
  }

  @Test func gettingStartedChoosingLabels() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.labels = [.place, .date]
    let placesAndDates = try EntityExtractor(configuration: configuration)
    let text = "Two soldiers were wounded in Quetta on Friday."
    let found = placesAndDates.entities(in: text).map { "\($0.label) \($0.substring(in: text))" }
    // ["place Quetta", "date Friday"]
    #expect(found == ["place Quetta", "date Friday"])
  }

  @Test func gettingStartedManyTasks() async throws {
    let extractor = try Self.bundled.get()
    let reports = [
      "Schools in Peshawar reopened on Thursday.",
      "The United Nations sent tents to Herat.",
      "Nothing here names anything at all.",
    ]
    let counts = await withTaskGroup(of: (Int, Int).self) { group in
      for (index, report) in reports.enumerated() {
        group.addTask { (index, extractor.entities(in: report).count) }
      }
      var counts = [Int](repeating: 0, count: reports.count)
      for await (index, count) in group { counts[index] = count }
      return counts
    }
    // [2, 2, 0]
    #expect(counts == [2, 2, 0])
  }

  @Test func gettingStartedJSON() throws {
    let extractor = try Self.bundled.get()
    let text = "Aid reached Kandahār."
    let entities = extractor.entities(in: text)
    let line = JSONValue.array(Entity.jsonObjects(for: entities, in: text)).jsonText
    // [{"type":"place","start":12,"end":20,"text":"Kandahār","place":{…},…}]
    #expect(line.hasPrefix(#"[{"type":"place","start":12,"end":20,"text":"Kandahār","place":{"#))
  }

  @Test func gettingStartedErrors() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteerDirectories = ["/no/such/directory"]
    do {
      _ = try EntityExtractor(configuration: configuration)
      Issue.record("expected a GazetteerError")
    } catch let error as GazetteerError {
      // "/no/such/directory: not a readable directory"
      #expect(error.description == "/no/such/directory: not a readable directory")
    }
  }

  // MARK: - GazetteerFormat.md

  @Test func gazetteerFormatParsingText() throws {
    let source = """
      # Checkpoints named in our reports.
      Ghulam Khan crossing\tplace\tlocal:ghulam-khan\tGhulam Khan border crossing\tcountry=PK;kind=crossing
      Torkham\tplace\tlocal:torkham\t-\tcountry=PK;kind=crossing;lat=34.1;lon=71.1

      """
    let gazetteer = try Gazetteer(parsing: source, sourceName: "crossings.tsv")
    let entry = gazetteer.entries[0]
    #expect(entry.name == "Ghulam Khan crossing")  // entry.name
    #expect(entry.surfaces.map(\.text) == ["Ghulam Khan crossing", "Ghulam Khan border crossing"])
    #expect(entry.country == "PK")  // entry.country
    #expect(entry.line == 2)  // entry.line
    #expect(gazetteer.entries[1].latitude == 34.1)  // gazetteer.entries[1].latitude
  }

  @Test func gazetteerFormatErrors() throws {
    let line = "Torkham\tplace\tlocal:torkham\t-\tlat=134.1\n"
    do {
      _ = try Gazetteer(parsing: line, sourceName: "crossings.tsv")
      Issue.record("expected a GazetteerError")
    } catch {
      // crossings.tsv:1: attribute 'lat' has value '134.1', expected a latitude in decimal degrees, -90 to 90
      #expect(error.line == 1)
      #expect(
        error.kind
          == .invalidAttributeValue(
            key: "lat", value: "134.1", expected: "a latitude in decimal degrees, -90 to 90"))
      #expect(
        error.description
          == "crossings.tsv:1: attribute 'lat' has value '134.1', expected a latitude in decimal degrees, -90 to 90"
      )
    }
  }

  @Test func gazetteerFormatInMemory() throws {
    let weapons = Gazetteer(
      sourceName: "weapons",
      entries: [
        GazetteerEntry(
          name: "Kalashnikov rifle", label: "weapon", id: "local:ak-47",
          aliases: [GazetteerEntry.Surface("AK-47"), GazetteerEntry.Surface("Kalashnikov")]),
        GazetteerEntry(
          name: "rocket-propelled grenade", label: "weapon", id: "local:rpg",
          aliases: [GazetteerEntry.Surface("RPG", isCaseSensitive: true)]),
      ])
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteers = [weapons]
    configuration.labels = ["weapon"]
    let extractor = try EntityExtractor(configuration: configuration)

    let text = "The gunmen carried AK-47 rifles and fired a rocket-propelled grenade at the gate."
    let found = extractor.entities(in: text)
    // ["weapon AK-47", "weapon rocket-propelled grenade"]
    #expect(Self.summary(found, in: text) == ["weapon AK-47", "weapon rocket-propelled grenade"])
    #expect(found[0].entryID == "local:ak-47")  // found[0].entryID
    #expect(found[0].canonicalName == "Kalashnikov rifle")  // found[0].canonicalName
    #expect(found[0].source == "gazetteer:memory")  // found[0].source: the entry's sourceName
    // "rpg" in lower case is not the case-sensitive surface "RPG".
    #expect(extractor.entities(in: "An RPG and an rpg.").count == 1)
  }

  @Test func gazetteerFormatOverridesAndStops() throws {
    // The article's `local.tsv`, written to a directory of its own.
    let localGazetteers = FileManager.default.temporaryDirectory
      .appendingPathComponent("eex-documentation-examples").path
    try FileManager.default.createDirectory(
      atPath: localGazetteers, withIntermediateDirectories: true)
    let local = """
      Khyber Pakhtunkhwa\tplace\tiso3166-2:PK-KP\t=KPK|=KP|NWFP|Khyber-Pakhtunkhwa\tcountry=PK;kind=province;admin1=Khyber Pakhtunkhwa
      Victoria\tstop\tlocal:stop/victoria\t-\treason=a ship in our reports

      """
    try local.write(
      toFile: localGazetteers + "/local.tsv", atomically: true, encoding: .utf8)

    var configuration = EntityExtractor.Configuration()
    configuration.gazetteerDirectories = [localGazetteers]
    let extractor = try EntityExtractor(configuration: configuration)

    let text = "Officials in KPK said the tanker Victoria docked at Karachi."
    let found = extractor.entities(in: text)
    // ["place KPK", "place Karachi"]
    #expect(Self.summary(found, in: text) == ["place KPK", "place Karachi"])
    #expect(found[0].entryID == "iso3166-2:PK-KP")  // found[0].entryID

    // Without the directory, "KPK" is unknown and "Victoria" is a place.
    let bundled = try Self.bundled.get()
    #expect(Self.summary(bundled.entities(in: text), in: text) == ["place Victoria", "place Karachi"])
  }

  // MARK: - WritingARecognizer.md

  @Test func writingARecognizerUnitTest() throws {
    let segmenter = try WordSegmenter()
    let text = "A car with plates LEB-4471 and a van, ISB 902, were seized."
    let document = TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: Vocabulary()))
    var mentions: [Entity] = []
    RegistrationPlateRecognizer().recognize(document, into: &mentions)
    // ["LEB-4471"]: "ISB 902" has a space where the hyphen should be.
    #expect(mentions.map { String($0.substring(in: text)) } == ["LEB-4471"])
  }

  @Test func writingARecognizerRegistering() throws {
    var configuration = EntityExtractor.Configuration()
    configuration.additionalRecognizers = [RegistrationPlateRecognizer()]
    let extractor = try EntityExtractor(configuration: configuration)

    let text = "Police stopped a pickup with registration KP-2231 near Peshawar on Saturday."
    let found = extractor.entities(in: text).map { "\($0.label) \($0.substring(in: text))" }
    // ["plate KP-2231", "place KP", "place Peshawar", "date Saturday"]
    #expect(found == ["plate KP-2231", "place KP", "place Peshawar", "date Saturday"])

    // Let plates compete with names: the longer mention wins.
    var policy = OverlapPolicy.standard
    policy.competingGroups[0].insert("plate")
    configuration.overlapPolicy = policy
    let competing = try EntityExtractor(configuration: configuration)
    let resolved = competing.entities(in: text).map { "\($0.label) \($0.substring(in: text))" }
    // ["plate KP-2231", "place Peshawar", "date Saturday"]
    #expect(resolved == ["plate KP-2231", "place Peshawar", "date Saturday"])

    // Or make every mention compete with every other.
    configuration.overlapPolicy = .disjoint
    let disjoint = try EntityExtractor(configuration: configuration)
    #expect(
      Self.summary(disjoint.entities(in: text), in: text)
        == ["plate KP-2231", "place Peshawar", "date Saturday"])
    // "A casualty count then removes the names inside it."
    let abduction = "Gunmen abducted two Turkish engineers near Kandahār."
    #expect(
      Self.summary(disjoint.entities(in: abduction), in: abduction)
        == ["casualty two Turkish engineers", "place Kandahār"])
    #expect(
      Self.summary(extractor.entities(in: abduction), in: abduction)
        == ["casualty two Turkish engineers", "nationality Turkish", "place Kandahār"])
  }

  // MARK: - OffsetsAndUnicode.md

  @Test func offsetsInEveryUnit() throws {
    let extractor = try Self.bundled.get()
    let text = "📢 Curfew declared in Kandahār after the blast."
    let found = extractor.entities(in: text)
    try #require(found.count == 1)
    let kandahar = found[0]
    #expect(kandahar.utf8Range == 24..<33)  // kandahar.utf8Range: 24..<33
    #expect(text[kandahar.range(in: text)] == "Kandahār")  // text[kandahar.range(in: text)]

    let bounds = [kandahar.utf8Range.lowerBound, kandahar.utf8Range.upperBound]
    #expect(OffsetConverter.convert(bounds, in: text, to: .unicodeScalars) == [21, 29])
    #expect(OffsetConverter.convert(bounds, in: text, to: .utf16) == [22, 30])
    // Characters (grapheme clusters) are a fourth unit; the library never counts them.
    #expect(text.distance(from: text.startIndex, to: kandahar.range(in: text).lowerBound) == 21)
  }

  @Test func offsetsForDecomposedText() throws {
    let extractor = try Self.bundled.get()
    let text = "Shelling near Kandaha\u{0304}r overnight."  // NFD: "a" + U+0304 COMBINING MACRON
    let found = extractor.entities(in: text)
    try #require(found.count == 1)
    let kandahar = found[0]
    #expect(kandahar.utf8Range == 14..<24)  // kandahar.utf8Range: 14..<24, 10 bytes
    #expect(kandahar.substring(in: text) == "Kandahār")  // Swift compares canonically: true
    #expect(kandahar.substring(in: text).utf8.elementsEqual("Kandahār".utf8) == false)
  }

  @Test func offsetsSoftHyphen() throws {
    let extractor = try Self.bundled.get()
    let text = "Rains in Bal\u{00AD}ochistan."
    #expect(extractor.entities(in: text).map(\.entryID) == ["iso3166-2:PK-BA"])
  }

  @Test func offsetsFolding() {
    #expect(FoldedKey.fold("Kandahār") == "kandahar")
    #expect(FoldedKey.fold("Kandaha\u{0304}r") == "kandahar")
    #expect(FoldedKey.fold("KHYBER‑PAKHTUNKHWA’S") == "khyber-pakhtunkhwa's")
    #expect(FoldedKey.fold("Straße") == "strasse")
  }

  @Test func offsetsTokens() throws {
    let segmenter = try WordSegmenter()
    let text = "Peshāwar’s U.S.-funded clinic"
    let tokens = segmenter.tokens(in: text, vocabulary: Vocabulary())
    let document = TokenizedText(text: text, tokens: tokens)
    let words = tokens.indices.map { String(document.string(ofToken: $0)) }
    // ["Peshāwar", "’s", "U.S", ".", "-", "funded", "clinic"]
    #expect(words == ["Peshāwar", "’s", "U.S", ".", "-", "funded", "clinic"])
    #expect(tokens[0].utf8Range == 0..<9)  // tokens[0].utf8Range: 0..<9
    #expect(tokens[1].flags.contains(.spaceBefore) == false)
  }

  @Test func offsetsValidatingBytes() {
    let bytes: [UInt8] = [0x4B, 0x61, 0x62, 0x75, 0x6C, 0xFF, 0x2E]  // "Kabul", 0xFF, "."
    #expect(UTF8Validation.firstInvalidOffset(in: bytes) == 5)  // 5
    #expect(UTF8Validation.firstInvalidOffset(in: Array("Kābul.".utf8)) == nil)  // nil
  }
}
