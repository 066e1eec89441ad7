#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes plain values and arrays of plain values to a file, as they are in memory.
///
/// Used for the compiled-gazetteer cache: arrays are written whole and read back
/// straight into new arrays, with no intermediate copy of the file.
struct BinaryWriter {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private(set) var failed = false

  /// Writes to an open file descriptor, which the caller closes.
  init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(1 << 20)
  }

  mutating func write<T: BitwiseCopyable>(_ value: T) {
    withUnsafeBytes(of: value) { append($0) }
  }

  mutating func write<T: BitwiseCopyable>(_ array: [T]) {
    write(Int64(array.count))
    array.withUnsafeBytes { append($0) }
  }

  mutating func write(_ string: String) {
    write(Array(string.utf8))
  }

  private mutating func append(_ bytes: UnsafeRawBufferPointer) {
    if buffer.count + bytes.count > (1 << 20) { flush() }
    if bytes.count > (1 << 20) {
      writeAll(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Writes what is buffered; call once at the end.
  mutating func flush() {
    let pending = buffer
    pending.withUnsafeBytes { writeAll($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count && !failed {
      guard let base = bytes.baseAddress else { return }
      let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
      if written <= 0 { failed = true } else { offset += written }
    }
  }
}

/// Reads what a ``BinaryWriter`` wrote, from a file, checking every length against the
/// file's size.
struct BinaryReader {
  struct Malformed: Error {}

  private let descriptor: Int32
  private var remaining: Int

  /// Reads from an open file descriptor of a file of `size` bytes; the caller closes it.
  init(descriptor: Int32, size: Int) {
    self.descriptor = descriptor
    self.remaining = size
  }

  var isAtEnd: Bool { remaining == 0 }

  private mutating func readExactly(into pointer: UnsafeMutableRawPointer, count: Int) throws(Malformed) {
    guard count <= remaining else { throw Malformed() }
    var offset = 0
    while offset < count {
      let got = Glibc.read(descriptor, pointer + offset, count - offset)
      guard got > 0 else { throw Malformed() }
      offset += got
    }
    remaining -= count
  }

  mutating func read<T: BitwiseCopyable>(_: T.Type = T.self) throws(Malformed) -> T {
    var bytes = (UInt64(0), UInt64(0))
    guard MemoryLayout<T>.size <= MemoryLayout.size(ofValue: bytes) else { throw Malformed() }
    try withUnsafeMutableBytes(of: &bytes) { (raw) throws(Malformed) in
      guard let base = raw.baseAddress else { throw Malformed() }
      try readExactly(into: base, count: MemoryLayout<T>.size)
    }
    return withUnsafeBytes(of: bytes) { $0.loadUnaligned(as: T.self) }
  }

  mutating func readArray<T: BitwiseCopyable>(_: T.Type = T.self) throws(Malformed) -> [T] {
    let count = Int(try read(Int64.self))
    let stride = MemoryLayout<T>.stride
    guard count >= 0, count <= remaining / max(stride, 1) else { throw Malformed() }
    var failure: Malformed?
    let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      do {
        if let base = buffer.baseAddress, count > 0 {
          try readExactly(into: UnsafeMutableRawPointer(base), count: count * stride)
        }
        initialized = count
      } catch {
        failure = Malformed()
        initialized = 0
      }
    }
    if let failure { throw failure }
    return array
  }

  mutating func readString() throws(Malformed) -> String {
    String(decoding: try readArray(UInt8.self), as: UTF8.self)
  }
}

/// A 64-bit hash of bytes, eight at a time: for cache keys, not for security.
func fastHash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
  var hash = seed ^ UInt64(bytes.count)
  guard let base = bytes.baseAddress else { return hash }
  var index = 0
  while index + 8 <= bytes.count {
    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 32
    index += 8
  }
  while index < bytes.count {
    hash = (hash ^ UInt64(bytes[index])) &* 0xC4CE_B9FE_1A85_EC53
    index += 1
  }
  return hash ^ (hash >> 29)
}
