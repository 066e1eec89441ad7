import CICUShim

/// Splits text into tokens and sentences with ICU's rules (the system `libicu`).
///
/// A token is a segment of ICU's word-break iterator that is not white space: a word
/// ("Kabul", "U.S", "don't"), a number ("1,247"), or one punctuation mark or symbol.
/// Hyphens split words ("Port", "-", "au"); inner dots and apostrophes do not.
///
/// The segmenter itself holds no state: ICU's iterators live in per-thread storage
/// inside the C shim, opened once per thread. It is therefore `Sendable`, and one
/// segmenter may serve any number of tasks at once without locks.
///
///     let segmenter = try WordSegmenter()
///     let tokens = segmenter.tokens(in: "Floods hit Dhaka.", vocabulary: Vocabulary())
///     // "Floods", "hit", "Dhaka", "."
public struct WordSegmenter: Sendable {
  /// An ICU failure while opening the segmentation rules.
  public struct ICUError: Error, CustomStringConvertible, Sendable {
    /// The ICU error name, such as `U_MISSING_RESOURCE_ERROR`.
    public var name: String
    /// What failed and how to install ICU.
    public var description: String {
      "ICU could not open its word-break rules (\(name)); is libicu installed? "
        + "On Debian or Ubuntu: apt-get install libicu-dev"
    }
  }

  /// Checks that ICU works and creates a segmenter.
  ///
  /// - Throws: ``ICUError`` when ICU cannot open its break rules.
  public init() throws(ICUError) {
    let status = eex_icu_initialize()
    if status != 0 { throw ICUError(name: String(cString: eex_icu_error_name(status))) }
  }

  /// The version of the system ICU library, such as "72.1".
  public static var icuVersion: String { String(cString: eex_icu_version()) }

  /// The largest text, in UTF-8 bytes, that can be segmented: ICU counts in `Int32`.
  public static let maximumTextLength = Int(Int32.max) - 1

  /// Returns the tokens of `text`, each with its ID in `vocabulary` (if any).
  ///
  /// Text longer than ``maximumTextLength`` bytes yields no tokens.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public func tokens(in text: String, vocabulary: Vocabulary) -> [Token] {
    var text = text
    return text.withUTF8 { tokens(inUTF8: $0, vocabulary: vocabulary) }
  }

  /// Returns the tokens of UTF-8 text; see ``tokens(in:vocabulary:)``.
  ///
  /// - Precondition: `bytes` is valid UTF-8.
  public func tokens(inUTF8 bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary)
    -> [Token]
  {
    guard bytes.count > 0, bytes.count <= Self.maximumTextLength else { return [] }
    var builder = TokenBuilder(bytes: bytes, vocabulary: vocabulary)
    // ASCII stretches are cut by `addASCIISegments`, which follows ICU's word rules for
    // ASCII exactly (checked against ICU by `ASCIIWordBreakTests`); ICU takes over from
    // the last certain boundary wherever a segment touches a non-ASCII byte, and hands
    // back at the first boundary before an ASCII byte.
    var hasICUText = false
    var position = 0
    while position < bytes.count {
      position = builder.addASCIISegments(from: position)
      guard position < bytes.count else { break }
      if !hasICUText {
        guard Self.beginICU(bytes) else { break }
        hasICUText = true
      }
      guard eex_word_seek(Int32(position)) == 1 else {
        // Not an ICU boundary: cannot happen while the ASCII rules match ICU's (the
        // tests check that they do). Should it happen, ICU cuts the whole text.
        assertionFailure("ASCII word rules disagree with ICU at offset \(position)")
        return tokensUsingICUOnly(inUTF8: bytes, vocabulary: vocabulary)
      }
      position = builder.addICUSegments(from: position, untilASCII: true)
    }
    return builder.tokens
  }

  /// The tokens of UTF-8 text with every boundary from ICU: the reference that the
  /// ASCII word rules of ``tokens(inUTF8:vocabulary:)`` are tested against.
  func tokensUsingICUOnly(inUTF8 bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary)
    -> [Token]
  {
    guard bytes.count > 0, bytes.count <= Self.maximumTextLength, Self.beginICU(bytes) else {
      return []
    }
    var builder = TokenBuilder(bytes: bytes, vocabulary: vocabulary)
    _ = builder.addICUSegments(from: 0, untilASCII: false)
    return builder.tokens
  }

  /// Gives `bytes` to this thread's ICU word iterator; `false` if ICU fails.
  private static func beginICU(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.withMemoryRebound(to: CChar.self) { eex_word_begin($0.baseAddress, Int32($0.count)) } == 0
  }

  /// Walks ICU's word boundaries over `text` without building tokens and returns their
  /// number: the bare cost of ICU, for benchmarks to compare the tokenizer against.
  public func _countICUWordBoundaries(in text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count > 0, bytes.count <= Self.maximumTextLength else { return 0 }
      return bytes.withMemoryRebound(to: CChar.self) {
        Int(eex_word_walk($0.baseAddress, Int32($0.count)))
      }
    }
  }

  /// The offset of a trailing "'s" or "’s" in a word longer than it, or `nil`.
  static func possessiveClitic(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    guard end - start > 2, bytes[end - 1] | 0x20 == UInt8(ascii: "s") else { return nil }
    if bytes[end - 2] == UInt8(ascii: "'") { return end - 2 > start ? end - 2 : nil }
    if end - start > 4, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99 {
      return end - 4
    }
    return nil
  }

  /// Returns the UTF-8 ranges of the sentences of `text`, by ICU's sentence rules.
  ///
  /// The ranges cover the whole text, trailing white space included.
  /// - Complexity: O(*n*).
  public func sentenceRanges(in text: String) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { bytes in
      var ranges: [Range<Int>] = []
      guard bytes.count > 0, bytes.count <= Self.maximumTextLength else { return ranges }
      let begun = bytes.withMemoryRebound(to: CChar.self) {
        eex_sentence_begin($0.baseAddress, Int32($0.count))
      }
      guard begun == 0 else { return [0..<bytes.count] }
      var ends = [Int32](repeating: 0, count: 256)
      var start = 0
      while true {
        let count = Int(eex_sentence_next(&ends, Int32(ends.count)))
        if count <= 0 { break }
        for i in 0..<count {
          ranges.append(start..<Int(ends[i]))
          start = Int(ends[i])
        }
      }
      return ranges
    }
  }
}

/// Turns ICU word segments into tokens: classifies, splits at narrow no-break spaces
/// and possessive clitics, folds and looks each piece up in the vocabulary.
private struct TokenBuilder {
  let bytes: UnsafeBufferPointer<UInt8>
  let vocabulary: Vocabulary
  var tokens: [Token] = []
  var fold = FoldBuffer()
  var pending: Token.Flags = [.spaceBefore, .lineStart]
  var kind = TokenKind.word

  init(bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) {
    self.bytes = bytes
    self.vocabulary = vocabulary
    tokens.reserveCapacity(bytes.count / 5 + 1)
  }

  /// Adds the segments of the ASCII text from `start` (a boundary) on, as ICU's word
  /// rules (UAX #29 as ICU 72's `word.txt` has it) cut ASCII, and returns where it
  /// stopped: the end of the text, or a boundary whose segment touches a non-ASCII
  /// byte, whose end only ICU can tell (a letter, a combining mark, a wide space).
  ///
  /// Letters (and "@", which ICU counts as one), digits and "_" join; "." and "'"
  /// join letters to letters and digits to digits, "," and ";" digits to digits; runs
  /// of spaces form one segment, "\r\n" one; every other character is a segment
  /// alone. A word's status is 200 if it ends in a letter, 100 in a digit; ending in
  /// "_", 100 after a digit, else 200; a lone "_" and every other segment 0.
  mutating func addASCIISegments(from start: Int) -> Int {
    let count = bytes.count
    // Read once: every use of the static checks its lazy initialization (a call).
    let classes = ASCIIWordClass.table
    var segmentStart = start
    while segmentStart < count {
      let first = bytes[segmentStart]
      if first >= 0x80 { return segmentStart }
      var end = segmentStart + 1
      var status: Int32 = 0
      let firstClass = classes[Int(first)]
      switch firstClass {
      case .letter, .digit, .underscore:
        var last = firstClass
        var beforeLast = ASCIIWordClass.other
        while end < count {
          // Eight bytes at a time through a run of word parts (most of a word), when the
          // eight are ASCII: the run's length is the count of leading word-part lanes,
          // and only its last two bytes matter to the rules below.
          if end + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + end).loadUnaligned(as: UInt64.self))
            if word & ASCIIFold.high == 0 {
              let run = (~ASCIIWordClass.wordPartLanes(word) & ASCIIFold.high).trailingZeroBitCount >> 3
              if run > 0 {
                beforeLast = run >= 2 ? classes[Int(bytes[end + run - 2])] : last
                last = classes[Int(bytes[end + run - 1])]
                end += run
                if run == 8 { continue }
              }
            }
          }
          let byte = bytes[end]
          if byte >= 0x80 { return segmentStart }
          let next = classes[Int(byte)]
          if next.isWordPart {
            beforeLast = last
            last = next
            end += 1
            continue
          }
          guard next.isMid, end + 1 < count else { break }
          let after = bytes[end + 1]
          if after >= 0x80 { return segmentStart }
          let afterClass = classes[Int(after)]
          if last == .letter && next != .midNum && afterClass == .letter
            || last == .digit && afterClass == .digit
          {
            beforeLast = next
            last = afterClass
            end += 2
            continue
          }
          break
        }
        switch last {
        case .letter: status = 200
        case .digit: status = 100
        default: status = end - segmentStart == 1 ? 0 : beforeLast == .digit ? 100 : 200
        }
      case .space:
        while end < count && bytes[end] == 0x20 { end += 1 }
        if end < count && bytes[end] >= 0x80 { return segmentStart }
      case .carriageReturn:
        if end < count && bytes[end] == 0x0A { end += 1 }
      case .newline:
        break
      default:
        // Another character alone, unless a combining mark follows (ICU keeps it).
        if end < count && bytes[end] >= 0x80 { return segmentStart }
      }
      addASCIISegment(segmentStart, end, status: status)
      segmentStart = end
    }
    return count
  }

  /// Adds the tokens of a segment cut by `addASCIISegments`: the tokens `addSegment` adds
  /// for it, without what only non-ASCII text needs (no narrow no-break space, no "’s",
  /// no ICU folding) and without the fold buffer (see `addASCIIPiece`).
  ///
  /// A segment of status 0 is a run of spaces, "\r\n", or one character: its first byte
  /// tells what `Whitespace.classify` would.
  @inline(__always)
  private mutating func addASCIISegment(_ start: Int, _ end: Int, status: Int32) {
    let kind: TokenKind
    switch status {
    case 200: kind = .word
    case 100: kind = .number
    default:
      switch bytes[start] {
      case 0x20, 0x09:
        pending.insert(.spaceBefore)
        return
      case 0x0A, 0x0B, 0x0C, 0x0D:
        pending.formUnion([.spaceBefore, .lineStart])
        return
      default:
        kind = .punctuation
      }
    }
    // A possessive "'s" is a token of its own, as `WordSegmenter.possessiveClitic` finds it.
    if kind == .word, end - start > 2, bytes[end - 1] | 0x20 == UInt8(ascii: "s"),
      bytes[end - 2] == UInt8(ascii: "'")
    {
      addASCIIPiece(start, end - 2, kind: kind)
      addASCIIPiece(end - 2, end, kind: kind)
    } else {
      addASCIIPiece(start, end, kind: kind)
    }
  }

  /// Adds the ASCII token `start..<end` as `addPiece` does, reading it 8 bytes at a time:
  /// the shape from lane masks, the folded bytes from ``ASCIIFold/fold(_:)``, and in the
  /// same pass the folded bytes' FNV-1a hash and 8-byte prefix, the values
  /// `Vocabulary.hash(_:)` and `Vocabulary.prefix(_:)` give, so the ID is the same.
  @inline(__always)
  private mutating func addASCIIPiece(_ start: Int, _ end: Int, kind: TokenKind) {
    var hash = Vocabulary.fnvOffsetBasis
    var prefix: UInt64 = 0
    var uppers: UInt64 = 0
    var lowers: UInt64 = 0
    var digits: UInt64 = 0
    var symbols: UInt64 = 0
    var firstUpper = false
    var chunkStart = start
    repeat {
      let length = min(8, end - chunkStart)
      let word = asciiWord(at: chunkStart, length: length)
      let upper = ASCIIFold.bytes(of: word, from: 0x41, through: 0x5A)
      let lower = ASCIIFold.bytes(of: word, from: 0x61, through: 0x7A)
      let digit = ASCIIFold.bytes(of: word, from: 0x30, through: 0x39)
      let letters = upper | lower
      if (uppers | lowers) == 0 {
        // No letter before this chunk: the first letter is its lowest flagged lane.
        firstUpper = (letters & (0 &- letters) & upper) != 0
      }
      uppers |= upper
      lowers |= lower
      digits |= digit
      // Every other byte of the token, zero included, is a symbol.
      symbols |= (ASCIIFold.high &>> (64 - 8 * UInt64(length))) & ~(letters | digit)
      let folded = ASCIIFold.fold(word)
      if chunkStart == start { prefix = folded }
      var rest = folded
      for _ in 0..<length {
        hash = (hash ^ (rest & 0xFF)) &* Vocabulary.fnvPrime
        rest &>>= 8
      }
      chunkStart += length
    } while chunkStart < end
    var shape = TokenShape()
    if uppers != 0 { shape.insert(.hasUpper) }
    if lowers != 0 { shape.insert(.hasLower) }
    if digits != 0 { shape.insert(.hasDigit) }
    if symbols != 0 { shape.insert(.hasSymbol) }
    if firstUpper { shape.insert(.firstUpper) }
    let (rawID, rootMask) = vocabulary.lookUpWithRootMask(
      unfoldedASCII: UnsafeBufferPointer(rebasing: bytes[start..<end]), hash: Vocabulary.finishHash(hash),
      prefix: prefix)
    // Offsets fit: the text is at most `WordSegmenter.maximumTextLength` bytes.
    tokens.append(
      Token(
        utf8Start: Int32(truncatingIfNeeded: start), utf8End: Int32(truncatingIfNeeded: end), rawID: rawID,
        kind: kind, shape: shape, flags: pending, rootMask: rootMask))
    pending = []
  }

  /// The `length` (1 to 8) bytes of the text from `start`, little-endian, zero above
  /// them: one load where 8 bytes remain, else byte by byte (no read past the text).
  @inline(__always)
  private func asciiWord(at start: Int, length: Int) -> UInt64 {
    if start + 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
      return word & (UInt64.max &>> (64 - 8 * UInt64(length)))
    }
    var word: UInt64 = 0
    for i in 0..<length { word |= UInt64(bytes[start + i]) &<< (8 * UInt64(i)) }
    return word
  }

  /// Adds ICU's segments from `start`, where the shim's iterator stands, to the end of
  /// the text, or with `untilASCII` to the first batch end before an ASCII byte; returns
  /// where it stopped.
  mutating func addICUSegments(from start: Int, untilASCII: Bool) -> Int {
    let capacity = untilASCII ? 16 : 1024
    let ends = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    let statuses = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    defer {
      ends.deallocate()
      statuses.deallocate()
    }
    var start = start
    while true {
      let count = Int(eex_word_next(ends, statuses, Int32(capacity)))
      if count <= 0 { return bytes.count }
      for i in 0..<count {
        let end = Int(ends[i])
        addSegment(start, end, status: statuses[i])
        start = end
      }
      if untilASCII && (start >= bytes.count || bytes[start] < 0x80) { return start }
    }
  }

  /// Adds the tokens of one ICU segment with its rule status.
  @inline(__always)
  mutating func addSegment(_ start: Int, _ end: Int, status: Int32) {
    switch status {
    case 100..<200: kind = .number
    case 200..<300: kind = .word
    case 300..<500: kind = .ideographic
    default:
      switch Whitespace.classify(bytes, start, end) {
      case .none: kind = .punctuation
      case .space:
        pending.insert(.spaceBefore)
        return
      case .lineBreak:
        pending.formUnion([.spaceBefore, .lineStart])
        return
      }
    }
    // ICU keeps a narrow no-break space (U+202F, E2 80 AF) inside words and numbers;
    // here it is white space, so the segment is split there.
    var pieceStart = start
    var index = start
    while index + 2 < end {
      if bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF {
        if index > pieceStart { addWord(pieceStart, index) }
        pending.insert(.spaceBefore)
        index += 3
        pieceStart = index
      } else {
        index += 1
      }
    }
    if pieceStart < end { addWord(pieceStart, end) }
  }

  /// Adds a word or number, split before a possessive clitic ("Pakistan’s" is one ICU
  /// word; the name must match alone).
  @inline(__always)
  private mutating func addWord(_ wordStart: Int, _ wordEnd: Int) {
    if kind == .word, let clitic = WordSegmenter.possessiveClitic(bytes, wordStart, wordEnd) {
      addPiece(wordStart, clitic)
      addPiece(clitic, wordEnd)
    } else {
      addPiece(wordStart, wordEnd)
    }
  }

  @inline(__always)
  private mutating func addPiece(_ pieceStart: Int, _ pieceEnd: Int) {
    let shape = fold.fold(UnsafeBufferPointer(rebasing: bytes[pieceStart..<pieceEnd]))
    let (rawID, rootMask) = fold.withFolded { vocabulary.lookUpWithRootMask($0) }
    tokens.append(
      Token(
        utf8Start: Int32(pieceStart), utf8End: Int32(pieceEnd), rawID: rawID, kind: kind,
        shape: shape, flags: pending, rootMask: rootMask))
    pending = []
  }
}

/// ASCII characters by their role in ICU's word rules.
enum ASCIIWordClass: UInt8 {
  case other, letter, digit, underscore, midNumLet, singleQuote, midNum, space
  case carriageReturn, newline

  /// Joins its neighbours in a word: letters, digits, "_".
  var isWordPart: Bool { self == .letter || self == .digit || self == .underscore }

  /// 0x80 in each lane of `word` whose byte is a word part (``isWordPart``: a letter,
  /// "@", a digit or "_"), 0 in the others.
  /// - Precondition: Every byte of `word` is below 0x80.
  @inline(__always)
  static func wordPartLanes(_ word: UInt64) -> UInt64 {
    ASCIIFold.bytes(of: word, from: 0x40, through: 0x5A)  // "@", "A"–"Z"
      | ASCIIFold.bytes(of: word, from: 0x61, through: 0x7A)
      | ASCIIFold.bytes(of: word, from: 0x30, through: 0x39)
      | ASCIIFold.bytes(of: word, from: 0x5F, through: 0x5F)
  }
  /// Joins two letters or two digits around it: ".", "'" (both), "," ";" (digits).
  var isMid: Bool { self == .midNumLet || self == .singleQuote || self == .midNum }

  /// The class of each ASCII byte, indexed by the byte. A loop reads it into a local
  /// once: each access to a static `let` checks that it is initialized.
  static let table: [ASCIIWordClass] = (0..<128).map { (code: Int) -> ASCIIWordClass in
    switch UInt8(code) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "@"):
      return .letter
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
    case UInt8(ascii: "_"): return .underscore
    case UInt8(ascii: "."): return .midNumLet
    case UInt8(ascii: "'"): return .singleQuote
    case UInt8(ascii: ","), UInt8(ascii: ";"): return .midNum
    case 0x20: return .space
    case 0x0D: return .carriageReturn
    case 0x0A, 0x0B, 0x0C: return .newline
    default: return .other
    }
  }
}
