import EntityExtraction
import Testing

@Suite struct NumberParserTests {
  /// A number as the parser should read it from the start of a text.
  struct Reading: Sendable, CustomTestStringConvertible {
    var text: String
    var value: Int?
    var isOpenEnded = false
    /// How many tokens the number spans.
    var tokenCount = 1
    var testDescription: String { text }
  }

  /// A parser and the segmenter and vocabulary it was built with.
  struct Fixture {
    let segmenter: WordSegmenter
    let vocabulary: Vocabulary
    let parser: NumberParser

    init() throws {
      segmenter = try WordSegmenter()
      var vocabulary = Vocabulary()
      parser = NumberParser(vocabulary: &vocabulary)
      self.vocabulary = vocabulary
    }

    func document(_ text: String) -> TokenizedText {
      TokenizedText(
        text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary),
        vocabulary: vocabulary)
    }
  }

  @Test(arguments: [
    // Digits, with separators, decimals and scales.
    Reading(text: "16 miners", value: 16),
    Reading(text: "1,247 suspects", value: 1247),
    Reading(text: "29,000 nationals", value: 29_000),
    Reading(text: "1,000,000 people", value: 1_000_000),
    Reading(text: "2.5 million people", value: 2_500_000, tokenCount: 2),
    Reading(text: "3 thousand troops", value: 3000, tokenCount: 2),
    Reading(text: "12 hundred", value: 1200, tokenCount: 2),
    // Words.
    Reading(text: "one soldier", value: 1),
    Reading(text: "Five engineers", value: 5),
    Reading(text: "ELEVEN individuals", value: 11),
    Reading(text: "seventeen", value: 17),
    Reading(text: "twenty-three civilians", value: 23, tokenCount: 3),
    Reading(text: "twenty three civilians", value: 23, tokenCount: 2),
    Reading(text: "Ninety‑nine", value: 99, tokenCount: 3),  // U+2011 non-breaking hyphen
    Reading(text: "a hundred and five prisoners", value: 105, tokenCount: 4),
    Reading(text: "one hundred twenty", value: 120, tokenCount: 3),
    Reading(text: "three hundred thousand", value: 300_000, tokenCount: 3),
    Reading(text: "two thousand and twelve", value: 2012, tokenCount: 4),
    Reading(text: "a million refugees", value: 1_000_000, tokenCount: 2),
    Reading(text: "a thousand", value: 1000, tokenCount: 2),
    Reading(text: "a dozen tourists", value: 12, tokenCount: 2),
    Reading(text: "two dozen workers", value: 24, tokenCount: 2),
    // Vague plurals: their lower bound, open-ended.
    Reading(text: "dozens of militants", value: 24, isOpenEnded: true),
    Reading(text: "Scores of protesters", value: 40, isOpenEnded: true),
    Reading(text: "hundreds of people", value: 200, isOpenEnded: true),
    Reading(text: "thousands", value: 2000, isOpenEnded: true),
    Reading(text: "tens of thousands of people", value: 20_000, isOpenEnded: true, tokenCount: 3),
    Reading(text: "hundreds of thousands", value: 200_000, isOpenEnded: true, tokenCount: 3),
    Reading(text: "millions", value: 2_000_000, isOpenEnded: true),
    // Where a number stops.
    Reading(text: "five and six", value: 5),
    Reading(text: "twenty thirteen", value: 20),
    Reading(text: "nineteen ninety", value: 19),
    Reading(text: "one two", value: 1),
    Reading(text: "a hundred and injured", value: 100, tokenCount: 2),
    Reading(text: "twenty-three-year-old", value: 23, tokenCount: 3),
    Reading(text: "thirty-one", value: 31, tokenCount: 3),
    // Not numbers.
    Reading(text: "a soldier", value: nil),
    Reading(text: "an attack", value: nil),
    Reading(text: "2.5 percent", value: nil),
    Reading(text: "hundred", value: nil),
    Reading(text: "and five", value: nil),
    Reading(text: "of them", value: nil),
    Reading(text: "soldiers", value: nil),
    Reading(text: "26th", value: nil),
    Reading(text: "١٢٣", value: nil),
  ])
  func readsNumbersAsNewsWritesThem(_ reading: Reading) throws {
    let fixture = try Fixture()
    let document = fixture.document(reading.text)
    let number = fixture.parser.number(in: document, at: 0)
    #expect(number?.value == reading.value)
    if reading.value != nil {
      #expect(number?.isOpenEnded == reading.isOpenEnded)
      #expect(number?.tokenRange == 0..<reading.tokenCount)
    }
  }

  @Test func readsFromAnyToken() throws {
    let fixture = try Fixture()
    let document = fixture.document("They freed at least eight of the 16 miners.")
    #expect(fixture.parser.number(in: document, at: 4)?.value == 8)
    #expect(fixture.parser.number(in: document, at: 7)?.value == 16)
    #expect(fixture.parser.number(in: document, at: 8) == nil)
    #expect(fixture.parser.number(in: document, at: document.tokens.count) == nil)
  }

  @Test func agreesAcrossParsersSharingAVocabulary() throws {
    // The date and casualty recognizers each build a parser over the shared vocabulary.
    let segmenter = try WordSegmenter()
    var vocabulary = Vocabulary()
    let first = NumberParser(vocabulary: &vocabulary)
    let size = vocabulary.count
    let second = NumberParser(vocabulary: &vocabulary)
    #expect(vocabulary.count == size)
    let text = "two dozen and forty-two"
    let document = TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary), vocabulary: vocabulary
    )
    #expect(first.number(in: document, at: 0) == second.number(in: document, at: 0))
    #expect(first.number(in: document, at: 3)?.value == 42)
  }

  @Test func overflowingDigitsAreNoNumber() throws {
    let fixture = try Fixture()
    let document = fixture.document("99999999999999999999999 people")
    #expect(fixture.parser.number(in: document, at: 0) == nil)
  }
}
