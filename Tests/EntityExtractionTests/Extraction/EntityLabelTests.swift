import EntityExtraction
import Testing

@Suite struct EntityLabelTests {
  @Test(arguments: [
    ("place", true), ("casualty", true), ("weapon_2", true), ("a", true),
    ("", false), ("Place", false), ("2place", false), ("_place", false), ("pla-ce", false),
    ("plače", false), ("place ", false),
  ])
  func validatesNames(_ name: String, _ valid: Bool) {
    #expect(EntityLabel.isValidName(name) == valid)
  }

  @Test func listsTheBuiltInLabels() {
    #expect(
      EntityLabel.builtIn.map(\.rawValue) == [
        "place", "organization", "person", "nationality", "date", "casualty",
      ])
  }

  @Test func isAnOpenSetWrittenAsItsName() {
    let weapon: EntityLabel = "weapon"
    #expect(weapon == EntityLabel(rawValue: "weapon"))
    #expect(weapon.description == "weapon")
    #expect(EntityLabel.date < EntityLabel.place)
  }
}
