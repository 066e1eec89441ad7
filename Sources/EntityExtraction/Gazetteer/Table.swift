/// Keeps the memory of tables alive: an owned buffer, or a mapped compiled file.
class TableOwner: @unchecked Sendable {}

/// The memory of an owned table: allocated, with room to grow.
final class TableBuffer<Element: BitwiseCopyable>: TableOwner, @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }
}

/// A fixed-layout array of plain values, read in place: either a slice of a mapped
/// compiled-gazetteer file (see ``CompiledImage``) or memory of its own.
///
/// Reads cost what an `UnsafeBufferPointer`'s do, plus a bounds check: a table read from a
/// file is never read outside its section, whatever the file says. Writing to a table
/// that is mapped, or shared with another copy, first copies it into memory of its own
/// (copy on write, as for `Array`).
struct Table<Element: BitwiseCopyable>: @unchecked Sendable, RandomAccessCollection {
  private var base: UnsafePointer<Element>?
  /// The number of elements.
  private(set) var count: Int
  /// How many elements the memory holds when the table owns it (a ``TableBuffer``); 0
  /// for mapped memory, which is never written.
  private var capacity: Int
  /// Keeps `base` valid.
  private var owner: TableOwner?

  /// An empty table.
  init() {
    base = nil
    count = 0
    capacity = 0
    owner = nil
  }

  /// A table with the elements of `array`, in memory of its own.
  init(_ array: [Element]) {
    self.init()
    let buffer = TableBuffer<Element>(capacity: array.count)
    array.withUnsafeBufferPointer { source in
      if let from = source.baseAddress { buffer.base.initialize(from: from, count: source.count) }
    }
    base = UnsafePointer(buffer.base)
    count = array.count
    capacity = buffer.capacity
    owner = buffer
  }

  /// A table of `count` copies of `value`.
  init(repeating value: Element, count: Int) {
    self.init()
    let buffer = TableBuffer<Element>(capacity: count)
    buffer.base.initialize(repeating: value, count: count)
    base = UnsafePointer(buffer.base)
    self.count = count
    capacity = buffer.capacity
    owner = buffer
  }

  /// A table over memory that `owner` keeps alive and nobody writes.
  ///
  /// - Precondition: `base` is aligned for `Element` and `count` elements are readable.
  init(unsafeBase base: UnsafeRawPointer?, count: Int, owner: TableOwner) {
    self.base = base?.assumingMemoryBound(to: Element.self)
    self.count = base == nil ? 0 : count
    self.capacity = 0
    self.owner = owner
  }

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  subscript(position: Int) -> Element {
    @inline(__always) get {
      precondition(position >= 0 && position < count, "table index out of range")
      return base.unsafelyUnwrapped[position]
    }
    set {
      precondition(position >= 0 && position < count, "table index out of range")
      makeWritable(minimumCapacity: count).pointer[position] = newValue
    }
  }

  /// Calls `body` with the elements as a buffer.
  @inline(__always)
  func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Calls `body` with the table's bytes.
  func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    body(UnsafeRawBufferPointer(UnsafeBufferPointer(start: base, count: count)))
  }

  /// Appends an element.
  mutating func append(_ element: Element) {
    let pointer = makeWritable(minimumCapacity: count + 1).pointer
    (pointer + count).initialize(to: element)
    count += 1
  }

  /// Appends the elements of a buffer, which may lie in this table's own memory.
  mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
    guard let from = elements.baseAddress, !elements.isEmpty else { return }
    let (pointer, previous) = makeWritable(minimumCapacity: count + elements.count)
    // The memory given up, kept until the elements are copied out of it.
    withExtendedLifetime(previous) {
      (pointer + count).initialize(from: from, count: elements.count)
    }
    count += elements.count
  }

  /// Appends `count` copies of `value`.
  mutating func append(repeating value: Element, count added: Int) {
    guard added > 0 else { return }
    let pointer = makeWritable(minimumCapacity: count + added).pointer
    (pointer + count).initialize(repeating: value, count: added)
    count += added
  }

  /// Calls `body` with each element and its position, in order. A mapped table's pages
  /// are dropped from this process's memory a megabyte at a time once read (see
  /// ``CompiledImage/allSatisfy(_:_:)``): a pass over a whole table at start-up costs no
  /// resident memory.
  func forEachDroppingReadPages(_ body: (Int, Element) -> Void) {
    let image = owner as? CompiledImage
    _ = withUnsafeBufferPointer { buffer in
      var position = 0
      if let image {
        return image.allSatisfy(self) { element in
          body(position, element)
          position += 1
          return true
        }
      }
      for element in buffer {
        body(position, element)
        position += 1
      }
      return true
    }
  }

  /// The elements, as an array.
  var array: [Element] { withUnsafeBufferPointer { Array($0) } }

  /// Makes the memory this table's own and large enough, and returns it for writing,
  /// with the owner of the memory the table gave up for it, if it moved (still alive for
  /// as long as the caller keeps it: a copy of other tables', or freed once released).
  private mutating func makeWritable(minimumCapacity: Int) -> (
    pointer: UnsafeMutablePointer<Element>, previous: TableOwner?
  ) {
    if capacity >= minimumCapacity, isKnownUniquelyReferenced(&owner), let base {
      return (UnsafeMutablePointer(mutating: base), nil)
    }
    let buffer = TableBuffer<Element>(capacity: Swift.max(minimumCapacity, 16, capacity * 2))
    if let base, count > 0 { buffer.base.initialize(from: base, count: count) }
    let previous = owner
    base = UnsafePointer(buffer.base)
    capacity = buffer.capacity
    owner = buffer
    return (buffer.base, previous)
  }
}
