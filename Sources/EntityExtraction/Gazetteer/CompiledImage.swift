#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled-gazetteer file, mapped read-only: tables are read where they lie in it.
///
/// Layout (little-endian, every section 16-byte aligned):
///
/// | bytes | what |
/// |---|---|
/// | 0–7 | magic `EEXGAZC1` |
/// | 8–11 | format version |
/// | 12–15 | section count |
/// | 16–23 | file size |
/// | 24–31 | checksum of every byte after the header (``ContentHasher``) |
/// | 32–63 | reserved, 0 |
/// | 64… | directory: per section a tag, an element size, an offset and a count (24 bytes) |
/// | … | the sections |
///
/// Opening checks the magic, the version, the size against the file's, the checksum,
/// and that every section lies inside the file, is aligned for its elements and has the
/// element size its reader expects: a truncated, corrupted or foreign file is refused
/// with the reason, never read. The checksum is computed a few megabytes at a time, each
/// part released from memory after it is read, so that it costs no resident memory.
final class CompiledImage: TableOwner, @unchecked Sendable {
  /// Why a file cannot be used.
  struct Unusable: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  struct Section {
    var tag: UInt32
    var elementSize: UInt32
    var offset: UInt64
    var count: UInt64
  }

  static let magic: UInt64 = 0x3143_5A41_4758_4545  // "EEXGAZC1", little-endian
  static let headerSize = 64
  static let directoryEntrySize = 24
  static let alignment = 16

  let base: UnsafeRawPointer
  let size: Int
  let formatVersion: UInt32
  private let sections: [UInt32: Section]
  private let mapped: Bool

  /// Maps the file at `path` and checks it (see the type's discussion).
  ///
  /// - Throws: ``Unusable`` saying what is wrong; a missing file is
  ///   `POSIXError`-like `Unusable` with `isMissing`.
  init(mapping path: String, expectedVersion: UInt32) throws(Unusable) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw Unusable("cannot open (\(String(cString: strerror(errno))))") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw Unusable("cannot stat") }
    let size = Int(status.st_size)
    guard size >= Self.headerSize else { throw Unusable("truncated: \(size) bytes") }
    guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
      throw Unusable("cannot map (\(String(cString: strerror(errno))))")
    }
    let base = UnsafeRawPointer(pointer)
    do {
      let sections = try Self.check(base: base, size: size, expectedVersion: expectedVersion, releasing: true)
      self.base = base
      self.size = size
      self.sections = sections
      self.formatVersion = expectedVersion
      self.mapped = true
    } catch {
      munmap(pointer, size)
      throw error
    }
  }

  deinit {
    if mapped { munmap(UnsafeMutableRawPointer(mutating: base), size) }
  }

  /// Checks header, checksum and directory; returns the sections by tag.
  private static func check(base: UnsafeRawPointer, size: Int, expectedVersion: UInt32, releasing: Bool)
    throws(Unusable) -> [UInt32: Section]
  {
    func load<T: BitwiseCopyable>(_ offset: Int, _: T.Type) -> T { base.loadUnaligned(fromByteOffset: offset, as: T.self) }
    guard UInt64(littleEndian: load(0, UInt64.self)) == magic else { throw Unusable("not a compiled-gazetteer file") }
    let version = UInt32(littleEndian: load(8, UInt32.self))
    guard version == expectedVersion else {
      throw Unusable("format version \(version), this build reads version \(expectedVersion)")
    }
    let count = Int(UInt32(littleEndian: load(12, UInt32.self)))
    let recordedSize = UInt64(littleEndian: load(16, UInt64.self))
    guard recordedSize == UInt64(size) else { throw Unusable("truncated: \(size) of \(recordedSize) bytes") }
    guard headerSize + count * directoryEntrySize <= size else { throw Unusable("directory past the end") }
    var hasher = ContentHasher()
    hasher.update(UnsafeRawBufferPointer(start: base + headerSize, count: size - headerSize), releasing: releasing)
    guard hasher.finish() == UInt64(littleEndian: load(24, UInt64.self)) else {
      throw Unusable("checksum mismatch (corrupted)")
    }
    var sections: [UInt32: Section] = [:]
    for index in 0..<count {
      let at = headerSize + index * directoryEntrySize
      let section = Section(
        tag: UInt32(littleEndian: load(at, UInt32.self)), elementSize: UInt32(littleEndian: load(at + 4, UInt32.self)),
        offset: UInt64(littleEndian: load(at + 8, UInt64.self)), count: UInt64(littleEndian: load(at + 16, UInt64.self)))
      let (bytes, overflow) = section.count.multipliedReportingOverflow(by: UInt64(section.elementSize))
      guard !overflow, section.offset % UInt64(alignment) == 0, section.offset <= UInt64(size),
        bytes <= UInt64(size) - section.offset, sections[section.tag] == nil
      else { throw Unusable("section \(section.tag) out of bounds") }
      sections[section.tag] = section
    }
    return sections
  }

  /// The table stored under `tag`.
  ///
  /// - Throws: ``Unusable`` when there is no such section or its elements are not `T`s.
  func table<T: BitwiseCopyable>(_ tag: UInt32, of _: T.Type = T.self) throws(Unusable) -> Table<T> {
    guard let section = sections[tag] else { throw Unusable("section \(tag) missing") }
    guard Int(section.elementSize) == MemoryLayout<T>.stride, Int(section.offset) % MemoryLayout<T>.alignment == 0
    else { throw Unusable("section \(tag) has elements of \(section.elementSize) bytes") }
    return Table(unsafeBase: section.count == 0 ? nil : base + Int(section.offset), count: Int(section.count), owner: self)
  }

  /// Whether `isValid` holds for every element of `table`, checked a megabyte at a time,
  /// each part dropped from this process's memory once checked (`MADV_DONTNEED`; later
  /// reads fault it in again from the page cache): checking a whole table at open costs
  /// no resident memory.
  func allSatisfy<T: BitwiseCopyable>(_ table: Table<T>, _ isValid: (T) -> Bool) -> Bool {
    allChunksSatisfy(table) { chunk in
      for element in chunk where !isValid(element) { return false }
      return true
    }
  }

  /// Whether every element of `table` satisfies `isValid`, as ``allSatisfy(_:_:)`` but
  /// without stopping at the first failure: a loop with no exit but its end, which the
  /// compiler can vectorise, for the checks of tables of millions of elements.
  @inline(__always)
  func everySatisfies<T: BitwiseCopyable>(_ table: Table<T>, _ isValid: (T) -> Bool) -> Bool {
    allChunksSatisfy(table) { chunk in
      var failures: UInt32 = 0
      for element in chunk { failures |= isValid(element) ? 0 : 1 }
      return failures == 0
    }
  }

  /// Whether the elements of `table` never decrease (an ascending table of starts).
  func isNondecreasing<T: BitwiseCopyable & Comparable>(_ table: Table<T>) -> Bool {
    var previous: T?
    return allChunksSatisfy(table) { chunk in
      guard let first = chunk.first, previous.map({ $0 <= first }) ?? true else { return false }
      var failures: UInt32 = 0
      for index in 1..<chunk.count { failures |= chunk[index - 1] <= chunk[index] ? 0 : 1 }
      previous = chunk.last
      return failures == 0
    }
  }

  /// Calls `check` with each megabyte of `table` in turn, until one fails; each part is
  /// dropped from this process's memory once checked (see ``allSatisfy(_:_:)``).
  @inline(__always)
  func allChunksSatisfy<T: BitwiseCopyable>(
    _ table: Table<T>, _ check: (UnsafeBufferPointer<T>) -> Bool
  ) -> Bool {
    table.withUnsafeBufferPointer { buffer in
      let step = max(1, (1 << 20) / MemoryLayout<T>.stride)
      var start = 0
      while start < buffer.count {
        let end = min(buffer.count, start + step)
        guard check(UnsafeBufferPointer(rebasing: buffer[start..<end])) else { return false }
        if let base = buffer.baseAddress {
          Self.release(UnsafeRawPointer(base + start), byteCount: (end - start) * MemoryLayout<T>.stride)
        }
        start = end
      }
      return true
    }
  }

  /// Drops the whole pages of a range of a read-only mapping from this process's memory.
  static func release(_ pointer: UnsafeRawPointer, byteCount: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: pointer) + page - 1) / page * page
    let end = (Int(bitPattern: pointer) + byteCount) / page * page
    if end > start, let first = UnsafeMutableRawPointer(bitPattern: start) {
      madvise(first, end - start, Int32(MADV_DONTNEED))
    }
  }

  /// The one value stored under `tag`.
  func scalar<T: BitwiseCopyable>(_ tag: UInt32, of _: T.Type = T.self) throws(Unusable) -> T {
    let values: Table<T> = try table(tag)
    guard values.count == 1 else { throw Unusable("section \(tag) is not one value") }
    return values[0]
  }

  /// The strings stored under `tag` (see ``ImageWriter/addStrings(_:_:)``).
  func strings(_ tag: UInt32) throws(Unusable) -> [String] {
    let bytes: Table<UInt8> = try table(tag)
    let ends: Table<UInt32> = try table(tag | 0x8000_0000)
    var strings: [String] = []
    strings.reserveCapacity(ends.count)
    var start = 0
    for end in ends {
      guard Int(end) >= start, Int(end) <= bytes.count else { throw Unusable("section \(tag) has a bad string") }
      strings.append(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(end)]), as: UTF8.self) })
      start = Int(end)
    }
    return strings
  }
}

/// Writes a compiled-gazetteer file: sections added by tag, then ``write(to:version:)``.
struct ImageWriter {
  private struct Pending {
    var tag: UInt32
    var elementSize: Int
    var count: Int
    var write: (inout Output) -> Void
  }
  private var pending: [Pending] = []

  /// Adds a table of plain values.
  mutating func add<T: BitwiseCopyable>(_ tag: UInt32, _ table: Table<T>) {
    precondition(!pending.contains { $0.tag == tag }, "section tag used twice")
    pending.append(Pending(tag: tag, elementSize: MemoryLayout<T>.stride, count: table.count) { output in
      table.withUnsafeBytes { output.append($0) }
    })
  }

  /// Adds an array of plain values.
  mutating func add<T: BitwiseCopyable>(_ tag: UInt32, _ array: [T]) {
    add(tag, Table(array))
  }

  /// Adds one value.
  mutating func add<T: BitwiseCopyable>(_ tag: UInt32, scalar value: T) {
    add(tag, [value])
  }

  /// Adds strings: their bytes back to back under `tag`, and where each ends under
  /// `tag | 0x8000_0000`.
  mutating func addStrings(_ tag: UInt32, _ strings: [String]) {
    var bytes: [UInt8] = []
    var ends: [UInt32] = []
    for string in strings {
      bytes.append(contentsOf: string.utf8)
      ends.append(UInt32(bytes.count))
    }
    add(tag, bytes)
    add(tag | 0x8000_0000, ends)
  }

  /// A file being written, hashed as it goes.
  struct Output {
    let descriptor: Int32
    var hasher = ContentHasher()
    var written = 0
    var failed = false
    var buffer: [UInt8] = []

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
      hasher.update(bytes, releasing: false)
      written += bytes.count
      if buffer.count + bytes.count > 1 << 20 { flush() }
      if bytes.count > 1 << 20 { writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    mutating func pad(to alignment: Int) {
      let padding = (alignment - written % alignment) % alignment
      if padding > 0 { [UInt8](repeating: 0, count: padding).withUnsafeBytes { append($0) } }
    }

    mutating func flush() {
      let pending = buffer
      pending.withUnsafeBytes { writeAll($0) }
      buffer.removeAll(keepingCapacity: true)
    }

    mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
      var offset = 0
      while offset < bytes.count && !failed {
        guard let base = bytes.baseAddress else { return }
        let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if count <= 0 { failed = true } else { offset += count }
      }
    }
  }

  /// Writes the file to `path`; returns `false` when a write failed.
  func write(toDescriptor descriptor: Int32, version: UInt32) -> Bool {
    // Offsets first: the directory precedes the sections.
    var offset = CompiledImage.headerSize + pending.count * CompiledImage.directoryEntrySize
    var offsets: [Int] = []
    for section in pending {
      offset = (offset + CompiledImage.alignment - 1) / CompiledImage.alignment * CompiledImage.alignment
      offsets.append(offset)
      offset += section.elementSize * section.count
    }
    let size = offset
    var output = Output(descriptor: descriptor)
    // Room for the header, written last with the checksum.
    let header = [UInt8](repeating: 0, count: CompiledImage.headerSize)
    header.withUnsafeBytes { output.writeAll($0) }
    output.written = CompiledImage.headerSize
    for (index, section) in pending.enumerated() {
      var entry: (UInt32, UInt32, UInt64, UInt64) = (
        section.tag.littleEndian, UInt32(section.elementSize).littleEndian, UInt64(offsets[index]).littleEndian,
        UInt64(section.count).littleEndian
      )
      withUnsafeBytes(of: &entry) { output.append($0) }
    }
    for section in pending {
      output.pad(to: CompiledImage.alignment)
      section.write(&output)
    }
    output.flush()
    guard !output.failed, output.written == size else { return false }
    var head: (UInt64, UInt32, UInt32, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
      CompiledImage.magic.littleEndian, version.littleEndian, UInt32(pending.count).littleEndian,
      UInt64(size).littleEndian, output.hasher.finish().littleEndian, 0, 0, 0, 0
    )
    return withUnsafeBytes(of: &head) { bytes in
      bytes.count == CompiledImage.headerSize && pwrite(descriptor, bytes.baseAddress, bytes.count, 0) == bytes.count
    }
  }
}

/// A fast 64-bit checksum of bytes, four words at a time in four lanes: it catches
/// truncation and corruption, not tampering.
struct ContentHasher {
  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
    0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
  )
  private var pending: [UInt8] = []
  private var total: UInt64 = 0

  @inline(__always)
  private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    let value = (lane ^ word) &* 0xFF51_AFD7_ED55_8CCD
    return (value << 31) | (value >> 33)
  }

  /// Adds bytes. With `releasing`, the bytes are a read-only file mapping: each few
  /// megabytes are dropped from this process's memory once read (`MADV_DONTNEED`).
  mutating func update(_ bytes: UnsafeRawBufferPointer, releasing: Bool) {
    guard var base = bytes.baseAddress, !bytes.isEmpty else { return }
    var count = bytes.count
    total &+= UInt64(count)
    // Complete a pending block first.
    if !pending.isEmpty {
      let take = min(32 - pending.count, count)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
      base += take
      count -= take
      if pending.count == 32 {
        let block = pending
        pending = []
        block.withUnsafeBytes { consume($0.baseAddress.unsafelyUnwrapped, 32) }
      }
    }
    let whole = count / 32 * 32
    let chunk = 4 << 20
    var done = 0
    while done < whole {
      let length = min(chunk, whole - done)
      consume(base + done, length)
      if releasing { CompiledImage.release(UnsafeRawPointer(base + done), byteCount: length) }
      done += length
    }
    if whole < count { pending.append(contentsOf: UnsafeRawBufferPointer(start: base + whole, count: count - whole)) }
  }

  private mutating func consume(_ base: UnsafeRawPointer, _ count: Int) {
    var (a, b, c, d) = lanes
    var offset = 0
    while offset < count {
      a = Self.mix(a, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      b = Self.mix(b, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
      c = Self.mix(c, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
      d = Self.mix(d, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
      offset += 32
    }
    lanes = (a, b, c, d)
  }

  /// The checksum of everything added.
  func finish() -> UInt64 {
    var (a, b, c, d) = lanes
    var tail = pending
    tail.append(contentsOf: repeatElement(0, count: 32 - tail.count % 32))
    if pending.isEmpty { tail = [] }
    tail.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        a = Self.mix(a, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        b = Self.mix(b, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        c = Self.mix(c, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
        d = Self.mix(d, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        offset += 32
      }
    }
    var hash = total &* 0x9E37_79B9_7F4A_7C15
    for lane in [a, b, c, d] { hash = Self.mix(hash, lane) }
    return hash ^ (hash >> 29)
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
