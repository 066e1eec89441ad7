/// A trie over token IDs: the compiled form of every gazetteer surface.
///
/// Node 0 is the root. In a large trie the root's children are found by direct indexing
/// on the token ID (every token of a document is looked up there); deeper edges, and
/// the root's edges of a small trie, live in one open-addressing table keyed by
/// `(node, token)`. Each node that ends a surface lists
/// the surfaces ("patterns") that end there.
struct TokenTrie: Sendable {
  /// A surface that ends at a node.
  struct Pattern: Sendable {
    /// Index of the entry in ``GazetteerMatcher/entries``.
    var entryIndex: Int32
    /// For case-sensitive surfaces: the range of the exact token spellings in
    /// `exactTokens`; empty for case-insensitive ones.
    var exactStart: Int32
    var exactEnd: Int32
    /// Whether the surface is an alias rather than the entry's name.
    var isAlias: Bool
    /// The entry is a `stop` surface: a match here suppresses what the text matches.
    var isStop = false
    var exactRange: Range<Int32> { exactStart..<exactEnd }
    var isCaseSensitive: Bool { exactEnd > exactStart }
  }

  /// `rootChildren[tokenID]` is the child node + 1, or 0.
  private(set) var rootChildren = Table<UInt32>()
  /// Deeper edges: keys `(node << 32) | token`, values child nodes; `emptyKey` marks free.
  private var edgeKeys = Table<UInt64>(repeating: TokenTrie.emptyKey, count: 1024)
  private var edgeValues = Table<UInt32>(repeating: 0, count: 1024)
  private var edgeCount = 0
  /// One bit per hash of an edge's key, set for every edge of the table: a step whose bit
  /// is clear has no edge, known without reading the table. Most steps past a surface's
  /// first token fail ("Kabul said"), and in a table of a million slots each would be a
  /// cache miss; the filter, about a byte per edge, mostly stays in cache.
  private var edgeFilter = Table<UInt64>([UInt64.max])  // lets every step through until `finish`
  /// How far a key's filter hash is shifted right to give its bit.
  private var edgeFilterShift: UInt64 = 58
  private(set) var nodeCount = 1
  /// `patternStarts[node]..<patternStarts[node + 1]` indexes `patterns` (after `finish`).
  private(set) var patternStarts = Table<Int32>()
  private(set) var patterns = Table<Pattern>()
  /// Exact token spellings of case-sensitive surfaces, referenced by `Pattern.exactRange`:
  /// spelling `i` is `exactBytes[exactStarts[i]..<exactStarts[i + 1]]`.
  private(set) var exactBytes = Table<UInt8>()
  private(set) var exactStarts = Table<Int32>([0])
  /// Patterns before `finish`, with their end nodes.
  private var pending: [(node: UInt32, pattern: Pattern)] = []

  fileprivate static let emptyKey = UInt64.max

  /// Adds a surface given as token IDs, ending at a new or existing node.
  mutating func insert(
    _ tokens: [TokenID], entryIndex: Int, exactSpellings: [[UInt8]]?, isAlias: Bool = false,
    isStop: Bool = false
  ) {
    precondition(!tokens.isEmpty, "a surface has at least one token")
    var node: UInt32 = 0
    for token in tokens { node = child(of: node, token, creating: true) }
    var range: Range<Int32> = 0..<0
    if let exactSpellings {
      let start = Int32(exactStarts.count - 1)
      for spelling in exactSpellings {
        spelling.withUnsafeBufferPointer { exactBytes.append(contentsOf: $0) }
        exactStarts.append(Int32(exactBytes.count))
      }
      range = start..<Int32(exactStarts.count - 1)
    }
    pending.append((node, Pattern(
          entryIndex: Int32(entryIndex), exactStart: range.lowerBound, exactEnd: range.upperBound,
          isAlias: isAlias, isStop: isStop)))
  }

  /// Groups the patterns by node; call once after the last `insert`.
  mutating func finish(vocabularySize: Int) {
    let rootChildCount = rootChildren.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
    if rootChildCount * 64 < vocabularySize {
      // A small trie (a recognizer's word list): a dense root array would be mostly
      // zeros, and a cache miss for every token of a document. Its root edges join the
      // others in the hash table, which stays small enough to live in cache.
      for (token, child) in rootChildren.enumerated() where child != 0 {
        if (edgeCount + 1) * 2 > edgeKeys.count { growEdges() }
        placeEdge(UInt64(token), child - 1)
        edgeCount += 1
      }
      rootChildren = Table()
    } else if rootChildren.count < vocabularySize {
      rootChildren.append(repeating: 0, count: vocabularySize - rootChildren.count)
    }
    // By node, then entry; an entry's name before its aliases.
    pending.sort {
      ($0.node, $0.pattern.entryIndex, $0.pattern.isAlias ? 1 : 0)
        < ($1.node, $1.pattern.entryIndex, $1.pattern.isAlias ? 1 : 0)
    }
    patternStarts = Table(repeating: 0, count: nodeCount + 1)
    patterns = Table(pending.map(\.pattern))
    var index = 0
    for node in 0...nodeCount {
      while index < pending.count && Int(pending[index].node) < node { index += 1 }
      patternStarts[node] = Int32(index)
    }
    pending = []
    // Flag each node where it is stored (as a root child or an edge's value), so a walk
    // learns whether to look up patterns or further edges without touching those tables.
    var hasChildren = [Bool](repeating: false, count: nodeCount)
    for key in edgeKeys where key != Self.emptyKey { hasChildren[Int(key >> 32)] = true }
    func flagged(_ node: UInt32) -> UInt32 {
      var value = node
      if patternStarts[Int(node)] < patternStarts[Int(node) + 1] { value |= Self.hasPatterns }
      if hasChildren[Int(node)] { value |= Self.hasChildren }
      return value
    }
    for (token, child) in rootChildren.enumerated() where child != 0 {
      rootChildren[token] = flagged(child - 1) + 1
    }
    for (slot, key) in edgeKeys.enumerated() where key != Self.emptyKey {
      edgeValues[slot] = flagged(edgeValues[slot])
    }
    buildEdgeFilter()
  }

  /// An odd constant, other than the table's, so that filter bits and slots are unrelated.
  fileprivate static let filterMultiplier: UInt64 = 0xD6E8_FEB8_6659_FD93

  /// Sets the filter bit of every edge: about eight bits per edge, a power of two.
  private mutating func buildEdgeFilter() {
    var bits = 6
    while 1 << bits < edgeCount * 8 { bits += 1 }
    var filter = Table<UInt64>(repeating: 0, count: 1 << (bits - 6))
    let shift = UInt64(64 - bits)
    for key in edgeKeys where key != Self.emptyKey {
      let bit = Int(truncatingIfNeeded: (key &* Self.filterMultiplier) >> shift)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    edgeFilter = filter
    edgeFilterShift = shift
  }

  /// Flags in the node values that ``step(from:_:)`` returns: the node has patterns,
  /// the node has children. ``nodeMask`` leaves the node.
  static let hasPatterns: UInt32 = 1 << 31
  static let hasChildren: UInt32 = 1 << 30
  static let nodeMask: UInt32 = (1 << 30) - 1

  /// Returns the child of `node` along `token`, or `nil`.
  ///
  /// - Complexity: O(1) expected.
  @inline(__always)
  func child(of node: UInt32, _ token: UInt32) -> UInt32? {
    step(from: node, token).map { $0 & Self.nodeMask }
  }

  /// The child of `node` along `token`, with the ``hasPatterns`` and ``hasChildren``
  /// flags of a finished trie; `node` may carry flags too.
  @inline(__always)
  func step(from node: UInt32, _ token: UInt32) -> UInt32? {
    let node = node & Self.nodeMask
    if node == 0 && !rootChildren.isEmpty {
      guard Int(token) < rootChildren.count else { return nil }
      let child = rootChildren[Int(token)]
      return child == 0 ? nil : child - 1
    }
    let key = UInt64(node) << 32 | UInt64(token)
    let bit = Int(truncatingIfNeeded: (key &* Self.filterMultiplier) >> edgeFilterShift)
    guard edgeFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
    let mask = edgeKeys.count - 1
    var slot = Self.slot(key) & mask
    while true {
      let found = edgeKeys[slot]
      if found == key { return edgeValues[slot] }
      if found == Self.emptyKey { return nil }
      slot = (slot + 1) & mask
    }
  }

  /// Calls `body` with every token that starts a surface and the flagged node it leads
  /// to (``hasPatterns`` and ``hasChildren`` set as in ``step(from:_:)``).
  func forEachRoot(_ body: (_ token: UInt32, _ node: UInt32) -> Void) {
    for (token, child) in rootChildren.enumerated() where child != 0 {
      body(UInt32(token), child - 1)
    }
    for (slot, key) in edgeKeys.enumerated() where key != Self.emptyKey && key >> 32 == 0 {
      body(UInt32(truncatingIfNeeded: key), edgeValues[slot])
    }
  }

  /// The patterns that end at `node`, as indices into `patterns`.
  @inline(__always)
  func patternRange(at node: UInt32) -> Range<Int> {
    let node = Int(node & Self.nodeMask)
    return Int(patternStarts[node])..<Int(patternStarts[node + 1])
  }

  private mutating func child(of node: UInt32, _ token: TokenID, creating: Bool) -> UInt32 {
    if let existing = child(of: node, token.rawValue) { return existing }
    precondition(nodeCount < Int(Self.nodeMask), "too many trie nodes")
    let new = UInt32(nodeCount)
    nodeCount += 1
    if node == 0 {
      let index = Int(token.rawValue)
      if rootChildren.count <= index {
        rootChildren.append(repeating: 0, count: index + 1 - rootChildren.count)
      }
      rootChildren[index] = new + 1
    } else {
      if (edgeCount + 1) * 2 > edgeKeys.count { growEdges() }
      placeEdge(UInt64(node) << 32 | UInt64(token.rawValue), new)
      edgeCount += 1
    }
    return new
  }

  private mutating func placeEdge(_ key: UInt64, _ value: UInt32) {
    let mask = edgeKeys.count - 1
    var slot = Self.slot(key) & mask
    while edgeKeys[slot] != Self.emptyKey { slot = (slot + 1) & mask }
    edgeKeys[slot] = key
    edgeValues[slot] = value
  }

  private mutating func growEdges() {
    let oldKeys = edgeKeys
    let oldValues = edgeValues
    edgeKeys = Table(repeating: Self.emptyKey, count: oldKeys.count * 2)
    edgeValues = Table(repeating: 0, count: oldKeys.count * 2)
    for (index, key) in oldKeys.enumerated() where key != Self.emptyKey {
      placeEdge(key, oldValues[index])
    }
  }

  @inline(__always)
  fileprivate static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32)
  }
}

extension TokenTrie {
  /// The finished trie's tables as plain pointers, for the matcher's walks: made once per
  /// document rather than read through each ``Table`` (whose fields a walk would load
  /// again at every start), and read without bounds checks.
  ///
  /// Unchecked reads are safe because every index a walk computes is in range by
  /// construction: edge slots are masked by the power-of-two table size, filter words by
  /// the shift that sized the filter, root children by their count, and the rest by
  /// facts a trie compiled in memory has by construction and ``init(image:group:entryCount:)``
  /// checks of a mapped one before any walk: every node a step returns is below
  /// `nodeCount`, `patternStarts` rises to `patterns.count`, every pattern's exact range
  /// lies within `exactStarts`, and `exactStarts` rises to `exactBytes.count`.
  struct Walk {
    fileprivate let rootChildren: UnsafePointer<UInt32>
    fileprivate let rootChildCount: Int
    fileprivate let edgeKeys: UnsafePointer<UInt64>
    fileprivate let edgeValues: UnsafePointer<UInt32>
    fileprivate let edgeMask: Int
    fileprivate let edgeFilter: UnsafePointer<UInt64>
    fileprivate let edgeFilterShift: UInt64
    fileprivate let patternStarts: UnsafePointer<Int32>
    /// The patterns; see ``TokenTrie/patternRange(at:)`` for which end at a node.
    let patterns: UnsafePointer<Pattern>
    /// The exact spellings' bytes; see ``exactSpelling(_:)``.
    let exactBytes: UnsafePointer<UInt8>
    fileprivate let exactStarts: UnsafePointer<Int32>

    /// As ``TokenTrie/step(from:_:)``.
    @inline(__always)
    func step(from node: UInt32, _ token: UInt32) -> UInt32? {
      let node = node & TokenTrie.nodeMask
      if node == 0 && rootChildCount != 0 {
        guard Int(token) < rootChildCount else { return nil }
        let child = rootChildren[Int(token)]
        return child == 0 ? nil : child - 1
      }
      let key = UInt64(node) << 32 | UInt64(token)
      let bit = Int(truncatingIfNeeded: (key &* TokenTrie.filterMultiplier) &>> edgeFilterShift)
      guard edgeFilter[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0 else { return nil }
      var slot = TokenTrie.slot(key) & edgeMask
      while true {
        let found = edgeKeys[slot]
        if found == key { return edgeValues[slot] }
        if found == TokenTrie.emptyKey { return nil }
        slot = (slot &+ 1) & edgeMask
      }
    }

    /// As ``TokenTrie/patternRange(at:)``.
    @inline(__always)
    func patternRange(at node: UInt32) -> Range<Int> {
      let node = Int(node & TokenTrie.nodeMask)
      return Int(patternStarts[node])..<Int(patternStarts[node &+ 1])
    }

    /// As ``TokenTrie/exactSpelling(_:)``.
    @inline(__always)
    func exactSpelling(_ index: Int) -> Range<Int> { Int(exactStarts[index])..<Int(exactStarts[index &+ 1]) }
  }

  /// Calls `body` with the finished trie's ``Walk``, valid during the call.
  @inline(__always)
  func withWalk<R>(_ body: (Walk) -> R) -> R {
    rootChildren.withUnsafeBufferPointer { rootChildren in
      edgeKeys.withUnsafeBufferPointer { edgeKeys in
        edgeValues.withUnsafeBufferPointer { edgeValues in
          edgeFilter.withUnsafeBufferPointer { edgeFilter in
            patternStarts.withUnsafeBufferPointer { patternStarts in
              patterns.withUnsafeBufferPointer { patterns in
                exactBytes.withUnsafeBufferPointer { exactBytes in
                  exactStarts.withUnsafeBufferPointer { exactStarts in
                    body(Walk(
                      rootChildren: rootChildren.baseAddress ?? Self.nowhere(UInt32.self),
                      rootChildCount: rootChildren.count,
                      edgeKeys: edgeKeys.baseAddress!, edgeValues: edgeValues.baseAddress!,
                      edgeMask: edgeKeys.count - 1, edgeFilter: edgeFilter.baseAddress!,
                      edgeFilterShift: edgeFilterShift, patternStarts: patternStarts.baseAddress!,
                      patterns: patterns.baseAddress ?? Self.nowhere(Pattern.self),
                      exactBytes: exactBytes.baseAddress ?? Self.nowhere(UInt8.self),
                      exactStarts: exactStarts.baseAddress!))
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// A pointer for an empty table, never read.
  private static func nowhere<T>(_: T.Type) -> UnsafePointer<T> {
    UnsafePointer(bitPattern: MemoryLayout<T>.alignment)!
  }

  /// The exact spelling `index` of a case-sensitive surface's token.
  @inline(__always)
  func exactSpelling(_ index: Int) -> Range<Int> { Int(exactStarts[index])..<Int(exactStarts[index + 1]) }

  /// Writes the finished trie under tags `group << 8 | 0…10`.
  func write(into writer: inout ImageWriter, group: UInt32) {
    writer.add(group << 8 | 0, rootChildren)
    writer.add(group << 8 | 1, edgeKeys)
    writer.add(group << 8 | 2, edgeValues)
    writer.add(group << 8 | 3, edgeFilter)
    writer.add(group << 8 | 4, scalar: edgeFilterShift)
    writer.add(group << 8 | 5, scalar: Int64(edgeCount))
    writer.add(group << 8 | 6, scalar: Int64(nodeCount))
    writer.add(group << 8 | 7, patternStarts)
    writer.add(group << 8 | 8, patterns)
    writer.add(group << 8 | 9, exactBytes)
    writer.add(group << 8 | 10, exactStarts)
  }

  /// Reads a trie written by ``write(into:group:)``, checking everything a ``Walk``
  /// relies on to read without bounds checks (see there), and that every pattern names
  /// one of `entryCount` entries. Each check is one pass over a table, a megabyte at a
  /// time, each part dropped from memory after (``CompiledImage/allSatisfy(_:_:)``).
  init(image: CompiledImage, group: UInt32, entryCount: Int) throws(CompiledImage.Unusable) {
    self.init()
    rootChildren = try image.table(group << 8 | 0)
    edgeKeys = try image.table(group << 8 | 1)
    edgeValues = try image.table(group << 8 | 2)
    edgeFilter = try image.table(group << 8 | 3)
    edgeFilterShift = try image.scalar(group << 8 | 4)
    edgeCount = Int(try image.scalar(group << 8 | 5, of: Int64.self))
    nodeCount = Int(try image.scalar(group << 8 | 6, of: Int64.self))
    patternStarts = try image.table(group << 8 | 7)
    patterns = try image.table(group << 8 | 8)
    exactBytes = try image.table(group << 8 | 9)
    exactStarts = try image.table(group << 8 | 10)
    let filterBits = 64 - Int(edgeFilterShift)
    guard edgeKeys.count == edgeValues.count, edgeKeys.count.nonzeroBitCount == 1,
      edgeFilterShift >= 6 && edgeFilterShift < 64, edgeFilter.count == 1 << (filterBits - 6),
      nodeCount >= 1, nodeCount <= Int(Self.nodeMask), patternStarts.count == nodeCount + 1,
      patternStarts.first == 0, Int(patternStarts.last ?? 0) == patterns.count,
      edgeCount >= 0, edgeCount <= edgeKeys.count, exactStarts.first == 0,
      Int(exactStarts.last ?? 0) == exactBytes.count
    else { throw CompiledImage.Unusable("a trie's tables disagree") }
    // Every node a step returns: a root child is `node + 1` (0: none), an edge's value
    // the node (an empty slot's 0 is never returned).
    let nodes = UInt32(nodeCount)
    let spellingCount = Int32(exactStarts.count - 1)
    let entries = Int32(clamping: entryCount)
    let valid =
      image.everySatisfies(rootChildren) { $0 == 0 || ($0 &- 1) & Self.nodeMask < nodes }
      && image.everySatisfies(edgeValues) { $0 & Self.nodeMask < nodes }
      && image.isNondecreasing(patternStarts) && image.isNondecreasing(exactStarts)
    guard valid else { throw CompiledImage.Unusable("a trie's tables disagree") }
    let patternsValid = image.everySatisfies(patterns) { pattern in
      pattern.entryIndex >= 0 && pattern.entryIndex < entries && pattern.exactStart >= 0
        && pattern.exactStart <= pattern.exactEnd && pattern.exactEnd <= spellingCount
    }
    guard patternsValid else { throw CompiledImage.Unusable("a trie names an entry that does not exist") }
  }
}
