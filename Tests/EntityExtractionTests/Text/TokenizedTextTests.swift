import EntityExtraction
import Testing

@Suite struct TokenizedTextTests {
  @Test func returnsTokenTextsAndFoldedKeys() throws {
    let segmenter = try WordSegmenter()
    var vocabulary = Vocabulary()
    vocabulary.insert(folded: "kandahar")
    let text = "Rockets hit KANDAHĀR and Peshāwar."
    let document = TokenizedText(
      text: text, tokens: segmenter.tokens(in: text, vocabulary: vocabulary),
      vocabulary: vocabulary)
    #expect(document.string(ofToken: 2) == "KANDAHĀR")
    #expect(document.foldedKey(ofToken: 2) == "kandahar")  // from the vocabulary
    #expect(document.tokens[4].id == nil)
    #expect(document.foldedKey(ofToken: 4) == "peshawar")  // folded on the fly
    #expect(document.substring(utf8Range: 0..<7) == "Rockets")
  }

  @Test func givesTheTextBytesToWithUTF8() {
    let big = "Floods hit Kābul. " + String(repeating: "x", count: 30)
    let sliced = String(big.dropFirst(11).prefix(6))  // "Kābul."
    let document = TokenizedText(text: sliced, tokens: [])
    let bytes = document.withUTF8 { Array($0) }
    #expect(bytes == Array("Kābul.".utf8))
  }

  @Test func keepsTheReferenceDate() throws {
    let date = try #require(CalendarDate(parsing: "2024-03-26"))
    let document = TokenizedText(text: "", tokens: [], referenceDate: date)
    #expect(document.referenceDate == date)
  }
}
