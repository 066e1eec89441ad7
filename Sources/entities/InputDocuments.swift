import Foundation

/// One document to annotate, as read from the inputs.
struct InputDocument {
  enum Content {
    /// A whole text file (or standard input) as bytes.
    case text([UInt8])
    /// One line of a JSONL input, as bytes, with its 1-based line number.
    case jsonLine([UInt8], line: Int)
    /// A JSONL line too long to annotate, skipped without being kept: its size in
    /// bytes and its line number.
    case oversizedLine(bytes: Int, line: Int)
    /// The input could not be read.
    case unreadable(String)
  }

  /// The ID for text inputs: the path as given (or "-" for standard input).
  var id: String
  var content: Content

  /// The size in bytes, for batching.
  var byteCount: Int {
    switch content {
    case .text(let bytes), .jsonLine(let bytes, _): return bytes.count
    case .unreadable, .oversizedLine: return 0
    }
  }

  /// The input bytes the document used up, its line break included, for progress.
  var inputByteCount: Int {
    if case .jsonLine(let bytes, _) = content { return bytes.count + 1 }
    if case .oversizedLine(let bytes, _) = content { return bytes + 1 }
    return byteCount
  }
}

/// Reads the inputs of `annotate` one document at a time, in order, holding at most one
/// chunk of a JSONL file in memory.
struct InputReader {
  enum Format: String, CaseIterable { case text, jsonl }

  /// The inputs not yet read, the next last, once directories are expanded.
  private var pending: [InputPath]
  private let format: Format
  private let fileExtension: String
  private var lineReader: LineReader?
  private var lineReaderID = ""
  private var expanded = false

  /// Text files larger than this are refused without being read.
  private let maximumDocumentBytes: Int

  init(paths: [String], format: Format, fileExtension: String, maximumDocumentBytes: Int = .max) {
    self.pending = (paths.isEmpty ? ["-"] : paths).map(InputPath.path)
    self.format = format
    self.fileExtension = fileExtension
    self.maximumDocumentBytes = maximumDocumentBytes
  }

  /// Expands a directory into its matching files and the entries it could not use (see
  /// ``DirectoryWalk``); any other path, standard input included, stays as given.
  private static func expand(_ input: InputPath, fileExtension: String) -> [InputPath] {
    guard case .path(let path) = input, path != "-" else { return [input] }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return [input] }
    return DirectoryWalk.inputs(under: path, fileExtension: fileExtension)
  }

  private mutating func expandOnce() {
    guard !expanded else { return }
    pending = pending.flatMap { Self.expand($0, fileExtension: fileExtension) }
    pending.reverse()
    expanded = true
  }

  /// The total size of the inputs in bytes, from the file system, or `nil` when standard
  /// input is one of them. Call it before the first ``next()``.
  mutating func totalByteCount() -> Int? {
    expandOnce()
    var total = 0
    for case .path(let path) in pending {
      if path == "-" { return nil }
      var status = stat()
      if stat(path, &status) == 0 { total += Int(status.st_size) }
    }
    return total
  }

  /// Returns the next document, or `nil` when every input has been read.
  mutating func next() -> InputDocument? {
    expandOnce()
    while true {
      if var reader = lineReader {
        let line = reader.nextLine()
        lineReader = reader
        switch line {
        case .line(let bytes, let number):
          return InputDocument(id: lineReaderID, content: .jsonLine(bytes, line: number))
        case .oversized(let bytes, let number):
          return InputDocument(id: lineReaderID, content: .oversizedLine(bytes: bytes, line: number))
        case .failed(let message):
          lineReader = nil
          return InputDocument(id: lineReaderID, content: .unreadable(message))
        case .end:
          lineReader = nil
        }
      }
      guard let input = pending.popLast() else { return nil }
      let path: String
      switch input {
      case .unreadable(let unusable, let reason):
        return InputDocument(id: unusable, content: .unreadable(reason))
      case .path(let readable):
        path = readable
      }
      switch format {
      case .jsonl:
        switch LineReader.open(path, maximumLineBytes: maximumJSONLineBytes(forDocuments: maximumDocumentBytes)) {
        case .success(let reader):
          lineReader = reader
          lineReaderID = path
        case .failure(let message):
          return InputDocument(id: path, content: .unreadable(message.description))
        }
      case .text:
        return Self.readWhole(path, maximumBytes: maximumDocumentBytes)
      }
    }
  }

  private static func readWhole(_ path: String, maximumBytes: Int) -> InputDocument {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return InputDocument(id: "-", content: .text([UInt8](data)))
    }
    // open, fstat, read and close, straight into the document's bytes: Foundation's
    // attributes and Data cost about ten times more per file, which counts on a
    // directory of thousands of short articles.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return InputDocument(id: path, content: .unreadable(describe(errno: errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      return InputDocument(id: path, content: .unreadable(describe(errno: errno)))
    }
    if status.st_mode & S_IFMT == S_IFDIR { return InputDocument(id: path, content: .unreadable("is a directory")) }
    let size = Int(status.st_size)
    if size > maximumBytes {
      // Said without reading it: a huge file must not fill memory to be refused.
      return InputDocument(id: path, content: .unreadable(tooLargeMessage(size, limit: maximumBytes)))
    }
    // One byte more than the size, so that the read that finds the end needs no growth; a
    // file that grows meanwhile is read to its end all the same.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var filled = 0
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
      let got = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return InputDocument(id: path, content: .unreadable(describe(errno: errno)))
      }
      if got == 0 { break }
      filled += got
      if filled > maximumBytes {
        return InputDocument(id: path, content: .unreadable(tooLargeMessage(filled, limit: maximumBytes)))
      }
    }
    bytes.removeSubrange(filled...)
    return InputDocument(id: path, content: .text(bytes))
  }
}

/// A short reason for a failed open or read, in the words of ``describe(_:path:)``.
func describe(errno code: Int32) -> String {
  switch code {
  case ENOENT, ENOTDIR: "no such file"
  case EISDIR: "is a directory"
  case EACCES, EPERM: "permission denied"
  default: "cannot read file (\(String(cString: strerror(code))))"
  }
}

/// The error for a document over `--max-document-mb`.
func tooLargeMessage(_ bytes: Int, limit: Int) -> String {
  "document too large (\(bytes) bytes; the limit is \(limit >> 20) MB, see --max-document-mb)"
}

/// The longest JSONL line read for a document limit: the text plus 64 KB for the other
/// members and JSON escapes. Longer lines are refused without being parsed.
func maximumJSONLineBytes(forDocuments limit: Int) -> Int {
  limit > Int.max - (64 << 10) ? Int.max : limit + (64 << 10)
}

/// A short reason for a file error, without Foundation's long domain text.
func describe(_ error: Error, path: String) -> String {
  var isDirectory: ObjCBool = false
  if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
    return "no such file"
  }
  if isDirectory.boolValue { return "is a directory" }
  if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
  return "cannot read file (\((error as NSError).localizedDescription))"
}

/// Reads a file (or standard input) line by line, splitting on `\n` only.
struct LineReader {
  enum Next {
    case line([UInt8], number: Int)
    /// A line longer than the limit: its length; its bytes were dropped as they came.
    case oversized(Int, number: Int)
    case failed(String)
    case end
  }

  private let handle: FileHandle
  private let chunk = ReadChunk(size: LineReader.chunkSize)
  private var buffer: [UInt8] = []
  private var position = 0
  /// Where the search for the next newline resumes: bytes before it have no newline,
  /// so a long line is scanned once, not once per chunk.
  private var searchFrom = 0
  private var lineNumber = 0
  private var atEnd = false
  /// Lines longer than this are skipped, not kept.
  private let maximumLineBytes: Int
  /// Bytes of the current line already dropped because it is too long, or `nil`.
  private var skipped: Int?
  private static let chunkSize = 1 << 20

  static func open(_ path: String, maximumLineBytes: Int = .max) -> Result<LineReader, StringError> {
    if path == "-" { return .success(LineReader(handle: .standardInput, maximumLineBytes: maximumLineBytes)) }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return .failure(StringError("is a directory"))
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(StringError(describe(StringError(""), path: path)))
    }
    return .success(LineReader(handle: handle, maximumLineBytes: maximumLineBytes))
  }

  private init(handle: FileHandle, maximumLineBytes: Int) {
    self.handle = handle
    self.maximumLineBytes = maximumLineBytes
  }

  mutating func nextLine() -> Next {
    while true {
      if let newline = buffer[max(position, searchFrom)...].firstIndex(of: 0x0A) {
        defer {
          position = newline + 1
          searchFrom = position
          skipped = nil
        }
        lineNumber += 1
        if let skipped { return .oversized(skipped + newline - position, number: lineNumber) }
        return .line(Array(buffer[position..<newline]), number: lineNumber)
      }
      searchFrom = buffer.count
      if atEnd {
        guard position < buffer.count || skipped != nil else { return .end }
        defer {
          position = buffer.count
          skipped = nil
        }
        lineNumber += 1
        if let skipped { return .oversized(skipped + buffer.count - position, number: lineNumber) }
        return .line(Array(buffer[position...]), number: lineNumber)
      }
      if (skipped ?? 0) + buffer.count - position > maximumLineBytes {
        // Too long to annotate: count the rest of the line instead of keeping it.
        skipped = (skipped ?? 0) + buffer.count - position
        position = buffer.count
        searchFrom = buffer.count
      }
      // Keep the unfinished line, read another chunk.
      buffer.removeSubrange(0..<position)
      searchFrom -= position
      position = 0
      // One read(2), which returns what is there: FileHandle.read(upToCount:) waits for
      // the whole chunk, so a runner that sends one line and waits for its result on a
      // pipe would wait forever.
      var got: Int
      repeat {
        got = read(handle.fileDescriptor, chunk.bytes, Self.chunkSize)
      } while got < 0 && errno == EINTR
      if got > 0 { buffer.append(contentsOf: UnsafeBufferPointer(start: chunk.bytes, count: got)) }
      if got < 0 {
        return .failed("read error after line \(lineNumber): \(String(cString: strerror(errno)))")
      }
      if got == 0 { atEnd = true }
    }
  }
}

struct StringError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A reader's fixed buffer for read(2), so that a short read (a pipe hands over what it
/// holds) copies only the bytes it got.
private final class ReadChunk {
  let bytes: UnsafeMutablePointer<UInt8>

  init(size: Int) { bytes = .allocate(capacity: size) }

  deinit { bytes.deallocate() }
}
