import CICUShim

/// The matching key of a token: how two spellings are judged the same.
///
/// Folding applies Unicode full case folding ("Kabul" = "KABUL", "Straße" = "STRASSE"),
/// removes diacritics by decomposing to NFD and dropping nonspacing marks
/// ("Kandahār" = "Kandahar", and NFC and NFD input fold alike), unifies apostrophe
/// variants (’ ‘ ʼ ` ´ ′ → `'`) and hyphen and dash variants (‐ ‑ ‒ – — − → `-`), and
/// spells ł ø đ ħ ı æ œ in ASCII. ASCII tokens take a fast path that gives the same
/// result without calling ICU.
///
///     FoldedKey.fold("Kandahār")   // "kandahar"
///     FoldedKey.fold("Khyber‑Pakhtunkhwa’s")  // "khyber-pakhtunkhwa's"
public enum FoldedKey {
  /// Returns the folded form of `text`.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public static func fold(_ text: some StringProtocol) -> String {
    var scratch = FoldBuffer()
    var string = String(text)
    return string.withUTF8 { bytes in
      _ = scratch.fold(bytes)
      return scratch.withFolded { String(decoding: $0, as: UTF8.self) }
    }
  }
}

/// A reusable output buffer for folding tokens, so the hot path does not allocate.
struct FoldBuffer {
  private(set) var bytes: [UInt8] = []
  private(set) var count = 0

  init() { bytes.reserveCapacity(64) }

  /// Folds one token's UTF-8 bytes into the buffer and returns the token's shape.
  ///
  /// - Complexity: O(*n*); ASCII tokens never call ICU.
  @inline(__always)
  mutating func fold(_ token: UnsafeBufferPointer<UInt8>) -> TokenShape {
    if bytes.count < token.count { bytes = [UInt8](repeating: 0, count: token.count * 2) }
    var shape: UInt8 = 0
    var sawLetter = false
    var isASCII = true
    bytes.withUnsafeMutableBufferPointer { out in
      for i in 0..<token.count {
        let byte = token[i]
        if byte >= 0x80 {
          isASCII = false
          break
        }
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          shape |= TokenShape.hasUpper.rawValue
          if !sawLetter { shape |= TokenShape.firstUpper.rawValue }
          sawLetter = true
          out[i] = byte | 0x20
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
          shape |= TokenShape.hasLower.rawValue
          sawLetter = true
          out[i] = byte
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
          shape |= TokenShape.hasDigit.rawValue
          out[i] = byte
        case UInt8(ascii: "`"):
          shape |= TokenShape.hasSymbol.rawValue
          out[i] = UInt8(ascii: "'")
        default:
          shape |= TokenShape.hasSymbol.rawValue
          out[i] = byte
        }
      }
    }
    if isASCII {
      count = token.count
      return TokenShape(rawValue: shape)
    }
    return foldWithICU(token)
  }

  private mutating func foldWithICU(_ token: UnsafeBufferPointer<UInt8>) -> TokenShape {
    var shapeBits: UInt32 = 0
    while true {
      let capacity = bytes.count
      let written = bytes.withUnsafeMutableBufferPointer { out in
        token.withMemoryRebound(to: CChar.self) { source in
          out.withMemoryRebound(to: CChar.self) { target in
            eex_fold(
              source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity),
              &shapeBits)
          }
        }
      }
      if written < 0 {
        // ICU could not fold (only on pathological input): fall back to the raw bytes.
        if bytes.count < token.count { bytes = [UInt8](repeating: 0, count: token.count) }
        bytes.withUnsafeMutableBufferPointer { out in
          for i in 0..<token.count { out[i] = token[i] }
        }
        count = token.count
        return .hasSymbol
      }
      if Int(written) <= capacity {
        count = Int(written)
        return TokenShape(rawValue: UInt8(truncatingIfNeeded: shapeBits))
      }
      bytes = [UInt8](repeating: 0, count: Int(written) + 16)
    }
  }

  /// Calls `body` with the folded bytes of the last `fold` call.
  @inline(__always)
  func withFolded<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
  }
}

/// `FoldBuffer.fold` for ASCII, 8 bytes at a time: each byte is a lane of a `UInt64`, and
/// a few adds and masks test all 8 lanes at once, with no branch per byte.
///
/// Every byte must be below 0x80: adding a constant of at most 0x80 to such a lane never
/// carries into the next, so the lanes stay independent.
enum ASCIIFold {
  /// 0x80 in every lane.
  static let high: UInt64 = 0x8080_8080_8080_8080

  /// 0x80 in each lane of `word` whose byte lies in `lower...upper`, 0 in the others.
  ///
  /// A lane reaches 0x80 when `0x80 - lower` is added exactly if its byte is at least
  /// `lower`, and when `0x7F - upper` is added exactly if it is above `upper`.
  /// - Precondition: `lower` and `upper` are below 0x80.
  @inline(__always)
  static func bytes(of word: UInt64, from lower: UInt8, through upper: UInt8) -> UInt64 {
    let lanes: UInt64 = 0x0101_0101_0101_0101
    let atLeastLower = word &+ lanes &* UInt64(0x80 - lower)
    let aboveUpper = word &+ lanes &* UInt64(0x7F - upper)
    return atLeastLower & ~aboveUpper & high
  }

  /// The 8 bytes of `word` folded as `FoldBuffer.fold` folds ASCII: "A"–"Z" to lower case,
  /// "`" to "'", every other byte (zero padding too) unchanged.
  @inline(__always)
  static func fold(_ word: UInt64) -> UInt64 {
    let upper = bytes(of: word, from: 0x41, through: 0x5A)
    let backtick = bytes(of: word, from: 0x60, through: 0x60)
    // 0x80 >> 2 is the case bit 0x20; 0x80 >> 7 is 1, and 0x60 ^ 0x47 is 0x27, "'".
    return (word | (upper &>> 2)) ^ ((backtick &>> 7) &* 0x47)
  }
}
