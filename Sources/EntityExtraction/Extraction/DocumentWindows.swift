/// How a document larger than a window is cut into overlapping windows.
///
/// The document is split into consecutive *owned* stretches, cut at sentence boundaries
/// (else at white space, else at a scalar boundary), each at most
/// `windowBytes - 2 × overlapBytes` long. Window *k* reads its stretch with about
/// `overlapBytes` more on each side (to the nearest sentence boundary outwards), and
/// reports only the mentions that start in its stretch: a mention near a cut is found
/// by both neighbours, and is kept from the one for which it lies far from an edge.
struct DocumentWindows {
  /// The stretches' bounds, in UTF-8 bytes: stretch *k* is `cuts[k]..<cuts[k + 1]`; the
  /// first is 0, the last the document's length.
  let cuts: [Int]
  /// The bytes each window reads, one per stretch: its stretch and the margins around it.
  let windows: [Range<Int>]

  /// A window may not be shorter than this, nor a margin than a quarter of it, so that a
  /// window always advances.
  static let minimumWindowBytes = 256

  /// Cuts `bytes`, valid UTF-8.
  ///
  /// - Parameters:
  ///   - windowBytes: The most bytes a window reads, margins included (nearly: a margin
  ///     is extended to the next sentence boundary, at most doubled).
  ///   - overlapBytes: The margin on each side of a stretch; at most a quarter of
  ///     `windowBytes` is used.
  init(bytes: UnsafeBufferPointer<UInt8>, windowBytes: Int, overlapBytes: Int) {
    let windowBytes = max(windowBytes, Self.minimumWindowBytes)
    let overlap = max(0, min(overlapBytes, windowBytes / 4))
    let step = windowBytes - 2 * overlap
    var cuts = [0]
    while let last = cuts.last, bytes.count - last > step {
      cuts.append(Self.cut(in: bytes, from: last + step / 2, to: last + step))
    }
    cuts.append(bytes.count)
    var windows: [Range<Int>] = []
    windows.reserveCapacity(cuts.count - 1)
    for index in 0..<(cuts.count - 1) {
      let start =
        cuts[index] == 0
        ? 0
        : Self.cut(in: bytes, from: max(0, cuts[index] - 2 * overlap), to: cuts[index] - overlap)
      let end =
        cuts[index + 1] == bytes.count
        ? bytes.count
        : Self.cut(
          in: bytes, from: cuts[index + 1] + overlap,
          to: min(bytes.count, cuts[index + 1] + 2 * overlap), latest: false)
      windows.append(start..<end)
    }
    self.cuts = cuts
    self.windows = windows
  }

  /// The stretch window `index` reports mentions from.
  func owned(_ index: Int) -> Range<Int> { cuts[index]..<cuts[index + 1] }

  /// A place to cut between `lower` and `upper` (both within `bytes`): the latest (or,
  /// with `latest` false, the earliest) sentence boundary there, else white space, else
  /// the scalar boundary at `upper` (`lower`).
  static func cut(
    in bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int, latest: Bool = true
  ) -> Int {
    let lower = max(1, min(lower, bytes.count))
    let upper = max(lower, min(upper, bytes.count))
    /// The first position from the preferred end that passes `test`.
    func first(where test: (Int) -> Bool) -> Int? {
      if latest {
        var position = upper
        while position >= lower {
          if test(position) { return position }
          position -= 1
        }
      } else {
        for position in lower...upper where test(position) { return position }
      }
      return nil
    }
    if let sentence = first(where: { isSentenceBoundary(bytes, at: $0) }) { return sentence }
    if let space = first(where: {
      $0 < bytes.count && isSpace(bytes[$0 - 1]) && !isSpace(bytes[$0])
    }) {
      return space
    }
    var scalar = latest ? upper : lower
    // A UTF-8 continuation byte has the bit pattern 10xxxxxx.
    while scalar > 0 && scalar < bytes.count && bytes[scalar] & 0xC0 == 0x80 {
      scalar += latest ? -1 : 1
    }
    return scalar
  }

  /// Whether a sentence starts at `position`: after white space that holds a line break,
  /// or that follows a `.`, `!` or `?` (perhaps closed by a quote or bracket), and before
  /// a byte that is not white space.
  static func isSentenceBoundary(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    guard position > 0, position < bytes.count, !isSpace(bytes[position]),
      isSpace(bytes[position - 1])
    else {
      return false
    }
    var index = position - 1
    while index > 0 && isSpace(bytes[index]) {
      if bytes[index] == 0x0A || bytes[index] == 0x0D { return true }
      index -= 1
    }
    if bytes[index] == 0x0A || bytes[index] == 0x0D { return true }
    // Closing quotes and brackets, ASCII or the right quotation marks U+2019, U+201D.
    while index > 0 {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")") {
        index -= 1
      } else if index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80
        && (byte == 0x99 || byte == 0x9D)
      {
        index -= 3
      } else {
        break
      }
    }
    let end = bytes[index]
    return end == UInt8(ascii: ".") || end == UInt8(ascii: "!") || end == UInt8(ascii: "?")
  }

  /// ASCII white space: space, tab, line feed, carriage return, vertical tab, form feed.
  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }
}
