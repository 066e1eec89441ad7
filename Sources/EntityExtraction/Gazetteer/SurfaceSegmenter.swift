/// Segments short gazetteer surfaces the way ICU's word rules do, without calling ICU,
/// for the common case of Latin-script names.
///
/// Compiling 600,000 surfaces through ICU costs more than a second; most surfaces are
/// plain Latin names ("Lakki Marwat", "Khyber-Pakhtunkhwa", "U.S.", "Kandahār"), for
/// which ICU's rules (UAX #29) reduce to a few cases. This implements exactly those
/// cases and returns `nil` for anything else, which then goes to ICU. A test checks that
/// every bundled surface this accepts is segmented as ICU does.
///
/// Handled characters: ASCII letters and digits; Latin letters U+00C0–U+024F (but × and
/// ÷) and U+1E00–U+1EFF; combining marks U+0300–U+036F after a letter; space; the
/// apostrophes ' and ’ and the full stop (MidNumLet), the comma (MidNum); hyphens and
/// ASCII punctuation other than `:` and `_` (each its own segment).
struct SurfaceSegmenter {
  private enum Class: UInt8 { case letter, digit, midNumLet, midNum, space, other }

  /// Scratch space, reused between calls.
  private var chars: [(Int, Int, Class)] = []

  /// Replaces `segments` with the non-space segments of `bytes`; returns `false` (with
  /// `segments` in an unspecified state) when the surface needs ICU.
  mutating func segments(_ bytes: UnsafeBufferPointer<UInt8>, into segments: inout [Range<Int>]) -> Bool {
    segments.removeAll(keepingCapacity: true)
    // Classify every character: (start, end, class).
    chars.removeAll(keepingCapacity: true)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        chars.append((index, index + 1, .letter)); index += 1
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        chars.append((index, index + 1, .digit)); index += 1
      case UInt8(ascii: "."), UInt8(ascii: "'"):
        chars.append((index, index + 1, .midNumLet)); index += 1
      case UInt8(ascii: ","), UInt8(ascii: ";"):
        chars.append((index, index + 1, .midNum)); index += 1
      case 0x20:
        chars.append((index, index + 1, .space)); index += 1
      case UInt8(ascii: ":"), UInt8(ascii: "_"), 0x00..<0x20, 0x7F:
        return false  // MidLetter, ExtendNumLet, controls: leave to ICU
      case 0x21...0x7E:
        chars.append((index, index + 1, .other)); index += 1
      case 0xC3...0xC9:
        // U+00C0–U+027F; × (C3 97) and ÷ (C3 B7) are not letters.
        guard index + 1 < bytes.count else { return false }
        let second = bytes[index + 1]
        if byte == 0xC3 && (second == 0x97 || second == 0xB7) { return false }
        if byte == 0xC9 && second >= 0x90 { return false }  // U+0250…: IPA, leave to ICU
        chars.append((index, index + 2, .letter)); index += 2
      case 0xCC, 0xCD:
        // Combining marks U+0300–U+036F extend the previous letter.
        guard index + 1 < bytes.count, byte == 0xCC || bytes[index + 1] <= 0xAF,
          let last = chars.last, last.2 == .letter
        else { return false }
        chars[chars.count - 1].1 = index + 2
        index += 2
      case 0xE1:
        // U+1E00–U+1EFF: Latin Extended Additional (E1 B8 80 … E1 BB BF).
        guard index + 2 < bytes.count, (0xB8...0xBB).contains(bytes[index + 1]) else { return false }
        chars.append((index, index + 3, .letter)); index += 3
      case 0xE2:
        guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return false }
        switch bytes[index + 2] {
        case 0x99: chars.append((index, index + 3, .midNumLet))  // ’
        case 0x90...0x94: chars.append((index, index + 3, .other))  // hyphens and dashes
        default: return false
        }
        index += 3
      default:
        return false
      }
    }
    // UAX #29 over the classes, for this subset.
    var segmentStart = 0
    var position = 0
    while position < chars.count {
      let current = chars[position].2
      if current == .space {
        // WB3d: a run of spaces is one segment, dropped.
        var end = position + 1
        while end < chars.count && chars[end].2 == .space { end += 1 }
        position = end
        segmentStart = end
        continue
      }
      if current == .other || current == .midNumLet || current == .midNum {
        segments.append(chars[position].0..<chars[position].1)
        position += 1
        segmentStart = position
        continue
      }
      // A word: letters and digits, joined across a single MidNumLet between letters
      // (WB6/7) or a MidNum/MidNumLet between digits (WB11/12).
      var end = position + 1
      while end < chars.count {
        let next = chars[end].2
        if next == .letter || next == .digit {
          end += 1
          continue
        }
        if end + 1 < chars.count {
          let previous = chars[end - 1].2
          let after = chars[end + 1].2
          if next == .midNumLet && previous == .letter && after == .letter { end += 2; continue }
          if (next == .midNumLet || next == .midNum) && previous == .digit && after == .digit {
            end += 2
            continue
          }
        }
        break
      }
      let word = chars[segmentStart].0..<chars[end - 1].1
      // A possessive is split as WordSegmenter splits it.
      if chars[segmentStart..<end].contains(where: { $0.2 == .letter }),
        let clitic = WordSegmenter.possessiveClitic(bytes, word.lowerBound, word.upperBound)
      {
        segments.append(word.lowerBound..<clitic)
        segments.append(clitic..<word.upperBound)
      } else {
        segments.append(word)
      }
      position = end
      segmentStart = end
    }
    return true
  }
}
