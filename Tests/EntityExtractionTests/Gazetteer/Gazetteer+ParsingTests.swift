import EntityExtraction
import Testing

@Suite struct GazetteerParsingTests {
  /// Parses `source` and returns the error's description, or `nil` when it parses.
  static func errorDescription(_ source: String, name: String = "t.tsv") -> String? {
    do {
      _ = try Gazetteer(parsing: source, sourceName: name)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func parsesAFullEntry() throws {
    let gazetteer = try Gazetteer(
      parsing: """
        Khyber Pakhtunkhwa\tplace\tiso3166-2:PK-KP\tNWFP|North-West Frontier Province|=KP\tcountry=PK;kind=admin1;population=35525047;lat=34.0;lon=71.5;note=a=b
        """, sourceName: "places/pk.tsv")
    #expect(gazetteer.sourceName == "places/pk.tsv")
    let entry = try #require(gazetteer.entries.first)
    #expect(entry.name == "Khyber Pakhtunkhwa")
    #expect(entry.label == .place)
    #expect(entry.id == "iso3166-2:PK-KP")
    #expect(
      entry.surfaces == [
        .init("Khyber Pakhtunkhwa"), .init("NWFP"), .init("North-West Frontier Province"),
        .init("KP", isCaseSensitive: true),
      ])
    #expect(
      entry.attributes == [
        "country": "PK", "kind": "admin1", "population": "35525047", "lat": "34.0",
        "lon": "71.5", "note": "a=b",
      ])
    #expect(entry.sourceName == "places/pk.tsv")
    #expect(entry.line == 1)
  }

  @Test func acceptsCommentsBlankLinesAndCRLF() throws {
    let source =
      "# Places in Pakistan\r\n\r\nKabul\tplace\tx:1\r\n   \r\n\t\n# another comment\nHerat\tplace\tx:2\r\n"
    let gazetteer = try Gazetteer(parsing: source, sourceName: "t.tsv")
    #expect(gazetteer.entries.map(\.name) == ["Kabul", "Herat"])
    #expect(gazetteer.entries.map(\.id) == ["x:1", "x:2"])
    #expect(gazetteer.entries.map(\.line) == [3, 7])
  }

  @Test func acceptsAFileWithoutFinalNewline() throws {
    let gazetteer = try Gazetteer(parsing: "Kabul\tplace\tx:1\nHerat\tplace\tx:2", sourceName: "t")
    #expect(gazetteer.entries.count == 2)
  }

  @Test func acceptsAnEmptyFile() throws {
    #expect(try Gazetteer(parsing: "", sourceName: "t").entries.isEmpty)
    #expect(try Gazetteer(parsing: "# only a comment\n", sourceName: "t").entries.isEmpty)
  }

  @Test(arguments: [
    "Kabul\tplace\tx:1",
    "Kabul\tplace\tx:1\t",
    "Kabul\tplace\tx:1\t-",
    "Kabul\tplace\tx:1\t\t",
    "Kabul\tplace\tx:1\t-\t-",
    "Kabul\tplace\tx:1\t\t-",
    "Kabul\tplace\tx:1\t-\t",
  ])
  func dashOrNothingMeansNoAliasesOrAttributes(_ line: String) throws {
    let entry = try #require(try Gazetteer(parsing: line, sourceName: "t").entries.first)
    #expect(entry.surfaces == [.init("Kabul")])
    #expect(entry.attributes.isEmpty)
  }

  @Test func dashAliasesWithAttributes() throws {
    let entry = try #require(
      try Gazetteer(parsing: "Kabul\tplace\tx:1\t-\tkind=city", sourceName: "t").entries.first)
    #expect(entry.surfaces.count == 1)
    #expect(entry.attributes == ["kind": "city"])
  }

  @Test func equalsSignMarksACaseSensitiveSurface() throws {
    let entry = try #require(
      try Gazetteer(parsing: "=USA\tplace\tx:us\t=US|America|=U.S.", sourceName: "t").entries
        .first)
    #expect(entry.name == "USA")
    #expect(
      entry.surfaces == [
        .init("USA", isCaseSensitive: true), .init("US", isCaseSensitive: true),
        .init("America", isCaseSensitive: false), .init("U.S.", isCaseSensitive: true),
      ])
  }

  @Test func keepsNonASCIINamesAsWritten() throws {
    let entry = try #require(
      try Gazetteer(parsing: "Kandahār\tplace\tx:1\tQandahar|قندهار", sourceName: "t").entries.first
    )
    #expect(entry.surfaces.map(\.text) == ["Kandahār", "Qandahar", "قندهار"])
  }

  @Test(
    arguments: [
      // wrong field count
      (
        "Kabul\tplace",
        "t.tsv:1: expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found 2"
      ),
      (
        "Kabul",
        "t.tsv:1: expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found 1"
      ),
      (
        "Kabul\tplace\tx:1\t-\t-\textra",
        "t.tsv:1: expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found 6"
      ),
      (
        "Kabul  place  x:1",
        "t.tsv:1: expected 3 to 5 TAB-separated fields (name, type, id, aliases, attributes), found 1"
      ),
      // empty fields
      ("\tplace\tx:1", "t.tsv:1: empty name"),
      ("=\tplace\tx:1", "t.tsv:1: empty name"),
      ("Kabul\t\tx:1", "t.tsv:1: empty type"),
      ("Kabul\tplace\t", "t.tsv:1: empty id"),
      ("Kabul\tplace\tx:1\tKaboul||Cabool", "t.tsv:1: empty alias"),
      ("Kabul\tplace\tx:1\t=", "t.tsv:1: empty alias"),
      // invalid type
      ("Kabul\tPlace\tx:1", "t.tsv:1: invalid type 'Place' (expected [a-z][a-z0-9_]*)"),
      ("Kabul\t1place\tx:1", "t.tsv:1: invalid type '1place' (expected [a-z][a-z0-9_]*)"),
      ("Kabul\tpla-ce\tx:1", "t.tsv:1: invalid type 'pla-ce' (expected [a-z][a-z0-9_]*)"),
      // invalid id
      ("Kabul\tplace\tx 1", "t.tsv:1: invalid id 'x 1' (expected [A-Za-z0-9_.:/+-]+)"),
      (
        "Kabul\tplace\tgeonames:١٢",
        "t.tsv:1: invalid id 'geonames:١٢' (expected [A-Za-z0-9_.:/+-]+)"
      ),
      ("Kabul\tplace\tx#1", "t.tsv:1: invalid id 'x#1' (expected [A-Za-z0-9_.:/+-]+)"),
      // malformed attributes
      ("Kabul\tplace\tx:1\t-\tcity", "t.tsv:1: malformed attribute 'city' (expected key=value)"),
      (
        "Kabul\tplace\tx:1\t-\tKind=city",
        "t.tsv:1: malformed attribute 'Kind=city' (expected key=value)"
      ),
      ("Kabul\tplace\tx:1\t-\t=city", "t.tsv:1: malformed attribute '=city' (expected key=value)"),
      ("Kabul\tplace\tx:1\t-\tkind=city;", "t.tsv:1: malformed attribute '' (expected key=value)"),
      // known attributes with bad values
      (
        "Kabul\tplace\tx:1\t-\tlat=3O.5",
        "t.tsv:1: attribute 'lat' has value '3O.5', expected a latitude in decimal degrees, -90 to 90"
      ),
      (
        "Kabul\tplace\tx:1\t-\tlat=90.5",
        "t.tsv:1: attribute 'lat' has value '90.5', expected a latitude in decimal degrees, -90 to 90"
      ),
      (
        "Kabul\tplace\tx:1\t-\tlat=",
        "t.tsv:1: attribute 'lat' has value '', expected a latitude in decimal degrees, -90 to 90"
      ),
      (
        "Kabul\tplace\tx:1\t-\tlat=nan",
        "t.tsv:1: attribute 'lat' has value 'nan', expected a latitude in decimal degrees, -90 to 90"
      ),
      (
        "Kabul\tplace\tx:1\t-\tlon=-180.01",
        "t.tsv:1: attribute 'lon' has value '-180.01', expected a longitude in decimal degrees, -180 to 180"
      ),
      (
        "Kabul\tplace\tx:1\t-\tlon=69,17",
        "t.tsv:1: attribute 'lon' has value '69,17', expected a longitude in decimal degrees, -180 to 180"
      ),
      (
        "Kabul\tplace\tx:1\t-\tpopulation=-5",
        "t.tsv:1: attribute 'population' has value '-5', expected a non-negative integer"
      ),
      (
        "Kabul\tplace\tx:1\t-\tpopulation=4.4e6",
        "t.tsv:1: attribute 'population' has value '4.4e6', expected a non-negative integer"
      ),
      (
        "Kabul\tplace\tx:1\t-\tpopulation=4,400,000",
        "t.tsv:1: attribute 'population' has value '4,400,000', expected a non-negative integer"
      ),
      (
        "Kabul\tplace\tx:1\t-\tcountry=af",
        "t.tsv:1: attribute 'country' has value 'af', expected an ISO 3166-1 alpha-2 code such as PK"
      ),
      (
        "Kabul\tplace\tx:1\t-\tcountry=AFG",
        "t.tsv:1: attribute 'country' has value 'AFG', expected an ISO 3166-1 alpha-2 code such as PK"
      ),
      (
        "Kabul\tplace\tx:1\t-\tpriority=high",
        "t.tsv:1: attribute 'priority' has value 'high', expected an integer"
      ),
      (
        "Kabul\tplace\tx:1\t-\tkind=Capital City",
        "t.tsv:1: attribute 'kind' has value 'Capital City', expected a lower-case word such as city"
      ),
      (
        "Kabul\tplace\tx:1\t-\tadmin1=",
        "t.tsv:1: attribute 'admin1' has value '', expected a subdivision name"
      ),
      // duplicate attribute
      ("Kabul\tplace\tx:1\t-\tkind=city;kind=town", "t.tsv:1: attribute 'kind' given twice"),
      ("Kabul\tplace\tx:1\t-\tnote=a;note=a", "t.tsv:1: attribute 'note' given twice"),
      // untrimmed surfaces
      (" Kabul\tplace\tx:1", "t.tsv:1: surface ' Kabul' has leading or trailing white space"),
      ("Kabul \tplace\tx:1", "t.tsv:1: surface 'Kabul ' has leading or trailing white space"),
      (
        "Kabul\tplace\tx:1\tKaboul|Cabool\u{00A0}",
        "t.tsv:1: surface 'Cabool\u{00A0}' has leading or trailing white space"
      ),
      ("= US\tplace\tx:1", "t.tsv:1: surface ' US' has leading or trailing white space"),
    ] as [(String, String)])
  func reportsMalformedLines(_ line: String, _ description: String) {
    #expect(Self.errorDescription(line) == description)
  }

  @Test func reportsTheLineNumberCountingCommentsAndBlankLines() {
    let source = "# header\n\nKabul\tplace\tx:1\r\nHerat\tCity\tx:2\n"
    #expect(
      Self.errorDescription(source, name: "places/af.tsv")
        == "places/af.tsv:4: invalid type 'City' (expected [a-z][a-z0-9_]*)")
  }

  @Test func reportsTheKindLineAndSource() throws {
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer(
        parsing: "Kabul\tplace\tx:1\nHerat\tplace\tx:2\t-\tlat=north", sourceName: "a.tsv")
    }
    #expect(error?.line == 2)
    #expect(error?.sourceName == "a.tsv")
    #expect(
      error?.kind
        == .invalidAttributeValue(
          key: "lat", value: "north", expected: "a latitude in decimal degrees, -90 to 90"))
  }

  @Test func rejectsADuplicateEntryWithinAFile() {
    let source = "Kabul\tplace\tx:1\n# comment\nKaboul\tplace\tx:1\n"
    #expect(Self.errorDescription(source) == "t.tsv:3: duplicate of line 1")
  }

  @Test func allowsTheSameIDUnderDifferentTypes() throws {
    let gazetteer = try Gazetteer(
      parsing: "Georgia\tplace\tx:1\nGeorgia\tperson\tx:1\n", sourceName: "t")
    #expect(gazetteer.entries.count == 2)
  }

  @Test func reportsInvalidUTF8WithItsLineAndByte() {
    var bytes = Array("# header\nKabul\tplace\tx:1\n".utf8)
    bytes += [0x48, 0x65, 0xC3, 0x28] + Array("rat\tplace\tx:2\n".utf8)
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer(parsingUTF8: &bytes, sourceName: "bad.tsv")
    }
    #expect(error?.kind == .invalidUTF8(byteOffset: 2))
    #expect(error?.description == "bad.tsv:3: invalid UTF-8 at byte 2 of the line")
  }

  @Test func reportsInvalidUTF8AfterALongValidPrefix() {
    var bytes = Array("Kandahār\tplace\tx:1\tQandahar|".utf8) + [0xED, 0xA0, 0x80]
    let offset = Array("Kandahār\tplace\tx:1\tQandahar|".utf8).count
    let error = #expect(throws: GazetteerError.self) {
      try Gazetteer(parsingUTF8: &bytes, sourceName: "bad.tsv")
    }
    #expect(error?.description == "bad.tsv:1: invalid UTF-8 at byte \(offset) of the line")
  }

  /// Editors on Windows often save UTF-8 with a byte order mark.
  @Test(
    .bug(
      id: "gazetteer-bom",
      "A file that starts with a UTF-8 byte order mark fails on its first line or keeps U+FEFF in the name"
    ))
  func ignoresAByteOrderMarkAtTheStartOfAFile() throws {
    var commented = Array("\u{FEFF}# Places\nKabul\tplace\tx:1\n".utf8)
    #expect(throws: Never.self) { try Gazetteer(parsingUTF8: &commented, sourceName: "bom.tsv") }
    var entry = Array("\u{FEFF}Kabul\tplace\tx:1\n".utf8)
    let gazetteer = try Gazetteer(parsingUTF8: &entry, sourceName: "bom.tsv")
    #expect(gazetteer.entries.first?.name == "Kabul")
  }

  @Test func parsesValidBytes() throws {
    var bytes = Array("Kābul\tplace\tx:1\r\n".utf8)
    let gazetteer = try Gazetteer(parsingUTF8: &bytes, sourceName: "ok.tsv")
    #expect(gazetteer.entries.map(\.name) == ["Kābul"])
  }

  @Test func acceptsKnownAttributesAtTheirLimits() throws {
    let line =
      "Pole\tplace\tx:1\t-\tlat=-90;lon=180;population=0;country=AQ;kind=research_station-1;priority=-3;admin1=Ross Dependency"
    let entry = try #require(try Gazetteer(parsing: line, sourceName: "t").entries.first)
    #expect(entry.latitude == -90)
    #expect(entry.longitude == 180)
    #expect(entry.population == 0)
    #expect(entry.priority == -3)
  }

  @Test(
    .bug(
      id: "gazetteer-hex-latitude",
      "FORMAT.md asks for decimal degrees, but Double(_:) also accepts hexadecimal floats"))
  func rejectsHexadecimalCoordinates() {
    #expect(Self.errorDescription("Kabul\tplace\tx:1\t-\tlat=0x1Ap0") != nil)
    #expect(Self.errorDescription("Kabul\tplace\tx:1\t-\tlon=0x45p0") != nil)
  }

  @Test func makesEntriesInCode() {
    let gazetteer = Gazetteer(entries: [GazetteerEntry(name: "Kabul", label: .place, id: "x:1")])
    #expect(gazetteer.sourceName == "memory")
    #expect(gazetteer.entries.first?.surfaces == [.init("Kabul")])
  }
}
