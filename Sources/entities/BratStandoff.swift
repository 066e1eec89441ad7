import EntityExtraction
import Foundation

/// One document in brat's standoff format: the text brat shows, and its `.ann` file.
///
/// brat counts offsets in Unicode code points (Python `str` indices) of the text as it
/// reads it, with universal newlines, so "\r\n" is one character there. The text written
/// is therefore the document with every "\r\n" and lone "\r" turned into "\n", and the
/// offsets count scalars of that text: `text[start:end]` in Python is the mention.
///
///     T1	place 10 22	Lakki Marwat
///     #1	AnnotatorNotes T1	eex:pk-district/lakki-marwat · PK · Khyber Pakhtunkhwa · 32.6072,70.9123
///
/// A mention that spans a line break becomes a discontinuous one (`T2	place 3 8;9 15	…`),
/// as brat writes them, since no `.ann` line may hold a newline. Every mention is kept,
/// nested and overlapping ones included. A note (`#N AnnotatorNotes`) carries each
/// normalised value: a place's ID, country, admin1 and coordinates, a date's TIMEX3
/// value, a casualty count's outcome and bounds, a canonical name. A casualty count's
/// place, date and perpetrator are relations from it to their mentions:
///
///     R1	place Arg1:T3 Arg2:T2
///     R2	perpetrator Arg1:T3 Arg2:T5
struct BratStandoff {
  /// The text to write as `<name>.txt`.
  var text: String
  /// The annotations to write as `<name>.ann`.
  var annotations: String

  init(text original: String, entities: [Entity]) {
    var bytes = Array(original.utf8)
    // UTF-8 offsets of the "\r" of each "\r\n", which brat reads as one character.
    var crlf: [Int] = []
    for index in bytes.indices where bytes[index] == 0x0D {
      if index + 1 < bytes.count, bytes[index + 1] == 0x0A { crlf.append(index) }
    }
    var utf8Offsets: [Int] = []
    for entity in entities {
      utf8Offsets.append(entity.utf8Range.lowerBound)
      utf8Offsets.append(entity.utf8Range.upperBound)
    }
    let scalars = OffsetConverter.convert(utf8Offsets, in: original, to: .unicodeScalars)
    // Normalise line ends: drop the "\r" of "\r\n", turn a lone "\r" into "\n".
    if bytes.contains(0x0D) {
      var normalised: [UInt8] = []
      normalised.reserveCapacity(bytes.count)
      for (index, byte) in bytes.enumerated()
      where byte != 0x0D || index + 1 == bytes.count || bytes[index + 1] != 0x0A {
        normalised.append(byte == 0x0D ? 0x0A : byte)
      }
      bytes = normalised
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let characters = Array(text.unicodeScalars)

    var lines = ""
    var number = 0
    var noteNumber = 0
    // The T-number of each mention written, by span and label, for the relations.
    var written: [SpanLabel: Int] = [:]
    for (index, entity) in entities.enumerated() where !entity.utf8Range.isEmpty {
      // Each "\r\n" before an offset is one character fewer.
      let start = scalars[2 * index] - crlf.partitioningIndex { $0 >= entity.utf8Range.lowerBound }
      let end =
        scalars[2 * index + 1] - crlf.partitioningIndex { $0 >= entity.utf8Range.upperBound }
      // Fragments: the runs of the span between line breaks.
      var fragments: [Range<Int>] = []
      var fragmentStart = start
      for position in start...end where position == end || characters[position] == "\n" {
        if position > fragmentStart { fragments.append(fragmentStart..<position) }
        fragmentStart = position + 1
      }
      guard !fragments.isEmpty else { continue }
      number += 1
      let offsets = fragments.map { "\($0.lowerBound) \($0.upperBound)" }.joined(separator: ";")
      let surface = fragments.map { String(String.UnicodeScalarView(characters[$0])) }.joined(
        separator: " ")
      lines += "T\(number)\t\(entity.label.rawValue) \(offsets)\t\(surface)\n"
      if written[SpanLabel(range: entity.utf8Range, label: entity.label)] == nil {
        written[SpanLabel(range: entity.utf8Range, label: entity.label)] = number
      }
      if let value = entity.valueDescription(in: original) {
        noteNumber += 1
        lines +=
          "#\(noteNumber)\tAnnotatorNotes T\(number)\t\(value.replacingOccurrences(of: "\t", with: " "))\n"
      }
    }
    lines += Self.relations(of: entities, written: written)
    self.text = text
    self.annotations = lines
  }

  /// A mention's span and label, which name its `T` line.
  struct SpanLabel: Hashable {
    var range: Range<Int>
    var label: EntityLabel
  }

  /// The `R` lines: from each casualty count to the mentions of its place, date and
  /// perpetrator (relation types `place`, `date`, `perpetrator`), when both were written.
  private static func relations(of entities: [Entity], written: [SpanLabel: Int]) -> String {
    var lines = ""
    var number = 0
    for entity in entities {
      guard let casualty = entity.casualty,
        let from = written[SpanLabel(range: entity.utf8Range, label: entity.label)]
      else { continue }
      let links: [(String, Range<Int>?, EntityLabel)] = [
        ("place", casualty.place?.utf8Range, .place), ("date", casualty.date?.utf8Range, .date),
        ("perpetrator", casualty.perpetrator?.utf8Range, .organization),
      ]
      for (type, range, label) in links {
        guard let range, let to = written[SpanLabel(range: range, label: label)] else { continue }
        number += 1
        lines += "R\(number)\t\(type) Arg1:T\(from) Arg2:T\(to)\n"
      }
    }
    return lines
  }
}

/// The `--output-dir` of the brat format: gives each document a file name of its own and
/// writes its `.txt` and `.ann` files, in input order.
///
/// A name comes from the document's ID: the last path component without its extension
/// for files (`reports/0001.txt` → `0001`), the ID itself for JSONL lines (`line-N` when
/// there is none), `stdin` for standard input. Characters other than ASCII letters,
/// digits, `-`, `_` and `.` become `_`, leading dots are dropped, and names are cut to 100
/// bytes. A name already given in this run (ignoring case) gets `-2`, `-3`…; files left
/// from earlier runs are replaced. `annotation.conf` and `visual.conf` (the six types,
/// overlaps allowed, the HTML page's colours) are written when the directory has none.
struct BratDirectory {
  let path: String
  private var usedNames: Set<String> = []

  init(path: String) { self.path = path }

  /// Creates the directory and brat's configuration files if they are missing.
  func prepare() throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      for (name, contents) in [
        ("annotation.conf", Self.annotationConf), ("visual.conf", Self.visualConf),
      ] {
        let file = (path as NSString).appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: file) {
          try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        }
      }
    } catch {
      throw StringError(
        "cannot prepare the output directory \(path): \(error.localizedDescription)")
    }
  }

  /// Writes one document's files under a name of its own and returns their paths.
  mutating func write(_ document: BratStandoff, preferredName: String) throws -> (
    txt: String, ann: String
  ) {
    var name = Self.safeName(preferredName)
    var suffix = 2
    while usedNames.contains(name.lowercased()) {
      name = Self.safeName(preferredName) + "-\(suffix)"
      suffix += 1
    }
    usedNames.insert(name.lowercased())
    let txt = (path as NSString).appendingPathComponent(name + ".txt")
    let ann = (path as NSString).appendingPathComponent(name + ".ann")
    for (file, contents) in [(txt, document.text), (ann, document.annotations)] {
      do {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
      } catch {
        throw StringError("cannot write \(file): \(error.localizedDescription)")
      }
    }
    return (txt, ann)
  }

  /// The name a document would like, before it is made safe and unique.
  static func preferredName(forPath path: String) -> String {
    if path == "-" { return "stdin" }
    let last = (path as NSString).lastPathComponent
    let stem = (last as NSString).deletingPathExtension
    return stem.isEmpty ? last : stem
  }

  /// `raw` reduced to a safe file-name stem (see the type's discussion).
  static func safeName(_ raw: String) -> String {
    var name = ""
    for scalar in raw.unicodeScalars {
      let safe =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || "-_.".unicodeScalars.contains(scalar))
      if safe {
        name.unicodeScalars.append(scalar)
      } else if !name.hasSuffix("_") {
        name += "_"
      }
    }
    while name.hasPrefix(".") { name.removeFirst() }
    if name.utf8.count > 100 { name = String(name.prefix(100)) }
    return name.isEmpty ? "document" : name
  }

  private static var annotationConf: String {
    """
    # Entity types of swift-entity-extraction (written by entities annotate --format brat).
    [entities]
    \(EntityPalette.colours.map(\.label.rawValue).joined(separator: "\n"))

    [relations]
    # A casualty count's place, date and perpetrator.
    place\tArg1:casualty, Arg2:place
    date\tArg1:casualty, Arg2:date
    perpetrator\tArg1:casualty, Arg2:organization
    # Mentions may nest and overlap (a casualty count contains a nationality).
    <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

    [events]

    [attributes]

    """
  }

  private static var visualConf: String {
    """
    # Colours of swift-entity-extraction's types, as on the HTML page.
    [labels]
    \(EntityPalette.colours.map { "\($0.label.rawValue) | \($0.label.rawValue.capitalized)" }.joined(separator: "\n"))

    [drawing]
    \(EntityPalette.colours.map { "\($0.label.rawValue)\tbgColor:\($0.colour)" }.joined(separator: "\n"))

    """
  }
}
