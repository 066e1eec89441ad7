import Testing

@testable import EntityExtraction

/// Entries of simple lines are cut from their bytes without the full parser; both must
/// agree on every bundled line (and on hand-made ones with every optional field).
@Suite struct RawGazetteerEntryTests {
  @Test func simpleLinesGiveTheFullParsersEntry() throws {
    let text = """
      Lakki Marwat\tplace\teex:test/1\tLakki|=LM\tcountry=PK;admin1=Khyber Pakhtunkhwa;kind=district
      =US\tplace\teex:test/2
      Kandahār\tplace\teex:test/3\t-\tlat=31.61;lon=65.71
      Bannu\tplace\teex:test/4\t\tpopulation=49008
      al-Shabaab\torganization\teex:test/5\tAl Shabaab|Harakat al-Shabaab\t-

      """
    let raw = try RawGazetteer(bytes: Array(text.utf8), sourceName: "test.tsv")
    #expect(raw.lines.count == 5)
    for line in raw.lines {
      #expect(raw.simpleEntry(line) == raw.parsedEntry(line))
    }
  }

  @Test func everyBundledSimpleLineAgrees() throws {
    let files = try Gazetteer.readDirectory(try Gazetteer.bundledDirectoryOrError(), namePrefix: "")
    var compared = 0
    for file in files {
      let raw = try RawGazetteer(bytes: file.bytes, sourceName: file.name)
      // The 235,000 cities: a sample keeps the debug-build test fast.
      let step = raw.lines.count > 20_000 ? 97 : 1
      for index in stride(from: 0, to: raw.lines.count, by: step) {
        let line = raw.lines[index]
        let simple = raw.simpleEntry(line)
        let parsed = raw.parsedEntry(line)
        #expect(simple == parsed, "\(file.name):\(line.lineNumber)")
        compared += 1
      }
    }
    #expect(compared > 15_000)
  }
}
