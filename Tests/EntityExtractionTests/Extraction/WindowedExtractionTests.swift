import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// Long documents read in windows find what the whole document finds.
@Suite struct WindowedExtractionTests {
  /// The window the windowed extractor reads: small, so that a test document of some
  /// tens of kilobytes spans several.
  static let windowBytes = 8_192
  static let overlapBytes = 1_024

  /// The bundled gazetteers, reading documents longer than 8 KB in windows.
  static let windowed: Result<EntityExtractor, Error> = Result {
    var configuration = EntityExtractor.Configuration()
    configuration.windowBytes = windowBytes
    configuration.windowOverlapBytes = overlapBytes
    return try EntityExtractor(configuration: configuration)
  }

  /// The bundled gazetteers, reading every document whole.
  static let whole: Result<EntityExtractor, Error> = Result {
    var configuration = EntityExtractor.Configuration()
    configuration.windowBytes = Int.max
    return try EntityExtractor(configuration: configuration)
  }

  /// Sentences with no name, date or count, to put the cues of a test windows apart.
  static func filler(bytes: Int, separator: String) -> String {
    let sentences = [
      "The water rose slowly across the fields and the roads were closed for repairs.",
      "Farmers moved their animals to higher ground while the rain went on.",
      "Schools stayed shut and the markets opened only for a few hours.",
      "Engineers said the banks would hold if the weather turned dry.",
    ]
    var text = ""
    var index = 0
    while text.utf8.count < bytes {
      text += sentences[index % sentences.count] + (index % 3 == 2 ? separator : " ")
      index += 1
    }
    return text
  }

  /// A document whose decisions need the whole of it: each cue is a window or more away
  /// from the mention it decides.
  static func document(separator: String) -> String {
    let gap = filler(bytes: 3 * windowBytes / 2, separator: separator)
    return [
      // A headline whose person the body names much later; a bare surname before the
      // full name; an acronym used before its definition.
      "Nasreen Qadri Tours Flooded Villages" + separator,
      "QUETTA, March 3, 2024 — Qadri met officials of the FWA on Saturday.",
      gap,
      "Rains flooded Hyderabad on Monday, and the dam burst on March 9, 2024.",
      gap,
      "Spokesperson Nasreen Qadri said the Frontier Water Authority (FWA) would repair the dam.",
      gap,
      "Officials in Pakistan said that day that the FWA had sent pumps to Hyderabad.",
      gap,
      "Qadri said the Water Authority would report last week's damage.",
    ].joined(separator: separator)
  }

  /// The same mentions, compared field by field (a mismatch names the mention).
  func expectSameMentions(
    _ text: String, referenceDate: CalendarDate? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [Entity] {
    let windowed = try Self.windowed.get().entities(in: text, referenceDate: referenceDate)
    let whole = try Self.whole.get().entities(in: text, referenceDate: referenceDate)
    func describe(_ entity: Entity) -> String {
      "\(entity.utf8Range) \(entity.label) \(entity.substring(in: text)) \(entity.canonicalName ?? "-") "
        + "\(entity.entryID ?? "-") \(entity.date?.value ?? "-") \(entity.attributes)"
    }
    #expect(windowed.map(describe) == whole.map(describe), sourceLocation: sourceLocation)
    #expect(windowed == whole, sourceLocation: sourceLocation)
    return whole
  }

  @Test(arguments: ["\n\n", "\n", " "])
  func windowsFindWhatTheWholeDocumentFinds(_ separator: String) throws {
    let text = Self.document(separator: separator)
    #expect(text.utf8.count > 4 * Self.windowBytes)
    let mentions = try expectSameMentions(text)
    // The decisions that need the whole document were made as the whole document makes them.
    func all(_ surface: String) -> [Entity] {
      mentions.filter { $0.substring(in: text) == surface }
    }
    #expect(all("FWA").count == 3)
    #expect(all("FWA").allSatisfy { $0.canonicalName == "Frontier Water Authority" })
    #expect(all("Qadri").count == 2)
    #expect(all("Qadri").allSatisfy { $0.canonicalName == "Nasreen Qadri" })
    #expect(all("Hyderabad").allSatisfy { $0.place?.country == "PK" })
    #expect(all("that day").map { $0.date?.value } == ["2024-03-09"])
    #expect(all("last week").map { $0.date?.value } == ["2024-W08"])
    #expect(all("last week").map { $0.date?.anchor } == [.document])
  }

  @Test func aReferenceDateIsUsedInEveryWindow() throws {
    let text = Self.document(separator: "\n\n")
    let mentions = try expectSameMentions(text, referenceDate: CalendarDate(parsing: "2024-06-01"))
    let dates = mentions.compactMap(\.date)
    #expect(!dates.isEmpty)
    #expect(dates.allSatisfy { $0.anchor == .reference })
  }

  @Test func aDocumentWithoutSentenceEndsOrSpacesIsCutAnyway() throws {
    // No sentence end: cut at spaces. No space either: cut between scalars, never inside
    // one ("é" is two bytes, "🙂" four).
    let words = String(repeating: "rains fell on Quetta and Kabul ", count: 1_200)
    let glued = String(repeating: "éQuetta🙂", count: 3_000)
    for text in [words, glued] {
      #expect(text.utf8.count > 3 * Self.windowBytes)
      let mentions = try Self.windowed.get().entities(in: text)
      let bytes = Array(text.utf8)
      for (left, right) in zip(mentions, mentions.dropFirst()) {
        #expect(left.utf8Range.lowerBound <= right.utf8Range.lowerBound)
      }
      for mention in mentions {
        #expect(mention.utf8Range.upperBound <= bytes.count)
        #expect(isScalarBoundary(mention.utf8Range.lowerBound, in: bytes))
        #expect(isScalarBoundary(mention.utf8Range.upperBound, in: bytes))
      }
    }
    // Words cut at spaces are the same words: the same mentions as the whole text.
    _ = try expectSameMentions(words)
  }

  @Test func batchesComeInOrderAndAddUpToTheMentions() throws {
    let extractor = try Self.windowed.get()
    let text = Self.document(separator: "\n\n")
    var batches: [[Entity]] = []
    extractor.enumerateEntities(in: text) { batches.append($0) }
    #expect(batches.count > 1)
    #expect(batches.allSatisfy { !$0.isEmpty })
    #expect(Array(batches.joined()) == extractor.entities(in: text))
    for (earlier, later) in zip(batches, batches.dropFirst()) {
      #expect(
        (earlier.last?.utf8Range.lowerBound ?? 0) < (later.first?.utf8Range.lowerBound ?? .max))
    }
    // A short text is one batch, the same as `entities(in:)`; an empty one, one empty batch.
    for short in ["Floods hit Quetta on Monday.", ""] {
      var shortBatches: [[Entity]] = []
      extractor.enumerateEntities(in: short) { shortBatches.append($0) }
      #expect(shortBatches == [extractor.entities(in: short)])
    }
  }

  @Test(
    arguments: [
      ("One. Two. Three.", 0, 16, 10),
      ("no sentence ends here at all", 0, 20, 17),
      ("nospacesatallinthisone", 0, 10, 10),
    ] as [(String, Int, Int, Int)])
  func cutsAtTheLatestSentenceBoundaryElseSpaceElseScalar(
    _ text: String, _ lower: Int, _ upper: Int, _ expected: Int
  ) {
    var text = text
    let cut = text.withUTF8 { DocumentWindows.cut(in: $0, from: lower, to: upper) }
    #expect(cut == expected)
  }

  @Test func cutsNeverSplitAScalar() {
    var text = String(repeating: "é", count: 20)  // two bytes each
    let cut = text.withUTF8 { DocumentWindows.cut(in: $0, from: 3, to: 7) }
    #expect(cut == 6)
  }

  @Test func windowsCoverTheDocumentAndOverlap() {
    var text = Self.filler(bytes: 50_000, separator: "\n")
    text.withUTF8 { bytes in
      let windows = DocumentWindows(bytes: bytes, windowBytes: 8_192, overlapBytes: 1_024)
      #expect(windows.cuts.first == 0)
      #expect(windows.cuts.last == bytes.count)
      #expect(windows.windows.count == windows.cuts.count - 1)
      for index in windows.windows.indices {
        let owned = windows.owned(index)
        let window = windows.windows[index]
        #expect(!owned.isEmpty)
        #expect(window.lowerBound <= max(0, owned.lowerBound - 1_024))
        #expect(window.upperBound >= min(bytes.count, owned.upperBound + 1_024))
        #expect(window.count <= 8_192 + 2_048)
        // Owned stretches start at sentence starts (here, after a period or a line break).
        if owned.lowerBound > 0 {
          #expect(DocumentWindows.isSentenceBoundary(bytes, at: owned.lowerBound))
        }
      }
    }
  }
}
