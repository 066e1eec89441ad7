import Foundation
import Testing

@Suite struct EvaluateCommandTests {
  /// Gold: three places and a date. Predictions: one place right, one spurious, the date right.
  static let gold = """
    {"id": "a", "text": "Clashes in Pakistan and Afghanistan.", "entities": [{"start": 11, "end": 19, "type": "place", "text": "Pakistan"}, {"start": 24, "end": 35, "type": "place", "text": "Afghanistan"}]}
    {"id": "b", "text": "Rain in Quetta on 4 May.", "reference_date": "2024-05-06", "entities": [{"start": 8, "end": 14, "type": "place", "text": "Quetta"}, {"start": 18, "end": 23, "type": "date", "text": "4 May", "value": "2024-05-04"}]}

    """

  static let predicted = """
    {"id": "a", "entities": [{"type": "place", "start": 11, "end": 19, "text": "Pakistan"}, {"type": "place", "start": 0, "end": 7, "text": "Clashes"}]}
    {"id": "b", "entities": [{"type": "date", "start": 18, "end": 23, "text": "4 May", "date": {"value": "2024-05-04"}}]}

    """

  private func fields(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
  }

  @Test func tableReportsPerTypeMicroAndMacro() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", Self.predicted)
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted])
      #expect(result.status == 0, "\(result.stderrText)")
      let rows = fields(result.stdoutText)
      #expect(rows.first == ["2", "documents;", "types", "scored:", "place,", "date"])
      #expect(rows.contains(["place", "3", "2", "0.500", "0.333", "0.400", "0.500", "0.333", "0.400"]))
      #expect(rows.contains(["date", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000", "1.000"]))
      #expect(rows.contains(["micro", "4", "3", "0.667", "0.500", "0.571", "0.667", "0.500", "0.571"]))
      #expect(rows.contains(["macro", "0.750", "0.667", "0.700", "0.750", "0.667", "0.700"]))
      #expect(result.stdoutText.contains("date values: 1/1 = 1.000"))
    }
  }

  @Test func jsonOutputParses() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", Self.predicted)
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted, "--json"])
      #expect(result.status == 0, "\(result.stderrText)")
      let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      #expect(object["documents"] as? Int == 2)
      #expect(object["scored_types"] as? [String] == ["place", "date"])
      let place = try #require(((object["types"] as? [String: Any])?["place"] as? [String: Any])?["strict"] as? [String: Any])
      #expect(place["tp"] as? Int == 1)
      #expect(place["fp"] as? Int == 1)
      #expect(place["fn"] as? Int == 2)
      #expect(abs((place["f1"] as? Double ?? -1) - 0.4) < 1e-9)
      let macro = try #require((object["macro"] as? [String: Any])?["strict"] as? [String: Any])
      #expect(abs((macro["f1"] as? Double ?? -1) - 0.7) < 1e-9)
      #expect((object["date_value"] as? [String: Any])?["accuracy"] as? Double == 1)
      #expect(object["casualty_records"] == nil)
    }
  }

  @Test func showErrorsListsTheSpuriousMention() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", Self.predicted)
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted, "--show-errors", "3"])
      #expect(result.status == 0)
      #expect(result.stdoutText.contains("## place: spurious (1)"))
      #expect(result.stdoutText.contains("- a: ⟦Clashes⟧ in Pakistan and Afghanistan."))
      #expect(result.stdoutText.contains("## place: missed (2)"))
    }
  }

  @Test func mismatchedIDsFailNamingThem() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write(
        "predicted.jsonl", Self.predicted.replacingOccurrences(of: #""id": "b""#, with: #""id": "stray-id""#))
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted])
      #expect(result.status != 0)
      #expect(result.stderrText.contains("'b'"), "\(result.stderrText)")
      #expect(result.stderrText.contains("'stray-id'"), "\(result.stderrText)")
      #expect(!result.stdoutText.contains("micro"))
    }
  }

  /// `EvaluationFailure` in Sources/entities/Evaluate.swift is documented to end `evaluate`
  /// with status 2 (as Scripts/reference-evaluate.py does for bad input).
  @Test func badInputExitsWithStatusTwo() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", #"{"id": "a", "entities": []}"# + "\n")
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted])
      #expect(result.status == 2)
      let unreadable = try runEntities(["evaluate", "--gold", dir.url.appendingPathComponent("nope.jsonl").path])
      #expect(unreadable.stderrText.contains("nope.jsonl: no such file"))
      #expect(unreadable.status == 2)
    }
  }

  @Test func predictedOffsetsInAnotherUnitAreRejected() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write(
        "gold.jsonl", #"{"id": "u", "text": "Café in Kabul", "entities": [{"start": 8, "end": 13, "type": "place", "text": "Kabul"}]}"# + "\n")
      // UTF-8 offsets (9..<14) instead of scalars.
      let predicted = try dir.write(
        "predicted.jsonl", #"{"id": "u", "entities": [{"type": "place", "start": 9, "end": 14, "text": "Kabul"}]}"# + "\n")
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted])
      #expect(result.status != 0)
      #expect(result.stderrText.contains("is outside document 'u'"), "\(result.stderrText)")
    }
  }

  @Test func goldAloneAnnotatesTheGoldTexts() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write(
        "gold.jsonl", #"{"id": "g", "text": "Floods in Pakistan.", "entities": [{"start": 10, "end": 18, "type": "place", "text": "Pakistan"}]}"# + "\n")
      let result = try runEntities(["evaluate", "--gold", gold])
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(fields(result.stdoutText).contains(["place", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000", "1.000"]))
    }
  }

  @Test func goldWithoutAReferenceDateIsAnchoredToTheDocumentsDateUnlessTurnedOff() throws {
    try withTemporaryDirectory { dir in
      // "March 3, 2024" is 8..<21, "Saturday" 43..<51.
      let gold = try dir.write(
        "gold.jsonl",
        #"{"id": "d", "text": "QUETTA, March 3, 2024 — Gunmen attacked on Saturday.", "entities": [{"start": 8, "end": 21, "type": "date", "text": "March 3, 2024", "value": "2024-03-03"}, {"start": 43, "end": 51, "type": "date", "text": "Saturday", "value": "2024-03-02"}]}"#
          + "\n")
      let anchored = try runEntities(["evaluate", "--gold", gold, "--types", "date"])
      #expect(anchored.status == 0, "\(anchored.stderrText)")
      #expect(anchored.stdoutText.contains("date values: 2/2 = 1.000"), "\(anchored.stdoutText)")
      let unanchored = try runEntities(["evaluate", "--gold", gold, "--types", "date", "--no-document-anchor"])
      #expect(unanchored.status == 0, "\(unanchored.stderrText)")
      #expect(unanchored.stdoutText.contains("date values: 1/2 = 0.500"), "\(unanchored.stdoutText)")
    }
  }

  @Test func conllGoldIsReadByExtension() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.conll", "-DOCSTART- -X- O\n\nFloods O\nin O\nPakistan B-LOC\n. O\n")
      let result = try runEntities(["evaluate", "--gold", gold, "--json"])
      #expect(result.status == 0, "\(result.stderrText)")
      let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      let place = try #require(((object["types"] as? [String: Any])?["place"] as? [String: Any])?["strict"] as? [String: Any])
      #expect(place["tp"] as? Int == 1)
      #expect(place["fn"] as? Int == 0)
    }
  }

  @Test func annotateCoNLLOutputServesAsGold() throws {
    // The workflow of building gold by correcting the tool: annotate as CoNLL, fix the
    // tags by hand, evaluate against the file. Uncorrected, the tool agrees with itself.
    try withTemporaryDirectory { dir in
      _ = try dir.write("in/a.txt", "Militants attacked a convoy in Lakki Marwat district.")
      _ = try dir.write("in/b.txt", "Floods hit Sindh and Balochistan.")
      let annotated = try runEntities(["annotate", "--format", "conll", "--types", "place", dir.url.appendingPathComponent("in").path])
      #expect(annotated.status == 0, "\(annotated.stderrText)")
      #expect(annotated.stdoutText.contains("# id = "))
      let gold = try dir.write("gold.conll", annotated.stdoutText)
      let result = try runEntities(["evaluate", "--gold", gold, "--types", "place", "--json"])
      #expect(result.status == 0, "\(result.stderrText)")
      let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      let place = try #require(((object["types"] as? [String: Any])?["place"] as? [String: Any])?["strict"] as? [String: Any])
      #expect(place["tp"] as? Int == 3)
      #expect(place["fp"] as? Int == 0)
      #expect(place["fn"] as? Int == 0)
    }
  }

  /// `annotate --types` accepts `"place, date"`; `evaluate --types` (and the reference
  /// script) should read it the same way, not as the type " date".
  @Test func typesOptionIgnoresSpacesAfterCommas() throws {
    try withTemporaryDirectory { dir in
      let gold = try dir.write("gold.jsonl", Self.gold)
      let predicted = try dir.write("predicted.jsonl", Self.predicted)
      let result = try runEntities(["evaluate", "--gold", gold, "--predicted", predicted, "--types", "place, date", "--json"])
      #expect(result.status == 0)
      let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
      #expect(object["scored_types"] as? [String] == ["place", "date"])
      #expect(((object["micro"] as? [String: Any])?["strict"] as? [String: Any])?["tp"] as? Int == 2)
    }
  }
}

@Suite struct GazetteerCommandTests {
  @Test func bundledGazetteersCheckOut() throws {
    let result = try runEntities(["gazetteer", "check"])
    #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    #expect(result.stdoutText.contains(": OK"))
    #expect(!result.stdoutText.contains("not sorted"))
  }

  @Test func listPrintsTheEntriesOfATypeWithTheirSourceLines() throws {
    try withTemporaryDirectory { dir in
      _ = try dir.write("mine.tsv", "Zorvane Holdings\tcompany_x\tuser:zorvane\n")
      let result = try runEntities(["gazetteer", "list", "--gazetteers", dir.path, "--types", "company_x"])
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(result.stdoutText.hasPrefix("Zorvane Holdings\tcompany_x\tuser:zorvane\t"), "\(result.stdoutText)")
      #expect(result.stdoutText.contains("mine.tsv:1"), "\(result.stdoutText)")
    }
  }

  @Test func checkNamesTheMalformedLine() throws {
    try withTemporaryDirectory { dir in
      let file = try dir.write("broken.tsv", "Alpha\tplace\tuser:a\n\tplace\tuser:b\n")
      let result = try runEntities(["gazetteer", "check", file])
      #expect(result.status != 0)
      #expect(result.stderrText.contains("broken.tsv:2:"), "\(result.stderrText)")
    }
  }
}

@Suite struct BenchCommandTests {
  @Test func aGeneratedCorpusIsMeasuredStageByStage() throws {
    let result = try runEntities(["bench", "--generated-mb", "1", "--repetitions", "1", "--jobs", "1"])
    #expect(result.status == 0, "\(result.stderrText)")
    for stage in ["corpus:", "gazetteers:", "tokenizer", "extraction (all recognizers)", "extraction + JSONL"] {
      #expect(result.stdoutText.contains(stage), "\(stage) missing in \(result.stdoutText)")
    }
    // The generated corpus is news-like: every type is found in it, at a real density.
    let density = try #require(result.stdoutText.split(separator: "\n").first { $0.hasPrefix("mentions per KB: ") })
    let total = try #require(Double(density.dropFirst("mentions per KB: ".count).prefix { $0 != " " }))
    #expect((10...30).contains(total), "\(density)")
    for label in ["place", "organization", "person", "nationality", "date", "casualty"] {
      #expect(density.contains("\(label) ") && !density.contains("\(label) 0.0"), "\(label) in \(density)")
    }
  }

  @Test func aJSONLCorpusIsReadByItsTexts() throws {
    try withTemporaryDirectory { dir in
      let path = try dir.write(
        "news.jsonl",
        #"{"id": "a", "text": "Gunmen killed four guards near Quetta on Monday."}"# + "\n"
          + #"{"id": "b", "text": "The Red Crescent sent aid to Kandahar."}"# + "\n" + "not json\n")
      let result = try runEntities([
        "bench", "--repetitions", "1", "--jobs", "1", "--input-format", "jsonl", path,
      ])
      #expect(result.status == 0, "\(result.stderrText)")
      #expect(result.stdoutText.contains("corpus: 2 documents"), "\(result.stdoutText)")
      #expect(result.stderrText.contains("skipped 1 unreadable"), "\(result.stderrText)")
      // One count ("four guards") in the two texts: its density is not zero.
      #expect(result.stdoutText.contains("casualty ") && !result.stdoutText.contains("casualty 0.0"), "\(result.stdoutText)")
    }
  }
}
