import EntityExtraction
import Testing

@Suite struct EntityJSONTests {
  static let text = "Rain in Kābul 😀 and Geo News on 2024-03-26"
  static let entities = [
    Entity(
      utf8Range: 8..<14, label: .place, source: "gazetteer:t.tsv", confidence: 0.9,
      entryID: "x:kabul", canonicalName: "Kabul",
      place: ResolvedPlace(
        id: "x:kabul", country: "AF", latitude: 34.5281, longitude: 69.1723, kind: "city")),
    Entity(
      utf8Range: 24..<32, label: .organization, source: "gazetteer:orgs.tsv", confidence: 0.934,
      entryID: "eex:org/geo", canonicalName: "Geo News"),
    Entity(
      utf8Range: 36..<46, label: .date, attributes: ["value": "2024-03-26", "anchor": "none"]),
  ]

  @Test func writesMentionsWithScalarOffsetsByDefault() {
    let lines = Entity.jsonObjects(for: Self.entities, in: Self.text).map(\.jsonText)
    #expect(
      lines == [
        #"{"type":"place","start":8,"end":13,"text":"Kābul","place":{"id":"x:kabul","country":"AF","lat":34.5281,"lon":69.1723,"kind":"city"},"source":"gazetteer:t.tsv","confidence":0.9}"#,
        #"{"type":"organization","start":20,"end":28,"text":"Geo News","organization":{"id":"eex:org/geo","canonical":"Geo News"},"source":"gazetteer:orgs.tsv","confidence":0.93}"#,
        #"{"type":"date","start":32,"end":42,"text":"2024-03-26","attributes":{"anchor":"none","value":"2024-03-26"}}"#,
      ])
  }

  @Test(arguments: [
    (OffsetUnit.utf8, [8, 14, 24, 32, 36, 46]),
    (.unicodeScalars, [8, 13, 20, 28, 32, 42]),
    (.utf16, [8, 13, 21, 29, 33, 43]),
  ])
  func convertsOffsetsToTheRequestedUnit(_ unit: OffsetUnit, _ offsets: [Int]) {
    let objects = Entity.jsonObjects(for: Self.entities, in: Self.text, offsets: unit)
    #expect(
      objects.flatMap { [$0["start"]?.intValue ?? -1, $0["end"]?.intValue ?? -1] } == offsets)
  }

  /// Every way of splitting the mentions into ordered batches (empty ones included)
  /// writes the bytes of the whole array written at once, in every unit.
  @Test(arguments: OffsetUnit.allCases)
  func writesTheSameArrayInBatches(_ unit: OffsetUnit) {
    var whole: [UInt8] = []
    Entity.writeJSONArray(for: Self.entities, in: Self.text, offsets: unit, to: &whole)
    let count = Self.entities.count
    for first in 0...count {
      for second in first...count {
        var out: [UInt8] = []
        var writer = Entity.JSONArrayWriter(text: Self.text, offsets: unit)
        writer.append(Array(Self.entities[..<first]), to: &out)
        writer.append(Array(Self.entities[first..<second]), to: &out)
        writer.append(Array(Self.entities[second...]), to: &out)
        writer.finish(to: &out)
        #expect(out == whole, "batches split at \(first), \(second)")
      }
    }
    var empty: [UInt8] = []
    var writer = Entity.JSONArrayWriter(text: Self.text, offsets: unit)
    writer.finish(to: &empty)
    #expect(empty == Array("[]".utf8))
  }

  @Test func writesNothingForNoMentions() {
    #expect(Entity.jsonObjects(for: [], in: Self.text).isEmpty)
  }
}
