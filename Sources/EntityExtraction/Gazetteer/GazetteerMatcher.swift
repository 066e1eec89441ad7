/// How the matcher reports surfaces that overlap or nest.
public enum GazetteerMatchKind: Sendable {
  /// Scanning left to right, the longest surface that starts at the earliest token wins;
  /// scanning resumes after it. Matches never overlap. This is what recognizers use.
  case leftmostLongest
  /// Every surface at every position, overlapping and nested ones included.
  case all
}

/// One place where gazetteer surfaces matched.
public struct GazetteerMatch: Hashable, Sendable {
  /// The matched tokens, as indices into ``TokenizedText/tokens``.
  public var tokenRange: Range<Int>
  /// Every entry with a surface that matches these tokens, as indices into
  /// ``GazetteerMatcher/entries``, in load order. More than one means the name is
  /// ambiguous ("Hyderabad" in Sindh and in Telangana).
  public var entryIndices: [Int]

  /// Creates a match.
  public init(tokenRange: Range<Int>, entryIndices: [Int]) {
    self.tokenRange = tokenRange
    self.entryIndices = entryIndices
  }
}

/// Finds gazetteer entries in tokenized text: a trie over token IDs.
///
/// Every surface of every entry is segmented with the same ``WordSegmenter`` as the
/// text and folded the same way (see ``FoldedKey``), so "Khyber‑Pakhtunkhwa’s" in a text
/// meets "Khyber-Pakhtunkhwa" in a gazetteer. Case-sensitive surfaces (`=US`) also
/// compare each token's exact bytes. Surfaces of the `stop` type suppress a match: when
/// the longest surface at a position is a stop surface, nothing is reported there.
///
/// - Complexity: Matching is O(*n* × *k*) for *n* tokens and *k* the token length of
///   the longest surface, with one table lookup per step and no allocation except for
///   the matches reported.
public struct GazetteerMatcher: Sendable {
  /// The entries, in load order, after user entries replaced bundled ones.
  public var entries: GazetteerEntries { GazetteerEntries(store: store) }
  /// The entries, compactly stored.
  let store: GazetteerStore
  private var trie = TokenTrie()
  /// Identifies this compiled matcher, so that matches computed once for a document
  /// (``SharedGazetteerMatches``) are reused only by the matcher that made them.
  let identity = MatcherIdentity()
  /// This matcher's bit in the tokens' root masks (0: none left, every token is tried).
  /// Readable, so that a caller that walks from chosen tokens skips the same ones.
  private(set) var rootBit: UInt8 = 0

  /// Compiles entries into a matcher, adding their token spellings to `vocabulary`.
  ///
  /// - Parameters:
  ///   - entries: The entries (see ``merging(_:)`` for combining gazetteers).
  ///   - segmenter: The segmenter the text will be tokenized with.
  ///   - vocabulary: The vocabulary to extend; tokenize the text with it as this call
  ///     leaves it (a copy taken before lacks the new words, and the marks that let the
  ///     matcher skip tokens which start none of its surfaces).
  public init(entries: [GazetteerEntry], segmenter: WordSegmenter, vocabulary: inout Vocabulary) {
    self.init(store: GazetteerStore(entries: entries), segmenter: segmenter, vocabulary: &vocabulary)
  }

  /// Compiles a store of entries, adding their token spellings to `vocabulary`.
  init(store: GazetteerStore, segmenter: WordSegmenter, vocabulary: inout Vocabulary) {
    self.store = store
    var fold = FoldBuffer()
    var fast = SurfaceSegmenter()
    var segments: [Range<Int>] = []
    var ids: [TokenID] = []
    var exact: [[UInt8]] = []
    // The first tokens of surfaces, each once: a flag per token ID rather than a `Set`,
    // which hashed a million first tokens when compiling a million entries.
    var roots: [UInt32] = []
    var isRoot: [Bool] = []
    for index in 0..<store.count {
      var isAlias = false
      store.forEachSurface(of: index) { bytes, isCaseSensitive in
        defer { isAlias = true }  // the name comes first
        if !fast.segments(bytes, into: &segments) {
          segments = segmenter.tokens(inUTF8: bytes, vocabulary: vocabulary).map(\.utf8Range)
        }
        guard !segments.isEmpty else { return }
        ids.removeAll(keepingCapacity: true)
        exact.removeAll(keepingCapacity: true)
        for segment in segments {
          let tokenBytes = UnsafeBufferPointer(rebasing: bytes[segment])
          _ = fold.fold(tokenBytes)
          ids.append(fold.withFolded { TokenID(rawValue: vocabulary.insert($0)) })
          if isCaseSensitive { exact.append(Array(tokenBytes)) }
        }
        trie.insert(
          ids, entryIndex: index, exactSpellings: isCaseSensitive ? exact : nil, isAlias: isAlias,
          isStop: store.facts[index].flags.contains(.stop))
        let root = Int(ids[0].rawValue)
        if root >= isRoot.count { isRoot.append(contentsOf: repeatElement(false, count: root + 1 - isRoot.count)) }
        if !isRoot[root] {
          isRoot[root] = true
          roots.append(UInt32(root))
        }
      }
    }
    trie.finish(vocabularySize: vocabulary.count)
    rootBit = vocabulary.claimRootBit()
    if rootBit != 0 {
      for root in roots { vocabulary.markRoot(root, bit: rootBit) }
    }
  }

  /// Combines layers of gazetteers into one entry list.
  ///
  /// Within a layer, two entries with the same type and ID are an error. An entry in a
  /// later layer replaces the earlier entry with its type and ID, in place; new entries
  /// are appended. Layers are typically: bundled, then each `--gazetteers` directory,
  /// then gazetteers given in code.
  ///
  /// - Throws: ``GazetteerError/Kind/duplicateEntry(firstSource:firstLine:)``.
  public static func merging(_ layers: [[Gazetteer]]) throws(GazetteerError) -> [GazetteerEntry] {
    Array(GazetteerEntries(store: try GazetteerStore(layers: layers.map { $0.map { .memory($0) } })))
  }

  /// Returns the gazetteer matches in a document, in token order.
  ///
  /// - Complexity: O(*n* × *k*); see the type's discussion.
  public func matches(in document: TokenizedText, kind: GazetteerMatchKind = .leftmostLongest)
    -> [GazetteerMatch]
  {
    var found: [GazetteerMatch] = []
    forEachMatch(in: document, kind: kind) { tokenRange, entryIndices in
      found.append(GazetteerMatch(tokenRange: tokenRange, entryIndices: Array(entryIndices)))
    }
    return found
  }

  /// Calls `body` with each match's token range and entry indices, in token order,
  /// without allocating per match: `entryIndices` is only valid during the call.
  public func forEachMatch(
    in document: TokenizedText, kind: GazetteerMatchKind = .leftmostLongest,
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>) -> Void
  ) {
    forEachMatch(in: document, kind: kind) { tokenRange, entryIndices, _ in body(tokenRange, entryIndices) }
  }

  /// As ``forEachMatch(in:kind:_:)``, also saying for each entry whether only an alias
  /// (not its name) matched.
  func forEachMatch(
    in document: TokenizedText, kind: GazetteerMatchKind = .leftmostLongest,
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>, _ byAlias: ArraySlice<Bool>) -> Void
  ) {
    var scratch: [Int] = []
    var aliasScratch: [Bool] = []
    document.withUTF8 { text in
      document.tokens.withUnsafeBufferPointer { tokens in
        scan(
          tokens, text: text, reportingAll: kind == .all, scratch: &scratch, aliasScratch: &aliasScratch, body
        ) { trie, range, node, scratch, aliasScratch in
          guard kind == .leftmostLongest else { return false }
          report(
            trie, range, node: node, tokens: tokens, text: text, scratch: &scratch, aliasScratch: &aliasScratch, body)
          return true
        }
      }
    }
  }

  /// The matcher's scan: from each token that has this matcher's root bit, a trie walk,
  /// which reports every match on its way through `body` when `reportingAll`. `longest`
  /// gets the longest match from each start (with the walk's buffers) and says whether
  /// the scan resumes after it, as leftmost-longest matching does, or at the next token.
  @inline(__always)
  private func scan(
    _ tokens: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<UInt8>, reportingAll: Bool,
    scratch: inout [Int], aliasScratch: inout [Bool],
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>, _ byAlias: ArraySlice<Bool>) -> Void,
    longest: (
      _ trie: TokenTrie.Walk, _ tokenRange: Range<Int>, _ node: UInt32, _ scratch: inout [Int],
      _ aliasScratch: inout [Bool]
    ) -> Bool
  ) {
    trie.withWalk { trie in
      var start = 0
      while start < tokens.count {
        if tokens[start].rootMask & rootBit == 0 && rootBit != 0 {
          start += 1
          continue
        }
        if let best = walk(
          trie, from: start, reportingAll: reportingAll, tokens: tokens, text: text, scratch: &scratch,
          aliasScratch: &aliasScratch, body),
          longest(trie, start..<best.end, best.node, &scratch, &aliasScratch)
        {
          start = best.end
        } else {
          start += 1
        }
      }
    }
  }

  /// Reports every match that starts at token `start` (what a `.all` walk reports there),
  /// for callers that settle most tokens from ``singleTokenMatches()`` and walk only from
  /// the tokens it leaves to the trie.
  func forEachMatch(
    in tokens: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<UInt8>, startingAt start: Int,
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>) -> Void
  ) {
    var scratch: [Int] = []
    var aliasScratch: [Bool] = []
    forEachMatch(in: tokens, text: text, startingAt: start, scratch: &scratch, aliasScratch: &aliasScratch, body)
  }

  /// As ``forEachMatch(in:text:startingAt:_:)``, with the caller's buffers for the entry
  /// indices that `body` gets: a caller that walks from many tokens keeps one pair for
  /// all its walks, so that only its first match allocates, not every walk that finds one.
  /// Pass two empty arrays the first time and the same two afterwards (they stay of equal
  /// length; what earlier walks left in them is overwritten, never reported).
  func forEachMatch(
    in tokens: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<UInt8>, startingAt start: Int,
    scratch: inout [Int], aliasScratch: inout [Bool],
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>) -> Void
  ) {
    trie.withWalk { trie in
      _ = walk(
        trie, from: start, reportingAll: true, tokens: tokens, text: text, scratch: &scratch,
        aliasScratch: &aliasScratch
      ) { range, entries, _ in body(range, entries) }
    }
  }

  /// What each token ID matches on its own, for `.all` walks that look a token up in a
  /// table instead of stepping the trie. For every ID that starts a surface, `body` gets
  /// the entries a token with that ID alone matches (sorted, possibly empty), or `nil`
  /// when the token needs a walk: longer surfaces start with it, or a case-sensitive or
  /// stop pattern ends there.
  func singleTokenMatches(_ body: (_ tokenID: UInt32, _ entryIndices: [Int]?) -> Void) {
    trie.forEachRoot { token, node in
      var entries: [Int] = []
      if node & TokenTrie.hasChildren != 0 { return body(token, nil) }
      for patternIndex in trie.patternRange(at: node) {
        let pattern = trie.patterns[patternIndex]
        if pattern.isCaseSensitive || pattern.isStop { return body(token, nil) }
        if entries.last != Int(pattern.entryIndex) { entries.append(Int(pattern.entryIndex)) }
      }
      body(token, entries)
    }
  }

  /// Steps the trie from token `start`; reports each match on the way when `reportingAll`,
  /// and returns the longest.
  @inline(__always)
  private func walk(
    _ trie: TokenTrie.Walk, from start: Int, reportingAll: Bool, tokens: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<UInt8>,
    scratch: inout [Int], aliasScratch: inout [Bool],
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>, _ byAlias: ArraySlice<Bool>) -> Void
  ) -> (end: Int, node: UInt32)? {
    var node: UInt32 = 0
    var position = start
    var best: (end: Int, node: UInt32)?
    while position < tokens.count, let next = trie.step(from: node, tokens[position].rawID) {
      node = next
      position += 1
      if node & TokenTrie.hasPatterns != 0,
        hasSatisfiedPattern(trie, at: node, tokens: tokens, from: start, text: text)
      {
        if reportingAll {
          report(
            trie, start..<position, node: node, tokens: tokens, text: text, scratch: &scratch,
            aliasScratch: &aliasScratch, body)
        }
        best = (position, node)
      }
      if node & TokenTrie.hasChildren == 0 { break }
    }
    return best
  }

  /// Reports the match ending at `node` unless a stop surface is among its patterns.
  ///
  /// The scratch arrays (always of equal length) keep the elements of earlier matches:
  /// this match's entries overwrite their first `used` elements, which is cheaper than
  /// emptying them (`removeAll(keepingCapacity:)` is a call into the general
  /// `replaceSubrange`).
  @inline(__always)
  private func report(
    _ trie: TokenTrie.Walk, _ tokenRange: Range<Int>, node: UInt32, tokens: UnsafeBufferPointer<Token>,
    text: UnsafeBufferPointer<UInt8>, scratch: inout [Int], aliasScratch: inout [Bool],
    _ body: (_ tokenRange: Range<Int>, _ entryIndices: ArraySlice<Int>, _ byAlias: ArraySlice<Bool>) -> Void
  ) {
    var used = 0
    let reported = forEachReportedEntry(trie, at: node, tokens: tokens, from: tokenRange.lowerBound, text: text) {
      entryIndex, isAlias in
      if used < scratch.count {
        scratch[used] = entryIndex
        aliasScratch[used] = isAlias
      } else {
        scratch.append(entryIndex)
        aliasScratch.append(isAlias)
      }
      used += 1
    }
    if reported && used > 0 { body(tokenRange, scratch[..<used], aliasScratch[..<used]) }
  }

  /// Calls `add` with each entry a match ending at `node` reports, once each (an entry's
  /// name before its aliases), from the patterns the text satisfies; returns `false`, and
  /// the entries passed so far are not reported, when a stop surface is among them.
  @inline(__always)
  private func forEachReportedEntry(
    _ trie: TokenTrie.Walk, at node: UInt32, tokens: UnsafeBufferPointer<Token>, from start: Int, text: UnsafeBufferPointer<UInt8>,
    _ add: (_ entryIndex: Int, _ isAlias: Bool) -> Void
  ) -> Bool {
    var last = -1
    for patternIndex in trie.patternRange(at: node) {
      let pattern = trie.patterns[patternIndex]
      guard isSatisfied(trie, pattern, tokens: tokens, from: start, text: text) else { continue }
      if pattern.isStop { return false }
      let entryIndex = Int(pattern.entryIndex)
      if entryIndex != last {
        add(entryIndex, pattern.isAlias)
        last = entryIndex
      }
    }
    return true
  }

  /// Appends the match ending at `node` to `shared`, with the entries that `report`
  /// would pass, unless a stop surface is among its patterns.
  ///
  /// Returns whether the scan goes on after the match; `false`, and nothing is recorded,
  /// when the match starts with a lower-case word and none of its entries may be written
  /// so: no recognizer takes it ("the Hindu", a newspaper, in "the Hindu Kush"), and the
  /// scan goes on from its second word, so that it hides no match that starts there.
  @inline(__always)
  private func record(
    _ trie: TokenTrie.Walk, _ tokenRange: Range<Int>, node: UInt32, tokens: UnsafeBufferPointer<Token>,
    text: UnsafeBufferPointer<UInt8>, into shared: inout SharedGazetteerMatches
  ) -> Bool {
    let first = shared.entries.count
    let reported = forEachReportedEntry(trie, at: node, tokens: tokens, from: tokenRange.lowerBound, text: text) {
      entryIndex, isAlias in
      shared.entries.append(entryIndex)
      shared.byAlias.append(isAlias)
    }
    let shape = tokens[tokenRange.lowerBound].shape
    let unwritable =
      reported && shared.entries.count > first && shape.contains(.hasLower) && !shape.isCapitalized
      && !shared.entries[first...].contains { store.facts[$0].flags.contains(.allowsLowercase) }
    guard reported && !unwritable else {
      // Nothing is reported here: take back what this match appended.
      shared.entries.removeLast(shared.entries.count - first)
      shared.byAlias.removeLast(shared.byAlias.count - first)
      return !unwritable
    }
    if shared.entries.count > first {
      shared.ranges.append(tokenRange)
      shared.bounds.append(shared.entries.count)
    }
    return true
  }

  @inline(__always)
  private func hasSatisfiedPattern(
    _ trie: TokenTrie.Walk, at node: UInt32, tokens: UnsafeBufferPointer<Token>, from start: Int,
    text: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for patternIndex in trie.patternRange(at: node)
    where isSatisfied(trie, trie.patterns[patternIndex], tokens: tokens, from: start, text: text) {
      return true
    }
    return false
  }

  /// A case-insensitive pattern always holds; a case-sensitive one compares bytes.
  @inline(__always)
  private func isSatisfied(
    _ trie: TokenTrie.Walk, _ pattern: TokenTrie.Pattern, tokens: UnsafeBufferPointer<Token>, from start: Int,
    text: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard pattern.isCaseSensitive else { return true }
    var tokenIndex = start
    for exactIndex in pattern.exactRange {
      let exact = trie.exactSpelling(Int(exactIndex))
      // A compiled file's exact range could outrun the match: never past the text's tokens.
      guard tokenIndex < tokens.count else { return false }
      let token = tokens[tokenIndex]
      guard exact.count == token.utf8Range.count else { return false }
      for (offset, position) in exact.enumerated()
      where text[token.utf8Range.lowerBound + offset] != trie.exactBytes[position] {
        return false
      }
      tokenIndex += 1
    }
    return true
  }
}

/// An object whose only use is its identity.
final class MatcherIdentity: Sendable {}

/// The leftmost-longest matches of one matcher in one document, computed once and read
/// by every recognizer that asks that matcher (places, then the name rules).
struct SharedGazetteerMatches: Sendable {
  /// The matcher that found them.
  let matcher: ObjectIdentifier
  var ranges: [Range<Int>] = []
  /// The entries of match `i` are `entries[bounds[i]..<bounds[i + 1]]`.
  var bounds: [Int] = [0]
  var entries: [Int] = []
  var byAlias: [Bool] = []
}

extension GazetteerMatcher {
  /// Finds the leftmost-longest matches in `document` that the recognizers read.
  ///
  /// The matches of a `.leftmostLongest` ``forEachMatch(in:kind:_:)`` walk, in the same
  /// order, but for one difference: a match that starts with a lower-case word none of
  /// whose entries may be written so is left out, and the scan goes on from its second
  /// word (see `record`). Written straight into the result: no scratch arrays, slices
  /// or closure call per match, and arrays reserved once rather than grown from empty.
  func sharedMatches(in document: TokenizedText) -> SharedGazetteerMatches {
    var shared = SharedGazetteerMatches(matcher: ObjectIdentifier(identity))
    // A match every few tokens, most with one or two entries: a guess, not a bound.
    let estimate = document.tokens.count / 4 + 1
    shared.ranges.reserveCapacity(estimate)
    shared.bounds.reserveCapacity(estimate + 1)
    shared.entries.reserveCapacity(2 * estimate)
    shared.byAlias.reserveCapacity(2 * estimate)
    document.withUTF8 { text in
      document.tokens.withUnsafeBufferPointer { tokens in
        // `walk` reports nothing when not `reportingAll`: these stay empty.
        var noScratch: [Int] = []
        var noAliasScratch: [Bool] = []
        scan(
          tokens, text: text, reportingAll: false, scratch: &noScratch, aliasScratch: &noAliasScratch,
          { _, _, _ in }
        ) { trie, range, node, _, _ in
          record(trie, range, node: node, tokens: tokens, text: text, into: &shared)
        }
      }
    }
    return shared
  }

  /// Writes the trie alone (the store is written by its owner) under `group`.
  func writeTrie(into writer: inout ImageWriter, group: UInt32) {
    trie.write(into: &writer, group: group)
    writer.add(group << 8 | 11, scalar: rootBit)
  }

  /// A compiled matcher from its store and a trie read from a compiled file.
  init(store: GazetteerStore, image: CompiledImage, group: UInt32) throws(CompiledImage.Unusable) {
    self.store = store
    trie = try TokenTrie(image: image, group: group, entryCount: store.count)
    rootBit = try image.scalar(group << 8 | 11)
  }
}
