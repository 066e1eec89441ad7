/// A dense identifier for a folded token spelling known to an extractor's vocabulary.
///
/// Two tokens have the same ID exactly when their folded keys are equal (see
/// ``FoldedKey``). Words that appear in no gazetteer have no ID.
public struct TokenID: Hashable, Sendable, Comparable {
  /// The position of the spelling in its ``Vocabulary``.
  public var rawValue: UInt32

  /// Creates an ID from its raw value.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Orders IDs by raw value.
  public static func < (lhs: TokenID, rhs: TokenID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a token is made of, as ICU's word-break rules and its letters tell.
public struct TokenKind: RawRepresentable, Hashable, Sendable {
  /// The raw code of the kind.
  public var rawValue: UInt8
  /// Creates a kind from its raw code.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Letters, possibly with digits, apostrophes or inner dots ("Kabul", "U.S", "don't").
  public static let word = TokenKind(rawValue: 0)
  /// A number, possibly with separators ("1,247", "2.5", "26th" is a word).
  public static let number = TokenKind(rawValue: 1)
  /// Punctuation or a symbol ("," "-" "%" "€" "🙂").
  public static let punctuation = TokenKind(rawValue: 2)
  /// Ideographic or kana text, which ICU segments by dictionary.
  public static let ideographic = TokenKind(rawValue: 3)
}

/// The letter-case shape of a token, the cue that name rules rely on.
public struct TokenShape: OptionSet, Hashable, Sendable {
  /// The raw bits.
  public var rawValue: UInt8
  /// Creates a shape from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Has at least one upper-case (or title-case) letter.
  public static let hasUpper = TokenShape(rawValue: 1)
  /// Has at least one lower-case letter.
  public static let hasLower = TokenShape(rawValue: 2)
  /// Has at least one decimal digit.
  public static let hasDigit = TokenShape(rawValue: 4)
  /// Has a letter without case (Arabic, Devanagari, CJK…).
  public static let hasCaselessLetter = TokenShape(rawValue: 8)
  /// Its first letter is upper case.
  public static let firstUpper = TokenShape(rawValue: 16)
  /// Has punctuation, a symbol, or another non-letter, non-digit character.
  public static let hasSymbol = TokenShape(rawValue: 32)

  /// Starts with an upper-case letter: "Kabul", "KABUL", "McDonald".
  public var isCapitalized: Bool { contains(.firstUpper) }
  /// Has upper-case letters and no lower-case ones: "KABUL", "TTP", "U.S".
  public var isAllCaps: Bool { contains(.hasUpper) && !contains(.hasLower) }
  /// Has lower-case letters and no upper-case ones: "district".
  public var isLowercase: Bool { contains(.hasLower) && !contains(.hasUpper) }
}

/// One segment of text as the word segmenter cut it, white space excluded.
///
/// Offsets are UTF-8 byte offsets into the source text, half-open, and always fall on
/// Unicode scalar boundaries.
public struct Token: Hashable, Sendable {
  /// Offset of the first byte.
  public var utf8Start: Int32
  /// Offset just past the last byte.
  public var utf8End: Int32
  /// The vocabulary ID of the folded spelling, or `nil` when no gazetteer knows it.
  public var id: TokenID? {
    rawID == Token.noID ? nil : TokenID(rawValue: rawID)
  }
  /// The raw vocabulary ID; `Token.noID` when none.
  @usableFromInline var rawID: UInt32
  /// What the token is made of.
  public var kind: TokenKind
  /// Its letter-case shape.
  public var shape: TokenShape
  /// Layout facts about the token's surroundings.
  public var flags: Flags

  /// The raw ID of a token with no vocabulary entry.
  /// The root bits of the gazetteer matchers that have a pattern starting with this
  /// token (see `Vocabulary.claimRootBit()`), so a matcher skips the others with one
  /// test. Tokens made by the public initializer have all bits set: they may start
  /// anything. Not part of a token's identity (`==`, hashing).
  @usableFromInline var rootMask: UInt8 = 0xFF

  @usableFromInline static let noID = UInt32.max

  /// Facts about what precedes a token.
  public struct Flags: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public var rawValue: UInt8
    /// Creates flags from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// White space separates this token from the previous one (or it starts the text).
    public static let spaceBefore = Flags(rawValue: 1)
    /// A line break comes between the previous token and this one, or it starts the text.
    public static let lineStart = Flags(rawValue: 2)
  }

  /// The token's bytes as a range of UTF-8 offsets.
  public var utf8Range: Range<Int> { Int(utf8Start)..<Int(utf8End) }

  /// Creates a token.
  public init(
    utf8Range: Range<Int>, id: TokenID?, kind: TokenKind, shape: TokenShape, flags: Flags
  ) {
    self.utf8Start = Int32(utf8Range.lowerBound)
    self.utf8End = Int32(utf8Range.upperBound)
    self.rawID = id?.rawValue ?? Token.noID
    self.kind = kind
    self.shape = shape
    self.flags = flags
  }

  @inline(__always)
  init(
    utf8Start: Int32, utf8End: Int32, rawID: UInt32, kind: TokenKind, shape: TokenShape,
    flags: Flags, rootMask: UInt8
  ) {
    self.utf8Start = utf8Start
    self.utf8End = utf8End
    self.rawID = rawID
    self.kind = kind
    self.shape = shape
    self.flags = flags
    self.rootMask = rootMask
  }

  /// Tokens are equal when their range, ID, kind, shape and flags are.
  public static func == (lhs: Token, rhs: Token) -> Bool {
    lhs.utf8Start == rhs.utf8Start && lhs.utf8End == rhs.utf8End && lhs.rawID == rhs.rawID
      && lhs.kind == rhs.kind && lhs.shape == rhs.shape && lhs.flags == rhs.flags
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(utf8Start)
    hasher.combine(utf8End)
    hasher.combine(rawID)
    hasher.combine(kind)
    hasher.combine(shape)
    hasher.combine(flags)
  }
}
