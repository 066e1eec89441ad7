/// Byte-level white-space tests for the segments ICU marks as "none".
enum Whitespace {
  enum Class { case none, space, lineBreak }

  /// Says whether `bytes[start..<end]` is all white space, and whether it breaks a line.
  ///
  /// White space is ASCII space, tab, CR, LF, VT, FF, and the Unicode spaces NEL,
  /// NBSP, U+1680, U+2000…U+200A, LS, PS, NNBSP, MMSP, U+3000 and the BOM. LF, CR, VT,
  /// FF, NEL, LS and PS break lines.
  /// - Complexity: O(*n*) in the segment length.
  @inline(__always)
  static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Class {
    var index = start
    var breaksLine = false
    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09:
        index += 1
      case 0x0A, 0x0B, 0x0C, 0x0D:
        breaksLine = true
        index += 1
      case 0xC2 where index + 1 < end && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85):
        if bytes[index + 1] == 0x85 { breaksLine = true }
        index += 2
      case 0xE1 where index + 2 < end && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80:
        index += 3
      case 0xE2 where index + 2 < end:
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if second == 0x80 && (third <= 0x8A || third == 0xAF) {
          index += 3
        } else if second == 0x80 && (third == 0xA8 || third == 0xA9) {
          breaksLine = true
          index += 3
        } else if second == 0x81 && third == 0x9F {
          index += 3
        } else {
          return .none
        }
      case 0xE3 where index + 2 < end && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
        index += 3
      case 0xEF where index + 2 < end && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
        index += 3
      default:
        return .none
      }
    }
    return breaksLine ? .lineBreak : .space
  }
}
