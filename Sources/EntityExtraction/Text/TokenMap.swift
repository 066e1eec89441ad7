/// A small map from raw token IDs to values, for the word lists of recognizers.
///
/// `Dictionary<UInt32, Value>` hashes every key with SipHash, which costs more than
/// the rest of a lookup when a recognizer asks about every token of a document. Here a
/// key is hashed with one multiplication and the table is probed linearly; it is built
/// once, when the extractor is made, and only read afterwards.
struct TokenMap<Value: Sendable>: Sendable {
  /// `key + 1`, or 0 for an empty slot.
  private var keys: [UInt32] = [UInt32](repeating: 0, count: 16)
  private var values: [Value?] = [Value?](repeating: nil, count: 16)
  private(set) var count = 0

  init() {}

  @inline(__always)
  private static func slot(_ key: UInt32, mask: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// The value of `key`, or `nil`; setting `nil` is not supported (lists only grow).
  subscript(key: UInt32) -> Value? {
    @inline(__always) get {
      guard key != UInt32.max else { return nil }
      let mask = keys.count - 1
      var slot = Self.slot(key, mask: mask)
      return keys.withUnsafeBufferPointer { keys in
        while true {
          let found = keys[slot]
          if found == key &+ 1 { return values[slot] }
          if found == 0 { return nil }
          slot = (slot + 1) & mask
        }
      }
    }
    set {
      precondition(key != UInt32.max, "Token.noID is not a key")
      guard let newValue else { preconditionFailure("TokenMap does not remove keys") }
      if (count + 1) * 2 > keys.count { grow() }
      let mask = keys.count - 1
      var slot = Self.slot(key, mask: mask)
      while keys[slot] != 0 && keys[slot] != key + 1 { slot = (slot + 1) & mask }
      if keys[slot] == 0 { count += 1 }
      keys[slot] = key + 1
      values[slot] = newValue
    }
  }

  /// Calls `body` with every key and its value, in no particular order.
  func forEachEntry(_ body: (_ key: UInt32, _ value: Value) -> Void) {
    for (slot, key) in keys.enumerated() where key != 0 {
      if let value = values[slot] { body(key - 1, value) }
    }
  }

  private mutating func grow() {
    let old = zip(keys, values)
    keys = [UInt32](repeating: 0, count: keys.count * 2)
    values = [Value?](repeating: nil, count: keys.count)
    count = 0
    for (key, value) in old where key != 0 { self[key - 1] = value }
  }
}

/// A set of raw token IDs with the lookup of ``TokenMap``.
struct TokenSet: Sendable, ExpressibleByArrayLiteral {
  private var map = TokenMap<Bool>()

  init() {}

  init(_ ids: some Sequence<UInt32>) {
    for id in ids { map[id] = true }
  }

  init(arrayLiteral ids: UInt32...) { self.init(ids) }

  /// Adds an ID.
  mutating func insert(_ id: UInt32) { map[id] = true }

  /// Whether `id` is in the set.
  @inline(__always)
  func contains(_ id: UInt32) -> Bool { map[id] != nil }

  /// The number of IDs.
  var count: Int { map.count }
}

/// A set of raw token IDs kept as one bit per ID: membership is one load and a test,
/// for the small sets the rules ask about at every token (the words a date or a count
/// can begin with). IDs past the highest one inserted are not members.
struct TokenBitSet: Sendable {
  private var words: [UInt64] = []

  init() {}

  /// Adds `id`.
  mutating func insert(_ id: UInt32) {
    let slot = Int(id >> 6)
    if slot >= words.count { words.append(contentsOf: repeatElement(0, count: slot + 1 - words.count)) }
    words[slot] |= 1 << UInt64(id & 63)
  }

  /// Whether `id` is in the set.
  @inline(__always)
  func contains(_ id: UInt32) -> Bool {
    let slot = Int(id >> 6)
    return slot < words.count && words[slot] & (1 << UInt64(id & 63)) != 0
  }
}
