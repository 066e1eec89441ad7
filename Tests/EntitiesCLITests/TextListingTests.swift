import EntityExtraction
import Foundation
import Testing

@testable import entities

/// The `text` format: what each line says about a mention, its columns, and when it is
/// coloured.
@Suite struct TextListingTests {
  static let sentence =
    "Prime Minister Shehbaz Sharif said on Monday that the TTP had killed at least 38 people in Quetta. Sharif blamed Afghan fighters."

  /// The listing's line for the mention with this text.
  private func line(_ listing: String, _ surface: String) throws -> String {
    try #require(
      listing.split(separator: "\n").map(String.init).first {
        $0.dropFirst(2).contains("  \(surface)  ")
      },
      "no line for \(surface) in\n\(listing)")
  }

  @Test func eachLineShowsTheMentionsValueAndConfidence() throws {
    let result = try runEntities(
      ["annotate", "--format", "text", "--reference-date", "2024-03-05"],
      stdin: Data(Self.sentence.utf8))
    #expect(result.status == 0, "\(result.stderrText)")
    let listing = result.stdoutText
    #expect(listing.hasPrefix("== - (7 entities)\n"))
    // date: its TIMEX3 value.
    #expect(try line(listing, "Monday").hasSuffix("0.90  2024-03-04"))
    // organization: the canonical name (the text is an alias), the ID, the attributes.
    #expect(
      try line(listing, "TTP").hasSuffix(
        "Tehrik-i-Taliban Pakistan · eex:org/tehrik-i-taliban-pakistan · country=PK"))
    // casualty: outcome, count with its bound, victims, group, then where and by whom
    // (no date: "said on Monday" dates the statement, not the killing).
    #expect(
      try line(listing, "at least 38 people").hasSuffix(
        "killed ≥ 38 people (unknown) · at Quetta · by Tehrik-i-Taliban Pakistan"))
    // place: country, admin1, ID (no coordinates in the listing). Quetta is also a
    // district: the city by its size, supported by "Afghan" (a neighbouring country).
    #expect(try line(listing, "Quetta").hasSuffix("0.95  PK · Balochistan · geonames:1167528"))
    // person: the canonical name when the text is shorter, nothing when it is the same.
    #expect(try line(listing, "Sharif").hasSuffix("0.85  Shehbaz Sharif"))
    #expect(try line(listing, "Shehbaz Sharif").hasSuffix("15-29    0.90"))
    // nationality: its country.
    #expect(try line(listing, "Afghan").hasSuffix("country=AF"))
    // Not a terminal: no colour.
    #expect(!listing.contains("\u{1B}"))
  }

  @Test func columnsAreAligned() throws {
    let result = try runEntities(
      ["annotate", "--format", "text", "--reference-date", "2024-03-05"],
      stdin: Data(Self.sentence.utf8))
    let rows = result.stdoutText.split(separator: "\n").dropFirst().map(String.init)
    try #require(rows.count == 7)
    // Every column starts at the same place on every line: the text after the type,
    // the offsets after the text, the confidence after the offsets.
    for pattern in [#"^  \S+ +"#, #"^  \S+ +.+? {2,}(?=\d+-\d+)"#, #"^  \S+ +.+? {2,}\d+-\d+ +"#] {
      let regex = try Regex(pattern)
      let starts = try rows.map { row -> Int in
        let match = try #require(row.firstMatch(of: regex), "\(pattern) in \(row)")
        return row.distance(from: row.startIndex, to: match.range.upperBound)
      }
      #expect(Set(starts).count == 1, "\(pattern): \(starts)\n\(rows.joined(separator: "\n"))")
    }
  }

  @Test func aTextPastTheLimitIsCutAndWideCharactersCountDouble() {
    #expect(
      TextListing.cut("United Nations Office of the High Commissioner", to: 10) == "United Na…")
    #expect(TextListing.cut("Quetta", to: 6) == "Quetta")
    #expect(TextListing.displayWidth("Kandahār") == 8)
    #expect(TextListing.displayWidth("Re\u{301}union") == 7)
    #expect(TextListing.displayWidth("東京") == 4)
    #expect(TextListing.cut("東京都庁", to: 6) == "東京…")
    #expect(TextListing.padding("東京", 6) == "  ")
  }

  @Test func controlCharactersNeverReachTheTerminal() throws {
    // An ID with a clear-screen escape and a right-to-left override.
    let input = #"{"id": "a\u001b[2J\u202Eb", "text": "Floods in Quetta."}"# + "\n"
    let result = try runEntities(
      ["annotate", "--input-format", "jsonl", "--format", "text", "--color", "always"],
      stdin: Data(input.utf8))
    #expect(
      result.stdoutText.contains("== a\u{FFFD}[2J\u{FFFD}b (1 entity)"), "\(result.stdoutText)")
    #expect(!result.stdoutText.contains("\u{1B}[2J"))
    #expect(TextListing.terminalSafe("a\tb\nc\u{7}d\u{2067}") == "a b c\u{FFFD}d\u{FFFD}")
  }

  // MARK: - values

  @Test(arguments: [
    (CasualtyCount(outcome: .killed, min: 5, max: 5), "killed 5"),
    (CasualtyCount(outcome: .killed, min: 38, max: nil), "killed ≥ 38"),
    (CasualtyCount(outcome: .injured, min: 10, max: 12), "injured 10–12"),
    (CasualtyCount(outcome: .kidnapped, min: nil, max: 12), "kidnapped ≤ 12"),
    (CasualtyCount(outcome: .killed, min: 200, max: 200, approximate: true), "killed ~200"),
    (CasualtyCount(outcome: .casualties, min: nil, max: nil), "casualties ?"),
    (
      CasualtyCount(outcome: .killed, min: 16, max: 16, victims: "miners", group: "civilians"),
      "killed 16 miners (civilians)"
    ),
    // The group is left out when it is the victims' own word.
    (
      CasualtyCount(outcome: .killed, min: 14, max: 14, victims: "militants", group: "militants"),
      "killed 14 militants"
    ),
  ])
  func casualtyValues(_ count: CasualtyCount, _ expected: String) {
    let entity = Entity(utf8Range: 0..<4, label: .casualty, casualty: count)
    #expect(entity.valueDescription(in: "text", detail: .brief) == expected)
    #expect(entity.valueDescription(in: "text", detail: .full) == expected)
  }

  @Test func longVictimsAreLeftOutOfTheBriefValueOnly() {
    let victims = "workers of the provincial irrigation department"
    let entity = Entity(
      utf8Range: 0..<4, label: .casualty,
      casualty: CasualtyCount(
        outcome: .injured, min: 3, max: 3, victims: victims, group: "civilians"))
    #expect(entity.valueDescription(in: "text", detail: .brief) == "injured 3 (civilians)")
    #expect(
      entity.valueDescription(in: "text", detail: .full) == "injured 3 \(victims) (civilians)")
  }

  @Test func placeValuesGiveCoordinatesOnlyInFull() {
    let place = ResolvedPlace(
      id: "geonames:1167528", country: "PK", admin1: "Balochistan", latitude: 30.1841,
      longitude: 67.0014)
    let entity = Entity(utf8Range: 0..<6, label: .place, place: place, attributes: ["kind": "city"])
    #expect(
      entity.valueDescription(in: "Quetta", detail: .brief) == "PK · Balochistan · geonames:1167528"
    )
    #expect(
      entity.valueDescription(in: "Quetta", detail: .full)
        == "PK · Balochistan · geonames:1167528 · 30.1841,67.0014")
  }

  @Test func namesShowTheCanonicalNameWhenItDiffersAndOrganizationIDs() {
    let text = "Reuters quoted Sharif and a Chinese engineer."
    let reuters = Entity(
      utf8Range: 0..<7, label: .organization, entryID: "eex:org/reuters", canonicalName: "Reuters")
    let sharif = Entity(
      utf8Range: 15..<21, label: .person, entryID: "eex:person/shehbaz-sharif",
      canonicalName: "Shehbaz Sharif")
    let chinese = Entity(
      utf8Range: 28..<35, label: .nationality, entryID: "eex:nationality/chinese",
      canonicalName: "Chinese",
      attributes: ["country": "CN"])
    let bare = Entity(utf8Range: 0..<7, label: .organization)
    #expect(reuters.valueDescription(in: text) == "eex:org/reuters")
    #expect(sharif.valueDescription(in: text) == "Shehbaz Sharif")
    #expect(chinese.valueDescription(in: text) == "country=CN")
    #expect(bare.valueDescription(in: text) == nil)
  }

  @Test func datesShowTheirTIMEXValue() {
    let entity = Entity(utf8Range: 0..<6, label: .date, date: DateValue(value: "XXXX-WXX-1"))
    #expect(entity.valueDescription(in: "Monday", detail: .brief) == "XXXX-WXX-1")
  }

  @Test(arguments: [(0.9, "0.90"), (1.0, "1.00"), (0.854, "0.85"), (0.0, "0.00"), (0.05, "0.05")])
  func confidenceHasTwoDecimals(_ confidence: Double, _ expected: String) {
    #expect(
      Entity(utf8Range: 0..<1, label: .place, confidence: confidence).confidenceText == expected)
  }

  // MARK: - colour

  @Test(
    arguments: [
      (ColourChoice.auto, true, [:], true),
      (.auto, false, [:], false),
      (.auto, true, ["NO_COLOR": "1"], false),
      (.auto, true, ["NO_COLOR": ""], true),
      (.auto, true, ["TERM": "dumb"], false),
      (.always, false, ["NO_COLOR": "1"], true),
      (.never, true, [:], false),
    ] as [(ColourChoice, Bool, [String: String], Bool)])
  func colourRules(
    _ choice: ColourChoice, _ terminal: Bool, _ environment: [String: String], _ colours: Bool
  ) {
    #expect(choice.coloursOutput(toTerminal: terminal, environment: environment) == colours)
  }

  @Test func colourAlwaysColoursEachTypeAndNeverOrAPipeDoNot() throws {
    let input = Data(Self.sentence.utf8)
    let always = try runEntities(
      ["annotate", "--format", "text", "--color", "always"], stdin: input)
    #expect(always.status == 0)
    #expect(always.stdoutText.contains("\u{1B}[1m== - (7 entities)\u{1B}[0m"))
    #expect(always.stdoutText.contains("  \u{1B}[32mplace\u{1B}[0m  "))
    #expect(always.stdoutText.contains("\u{1B}[32mQuetta\u{1B}[0m"))
    #expect(always.stdoutText.contains("\u{1B}[34mTTP\u{1B}[0m"))
    #expect(always.stdoutText.contains("\u{1B}[31mat least 38 people\u{1B}[0m"))
    // An explicit --color always wins over NO_COLOR.
    let forced = try runEntities(
      ["annotate", "--format", "text", "--color", "always"], stdin: input,
      environment: ["NO_COLOR": "1"])
    #expect(forced.stdoutText.contains("\u{1B}[32m"))
    for arguments in [["--color", "never"], ["--color", "auto"], []] {
      let plain = try runEntities(["annotate", "--format", "text"] + arguments, stdin: input)
      #expect(plain.status == 0)
      #expect(!plain.stdoutText.contains("\u{1B}"), "\(arguments)")
      #expect(plain.stdoutText.contains("  place         Quetta"))
    }
    // Colour is for the listing only: JSONL never has it.
    let jsonl = try runEntities(
      ["annotate", "--format", "jsonl", "--color", "always"], stdin: input)
    #expect(!jsonl.stdoutText.contains("\u{1B}"))
  }

  @Test func failuresAreRedWhenColoured() throws {
    let result = try runEntities(
      ["annotate", "--format", "text", "--color", "always"], stdin: Data([0xFF]))
    #expect(result.status == 1)
    #expect(
      result.stdoutText.hasPrefix("\u{1B}[31m== error: -: invalid UTF-8 at byte 0\u{1B}[0m\n"))
  }

  /// On a real terminal (a pseudo-terminal made by Python's `pty`): colour by default,
  /// none with `NO_COLOR` set to something or `--color never`.
  @Test(
    .enabled(if: pythonAvailable, "needs python3 to give the tool a pseudo-terminal"),
    arguments: [
      ([], nil, true),
      ([], "1", false),
      ([], "", true),
      (["--color", "never"], nil, false),
    ] as [([String], String?, Bool)])
  func onATerminal(_ arguments: [String], _ noColor: String?, _ colours: Bool) throws {
    guard let executable = entitiesExecutable else { throw MissingExecutable() }
    try withTemporaryDirectory { dir in
      let file = try dir.write("quetta.txt", "Floods in Quetta.")
      let script = """
        import os, pty, sys
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(sys.argv[1], sys.argv[1:])
        out = b""
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        _, status = os.waitpid(pid, 0)
        sys.stdout.buffer.write(out)
        sys.exit(os.waitstatus_to_exitcode(status))
        """
      let result = try run(
        URL(fileURLWithPath: "/usr/bin/env"),
        ["python3", "-c", script, executable.path, "annotate", "--quiet"] + arguments + [file],
        environment: ["NO_COLOR": noColor, "TERM": "xterm"])
      #expect(result.status == 0, "\(result.stderrText)")
      // The default format on a terminal is the listing.
      #expect(result.stdoutText.contains("Quetta"), "\(result.stdoutText)")
      #expect(
        result.stdoutText.contains("\u{1B}[32mQuetta\u{1B}[0m") == colours, "\(result.stdoutText)")
      #expect(result.stdoutText.contains("\u{1B}") == colours)
    }
  }
}
