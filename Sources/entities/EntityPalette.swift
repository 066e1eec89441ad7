import EntityExtraction

/// The colour of each built-in type: for the HTML page and brat's `visual.conf`, and the
/// ANSI colour of the text listing on a terminal.
enum EntityPalette {
  /// Background colours and ANSI SGR colour codes, in `EntityLabel.builtIn` order.
  static let colours: [(label: EntityLabel, colour: String, terminal: String)] = [
    (.place, "#9fe2b0", "32"),  // green
    (.organization, "#a9d1ff", "34"),  // blue
    (.person, "#ffc48a", "33"),  // yellow
    (.nationality, "#dcc2ff", "35"),  // magenta
    (.date, "#fff07a", "36"),  // cyan
    (.casualty, "#ffb3b3", "31"),  // red
  ]
  /// The colour of a type outside the built-in six.
  static let other = "#d9dde2"
  /// The ANSI SGR code of a type outside the built-in six: bold.
  static let otherTerminal = "1"

  /// The ANSI SGR code for a type.
  static func terminalColour(of label: EntityLabel) -> String {
    colours.first { $0.label == label }?.terminal ?? otherTerminal
  }
}
