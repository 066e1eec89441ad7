/// One gazetteer file, validated, whose entries stay as byte ranges of its text.
///
/// This is how the extractor loads its gazetteers: no `String` or dictionary per entry,
/// so a 235,000-entry file loads in a fraction of a second. Lines that are not in the
/// common simple form go through the full parser of ``Gazetteer``, which is the
/// authority on what is valid and produces every error message.
struct RawGazetteer: Sendable {
  /// Where one entry's fields lie in `bytes`: `name` is `start..<nameEnd`, each later
  /// field starts one byte (the TAB) after the previous end.
  struct Line: Sendable {
    var start: Int32
    var nameEnd: Int32
    var typeEnd: Int32
    var idEnd: Int32
    var aliasesEnd: Int32
    var end: Int32
    var lineNumber: Int32
  }

  let sourceName: String
  /// The file's bytes: owned after parsing, mapped when read from a compiled file.
  let bytes: Table<UInt8>
  /// Entries in the simple form, as byte ranges.
  var lines = Table<Line>()
  /// The facts of each of `lines`, as parsed (empty when read from a compiled file, whose
  /// stores keep the facts).
  var lineFacts: [EntryFacts] = []
  /// Entries parsed by the full parser (unusual but valid lines), with their line numbers.
  var parsed: [GazetteerEntry] = []
  /// The order of entries in the file: `>= 0` indexes `lines`, `< 0` is `-1 - index`
  /// into `parsed`.
  var order = Table<Int32>()
  /// The byte range of each `parsed` entry's line, to parse it again from a cache.
  var parsedRanges: [Range<Int32>] = []

  /// Reads and validates gazetteer bytes.
  ///
  /// - Throws: ``GazetteerError`` for the first malformed line, naming it.
  init(bytes: [UInt8], sourceName: String) throws(GazetteerError) {
    self.sourceName = sourceName
    self.bytes = Table(bytes)
    var lines: [Line] = []
    var order: [Int32] = []
    var seen = IDTable()
    let count = bytes.count
    guard count < Int(Int32.max) else {
      throw GazetteerError(.unreadable("file larger than 2 GB"), sourceName: sourceName, line: 0)
    }
    var lineNumber = 0
    var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    // About one entry per 100 bytes: reserving avoids regrowing big arrays.
    let estimate = count / 100 + 16
    lines.reserveCapacity(estimate)
    lineFacts.reserveCapacity(estimate)
    order.reserveCapacity(estimate)
    seen.reserve(estimate, bytes: estimate * 24)
    try bytes.withUnsafeBufferPointer { (buffer) throws(GazetteerError) in
      while lineStart < count {
        lineNumber += 1
        var lineEnd = lineStart
        while lineEnd < count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
        let next = lineEnd + 1
        if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        defer { lineStart = next }
        if lineEnd == lineStart || buffer[lineStart] == UInt8(ascii: "#") { continue }
        if buffer[lineStart] == 0x20 || buffer[lineStart] == 0x09,
          (lineStart..<lineEnd).allSatisfy({ buffer[$0] == 0x20 || buffer[$0] == 0x09 })
        {
          continue
        }
        if var (line, facts) = Self.simpleLine(buffer, lineStart, lineEnd) {
          line.lineNumber = Int32(lineNumber)
          let type = UnsafeBufferPointer(rebasing: buffer[Int(line.nameEnd + 1)..<Int(line.typeEnd)])
          if Self.equal(type, "stop") { facts.flags.insert(.stop) }
          let id = UnsafeBufferPointer(rebasing: buffer[Int(line.typeEnd + 1)..<Int(line.idEnd)])
          if let first = seen.insert(type: type, id: id, line: lineNumber) {
            throw GazetteerError(
              .duplicateEntry(firstSource: sourceName, firstLine: first), sourceName: sourceName,
              line: lineNumber)
          }
          order.append(Int32(lines.count))
          lines.append(line)
          lineFacts.append(facts)
        } else {
          // The full parser decides, and names the problem if there is one.
          let lineBytes = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
          if let bad = UTF8Validation.firstInvalidOffset(in: lineBytes) {
            throw GazetteerError(.invalidUTF8(byteOffset: bad), sourceName: sourceName, line: lineNumber)
          }
          let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd]), as: UTF8.self)
          let entry = try Gazetteer.parseEntry(text, sourceName: sourceName, line: lineNumber)
          var type = entry.label.rawValue
          var id = entry.id
          let first = type.withUTF8 { typeBytes in
            id.withUTF8 { seen.insert(type: typeBytes, id: $0, line: lineNumber) }
          }
          if let first {
            throw GazetteerError(
              .duplicateEntry(firstSource: sourceName, firstLine: first), sourceName: sourceName,
              line: lineNumber)
          }
          order.append(-1 - Int32(parsed.count))
          parsed.append(entry)
          parsedRanges.append(Int32(lineStart)..<Int32(lineEnd))
        }
      }
    }
    self.lines = Table(lines)
    self.order = Table(order)
  }

  /// A file read back from a compiled file: its bytes and tables, and the entries of its
  /// unusual lines parsed again (the only per-entry work, for a few lines).
  init(
    sourceName: String, bytes: Table<UInt8>, lines: Table<Line>, order: Table<Int32>,
    parsedRanges: [Range<Int32>], parsedLineNumbers: [Int32]
  ) throws(CompiledImage.Unusable) {
    self.sourceName = sourceName
    self.bytes = bytes
    self.lines = lines
    self.order = order
    self.parsedRanges = parsedRanges
    guard parsedLineNumbers.count == parsedRanges.count else {
      throw CompiledImage.Unusable("\(sourceName): unusual lines miscounted")
    }
    for (range, line) in zip(parsedRanges, parsedLineNumbers.map(Int.init)) {
      guard range.lowerBound >= 0, range.lowerBound <= range.upperBound, Int(range.upperBound) <= bytes.count else {
        throw CompiledImage.Unusable("\(sourceName): a line out of bounds")
      }
      let text = bytes.withUnsafeBufferPointer {
        Self.string($0, Int(range.lowerBound), Int(range.upperBound))
      }
      guard let entry = try? Gazetteer.parseEntry(text, sourceName: sourceName, line: line) else {
        throw CompiledImage.Unusable("\(sourceName):\(line): no longer parses")
      }
      parsed.append(entry)
    }
  }

  /// The number of entries.
  var count: Int { order.count }

  /// Parses a line in the simple form, or returns `nil` so that the full parser decides.
  ///
  /// Simple: valid ASCII-or-UTF-8 without control characters, 3 to 5 fields, surfaces
  /// without leading or trailing white space (and not starting or ending with a
  /// non-ASCII character, whose white-space status the full parser checks), a
  /// well-formed type and id, and attributes whose known keys have valid values.
  private static func simpleLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> (Line, EntryFacts)?
  {
    var tabs: (Int, Int, Int, Int) = (-1, -1, -1, -1)
    var tabCount = 0
    var index = start
    var hasNonASCII = false
    while index < end {
      let byte = b[index]
      if byte == 0x09 {
        switch tabCount {
        case 0: tabs.0 = index
        case 1: tabs.1 = index
        case 2: tabs.2 = index
        case 3: tabs.3 = index
        default: return nil
        }
        tabCount += 1
      } else if byte < 0x20 || byte == 0x7F {
        return nil
      } else if byte >= 0x80 {
        hasNonASCII = true
      }
      index += 1
    }
    guard tabCount >= 2 else { return nil }
    if hasNonASCII, UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: b[start..<end])) != nil {
      return nil
    }
    let nameEnd = tabs.0
    let typeEnd = tabs.1
    let idEnd = tabCount >= 3 ? tabs.2 : end
    let aliasesEnd = tabCount >= 4 ? tabs.3 : (tabCount == 3 ? end : idEnd)
    let line = Line(
      start: Int32(start), nameEnd: Int32(nameEnd), typeEnd: Int32(typeEnd), idEnd: Int32(idEnd),
      aliasesEnd: Int32(aliasesEnd), end: Int32(end), lineNumber: 0)
    var facts = EntryFacts()
    // Name.
    guard isSimpleSurface(b, start, nameEnd) else { return nil }
    // Type and id.
    guard typeEnd > nameEnd + 1, isLabel(b, nameEnd + 1, typeEnd) else { return nil }
    guard idEnd > typeEnd + 1, (typeEnd + 1..<idEnd).allSatisfy({ isIDByte(b[$0]) }) else { return nil }
    // Aliases.
    if aliasesEnd > idEnd + 1 && !(aliasesEnd == idEnd + 2 && b[idEnd + 1] == UInt8(ascii: "-")) {
      var aliasStart = idEnd + 1
      for position in (idEnd + 1)...aliasesEnd where position == aliasesEnd || b[position] == UInt8(ascii: "|") {
        guard isSimpleSurface(b, aliasStart, position) else { return nil }
        aliasStart = position + 1
      }
    }
    // Attributes.
    if end > aliasesEnd + 1 && tabCount == 4 && !(end == aliasesEnd + 2 && b[aliasesEnd + 1] == UInt8(ascii: "-")) {
      guard parseAttributes(b, aliasesEnd + 1, end, into: &facts) else { return nil }
    }
    let nameStart = b[start] == UInt8(ascii: "=") ? start + 1 : start
    if startsLowercase(b, nameStart, nameEnd) { facts.flags.insert(.allowsLowercase) }
    if facts.admin1Hash == 0 && facts.placeKind == .admin1 {
      facts.admin1Hash = EntryFacts.admin1Hash(UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]))
    }
    let idBytes = UnsafeBufferPointer(rebasing: b[(typeEnd + 1)..<idEnd])
    if idBytes.starts(with: "iso3166-2:".utf8) { facts.flags.insert(.subdivision) }
    return (line, facts)
  }

  @inline(__always)
  private static func isLowercaseASCII(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

  /// A surface in the simple form: optional `=`, then non-empty, with no white space at
  /// either end.
  private static func isSimpleSurface(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var first = start
    if first < end && b[first] == UInt8(ascii: "=") { first += 1 }
    guard first < end else { return false }
    let head = b[first]
    if head <= 0x20 { return false }
    if head >= 0x80 && Whitespace.classify(b, first, first + scalarLength(head)) != .none { return false }
    var lastStart = end - 1
    while lastStart > first && b[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
    let tail = b[lastStart]
    if tail <= 0x20 { return false }
    if tail >= 0x80 && Whitespace.classify(b, lastStart, end) != .none { return false }
    return true
  }

  @inline(__always)
  private static func scalarLength(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// Whether the first scalar of `b[start..<end]` is a lower-case letter.
  private static func startsLowercase(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let lead = b[start]
    if lead < 0x80 { return isLowercaseASCII(lead) }
    var decoder = UTF8()
    var iterator = UnsafeBufferPointer(rebasing: b[start..<min(end, start + 4)]).makeIterator()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.properties.isLowercase }
    return false
  }

  private static func isLabel(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard start < end, isLowercaseASCII(b[start]) else { return false }
    for index in start..<end {
      let byte = b[index]
      guard isLowercaseASCII(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F else { return false }
    }
    return true
  }

  @inline(__always)
  static func isIDByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
      UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }

  /// Checks `key=value;…` and records the facts; `false` sends the line to the full parser.
  private static func parseAttributes(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into facts: inout EntryFacts
  ) -> Bool {
    var pairStart = start
    for position in start...end where position == end || b[position] == UInt8(ascii: ";") {
      var equals = pairStart
      while equals < position && b[equals] != UInt8(ascii: "=") { equals += 1 }
      guard equals < position, isLabel(b, pairStart, equals) else { return false }
      // A repeated key: compare with the keys of the earlier pairs.
      var earlier = start
      while earlier < pairStart {
        var earlierEquals = earlier
        while b[earlierEquals] != UInt8(ascii: "=") { earlierEquals += 1 }
        if earlierEquals - earlier == equals - pairStart,
          (0..<(equals - pairStart)).allSatisfy({ b[earlier + $0] == b[pairStart + $0] })
        {
          return false
        }
        while earlier < pairStart && b[earlier] != UInt8(ascii: ";") { earlier += 1 }
        earlier += 1
      }
      let key = UnsafeBufferPointer(rebasing: b[pairStart..<equals])
      let value = UnsafeBufferPointer(rebasing: b[(equals + 1)..<position])
      guard record(key: key, value: value, into: &facts) else { return false }
      pairStart = position + 1
    }
    return true
  }

  static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
    return true
  }

  /// Validates a known attribute's value and records it; unknown keys pass.
  private static func record(
    key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, into facts: inout EntryFacts
  ) -> Bool {
    if equal(key, "country") {
      guard value.count == 2 && value.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return false }
      facts.countryCode = EntryFacts.countryCode(value)
    } else if equal(key, "lat") || equal(key, "lon") {
      guard let number = decimal(value) else { return false }
      if equal(key, "lat") {
        guard (-90...90).contains(number) else { return false }
        facts.latitude = number
      } else {
        guard (-180...180).contains(number) else { return false }
        facts.longitude = number
      }
    } else if equal(key, "population") {
      guard let number = integer(value), number >= 0 else { return false }
      facts.population = number
    } else if equal(key, "priority") {
      guard let number = integer(value), let small = Int32(exactly: number) else { return false }
      facts.priority = small
    } else if equal(key, "kind") {
      guard !value.isEmpty && value.allSatisfy({
        isLowercaseASCII($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D
      }) else { return false }
      facts.placeKind = .of(value)
    } else if equal(key, "admin1") {
      guard !value.isEmpty else { return false }
      facts.admin1Hash = EntryFacts.admin1Hash(value)
    } else if equal(key, "lowercase") {
      if equal(value, "allow") { facts.flags.insert(.allowsLowercase) }
    } else if equal(key, "common_word") {
      if equal(value, "1") { facts.flags.insert(.commonWord) }
    } else if equal(key, "person_name") {
      if equal(value, "1") { facts.flags.insert(.personName) }
    } else if equal(key, "capital") {
      if equal(value, "1") { facts.flags.insert(.capital) }
    }
    return true
  }

  /// `-?[0-9]{1,18}`, or `nil`.
  private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    var negative = false
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      index = 1
    }
    guard index < bytes.count, bytes.count - index <= 18 else { return nil }
    var value: Int64 = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
      index += 1
    }
    return negative ? -value : value
  }

  private static let powersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// `-?[0-9]+(.[0-9]+)?`, converted exactly as `Double(String)` would; or `nil`.
  private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var index = 0
    if bytes.first == UInt8(ascii: "-") { index = 1 }
    var digits = 0
    var dots = 0
    for position in index..<bytes.count {
      let byte = bytes[position]
      if byte >= 0x30 && byte <= 0x39 {
        digits += 1
      } else if byte == UInt8(ascii: ".") && dots == 0 && digits > 0 && position + 1 < bytes.count {
        dots += 1
      } else {
        return nil
      }
    }
    guard digits > 0, bytes.count <= 40 else { return nil }
    // Clinger's fast path: a mantissa below 2^53 divided by an exact power of ten is
    // correctly rounded, so this equals `Double(String)`; longer numbers take the slow way.
    if digits <= 15 {
      var mantissa: Int64 = 0
      var scale = 0
      var afterDot = false
      for position in index..<bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: ".") {
          afterDot = true
          continue
        }
        mantissa = mantissa * 10 + Int64(byte - 0x30)
        if afterDot { scale += 1 }
      }
      let value = Double(mantissa) / powersOfTen[scale]
      return index == 1 ? -value : value
    }
    return Double(String(decoding: bytes, as: UTF8.self))
  }

  /// The bytes of a field of a simple line.
  @inline(__always)
  func field(_ range: Range<Int32>) -> Range<Int> { Int(range.lowerBound)..<Int(range.upperBound) }

  /// Makes the full entry of the `index`-th entry in file order.
  func entry(at index: Int) -> GazetteerEntry {
    let position = order[index]
    if position < 0 { return parsed[Int(-1 - position)] }
    return simpleEntry(lines[Int(position)])
  }

  /// Builds the entry of a line in the simple form straight from its byte ranges: the
  /// line was validated when the file was read, so it is only cut up here (the full
  /// parser would give the same entry, more slowly).
  func simpleEntry(_ line: Line) -> GazetteerEntry {
    bytes.withUnsafeBufferPointer { b in
      func string(_ start: Int, _ end: Int) -> String { Self.string(b, start, end) }
      func surface(_ start: Int, _ end: Int) -> GazetteerEntry.Surface {
        b[start] == UInt8(ascii: "=")
          ? GazetteerEntry.Surface(string(start + 1, end), isCaseSensitive: true)
          : GazetteerEntry.Surface(string(start, end))
      }
      /// Calls `body` with the pieces of `start..<end` between `separator` bytes.
      func pieces(_ start: Int, _ end: Int, _ separator: UInt8, _ body: (Int, Int) -> Void) {
        var pieceStart = start
        for position in start...end where position == end || b[position] == separator {
          body(pieceStart, position)
          pieceStart = position + 1
        }
      }
      let start = Int(line.start)
      let nameEnd = Int(line.nameEnd)
      let typeEnd = Int(line.typeEnd)
      let idEnd = Int(line.idEnd)
      let aliasesEnd = Int(line.aliasesEnd)
      let end = Int(line.end)
      let name = surface(start, nameEnd)
      var aliases: [GazetteerEntry.Surface] = []
      if aliasesEnd > idEnd + 1 && !(aliasesEnd == idEnd + 2 && b[idEnd + 1] == UInt8(ascii: "-")) {
        pieces(idEnd + 1, aliasesEnd, UInt8(ascii: "|")) { aliases.append(surface($0, $1)) }
      }
      var attributes: [String: String] = [:]
      if end > aliasesEnd + 1 && !(end == aliasesEnd + 2 && b[aliasesEnd + 1] == UInt8(ascii: "-")) {
        pieces(aliasesEnd + 1, end, UInt8(ascii: ";")) { pairStart, pairEnd in
          var equals = pairStart
          while b[equals] != UInt8(ascii: "=") { equals += 1 }
          attributes[string(pairStart, equals)] = string(equals + 1, pairEnd)
        }
      }
      return GazetteerEntry(
        name: name.text, label: EntityLabel(rawValue: string(nameEnd + 1, typeEnd)),
        id: string(typeEnd + 1, idEnd), aliases: aliases, attributes: attributes,
        caseSensitiveName: name.isCaseSensitive, sourceName: sourceName, line: Int(line.lineNumber))
    }
  }

  /// The text of bytes `start..<end`.
  static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }

  /// The full parser's entry for a simple line, for tests to compare with ``simpleEntry(_:)``.
  func parsedEntry(_ line: Line) -> GazetteerEntry? {
    let text = String(decoding: bytes[Int(line.start)..<Int(line.end)], as: UTF8.self)
    return try? Gazetteer.parseEntry(text, sourceName: sourceName, line: Int(line.lineNumber))
  }
}
