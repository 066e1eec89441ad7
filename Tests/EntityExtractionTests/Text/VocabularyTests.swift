import EntityExtraction
import Testing

@Suite struct VocabularyTests {
  @Test func findsWhatWasInserted() {
    var vocabulary = Vocabulary()
    let kabul = vocabulary.insert(folded: "kabul")
    let herat = vocabulary.insert(folded: "herat")
    #expect(kabul != herat)
    #expect(vocabulary.id(ofFolded: "kabul") == kabul)
    #expect(vocabulary.id(ofFolded: "herat") == herat)
    #expect(vocabulary.spelling(of: kabul) == "kabul")
    #expect(vocabulary.count == 2)
  }

  @Test func unknownSpellingHasNoID() {
    var vocabulary = Vocabulary()
    #expect(vocabulary.id(ofFolded: "kabul") == nil)
    vocabulary.insert(folded: "kabul")
    #expect(vocabulary.id(ofFolded: "kabu") == nil)
    #expect(vocabulary.id(ofFolded: "kabull") == nil)
    #expect(vocabulary.id(ofFolded: "") == nil)
  }

  @Test func insertingTwiceKeepsTheFirstID() {
    var vocabulary = Vocabulary()
    let first = vocabulary.insert(folded: "quetta")
    let second = vocabulary.insert(folded: "quetta")
    #expect(first == second)
    #expect(vocabulary.count == 1)
  }

  @Test func foldsBeforeLookingUp() {
    var vocabulary = Vocabulary()
    let id = vocabulary.insert(folded: "kandahar")
    #expect(vocabulary.id(of: "KANDAHĀR") == id)
    #expect(vocabulary.id(of: "Kandaha\u{0304}r") == id)
    #expect(vocabulary.id(ofFolded: "KANDAHAR") == nil)  // not folded: no match
  }

  @Test func assignsDenseIDs() {
    var vocabulary = Vocabulary()
    let ids = ["a", "b", "c", "b", "d"].map { vocabulary.insert(folded: $0) }
    #expect(ids.map(\.rawValue) == [0, 1, 2, 1, 3])
  }

  @Test func manyInsertsStayFindableAfterGrowing() {
    var vocabulary = Vocabulary()
    let count = 20_000  // far past the initial 1024 slots
    var ids: [TokenID] = []
    for index in 0..<count { ids.append(vocabulary.insert(folded: "w\(index)ā")) }
    #expect(vocabulary.count == count)
    var mismatches = 0
    for index in 0..<count {
      if vocabulary.id(ofFolded: "w\(index)ā") != ids[index] { mismatches += 1 }
      if vocabulary.spelling(of: ids[index]) != "w\(index)ā" { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(vocabulary.id(ofFolded: "w\(count)ā") == nil)
  }

  @Test func copiesAreIndependent() {
    var original = Vocabulary()
    original.insert(folded: "kabul")
    var copy = original
    copy.insert(folded: "herat")
    #expect(original.id(ofFolded: "herat") == nil)
    #expect(original.count == 1)
    #expect(copy.id(ofFolded: "herat") != nil)
  }
}
