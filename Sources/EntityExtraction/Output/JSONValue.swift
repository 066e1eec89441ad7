/// A JSON value, as read from and written to JSONL documents.
///
/// Numbers keep their original text, so a value read and written again is unchanged
/// ("1.50" stays "1.50"), and object members keep their order.
public enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, as written in the source (validated against JSON's grammar).
  case number(String)
  /// A string, with its escapes decoded.
  case string(String)
  /// An array's elements, in source order.
  case array([JSONValue])
  /// An object's members, in source order.
  case object([JSONMember])

  /// Creates a number value from an integer.
  public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

  /// Creates a number value from a double, written as Swift's shortest round-trip form.
  public static func double(_ value: Double) -> JSONValue {
    value.isFinite ? .number(isWrittenAsInteger(value) ? String(Int(value)) : String(value)) : .null
  }

  /// Whether a finite double is written as an integer ("3", not "3.0"): whole, and
  /// small enough for every digit to be exact.
  static func isWrittenAsInteger(_ value: Double) -> Bool {
    value == value.rounded() && abs(value) < 1e15
  }

  /// The value of the first member named `key`, for objects.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The string, for string values.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer, for number values that are integers.
  public var intValue: Int? {
    if case .number(let text) = self { return Int(text) ?? Double(text).flatMap { Int(exactly: $0) } }
    return nil
  }

  /// The number as a double, for number values.
  public var doubleValue: Double? {
    if case .number(let text) = self { return Double(text) }
    return nil
  }

  /// The elements, for arrays.
  public var arrayValue: [JSONValue]? {
    if case .array(let values) = self { return values }
    return nil
  }

  /// The members, for objects.
  public var objectMembers: [JSONMember]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool { self == .null }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Hashable, Sendable {
  /// The member's name.
  public var key: String
  /// The member's value.
  public var value: JSONValue
  /// Creates a member.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// A JSON syntax error, with the byte offset where it was found.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// The 0-based UTF-8 byte offset in the parsed text.
  public var byteOffset: Int
  /// The message and where: `unexpected character at byte 12`.
  public var description: String { "\(message) at byte \(byteOffset)" }
}

extension JSONValue {
  /// Parses one JSON value that makes up the whole of `text` (white space around it is
  /// allowed).
  ///
  /// - Throws: ``JSONParseError`` with the byte offset of the problem.
  public init(parsing text: String) throws(JSONParseError) {
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(JSONParseError) -> JSONValue in try JSONValue(parsingUTF8: bytes) }
    }
    self = try result.get()
  }

  /// Parses one JSON value from UTF-8 bytes.
  ///
  /// - Precondition: `bytes` is valid UTF-8.
  /// - Throws: ``JSONParseError`` with the byte offset of the problem.
  public init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.parseValue(depth: 0)
    parser.skipSpace()
    if parser.index != bytes.count { throw parser.error("unexpected text after the JSON value") }
    self = value
  }

  /// The value as compact JSON text, with non-ASCII characters written as UTF-8.
  public var jsonText: String {
    var out: [UInt8] = []
    write(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends an integer's decimal digits (and sign) to `out`, as `String(value)` spells it.
  static func writeInteger(_ value: Int, to out: inout some JSONByteSink) {
    writeDecimal(UInt64(value.magnitude), fractionDigits: 0, isNegative: value < 0, to: &out)
  }

  /// Appends `units / 10^fractionDigits` in decimal: a minus sign when `isNegative`, the
  /// integer part (at least "0"), and when `fractionDigits > 0` a point and exactly that
  /// many digits.
  ///
  /// - Precondition: `fractionDigits <= 8`.
  static func writeDecimal(
    _ units: UInt64, fractionDigits: Int, isNegative: Bool, to out: inout some JSONByteSink
  ) {
    var rest = units
    // Sign, 20 digits, point and 8 digits at most; written from the end.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
      var position = buffer.count
      for _ in 0..<fractionDigits {
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      if fractionDigits > 0 {
        position -= 1
        buffer[position] = UInt8(ascii: ".")
      }
      repeat {
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      if isNegative {
        position -= 1
        buffer[position] = UInt8(ascii: "-")
      }
      out.put(UnsafeBufferPointer(rebasing: buffer[position...]))
    }
  }

  /// Appends a double as ``double(_:)`` spells it, `null` when not finite, without
  /// building a `String` for values with a few decimals (coordinates).
  static func writeDouble(_ value: Double, to out: inout some JSONByteSink) {
    guard value.isFinite else {
      out.put("null")
      return
    }
    if isWrittenAsInteger(value) {
      writeInteger(Int(value), to: &out)
    } else if let decimal = shortestDecimal(of: value.magnitude) {
      writeDecimal(
        UInt64(decimal.units), fractionDigits: decimal.fractionDigits, isNegative: value < 0, to: &out)
    } else {
      var text = String(value)
      text.withUTF8 { out.put($0) }
    }
  }

  /// The decimal `units / 10^fractionDigits` that `String(magnitude)` writes, for
  /// magnitudes from 0.001 up to 2^20 that it writes with 1 to 8 digits after the point;
  /// `nil` for other values, which the caller formats as a `String`.
  ///
  /// `String(Double)` writes, without an exponent from 0.0001 to 2^54, the decimal with
  /// the fewest significant digits that reads back as the value (the closest of those on
  /// a tie). Below 2^20 the decimals that read back lie in an interval at most an ulp
  /// (2^-33) wide, so, with *d* ≤ 8 the fewest digits after the point that any of them
  /// has:
  /// - only one has *d* (two would differ by at least 10^-8), and every other has at
  ///   least *d* + 2 (two with *d* + 1 would differ by 10^-9), so at least one more
  ///   significant digit, as their leading digits are at most one place apart: this one
  ///   is the shortest, and `String` writes it.
  /// - `magnitude * 10^d` (below 2^47) is within 0.03 of its `units`, so rounding finds
  ///   it; smaller counts find none that reads back. Reading back is checked as a parser
  ///   does it: `Double(units)` and `10^d` are exact, and one division rounds correctly.
  /// - It is never exactly halfway between two doubles (its reduced denominator divides
  ///   10^8; a half ulp's is 2^34 or more), where ties could be read either way.
  ///
  /// Checked against `String(Double)` itself (Swift 6.3) for 790,000 doubles: random
  /// decimals, their neighbours, random values, and every coordinate in the gazetteers
  /// (470,000 of them took this path).
  static func shortestDecimal(of magnitude: Double) -> (units: Int, fractionDigits: Int)? {
    guard magnitude >= 0.001 && magnitude < 1_048_576 else { return nil }
    var scale = 1.0
    for fractionDigits in 1...8 {
      scale *= 10  // Exact: powers of ten up to 10^22 are doubles.
      let units = Int(magnitude * scale + 0.5)
      if Double(units) / scale == magnitude { return (units, fractionDigits) }
    }
    return nil
  }

  /// Appends the value as compact JSON to a byte buffer.
  public func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let text): JSONValue.writeString(text, to: &out)
    case .array(let values):
      out.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        value.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.writeString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Appends a scalar (a number, a Boolean or `null`) to any byte sink; other values go
  /// through ``write(to:)``.
  func writeNumber(to out: inout some JSONByteSink) {
    switch self {
    case .null: out.put("null")
    case .bool(let value):
      let word: StaticString = value ? "true" : "false"
      out.put(word)
    case .number(var text): text.withUTF8 { out.put($0) }
    default:
      var bytes: [UInt8] = []
      write(to: &bytes)
      bytes.withUnsafeBufferPointer { out.put($0) }
    }
  }

  /// Appends `text` as a JSON string literal: quotes, backslashes and control characters
  /// escaped; U+2028 and U+2029 escaped too, so the output is safe inside JavaScript.
  public static func writeString(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { writeString(utf8: $0, to: &out) }
  }

  /// Appends valid UTF-8 text as a JSON string literal; see ``writeString(_:to:)``.
  public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    writeEscaped(utf8: bytes, to: &out)
  }

  /// Appends `text` as a JSON string literal to any byte sink.
  @inline(__always)
  static func writeEscaped(_ text: String, to out: inout some JSONByteSink) {
    // Native strings are read in place: `withUTF8` is mutating, so it needed a copy of
    // `text`, and a copy retains and releases it.
    if text.utf8.withContiguousStorageIfAvailable({ writeEscaped(utf8: $0, to: &out) }) != nil { return }
    var text = text
    text.withUTF8 { writeEscaped(utf8: $0, to: &out) }
  }

  /// Appends valid UTF-8 text as a JSON string literal to any byte sink.
  static func writeEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout some JSONByteSink) {
    out.put(UInt8(ascii: "\""))
    // Most strings (IDs, sources, names) need no escape: one check, then one copy.
    if mayNeedEscape(bytes) {
      writeEscapedContent(utf8: bytes, to: &out)
    } else {
      out.put(bytes)
    }
    out.put(UInt8(ascii: "\""))
  }

  /// Appends valid UTF-8 text with the escapes of a JSON string literal, without quotes.
  private static func writeEscapedContent(
    utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout some JSONByteSink
  ) {
    var runStart = 0
    var index = 0
    let count = bytes.count
    while index < count {
      // Eight bytes at a time while none of them may need an escape.
      if let base = bytes.baseAddress {
        while index + 8 <= count
          && !mayNeedEscape(UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self))
        {
          index += 8
        }
        guard index < count else { break }
      }
      let byte = bytes[index]
      // Most bytes need no escape: one comparison chain, no allocation.
      if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2 {
        index += 1
        continue
      }
      var width = 1
      var isControl = false
      let escape: StaticString
      switch byte {
      case UInt8(ascii: "\""): escape = "\\\""
      case UInt8(ascii: "\\"): escape = "\\\\"
      case 0x0A: escape = "\\n"
      case 0x0D: escape = "\\r"
      case 0x09: escape = "\\t"
      case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80
        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
        escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        width = 3
      case 0xE2:
        index += 1
        continue
      default:
        escape = "\\u00"
        isControl = true
      }
      out.put(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      out.put(escape)
      if isControl {
        let hex: StaticString = "0123456789abcdef"
        out.put(hex.utf8Start[Int(byte >> 4)])
        out.put(hex.utf8Start[Int(byte & 15)])
      }
      index += width
      runStart = index
    }
    out.put(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
  }
}

extension JSONValue {
  /// Whether any byte of `bytes` is one a JSON string may escape (see the word version):
  /// eight bytes at a time, the last eight overlapping those before, so every byte is read
  /// without a byte-by-byte tail.
  @inline(__always)
  static func mayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    if count >= 8 {
      let raw = UnsafeRawPointer(base)
      var index = 0
      while index &+ 8 < count {
        if mayNeedEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
        index &+= 8
      }
      return mayNeedEscape(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    }
    // Fewer than eight bytes: gathered into a word of spaces, which need no escape (the
    // test looks at each byte alone, so their order does not matter).
    var word: UInt64 = 0x2020_2020_2020_2020
    for index in 0..<count { word = word << 8 | UInt64(base[index]) }
    return mayNeedEscape(word)
  }

  /// Whether any of eight bytes (a little-endian word) is a control character, `"`, `\\`
  /// or 0xE2 (the lead byte of U+2028 and U+2029): the bytes a JSON string may escape.
  @inline(__always)
  static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs = ASCIIFold.high
    /// A high bit in each byte of `x` that is zero (exact for the lowest such byte, and
    /// some high bit whenever any byte is zero).
    func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    // Bytes below 0x20: those whose top three bits are all zero.
    let control = zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0)
    let quote = zeroBytes(word ^ (ones &* 0x22))
    let backslash = zeroBytes(word ^ (ones &* 0x5C))
    let e2 = zeroBytes(word ^ (ones &* 0xE2))
    return control | quote | backslash | e2 != 0
  }
}

/// Where the JSON writers put bytes: a `[UInt8]`, or a ``JSONBuffer`` whose appends
/// are a bounds check and a store.
protocol JSONByteSink {
  /// Appends one byte.
  mutating func put(_ byte: UInt8)
  /// Appends bytes.
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONByteSink {
  /// Appends a static string's bytes.
  @inline(__always)
  mutating func put(_ text: StaticString) {
    put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}

extension Array: JSONByteSink where Element == UInt8 {
  @inline(__always)
  mutating func put(_ byte: UInt8) { append(byte) }

  @inline(__always)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growable byte buffer for writing a document's JSON: an append is a capacity check
/// and a store, without the uniqueness check and header update of an `Array` append.
/// The owner calls ``deallocate()`` when done (it is a plain value, not a class).
struct JSONBuffer: JSONByteSink {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// How many bytes were written.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` bytes before it grows.
  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  /// Frees the memory; the buffer must not be used afterwards.
  func deallocate() { base.deallocate() }

  /// The bytes written.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    if capacity - count < bytes.count { grow(to: count + bytes.count) }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  /// Makes room for at least `needed` bytes, doubling.
  @inline(never)
  private mutating func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
private struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  static let maximumDepth = 512

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  func error(_ message: String) -> JSONParseError {
    JSONParseError(message: message, byteOffset: index)
  }

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth < Self.maximumDepth else { throw error("JSON nested too deeply") }
    guard index < bytes.count else { throw error("unexpected end of JSON") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character")
    }
  }

  mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
    let length = word.utf8CodeUnitCount
    guard index + length <= bytes.count else { throw error("unexpected end of JSON") }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: length)
    for offset in 0..<length where bytes[index + offset] != expected[offset] {
      throw error("invalid literal")
    }
    index += length
  }

  mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
    index += 1
    var members: [JSONMember] = []
    skipSpace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a member name")
      }
      let key = try parseString()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
      index += 1
      skipSpace()
      members.append(JSONMember(key, try parseValue(depth: depth + 1)))
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of JSON") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      } else {
        throw error("expected ',' or '}'")
      }
    }
  }

  mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
    index += 1
    var values: [JSONValue] = []
    skipSpace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(values)
    }
    while true {
      skipSpace()
      values.append(try parseValue(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of JSON") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(values)
      } else {
        throw error("expected ',' or ']'")
      }
    }
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
      while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }
    return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
  }

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    var out: [UInt8] = []
    var runStart = index
    while true {
      guard index < bytes.count else { throw error("unterminated string") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if byte < 0x20 { throw error("control character in string") }
      if byte != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      index += 1
      guard index < bytes.count else { throw error("unterminated string") }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4()
        if (0xD800..<0xDC00).contains(scalar) {
          // A high surrogate must be followed by an escaped low surrogate.
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { throw error("unpaired surrogate in string") }
          index += 2
          let low = try parseHex4()
          guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in string") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw error("unpaired surrogate in string")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid escape") }
        out.append(contentsOf: String(Character(unicode)).utf8)
      default:
        throw error("invalid escape")
      }
      runStart = index
    }
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}
