import Foundation
import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The root masks that let a matcher skip tokens which start none of its surfaces: the
/// skip must never lose a match.
@Suite struct RootMaskTests {
  static func matcher(_ lines: String, vocabulary: inout Vocabulary) throws -> GazetteerMatcher {
    let gazetteer = try Gazetteer(parsing: lines, sourceName: "test.tsv")
    return GazetteerMatcher(
      entries: gazetteer.entries, segmenter: try WordSegmenter(), vocabulary: &vocabulary)
  }

  static func found(_ matcher: GazetteerMatcher, in document: TokenizedText) -> [String] {
    matcher.matches(in: document).flatMap { $0.entryIndices.map { matcher.entries[$0].id } }
  }

  @Test func eachMatcherFindsItsOwnSurfacesWhenMoreThanEightShareAVocabulary() throws {
    // Eight matchers get a root bit each; the ninth and tenth get none and must look
    // at every token instead of skipping all of them.
    var vocabulary = Vocabulary()
    let towns = ["Quetta", "Gwadar", "Chaman", "Zhob", "Turbat", "Panjgur", "Khuzdar", "Sibi",
                 "Dera Bugti", "Kohlu"]
    var matchers: [GazetteerMatcher] = []
    for (index, town) in towns.enumerated() {
      matchers.append(try Self.matcher("\(town)\tplace\tx:\(index)", vocabulary: &vocabulary))
    }
    let text = "Convoys left " + towns.joined(separator: ", ") + " at dawn."
    let segmenter = try WordSegmenter()
    let document = TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary), vocabulary: vocabulary)
    for (index, matcher) in matchers.enumerated() {
      #expect(Self.found(matcher, in: document) == ["x:\(index)"], "matcher \(index)")
    }
  }

  @Test func tokensMadeByThePublicInitializerMayStartAnything() throws {
    var vocabulary = Vocabulary()
    let matcher = try Self.matcher("Lakki Marwat\tplace\tx:lm", vocabulary: &vocabulary)
    let text = "Lakki Marwat"
    let tokens = [
      Token(utf8Range: 0..<5, id: vocabulary.id(of: "Lakki"), kind: .word, shape: [.hasUpper, .hasLower, .firstUpper], flags: [.spaceBefore, .lineStart]),
      Token(utf8Range: 6..<12, id: vocabulary.id(of: "Marwat"), kind: .word, shape: [.hasUpper, .hasLower, .firstUpper], flags: [.spaceBefore]),
    ]
    let document = TokenizedText(text: text, tokens: tokens, vocabulary: vocabulary)
    #expect(Self.found(matcher, in: document) == ["x:lm"])
  }

  @Test func theRootMaskIsNotPartOfATokensIdentity() throws {
    var vocabulary = Vocabulary()
    _ = try Self.matcher("Bannu\tplace\tx:b", vocabulary: &vocabulary)
    let tokenized = try WordSegmenter().tokens(in: "Bannu", vocabulary: vocabulary)[0]
    let built = Token(
      utf8Range: tokenized.utf8Range, id: tokenized.id, kind: tokenized.kind,
      shape: tokenized.shape, flags: tokenized.flags)
    #expect(tokenized.rootMask != built.rootMask)
    #expect(tokenized == built)
    #expect(Set([tokenized, built]).count == 1)
  }

  @Test func rootBitsSurviveTheVocabularyGrowing() throws {
    var vocabulary = Vocabulary()
    let matcher = try Self.matcher(
      "Tank\tplace\tx:tank\nNorth Waziristan\tplace\tx:nw", vocabulary: &vocabulary)
    // Enough new words to grow the slot table several times.
    for index in 0..<20_000 { vocabulary.insert(folded: "word\(index)") }
    let text = "Drones struck North Waziristan and Tank; word19999 followed."
    let document = TokenizedText(
      text: text, tokens: try WordSegmenter().tokens(in: text, vocabulary: vocabulary),
      vocabulary: vocabulary)
    #expect(Self.found(matcher, in: document) == ["x:nw", "x:tank"])
    // Only the first token of a surface carries the matcher's bit.
    #expect(document.tokens.filter { $0.rootMask != 0 }.count == 2)  // "North", "Tank"
  }

  @Test func anExtractorReadFromTheCompiledCacheFindsWhatAFreshOneFinds() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("eex-rootmask-\(UInt32.random(in: 0...UInt32.max))").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let names = directory + "/names"
    try FileManager.default.createDirectory(atPath: names, withIntermediateDirectories: true)
    try """
      Lakki Marwat\tplace\tx:lm
      Tehrik-i-Taliban Pakistan\torganization\tx:ttp\tTTP
      Pakistani\tnationality\tx:pk

      """.write(toFile: names + "/test.tsv", atomically: true, encoding: .utf8)
    var configuration = EntityExtractor.Configuration()
    configuration.includesBundledGazetteers = false
    configuration.gazetteerDirectories = [Fixtures.repositoryRoot + "/Gazetteers/dates", names]
    configuration.cachesCompiledGazetteers = false
    let fresh = try EntityExtractor(configuration: configuration)
    configuration.cachesCompiledGazetteers = true
    configuration.cacheDirectory = directory + "/cache"
    _ = try EntityExtractor(configuration: configuration)  // writes the cache
    let cached = try EntityExtractor(configuration: configuration)  // reads it
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/cache").count == 1)
    let text = """
      LAKKI MARWAT, Pakistan (March 26, 2024) – Militants of the TTP ambushed a Pakistani \
      convoy in Lakki Marwat last Tuesday; two days later police said 38 people had died.
      """
    let expected = fresh.entities(in: text, referenceDate: CalendarDate(year: 2024, month: 3, day: 28))
    #expect(expected.count >= 5)
    #expect(cached.entities(in: text, referenceDate: CalendarDate(year: 2024, month: 3, day: 28)) == expected)
  }
}
