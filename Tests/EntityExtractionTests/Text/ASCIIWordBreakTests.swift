import Foundation
import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The tokenizer cuts ASCII text itself and calls ICU only around non-ASCII bytes
/// (`TokenBuilder.addASCIISegments`). Its tokens must be exactly those of ICU alone:
/// same ranges, kinds, shapes and flags.
@Suite struct ASCIIWordBreakTests {
  static let segmenter = Result { try WordSegmenter() }

  /// Differences between the two tokenizers on `text`, described; empty when equal.
  static func difference(_ text: String, _ segmenter: WordSegmenter) -> String? {
    var copy = text
    return copy.withUTF8 { bytes -> String? in
      let vocabulary = Vocabulary()
      let hybrid = segmenter.tokens(inUTF8: bytes, vocabulary: vocabulary)
      let icu = segmenter.tokensUsingICUOnly(inUTF8: bytes, vocabulary: vocabulary)
      guard hybrid != icu else { return nil }
      func show(_ tokens: [Token]) -> String {
        tokens.map { "\($0.utf8Range)/\($0.kind.rawValue)/\($0.flags.rawValue)" }.joined(separator: " ")
      }
      return "\(text.debugDescription): hybrid \(show(hybrid)) ICU \(show(icu))"
    }
  }

  /// One of each ASCII role in ICU's word rules, and non-ASCII neighbours that change
  /// them: a letter, a combining mark, a right single quote (a mid-letter), an
  /// ideographic space, a narrow no-break space.
  static let alphabet: [String] = [
    "a", "Z", "@", "1", ".", "'", ",", ";", "_", " ", "\n", "\r", ":", "-", "\t", "\u{1}",
    "é", "’", "\u{301}", "\u{3000}", "\u{202F}",
  ]

  @Test func everyStringOfUpToFourCharactersMatchesICU() throws {
    let segmenter = try Self.segmenter.get()
    var failures: [String] = []
    var strings = [""]
    for _ in 1...4 {
      strings = strings.flatMap { prefix in Self.alphabet.map { prefix + $0 } }
      for text in strings {
        if let failure = Self.difference(text, segmenter) { failures.append(failure) }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) differ, e.g. \(failures.prefix(5))")
  }

  @Test func randomLongerStringsMatchICU() throws {
    let segmenter = try Self.segmenter.get()
    var random = SplitMix64(seed: 0xA5C11)
    let pool = Self.alphabet + ["b", "x", "Q", "7", "0", "  ", "\r\n", "(", "\"", "$", "%", "\u{7F}",
      "ö", "Ж", "漢", "😀", "\u{200D}", "\u{FE0F}", "\u{20E3}", "#", "’s", "'s", "U.S.", "1,000.5"]
    var failures: [String] = []
    for _ in 0..<5000 {
      let length = 1 + Int(random.next() % 30)
      let text = (0..<length).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined()
      if let failure = Self.difference(text, segmenter) { failures.append(failure) }
    }
    #expect(failures.isEmpty, "\(failures.count) differ, e.g. \(failures.prefix(5))")
  }

  @Test func theSamplesMatchICU() throws {
    let segmenter = try Self.segmenter.get()
    let samples = Fixtures.repositoryRoot + "/Samples"
    let names = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }
    #expect(names.count >= 6, "the repository's Samples/ holds the sample articles")
    for name in names {
      let text = try String(contentsOfFile: samples + "/" + name, encoding: .utf8)
      #expect(Self.difference(text, segmenter) == nil, "Samples/\(name)")
    }
  }

  /// The gold corpora's texts, when the development corpora are checked out beside the
  /// repository (a clone alone does not have them).
  @Test(.enabled(if: Fixtures.corpusTexts != nil, "the development corpora are not beside the repository"))
  func theCorporaMatchICU() throws {
    let segmenter = try Self.segmenter.get()
    let texts = try #require(Fixtures.corpusTexts)
    #expect(!texts.isEmpty)
    for text in texts {
      #expect(Self.difference(text, segmenter) == nil)
    }
  }

  @Test func idsAndRootMasksMatchICUWithAVocabulary() throws {
    // The ASCII path folds, hashes and compares spellings 8 bytes at a time: its IDs and
    // root masks must be those of the fold-buffer path, for spellings of every length.
    let segmenter = try Self.segmenter.get()
    var vocabulary = Vocabulary()
    let bit = vocabulary.claimRootBit()
    let spellings = [
      "a", "kabul", "u.s", "al_qaeda", "'s", "1,200", "3.5", "a@b.com", "-", ".", ",", "'", "_",
      "don't", "o'neill", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghik",
      "abcdefghijklmnop", "abcdefghijklmnopq", "pakhtunkhwa", "internationally",
      "x" + String(repeating: "y", count: 300),
    ]
    for (index, spelling) in spellings.enumerated() {
      let id = vocabulary.insert(folded: spelling)
      if index.isMultiple(of: 2) { vocabulary.markRoot(id.rawValue, bit: bit) }
    }
    let texts = [
      "Kabul KABUL kabul U.S. u.s al_Qaeda's AL_QAEDA'S 1,200 3.5 a@b.com A@B.COM don't O'Neill",
      "ABCDEFG abcdefgh ABCDEFGHI AbCdEfGhIj abcdefghiK ABCDEFGHIJKLMNOP abcdefghijklmnopQ",
      "abcdefghijklmnopqr Internationally INTERNATIONALLY internationallY abcdefghiz",
      "Khyber-Pakhtunkhwa, PAKHTUNKHWA's; `quoted' _ a's X" + String(repeating: "Y", count: 300),
      "Kabul", "KABUL.", "abcdefghijklmnop", "x" + String(repeating: "y", count: 299) + "Y's",
    ]
    for text in texts {
      var copy = text
      copy.withUTF8 { bytes in
        let hybrid = segmenter.tokens(inUTF8: bytes, vocabulary: vocabulary)
        let icu = segmenter.tokensUsingICUOnly(inUTF8: bytes, vocabulary: vocabulary)
        #expect(hybrid == icu, "\(text)")
        #expect(hybrid.map(\.rootMask) == icu.map(\.rootMask), "\(text)")
        #expect(hybrid.contains { $0.rawID != Token.noID }, "\(text)")
      }
    }
  }

  @Test func newsPunctuationIsCutByTheRulesSpelledOut() throws {
    // The rules of `addASCIISegments`' documentation, on one line of ASCII news text.
    let segmenter = try Self.segmenter.get()
    let text = "U.S. forces, 1,200 strong, hit al_Qaeda's base at 3.5 km; e-mail: a@b.com\r\n"
    let pieces = segmenter.tokens(in: text, vocabulary: Vocabulary()).map {
      String(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: $0.utf8Range.lowerBound)..<text.utf8.index(text.utf8.startIndex, offsetBy: $0.utf8Range.upperBound)])!
    }
    #expect(pieces == [
      "U.S", ".", "forces", ",", "1,200", "strong", ",", "hit", "al_Qaeda", "'s", "base", "at",
      "3.5", "km", ";", "e", "-", "mail", ":", "a@b.com",
    ])
  }
}
