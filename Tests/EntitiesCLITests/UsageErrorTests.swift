import Foundation
import Testing

/// Option values that cannot be right are refused, naming the value and what would do,
/// with exit status 2 and nothing on standard output.
@Suite struct UsageErrorTests {
  @Test(arguments: [
    (
      ["annotate", "--types", "plac"],
      ["'plac'", "place, organization, person, nationality, date, casualty"]
    ),
    (["annotate", "--types", "place,Date"], ["'Date'", "place, organization"]),
    (["annotate", "--types", "place,,date"], ["''", "place, organization"]),
    (["annotate", "--types", "weapon"], ["'weapon'", "place, organization", "--gazetteers"]),
    (["annotate", "--reference-date", "2024-13-40"], ["'2024-13-40'", "YYYY-MM-DD"]),
    (["annotate", "--reference-date", "yesterday"], ["'yesterday'", "YYYY-MM-DD"]),
    (["annotate", "--reference-date", "2023-02-29"], ["'2023-02-29'", "YYYY-MM-DD"]),
    (["annotate", "--offsets", "bytes"], ["'bytes'", "'scalars'", "'utf8'", "'utf16'"]),
    (
      ["annotate", "--format", "xml"],
      ["'xml'", "jsonl", "conll", "brat", "html", "text", "incidents", "incidents-csv"]
    ),
    (["annotate", "--input-format", "csv"], ["'csv'", "'text'", "'jsonl'"]),
    (["annotate", "--color", "sometimes"], ["'sometimes'", "'auto'", "'always'", "'never'"]),
    (["annotate", "--jobs", "0"], ["--jobs", "at least 1"]),
    (["annotate", "--no-such-option"], ["--no-such-option"]),
    (["evaluate", "--all", "x", "--types", "place"], ["--types", "--gold"]),
    (["evaluate", "--gold", "g.jsonl", "--types", ""], ["--types", "place,date"]),
    (["bench", "--jobs", "0"], ["--jobs", "at least 1"]),
    (["bench", "--repetitions", "0"], ["--repetitions", "at least 1"]),
  ])
  func badValueExitsTwoNamingIt(_ arguments: [String], _ expected: [String]) throws {
    let result = try runEntities(arguments, stdin: Data("Floods in Quetta.".utf8))
    #expect(result.status == 2, "\(arguments): \(result.stderrText)")
    #expect(result.stdout.isEmpty)
    for text in expected {
      #expect(result.stderrText.contains(text), "\(arguments): no \(text) in \(result.stderrText)")
    }
  }

  @Test func aTypeOfAUserGazetteerIsAccepted() throws {
    try withTemporaryDirectory { dir in
      try dir.write("gazetteers/kit.tsv", "Kalashnikov\tweapon\tuser:ak47\n")
      let result = try runEntities(
        [
          "annotate", "--format", "jsonl", "--types", "weapon", "--gazetteers",
          dir.url.appendingPathComponent("gazetteers").path,
        ],
        stdin: Data("A Kalashnikov was found in Quetta.".utf8))
      #expect(result.status == 0, "\(result.stderrText)")
      let line = try #require(try result.jsonLines().first)
      #expect(summary(of: line) == ["weapon 2-13 Kalashnikov"])
    }
  }

  @Test func helpStillExitsZero() throws {
    let result = try runEntities(["annotate", "--help"])
    #expect(result.status == 0)
    #expect(result.stdoutText.contains("--color"))
  }

  @Test func evaluateRefusesATypeThatIsNowhere() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write(
        "gold.jsonl",
        #"{"id": "a", "text": "Floods in Quetta.", "entities": [{"start": 10, "end": 16, "type": "place", "text": "Quetta"}]}"#
          + "\n")
      for (types, name) in [("place,plac", "'plac'"), ("date,vessel", "'vessel'")] {
        let bad = try runEntities(["evaluate", "--gold", gold, "--types", types])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderrText.contains(name), "\(bad.stderrText)")
        #expect(
          bad.stderrText.contains("place, organization, person, nationality, date, casualty, misc"))
      }
      // Types of the SPEC and of the --map are known even when the gold has none.
      let good = try runEntities(["evaluate", "--gold", gold, "--types", "place,date,misc"])
      #expect(good.status == 0, "\(good.stderrText)")
    }
  }
}
