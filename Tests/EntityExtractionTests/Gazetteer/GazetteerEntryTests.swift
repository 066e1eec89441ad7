import EntityExtraction
import Testing

@Suite struct GazetteerEntryTests {
  @Test func listsTheNameFirstThenTheAliases() {
    let entry = GazetteerEntry(
      name: "United States", label: .place, id: "iso3166-1:US",
      aliases: [.init("US", isCaseSensitive: true), .init("America")])
    #expect(
      entry.surfaces == [
        .init("United States"), .init("US", isCaseSensitive: true), .init("America"),
      ])
    #expect(entry.sourceName == "memory")
    #expect(entry.line == 0)
  }

  @Test func readsKnownAttributes() {
    let entry = GazetteerEntry(
      name: "Quetta", label: .place, id: "geonames:1167528",
      attributes: [
        "country": "PK", "admin1": "Balochistan", "lat": "30.1841", "lon": "67.0014",
        "population": "733675", "kind": "city", "priority": "2",
      ])
    #expect(entry.country == "PK")
    #expect(entry.admin1 == "Balochistan")
    #expect(entry.latitude == 30.1841)
    #expect(entry.longitude == 67.0014)
    #expect(entry.population == 733675)
    #expect(entry.kind == "city")
    #expect(entry.priority == 2)
    #expect(
      entry.resolvedPlace
        == ResolvedPlace(
          id: "geonames:1167528", country: "PK", admin1: "Balochistan", latitude: 30.1841,
          longitude: 67.0014, kind: "city", population: 733675))
  }

  @Test func defaultsWhenAttributesAreMissing() {
    let entry = GazetteerEntry(name: "Chaman", label: .place, id: "x:chaman")
    #expect(entry.priority == 0)
    #expect(entry.population == nil)
    #expect(entry.latitude == nil)
    #expect(entry.resolvedPlace == ResolvedPlace(id: "x:chaman"))
  }

  @Test func anAdmin1PlaceIsItsOwnAdmin1() {
    let entry = GazetteerEntry(
      name: "Balochistan", label: .place, id: "iso3166-2:PK-BA",
      attributes: ["kind": "admin1", "country": "PK"])
    #expect(entry.resolvedPlace?.admin1 == "Balochistan")
  }

  @Test func onlyPlacesResolveToPlaces() {
    let entry = GazetteerEntry(name: "Geo News", label: .organization, id: "eex:org/geo")
    #expect(entry.resolvedPlace == nil)
  }
}
