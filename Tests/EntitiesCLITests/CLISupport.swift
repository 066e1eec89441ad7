import Foundation
import Testing

/// The repository root, from this file's path (Tests/EntitiesCLITests/CLISupport.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared/corpora/seeds.jsonl`, beside the repository.
let seedsPath = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/seeds.jsonl").path

/// The built `entities` executable: next to the test bundle, as argument-parser's test
/// helpers find it, or else under `.build/debug` from this file's path.
let entitiesExecutable: URL? = {
  var candidates: [URL] = []
  let bundle = Bundle.main.bundleURL
  candidates.append(
    (bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle).appendingPathComponent("entities"))
  if let executable = Bundle.main.executableURL {
    candidates.append(executable.deletingLastPathComponent().appendingPathComponent("entities"))
  }
  candidates.append(repositoryRoot.appendingPathComponent(".build/debug/entities"))
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What a run of `entities` produced.
struct RunResult {
  var status: Int32
  var stdout: Data
  var stderr: Data
  var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  var stderrText: String { String(decoding: stderr, as: UTF8.self) }

  /// Standard output split on `\n` bytes, without the empty piece after the last newline.
  var lines: [Data] {
    var pieces = stdout.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
    if pieces.last?.isEmpty == true { pieces.removeLast() }
    return pieces
  }

  /// Each output line parsed as a JSON object.
  func jsonLines(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    try lines.map { line in
      try #require(
        try JSONSerialization.jsonObject(with: line) as? [String: Any],
        "not a JSON object: \(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
    }
  }
}

struct MissingExecutable: Error, CustomStringConvertible {
  var description: String { "the entities executable was not found next to the test bundle or in .build/debug" }
}

/// Runs `entities` with `arguments`, feeding `stdin` (or nothing), and collects its output
/// through files (no pipe can fill up and block). `environment` adds to (or, with `nil`
/// values, removes from) this process's environment.
func runEntities(
  _ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:]
) throws -> RunResult {
  guard let executable = entitiesExecutable else { throw MissingExecutable() }
  return try run(executable, arguments, stdin: stdin, environment: environment)
}

/// Runs any executable the same way.
func run(
  _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:]
) throws -> RunResult {
  let scratch = try TemporaryDirectory()
  defer { scratch.remove() }
  let outURL = scratch.url.appendingPathComponent("stdout")
  let errURL = scratch.url.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let outHandle = try FileHandle(forWritingTo: outURL)
  let errHandle = try FileHandle(forWritingTo: errURL)
  defer {
    try? outHandle.close()
    try? errHandle.close()
  }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if !environment.isEmpty {
    var merged = ProcessInfo.processInfo.environment
    for (name, value) in environment { merged[name] = value }
    process.environment = merged
  }
  process.standardOutput = outHandle
  process.standardError = errHandle
  var inHandle: FileHandle?
  if let stdin {
    let inURL = scratch.url.appendingPathComponent("stdin")
    try stdin.write(to: inURL)
    inHandle = try FileHandle(forReadingFrom: inURL)
    process.standardInput = inHandle
  } else {
    process.standardInput = FileHandle.nullDevice
  }
  defer { try? inHandle?.close() }
  try process.run()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
}

/// A fresh directory under the system's temporary directory; call ``remove()`` when done.
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("entities-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  var path: String { url.path }

  /// Writes `bytes` to `relativePath` (creating directories) and returns the full path.
  @discardableResult
  func write(_ relativePath: String, _ bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }

  /// Writes `text` as UTF-8.
  @discardableResult
  func write(_ relativePath: String, _ text: String) throws -> String {
    try write(relativePath, Array(text.utf8))
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a temporary directory that is removed afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  return try body(directory)
}

/// The entities of one JSONL output line.
func entities(of line: [String: Any]) -> [[String: Any]] {
  line["entities"] as? [[String: Any]] ?? []
}

/// `(type, start, end, text)` of each entity, for readable comparisons.
func summary(of line: [String: Any]) -> [String] {
  entities(of: line).map { entity in
    "\(entity["type"] as? String ?? "?") \(entity["start"] as? Int ?? -1)-\(entity["end"] as? Int ?? -1) \(entity["text"] as? String ?? "?")"
  }
}

/// The text between scalar offsets, as Python's `text[start:end]`.
func scalarSlice(_ text: String, _ start: Int, _ end: Int) -> [Unicode.Scalar]? {
  let scalars = Array(text.unicodeScalars)
  guard 0 <= start, start <= end, end <= scalars.count else { return nil }
  return Array(scalars[start..<end])
}

/// Whether `python3` runs here.
let pythonAvailable: Bool = {
  guard let result = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "--version"]) else { return false }
  return result.status == 0
}()
