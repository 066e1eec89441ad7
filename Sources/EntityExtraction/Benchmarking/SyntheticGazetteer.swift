/// Generates a deterministic gazetteer of many names, for benchmarks and tests of the
/// compiled store at scale.
///
/// Names are shaped like real ones: one to four words of one to three syllables, drawn
/// from Latin letters with and without diacritics, Cyrillic and Arabic, capitalised,
/// unique once folded; each is a place, an organization or a person, with the ID
/// `gen:N`. The same seed always gives the same lines, on any machine.
public enum _SyntheticGazetteer {
  private static let syllables = [
    "ka", "ra", "mo", "zé", "lu", "ši", "an", "qo", "ün", "de", "fa", "tı", "ño", "ça", "ő", "ja",
    "на", "ри", "ко", "ев", "قا", "دي", "مر", "سن",
  ]
  private static let labels = ["place", "organization", "person"]

  /// `count` gazetteer lines (name, type, ID), and the names in the same order.
  public static func generate(count: Int, seed: UInt64) -> (lines: String, names: [String]) {
    var state = seed
    func next() -> UInt64 {
      // A 64-bit linear congruential step (Knuth's MMIX constants), its high bits used.
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    var names: [String] = []
    names.reserveCapacity(count)
    var lines = ""
    lines.reserveCapacity(count * 40)
    var seen = Set<String>(minimumCapacity: count)
    while names.count < count {
      let words = 1 + Int(next() % 4)
      let name = (0..<words).map { _ in
        let word = (0..<(1 + Int(next() % 3))).map { _ in syllables[Int(next()) % syllables.count] }.joined()
        return word.prefix(1).uppercased() + word.dropFirst()
      }.joined(separator: " ")
      guard seen.insert(FoldedKey.fold(name)).inserted else { continue }
      lines += "\(name)\t\(labels[Int(next() % 3)])\tgen:\(names.count)\n"
      names.append(name)
    }
    return (lines, names)
  }
}
