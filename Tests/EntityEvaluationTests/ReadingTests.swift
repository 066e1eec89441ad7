import EntityEvaluation
import Testing

@Suite struct JSONLReadingTests {
  private func read(_ text: String, source: String = "in.jsonl") throws(EvaluationError) -> [AnnotatedDocument] {
    try AnnotatedDocument.readJSONL(Array(text.utf8), sourceName: source)
  }

  @Test func readsGoldAndPredictedFieldsWithLineNumbers() throws {
    let documents = try read(
      #"""
      {"id": "a", "text": "Kabul, 3 May", "reference_date": "2024-05-04", "entities": [{"start": 0, "end": 5, "type": "place", "text": "Kabul"}, {"start": 7, "end": 12, "type": "date", "value": "2024-05-03"}]}

      {"id": 17, "extra": true, "entities": [{"type": "date", "start": 7, "end": 12, "date": {"value": "2024-05-03"}}, {"type": "casualty", "start": 0, "end": 5, "casualty": {"outcome": "killed", "min": 2, "max": null, "victims": "guards"}}]}
      """#)
    #expect(documents.count == 2)
    let gold = documents[0]
    #expect(gold.id == "a")
    #expect(gold.text == "Kabul, 3 May")
    #expect(gold.referenceDate == "2024-05-04")
    #expect(gold.line == 1)
    #expect(gold.error == nil)
    #expect(
      gold.entities == [
        AnnotatedEntity(start: 0, end: 5, type: "place", text: "Kabul"),
        AnnotatedEntity(start: 7, end: 12, type: "date", dateValue: "2024-05-03"),
      ])
    let predicted = documents[1]
    #expect(predicted.id == "17")  // a non-string ID as its JSON text
    #expect(predicted.text == nil)
    #expect(predicted.line == 3)  // the blank line still counts
    #expect(predicted.entities[0].dateValue == "2024-05-03")
    #expect(predicted.entities[1].casualty == CasualtyRecord(outcome: "killed", min: 2, max: nil))
  }

  @Test func errorLinesBecomeDocumentsWithoutEntities() throws {
    let documents = try read(
      #"""
      {"id": "broken.txt", "error": "broken.txt: invalid UTF-8 at byte 3"}
      {"id": "fine.txt", "entities": []}
      """#)
    #expect(documents.map(\.id) == ["broken.txt", "fine.txt"])
    #expect(documents[0].entities.isEmpty)
    #expect(documents[0].error == "broken.txt: invalid UTF-8 at byte 3")
    #expect(documents[1].error == nil)
  }

  @Test func blankAndWhitespaceLinesAreSkipped() throws {
    let documents = try read("\n  \n{\"id\": \"a\", \"entities\": []}\r\n\t\r\n\n{\"id\": \"b\", \"entities\": []}")
    #expect(documents.map(\.id) == ["a", "b"])
    #expect(documents.map(\.line) == [3, 6])
    #expect(try read("").isEmpty)
    #expect(try read("\n\n").isEmpty)
  }

  @Test(
    arguments: [
      ("{\"id\": \"a\", \"entities\": []}\n{\"id\": \"b\", \"entities\": [}\n", "gold.jsonl:2:"),
      ("{\"id\": \"a\", \"entities\": []}\n\n{\"entities\": []}\n", "gold.jsonl:3:"),
      ("{\"id\": null, \"entities\": []}", "gold.jsonl:1:"),
      ("[1, 2]", "gold.jsonl:1:"),
      ("{\"id\": \"a\"}", "gold.jsonl:1:"),
      ("{\"id\": \"a\", \"entities\": [{\"start\": 1, \"type\": \"place\"}]}", "gold.jsonl:1:"),
      ("{\"id\": \"a\", \"entities\": [{\"start\": 0, \"end\": 2, \"type\": \"casualty\", \"casualty\": {\"min\": 1}}]}", "gold.jsonl:1:"),
      ("{\"id\": \"a\", \"entities\": []} trailing", "gold.jsonl:1:"),
    ])
  func malformedLinesNameSourceAndLine(_ text: String, _ place: String) {
    do {
      let documents = try AnnotatedDocument.readJSONL(Array(text.utf8), sourceName: "gold.jsonl")
      Issue.record("expected an error, read \(documents)")
    } catch {
      #expect(error.description.hasPrefix(place), "\(error)")
    }
  }

  @Test func missingIDIsExplained() {
    do {
      _ = try read("{\"text\": \"x\", \"entities\": []}", source: "p.jsonl")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("p.jsonl:1:"))
      #expect(error.description.contains("\"id\""))
    }
  }

  @Test func invalidUTF8IsAnErrorWithItsLine() {
    var bytes = Array("{\"id\": \"a\", \"entities\": []}\n{\"id\": \"b".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\", \"entities\": []}\n".utf8)
    do {
      _ = try AnnotatedDocument.readJSONL(bytes, sourceName: "p.jsonl")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("p.jsonl:2: invalid UTF-8 at byte 9"), "\(error)")
    }
  }
}

@Suite struct CoNLLReadingTests {
  static let labelMap = ["PER": "person", "ORG": "organization", "LOC": "place"]

  private func read(_ text: String, map: [String: String] = labelMap) throws(EvaluationError) -> [AnnotatedDocument] {
    try AnnotatedDocument.readCoNLL(Array(text.utf8), sourceName: "train.conll", labelMap: map)
  }

  /// Two documents; the first has two sentences and two adjacent places, which IOB1
  /// separates with B-.
  static let iob1 = """
    -DOCSTART- -X- -X- O

    Frontier NNP B-NP I-ORG
    Corps NNP I-NP I-ORG
    troops NNS I-NP O
    reached VBD B-VP O
    Zhob NNP B-NP I-LOC
    Quetta NNP I-NP B-LOC
    . . O O

    Imran NNP B-NP I-PER
    Khan NNP I-NP I-PER
    spoke VBD B-VP O
    . . O O

    -DOCSTART- -X- -X- O

    Talks NNS B-NP O
    in IN B-PP O
    Doha NNP B-NP I-LOC
    ended VBD B-VP I-MISC
    """

  static let iob2 = """
    -DOCSTART- -X- -X- O

    Frontier NNP B-NP B-ORG
    Corps NNP I-NP I-ORG
    troops NNS I-NP O
    reached VBD B-VP O
    Zhob NNP B-NP B-LOC
    Quetta NNP I-NP B-LOC
    . . O O

    Imran NNP B-NP B-PER
    Khan NNP I-NP I-PER
    spoke VBD B-VP O
    . . O O

    -DOCSTART- -X- -X- O

    Talks NNS B-NP O
    in IN B-PP O
    Doha NNP B-NP B-LOC
    ended VBD B-VP B-MISC
    """

  @Test func iob1AndIOB2DecodeToTheSameSpans() throws {
    let one = try read(Self.iob1)
    let two = try read(Self.iob2)
    #expect(one == two)
    #expect(one.count == 2)
  }

  @Test func documentsJoinTokensBySpacesAndSentencesByNewlines() throws {
    let documents = try read(Self.iob2)
    #expect(documents.map(\.id) == ["1", "2"])
    let first = documents[0]
    #expect(first.text == "Frontier Corps troops reached Zhob Quetta .\nImran Khan spoke .")
    #expect(documents[1].text == "Talks in Doha ended")
    let text = try #require(first.text)
    let mentions = first.entities.map { entity in
      "\(entity.type):" + String(String.UnicodeScalarView(Array(text.unicodeScalars)[entity.start..<entity.end]))
    }
    #expect(mentions == ["organization:Frontier Corps", "place:Zhob", "place:Quetta", "person:Imran Khan"])
    // Unmapped labels are kept, lower-cased.
    #expect(documents[1].entities == [AnnotatedEntity(start: 9, end: 13, type: "place"), AnnotatedEntity(start: 14, end: 19, type: "misc")])
  }

  @Test func offsetsAreScalarsForNonASCIITokens() throws {
    let documents = try read("Café O\nKandahār B-LOC\nnews O\n")
    #expect(documents.count == 1)
    #expect(documents[0].text == "Café Kandahār news")
    #expect(documents[0].entities == [AnnotatedEntity(start: 5, end: 13, type: "place")])
  }

  @Test func withoutDocstartTheWholeFileIsOneDocument() throws {
    let documents = try read("Kabul B-LOC\n\n\nHerat B-LOC\n")
    #expect(documents.count == 1)
    #expect(documents[0].text == "Kabul\nHerat")
    #expect(documents[0].entities.map(\.start) == [0, 6])
  }

  @Test func labelMapIsApplied() throws {
    let documents = try read("Lahore B-GPE\n", map: ["GPE": "place"])
    #expect(documents[0].entities == [AnnotatedEntity(start: 0, end: 6, type: "place")])
  }

  @Test(
    arguments: [
      ("Kabul B-LOC\nis X-LOC\n", "train.conll:2:"),
      ("Kabul B-LOC\n\nis B-\n", "train.conll:3:"),
      ("Kabul B-LOC\nalone\n", "train.conll:2:"),
      ("-DOCSTART- O\n\nKabul LOC\n", "train.conll:3:"),
    ])
  func malformedLinesNameTheLine(_ text: String, _ place: String) {
    do {
      let documents = try read(text)
      Issue.record("expected an error, read \(documents)")
    } catch {
      #expect(error.description.hasPrefix(place), "\(error)")
    }
  }

  /// Windows line endings: `\r\n` must end a line just like `\n` (the reader strips a
  /// trailing `\r`, so CRLF files are meant to work).
  @Test func commentLinesAreSkippedAndAnIDCommentNamesTheDocument() throws {
    let text = """
      # id = report-7
      # line = 3
      Gunmen\tO
      attacked\tO
      Quetta\tB-place

      # id = broken file.txt
      # error = not valid UTF-8

      # id = report-8
      Floods\tO
      hit\tO
      Sindh\tB-place

      """
    let documents = try read(text)
    #expect(documents.map(\.id) == ["report-7", "broken file.txt", "report-8"])
    #expect(documents.map(\.text) == ["Gunmen attacked Quetta", "", "Floods hit Sindh"])
    #expect(documents[0].entities == [AnnotatedEntity(start: 16, end: 22, type: "place")])
    #expect(documents[1].entities.isEmpty)
    // A "#" token with a tag is a token, not a comment.
    let hashtag = try read("#\tO\nKabul\tB-LOC\n")
    #expect(hashtag.map(\.text) == ["# Kabul"])
    #expect(hashtag[0].entities == [AnnotatedEntity(start: 2, end: 7, type: "place")])
  }

  @Test func crlfLineEndingsReadLikeLF() throws {
    let lf = try read(Self.iob2)
    let crlf = try read(Self.iob2.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(crlf == lf)
  }
}
