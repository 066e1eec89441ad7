import Foundation
import Testing

/// The conll, brat and html formats of `annotate`, the progress line and `--quiet`.
@Suite struct OutputFormatTests {
  /// Three documents for JSONL input: a good one, a line without text, a good one.
  static let mixedJSONL =
    [
      #"{"id":"first","text":"Floods hit Quetta on Monday."}"#,
      #"{"id":"second","title":"no text here"}"#,
      #"{"text":"Kabul was calm."}"#,
    ].joined(separator: "\n") + "\n"

  /// The `token<TAB>tag` lines of CoNLL output, as sentences of `token/tag` strings.
  static func sentences(_ conll: String) -> [[String]] {
    var sentences: [[String]] = []
    var current: [String] = []
    for line in conll.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        if !current.isEmpty { sentences.append(current) }
        current = []
      } else if !line.hasPrefix("# ") {
        current.append(line.replacingOccurrences(of: "\t", with: "/"))
      }
    }
    if !current.isEmpty { sentences.append(current) }
    return sentences
  }

  // MARK: - conll

  @Test func conllTagsTokensAndBreaksSentences() throws {
    let text =
      "Floods hit Lakki Marwat on Monday. Rescuers reached Quetta by road.\nKabul was calm."
    let result = try runEntities(["annotate", "--format", "conll"], stdin: Data(text.utf8))
    #expect(result.status == 0, "\(result.stderrText)")
    #expect(result.stdoutText.hasPrefix("# id = -\nFloods\tO\n"))
    #expect(result.stdoutText.hasSuffix(".\tO\n\n"))
    #expect(
      Self.sentences(result.stdoutText) == [
        ["Floods/O", "hit/O", "Lakki/B-place", "Marwat/I-place", "on/O", "Monday/B-date", "./O"],
        ["Rescuers/O", "reached/O", "Quetta/B-place", "by/O", "road/O", "./O"],
        ["Kabul/B-place", "was/O", "calm/O", "./O"],
      ])
  }

  @Test func conllTagsACasualtyCountOnlyWhereNoOtherMentionIs() throws {
    let text = "Gunmen killed 12 people, and five Chinese engineers were injured."
    let result = try runEntities(["annotate", "--format", "conll"], stdin: Data(text.utf8))
    let tokens = try #require(Self.sentences(result.stdoutText).first)
    #expect(tokens.contains("12/B-casualty"))
    #expect(tokens.contains("people/I-casualty"))
    // "five Chinese engineers" is a casualty count around a nationality: the name wins.
    #expect(tokens.contains("five/O"))
    #expect(tokens.contains("Chinese/B-nationality"))
    #expect(tokens.contains("engineers/O"))
    // Every I- tag continues the tag before it (IOB2).
    for (previous, current) in zip(tokens, tokens.dropFirst()) {
      let tag = current.split(separator: "/").last ?? ""
      if tag.hasPrefix("I-") {
        #expect(previous.hasSuffix("/B-" + tag.dropFirst(2)) || previous.hasSuffix("/" + tag))
      }
    }
  }

  @Test func conllGivesEveryDocumentACommentBlockFailuresIncluded() throws {
    let result = try runEntities(
      ["annotate", "--input-format", "jsonl", "--format", "conll"],
      stdin: Data(Self.mixedJSONL.utf8))
    #expect(result.status == 1)
    let blocks = result.stdoutText.components(separatedBy: "\n\n# ")
    #expect(blocks.count == 3)
    #expect(blocks[0].hasPrefix("# id = first\n"))
    #expect(blocks[1].hasPrefix("id = second\n# line = 2\n# error = "))
    #expect(blocks[1].contains("no string \"text\" member"))
    #expect(blocks[2].hasPrefix("line = 3\nKabul\tB-place\n"))
  }

  // MARK: - brat

  @Test func bratWritesTextAndStandoffWithCodePointOffsets() throws {
    try withTemporaryDirectory { dir in
      // é and ā are one code point each, 🙂 one (two UTF-16 units, four bytes); "\r\n" is
      // one character to brat.
      let text = "Café 🙂 talks in Kandahār\r\nand Lakki Marwat, Pakistan. 👩‍⚕️ Quetta was calm."
      let input = try dir.write("in/report one.txt", text)
      let out = dir.url.appendingPathComponent("brat").path
      let result = try runEntities(["annotate", "--format", "brat", "--output-dir", out, input])
      #expect(result.status == 0, "\(result.stderrText)")
      let line = try #require(try result.jsonLines().first)
      #expect(line["id"] as? String == input)
      let txtPath = try #require(line["txt"] as? String)
      let annPath = try #require(line["ann"] as? String)
      #expect(txtPath == out + "/report_one.txt")
      #expect(annPath == out + "/report_one.ann")
      #expect(FileManager.default.fileExists(atPath: out + "/annotation.conf"))

      let written = try String(contentsOfFile: txtPath, encoding: .utf8)
      #expect(written == text.replacingOccurrences(of: "\r\n", with: "\n"))
      let characters = Array(written.unicodeScalars)
      let ann = try String(contentsOfFile: annPath, encoding: .utf8)
      var surfaces: [String] = []
      for row in ann.split(separator: "\n") where row.hasPrefix("T") {
        let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
        try #require(fields.count == 3)
        let typeAndOffsets = fields[1].split(separator: " ", maxSplits: 1)
        let fragments = typeAndOffsets[1].split(separator: ";").map {
          $0.split(separator: " ").compactMap { Int($0) }
        }
        let slices = try fragments.map { pair in
          try #require(
            pair.count == 2 && 0 <= pair[0] && pair[0] < pair[1] && pair[1] <= characters.count)
          return String(String.UnicodeScalarView(characters[pair[0]..<pair[1]]))
        }
        #expect(slices.joined(separator: " ") == String(fields[2]), "\(row)")
        surfaces.append(String(fields[2]))
      }
      #expect(surfaces.contains("Kandahār"))
      #expect(surfaces.contains("Lakki Marwat"))
      #expect(surfaces.contains("Quetta"))
      // Places carry their normalised value in a note: country, admin1, ID, lat,lon.
      #expect(ann.contains("AnnotatorNotes T"))
      #expect(ann.contains("\tPK · Balochistan · geonames:1167528 · 30.1841,67.0014\n"), "\(ann)")
    }
  }

  @Test func bratNamesAreSafeAndUnique() throws {
    try withTemporaryDirectory { dir in
      let a = try dir.write("a/report.txt", "Floods in Quetta.")
      let b = try dir.write("b/report.txt", "Floods in Kabul.")
      let c = try dir.write("c/Report.txt", "Floods in Herat.")
      let out = dir.url.appendingPathComponent("out").path
      let result = try runEntities(["annotate", "--format", "brat", "--output-dir", out, a, b, c])
      #expect(result.status == 0, "\(result.stderrText)")
      let names = try result.jsonLines().map {
        ($0["ann"] as? String ?? "").split(separator: "/").last ?? ""
      }
      #expect(names == ["report.ann", "report-2.ann", "Report-3.ann"])
      let kabul = try String(contentsOfFile: out + "/report-2.txt", encoding: .utf8)
      #expect(kabul == "Floods in Kabul.")
    }
  }

  @Test func bratPrintsAnErrorLineForADocumentThatFails() throws {
    try withTemporaryDirectory { dir in
      let out = dir.url.appendingPathComponent("out").path
      let result = try runEntities(
        ["annotate", "--input-format", "jsonl", "--format", "brat", "--output-dir", out],
        stdin: Data(Self.mixedJSONL.utf8))
      #expect(result.status == 1)
      let lines = try result.jsonLines()
      #expect(lines.count == 3)
      #expect(lines[0]["ann"] as? String == out + "/first.ann")
      #expect(Set(lines[1].keys) == ["id", "line", "error"])
      #expect(lines[2]["line"] as? Int == 3)
      #expect(lines[2]["ann"] as? String == out + "/line-3.ann")
      #expect(!FileManager.default.fileExists(atPath: out + "/second.ann"))
    }
  }

  @Test func bratNeedsAnOutputDirectory() throws {
    let result = try runEntities(["annotate", "--format", "brat"], stdin: Data("Kabul".utf8))
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrText.contains("--output-dir"))
    let misplaced = try runEntities(
      ["annotate", "--format", "jsonl", "--output-dir", "/tmp"], stdin: Data("Kabul".utf8))
    #expect(misplaced.status == 2)
  }

  // MARK: - html

  @Test func htmlEscapesTheTextAndMarksMentionsWithTheirValues() throws {
    let text = "<script>alert('x & y')</script> Floods in \"Kandahār\" 🙂 killed 12 people."
    let result = try runEntities(["annotate", "--format", "html"], stdin: Data(text.utf8))
    #expect(result.status == 0, "\(result.stderrText)")
    let page = result.stdoutText
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.hasSuffix("</html>\n"))
    #expect(!page.contains("<script"))
    #expect(page.contains("&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;"))
    #expect(page.contains("&quot;<mark class=\"e t-place\" title=\"place&#10;"))
    #expect(page.contains(">Kandahār</mark>&quot; 🙂"))
    #expect(page.contains("title=\"casualty&#10;killed 12 people"))
    // A legend with every type, and no resource from elsewhere.
    for type in ["place", "organization", "person", "nationality", "date", "casualty"] {
      #expect(page.contains("<mark class=\"e t-\(type)\">\(type)</mark>"))
    }
    #expect(!page.contains("http://") && !page.contains("https://"))
    #expect(
      page.components(separatedBy: "<mark").count == page.components(separatedBy: "</mark>").count)
  }

  @Test func htmlIsOnePageWithAnArticlePerDocumentFailuresIncluded() throws {
    let result = try runEntities(
      ["annotate", "--input-format", "jsonl", "--format", "html"], stdin: Data(Self.mixedJSONL.utf8)
    )
    #expect(result.status == 1)
    let page = result.stdoutText
    #expect(page.components(separatedBy: "<!DOCTYPE html>").count == 2)
    #expect(page.components(separatedBy: "</html>").count == 2)
    #expect(page.components(separatedBy: "<article class=\"doc\">").count == 3)
    #expect(page.contains("<article class=\"doc failed\">\n<h2>second</h2>"))
    #expect(page.contains("3 documents, 1 could not be annotated."))
  }

  // MARK: - failures, --quiet and the progress line

  @Test(arguments: ["jsonl", "text", "conll", "html", "brat"])
  func aFailedDocumentStillGetsOutput(_ format: String) throws {
    try withTemporaryDirectory { dir in
      let missing = dir.url.appendingPathComponent("missing.txt").path
      var arguments = ["annotate", "--format", format, missing]
      if format == "brat" {
        arguments += ["--output-dir", dir.url.appendingPathComponent("out").path]
      }
      let result = try runEntities(arguments)
      #expect(result.status == 1)
      #expect(result.stdoutText.contains(missing), "\(result.stdoutText)")
      #expect(result.stdoutText.contains("no such file"), "\(result.stdoutText)")
    }
  }

  @Test func quietWritesNothingOnStandardError() throws {
    let result = try runEntities(
      ["annotate", "--quiet", "--input-format", "jsonl", "--format", "jsonl"],
      stdin: Data(Self.mixedJSONL.utf8))
    #expect(result.status == 1)
    #expect(result.stderr.isEmpty)
    #expect(result.lines.count == 3)
  }

  /// Runs `entities` with standard error on a pseudo-terminal (through Python's `pty`)
  /// and returns what the terminal received.
  private func terminalStandardError(_ arguments: [String]) throws -> String {
    let executable = try #require(entitiesExecutable)
    let script = """
      import os, pty, subprocess, sys
      master, slave = pty.openpty()
      child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
      os.close(slave)
      received = b""
      while True:
          try:
              chunk = os.read(master, 65536)
          except OSError:
              break
          if not chunk:
              break
          received += chunk
      child.wait()
      sys.stdout.buffer.write(received)
      """
    let result = try run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, executable.path] + arguments)
    return result.stdoutText
  }

  @Test(.enabled(if: pythonAvailable)) func progressLineOnATerminalIsRewrittenAndCleared() throws {
    try withTemporaryDirectory { dir in
      for index in 0..<30 {
        try dir.write(
          "doc-\(index).txt", String(repeating: "Floods hit Quetta on Monday. ", count: 200))
      }
      let shown = try terminalStandardError([
        "annotate", "--format", "jsonl", "--jobs", "2", dir.path,
      ])
      #expect(shown.hasPrefix("\rentities: "), "\(shown.debugDescription)")
      #expect(shown.contains(" docs · ") || shown.contains(" doc · "), "\(shown.debugDescription)")
      #expect(
        shown.contains(" MB (") && shown.contains("MB/s") && shown.contains("ETA"),
        "\(shown.debugDescription)")
      #expect(shown.hasSuffix("\r\u{1B}[K"), "\(shown.debugDescription)")

      let quiet = try terminalStandardError(["annotate", "--quiet", "--format", "jsonl", dir.path])
      #expect(quiet.isEmpty, "\(quiet.debugDescription)")
    }
  }
}
