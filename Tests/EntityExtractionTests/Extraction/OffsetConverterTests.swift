import EntityExtraction
import Testing

@Suite struct OffsetConverterTests {
  // "é" is 2 bytes, 1 scalar, 1 UTF-16 unit; "😀" 4 bytes, 1 scalar, 2 units; "北" 3 bytes, 1, 1.
  static let text = "Café 😀 北京 ok"

  @Test func convertsToScalarsAndUTF16() {
    // Byte offsets: C0 a1 f2 é3 ␠5 😀6 ␠10 北11 京14 ␠17 o18 k19 end 20.
    let utf8 = [0, 3, 5, 6, 10, 11, 14, 17, 18, 20]
    #expect(
      OffsetConverter.convert(utf8, in: Self.text, to: .unicodeScalars)
        == [0, 3, 4, 5, 6, 7, 8, 9, 10, 12])
    #expect(
      OffsetConverter.convert(utf8, in: Self.text, to: .utf16) == [0, 3, 4, 5, 7, 8, 9, 10, 11, 13])
    #expect(OffsetConverter.convert(utf8, in: Self.text, to: .utf8) == utf8)
  }

  @Test func keepsTheOrderOfUnsortedAndRepeatedOffsets() {
    #expect(
      OffsetConverter.convert([20, 6, 0, 6, 11], in: Self.text, to: .utf16) == [13, 5, 0, 5, 8])
  }

  @Test func convertsNothingToNothing() {
    #expect(OffsetConverter.convert([], in: Self.text, to: .utf16).isEmpty)
    #expect(OffsetConverter.convert([0], in: "", to: .unicodeScalars) == [0])
  }

  @Test(arguments: [
    "Kandahār, São Paulo and Peshāwar",
    "Kandaha\u{0304}r in NFD",
    "Medics 👩‍⚕️ arrived 👨‍👩‍👧 near 🇵🇰",
    "北京发生地震。東京のニュース",
    "پاکستان میں ١٢٣ افراد",
    "\u{10FFFF}\u{0}\u{7F}\u{80}\u{800}\u{FFFF}\u{10000}",
  ])
  func agreesWithTheStandardLibraryAtEveryScalarBoundary(_ text: String) {
    var boundaries: [Int] = []
    var offset = 0
    for scalar in text.unicodeScalars {
      boundaries.append(offset)
      offset += UTF8.width(scalar)
    }
    boundaries.append(offset)
    let indices = boundaries.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
    #expect(
      OffsetConverter.convert(boundaries, in: text, to: .unicodeScalars)
        == indices.map { text.unicodeScalars.distance(from: text.startIndex, to: $0) })
    #expect(
      OffsetConverter.convert(boundaries, in: text, to: .utf16)
        == indices.map { text.utf16.distance(from: text.startIndex, to: $0) })
  }

  @Test func convertsRawBuffers() {
    let bytes = Array("😀a".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      #expect(OffsetConverter.convert([4, 5], inUTF8: buffer, to: .utf16) == [2, 3])
      #expect(OffsetConverter.convert([4, 5], inUTF8: buffer, to: .unicodeScalars) == [1, 2])
    }
  }

  @Test func unitNamesMatchTheCommandLine() {
    #expect(OffsetUnit.allCases.map(\.rawValue) == ["utf8", "scalars", "utf16"])
  }
}
