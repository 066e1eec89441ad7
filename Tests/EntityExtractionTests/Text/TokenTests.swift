import EntityExtraction
import Testing

@Suite struct TokenTests {
  @Test func storesItsRangeAndID() {
    let token = Token(
      utf8Range: 4..<9, id: TokenID(rawValue: 7), kind: .word, shape: [.hasUpper, .firstUpper],
      flags: [.spaceBefore])
    #expect(token.utf8Range == 4..<9)
    #expect(token.utf8Start == 4 && token.utf8End == 9)
    #expect(token.id == TokenID(rawValue: 7))
    #expect(token.kind == .word)
    #expect(token.flags == [.spaceBefore])
  }

  @Test func tokenWithoutIDHasNone() {
    let token = Token(utf8Range: 0..<1, id: nil, kind: .punctuation, shape: .hasSymbol, flags: [])
    #expect(token.id == nil)
  }

  @Test func tokenIDsOrderByRawValue() {
    #expect(TokenID(rawValue: 1) < TokenID(rawValue: 2))
    #expect([TokenID(rawValue: 3), TokenID(rawValue: 0)].sorted().map(\.rawValue) == [0, 3])
  }

  @Test func kindsAreDistinct() {
    let kinds: Set<TokenKind> = [.word, .number, .punctuation, .ideographic]
    #expect(kinds.count == 4)
  }

  @Test(arguments: [
    (TokenShape([.hasUpper, .firstUpper, .hasLower]), true, false, false),
    (TokenShape([.hasUpper, .firstUpper]), true, true, false),
    (TokenShape([.hasUpper, .hasLower]), false, false, false),  // "eBay"
    (TokenShape([.hasLower]), false, false, true),
    (TokenShape([.hasLower, .hasDigit]), false, false, true),
    (TokenShape([.hasDigit]), false, false, false),
    (TokenShape([.hasCaselessLetter]), false, false, false),
    (TokenShape([]), false, false, false),
  ])
  func derivesCaseCategoriesFromShapeBits(
    _ shape: TokenShape, _ capitalized: Bool, _ allCaps: Bool, _ lowercase: Bool
  ) {
    #expect(shape.isCapitalized == capitalized)
    #expect(shape.isAllCaps == allCaps)
    #expect(shape.isLowercase == lowercase)
  }
}
