import EntityExtraction
import Testing

@Suite struct GazetteerErrorTests {
  @Test(arguments: [
    (
      GazetteerError.Kind.wrongFieldCount(7),
      "expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found 7"
    ),
    (.emptyField("alias"), "empty alias"),
    (.invalidType("Place"), "invalid type 'Place' (expected [a-z][a-z0-9_]*)"),
    (.invalidID("a b"), "invalid id 'a b' (expected [A-Za-z0-9_.:/+-]+)"),
    (.malformedAttribute("x"), "malformed attribute 'x' (expected key=value)"),
    (
      .invalidAttributeValue(key: "lat", value: "x", expected: "a number"),
      "attribute 'lat' has value 'x', expected a number"
    ),
    (.duplicateAttribute("kind"), "attribute 'kind' given twice"),
    (.untrimmedSurface(" Kabul"), "surface ' Kabul' has leading or trailing white space"),
    (.duplicateEntry(firstSource: "a.tsv", firstLine: 4), "duplicate of line 4"),
    (.duplicateEntry(firstSource: "b.tsv", firstLine: 4), "duplicate of b.tsv:4"),
    (.invalidUTF8(byteOffset: 17), "invalid UTF-8 at byte 17 of the line"),
    (.unreadable("cannot read file: gone"), "cannot read file: gone"),
  ])
  func describesEachKindAsPathLineProblem(_ kind: GazetteerError.Kind, _ detail: String) {
    #expect(
      GazetteerError(kind, sourceName: "a.tsv", line: 12).description == "a.tsv:12: \(detail)")
  }

  @Test func leavesOutTheLineForWholeFileProblems() {
    let error = GazetteerError(
      .unreadable("not a readable directory"), sourceName: "extra/", line: 0)
    #expect(error.description == "extra/: not a readable directory")
  }
}
