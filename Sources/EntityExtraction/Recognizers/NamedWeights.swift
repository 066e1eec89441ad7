/// A table of named numbers read from the entries of one lexicon type: each entry's name
/// is a key, its `value` attribute the number (``PlaceWeights``, ``IncidentWeights``).
protocol NamedWeights {
  /// The defaults, which a key no entry gives keeps.
  init()
  /// Every key of the file and the value it sets.
  static var keys: [(key: String, path: WritableKeyPath<Self, Double>)] { get }
  /// What an entry's name must be, for the error: "a place weight".
  static var keyDescription: String { get }
  /// What a key's value must be, for the error ("a number from 0 to 1"), when it must be
  /// more than a finite number; `nil` otherwise.
  static func constraint(of key: String) -> (accepts: (Double) -> Bool, expected: String)?
}

extension NamedWeights {
  /// The defaults with the values of `lexicon`; later entries replace earlier ones.
  ///
  /// - Throws: ``GazetteerError`` naming the entry's file and line for a name that is no
  ///   key, or a `value` that is not a number or breaks the key's constraint.
  init(reading lexicon: [GazetteerEntry]) throws(GazetteerError) {
    self.init()
    let keys = Self.keys
    for entry in lexicon {
      guard let path = keys.first(where: { $0.key == entry.name })?.path else {
        throw GazetteerError(
          .invalidAttributeValue(
            key: "name", value: entry.name,
            expected: Self.keyDescription + ": " + keys.map(\.key).joined(separator: ", ")),
          sourceName: entry.sourceName, line: entry.line)
      }
      let constraint = Self.constraint(of: entry.name)
      guard let text = entry.attributes["value"], let value = Double(text), value.isFinite,
        constraint?.accepts(value) ?? true
      else {
        throw GazetteerError(
          .invalidAttributeValue(
            key: "value", value: entry.attributes["value"] ?? "",
            expected: constraint?.expected ?? "a number"),
          sourceName: entry.sourceName, line: entry.line)
      }
      self[keyPath: path] = value
    }
  }
}
