/// The folded token spellings an extractor can match, each with a dense ``TokenID``.
///
/// A vocabulary is built once, from every gazetteer surface and every recognizer's word
/// list, and is immutable afterwards, so any number of tasks can look tokens up at once.
/// Lookups hash the folded bytes and probe an open-addressing table: no allocation.
public struct Vocabulary: Sendable {
  /// Folded spellings, back to back.
  private var arena: [UInt8] = []
  /// Where each ID's spelling lies in `arena`.
  private var starts: [UInt32] = [0]
  /// Open-addressing slots: the spelling's 32-bit hash in the high half and `id + 1` in
  /// the low half, or 0 when empty. Keeping the hash in the slot means a probe touches
  /// the arena only when the hashes agree.
  private var slots: [UInt64] = [UInt64](repeating: 0, count: 1024)
  /// Hashes of each ID's spelling, to skip most byte comparisons.
  private var hashes: [UInt32] = []

  /// Creates an empty vocabulary.
  public init() {}

  /// The number of distinct spellings.
  public var count: Int { hashes.count }

  /// Returns the folded spelling of `id`.
  public func spelling(of id: TokenID) -> String {
    let index = Int(id.rawValue)
    return String(
      decoding: arena[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
  }

  /// Returns the ID of a folded spelling, or `nil` when it is not in the vocabulary.
  ///
  /// - Parameter folded: A key already folded by ``FoldedKey``.
  public func id(ofFolded folded: String) -> TokenID? {
    var folded = folded
    return folded.withUTF8 { bytes in
      let raw = lookUp(bytes)
      return raw == Token.noID ? nil : TokenID(rawValue: raw)
    }
  }

  /// Returns the ID of a spelling after folding it, or `nil` when it is unknown.
  public func id(of spelling: some StringProtocol) -> TokenID? {
    id(ofFolded: FoldedKey.fold(spelling))
  }

  /// Adds a folded spelling if it is new and returns its ID.
  @discardableResult
  public mutating func insert(folded: String) -> TokenID {
    var folded = folded
    return folded.withUTF8 { TokenID(rawValue: insert($0)) }
  }

  /// Returns the raw ID of `bytes`, or `Token.noID`.
  ///
  /// - Complexity: O(*n*) in the length of `bytes`, expected.
  @inline(__always)
  func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    return slots.withUnsafeBufferPointer { slots in
      while true {
        let entry = slots[slot]
        if entry == 0 { return Token.noID }
        if UInt32(truncatingIfNeeded: entry >> 32) == hash {
          let id = Int(UInt32(truncatingIfNeeded: entry) - 1)
          if spellingEquals(id, bytes) { return UInt32(id) }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let existing = lookUp(bytes)
    if existing != Token.noID { return existing }
    if (hashes.count + 1) * 2 > slots.count { grow() }
    let id = UInt32(hashes.count)
    precondition(id < Token.noID, "vocabulary is full")
    arena.append(contentsOf: bytes)
    starts.append(UInt32(arena.count))
    let hash = Self.hash(bytes)
    hashes.append(hash)
    place(id: id, hash: hash)
    return id
  }

  private mutating func place(id: UInt32, hash: UInt32) {
    let mask = slots.count - 1
    var slot = Int(hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
  }

  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    for id in 0..<hashes.count { place(id: UInt32(id), hash: hashes[id]) }
  }

  @inline(__always)
  private func spellingEquals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[id])
    let end = Int(starts[id + 1])
    guard end - start == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      for i in 0..<bytes.count where arena[start + i] != bytes[i] { return false }
      return true
    }
  }

  /// FNV-1a, folded to 32 bits: tokens are short, so a byte loop is as fast as any.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
  }
}

extension Vocabulary {
  func encode(into writer: inout BinaryWriter) {
    writer.write(arena)
    writer.write(starts)
    writer.write(slots)
    writer.write(hashes)
  }

  init(decoding reader: inout BinaryReader) throws(BinaryReader.Malformed) {
    self.init()
    arena = try reader.readArray()
    starts = try reader.readArray()
    slots = try reader.readArray()
    hashes = try reader.readArray()
    guard starts.count == hashes.count + 1, slots.count.nonzeroBitCount == 1,
      Int(starts.last ?? 0) == arena.count
    else { throw BinaryReader.Malformed() }
  }
}
