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
  /// Open-addressing slots, two words each. The first holds the spelling's 32-bit hash
  /// in the high half, its length (saturated at 255) in bits 24–31 and `id + 1` in
  /// bits 0–23, or 0 when the slot is empty; the second holds the first 8 bytes of the
  /// spelling, zero-padded. Most tokens are at most 8 bytes long, so a lookup usually
  /// touches one cache line and never the arena.
  private var slots: [UInt64] = [UInt64](repeating: 0, count: 2 * 1024)
  /// Hashes of each ID's spelling, to rebuild the table when it grows.
  private var hashes: [UInt32] = []
  /// Per ID: the root bits of the matchers whose patterns can start with it; also kept
  /// in the slots, so a lookup returns them with the ID.
  private var rootMasks: [UInt8] = []
  /// The root bits handed out by ``claimRootBit()`` so far.
  private var claimedRootBits: UInt8 = 0
  /// The largest number of spellings: IDs take 24 bits of a slot.
  static let capacityLimit = 1 << 24 - 1

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

  /// Calls `body` with the folded spelling of the raw ID `id` as UTF-8 bytes, without
  /// making a `String`.
  func withSpelling<R>(ofRawID id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let index = Int(id)
    let start = Int(starts[index])
    let end = Int(starts[index + 1])
    return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
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
  func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 { lookUpWithRootMask(bytes).id }

  /// The raw ID of a folded spelling (or `Token.noID`) and its root mask: which
  /// matchers' patterns can start with it (see ``claimRootBit()``).
  @inline(__always)
  func lookUpWithRootMask(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: UInt32, rootMask: UInt8) {
    let hash = Self.hash(bytes)
    let header = Self.header(hash: hash, rootMask: 0, length: bytes.count)
    let prefix = Self.prefix(bytes)
    let mask = slots.count / 2 - 1
    var slot = Int(hash) & mask
    return slots.withUnsafeBufferPointer { slots in
      while true {
        let entry = slots[2 * slot]
        if entry == 0 { return (Token.noID, 0) }
        if entry & Self.headerCompareMask == header, slots[2 * slot + 1] == prefix {
          let id = Int(entry & 0xFF_FFFF) - 1
          if bytes.count <= 8 || spellingEquals(id, bytes) {
            return (UInt32(id), UInt8(truncatingIfNeeded: entry >> 32))
          }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// A slot's first word: the hash's high 24 bits, the root mask, the length (capped at
  /// 255) and the ID + 1 (0 marks an empty slot).
  @inline(__always)
  private static func header(hash: UInt32, rootMask: UInt8, length: Int) -> UInt64 {
    UInt64(hash & 0xFFFF_FF00) << 32 | UInt64(rootMask) << 32 | UInt64(min(length, 255)) << 24
  }

  /// The bits of a slot's first word that identify a spelling: hash and length.
  private static let headerCompareMask: UInt64 = 0xFFFF_FF00_FF00_0000

  /// Hands out one of 8 root bits to a matcher, or 0 when all are taken (that matcher
  /// then looks at every token). Tokens carry the bits of the matchers that can start
  /// a match with them, so a matcher skips every other token with one test.
  mutating func claimRootBit() -> UInt8 {
    guard claimedRootBits != 0xFF else { return 0 }
    let bit = ~claimedRootBits & (claimedRootBits &+ 1)  // the lowest bit not taken
    claimedRootBits |= bit
    return bit
  }

  /// Marks `id` as a possible first token of the matcher that holds `bit`.
  mutating func markRoot(_ id: UInt32, bit: UInt8) {
    let index = Int(id)
    precondition(index < hashes.count, "ID not in the vocabulary")
    guard rootMasks[index] & bit != bit else { return }
    rootMasks[index] |= bit
    let mask = slots.count / 2 - 1
    var slot = Int(hashes[index]) & mask
    while slots[2 * slot] & 0xFF_FFFF != UInt64(id) + 1 { slot = (slot + 1) & mask }
    slots[2 * slot] |= UInt64(bit) << 32
  }

  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let existing = lookUp(bytes)
    if existing != Token.noID { return existing }
    precondition(hashes.count < Self.capacityLimit, "vocabulary is full")
    if (hashes.count + 1) * 2 > slots.count / 2 { grow() }
    let id = UInt32(hashes.count)
    arena.append(contentsOf: bytes)
    starts.append(UInt32(arena.count))
    let hash = Self.hash(bytes)
    hashes.append(hash)
    rootMasks.append(0)
    place(id: id, hash: hash, length: bytes.count, prefix: Self.prefix(bytes))
    return id
  }

  private mutating func place(id: UInt32, hash: UInt32, length: Int, prefix: UInt64) {
    let mask = slots.count / 2 - 1
    var slot = Int(hash) & mask
    while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
    slots[2 * slot] = Self.header(hash: hash, rootMask: rootMasks[Int(id)], length: length) | UInt64(id + 1)
    slots[2 * slot + 1] = prefix
  }

  private mutating func grow() {
    slots = [UInt64](repeating: 0, count: slots.count * 2)
    let arena = self.arena
    arena.withUnsafeBufferPointer { arena in
      for id in 0..<hashes.count {
        let spelling = UnsafeBufferPointer(rebasing: arena[Int(starts[id])..<Int(starts[id + 1])])
        place(id: UInt32(id), hash: hashes[id], length: spelling.count, prefix: Self.prefix(spelling))
      }
    }
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

  /// The first 8 bytes of a spelling, little-endian, zero-padded.
  @inline(__always)
  static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    if bytes.count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
    var value: UInt64 = 0
    for i in 0..<bytes.count { value |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    return value
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
    writer.write(rootMasks)
    writer.write(claimedRootBits)
  }

  init(decoding reader: inout BinaryReader) throws(BinaryReader.Malformed) {
    self.init()
    arena = try reader.readArray()
    starts = try reader.readArray()
    slots = try reader.readArray()
    hashes = try reader.readArray()
    rootMasks = try reader.readArray()
    claimedRootBits = try reader.read(UInt8.self)
    guard starts.count == hashes.count + 1, rootMasks.count == hashes.count, slots.count.nonzeroBitCount == 1, slots.count >= 2,
      hashes.count <= Self.capacityLimit,
      Int(starts.last ?? 0) == arena.count
    else { throw BinaryReader.Malformed() }
  }
}
