import Foundation
import Testing

/// `--format incidents` and `incidents-csv`, and the place, date and perpetrator of a
/// casualty count in the text and brat formats.
@Suite struct IncidentFormatTests {
  /// Two documents with counts (the second with a comma and quotes in its sentence and a
  /// non-ASCII place), one without, and a line without text.
  static let input =
    [
      #"{"id":"a","reference_date":"2024-08-27","text":"On Monday, gunmen attacked a bus in Musakhail. 23 people were killed."}"#,
      #"{"id":"b","reference_date":"2024-02-12","text":"“We heard it,” he said: a suicide bomber killed five people in Kandahār on Sunday."}"#,
      #"{"id":"c","text":"Floods hit Quetta on Monday."}"#,
      #"{"id":"d","title":"no text"}"#,
    ].joined(separator: "\n") + "\n"

  static let fields = [
    "id", "sentence", "text", "start", "end", "outcome", "min", "max", "approximate", "victims",
    "group", "place", "date", "perpetrator", "rule", "confidence",
  ]

  @Test func incidentsAreOneJSONObjectPerCount() throws {
    let result = try runEntities(
      ["annotate", "--input-format", "jsonl", "--format", "incidents"], stdin: Data(Self.input.utf8))
    #expect(result.status == 1, "the line without text fails")
    let lines = try result.jsonLines()
    try #require(lines.count == 3)
    for line in lines.prefix(2) {
      #expect(Set(line.keys) == Set(Self.fields), "every field on every line")
    }
    #expect(lines[0]["id"] as? String == "a")
    #expect(lines[0]["sentence"] as? String == "23 people were killed.")
    #expect(lines[0]["outcome"] as? String == "killed")
    #expect(lines[0]["min"] as? Int == 23)
    let place = try #require(lines[0]["place"] as? [String: Any])
    #expect(place["name"] as? String == "Musakhel")
    #expect(place["admin1"] as? String == "Balochistan")
    #expect(place["lat"] is Double)
    #expect(lines[0]["date"] as? String == "2024-08-26")
    #expect(lines[0]["perpetrator"] is NSNull)
    // Offsets count code points by default: the curly quotes are one each.
    let text = "“We heard it,” he said: a suicide bomber killed five people in Kandahār on Sunday."
    let start = try #require(lines[1]["start"] as? Int)
    let end = try #require(lines[1]["end"] as? Int)
    #expect(String(String.UnicodeScalarView(Array(text.unicodeScalars)[start..<end])) == "five people")
    #expect(lines[1]["date"] as? String == "2024-02-11")
    #expect(lines[2]["id"] as? String == "d")
    #expect((lines[2]["error"] as? String)?.contains("no string \"text\" member") == true)
  }

  @Test func incidentsCSVHasAHeaderAndQuotesItsFields() throws {
    let result = try runEntities(
      ["annotate", "--input-format", "jsonl", "--format", "incidents-csv"], stdin: Data(Self.input.utf8))
    #expect(result.status == 1)
    let rows = try Self.csvRows(result.stdoutText)
    try #require(rows.count == 4)
    let header = rows[0]
    #expect(header.first == "id" && header.last == "error")
    #expect(rows.allSatisfy { $0.count == header.count }, "every row has every column")
    func cell(_ row: [String], _ name: String) -> String? {
      header.firstIndex(of: name).map { row[$0] }
    }
    #expect(cell(rows[1], "place_name") == "Musakhel")
    #expect(cell(rows[1], "date") == "2024-08-26")
    #expect(cell(rows[1], "perpetrator") == "")
    #expect(cell(rows[2], "sentence") == "“We heard it,” he said: a suicide bomber killed five people in Kandahār on Sunday.")
    #expect(cell(rows[2], "approximate") == "false")
    #expect(cell(rows[3], "id") == "d")
    #expect(cell(rows[3], "error")?.contains("no string \"text\" member") == true)
    #expect(result.stdoutText.contains(#""“We heard it,” he said: a suicide"#), "a field with a comma is quoted")
  }

  @Test func aQuoteInAFieldIsDoubled() throws {
    let text = #"Police said "nine people were killed" in Quetta."#
    let result = try runEntities(["annotate", "--format", "incidents-csv"], stdin: Data(text.utf8))
    #expect(result.status == 0, "\(result.stderrText)")
    #expect(result.stdoutText.contains(#""Police said ""nine people were killed"" in Quetta.""#))
    let rows = try Self.csvRows(result.stdoutText)
    #expect(rows.count == 2)
    #expect(rows.last?[2] == text)
  }

  @Test func aDocumentWithoutCountsWritesNoRecord() throws {
    let json = try runEntities(["annotate", "--format", "incidents"], stdin: Data("Floods hit Quetta.".utf8))
    #expect(json.status == 0)
    #expect(json.stdout.isEmpty)
    let csv = try runEntities(["annotate", "--format", "incidents-csv"], stdin: Data("Floods hit Quetta.".utf8))
    #expect(try Self.csvRows(csv.stdoutText).count == 1, "the header alone")
  }

  @Test func typesDoNotApplyToIncidents() throws {
    let result = try runEntities(
      ["annotate", "--format", "incidents", "--types", "casualty"], stdin: Data("x".utf8))
    #expect(result.status == 2)
    #expect(result.stderrText.contains("--types does not apply"))
  }

  @Test func theTextListingEndsACountWithItsLinks() throws {
    let text = "On Monday, gunmen attacked a bus in Musakhail. 23 people were killed."
    let result = try runEntities(
      ["annotate", "--format", "text", "--color", "never", "--reference-date", "2024-08-27"], stdin: Data(text.utf8))
    #expect(result.stdoutText.contains("killed 23 people (unknown) · at Musakhel · on 2024-08-26"))
  }

  @Test func bratRelatesACountToItsPlaceAndDate() throws {
    try withTemporaryDirectory { dir in
      let input = try dir.write(
        "a.txt", "On Monday, gunmen attacked a bus in Musakhail. 23 people were killed.")
      let out = dir.url.appendingPathComponent("brat").path
      let result = try runEntities(["annotate", "--format", "brat", "--output-dir", out, input])
      #expect(result.status == 0, "\(result.stderrText)")
      let ann = try String(contentsOfFile: out + "/a.ann", encoding: .utf8)
      var numbers: [String: String] = [:]
      for row in ann.split(separator: "\n") where row.hasPrefix("T") {
        let fields = row.split(separator: "\t")
        numbers[String(fields[2])] = String(fields[0])
      }
      let count = try #require(numbers["23 people"])
      #expect(ann.contains("place Arg1:\(count) Arg2:\(try #require(numbers["Musakhail"]))"))
      #expect(ann.contains("date Arg1:\(count) Arg2:\(try #require(numbers["Monday"]))"))
      let conf = try String(contentsOfFile: out + "/annotation.conf", encoding: .utf8)
      #expect(conf.contains("place\tArg1:casualty, Arg2:place"))
    }
  }

  /// Parses RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes.
  static func csvRows(_ text: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      if quoted {
        if scalar == "\"" {
          if scalars.first == "\"" {
            field.unicodeScalars.append("\"")
            scalars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty: quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    try #require(!quoted && field.isEmpty && row.isEmpty, "the text ends with a complete row")
    return rows
  }
}
