import Foundation
import Testing

@testable import entities

/// `annotate DIR`: links are followed without loops, every file is annotated once, and
/// what cannot be read gets its own error line.
@Suite struct DirectoryWalkTests {
  /// Makes a symbolic link at `relativePath` (in `dir`) pointing to `target`, as written.
  private func link(_ dir: TemporaryDirectory, _ relativePath: String, to target: String) throws {
    let path = dir.url.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
  }

  /// Annotates `dir/tree` as JSONL.
  private func annotate(_ dir: TemporaryDirectory) throws -> (RunResult, [[String: Any]]) {
    let result = try runEntities(["annotate", "--format", "jsonl", dir.path + "/tree"])
    return (result, try result.jsonLines())
  }

  @Test func aDanglingLinkGetsAnErrorLine() throws {
    try withTemporaryDirectory { dir in
      let kept = try dir.write("tree/a.txt", "Floods in Quetta.")
      try link(dir, "tree/gone.txt", to: "nowhere.txt")
      try link(dir, "tree/gone-dir", to: "nowhere")  // not *.txt: may have been anything
      let (result, lines) = try annotate(dir)
      #expect(result.status == 1)
      #expect(
        result.stderrText.contains("1 of 2 documents could not be annotated"),
        "\(result.stderrText)")
      #expect(lines.map { $0["id"] as? String } == [kept, dir.path + "/tree/gone.txt"])
      #expect(summary(of: lines[0]) == ["place 10-16 Quetta"])
      #expect(Set(lines[1].keys) == ["id", "error"])
      let message = try #require(lines[1]["error"] as? String)
      #expect(
        message.hasPrefix(dir.path + "/tree/gone.txt: dangling symbolic link to nowhere.txt"),
        "\(message)")
    }
  }

  @Test func linkLoopsEndAndEachFileIsAnnotatedOnce() throws {
    try withTemporaryDirectory { dir in
      let a = try dir.write("tree/a.txt", "Floods in Quetta.")
      let b = try dir.write("tree/sub/b.txt", "Talks in Kabul.")
      // A directory named like a file is a directory: walked, not read.
      let c = try dir.write("tree/sub/c.txt/inner.txt", "Rain in Gwadar.")
      try link(dir, "tree/sub/up", to: "..")
      try link(dir, "tree/self", to: ".")
      try link(dir, "tree/sub/again", to: "../sub")
      let (result, lines) = try annotate(dir)
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(lines.map { $0["id"] as? String } == [a, b, c])
      #expect(lines.allSatisfy { $0["error"] == nil })
    }
  }

  @Test func linksToFilesAndDirectoriesAreFollowed() throws {
    try withTemporaryDirectory { dir in
      try dir.write("outside/o.txt", "Floods in Quetta.")
      try dir.write("elsewhere/deep/e.txt", "Talks in Kabul.")
      try link(dir, "tree/linked.txt", to: "../outside/o.txt")
      try link(dir, "tree/more", to: "../elsewhere")
      let (result, lines) = try annotate(dir)
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(
        lines.map { $0["id"] as? String } == [
          dir.path + "/tree/linked.txt", dir.path + "/tree/more/deep/e.txt",
        ])
      #expect(summary(of: lines[0]) == ["place 10-16 Quetta"])
      #expect(summary(of: lines[1]) == ["place 9-14 Kabul"])
    }
  }

  @Test func aFileReachedTwiceIsAnnotatedOnceUnderItsFirstPath() throws {
    try withTemporaryDirectory { dir in
      let first = try dir.write("tree/a.txt", "Floods in Quetta.")
      try link(dir, "tree/b-alias.txt", to: "a.txt")
      try link(dir, "tree/z/also.txt", to: "../a.txt")
      let hard = dir.path + "/tree/hard.txt"
      try FileManager.default.linkItem(atPath: first, toPath: hard)
      let (result, lines) = try annotate(dir)
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(lines.map { $0["id"] as? String } == [first])
      // Paths given one by one are each annotated, as asked.
      let explicit = try runEntities(["annotate", "--format", "jsonl", first, hard])
      #expect(try explicit.jsonLines().count == 2)
    }
  }

  @Test func aFIFOOrALoopOfLinksGetsAnErrorLineWithoutBlocking() throws {
    try withTemporaryDirectory { dir in
      let kept = try dir.write("tree/a.txt", "Floods in Quetta.")
      let fifo = dir.path + "/tree/pipe.txt"
      try #require(mkfifo(fifo, 0o644) == 0)
      try link(dir, "tree/l1.txt", to: "l2.txt")
      try link(dir, "tree/l2.txt", to: "l1.txt")
      let (result, lines) = try annotate(dir)
      #expect(result.status == 1)
      let errors = Dictionary(
        uniqueKeysWithValues: lines.compactMap { line in
          (line["error"] as? String).map { (line["id"] as? String ?? "", $0) }
        })
      #expect(
        lines.map { $0["id"] as? String } == [
          kept, dir.path + "/tree/l1.txt", dir.path + "/tree/l2.txt", fifo,
        ])
      #expect(errors[fifo] == "\(fifo): not a regular file (a FIFO)")
      #expect(
        errors[dir.path + "/tree/l1.txt"]?.contains("symbolic link to l2.txt in a loop of links")
          == true)
    }
  }

  @Test func aNameThatIsNotUTF8GetsAnErrorLine() throws {
    try withTemporaryDirectory { dir in
      try dir.write("tree/a.txt", "Floods in Quetta.")
      // "caf\xE9.txt": Latin-1, not UTF-8.
      let bad = Array((dir.path + "/tree/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
      let descriptor = bad.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644)
        }
      }
      try #require(descriptor >= 0)
      close(descriptor)
      defer {
        _ = bad.withUnsafeBufferPointer {
          $0.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) }
        }
      }
      let (result, lines) = try annotate(dir)
      #expect(result.status == 1)
      #expect(lines.count == 2)
      let message = try #require(lines.compactMap { $0["error"] as? String }.first)
      #expect(message.contains("caf\u{FFFD}.txt: the name is not valid UTF-8"), "\(message)")
    }
  }

  /// Root reads any file and lists any directory whatever its mode, so as root the tool
  /// runs as `nobody` (with `runuser`) for the permission test.
  static let runsAsNobody = getuid() == 0
  /// Whether the test can run: not as root, or `nobody` can run the built tool.
  static let canTestPermissions: Bool = {
    guard runsAsNobody else { return true }
    guard let executable = entitiesExecutable,
      let probe = try? run(
        URL(fileURLWithPath: "/usr/sbin/runuser"),
        ["-u", "nobody", "--", executable.path, "annotate", "--help"])
    else { return false }
    return probe.status == 0
  }()

  @Test(
    .enabled(
      if: canTestPermissions, "as root, needs runuser and a tool that the user nobody can run"))
  func anUnreadableFileAndAnUnlistableDirectoryGetErrorLines() throws {
    guard let executable = entitiesExecutable else { throw MissingExecutable() }
    try withTemporaryDirectory { dir in
      let kept = try dir.write("tree/a.txt", "Floods in Quetta.")
      let secret = try dir.write("tree/secret.txt", "Talks in Kabul.")
      let closed = try dir.write("tree/closed/inside.txt", "Rain in Gwadar.")
      let closedDirectory = (closed as NSString).deletingLastPathComponent
      // Everyone may read the rest (nobody included); these two, no one.
      for path in [dir.path, dir.path + "/tree"] {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
      }
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: kept)
      try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: secret)
      try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: closedDirectory)
      defer {
        try? FileManager.default.setAttributes(
          [.posixPermissions: 0o755], ofItemAtPath: closedDirectory)
      }
      let arguments = ["annotate", "--format", "jsonl", dir.path + "/tree"]
      let result =
        Self.runsAsNobody
        ? try run(
          URL(fileURLWithPath: "/usr/sbin/runuser"),
          ["-u", "nobody", "--", executable.path] + arguments)
        : try runEntities(arguments)
      #expect(result.status == 1, "\(result.stderrText)")
      let lines = try result.jsonLines()
      #expect(lines.map { $0["id"] as? String } == [kept, closedDirectory, secret])
      try #require(lines.count == 3)
      #expect(summary(of: lines[0]) == ["place 10-16 Quetta"])
      #expect(
        lines[1]["error"] as? String
          == "\(closedDirectory): cannot list directory: permission denied")
      #expect(lines[2]["error"] as? String == "\(secret): permission denied")
    }
  }

  @Test func anUnlistableDirectoryIsReportedByTheWalk() throws {
    // As root nothing is unlistable, but a path that vanishes between stat and opendir
    // is the same case; a regular file handed to the walk as a directory stands in.
    try withTemporaryDirectory { dir in
      let file = try dir.write("plain.txt", "x")
      let inputs = DirectoryWalk.inputs(under: file, fileExtension: "txt")
      #expect(inputs == [.unreadable(path: file, reason: "cannot list directory: not a directory")])
    }
  }
}
