/// The evidence that a document read in windows carries to each window: the stretches of
/// its own text, from every other window, in which the name and place recognizers found
/// a name.
///
/// Some decisions are the whole document's: a bare surname is the person named in full
/// elsewhere (or ambiguous between two), an acronym means what it was defined as, a
/// shorter organization name takes the longer one's canonical name, a headline reports a
/// name the body confirms, and an ambiguous place is resolved by the countries and
/// provinces of the document's other places. Rather than teach each rule about windows,
/// each window is read together with the evidence, as the document's own tokens: the
/// lines (or, in a long line, the tokens around the name) in which a first pass over the
/// windows found a person, an organization or a place, one per distinct name, set before
/// or after the window's tokens in document order, each opening a line. The rules then
/// see the names they would have seen in the whole document, and decide as they would
/// there; the mentions found in the evidence are dropped.
struct DocumentEvidence {
  /// A stretch of the document's tokens.
  struct Unit {
    /// The tokens, with their offsets in the document, in order.
    var tokens: [Token]
    /// The capitalised words of its name (see ``DocumentEvidence/wordKey(of:in:)``): the
    /// unit joins a window in which one of them is capitalised too. Empty for a place,
    /// which joins every window (the countries of a document are evidence everywhere).
    var triggers: [UInt64]

    /// The bytes the tokens cover.
    var utf8Range: Range<Int> {
      guard let first = tokens.first, let last = tokens.last else { return 0..<0 }
      return Int(first.utf8Start)..<Int(last.utf8End)
    }
  }

  /// A line at most this long is carried whole for a person or organization (so that a
  /// headline stays a headline); in a longer one, the tokens around the name.
  static let wholeLineBytes = 2_048
  /// The tokens carried on each side of a person or organization in a line longer than
  /// ``wholeLineBytes``.
  static let contextTokens = 48
  /// The tokens carried on each side of a place: its country counts wherever it is, and
  /// a few words around it keep the name rules from reading it as something else.
  static let placeContextTokens = 8
  /// How many tokens after an organization are read for the acronym it defines
  /// ("… Department (CTD)", "…, or NACTA,").
  static let acronymTokens = 3
  /// The most evidence tokens a window is read with; beyond, the names' units are left
  /// out (the people and organizations first, the places last).
  static let maximumTokensPerWindow = 250_000

  /// The units, in the order they were found (document order, window by window).
  private(set) var units: [Unit] = []
  /// The names that have a unit: label and canonical name (or text), or place entry.
  private var keys: Set<String> = []

  /// The key of a capitalised word: its vocabulary ID, or a hash of its bytes with ASCII
  /// letters in lower case (the same word capitalised or in capitals gets the same key).
  static func wordKey(of token: Token, in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    if token.rawID != Token.noID { return UInt64(token.rawID) << 32 | 0xFFFF_FFFF }
    var hash = Vocabulary.fnvOffsetBasis
    for byte in bytes[token.utf8Range] {
      let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
      hash = (hash ^ UInt64(folded)) &* Vocabulary.fnvPrime
    }
    // Never of the form of a vocabulary word's key (low half all ones).
    return hash & 0xFFFF_FFFF == 0xFFFF_FFFF ? hash ^ 1 : hash
  }

  /// Whether a token is a word that starts with a capital.
  @inline(__always)
  static func isCapitalisedWord(_ token: Token) -> Bool {
    token.kind == .word && token.shape.isCapitalized
  }

  /// Adds a unit for each person, organization and place of `mentions` that starts in
  /// `owned` and whose name (label, canonical name or entry, and text) has none yet.
  ///
  /// - Parameters:
  ///   - document: What the mentions were found in, whose tokens are one window's.
  ///   - startsDocument: The window's first token is the document's.
  ///   - endsDocument: The window's last token is the document's.
  mutating func collect(
    from mentions: [Entity], owned: Range<Int>, in document: TokenizedText, startsDocument: Bool,
    endsDocument: Bool
  ) {
    let tokens = document.tokens
    guard !tokens.isEmpty else { return }
    document.withUTF8 { bytes in
      for mention in mentions where owned.contains(mention.utf8Range.lowerBound) {
        let isPlace = mention.label == .place
        guard isPlace || mention.label == .person || mention.label == .organization else {
          continue
        }
        let name = isPlace ? mention.entryID ?? "" : mention.canonicalName ?? ""
        let key =
          mention.label.rawValue + "\t" + name + "\t"
          + String(decoding: UnsafeBufferPointer(rebasing: bytes[mention.utf8Range]), as: UTF8.self)
        guard !keys.contains(key) else { continue }
        let first = Self.firstToken(in: tokens, atOrAfter: mention.utf8Range.lowerBound)
        var last = first
        while last < tokens.count && Int(tokens[last].utf8Start) < mention.utf8Range.upperBound {
          last += 1
        }
        guard first < last else { continue }
        keys.insert(key)
        var triggers: [UInt64] = []
        if !isPlace {
          for index in first..<last where Self.isCapitalisedWord(tokens[index]) {
            triggers.append(Self.wordKey(of: tokens[index], in: bytes))
          }
          // The acronym an organization defines joins the windows that use it.
          if mention.label == .organization {
            for index in last..<min(tokens.count, last + Self.acronymTokens)
            where tokens[index].kind == .word && tokens[index].shape.isAllCaps {
              triggers.append(Self.wordKey(of: tokens[index], in: bytes))
            }
          }
          guard !triggers.isEmpty else { continue }
        }
        var line = first..<last
        while line.lowerBound > 0 && !tokens[line.lowerBound].flags.contains(.lineStart) {
          line = (line.lowerBound - 1)..<line.upperBound
        }
        while line.upperBound < tokens.count && !tokens[line.upperBound].flags.contains(.lineStart)
        {
          line = line.lowerBound..<(line.upperBound + 1)
        }
        // The window's first token opens a line of the window, not always of the document;
        // its last may be cut off from the rest of its line.
        let isWhole =
          !isPlace && (line.lowerBound > 0 || startsDocument)
          && (line.upperBound < tokens.count || endsDocument)
          && Int(tokens[line.upperBound - 1].utf8End) - Int(tokens[line.lowerBound].utf8Start)
            <= Self.wholeLineBytes
        let around = isPlace ? Self.placeContextTokens : Self.contextTokens
        let span =
          isWhole
          ? line : max(line.lowerBound, first - around)..<min(line.upperBound, last + around)
        units.append(Unit(tokens: Array(tokens[span]), triggers: triggers))
      }
    }
  }

  /// The index of the first token that ends after `offset`.
  static func firstToken(in tokens: [Token], atOrAfter offset: Int) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if Int(tokens[middle].utf8End) <= offset { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The evidence for a window that covers `window` and whose capitalised words have the
  /// keys `words`: the tokens of the units before it and after it, in document order,
  /// each unit opening a line; units that overlap the window are left out (the window
  /// has their text).
  func tokens(around window: Range<Int>, words: Set<UInt64>) -> (before: [Token], after: [Token]) {
    var chosen: [Int] = []
    var count = 0
    // People and organizations first, then places, within the bound.
    for wantsPlaces in [false, true] {
      for (index, unit) in units.enumerated() where unit.triggers.isEmpty == wantsPlaces {
        let range = unit.utf8Range
        guard range.upperBound <= window.lowerBound || range.lowerBound >= window.upperBound else {
          continue
        }
        guard wantsPlaces || unit.triggers.contains(where: words.contains) else { continue }
        guard count + unit.tokens.count <= Self.maximumTokensPerWindow else { continue }
        chosen.append(index)
        count += unit.tokens.count
      }
    }
    chosen.sort { units[$0].utf8Range.lowerBound < units[$1].utf8Range.lowerBound }
    var before: [Token] = []
    var after: [Token] = []
    for index in chosen {
      if units[index].utf8Range.upperBound <= window.lowerBound {
        Self.append(units[index].tokens, to: &before)
      } else {
        Self.append(units[index].tokens, to: &after)
      }
    }
    return (before, after)
  }

  /// Appends a unit's tokens to `list` in document order. A unit that overlaps the last
  /// one continues it (the tokens the list holds already are skipped); any other opens a
  /// line.
  private static func append(_ tokens: [Token], to list: inout [Token]) {
    guard let first = tokens.first else { return }
    let end = list.last.map { Int($0.utf8End) } ?? -1
    if Int(first.utf8Start) >= end {
      var opening = first
      opening.flags.formUnion([.lineStart, .spaceBefore])
      list.append(opening)
      list.append(contentsOf: tokens.dropFirst())
    } else {
      for token in tokens where Int(token.utf8Start) >= end { list.append(token) }
    }
  }
}
