/// An open-addressing set of `(type, id)` keys with the line each was first seen on.
///
/// Keys live back to back in one byte arena: no allocation per key.
struct IDTable {
  private var hashes: [UInt64] = []
  private var starts: [Int] = [0]
  private var arena: [UInt8] = []
  private var lines: [Int] = []
  /// Open-addressing slots: hash high bits and `index + 1`, or 0 when empty.
  private var slots = [UInt64](repeating: 0, count: 1024)

  /// Reserves room for `count` keys of about `bytes` bytes in all.
  mutating func reserve(_ count: Int, bytes: Int) {
    hashes.reserveCapacity(count)
    starts.reserveCapacity(count + 1)
    lines.reserveCapacity(count)
    arena.reserveCapacity(bytes)
    var size = 1024
    while size < count * 2 { size *= 2 }
    if size > slots.count { rehash(size) }
  }

  private mutating func rehash(_ size: Int) {
    slots = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
    }
  }

  /// Inserts a key; returns the earlier line when it was already present.
  mutating func insert(type: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
    let hash = Self.hash(type, id)
    let (found, slot) = probe(hash, type, id)
    if let found { return lines[found] }
    arena.append(contentsOf: type)
    arena.append(0x09)
    arena.append(contentsOf: id)
    starts.append(arena.count)
    hashes.append(hash)
    lines.append(line)
    slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(hashes.count)
    if hashes.count * 2 > slots.count { rehash(slots.count * 2) }
    return nil
  }

  @inline(__always)
  private static func hash(_ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in type { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ 0x09) &* 0x100_0000_01b3
    for byte in id { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    // Mix the high bits into the low ones, which choose the slot.
    return hash ^ (hash >> 29)
  }

  /// The index of the key if present, and the slot where it is or would go.
  @inline(__always)
  private func probe(_ hash: UInt64, _ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>)
    -> (Int?, Int)
  {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    let tag = hash & 0xFFFF_FFFF_0000_0000
    while true {
      let entry = slots[slot]
      if entry == 0 { return (nil, slot) }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        if starts[index + 1] - starts[index] == type.count + 1 + id.count && matches(index, type, id) {
          return (index, slot)
        }
      }
      slot = (slot + 1) & mask
    }
  }

  private func matches(_ index: Int, _ type: UnsafeBufferPointer<UInt8>, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    var position = starts[index]
    for byte in type {
      if arena[position] != byte { return false }
      position += 1
    }
    if arena[position] != 0x09 { return false }
    position += 1
    for byte in id {
      if arena[position] != byte { return false }
      position += 1
    }
    return true
  }

  /// The index of a key, or `nil`.
  func index(type: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> Int? {
    probe(Self.hash(type, id), type, id).0
  }
}
