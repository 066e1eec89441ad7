import Foundation
import Testing

/// Inputs far larger than news articles: a clear error or a result, never a crash, and the
/// rest of the batch carries on.
@Suite struct LargeInputTests {
  /// Writes `megabytes` MiB of `piece` repeated, with no line break, to `name`.
  static func writeSingleLine(
    _ piece: String, megabytes: Int, to name: String, in dir: TemporaryDirectory
  ) throws -> String {
    var chunk = Data()
    let pieceBytes = Data(piece.utf8)
    while chunk.count + pieceBytes.count <= 1 << 20 { chunk.append(pieceBytes) }
    chunk.append(Data(repeating: 0x20, count: (1 << 20) - chunk.count))
    let path = dir.url.appendingPathComponent(name).path
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    for _ in 0..<megabytes { try handle.write(contentsOf: chunk) }
    return path
  }

  @Test func twoHundredMegabyteSingleLineOverTheLimitGetsAnErrorLineAndTheBatchGoesOn() throws {
    try withTemporaryDirectory { dir in
      let big = try Self.writeSingleLine(
        "Gunmen killed 12 people near Peshawar on Monday. ", megabytes: 200, to: "big.txt", in: dir)
      let small = try dir.write("small.txt", "Floods hit Pakistan.")
      let result = try runEntities([
        "annotate", "--format", "jsonl", "--max-document-mb", "64", big, small,
      ])
      #expect(result.status == 1)
      #expect(
        result.stderrText.contains("1 of 2 documents could not be annotated"),
        "\(result.stderrText)")
      let lines = try result.jsonLines()
      try #require(lines.count == 2)
      #expect(lines[0]["id"] as? String == big)
      #expect(lines[0]["entities"] == nil)
      let message = try #require(lines[0]["error"] as? String)
      #expect(message.hasPrefix("\(big): document too large (209715200 bytes"), "\(message)")
      #expect(message.contains("--max-document-mb"), "\(message)")
      #expect(lines[1]["id"] as? String == small)
      #expect(summary(of: lines[1]) == ["place 11-19 Pakistan"])
    }
  }

  @Test func anOversizedJSONLLineIsSkippedWithItsLineNumberAndTheNextLineIsAnnotated() throws {
    try withTemporaryDirectory { dir in
      // Three lines: small, 3 MB (over a 1 MB limit), small, across several read chunks.
      let long = String(repeating: "Talks resumed in Doha. ", count: 3 << 20 / 23)
      var input = #"{"id": "first", "text": "Floods hit Pakistan."}"# + "\n"
      input += #"{"id": "long", "text": ""# + long + "\"}\n"
      input += #"{"id": "last", "text": "Rain in Sindh."}"# + "\n"
      let path = try dir.write("input.jsonl", input)
      let result = try runEntities([
        "annotate", "--input-format", "jsonl", "--format", "jsonl", "--max-document-mb", "1", path,
      ])
      #expect(result.status == 1)
      let lines = try result.jsonLines()
      try #require(lines.count == 3)
      #expect(lines[0]["id"] as? String == "first")
      #expect(lines[1]["line"] as? Int == 2)
      let message = try #require(lines[1]["error"] as? String)
      #expect(message.hasPrefix("\(path):2: document too large"), "\(message)")
      #expect(lines[2]["id"] as? String == "last")
      #expect(summary(of: lines[2]) == ["place 8-13 Sindh"])
    }
  }

  @Test func aDocumentLongerThanAWindowIsOneLineWrittenInPiecesInInputOrder() throws {
    try withTemporaryDirectory { dir in
      // 6 MB on one line: two windows, and a JSONL line of several 4 MB pieces.
      let big = try Self.writeSingleLine(
        "Gunmen killed 12 people near Peshawar on Monday, and Sharif condemned the attack. ",
        megabytes: 6, to: "b.txt", in: dir)
      let first = try dir.write("a.txt", "Floods hit Pakistan.")
      let last = try dir.write("c.txt", "Rain in Sindh.")
      let result = try runEntities(["annotate", "--format", "jsonl", "--jobs", "2", first, big, last])
      #expect(result.status == 0, "\(result.stderrText)")
      let lines = try result.jsonLines()
      try #require(lines.count == 3)
      #expect(lines.map { $0["id"] as? String } == [first, big, last])
      let mentions = entities(of: lines[1])
      // Every 82-byte sentence (as many as fill each megabyte) has its place, to the end.
      let places = mentions.filter { $0["type"] as? String == "place" }
      #expect(places.count == 6 * ((1 << 20) / 82))
      let starts = mentions.compactMap { $0["start"] as? Int }
      #expect(starts == starts.sorted())
      #expect((starts.last ?? 0) > (6 << 20) - 100)
      #expect(summary(of: lines[2]) == ["place 8-13 Sindh"])
    }
  }
}
