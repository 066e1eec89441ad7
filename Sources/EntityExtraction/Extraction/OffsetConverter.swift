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
    // Mentions come ordered by start, so the offsets are often sorted already.
    var isSorted = true
    for index in 1..<utf8Offsets.count where utf8Offsets[index - 1] > utf8Offsets[index] {
      isSorted = false
      break
    }
    let order =
      isSorted ? Array(utf8Offsets.indices) : utf8Offsets.indices.sorted { utf8Offsets[$0] < utf8Offsets[$1] }
    var result = [Int](repeating: 0, count: utf8Offsets.count)
    var byteIndex = 0
    var converted = 0
    for index in order {
      let target = min(utf8Offsets[index], bytes.count)
      // Eight bytes at a time: count the bytes that start a scalar (not 10xxxxxx) and,
      // for UTF-16, once more those that start a four-byte one (11110xxx).
      if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        let highs: UInt64 = 0x8080_8080_8080_8080
        while byteIndex + 8 <= target {
          let word = raw.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self)
          let continuation = word & highs & ~(word << 1)
          converted += 8 - continuation.nonzeroBitCount
          if unit == .utf16 {
            converted += (word & (word << 1) & (word << 2) & (word << 3) & highs).nonzeroBitCount
          }
          byteIndex += 8
        }
      }
      while byteIndex < target {
        let byte = bytes[byteIndex]
        if byte & 0xC0 != 0x80 {
          // A scalar starts here; four-byte scalars are two UTF-16 units.
          converted += (unit == .utf16 && byte >= 0xF0) ? 2 : 1
        }
        byteIndex += 1
      }
      result[index] = converted
    }
    return result
  }

  /// Whether every byte is below 0x80, eight at a time.
  private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var index = 0
    var high: UInt64 = 0
    while index + 8 <= bytes.count {
      high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      high |= UInt64(bytes[index])
      index += 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }
}
