import EntityExtraction
import Testing

@Suite struct EntityTests {
  @Test func returnsTheCoveredText() {
    let text = "Floods hit Dhaka on 3 May."
    let dhaka = Entity(utf8Range: 11..<16, label: .place)
    #expect(dhaka.substring(in: text) == "Dhaka")
    #expect(text[dhaka.range(in: text)] == "Dhaka")
  }

  @Test func countsOffsetsInUTF8Bytes() {
    let text = "Rain in Kābul 😀 and Peshāwar"
    // "Rain in " is 8 bytes, "Kābul" 6, " 😀 and " 10.
    let kabul = Entity(utf8Range: 8..<14, label: .place)
    let peshawar = Entity(utf8Range: 24..<33, label: .place)
    #expect(kabul.substring(in: text) == "Kābul")
    #expect(peshawar.substring(in: text) == "Peshāwar")
    #expect(text[peshawar.range(in: text)] == "Peshāwar")
  }

  @Test func hasEmptyDefaults() {
    let entity = Entity(utf8Range: 0..<1, label: .date)
    #expect(entity.source.isEmpty)
    #expect(entity.confidence == nil && entity.entryID == nil && entity.canonicalName == nil)
    #expect(entity.place == nil && entity.attributes.isEmpty)
  }
}
