/// The date a document gives for its own publication, for documents that come without a
/// reference date: news carries it in a dateline ("QUETTA, March 3, 2024 —") or in its
/// first paragraph, which is where HeidelTime's news mode would read a document
/// creation time from if it had none.
extension DateRecognizer {
  /// How far into a document its own date is looked for, in UTF-8 bytes: a headline, a
  /// dateline and a first paragraph fit in it.
  static let documentDateSearchBytes = 1_000

  /// Dateline prefixes ("DAR ES SALAAM, Tanzania (AP) —") are at most this many bytes.
  static let datelinePlaceBytes = 80

  /// The date the document gives for itself: a dateline's, else the first full date of
  /// the first paragraph; `nil` when it gives none.
  ///
  /// Only full dates count (year, month and day, as written: "March 3, 2024",
  /// "2024-05-14", "3/3/2024"), found with no reference date, within the first
  /// ``documentDateSearchBytes`` bytes:
  ///
  /// 1. A **dateline**: a full date at the start of a line after a place written in
  ///    capitals ("QUETTA, March 3, 2024 —", "KABUL 2024-05-14"), or alone at the start of
  ///    a line and followed by nothing, a dash, a colon or a bracket ("March 3, 2024").
  /// 2. Else the first full date of the **first paragraph**: the text up to the end of the
  ///    first line that holds a sentence end (see ``isSentenceEnd(_:at:)``), so that a
  ///    headline or a dateline without a date before it is part of it.
  ///
  /// - Complexity: O(*k*) for the *k* tokens of the first ``documentDateSearchBytes`` bytes.
  func documentDate(in document: TokenizedText) -> CalendarDate? {
    let limit = Self.documentDateSearchBytes
    // A full date takes its year from four digits in the text: without them in the lead
    // (most leads), there is nothing to find and no need to read its dates.
    guard document.withUTF8({ Self.hasFourDigits(UnsafeBufferPointer(rebasing: $0[..<min(limit, $0.count)])) })
    else { return nil }
    var count = 0
    while count < document.tokens.count && Int(document.tokens[count].utf8End) <= limit {
      count += 1
    }
    guard count > 0 else { return nil }
    // The lead's dates, read with no reference date: only what the text says fully.
    let lead = TokenizedText(
      text: document.text, tokens: Array(document.tokens[..<count]), vocabulary: document.vocabulary
    )
    var dates: [Entity] = []
    recognize(lead, into: &dates)
    guard !dates.isEmpty else { return nil }
    return document.withUTF8 { bytes in
      let searched = UnsafeBufferPointer(rebasing: bytes[..<min(limit, bytes.count)])
      let paragraphEnd = Self.firstParagraphEnd(in: searched)
      var first: CalendarDate?
      for date in dates {
        // Cheap tests first: most dates of a lead are neither.
        let isDateline = Self.isDateline(date.utf8Range, in: searched)
        guard isDateline || (first == nil && date.utf8Range.upperBound <= paragraphEnd),
          let value = date.date?.value, let day = CalendarDate(parsing: value)
        else { continue }
        if isDateline { return day }
        first = day
      }
      return first
    }
  }

  /// Whether `bytes` hold four ASCII digits in a row.
  static func hasFourDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var run = 0
    for byte in bytes {
      if byte &- 0x30 < 10 {
        run += 1
        if run == 4 { return true }
      } else {
        run = 0
      }
    }
    return false
  }

  /// The end of the first paragraph of `bytes`: the first line break after the first
  /// sentence end, or the end of `bytes` when no line after a sentence end is complete.
  static func firstParagraphEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = 0
    var sawSentenceEnd = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        if sawSentenceEnd { return index }
      } else if !sawSentenceEnd && isSentenceEnd(bytes, at: index) {
        sawSentenceEnd = true
      }
      index += 1
    }
    return bytes.count
  }

  /// Whether the byte at `index` ends a sentence: a `.`, `!` or `?` after no capital
  /// (not "U.S." or "J."), perhaps closed by quotes or brackets, then white space and no
  /// lower-case letter or digit ("Aug. 14" goes on).
  static func isSentenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    let byte = bytes[index]
    guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else {
      return false
    }
    if byte == UInt8(ascii: "."), index > 0, bytes[index - 1] >= UInt8(ascii: "A"),
      bytes[index - 1] <= UInt8(ascii: "Z")
    {
      return false
    }
    var next = index + 1
    while next < bytes.count && isClosing(bytes, at: next) {
      next += closingLength(bytes, at: next)
    }
    guard next < bytes.count else { return true }
    guard bytes[next] <= 0x20 else { return false }
    while next < bytes.count && (bytes[next] == 0x20 || bytes[next] == 0x09) { next += 1 }
    guard next < bytes.count else { return true }
    let following = bytes[next]
    let goesOn =
      (following >= UInt8(ascii: "a") && following <= UInt8(ascii: "z"))
      || (following >= UInt8(ascii: "0") && following <= UInt8(ascii: "9"))
    return !goesOn
  }

  /// Whether the date at `range` of `bytes` is a dateline's (see ``documentDate(in:)``).
  static func isDateline(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard range.upperBound <= bytes.count else { return false }
    var lineStart = range.lowerBound
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D {
      lineStart -= 1
    }
    var prefixEnd = range.lowerBound
    while prefixEnd > lineStart && (bytes[prefixEnd - 1] == 0x20 || bytes[prefixEnd - 1] == 0x09) {
      prefixEnd -= 1
    }
    var prefixStart = lineStart
    while prefixStart < prefixEnd && (bytes[prefixStart] == 0x20 || bytes[prefixStart] == 0x09) {
      prefixStart += 1
    }
    if prefixStart < prefixEnd {
      return isDatelinePlace(UnsafeBufferPointer(rebasing: bytes[prefixStart..<prefixEnd]))
    }
    // A date alone at a line start is a dateline only if nothing but a separator follows.
    var next = range.upperBound
    while next < bytes.count && (bytes[next] == 0x20 || bytes[next] == 0x09) { next += 1 }
    guard next < bytes.count else { return true }
    switch bytes[next] {
    case 0x0A, 0x0D, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "("),
      UInt8(ascii: "|"):
      return true
    default:
      return isDash(bytes, at: next)
    }
  }

  /// Whether `prefix` (trimmed, not empty) is the place of a dateline: at most
  /// ``datelinePlaceBytes`` bytes of words that start in capitals ("QUETTA,", "Pakistan",
  /// "(AP)") or are dashes, the first of them in capitals throughout ("KABUL",
  /// "DAR ES SALAAM, Tanzania"), with no digit.
  static func isDatelinePlace(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
    guard prefix.count <= datelinePlaceBytes else { return false }
    var wordStart = true
    var isFirstWord = true
    var firstWordCapitals = 0
    var index = 0
    while index < prefix.count {
      let byte = prefix[index]
      if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ",") {
        if !wordStart { isFirstWord = false }
        wordStart = true
        index += 1
        continue
      }
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return false }
      if wordStart {
        wordStart = false
        let isDashWord =
          byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || isDash(prefix, at: index)
        var first = byte
        if byte == UInt8(ascii: "("), index + 1 < prefix.count { first = prefix[index + 1] }
        // A capital (ASCII) or a letter beyond ASCII, whose case is not read here.
        let isCapital = (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")) || first >= 0xC0
        if !isCapital && !isDashWord { return false }
        if isFirstWord && isDashWord { return false }
      }
      if isFirstWord {
        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return false }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { firstWordCapitals += 1 }
      }
      index += 1
    }
    return firstWordCapitals >= 2
  }

  /// Whether an en or em dash (U+2013, U+2014) starts at `index`.
  private static func isDash(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80
      && (bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94)
  }

  /// Whether a closing quote or bracket starts at `index`: `"`, `'`, `)`, `]`, or a
  /// right quotation mark (U+2019, U+201D).
  private static func isClosing(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    switch bytes[index] {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return true
    case 0xE2:
      return index + 2 < bytes.count && bytes[index + 1] == 0x80
        && (bytes[index + 2] == 0x99 || bytes[index + 2] == 0x9D)
    default: return false
    }
  }

  /// The length in bytes of the closing mark at `index` (see ``isClosing(_:at:)``).
  private static func closingLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    bytes[index] == 0xE2 ? 3 : 1
  }
}
