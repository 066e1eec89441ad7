import ArgumentParser
import EntityExtraction

/// The `text` output format: a readable listing, one line per mention, in aligned columns.
///
///     == Samples/02-quetta-dateline.txt (30 entities)
///       place         QUETTA            0-6      1.00  PK · Balochistan · geonames:1167528
///       date          March 3, 2024     213-226  0.90  2024-03-03
///       casualty      seven soldiers    143-157  0.90  killed 7 soldiers (security)
///
/// Columns: type, the mention's text (line breaks as spaces, cut with `…` past
/// ``Layout/textLimit`` characters), the offsets in the output unit, the confidence and the
/// brief value description (``Entity/valueDescription(in:detail:)``). With `colours`, the
/// type and text are coloured by type (``EntityPalette``), the heading is bold and an
/// error red. Control characters of the document, its ID or a message never reach the
/// terminal: they are shown as U+FFFD.
struct TextListing: Sendable {
  /// The widths of the listing's columns.
  enum Layout {
    /// The type column: the longest built-in type name, "organization".
    static let typeWidth = 12
    /// A mention's text longer than this (in terminal columns) is cut.
    static let textLimit = 36
    /// The confidence column: two decimals, `0.90`.
    static let confidenceWidth = 4
    /// Space between columns.
    static let gap = "  "
  }

  /// Whether to colour the listing with ANSI escapes.
  var colours: Bool

  /// The listing of one annotated document, with a blank line after it.
  func render(id: String, text: String, entities: [Entity], offsets: OffsetUnit) -> String {
    let noun = entities.count == 1 ? "entity" : "entities"
    var out = styled("== \(Self.terminalSafe(id)) (\(entities.count) \(noun))", "1") + "\n"
    let objects = Entity.jsonObjects(for: entities, in: text, offsets: offsets)
    let rows = zip(entities, objects).map { entity, object in
      (
        entity: entity,
        surface: Self.cut(Self.terminalSafe(entity.substring(in: text)), to: Layout.textLimit),
        offsets: "\(object["start"]?.intValue ?? 0)-\(object["end"]?.intValue ?? 0)"
      )
    }
    let textWidth = rows.map { Self.displayWidth($0.surface) }.max() ?? 0
    let offsetsWidth = rows.map { $0.offsets.utf8.count }.max() ?? 0
    for row in rows {
      let colour = EntityPalette.terminalColour(of: row.entity.label)
      let type = Self.terminalSafe(row.entity.label.rawValue)
      var line = "  " + styled(type, colour) + Self.padding(type, Layout.typeWidth) + Layout.gap
      line += styled(row.surface, colour) + Self.padding(row.surface, textWidth) + Layout.gap
      line += row.offsets + Self.padding(row.offsets, offsetsWidth) + Layout.gap
      let confidence = row.entity.confidenceText ?? ""
      line += confidence + Self.padding(confidence, Layout.confidenceWidth) + Layout.gap
      line += Self.terminalSafe(row.entity.valueDescription(in: text, detail: .brief) ?? "")
      while line.utf8.last == UInt8(ascii: " ") { line.removeLast() }
      out += line + "\n"
    }
    return out + "\n"
  }

  /// The listing of a document that could not be annotated.
  func failure(message: String) -> String {
    styled("== error: \(Self.terminalSafe(message))", "31") + "\n\n"
  }

  /// `text` inside the ANSI escapes for SGR `code` and reset, when colouring.
  private func styled(_ text: String, _ code: String) -> String {
    colours && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// The spaces that pad `text` to `width` terminal columns (none when it is that wide
  /// already: ``Layout/gap`` keeps columns apart).
  static func padding(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - displayWidth(text)))
  }

  /// The text with whitespace shown as spaces and every other control character, and the
  /// bidirectional overrides and isolates that would reorder the line, as U+FFFD.
  static func terminalSafe(_ text: some StringProtocol) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        scalars.append(" ")
      } else if scalar.properties.generalCategory == .control
        || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      {
        scalars.append("\u{FFFD}")
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// The text cut to at most `limit` terminal columns, its last one an ellipsis when cut.
  static func cut(_ text: String, to limit: Int) -> String {
    guard displayWidth(text) > limit else { return text }
    var kept = String.UnicodeScalarView()
    var width = 0
    for scalar in text.unicodeScalars {
      let next = width + displayWidth(of: scalar)
      if next > limit - 1 { break }
      kept.append(scalar)
      width = next
    }
    return String(kept) + "…"
  }

  /// The columns a terminal gives `text`: none for combining marks and format characters,
  /// two for East Asian wide characters and emoji, one for the rest.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + displayWidth(of: $1) }
  }

  private static func displayWidth(of scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    for range in wideRanges where range.contains(scalar.value) { return 2 }
    return 1
  }

  /// East Asian wide and fullwidth blocks: Hangul Jamo, CJK, Hangul syllables, fullwidth
  /// forms, and the supplementary ideographic planes.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x20000...0x3FFFD,
  ]
}

/// When `annotate --format text` colours its listing: the `--color` option.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
  /// On a terminal, unless `NO_COLOR` is set to a non-empty value or `TERM` is `dumb`.
  case auto
  /// Always, even into a file or with `NO_COLOR` set (an explicit flag wins).
  case always
  /// Never.
  case never

  /// Whether to colour, given where standard output goes and the environment.
  func coloursOutput(toTerminal: Bool, environment: [String: String]) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      return toTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
  }
}
