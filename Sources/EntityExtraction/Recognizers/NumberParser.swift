/// A cardinal number read from tokens, as news writes it.
public struct ParsedNumber: Hashable, Sendable {
  /// The value: the number itself, or for vague plurals ("dozens") their lower bound.
  public var value: Int
  /// Whether the value is only a lower bound with no upper one: "dozens" (24…),
  /// "scores" (40…), "hundreds" (200…), "thousands" (2,000…).
  public var isOpenEnded: Bool
  /// The tokens the number spans, as indices into ``TokenizedText/tokens``.
  public var tokenRange: Range<Int>
}

/// Reads cardinal numbers from tokens: digits with separators ("1,247", "29,000"),
/// decimals with a scale ("2.5 million"), words ("eleven", "twenty-three", "a hundred
/// and five", "two dozen", "a dozen"), and vague plurals ("dozens", "scores",
/// "hundreds", "thousands", "hundreds of thousands").
///
/// One parser serves every recognizer that reads counts (dates' "two days ago",
/// casualty counts), so they agree on what a number is. It works on token IDs: the
/// number words are added to the shared ``Vocabulary`` when the parser is built.
///
/// A lone article ("a", "an") is a number only before a scale word ("a hundred",
/// "a dozen"); callers that read "a soldier" as one decide that themselves.
public struct NumberParser: Sendable {
  private enum Word: Sendable {
    case unit(Int)  // zero…nineteen, "one"
    case tens(Int)  // twenty…ninety
    case hundred
    case scale(Int)  // thousand, million, billion
    case dozen
    case vague(Int)  // dozens 24, scores 40, hundreds 200, thousands 2000, millions 2,000,000
    case article  // a, an
    case and
    case hyphen
    case of
  }

  private var words = TokenMap<Word>()
  /// Raw IDs of the words a spelled number can begin with: units, tens, vague plurals and
  /// the articles ("a hundred"). At a word token with any other ID ``number(in:at:)``
  /// finds nothing (a scale word, "dozen", "and", "-" or "of" cannot come first), so a
  /// caller may skip such a token without asking.
  private(set) var startIDs: [UInt32] = []
  /// `startIDs` as a bit per ID, for ``canBeginNumberWords(_:)``.
  private var startWords = TokenBitSet()

  /// Builds the parser, adding its number words to `vocabulary`.
  public init(vocabulary: inout Vocabulary) {
    let units = [
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
      "nineteen",
    ]
    for (value, word) in units.enumerated() { add(word, .unit(value), &vocabulary) }
    let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    for (index, word) in tens.enumerated() { add(word, .tens(20 + 10 * index), &vocabulary) }
    add("hundred", .hundred, &vocabulary)
    add("thousand", .scale(1000), &vocabulary)
    add("million", .scale(1_000_000), &vocabulary)
    add("billion", .scale(1_000_000_000), &vocabulary)
    add("dozen", .dozen, &vocabulary)
    add("tens", .vague(20), &vocabulary)
    add("dozens", .vague(24), &vocabulary)
    add("scores", .vague(40), &vocabulary)
    add("hundreds", .vague(200), &vocabulary)
    add("thousands", .vague(2000), &vocabulary)
    add("millions", .vague(2_000_000), &vocabulary)
    add("a", .article, &vocabulary)
    add("an", .article, &vocabulary)
    add("and", .and, &vocabulary)
    add("-", .hyphen, &vocabulary)
    add("of", .of, &vocabulary)
    var starts: [UInt32] = []
    words.forEachEntry { id, word in
      switch word {
      case .unit, .tens, .vague, .article: starts.append(id)
      case .hundred, .scale, .dozen, .and, .hyphen, .of: break
      }
    }
    startIDs = starts.sorted()
    for id in startIDs { startWords.insert(id) }
  }

  private mutating func add(_ word: String, _ meaning: Word, _ vocabulary: inout Vocabulary) {
    words[vocabulary.insert(folded: word).rawValue] = meaning
  }

  /// Whether a number in words can start with the word of this raw ID (one of
  /// `startIDs`): at a word token for which this is `false`, ``number(in:at:)`` returns
  /// `nil`. One load, for callers that would ask the parser at most tokens.
  @inline(__always)
  func canBeginNumberWords(_ rawID: UInt32) -> Bool { startWords.contains(rawID) }

  /// Reads the number that starts at `tokenIndex`, if one does.
  ///
  /// - Complexity: O(*k*) in the number's length in tokens.
  public func number(in document: TokenizedText, at tokenIndex: Int) -> ParsedNumber? {
    document.withUTF8 { number(in: document.tokens, bytes: $0, at: tokenIndex) }
  }

  /// As ``number(in:at:)``, for a caller that already holds the document's tokens and its
  /// UTF-8 bytes (as ``TokenizedText/withUTF8(_:)`` passes them).
  ///
  /// - Complexity: O(*k*) in the number's length in tokens.
  func number(in tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, at tokenIndex: Int) -> ParsedNumber? {
    guard tokenIndex < tokens.count else { return nil }
    if tokens[tokenIndex].kind == .number {
      return digits(in: tokens, bytes: bytes, at: tokenIndex)
    }
    return numberWords(in: tokens, at: tokenIndex)
  }

  private func word(_ tokens: [Token], _ index: Int) -> Word? {
    guard index < tokens.count else { return nil }
    return words[tokens[index].rawID]
  }

  /// The index after an "and" that joins a scale word to a smaller number ("a hundred
  /// and five"); `index` itself when no such "and" follows.
  private func skippingAnd(_ tokens: [Token], _ index: Int) -> Int {
    guard case .and = word(tokens, index) else { return index }
    switch word(tokens, index + 1) {
    case .unit?, .tens?: return index + 1
    default: return index
    }
  }

  /// "1,247", "29,000", "16", "2.5 million", "3 thousand".
  private func digits(in tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ParsedNumber? {
    let token = tokens[start]
    var integer = 0
    var fraction = 0.0
    var scale = 1.0
    var seenDot = false
    var valid = true
    for index in token.utf8Range {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Int(byte - 0x30)
        if seenDot {
          scale /= 10
          fraction += Double(digit) * scale
        } else {
          let (product, overflow1) = integer.multipliedReportingOverflow(by: 10)
          let (sum, overflow2) = product.addingReportingOverflow(digit)
          if overflow1 || overflow2 { valid = false }
          integer = sum
        }
      case UInt8(ascii: ","), UInt8(ascii: "'"), 0xE2, 0x80, 0xAF:
        continue  // thousands separators (comma, apostrophe, narrow no-break space)
      case UInt8(ascii: "."):
        if seenDot { valid = false }
        seenDot = true
      default:
        valid = false
      }
    }
    guard valid else { return nil }
    var end = start + 1
    var value = Double(integer) + fraction
    // The next word looked up once, not once per kind of scale.
    switch word(tokens, end) {
    case .scale(let multiplier)?:
      value *= Double(multiplier)
      end += 1
    case .hundred?:
      value *= 100
      end += 1
    default:
      if !seenDot {
        // A whole number alone ("16", "1,247"), the common case: `value` is `integer` as a
        // `Double`, exact below 9.0e15 (< 2^53), so the checks below would pass it and
        // round it back to `integer`. Returning it here skips their two calls into the C
        // library (`floor`, `round`).
        guard value < 9.0e15 else { return nil }
        return ParsedNumber(value: integer, isOpenEnded: false, tokenRange: start..<end)
      }
    }
    guard value < 9.0e15, value == value.rounded(.down) || end > start + 1 else {
      // A bare decimal ("2.5") is not a count of people.
      return nil
    }
    return ParsedNumber(value: Int(value.rounded()), isOpenEnded: false, tokenRange: start..<end)
  }

  /// "eleven", "twenty-three", "a hundred and five", "two dozen", "dozens",
  /// "hundreds of thousands".
  private func numberWords(in tokens: [Token], at start: Int) -> ParsedNumber? {
    var index = start
    // Vague plurals, possibly "hundreds of thousands" / "tens of thousands".
    if case .vague(let lower) = word(tokens, index) {
      if case .of = word(tokens, index + 1), case .vague(let outer) = word(tokens, index + 2), outer > lower {
        return ParsedNumber(value: lower * outer / 2, isOpenEnded: true, tokenRange: start..<(index + 3))
      }
      return ParsedNumber(value: lower, isOpenEnded: true, tokenRange: start..<(index + 1))
    }
    var total = 0  // completed scale groups ("two thousand")
    var current = 0  // the group being read
    var sawNumber = false
    var end = start
    while index < tokens.count, let meaning = word(tokens, index) {
      switch meaning {
      case .article:
        // Only before a scale word: "a hundred", "a dozen", "a thousand".
        guard !sawNumber else { break }
        switch word(tokens, index + 1) {
        case .hundred?, .scale?, .dozen?:
          current = 1
          index += 1
          continue
        default:
          return nil
        }
      case .unit(let value):
        // A unit follows only a round tens or hundreds ("twenty three", "hundred five").
        if sawNumber && (current % 10 != 0 || (current % 100 != 0 && value >= 10)) { break }
        current += value
        sawNumber = true
        index += 1
        end = index
        continue
      case .tens(let value):
        if sawNumber && current % 100 != 0 { break }
        current += value
        sawNumber = true
        index += 1
        end = index
        // "twenty-three"
        if case .hyphen = word(tokens, index), case .unit(let unit) = word(tokens, index + 1), unit > 0, unit < 10 {
          current += unit
          index += 2
          end = index
        }
        continue
      case .hundred:
        guard sawNumber || current == 1 else { return nil }
        current = max(current, 1) * 100
        sawNumber = true
        index += 1
        end = index
        index = skippingAnd(tokens, index)  // "a hundred and five"
        continue
      case .scale(let multiplier):
        guard sawNumber || current == 1 else { return nil }
        total += max(current, 1) * multiplier
        current = 0
        sawNumber = true
        index += 1
        end = index
        index = skippingAnd(tokens, index)  // "two thousand and five"
        continue
      case .dozen:
        guard sawNumber || current == 1 else { return nil }
        current = max(current, 1) * 12
        sawNumber = true
        index += 1
        end = index
        continue
      case .vague, .and, .hyphen, .of:
        break
      }
      break
    }
    guard sawNumber, end > start else { return nil }
    return ParsedNumber(value: total + current, isOpenEnded: false, tokenRange: start..<end)
  }
}
