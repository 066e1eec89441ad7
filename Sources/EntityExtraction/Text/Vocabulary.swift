/// The folded token spellings an extractor can match, each with a dense ``TokenID``.
///
/// A vocabulary is built once, from every gazetteer surface and every recognizer's word
/// list, and is immutable afterwards, so any number of tasks can look tokens up at once.
/// Lookups hash the folded bytes and probe an open-addressing table: no allocation.
public struct Vocabulary: Sendable {
  /// Folded spellings, back to back.
  private var arena = Table<UInt8>()
  /// Where each ID's spelling lies in `arena`.
  private var starts = Table<UInt32>([0])
  /// Open-addressing slots, two words each. The first holds the spelling's 32-bit hash
  /// in the high half, its length (saturated at 255) in bits 24–31 and `id + 1` in
  /// bits 0–23, or 0 when the slot is empty; the second holds the first 8 bytes of the
  /// spelling, zero-padded. Most tokens are at most 8 bytes long, so a lookup usually
  /// touches one cache line and never the arena.
  private var slots = Table<UInt64>(repeating: 0, count: 2 * 1024)
  /// Hashes of each ID's spelling, to rebuild the table when it grows.
  private var hashes = Table<UInt32>()
  /// Per ID: the root bits of the matchers whose patterns can start with it; also kept
  /// in the slots, so a lookup returns them with the ID.
  private var rootMasks = Table<UInt8>()
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
    probe(hash: Self.hash(bytes), length: bytes.count, prefix: Self.prefix(bytes)) {
      spellingEquals($0, bytes, foldingASCII: false)
    }
  }

  /// ``lookUpWithRootMask(_:)`` for ASCII bytes not yet folded, given the ``hash(_:)`` and
  /// ``prefix(_:)`` of their folded form (folded as ``ASCIIFold/fold(_:)`` folds them): the
  /// tokenizer computes both as it reads a token, and needs no folded copy.
  ///
  /// - Precondition: Every byte of `bytes` is below 0x80.
  @inline(__always)
  func lookUpWithRootMask(unfoldedASCII bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, prefix: UInt64)
    -> (id: UInt32, rootMask: UInt8)
  {
    probe(hash: hash, length: bytes.count, prefix: prefix) {
      spellingEquals($0, bytes, foldingASCII: true)
    }
  }

  /// The raw ID (or `Token.noID`) and root mask of the spelling with this hash, length
  /// and 8-byte prefix; `restEquals(id)` tells whether a candidate spelling that agrees on
  /// all three is the one sought, and is called only for spellings longer than 8 bytes.
  @inline(__always)
  private func probe(hash: UInt32, length: Int, prefix: UInt64, restEquals: (Int) -> Bool)
    -> (id: UInt32, rootMask: UInt8)
  {
    let header = Self.header(hash: hash, rootMask: 0, length: length)
    return slots.withUnsafeBufferPointer { slots in
      // The buffer's count is a register; the array's `count` was an out-of-line call.
      // A shift, not `/ 2`: a count is never negative, and a division would handle one.
      let mask = slots.count &>> 1 &- 1
      var slot = Int(hash) & mask
      while true {
        let entry = slots[2 * slot]
        if entry == 0 { return (Token.noID, 0) }
        if entry & Self.headerCompareMask == header, slots[2 * slot + 1] == prefix {
          let id = Int(entry & 0xFF_FFFF) - 1
          if length <= 8 || restEquals(id) {
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
    slots = Table(repeating: 0, count: slots.count * 2)
    let arena = self.arena
    arena.withUnsafeBufferPointer { arena in
      for id in 0..<hashes.count {
        let spelling = UnsafeBufferPointer(rebasing: arena[Int(starts[id])..<Int(starts[id + 1])])
        place(id: UInt32(id), hash: hashes[id], length: spelling.count, prefix: Self.prefix(spelling))
      }
    }
  }

  /// Whether the spelling of `id` is `bytes`, given that it has their first 8 bytes (its
  /// slot's prefix matched) and that `bytes` are longer than 8: the rest is compared 8
  /// bytes at a time, the last 8 overlapping the ones before. With `foldingASCII`, `bytes`
  /// are ASCII not yet folded, and each 8 are folded (``ASCIIFold/fold(_:)``) first.
  @inline(__always)
  private func spellingEquals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>, foldingASCII: Bool) -> Bool {
    let start = Int(starts[id])
    let count = bytes.count
    // The slot's length saturates at 255: longer spellings need the real one.
    // The last check keeps a read inside the arena whatever a compiled file says.
    guard Int(starts[id + 1]) - start == count, count > 8, let base = bytes.baseAddress,
      start + count <= arena.count
    else {
      return false
    }
    return arena.withUnsafeBufferPointer { arena in
      let spelling = UnsafeRawPointer(arena.baseAddress! + start)
      let text = UnsafeRawPointer(base)
      func same(_ offset: Int) -> Bool {
        let word = text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        return (foldingASCII ? ASCIIFold.fold(word) : word)
          == spelling.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      }
      let last = count - 8
      var offset = 8
      while offset < last {
        guard same(offset) else { return false }
        offset += 8
      }
      return same(last)
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
    var hash = fnvOffsetBasis
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
    return finishHash(hash)
  }

  /// The 64-bit FNV-1a state before any byte, for ``hash(_:)`` and for code that hashes
  /// bytes as it reads them (the tokenizer's ASCII path): the same values, the same IDs.
  static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// The 64-bit FNV-1a prime: each byte is XORed into the state, which is multiplied by it.
  static let fnvPrime: UInt64 = 0x100_0000_01b3

  /// The 32-bit hash of a 64-bit FNV-1a state: its two halves XORed.
  @inline(__always)
  static func finishHash(_ state: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: state ^ (state >> 32)) }
}

extension Vocabulary {
  /// Writes the tables under tags `group << 8 | 0…5`.
  func write(into writer: inout ImageWriter, group: UInt32) {
    writer.add(group << 8 | 0, arena)
    writer.add(group << 8 | 1, starts)
    writer.add(group << 8 | 2, slots)
    writer.add(group << 8 | 3, hashes)
    writer.add(group << 8 | 4, rootMasks)
    writer.add(group << 8 | 5, scalar: claimedRootBits)
  }

  /// Reads a vocabulary written by ``write(into:group:)``, its tables in place.
  init(image: CompiledImage, group: UInt32) throws(CompiledImage.Unusable) {
    self.init()
    arena = try image.table(group << 8 | 0)
    starts = try image.table(group << 8 | 1)
    slots = try image.table(group << 8 | 2)
    hashes = try image.table(group << 8 | 3)
    rootMasks = try image.table(group << 8 | 4)
    claimedRootBits = try image.scalar(group << 8 | 5)
    guard starts.count == hashes.count + 1, rootMasks.count == hashes.count, slots.count.nonzeroBitCount == 1,
      slots.count >= 4, hashes.count <= Self.capacityLimit, hashes.count * 2 <= slots.count / 2,
      starts.first == 0, Int(starts.last ?? 0) == arena.count
    else { throw CompiledImage.Unusable("the vocabulary's tables disagree") }
  }
}
