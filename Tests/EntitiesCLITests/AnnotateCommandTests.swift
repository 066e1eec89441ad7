import Foundation
import Testing

@Suite struct AnnotateCommandTests {
  @Test func directoryWithAnInvalidUTF8FileYieldsOneLinePerFileInPathOrder() throws {
    try withTemporaryDirectory { dir in
      let a = try dir.write("a.txt", "Security forces in Pakistan detained two men.")
      // "Kabul café " is 12 bytes (é takes two); then a truncated three-byte sequence.
      let b = try dir.write("b.txt", Array("Kabul café ".utf8) + [0xE2, 0x82, 0x41] + Array(" Pakistan".utf8))
      let c = try dir.write("sub/c.txt", "Afghanistan and Pakistan agreed to more talks.")
      try dir.write("notes.md", "Pakistan, but not a .txt file.")

      let result = try runEntities(["annotate", "--format", "jsonl", dir.path])
      #expect(result.status == 1)
      #expect(result.stderrText.contains("1 of 3 documents could not be annotated"), "\(result.stderrText)")
      let lines = try result.jsonLines()
      #expect(lines.count == 3)
      #expect(lines.map { $0["id"] as? String } == [a, b, c])

      let failed = try #require(lines.dropFirst().first)
      #expect(Set(failed.keys) == ["id", "error"])
      let message = try #require(failed["error"] as? String)
      #expect(message.hasSuffix("invalid UTF-8 at byte 12"), "\(message)")

      #expect(summary(of: lines[0]).contains("place 19-27 Pakistan"))
      #expect(summary(of: lines[2]).contains("place 0-11 Afghanistan"))
      #expect(summary(of: lines[2]).contains("place 16-24 Pakistan"))
    }
  }

  /// A stray byte, an overlong form, a surrogate and a truncated four-byte sequence, each
  /// after "Ghā " (five bytes): the offset is that of the sequence's first byte.
  @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98]] as [[UInt8]])
  func invalidUTF8ReportsTheByteOffsetOfTheBadSequence(_ bad: [UInt8]) throws {
    try withTemporaryDirectory { dir in
      let path = try dir.write("x.txt", Array("Ghā ".utf8) + bad + Array(" ok".utf8))
      let result = try runEntities(["annotate", "--format", "jsonl", path])
      let line = try #require(try result.jsonLines().first)
      #expect(line["error"] as? String == "\(path): invalid UTF-8 at byte 5")
      #expect(result.status == 1)
    }
  }

  @Test func manyFilesInParallelKeepInputOrder() throws {
    try withTemporaryDirectory { dir in
      var expected: [String] = []
      for index in 0..<40 {
        expected.append(try dir.write(String(format: "doc-%03d.txt", index), String(repeating: "Pakistan. ", count: index + 1)))
      }
      let result = try runEntities(["annotate", "--format", "jsonl", "--jobs", "4", dir.path])
      #expect(result.status == 0)
      let lines = try result.jsonLines()
      #expect(lines.map { $0["id"] as? String ?? "" } == expected)
      #expect(lines.map { entities(of: $0).count } == Array(1...40))
    }
  }

  @Test func emptyFileGetsALineWithNoEntities() throws {
    try withTemporaryDirectory { dir in
      let path = try dir.write("empty.txt", [])
      let result = try runEntities(["annotate", "--format", "jsonl", path])
      #expect(result.status == 0)
      #expect(result.stderr.isEmpty)
      #expect(result.lines.count == 1)
      #expect(result.stdoutText.contains(#""entities":[]"#))
      let line = try #require(try result.jsonLines().first)
      #expect(line["id"] as? String == path)
      #expect((line["entities"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func binaryFileGetsAnErrorLine() throws {
    try withTemporaryDirectory { dir in
      let path = try dir.write("archive.txt", Array("PK".utf8) + [0x00, 0x03, 0x04, 0x00] + Array(" Pakistan".utf8))
      let result = try runEntities(["annotate", "--format", "jsonl", path])
      #expect(result.status == 1)
      let line = try #require(try result.jsonLines().first)
      #expect(line["entities"] == nil)
      let message = try #require(line["error"] as? String)
      #expect(message.contains("binary"), "\(message)")
      #expect(message.contains("byte 2"), "\(message)")
    }
  }

  @Test func missingPathGetsAnErrorLineAndTheRestIsAnnotated() throws {
    try withTemporaryDirectory { dir in
      let missing = dir.url.appendingPathComponent("missing.txt").path
      let present = try dir.write("present.txt", "Pakistan")
      let result = try runEntities(["annotate", "--format", "jsonl", missing, present])
      #expect(result.status == 1)
      let lines = try result.jsonLines()
      #expect(lines.count == 2)
      #expect(lines[0]["id"] as? String == missing)
      #expect((lines[0]["error"] as? String)?.contains("no such file") == true)
      #expect(summary(of: lines[1]) == ["place 0-8 Pakistan"])
    }
  }

  @Test func crlfTextCountsCarriageReturnsAsCharacters() throws {
    let text = "Convoy ambushed\r\nnear the Pakistan border\r\n"
    let result = try runEntities(["annotate", "--format", "jsonl"], stdin: Data(text.utf8))
    #expect(result.status == 0)
    let line = try #require(try result.jsonLines().first)
    #expect(line["id"] as? String == "-")
    // Python: text.index("Pakistan") == 26 (\r and \n are one character each).
    #expect(summary(of: line) == ["place 26-34 Pakistan"])
  }

  @Test func relativeDatesAreAnchoredToTheDocumentsDateUnlessTurnedOff() throws {
    let text = "QUETTA, March 3, 2024 — Gunmen attacked a checkpoint on Saturday."
    func dates(_ arguments: [String]) throws -> [[String: Any]] {
      let result = try runEntities(["annotate", "--format", "jsonl", "--types", "date"] + arguments, stdin: Data(text.utf8))
      #expect(result.status == 0, "\(result.stderrText)")
      let line = try #require(try result.jsonLines().first)
      return entities(of: line).compactMap { $0["date"] as? [String: Any] }
    }
    let anchored = try dates([])
    #expect(anchored.map { $0["value"] as? String } == ["2024-03-03", "2024-03-02"])
    #expect(anchored.map { $0["anchor"] as? String } == ["document", "document"])

    let unanchored = try dates(["--no-document-anchor"])
    #expect(unanchored.map { $0["value"] as? String } == ["2024-03-03", "XXXX-WXX-6"])
    #expect(unanchored.allSatisfy { $0["anchor"] == nil })

    let given = try dates(["--reference-date", "2025-01-09"])
    #expect(given.map { $0["value"] as? String } == ["2024-03-03", "2025-01-04"])
    #expect(given.map { $0["anchor"] as? String } == ["reference", "reference"])
  }

  @Test func nfdTextGetsScalarOffsets() throws {
    // "Réunion" with a combining acute accent: 8 scalars, not 7 characters.
    let text = "Re\u{301}union and Pakistan"
    let result = try runEntities(["annotate", "--format", "jsonl"], stdin: Data(text.utf8))
    let line = try #require(try result.jsonLines().first)
    #expect(summary(of: line).contains("place 13-21 Pakistan"), "\(summary(of: line))")
    let first = try #require(entities(of: line).first)
    #expect(first["start"] as? Int == 0)
    #expect(first["end"] as? Int == 8)
    let written = try #require(first["text"] as? String)
    #expect(Array(written.unicodeScalars) == scalarSlice(text, 0, 8))
    #expect(Array(written.unicodeScalars).count == 8)
  }

  @Test func jsonlInputYieldsOneOutputLinePerInputLine() throws {
    let input = [
      #"{"id":"n1","text":"Talks in Pakistan.","reference_date":"2024-03-05","source":{"site":"example","rank":1.50,"big":12345678901234567890},"tags":["a","é",null]}"#,
      "",
      "[1,2]",
      #"{"id":"n4","title":"no text"}"#,
      "{\"id\":7,\"text\":\"Afghanistan\u{2028}border\u{85}crossing\"}",
      #"{"text":"No id, but Pakistan."}"#,
      #"{"id":"n7","text":"Kabul","reference_date":"not a date"}"#,
      "   ",
    ].joined(separator: "\n") + "\n"
    let result = try runEntities(["annotate", "--input-format", "jsonl", "--format", "jsonl"], stdin: Data(input.utf8))
    #expect(result.lines.count == 8)
    let lines = try result.jsonLines()
    try #require(lines.count == 8)

    // Extra members pass through untouched, numbers as written.
    #expect(lines[0]["id"] as? String == "n1")
    #expect(lines[0]["reference_date"] as? String == "2024-03-05")
    #expect((lines[0]["source"] as? [String: Any])?["site"] as? String == "example")
    #expect((lines[0]["tags"] as? [Any])?.count == 3)
    #expect((lines[0]["tags"] as? [Any])?[1] as? String == "é")
    #expect(lines[0]["text"] == nil)
    let firstRaw = String(decoding: result.lines[0], as: UTF8.self)
    #expect(firstRaw.contains(#""source":{"site":"example","rank":1.50,"big":12345678901234567890}"#), "\(firstRaw)")
    #expect(summary(of: lines[0]) == ["place 9-17 Pakistan"])

    // Blank and non-object lines: {"line": N, "error": …}.
    #expect(Set(lines[1].keys) == ["line", "error"])
    #expect(lines[1]["line"] as? Int == 2)
    #expect(Set(lines[2].keys) == ["line", "error"])
    #expect(lines[2]["line"] as? Int == 3)
    #expect((lines[2]["error"] as? String)?.contains("not a JSON object") == true)
    // No text: the error keeps the ID.
    #expect(Set(lines[3].keys) == ["id", "line", "error"])
    #expect(lines[3]["id"] as? String == "n4")
    #expect(lines[3]["line"] as? Int == 4)
    // U+2028 and U+0085 inside a line are text, not line breaks; a numeric ID stays a number.
    #expect(lines[4]["id"] as? Int == 7)
    #expect(summary(of: lines[4]).first == "place 0-11 Afghanistan")
    // No ID: the line number stands in for it.
    #expect(lines[5]["line"] as? Int == 6)
    #expect(summary(of: lines[5]) == ["place 11-19 Pakistan"])
    // A reference date that is not a date is an error for that line only.
    #expect(lines[6]["id"] as? String == "n7")
    #expect(lines[6]["error"] is String)
    #expect(lines[7]["line"] as? Int == 8)
    #expect(lines[7]["error"] is String)

    #expect(result.status == 1)
    #expect(result.stderrText.contains("5 of 8 documents could not be annotated"), "\(result.stderrText)")
  }

  @Test func jsonlOnAPipeAnswersEachLineBeforeTheNextArrives() throws {
    // As a filter under a runner that sends one document and waits for its result
    // before sending the next: nothing may wait for more input or for end of file.
    guard let executable = entitiesExecutable else { throw MissingExecutable() }
    let input = Pipe()
    let output = Pipe()
    let process = Process()
    process.executableURL = executable
    process.arguments = ["annotate", "--input-format", "jsonl", "--format", "jsonl"]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    /// Reads one line, or gives up after a minute (a hang fails the test, not the run).
    func readLine() -> String? {
      let answered = DispatchSemaphore(value: 0)
      nonisolated(unsafe) var line = Data()
      DispatchQueue.global().async {
        while true {
          let byte = output.fileHandleForReading.readData(ofLength: 1)
          if byte.isEmpty || byte[byte.startIndex] == 0x0A { break }
          line.append(byte)
        }
        answered.signal()
      }
      guard answered.wait(timeout: .now() + 60) == .success else { return nil }
      return String(decoding: line, as: UTF8.self)
    }
    for (id, text) in [("a", "Gunmen killed two guards in Quetta."), ("b", "Floods hit Sindh.")] {
      input.fileHandleForWriting.write(Data(#"{"id": "\#(id)", "text": "\#(text)"}"#.utf8 + [0x0A]))
      let line = try #require(readLine(), "no answer to document \(id) while stdin stays open")
      #expect(line.hasPrefix(#"{"id":"\#(id)""#), "\(line)")
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func jsonlInputWithoutFinalNewlineStillEndsWithOne() throws {
    let input = #"{"id":"only","text":"Pakistan"}"#
    let result = try runEntities(["annotate", "--input-format", "jsonl", "--format", "jsonl", "-"], stdin: Data(input.utf8))
    #expect(result.status == 0)
    #expect(result.stdout.last == 0x0A)
    #expect(try result.jsonLines().map { $0["id"] as? String } == ["only"])
  }

  @Test(arguments: [("scalars", 7, 15), ("utf8", 11, 19), ("utf16", 8, 16)])
  func offsetUnits(_ unit: String, _ start: Int, _ end: Int) throws {
    // é: 1 scalar, 2 UTF-8 bytes, 1 UTF-16 unit; 😀: 1 scalar, 4 bytes, 2 units.
    let text = "Café 😀 Pakistan"
    let result = try runEntities(["annotate", "--format", "jsonl", "--offsets", unit], stdin: Data(text.utf8))
    #expect(result.status == 0)
    let line = try #require(try result.jsonLines().first)
    let place = try #require(entities(of: line).first { $0["text"] as? String == "Pakistan" })
    #expect(place["start"] as? Int == start)
    #expect(place["end"] as? Int == end)
  }

  @Test func defaultOffsetsAreScalars() throws {
    let text = "Café 😀 Pakistan"
    let result = try runEntities(["annotate", "--format", "jsonl"], stdin: Data(text.utf8))
    let line = try #require(try result.jsonLines().first)
    #expect(summary(of: line) == ["place 7-15 Pakistan"])
  }

  @Test func outputIsJSONLWhenNotATerminal() throws {
    let result = try runEntities(["annotate"], stdin: Data("Pakistan".utf8))
    #expect(try result.jsonLines().count == 1)
  }

  @Test func typesRestrictTheOutput() throws {
    let text = "Pakistan and Afghanistan agreed on Monday to reopen the crossing."
    let places = try runEntities(["annotate", "--format", "jsonl", "--types", "place"], stdin: Data(text.utf8))
    let placeLine = try #require(try places.jsonLines().first)
    #expect(entities(of: placeLine).count >= 2)
    #expect(entities(of: placeLine).allSatisfy { $0["type"] as? String == "place" })

    let people = try runEntities(["annotate", "--format", "jsonl", "--types", "person, date"], stdin: Data(text.utf8))
    #expect(people.status == 0)
    let peopleLine = try #require(try people.jsonLines().first)
    #expect(entities(of: peopleLine).allSatisfy { ["person", "date"].contains($0["type"] as? String ?? "") })

    let bad = try runEntities(["annotate", "--types", "Place!"], stdin: Data(text.utf8))
    #expect(bad.status != 0)
    #expect(bad.stdout.isEmpty)
  }

  @Test func textFormatPrintsAReadableListing() throws {
    let result = try runEntities(["annotate", "--format", "text"], stdin: Data("Floods in Pakistan and Afghanistan.".utf8))
    #expect(result.status == 0)
    let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "== - (2 entities)")
    let pakistan = try #require(lines.first { $0.contains("Pakistan") })
    #expect(pakistan.split(separator: " ").prefix(3) == ["place", "Pakistan", "10-18"])
    #expect(pakistan.contains("iso3166-1:PK"))
    #expect(lines.contains { $0.contains("Afghanistan") && $0.contains("23-34") })
    #expect((try? JSONSerialization.jsonObject(with: Data(lines[0].utf8))) == nil)
  }

  @Test func userGazetteerAddsAnEntry() throws {
    try withTemporaryDirectory { dir in
      try dir.write("gazetteers/user.tsv", "# made-up town\nZarghunabad\tplace\tuser:zarghunabad\t-\tcountry=PK;kind=town\n")
      let text = "Clashes near Zarghunabad, Pakistan."
      let result = try runEntities(
        ["annotate", "--format", "jsonl", "--gazetteers", dir.url.appendingPathComponent("gazetteers").path],
        stdin: Data(text.utf8))
      #expect(result.status == 0, "\(result.stderrText)")
      let line = try #require(try result.jsonLines().first)
      #expect(summary(of: line) == ["place 13-24 Zarghunabad", "place 26-34 Pakistan"])
      let place = try #require(entities(of: line).first?["place"] as? [String: Any])
      #expect(place["id"] as? String == "user:zarghunabad")
      #expect(place["country"] as? String == "PK")

      // Without the user file, the made-up town is unknown.
      let plain = try runEntities(["annotate", "--format", "jsonl"], stdin: Data(text.utf8))
      let plainLine = try #require(try plain.jsonLines().first)
      #expect(summary(of: plainLine) == ["place 26-34 Pakistan"])
    }
  }

  @Test func malformedUserGazetteerFailsNamingFileAndLine() throws {
    try withTemporaryDirectory { dir in
      try dir.write("gazetteers/user.tsv", "# two fields only on line 2\nZarghunabad\tplace\n")
      let result = try runEntities(
        ["annotate", "--format", "jsonl", "--gazetteers", dir.url.appendingPathComponent("gazetteers").path],
        stdin: Data("Zarghunabad".utf8))
      #expect(result.status != 0)
      #expect(result.stderrText.contains("user.tsv:2:"), "\(result.stderrText)")
      #expect(result.stdout.isEmpty)
    }
  }
}
