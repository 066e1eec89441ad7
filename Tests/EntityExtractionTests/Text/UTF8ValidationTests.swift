import EntityExtraction
import Testing

@Suite struct UTF8ValidationTests {
  @Test(arguments: [
    "",
    "Kabul",
    "exactly8",
    "a longer ASCII run that crosses several eight-byte words",
    "Kandahār São Paulo 北京 پاکستان 👩‍⚕️ 🇵🇰 \u{10FFFF}",
    "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}",
  ])
  func acceptsValidText(_ text: String) {
    #expect(UTF8Validation.firstInvalidOffset(in: Array(text.utf8)) == nil)
  }

  @Test(
    arguments: [
      ([0xC0, 0x80], 0),  // overlong NUL
      ([0x41, 0xC1, 0xBF], 1),  // overlong "\x7F"
      ([0x41, 0x42, 0xE0, 0x80, 0x80], 2),  // overlong three-byte form
      ([0xF0, 0x80, 0x80, 0x80], 0),  // overlong four-byte form
      ([0x61, 0xED, 0xA0, 0x80], 1),  // U+D800, a surrogate
      ([0xED, 0xBF, 0xBF], 0),  // U+DFFF, a surrogate
      ([0x61, 0x62, 0xE2, 0x82], 2),  // truncated "€" at the end
      ([0xE2, 0x82, 0x41], 0),  // truncated "€" followed by ASCII
      ([0xF0, 0x9F, 0x98], 0),  // truncated emoji
      ([0x61, 0x80, 0x62], 1),  // stray continuation byte
      ([0xC3, 0xA9, 0xA9], 2),  // "é" and one continuation byte too many
      ([0xF4, 0x90, 0x80, 0x80], 0),  // U+110000, past the last scalar
      ([0x61, 0xF5, 0x80, 0x80, 0x80], 1),  // lead byte that can never occur
      ([0xFF], 0),
      ([0xFE], 0),
    ] as [([UInt8], Int)])
  func reportsTheOffsetOfTheFirstBadByte(_ bytes: [UInt8], _ offset: Int) {
    #expect(UTF8Validation.firstInvalidOffset(in: bytes) == offset)
  }

  @Test(arguments: 0..<20)
  func findsTheBadByteAtEveryPositionOfAnASCIIRun(_ position: Int) {
    // Crosses the eight-byte fast path at every alignment.
    var bytes = Array(repeating: UInt8(ascii: "k"), count: 24)
    bytes[position] = 0x80
    #expect(UTF8Validation.firstInvalidOffset(in: bytes) == position)
  }

  @Test func findsABadByteAfterValidMultibyteText() {
    var bytes = Array("Kābul — 北京 👍 and more ASCII text".utf8)
    let position = bytes.count
    bytes += [0xED, 0xA0, 0x80] + Array("tail".utf8)
    #expect(UTF8Validation.firstInvalidOffset(in: bytes) == position)
  }

  @Test func checksBufferPointers() {
    let bytes: [UInt8] = [0x4B, 0xC3, 0xA4, 0xC3]
    bytes.withUnsafeBufferPointer { buffer in
      #expect(UTF8Validation.firstInvalidOffset(in: buffer) == 3)
      #expect(
        UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: buffer[0..<3])) == nil)
    }
    #expect(
      UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer<UInt8>(start: nil, count: 0)) == nil
    )
  }
}
