import Testing

@testable import EntityExtraction

@Suite struct TokenTrieTests {
  static func ids(_ raw: [UInt32]) -> [TokenID] { raw.map { TokenID(rawValue: $0) } }

  /// Follows `path` from the root; `nil` when an edge is missing.
  static func walk(_ trie: TokenTrie, _ path: [UInt32]) -> UInt32? {
    var node: UInt32 = 0
    for token in path {
      guard let next = trie.child(of: node, token) else { return nil }
      node = next
    }
    return node
  }

  @Test func stepsCarryWhetherANodeHasPatternsAndChildren() throws {
    for vocabularySize in [5, 1_000_000] {  // a dense root array, and root edges hashed
      var trie = TokenTrie()
      trie.insert(Self.ids([1, 2, 3]), entryIndex: 0, exactSpellings: nil)
      trie.insert(Self.ids([1, 2]), entryIndex: 1, exactSpellings: nil, isStop: true)
      trie.insert(Self.ids([4]), entryIndex: 2, exactSpellings: nil)
      trie.finish(vocabularySize: vocabularySize)
      func flags(_ node: UInt32) -> (patterns: Bool, children: Bool) {
        (node & TokenTrie.hasPatterns != 0, node & TokenTrie.hasChildren != 0)
      }
      let one = try #require(trie.step(from: 0, 1))
      #expect(flags(one) == (false, true))  // "1": a prefix only
      let two = try #require(trie.step(from: one, 2))
      #expect(flags(two) == (true, true))  // "1 2": a surface and a prefix
      #expect(trie.patternRange(at: two).map { trie.patterns[$0].isStop } == [true])
      let three = try #require(trie.step(from: two, 3))
      #expect(flags(three) == (true, false))  // "1 2 3": a leaf
      #expect(flags(try #require(trie.step(from: 0, 4))) == (true, false))
      #expect(trie.step(from: three, 1) == nil)
      // child(of:) gives plain node numbers, as before.
      #expect(trie.child(of: 0, 1) == one & TokenTrie.nodeMask)
    }
  }

  @Test func sharesPrefixesAndListsThePatternsEndingAtANode() throws {
    var trie = TokenTrie()
    trie.insert(Self.ids([1, 2, 3]), entryIndex: 0, exactSpellings: nil)
    trie.insert(
      Self.ids([1, 2]), entryIndex: 2, exactSpellings: [Array("US".utf8), Array("A".utf8)])
    trie.insert(Self.ids([1, 2]), entryIndex: 1, exactSpellings: nil)
    trie.insert(Self.ids([4]), entryIndex: 3, exactSpellings: nil)
    trie.finish(vocabularySize: 5)

    #expect(trie.nodeCount == 5)  // root, 1, 1-2, 1-2-3, 4
    let twoTokens = try #require(Self.walk(trie, [1, 2]))
    let patterns = trie.patternRange(at: twoTokens).map { trie.patterns[$0] }
    #expect(patterns.map(\.entryIndex) == [1, 2])  // sorted by entry
    #expect(patterns.map(\.isCaseSensitive) == [false, true])
    let exact = patterns[1].exactRange.map { Array(trie.exactSpelling(Int($0)).map { trie.exactBytes[$0] }) }
    #expect(exact == [Array("US".utf8), Array("A".utf8)])

    let one = try #require(Self.walk(trie, [1]))
    #expect(trie.patternRange(at: one).isEmpty)
    let three = try #require(Self.walk(trie, [1, 2, 3]))
    #expect(trie.patternRange(at: three).map { trie.patterns[$0].entryIndex } == [0])
    #expect(trie.patternRange(at: 0).isEmpty)
  }

  @Test func missingEdgesAreNil() {
    var trie = TokenTrie()
    trie.insert(Self.ids([1, 2]), entryIndex: 0, exactSpellings: nil)
    trie.finish(vocabularySize: 3)
    #expect(Self.walk(trie, [2]) == nil)
    #expect(Self.walk(trie, [1, 1]) == nil)
    #expect(Self.walk(trie, [1, 2, 2]) == nil)
    #expect(trie.child(of: 0, 1000) == nil)  // past the root table
    #expect(trie.child(of: 0, UInt32.max) == nil)  // a token with no ID
  }

  @Test func rootTableCoversTheWholeVocabulary() {
    var trie = TokenTrie()
    trie.insert(Self.ids([2]), entryIndex: 0, exactSpellings: nil)
    trie.finish(vocabularySize: 10)
    #expect(trie.rootChildren.count == 10)
  }

  @Test func edgeTableGrowsWithoutLosingEdges() {
    var trie = TokenTrie()
    let count: UInt32 = 5000
    for index in 0..<count {
      trie.insert(
        Self.ids([index % 7, 100 + index, 7 + index % 3]), entryIndex: Int(index),
        exactSpellings: nil)
    }
    trie.finish(vocabularySize: Int(100 + count))
    var lost = 0
    for index in 0..<count {
      guard let node = Self.walk(trie, [index % 7, 100 + index, 7 + index % 3]) else {
        lost += 1
        continue
      }
      let entries = trie.patternRange(at: node).map { Int(trie.patterns[$0].entryIndex) }
      if entries != [Int(index)] { lost += 1 }
    }
    #expect(lost == 0)
  }
}
