/// The land neighbours of each country: the `neighbours` attribute of the `kind=country`
/// place entries (`Gazetteers/places/countries.tsv`, from GeoNames).
///
/// Countries are numbered by their ISO 3166-1 alpha-2 code (``slot(_:)``: 26 × 26
/// slots), so a neighbour test is an array read and a scan of a few slots.
struct CountryNeighbours: Sendable {
  /// The number of slots: one per pair of upper-case letters.
  static let slotCount = 26 * 26
  /// The neighbours of slot `s` are `neighbourSlots[starts[s]..<starts[s + 1]]`.
  private var starts = [Int32](repeating: 0, count: slotCount + 1)
  private var neighbourSlots: [UInt16] = []

  /// The slot of a country code as ``EntryFacts/countryCode`` stores it, or -1 when the
  /// code is not two upper-case ASCII letters.
  @inline(__always)
  static func slot(_ code: UInt16) -> Int {
    let first = Int(code >> 8) &- 65
    let second = Int(code & 0xFF) &- 65
    guard first >= 0, first < 26, second >= 0, second < 26 else { return -1 }
    return first * 26 + second
  }

  /// No neighbours.
  init() {}

  /// Reads the neighbours of every country entry of `store`; the last entry of a country
  /// wins. Codes that are not two capital letters are skipped.
  init(store: GazetteerStore) {
    var lists = [[UInt16]](repeating: [], count: Self.slotCount)
    let placeLabel = store.labels.firstIndex(of: .place).map(UInt16.init)
    var countries: [Int] = []
    store.facts.forEachDroppingReadPages { index, facts in
      if facts.placeKind == .country { countries.append(index) }
    }
    for index in countries {
      guard let placeLabel, store.labelIndices[index] == placeLabel else { continue }
      let own = Self.slot(store.facts[index].countryCode)
      guard own >= 0, let text = store.entry(at: index).attributes["neighbours"] else { continue }
      lists[own] = text.split(separator: ",").compactMap { code in
        let slot = Self.slot(EntryFacts.countryCode(Array(code.utf8)))
        return slot >= 0 ? UInt16(slot) : nil
      }
    }
    // Neighbours are mutual: a country missing from the list (Kosovo) still neighbours
    // those that list it.
    for slot in 0..<Self.slotCount {
      for neighbour in lists[slot] where !lists[Int(neighbour)].contains(UInt16(slot)) {
        lists[Int(neighbour)].append(UInt16(slot))
      }
    }
    for slot in 0..<Self.slotCount {
      neighbourSlots.append(contentsOf: lists[slot])
      starts[slot + 1] = Int32(neighbourSlots.count)
    }
  }

  /// The support of the neighbours of country `slot` in `counts`, less `amount` at slot
  /// `excluded` (the caller's own contribution).
  @inline(__always)
  func support(
    ofNeighboursOf slot: Int, in counts: CountryCounts, excluding excluded: Int, amount: Float
  ) -> Float {
    var total: Float = 0
    var position = Int(starts[slot])
    let end = Int(starts[slot + 1])
    while position < end {
      let neighbour = Int(neighbourSlots[position])
      total += counts[neighbour].support - (neighbour == excluded ? amount : 0)
      position += 1
    }
    return total
  }
}

/// What one document's places say about each country (by ``CountryNeighbours/slot(_:)``):
/// open addressing over the few countries a document names, so a document costs a table
/// of a few dozen slots rather than one of 676.
struct CountryCounts {
  /// The support of one country.
  struct Counts {
    /// From places in it (not countries or nationalities).
    var places: Float = 0
    /// From places, the country named and its nationality.
    var support: Float = 0
    /// From its subdivisions.
    var subdivisions: Float = 0
  }

  /// The slots, or -1 for a free one; at least twice as many as slots added.
  private var keys: [Int16]
  private var values: [Counts]

  /// No table at all, to be replaced by one made with ``init(capacity:)`` before use.
  init() {
    keys = []
    values = []
  }

  /// An empty table for at most `capacity` distinct countries.
  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    keys = [Int16](repeating: -1, count: size)
    values = [Counts](repeating: Counts(), count: size)
  }

  /// The index of `slot`'s entry, or of the free entry where it goes.
  @inline(__always)
  private func index(of slot: Int) -> Int {
    let mask = keys.count - 1
    var index = (slot &* 0x9E37) & mask
    while keys[index] != Int16(slot) && keys[index] != -1 { index = (index + 1) & mask }
    return index
  }

  /// The counts of country `slot` (zero when it has none).
  @inline(__always)
  subscript(slot: Int) -> Counts {
    let index = index(of: slot)
    return keys[index] == -1 ? Counts() : values[index]
  }

  /// Adds to the counts of country `slot`.
  mutating func add(_ slot: Int, places: Float, support: Float, subdivisions: Float) {
    let index = index(of: slot)
    keys[index] = Int16(slot)
    values[index].places += places
    values[index].support += support
    values[index].subdivisions += subdivisions
  }
}

/// Weighted counts of nonzero 32-bit keys gathered for one document (admin1 keys of its
/// places): open addressing with one multiplication per lookup, sized once for all its
/// keys, so no `Hasher` and no regrowth.
struct DocumentCounts {
  /// The keys, or 0 for a free slot; at least twice as many slots as keys.
  private var keys: [UInt32]
  private var counts: [Float]
  /// How far a key's product is shifted right to give its first slot.
  private let shift: UInt64

  /// No table at all, to be replaced by one made with ``init(capacity:)`` before use.
  init() {
    keys = []
    counts = []
    shift = 0
  }

  /// An empty table for at most `capacity` distinct keys.
  init(capacity: Int) {
    var bits = 4
    while 1 << bits < 2 * capacity { bits += 1 }
    keys = [UInt32](repeating: 0, count: 1 << bits)
    counts = [Float](repeating: 0, count: 1 << bits)
    shift = UInt64(64 - bits)
  }

  /// The slot where the search for `key` starts.
  @inline(__always)
  private func firstSlot(_ key: UInt32) -> Int {
    Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// Adds `count` (which may be negative) to the count of `key`; 0 is never a key.
  mutating func add(_ key: UInt32, count: Float) {
    guard key != 0 else { return }
    let mask = keys.count - 1
    var slot = firstSlot(key)
    while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
    keys[slot] = key
    counts[slot] += count
  }

  /// The total added for `key`.
  @inline(__always)
  func count(_ key: UInt32) -> Float {
    guard key != 0 else { return 0 }
    let mask = keys.count - 1
    var slot = firstSlot(key)
    while true {
      let found = keys[slot]
      if found == key { return counts[slot] }
      if found == 0 { return 0 }
      slot = (slot + 1) & mask
    }
  }
}

/// The key of an admin1 in ``DocumentCounts``: its name's hash and its country, so that
/// Punjab (Pakistan) and Punjab (India) differ; 0 when there is no admin1.
@inline(__always)
func admin1Key(_ facts: EntryFacts) -> UInt32 {
  guard facts.admin1Hash != 0 else { return 0 }
  return max(1, facts.admin1Hash ^ (UInt32(facts.countryCode) &* 0x9E37_79B1))
}

/// Distances between points, approximated on a sphere by the equirectangular projection
/// at the first point's latitude: within a few percent up to 1,500 km, which is all the
/// distance bands of the place rules need.
enum PlaceDistance {
  /// Kilometres per degree of latitude.
  static let kilometresPerDegree = 111.2

  /// The squared distance in km² from an anchor (with `cosine` the cosine of its
  /// latitude) to a point.
  @inline(__always)
  static func squaredKilometres(
    fromLatitude latitude: Double, longitude: Double, cosine: Double,
    toLatitude otherLatitude: Double, longitude otherLongitude: Double
  ) -> Double {
    var deltaLongitude = otherLongitude - longitude
    if deltaLongitude > 180 {
      deltaLongitude -= 360
    } else if deltaLongitude < -180 {
      deltaLongitude += 360
    }
    let x = deltaLongitude * cosine * kilometresPerDegree
    let y = (otherLatitude - latitude) * kilometresPerDegree
    return x * x + y * y
  }

  /// The cosine of a latitude in degrees.
  static func cosine(ofLatitude latitude: Double) -> Double {
    // A Taylor series would do; the standard library's cos needs Foundation on Linux.
    let radians = latitude * .pi / 180
    let square = radians * radians
    // cos x to the x^10 term: error below 1e-4 for |x| ≤ π/2.
    return 1 - square / 2
      * (1 - square / 12 * (1 - square / 30 * (1 - square / 56 * (1 - square / 90))))
  }
}
