import EntityExtraction
import Testing
import _EntityExtractionTestSupport

@Suite struct WordSegmenterTests {
  let segmenter: WordSegmenter

  init() throws { segmenter = try WordSegmenter() }

  func tokens(_ text: String, vocabulary: Vocabulary = Vocabulary()) -> [Token] {
    segmenter.tokens(in: text, vocabulary: vocabulary)
  }

  /// The kind of a token as the label a `MarkedText` sample writes.
  static func kindName(_ kind: TokenKind) -> EntityLabel {
    switch kind {
    case .word: "word"
    case .number: "number"
    case .punctuation: "punctuation"
    case .ideographic: "ideographic"
    default: "unknown"
    }
  }

  /// Each token as a `MarkedText` mention labelled with its kind.
  func kindMentions(_ sample: MarkedText) -> [MarkedText.Mention] {
    let bytes = Array(sample.text.utf8)
    return tokens(sample.text).map {
      MarkedText.Mention(
        utf8Range: $0.utf8Range, label: Self.kindName($0.kind),
        text: String(decoding: bytes[$0.utf8Range], as: UTF8.self))
    }
  }

  @Test(arguments: [
    "[Floods|word] [hit|word] [Dhaka|word] [on|word] [3|number] [May|word][.|punctuation]",
    "[At|word] [least|word] [1,247|number] [people|word] [fled|word][,|punctuation] [2.5|number][%|punctuation]",
    "[The|word] [26th|word] [brigade|word] [don't|word] [retreat|word][!|punctuation]",
    "[U.S|word][.|punctuation] [troops|word] [left|word]",
    "[U.S|word][.|punctuation][-|punctuation][Pakistan|word] [talks|word]",
    "[Port|word][-|punctuation][au|word][-|punctuation][Prince|word]",
    "[Khyber|word][‑|punctuation][Pakhtunkhwa|word] [(|punctuation][KP|word][)|punctuation]",
    "[“|punctuation][Kabul|word][”|punctuation] [‘|punctuation][Herat|word][’|punctuation]",
    "[They’re|word] [safe|word][,|punctuation] [aren't|word] [they|word][?|punctuation]",
  ])
  func cutsTokensAtTheRightOffsetsWithTheirKinds(_ marked: String) throws {
    let sample = try MarkedText(marked)
    #expect(kindMentions(sample) == sample.expectedMentions)
  }

  @Test(arguments: [
    ("Kabul", true, false, false),
    ("KABUL", true, true, false),
    ("kabul", false, false, true),
    ("McDonald", true, false, false),
    ("eBay", false, false, false),
    ("TTP", true, true, false),
    ("Kandahār", true, false, false),
    ("ÉCOLE", true, true, false),
    ("élan", false, false, true),
    ("1,247", false, false, false),
    ("پاکستان", false, false, false),
  ])
  func reportsLetterCaseShape(
    _ word: String, _ capitalized: Bool, _ allCaps: Bool, _ lowercase: Bool
  ) throws {
    let token = try #require(tokens(word).first)
    #expect(token.shape.isCapitalized == capitalized)
    #expect(token.shape.isAllCaps == allCaps)
    #expect(token.shape.isLowercase == lowercase)
  }

  @Test func reportsShapeBits() throws {
    let all = tokens("U.S 3rd پاکستان 12 Kabul")
    try #require(all.count == 5)
    #expect(all[0].shape == [.hasUpper, .firstUpper, .hasSymbol])
    #expect(all[1].shape == [.hasDigit, .hasLower])
    #expect(all[2].shape == [.hasCaselessLetter])
    #expect(all[3].shape == [.hasDigit])
    #expect(all[4].shape == [.hasUpper, .firstUpper, .hasLower])
  }

  @Test func flagsSpaceAndLineStarts() {
    let text = "Kabul.\nHerat, then  Kandahar\n\nand\tQuetta"
    let flags = tokens(text).map(\.flags)
    #expect(
      tokenTexts(tokens(text), in: text) == [
        "Kabul", ".", "Herat", ",", "then", "Kandahar", "and", "Quetta",
      ])
    #expect(
      flags == [
        [.spaceBefore, .lineStart], [], [.spaceBefore, .lineStart], [], [.spaceBefore],
        [.spaceBefore], [.spaceBefore, .lineStart], [.spaceBefore],
      ])
  }

  @Test func firstTokenStartsALineEvenAfterLeadingSpace() throws {
    let first = try #require(tokens("   Kabul").first)
    #expect(first.flags == [.spaceBefore, .lineStart])
    #expect(first.utf8Range == 3..<8)
  }

  @Test func handlesCRLFLineBreaks() throws {
    let sample = try MarkedText(
      "[Kabul|word]\r\n[Herat|word]\r\n\r\n[Quetta|word][.|punctuation]\r\n")
    #expect(kindMentions(sample) == sample.expectedMentions)
    let all = tokens(sample.text)
    #expect(all.map { $0.flags.contains(.lineStart) } == [true, true, true, false])
  }

  @Test(arguments: [
    "\u{00A0}",  // NO-BREAK SPACE
    "\u{2007}",  // FIGURE SPACE
    "\u{3000}",  // IDEOGRAPHIC SPACE
    "\u{2003}",  // EM SPACE
    "\u{1680}",  // OGHAM SPACE MARK
    "\u{205F}",  // MEDIUM MATHEMATICAL SPACE
  ])
  func treatsUnicodeSpacesAsSpace(_ space: String) throws {
    let text = "Kabul\(space)city"
    let all = tokens(text)
    #expect(tokenTexts(all, in: text) == ["Kabul", "city"])
    #expect(all.last?.flags == [.spaceBefore])
  }

  /// ICU gives U+202F the word-break class ExtendNumLet (for Mongolian), so without
  /// help it glues "Kabul\u{202F}city" into one word that contains a space.
  @Test(
    .bug(
      id: "nnbsp-inside-token",
      "NARROW NO-BREAK SPACE between words yields one token that contains white space"))
  func splitsWordsAtANarrowNoBreakSpace() {
    let text = "Floods in Kabul\u{202F}city and Herat"
    let all = tokens(text)
    #expect(tokenTexts(all, in: text) == ["Floods", "in", "Kabul", "city", "and", "Herat"])
  }

  @Test func skipsAByteOrderMarkAtTheStart() throws {
    let text = "\u{FEFF}Kabul fell"
    let all = tokens(text)
    #expect(tokenTexts(all, in: text) == ["Kabul", "fell"])
    #expect(all.first?.utf8Range == 3..<8)
    #expect(all.first?.flags == [.spaceBefore, .lineStart])
  }

  @Test(arguments: ["\u{2028}", "\u{2029}", "\u{0085}", "\u{000B}", "\u{000C}", "\r"])
  func treatsUnicodeLineBreaksAsLineStarts(_ lineBreak: String) {
    let text = "Kabul\(lineBreak)Herat"
    let all = tokens(text)
    #expect(tokenTexts(all, in: text) == ["Kabul", "Herat"])
    #expect(all.last?.flags == [.spaceBefore, .lineStart])
  }

  @Test func keepsCombiningMarksOfNFDTextInsideTokens() {
    // NFD: a + U+0304, a + U+0303, o + U+0308, e + U+0301.
    let text = "Kandaha\u{0304}r, Sa\u{0303}o Paulo; Ko\u{0308}ln and Te\u{0301}touan."
    let all = tokens(text)
    #expect(
      tokenTexts(all, in: text) == [
        "Kandaha\u{0304}r", ",", "Sa\u{0303}o", "Paulo", ";", "Ko\u{0308}ln", "and",
        "Te\u{0301}touan", ".",
      ])
    let bytes = Array(text.utf8)
    for token in all {
      #expect(isScalarBoundary(token.utf8Range.lowerBound, in: bytes))
      #expect(isScalarBoundary(token.utf8Range.upperBound, in: bytes))
    }
  }

  @Test func keepsEmojiSequencesWhole() {
    let text = "Medics 👩‍⚕️ arrived 👨‍👩‍👧 near 🇵🇰 and 👍🏽."
    let all = tokens(text)
    #expect(
      tokenTexts(all, in: text) == [
        "Medics", "👩‍⚕️", "arrived", "👨‍👩‍👧", "near", "🇵🇰", "and", "👍🏽", ".",
      ])
    #expect(all.filter { $0.kind == .punctuation }.count == 5)
  }

  @Test func segmentsRightToLeftText() throws {
    let urdu = "پاکستان میں ١٢٣ افراد"
    let all = tokens(urdu)
    #expect(tokenTexts(all, in: urdu) == ["پاکستان", "میں", "١٢٣", "افراد"])
    #expect(all.map(\.kind) == [.word, .word, .number, .word])
    #expect(all.allSatisfy { !$0.shape.isCapitalized })
    #expect(all[0].shape.contains(.hasCaselessLetter))

    let arabic = "قصف في كابل، ثم هرات."
    #expect(
      tokenTexts(tokens(arabic), in: arabic) == ["قصف", "في", "كابل", "،", "ثم", "هرات", "."])
  }

  @Test func segmentsMixedDirectionText() {
    let text = "The city of کابل (Kabul) was hit."
    #expect(
      tokenTexts(tokens(text), in: text) == [
        "The", "city", "of", "کابل", "(", "Kabul", ")", "was", "hit", ".",
      ])
  }

  @Test func segmentsCJKByDictionary() {
    let text = "北京发生地震。東京のニュース"
    let all = tokens(text)
    #expect(all.count > 3)
    #expect(tokenTexts(all, in: text).joined() == text)
    #expect(all.filter { $0.kind == .ideographic }.count == all.count - 1)
    #expect(tokenTexts(all, in: text).contains("。"))
    let bytes = Array(text.utf8)
    for token in all {
      #expect(isScalarBoundary(token.utf8Range.lowerBound, in: bytes))
      #expect(isScalarBoundary(token.utf8Range.upperBound, in: bytes))
    }
  }

  @Test(arguments: ["", " ", "   \n\t ", "\r\n", "\u{00A0}\u{3000}\u{2028}"])
  func yieldsNoTokensForEmptyOrBlankText(_ text: String) {
    #expect(tokens(text).isEmpty)
  }

  @Test func sentenceRangesOfEmptyTextAreEmpty() {
    #expect(segmenter.sentenceRanges(in: "").isEmpty)
  }

  static let unicodeSamples = [
    "Floods hit Dhaka. Rescuers arrived on Monday!  Is it over?\nYes.",
    "Kabul\r\nHerat. Quetta\r\n",
    "Kandaha\u{0304}r fell. Then Ko\u{0308}ln.",
    "北京发生地震。東京のニュース。",
    "پاکستان میں سیلاب۔ کابل میں بارش۔",
    "Medics 👩‍⚕️ arrived. Then 🇵🇰!",
    "U.S. troops left. Mr. Khan stayed.",
    "   ",
    "No final punctuation",
  ]

  @Test(arguments: unicodeSamples)
  func sentenceRangesCoverTheText(_ text: String) {
    let ranges = segmenter.sentenceRanges(in: text)
    #expect(ranges.first?.lowerBound == 0)
    #expect(ranges.last?.upperBound == text.utf8.count)
    for (left, right) in zip(ranges, ranges.dropFirst()) {
      #expect(left.upperBound == right.lowerBound)
    }
    #expect(ranges.allSatisfy { !$0.isEmpty })
  }

  @Test func returnsMoreSentencesThanOneBatch() {
    let text = String(repeating: "Rain fell in Quetta. ", count: 1000)
    let ranges = segmenter.sentenceRanges(in: text)
    #expect(ranges.count == 1000)
    #expect(ranges.last == text.utf8.count - 21..<text.utf8.count)
  }

  @Test func splitsSentences() {
    let text = "Floods hit Dhaka. Rescuers arrived on Monday! Is it over?"
    let ranges = segmenter.sentenceRanges(in: text)
    let bytes = Array(text.utf8)
    #expect(
      ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == [
        "Floods hit Dhaka. ", "Rescuers arrived on Monday! ", "Is it over?",
      ])
  }

  /// What lies between tokens is white space, and tokens never start or end with it.
  @Test(arguments: unicodeSamples + ["Kabul\u{00A0}city\u{202F}and\u{3000}more"])
  func tokensLeaveOutOnlyWhiteSpace(_ text: String) {
    let bytes = Array(text.utf8)
    var previousEnd = 0
    for token in tokens(text) {
      #expect(token.utf8Range.lowerBound >= previousEnd)
      #expect(!token.utf8Range.isEmpty)
      let gap = String(decoding: bytes[previousEnd..<token.utf8Range.lowerBound], as: UTF8.self)
      #expect(
        gap.unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "gap \(gap.debugDescription)")
      let tokenText = String(decoding: bytes[token.utf8Range], as: UTF8.self)
      #expect(tokenText.unicodeScalars.first?.properties.isWhitespace == false)
      #expect(tokenText.unicodeScalars.last?.properties.isWhitespace == false)
      previousEnd = token.utf8Range.upperBound
    }
    let tail = String(decoding: bytes[previousEnd...], as: UTF8.self)
    #expect(tail.unicodeScalars.allSatisfy { $0.properties.isWhitespace })
  }

  @Test func looksTokensUpInTheVocabulary() throws {
    var vocabulary = Vocabulary()
    let kabul = vocabulary.insert(folded: "kabul")
    let text = "KABUL, Kabul and Kābul but not Herat"
    let all = tokens(text, vocabulary: vocabulary)
    #expect(all.map(\.id) == [kabul, nil, kabul, nil, kabul, nil, nil, nil])
  }

  @Test func segmentsLongTextsInManyBatches() {
    // More segments than the segmenter's 1024-entry scratch buffer.
    let text = String(repeating: "Kabul, Herat. ", count: 1000)
    let all = tokens(text)
    #expect(all.count == 4000)
    #expect(all.last?.utf8Range.upperBound == text.utf8.count - 1)
  }

  @Test func reportsTheICUVersion() {
    #expect(!WordSegmenter.icuVersion.isEmpty)
  }
}
