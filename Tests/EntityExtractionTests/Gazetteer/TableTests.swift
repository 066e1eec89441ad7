import Testing

@testable import EntityExtraction

/// `Table`'s ownership: every copy keeps its memory alive, a write never shows through
/// another copy, and appending a table's own elements survives the move to larger memory.
@Suite struct TableTests {
  @Test func appendingItsOwnElementsWhileGrowing() {
    var table = Table<UInt32>([1, 2, 3])
    // Each round doubles the table from its own memory, which some rounds outgrow.
    for _ in 0..<6 {
      let before = table.array
      // A view of the table's own memory, as a caller holding one of its spellings has:
      // valid while that memory is, which the append must not free before copying.
      let own = table.withUnsafeBufferPointer { $0 }
      table.append(contentsOf: own)
      #expect(table.array == before + before)
    }
    #expect(table.count == 3 << 6)
    #expect(table[0] == 1 && table[table.count - 1] == 3)
  }

  @Test func copiesAreIndependentAndKeepTheirMemory() {
    var original = Table<Int32>([10, 20, 30])
    var copy = original
    copy[1] = -1
    copy.append(40)
    #expect(original.array == [10, 20, 30])
    #expect(copy.array == [10, -1, 30, 40])
    // The copy outlives the original's memory being replaced.
    let sevens = [Int32](repeating: 7, count: 100)
    sevens.withUnsafeBufferPointer { original.append(contentsOf: $0) }
    #expect(original.count == 103 && original[102] == 7)
    original = Table()
    #expect(copy.array == [10, -1, 30, 40])
    #expect(original.isEmpty)
  }

  @Test func emptyTablesGrowIntoMemoryOfTheirOwn() {
    let empty = Table<UInt8>()
    #expect(empty.isEmpty)
    #expect(empty.array == [])
    let filled = Table(repeating: UInt8(9), count: 0)
    #expect(filled.isEmpty)
    var grown = filled
    grown.append(repeating: 5, count: 3)
    #expect(grown.array == [5, 5, 5])
    #expect(filled.isEmpty)
  }
}
