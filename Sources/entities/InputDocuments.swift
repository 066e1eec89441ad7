import Foundation

/// One document to annotate, as read from the inputs.
struct InputDocument {
  enum Content {
    /// A whole text file (or standard input) as bytes.
    case text([UInt8])
    /// One line of a JSONL input, as bytes, with its 1-based line number.
    case jsonLine([UInt8], line: Int)
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
    case .unreadable: return 0
    }
  }

  /// The input bytes the document used up, its line break included, for progress.
  var inputByteCount: Int {
    if case .jsonLine(let bytes, _) = content { return bytes.count + 1 }
    return byteCount
  }
}

/// Reads the inputs of `annotate` one document at a time, in order, holding at most one
/// chunk of a JSONL file in memory.
struct InputReader {
  enum Format: String, CaseIterable { case text, jsonl }

  private var pending: [String]
  private let format: Format
  private let fileExtension: String
  private var lineReader: LineReader?
  private var lineReaderID = ""
  private var expanded = false

  init(paths: [String], format: Format, fileExtension: String) {
    self.pending = paths.isEmpty ? ["-"] : paths
    self.format = format
    self.fileExtension = fileExtension
  }

  /// Expands directories into their matching files, recursively, in path order.
  /// Returns the documents that describe unreadable paths, in place.
  private static func expand(_ path: String, fileExtension: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue, let enumerator = FileManager.default.enumerator(atPath: path)
    else { return [path] }
    var files: [String] = []
    let suffix = "." + fileExtension
    while let relative = enumerator.nextObject() as? String {
      guard relative.hasSuffix(suffix) else { continue }
      let full = (path as NSString).appendingPathComponent(relative)
      var childIsDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory),
        !childIsDirectory.boolValue
      {
        files.append(full)
      }
    }
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
    for path in pending {
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
        case .failed(let message):
          lineReader = nil
          return InputDocument(id: lineReaderID, content: .unreadable(message))
        case .end:
          lineReader = nil
        }
      }
      guard let path = pending.popLast() else { return nil }
      switch format {
      case .jsonl:
        switch LineReader.open(path) {
        case .success(let reader):
          lineReader = reader
          lineReaderID = path
        case .failure(let message):
          return InputDocument(id: path, content: .unreadable(message.description))
        }
      case .text:
        return Self.readWhole(path)
      }
    }
  }

  private static func readWhole(_ path: String) -> InputDocument {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return InputDocument(id: "-", content: .text([UInt8](data)))
    }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      return InputDocument(id: path, content: .text([UInt8](data)))
    } catch {
      return InputDocument(id: path, content: .unreadable(describe(error, path: path)))
    }
  }
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
    case failed(String)
    case end
  }

  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var lineNumber = 0
  private var atEnd = false
  private static let chunkSize = 1 << 20

  static func open(_ path: String) -> Result<LineReader, StringError> {
    if path == "-" { return .success(LineReader(handle: .standardInput)) }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return .failure(StringError("is a directory"))
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(StringError(describe(StringError(""), path: path)))
    }
    return .success(LineReader(handle: handle))
  }

  private init(handle: FileHandle) { self.handle = handle }

  mutating func nextLine() -> Next {
    while true {
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        let line = Array(buffer[position..<newline])
        position = newline + 1
        lineNumber += 1
        return .line(line, number: lineNumber)
      }
      if atEnd {
        guard position < buffer.count else { return .end }
        let line = Array(buffer[position...])
        position = buffer.count
        lineNumber += 1
        return .line(line, number: lineNumber)
      }
      // Keep the unfinished line, read another chunk.
      buffer.removeSubrange(0..<position)
      position = 0
      do {
        if let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty {
          buffer.append(contentsOf: data)
        } else {
          atEnd = true
        }
      } catch {
        return .failed("read error after line \(lineNumber): \(error.localizedDescription)")
      }
    }
  }
}

struct StringError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
