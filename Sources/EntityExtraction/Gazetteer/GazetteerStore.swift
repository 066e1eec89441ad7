/// Facts about an entry that the recognizers need at match time, parsed once at load.
struct EntryFacts: Sendable {
  /// `population`, or -1.
  var population: Int64 = -1
  /// `priority`, or 0.
  var priority: Int32 = 0
  /// `lat` and `lon`, or NaN.
  var latitude: Double = .nan
  var longitude: Double = .nan
  var flags: Flags = []
  /// `country` as two ASCII letters (first in the high byte), or 0.
  var countryCode: UInt16 = 0
  /// A hash of the admin1 name (`admin1`, or the entry's own name for `kind=admin1`),
  /// or 0: enough to compare admin1s within a document without building strings.
  var admin1Hash: UInt32 = 0
  /// What `kind` says, for the place rules.
  var placeKind: PlaceKind = .other

  /// The `kind` values the place rules distinguish.
  enum PlaceKind: UInt8, Sendable {
    /// No `kind`.
    case other
    case country, district, admin1
    /// `city`, `town`, `village`, `place`: a settlement of cities.tsv.
    case settlement
    /// Any other kind: a subdivision's ISO type (`province`, `state`), a region, a range, a
    /// sea. Such a place can contain others.
    case area

    /// The kind a `kind` attribute's value names.
    static func of(_ value: UnsafeBufferPointer<UInt8>) -> PlaceKind {
      func equal(_ word: StaticString) -> Bool { RawGazetteer.equal(value, word) }
      if equal("country") { return .country }
      if equal("district") { return .district }
      if equal("admin1") { return .admin1 }
      if equal("city") || equal("town") || equal("village") || equal("place") { return .settlement }
      return .area
    }
  }

  /// The hash stored in ``admin1Hash`` for an admin1 name's UTF-8 bytes; never 0.
  static func admin1Hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    max(1, UInt32(truncatingIfNeeded: fastHash(bytes)))
  }

  /// The value of ``countryCode`` for a two-letter code, or 0.
  static func countryCode(_ bytes: some Collection<UInt8>) -> UInt16 {
    guard bytes.count == 2 else { return 0 }
    return UInt16(bytes[bytes.startIndex]) << 8 | UInt16(bytes[bytes.index(after: bytes.startIndex)])
  }

  /// Whether the ID is an ISO 3166-2 code.
  var isSubdivision: Bool { flags.contains(.subdivision) }

  struct Flags: OptionSet, Sendable {
    var rawValue: UInt8
    /// `lowercase=allow`, or the name starts with a lower-case letter.
    static let allowsLowercase = Flags(rawValue: 1)
    /// `common_word=1`: the name is an ordinary English word.
    static let commonWord = Flags(rawValue: 2)
    /// `person_name=1`: the name is a frequent personal name.
    static let personName = Flags(rawValue: 4)
    /// The entry's type is `stop`.
    static let stop = Flags(rawValue: 8)
    /// The ID is an ISO 3166-2 code (`iso3166-2:…`).
    static let subdivision = Flags(rawValue: 16)
    /// `capital=1`: the capital of its country.
    static let capital = Flags(rawValue: 32)
  }
}

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
    var facts: EntryFacts
  }

  let sourceName: String
  let bytes: [UInt8]
  /// Entries in the simple form, as byte ranges.
  var lines: [Line] = []
  /// Entries parsed by the full parser (unusual but valid lines), with their line numbers.
  var parsed: [GazetteerEntry] = []
  /// The order of entries in the file: `>= 0` indexes `lines`, `< 0` is `-1 - index`
  /// into `parsed`.
  var order: [Int32] = []
  /// The byte range of each `parsed` entry's line, to parse it again from a cache.
  var parsedRanges: [Range<Int32>] = []

  /// Reads and validates gazetteer bytes.
  ///
  /// - Throws: ``GazetteerError`` for the first malformed line, naming it.
  init(bytes: [UInt8], sourceName: String) throws(GazetteerError) {
    self.sourceName = sourceName
    self.bytes = bytes
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
        if var line = Self.simpleLine(buffer, lineStart, lineEnd) {
          line.lineNumber = Int32(lineNumber)
          let type = UnsafeBufferPointer(rebasing: buffer[Int(line.nameEnd + 1)..<Int(line.typeEnd)])
          if Self.equal(type, "stop") { line.facts.flags.insert(.stop) }
          let id = UnsafeBufferPointer(rebasing: buffer[Int(line.typeEnd + 1)..<Int(line.idEnd)])
          if let first = seen.insert(type: type, id: id, line: lineNumber) {
            throw GazetteerError(
              .duplicateEntry(firstSource: sourceName, firstLine: first), sourceName: sourceName,
              line: lineNumber)
          }
          order.append(Int32(lines.count))
          lines.append(line)
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
  }

  /// The number of entries.
  var count: Int { order.count }

  /// Parses a line in the simple form, or returns `nil` so that the full parser decides.
  ///
  /// Simple: valid ASCII-or-UTF-8 without control characters, 3 to 5 fields, surfaces
  /// without leading or trailing white space (and not starting or ending with a
  /// non-ASCII character, whose white-space status the full parser checks), a
  /// well-formed type and id, and attributes whose known keys have valid values.
  private static func simpleLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Line? {
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
    var line = Line(
      start: Int32(start), nameEnd: Int32(nameEnd), typeEnd: Int32(typeEnd), idEnd: Int32(idEnd),
      aliasesEnd: Int32(aliasesEnd), end: Int32(end), lineNumber: 0, facts: EntryFacts())
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
      guard parseAttributes(b, aliasesEnd + 1, end, into: &line.facts) else { return nil }
    }
    let nameStart = b[start] == UInt8(ascii: "=") ? start + 1 : start
    if startsLowercase(b, nameStart, nameEnd) { line.facts.flags.insert(.allowsLowercase) }
    if line.facts.admin1Hash == 0 && line.facts.placeKind == .admin1 {
      line.facts.admin1Hash = EntryFacts.admin1Hash(UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]))
    }
    let idBytes = UnsafeBufferPointer(rebasing: b[(typeEnd + 1)..<idEnd])
    if idBytes.starts(with: "iso3166-2:".utf8) { line.facts.flags.insert(.subdivision) }
    return line
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

/// An open-addressing set of `(type, id)` keys with the line each was first seen on.
///
/// Keys live back to back in one byte arena: no allocation per key.
struct IDTable {
  private var hashes: [UInt64] = []
  private var starts: [Int] = [0]
  private var arena: [UInt8] = []
  private var lines: [Int] = []
  /// Open-addressing slots: hash high bits and `index + 1`, or 0 when empty.
  private var slots = [UInt64](repeating: 0, count: 1024)

  /// Reserves room for `count` keys of about `bytes` bytes in all.
  mutating func reserve(_ count: Int, bytes: Int) {
    hashes.reserveCapacity(count)
    starts.reserveCapacity(count + 1)
    lines.reserveCapacity(count)
    arena.reserveCapacity(bytes)
    var size = 1024
    while size < count * 2 { size *= 2 }
    if size > slots.count { rehash(size) }
  }

  private mutating func rehash(_ size: Int) {
    slots = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
    }
  }

  /// Inserts a key; returns the earlier line when it was already present.
  mutating func insert(type: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
    let hash = Self.hash(type, id)
    let (found, slot) = probe(hash, type, id)
    if let found { return lines[found] }
    arena.append(contentsOf: type)
    arena.append(0x09)
    arena.append(contentsOf: id)
    starts.append(arena.count)
    hashes.append(hash)
    lines.append(line)
    slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(hashes.count)
    if hashes.count * 2 > slots.count { rehash(slots.count * 2) }
    return nil
  }

  @inline(__always)
  private static func hash(_ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in type { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ 0x09) &* 0x100_0000_01b3
    for byte in id { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    // Mix the high bits into the low ones, which choose the slot.
    return hash ^ (hash >> 29)
  }

  /// The index of the key if present, and the slot where it is or would go.
  @inline(__always)
  private func probe(_ hash: UInt64, _ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>)
    -> (Int?, Int)
  {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    let tag = hash & 0xFFFF_FFFF_0000_0000
    while true {
      let entry = slots[slot]
      if entry == 0 { return (nil, slot) }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        if starts[index + 1] - starts[index] == type.count + 1 + id.count && matches(index, type, id) {
          return (index, slot)
        }
      }
      slot = (slot + 1) & mask
    }
  }

  private func matches(_ index: Int, _ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    var position = starts[index]
    for byte in type {
      if arena[position] != byte { return false }
      position += 1
    }
    if arena[position] != 0x09 { return false }
    position += 1
    for byte in id {
      if arena[position] != byte { return false }
      position += 1
    }
    return true
  }

  /// The index of a key, or `nil`.
  func index(type: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> Int? {
    probe(Self.hash(type, id), type, id).0
  }
}

extension EntryFacts {
  /// The facts of an entry made in code or by the full parser.
  init(_ entry: GazetteerEntry) {
    self.init()
    population = entry.population.map(Int64.init) ?? -1
    priority = Int32(clamping: entry.priority)
    latitude = entry.latitude ?? .nan
    longitude = entry.longitude ?? .nan
    if entry.attributes["lowercase"] == "allow"
      || entry.name.unicodeScalars.first?.properties.isLowercase == true
    {
      flags.insert(.allowsLowercase)
    }
    if entry.attributes["common_word"] == "1" { flags.insert(.commonWord) }
    if entry.attributes["person_name"] == "1" { flags.insert(.personName) }
    if entry.attributes["capital"] == "1" { flags.insert(.capital) }
    if entry.label == GazetteerEntry.stopLabel { flags.insert(.stop) }
    if entry.id.hasPrefix("iso3166-2:") { flags.insert(.subdivision) }
    countryCode = entry.country.map { Self.countryCode(Array($0.utf8)) } ?? 0
    if var kind = entry.attributes["kind"] {
      placeKind = kind.withUTF8 { PlaceKind.of($0) }
    } else {
      placeKind = .other
    }
    if var admin1 = entry.attributes["admin1"] ?? (placeKind == .admin1 ? entry.name : nil) {
      admin1Hash = admin1.withUTF8 { Self.admin1Hash($0) }
    }
  }
}

/// The merged entries of every gazetteer an extractor loads, user entries replacing
/// bundled ones, kept compact: file entries stay byte ranges of their file.
struct GazetteerStore: Sendable {
  /// One loaded source.
  enum Source: Sendable {
    case file(RawGazetteer)
    case memory(Gazetteer)
  }

  private(set) var sources: [Source] = []
  /// Per entry: the source and the entry's index in that source's order.
  private(set) var refs: [(source: Int32, index: Int32)] = []
  /// Per entry: facts for matching.
  private(set) var facts: [EntryFacts] = []
  /// Per entry: index into `labels`.
  private(set) var labelIndices: [UInt16] = []
  /// Every label present.
  private(set) var labels: [EntityLabel] = []
  private var labelIndexByName: [String: UInt16] = [:]

  /// Merges layers of sources: within a layer a repeated type and ID is an error; a
  /// later layer's entry replaces the earlier one in place.
  ///
  /// - Throws: ``GazetteerError/Kind/duplicateEntry(firstSource:firstLine:)``.
  init(layers: [[Source]]) throws(GazetteerError) {
    var global = IDTable()
    var positions: [Int] = []  // IDTable index → entry position
    // With one layer nothing can be replaced, and IDs were checked per layer.
    let tracksIDs = layers.count > 1
    for layer in layers {
      var layerSeen = IDTable()
      var origins: [(String, Int)] = []
      // A file already rejects its own repeated IDs; only several sources can clash.
      var checksLayer = true
      if layer.count == 1, case .file = layer[0] { checksLayer = false }
      for source in layer {
        let sourceIndex = Int32(sources.count)
        sources.append(source)
        let count: Int
        switch source {
        case .file(let raw): count = raw.count
        case .memory(let gazetteer): count = gazetteer.entries.count
        }
        for index in 0..<count {
          let (facts, label, line, sourceName) = describe(source, index)
          var labelName = label.rawValue
          let labelIndex = self.labelIndex(of: label)
          // Look the ID up (no mutation of `self` inside the closure: that would copy
          // the arrays on every entry in unoptimised builds).
          enum Outcome { case duplicate(String, Int), replace(Int), append }
          let outcome: Outcome = withID(source, index) { id in
            labelName.withUTF8 { type in
              if checksLayer {
                if let existing = layerSeen.index(type: type, id: id) {
                  return .duplicate(origins[existing].0, origins[existing].1)
                }
                _ = layerSeen.insert(type: type, id: id, line: line)
                origins.append((sourceName, line))
              }
              if tracksIDs {
                if let existing = global.index(type: type, id: id) { return .replace(positions[existing]) }
                _ = global.insert(type: type, id: id, line: line)
                positions.append(refs.count)
              }
              return .append
            }
          }
          let duplicate: (String, Int)?
          switch outcome {
          case .duplicate(let firstSource, let firstLine):
            duplicate = (firstSource, firstLine)
          case .replace(let position):
            duplicate = nil
            refs[position] = (sourceIndex, Int32(index))
            self.facts[position] = facts
            labelIndices[position] = labelIndex
          case .append:
            duplicate = nil
            refs.append((sourceIndex, Int32(index)))
            self.facts.append(facts)
            labelIndices.append(labelIndex)
          }
          if let (firstSource, firstLine) = duplicate {
            throw GazetteerError(
              .duplicateEntry(firstSource: firstSource, firstLine: firstLine), sourceName: sourceName,
              line: line)
          }
        }
      }
    }
  }

  private mutating func labelIndex(of label: EntityLabel) -> UInt16 {
    if let index = labelIndexByName[label.rawValue] { return index }
    let index = UInt16(labels.count)
    labels.append(label)
    labelIndexByName[label.rawValue] = index
    return index
  }

  /// Facts, label, line and source name of an entry of a source.
  private func describe(_ source: Source, _ index: Int) -> (EntryFacts, EntityLabel, Int, String) {
    switch source {
    case .file(let raw):
      let position = raw.order[index]
      if position < 0 {
        let entry = raw.parsed[Int(-1 - position)]
        return (EntryFacts(entry), entry.label, entry.line, raw.sourceName)
      }
      let line = raw.lines[Int(position)]
      let type = raw.bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[Int(line.nameEnd + 1)..<Int(line.typeEnd)]), as: UTF8.self)
      }
      return (line.facts, EntityLabel(rawValue: type), Int(line.lineNumber), raw.sourceName)
    case .memory(let gazetteer):
      let entry = gazetteer.entries[index]
      return (EntryFacts(entry), entry.label, entry.line, entry.sourceName)
    }
  }

  /// Calls `body` with the ID bytes of an entry of a source.
  private func withID<R>(_ source: Source, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    switch source {
    case .file(let raw):
      let position = raw.order[index]
      if position < 0 {
        var id = raw.parsed[Int(-1 - position)].id
        return id.withUTF8(body)
      }
      let line = raw.lines[Int(position)]
      return raw.bytes.withUnsafeBufferPointer {
        body(UnsafeBufferPointer(rebasing: $0[Int(line.typeEnd + 1)..<Int(line.idEnd)]))
      }
    case .memory(let gazetteer):
      var id = gazetteer.entries[index].id
      return id.withUTF8(body)
    }
  }

  /// The number of entries.
  var count: Int { refs.count }

  /// The positions of the entries whose label satisfies `isIncluded`.
  func indices(where isIncluded: (EntityLabel) -> Bool) -> [Int32] {
    var included = [Bool](repeating: false, count: labels.count)
    for (index, label) in labels.enumerated() { included[index] = isIncluded(label) }
    return (0..<Int32(count)).filter { included[Int(labelIndices[Int($0)])] }
  }

  /// The entries at `positions`, in that order, sharing the sources.
  func subset(_ positions: [Int32]) -> GazetteerStore {
    var result = self
    result.refs = positions.map { refs[Int($0)] }
    result.facts = positions.map { facts[Int($0)] }
    result.labelIndices = positions.map { labelIndices[Int($0)] }
    return result
  }

  /// A store of entries made in code, all kept as given (repeated IDs included).
  init(entries: [GazetteerEntry]) {
    sources = [.memory(Gazetteer(entries: entries))]
    for (index, entry) in entries.enumerated() {
      refs.append((0, Int32(index)))
      facts.append(EntryFacts(entry))
      labelIndices.append(labelIndex(of: entry.label))
    }
  }

  /// The label of entry `index`.
  @inline(__always)
  func label(of index: Int) -> EntityLabel { labels[Int(labelIndices[index])] }

  /// The full entry `index` (made on demand).
  func entry(at index: Int) -> GazetteerEntry {
    let ref = refs[index]
    switch sources[Int(ref.source)] {
    case .file(let raw): return raw.entry(at: Int(ref.index))
    case .memory(let gazetteer): return gazetteer.entries[Int(ref.index)]
    }
  }

  /// The name of the source of entry `index`.
  func sourceName(of index: Int) -> String {
    switch sources[Int(refs[index].source)] {
    case .file(let raw): return raw.sourceName
    case .memory(let gazetteer): return gazetteer.entries[Int(refs[index].index)].sourceName
    }
  }

  /// Calls `body` with each surface of entry `index`: its UTF-8 bytes (without the `=`
  /// marker) and whether it is case-sensitive. The name comes first.
  func forEachSurface(of index: Int, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
    let ref = refs[index]
    func memory(_ entry: GazetteerEntry) {
      for surface in entry.surfaces {
        var text = surface.text
        text.withUTF8 { body($0, surface.isCaseSensitive) }
      }
    }
    switch sources[Int(ref.source)] {
    case .memory(let gazetteer):
      memory(gazetteer.entries[Int(ref.index)])
    case .file(let raw):
      let position = raw.order[Int(ref.index)]
      if position < 0 {
        memory(raw.parsed[Int(-1 - position)])
        return
      }
      let line = raw.lines[Int(position)]
      raw.bytes.withUnsafeBufferPointer { bytes in
        func emit(_ start: Int, _ end: Int) {
          if bytes[start] == UInt8(ascii: "=") {
            body(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), true)
          } else {
            body(UnsafeBufferPointer(rebasing: bytes[start..<end]), false)
          }
        }
        emit(Int(line.start), Int(line.nameEnd))
        let aliasStart = Int(line.idEnd) + 1
        let aliasEnd = Int(line.aliasesEnd)
        guard aliasEnd > aliasStart, !(aliasEnd == aliasStart + 1 && bytes[aliasStart] == UInt8(ascii: "-"))
        else { return }
        var start = aliasStart
        for position in aliasStart...aliasEnd where position == aliasEnd || bytes[position] == UInt8(ascii: "|") {
          emit(start, position)
          start = position + 1
        }
      }
    }
  }
}

/// The entries of a ``GazetteerMatcher``, made into ``GazetteerEntry`` values on access.
public struct GazetteerEntries: RandomAccessCollection, Sendable {
  let store: GazetteerStore
  /// The position of the first entry: always 0.
  public var startIndex: Int { 0 }
  /// The position just past the last entry: the number of entries.
  public var endIndex: Int { store.count }
  /// The entry at `position`, in load order.
  ///
  /// - Complexity: O(*k*) in the length of its line: entries are stored compactly and
  ///   parsed again when accessed.
  public subscript(position: Int) -> GazetteerEntry { store.entry(at: position) }
}

extension GazetteerStore {
  /// What a mention of an entry reports: ID, canonical name, the place, the country code.
  typealias MentionFacts = (id: String, name: String, place: ResolvedPlace?, country: String?)

  /// What a mention of entry `index` says about it: ID, canonical name, and for places
  /// the `ResolvedPlace`. Reads a file entry's bytes directly, without parsing the whole
  /// line into a ``GazetteerEntry``.
  func mentionFacts(of index: Int) -> MentionFacts {
    let ref = refs[index]
    let isPlace = label(of: index) == .place
    if case .file(let raw) = sources[Int(ref.source)], raw.order[Int(ref.index)] >= 0 {
      let line = raw.lines[Int(raw.order[Int(ref.index)])]
      // Only the bytes are kept: with `raw` used inside the closure, the whole `RawGazetteer`
      // was copied, a retain and a release of each of its arrays on every call.
      let fileBytes = raw.bytes
      return fileBytes.withUnsafeBufferPointer { bytes in
        func string(_ range: Range<Int>) -> String {
          RawGazetteer.string(bytes, range.lowerBound, range.upperBound)
        }
        var nameStart = Int(line.start)
        if bytes[nameStart] == UInt8(ascii: "=") { nameStart += 1 }
        let name = string(nameStart..<Int(line.nameEnd))
        let id = string((Int(line.typeEnd) + 1)..<Int(line.idEnd))
        // Where the values are: strings are made afterwards of only those the mention
        // reports (a place's admin1 and kind, every entry's country).
        var country: Range<Int>?
        var admin1: Range<Int>?
        var kind: Range<Int>?
        if line.end > line.aliasesEnd + 1 {
          var pairStart = Int(line.aliasesEnd) + 1
          let end = Int(line.end)
          for position in pairStart...end where position == end || bytes[position] == UInt8(ascii: ";") {
            var equals = pairStart
            while equals < position && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
            if equals < position {
              let key = UnsafeBufferPointer(rebasing: bytes[pairStart..<equals])
              if RawGazetteer.equal(key, "country") {
                country = (equals + 1)..<position
              } else if RawGazetteer.equal(key, "admin1") {
                admin1 = (equals + 1)..<position
              } else if RawGazetteer.equal(key, "kind") {
                kind = (equals + 1)..<position
              }
            }
            pairStart = position + 1
          }
        }
        let countryText = country.map { string($0) }
        guard isPlace else { return (id, name, nil, countryText) }
        let facts = line.facts
        // `kind=admin1` names its own admin1 when no `admin1` is given. A simple line's
        // `kind` is ASCII (checked at load), so byte equality is `String` equality.
        let isAdmin1 = kind.map { RawGazetteer.equal(UnsafeBufferPointer(rebasing: bytes[$0]), "admin1") } ?? false
        let place = ResolvedPlace(
          id: id, country: countryText, admin1: admin1.map { string($0) } ?? (isAdmin1 ? name : nil),
          latitude: facts.latitude.isNaN ? nil : facts.latitude,
          longitude: facts.longitude.isNaN ? nil : facts.longitude, kind: kind.map { string($0) },
          population: facts.population >= 0 ? Int(facts.population) : nil)
        return (id, name, place, countryText)
      }
    }
    let entry = self.entry(at: index)
    return (entry.id, entry.name, entry.resolvedPlace, entry.country)
  }
}

extension RawGazetteer {
  func encode(into writer: inout BinaryWriter) {
    writer.write(sourceName)
    writer.write(lines)
    writer.write(order)
    writer.write(parsedRanges.map(\.lowerBound))
    writer.write(parsedRanges.map(\.upperBound))
  }

  /// Restores a validated file from a cache, given the same bytes it was built from.
  init(decoding reader: inout BinaryReader, bytes: [UInt8]) throws(BinaryReader.Malformed) {
    self.sourceName = try reader.readString()
    self.bytes = bytes
    self.lines = try reader.readArray()
    self.order = try reader.readArray()
    let starts: [Int32] = try reader.readArray()
    let ends: [Int32] = try reader.readArray()
    guard starts.count == ends.count, zip(starts, ends).allSatisfy({ $0 <= $1 }) else {
      throw BinaryReader.Malformed()
    }
    self.parsedRanges = zip(starts, ends).map { $0..<$1 }
    for range in parsedRanges {
      guard range.lowerBound >= 0, Int(range.upperBound) <= bytes.count else { throw BinaryReader.Malformed() }
      let text = String(decoding: bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
      let line = 1 + bytes[..<Int(range.lowerBound)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      guard let entry = try? Gazetteer.parseEntry(text, sourceName: sourceName, line: line) else {
        throw BinaryReader.Malformed()
      }
      parsed.append(entry)
    }
    for line in lines where line.end > Int32(bytes.count) || line.start < 0 { throw BinaryReader.Malformed() }
  }
}

extension GazetteerStore {
  /// Writes a store whose sources are all files (a cache holds no entries made in code).
  func encode(into writer: inout BinaryWriter) -> Bool {
    var raws: [RawGazetteer] = []
    for source in sources {
      guard case .file(let raw) = source else { return false }
      raws.append(raw)
    }
    writer.write(Int64(raws.count))
    for raw in raws { raw.encode(into: &writer) }
    writer.write(refs.map(\.source))
    writer.write(refs.map(\.index))
    writer.write(facts)
    writer.write(labelIndices)
    writer.write(Int64(labels.count))
    for label in labels { writer.write(label.rawValue) }
    return true
  }

  /// Restores a store from a cache, given the bytes of its files in order.
  init(decoding reader: inout BinaryReader, files: [[UInt8]]) throws(BinaryReader.Malformed) {
    let count = Int(try reader.read(Int64.self))
    guard count == files.count else { throw BinaryReader.Malformed() }
    for bytes in files { sources.append(.file(try RawGazetteer(decoding: &reader, bytes: bytes))) }
    let sourceIndices: [Int32] = try reader.readArray()
    let indices: [Int32] = try reader.readArray()
    facts = try reader.readArray()
    labelIndices = try reader.readArray()
    let labelCount = Int(try reader.read(Int64.self))
    for _ in 0..<max(0, labelCount) { _ = labelIndex(of: EntityLabel(rawValue: try reader.readString())) }
    guard sourceIndices.count == indices.count, facts.count == indices.count,
      labelIndices.count == indices.count, labelIndices.allSatisfy({ Int($0) < labels.count })
    else { throw BinaryReader.Malformed() }
    for (source, index) in zip(sourceIndices, indices) {
      guard source >= 0, Int(source) < sources.count, case .file(let raw) = sources[Int(source)],
        index >= 0, Int(index) < raw.count
      else { throw BinaryReader.Malformed() }
      refs.append((source, index))
    }
  }
}
