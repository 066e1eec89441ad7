/// The unit in which offsets into a text are counted.
public enum OffsetUnit: String, Sendable, CaseIterable {
  /// UTF-8 bytes: the library's own unit.
  case utf8
  /// Unicode scalars (code points): Python `str` indices, the default of the JSONL output.
  case unicodeScalars = "scalars"
  /// UTF-16 code units: JavaScript, Java and Foundation `NSString` indices.
  case utf16
}

/// Converts UTF-8 byte offsets of a text into other units in one pass.
public enum OffsetConverter {
  /// Returns each UTF-8 offset of `text` counted in `unit` instead.
  ///
  /// - Precondition: every offset lies on a scalar boundary in `0...text.utf8.count`.
  /// - Complexity: O(*n* + *m* log *m*) for a text of *n* bytes and *m* offsets: the
  ///   offsets are sorted, then the text is walked once.
  public static func convert(_ utf8Offsets: [Int], in text: String, to unit: OffsetUnit) -> [Int] {
    if unit == .utf8 || utf8Offsets.isEmpty { return utf8Offsets }
    var text = text
    return text.withUTF8 { convert(utf8Offsets, inUTF8: $0, to: unit) }
  }

  /// Returns each UTF-8 offset of the UTF-8 `bytes` counted in `unit` instead.
  public static func convert(
    _ utf8Offsets: [Int], inUTF8 bytes: UnsafeBufferPointer<UInt8>, to unit: OffsetUnit
  ) -> [Int] {
    if unit == .utf8 || utf8Offsets.isEmpty { return utf8Offsets }
    // Up to the last offset, ASCII text has one unit per byte (the common case in news).
    let last = min(max(utf8Offsets.max() ?? 0, 0), bytes.count)
    if isASCII(UnsafeBufferPointer(rebasing: bytes[..<last])) {
      return utf8Offsets.map { max(0, min($0, bytes.count)) }
    }
    var counter = UnitCounter(bytes: bytes, countsUTF16: unit == .utf16)
    var result = [Int](repeating: 0, count: utf8Offsets.count)
    // Mentions come ordered by start, so the offsets are often sorted already: then they
    // are counted in their own order, without an array of indices.
    var isSorted = true
    for index in 1..<utf8Offsets.count where utf8Offsets[index - 1] > utf8Offsets[index] {
      isSorted = false
      break
    }
    if isSorted {
      for index in utf8Offsets.indices { result[index] = counter.units(before: utf8Offsets[index]) }
    } else {
      for index in utf8Offsets.indices.sorted(by: { utf8Offsets[$0] < utf8Offsets[$1] }) {
        result[index] = counter.units(before: utf8Offsets[index])
      }
    }
    return result
  }

  /// Whether every byte is below 0x80, eight at a time.
  private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let highs = ASCIIFold.high
    var index = 0
    // A test every 32 bytes: most texts that are not ASCII show it early (a curly quote,
    // a dash, a name), and need not be read to the end.
    while index + 32 <= bytes.count {
      let high =
        raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
      if high & highs != 0 { return false }
      index += 32
    }
    var high: UInt64 = 0
    while index + 8 <= bytes.count {
      high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      high |= UInt64(bytes[index])
      index += 1
    }
    return high & highs == 0
  }
}

/// Counts the units of UTF-8 text from its start up to offsets taken in increasing order,
/// walking the text once: scalars (the bytes that do not continue one, 10xxxxxx), or
/// UTF-16 units (those bytes, and once more the lead bytes of four-byte scalars, 11110xxx).
private struct UnitCounter {
  /// The text.
  let bytes: UnsafeBufferPointer<UInt8>
  /// Whether UTF-16 units are counted rather than scalars.
  let countsUTF16: Bool
  /// Where the walk stopped.
  private var byteIndex = 0
  /// The units before `byteIndex`.
  private var counted = 0

  /// A counter at the start of `bytes`.
  init(bytes: UnsafeBufferPointer<UInt8>, countsUTF16: Bool) {
    self.bytes = bytes
    self.countsUTF16 = countsUTF16
  }

  /// The units before `offset` (at most the end of the text), walking on from the last
  /// offset; an offset below the last one gets the last one's count.
  mutating func units(before offset: Int) -> Int {
    let target = min(offset, bytes.count)
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while byteIndex + 8 <= target {
        counted += units(in: raw.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self), byteCount: 8)
        byteIndex += 8
      }
      // The last bytes before `target` from one word too, where eight can be read: the
      // bytes from `target` on are masked off, and zero bytes count as nothing.
      let remaining = target - byteIndex
      if remaining > 0 && byteIndex + 8 <= bytes.count {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
        counted += units(in: word & (UInt64.max >> (64 - 8 * remaining)), byteCount: remaining)
        byteIndex = target
      }
    }
    // Near the end of the text, byte by byte.
    while byteIndex < target {
      let byte = bytes[byteIndex]
      if byte & 0xC0 != 0x80 {
        // A scalar starts here; four-byte scalars are two UTF-16 units.
        counted += (countsUTF16 && byte >= 0xF0) ? 2 : 1
      }
      byteIndex += 1
    }
    return counted
  }

  /// The units that start in the first `byteCount` bytes of a word whose other bytes
  /// are zero.
  @inline(__always)
  private func units(in word: UInt64, byteCount: Int) -> Int {
    let highs = ASCIIFold.high
    // Continuation bytes: the high bit set and the next one clear.
    let continuation = word & highs & ~(word << 1)
    var count = byteCount - continuation.nonzeroBitCount
    if countsUTF16 { count += (word & (word << 1) & (word << 2) & (word << 3) & highs).nonzeroBitCount }
    return count
  }
}
