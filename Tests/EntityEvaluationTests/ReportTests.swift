import EntityEvaluation
import EntityExtraction
import Foundation
import Testing

@Suite struct ErrorClassificationTests {
  @Test func eachKindOfErrorIsClassified() throws {
    let gold = try goldDocument(
      "d", "[Jaish-e-Mohammed|organization] fighters crossed into [North Waziristan|place] near [Miranshah|place].")
    let text = try #require(gold.text)
    let organization = gold.entities[0]
    let waziristan = gold.entities[1]
    let miranshah = gold.entities[2]
    let fighters = try #require(scalarRange(of: "fighters", in: text))
    let predicted = predictedDocument(
      "d",
      [
        mention("place", waziristan.start + 6..<waziristan.end),  // "Waziristan": wrong boundary
        mention("place", organization.start..<organization.end),  // the organization as a place: wrong type
        mention("place", fighters),  // spurious
        // Miranshah: missed
      ])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    let byKind = Dictionary(grouping: report.errors, by: \.kind)

    let boundary = try #require(byKind[.wrongBoundary]?.first)
    #expect(byKind[.wrongBoundary]?.count == 1)
    #expect(boundary.type == "place")
    #expect(boundary.documentID == "d")
    #expect(boundary.gold == waziristan)
    #expect(boundary.predicted?.start == waziristan.start + 6)

    let wrongType = try #require(byKind[.wrongType]?.first)
    #expect(byKind[.wrongType]?.count == 1)
    #expect(wrongType.type == "place")
    #expect(wrongType.gold == organization)

    let spurious = try #require(byKind[.spurious]?.first)
    #expect(byKind[.spurious]?.count == 1)
    #expect(spurious.gold == nil)
    #expect(spurious.predicted.map { $0.start..<$0.end } == fighters)

    let missed = try #require(byKind[.missed])
    // Miranshah (place) and the organization, which no organization prediction overlaps.
    #expect(missed.map(\.gold).contains(miranshah))
    #expect(missed.map(\.gold).contains(organization))
    #expect(missed.count == 2)
    #expect(missed.allSatisfy { $0.predicted == nil })
    #expect(report.errors.count == 5)
  }

  @Test func contextMarksTheMentionWithBrackets() throws {
    let gold = try goldDocument("d", "Troops entered\n[Zarghunabad|place] at dawn.")
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", [])])
    let item = try #require(report.errors.first)
    #expect(item.kind == .missed)
    // Whitespace (the newline) is shown as a space; no ellipsis for a short document.
    #expect(item.context == "Troops entered ⟦Zarghunabad⟧ at dawn.")
  }

  @Test func contextIsFiftyCharactersEachSideWithEllipses() throws {
    let before = String(repeating: "a", count: 60)
    let after = String(repeating: "b", count: 70)
    let text = before + "Chaman" + after
    let gold = goldDocument("d", text: text, [mention("place", 60..<66)])
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", [mention("place", 60..<64)])])
    let item = try #require(report.errors.first)
    #expect(item.kind == .wrongBoundary)
    #expect(
      item.context
        == "…" + String(repeating: "a", count: 50) + "⟦Cham⟧an" + String(repeating: "b", count: 48) + "…")
  }

  @Test func contextCountsScalarsNotBytes() throws {
    // Accented letters and emoji (four UTF-8 bytes each) before the mention: 31 scalars.
    let before = String(repeating: "é😀", count: 15) + " "
    let text = before + "Gwadar port"
    let gold = goldDocument("d", text: text, [mention("place", 31..<37)])
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", [])])
    #expect(report.errors.first?.context == before + "⟦Gwadar⟧ port")
  }

  @Test func errorListingGroupsByTypeAndKindWithALimit() throws {
    let gold = goldDocument("d", text: filler(40), [mention("place", 0..<6)])
    let predicted = predictedDocument(
      "d", [mention("place", 0..<4), mention("place", 10..<12), mention("place", 13..<15), mention("place", 16..<18)])
    let report = try evaluate(gold: [gold], predicted: [predicted])
    let listing = report.errorListing(limit: 2)
    #expect(listing.contains("## place: wrong boundary (1)\n"))
    #expect(listing.contains("[gold 0-6, predicted 0-4]"))
    #expect(listing.contains("## place: spurious (3)\n"))
    #expect(listing.contains("  … and 1 more\n"))
    #expect(!listing.contains("missed"))
    #expect(listing.components(separatedBy: "\n- d: ").count - 1 == 3)
  }
}

@Suite struct ReportRenderingTests {
  private func sixTypeReport() throws -> EvaluationReport {
    let gold = try AnnotatedDocument.readJSONL(Array(sixTypeGoldJSONL.utf8), sourceName: "gold.jsonl")
    // Drop one place (Balochistan) and change the 12 March value.
    let predicted = gold.map { document in
      var copy = document
      copy.text = nil
      copy.entities = document.entities.filter { $0.text != "Balochistan" }.map { entity in
        var entity = entity
        if entity.dateValue == "2024-03-12" { entity.dateValue = "2024-03-13" }
        return entity
      }
      return copy
    }
    return try evaluate(gold: gold, predicted: predicted)
  }

  @Test func tableListsEveryScoredTypeWithThreeDecimals() throws {
    let table = try sixTypeReport().table()
    let rows = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(rows.first == ["2", "documents;", "types", "scored:", "place,", "organization,", "person,", "nationality,", "date,", "casualty"])
    #expect(rows.contains(["place", "3", "2", "1.000", "0.667", "0.800", "1.000", "0.667", "0.800"]))
    #expect(rows.contains(["person", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000", "1.000"]))
    #expect(rows.contains(["micro", "11", "10", "1.000", "0.909", "0.952", "1.000", "0.909", "0.952"]))
    #expect(rows.contains(["macro", "1.000", "0.944", "0.967", "1.000", "0.944", "0.967"]))
    #expect(table.contains("date values: 1/2 = 0.500 of partially matched dates; 1/2 = 0.500 of strictly matched"))
    #expect(rows.contains(["records", "3", "3", "1.000", "1.000", "1.000"]))
    #expect(rows.contains(["outcomes", "3", "3", "1.000", "1.000", "1.000"]))
    #expect(!table.split(separator: "\n").contains { $0.hasSuffix(" ") })
  }

  @Test func markdownHasOneRowPerTypeAndTheNotes() throws {
    let markdown = try sixTypeReport().markdown(title: "seeds (2 documents)")
    #expect(markdown.hasPrefix("### seeds (2 documents)\n\n| type | gold | predicted |"))
    #expect(markdown.contains("| place | 3 | 2 | 1.000 | 0.667 | 0.800 | 1.000 | 0.667 | 0.800 |\n"))
    #expect(markdown.contains("| **micro** | 11 | 10 |"))
    #expect(markdown.contains("| **macro** | | | 1.000 | 0.944 | 0.967 |"))
    #expect(markdown.contains("- date value accuracy 0.500 (1/2 partially matched dates)"))
    #expect(markdown.contains("- casualty records P/R/F1 1.000/1.000/1.000 (3 gold, 3 predicted)"))
  }

  @Test func jsonCarriesCountsAndRatios() throws {
    let report = try sixTypeReport()
    let data = Data(report.json().jsonText.utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["documents"] as? Int == 2)
    #expect(object["scored_types"] as? [String] == ["place", "organization", "person", "nationality", "date", "casualty"])
    let types = try #require(object["types"] as? [String: Any])
    #expect(Set(types.keys) == Set(report.scoredTypes))
    let place = try #require((types["place"] as? [String: Any])?["strict"] as? [String: Any])
    #expect(place["tp"] as? Int == 2)
    #expect(place["fp"] as? Int == 0)
    #expect(place["fn"] as? Int == 1)
    #expect(abs((place["recall"] as? Double ?? -1) - 2.0 / 3.0) < 1e-9)
    let micro = try #require((object["micro"] as? [String: Any])?["partial"] as? [String: Any])
    #expect(micro["tp"] as? Int == 10)
    let macro = try #require((object["macro"] as? [String: Any])?["strict"] as? [String: Any])
    #expect(abs((macro["f1"] as? Double ?? -1) - report.macroStrict.f1) < 1e-12)
    let dates = try #require(object["date_value"] as? [String: Any])
    #expect(dates["matched"] as? Int == 2)
    #expect(dates["correct"] as? Int == 1)
    #expect(dates["strict_accuracy"] as? Double == 0.5)
    let records = try #require(object["casualty_records"] as? [String: Any])
    #expect(records["tp"] as? Int == 3)
    #expect(object["casualty_outcomes"] is [String: Any])
    #expect(object["failed_documents"] as? [String] == [])
  }

  @Test func jsonOmitsDateAndCasualtySectionsWhenNotScored() throws {
    let gold = goldDocument("d", text: filler(10), [mention("place", 0..<4)])
    let report = try evaluate(gold: [gold], predicted: [predictedDocument("d", [])])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().jsonText.utf8)) as? [String: Any])
    #expect(object["date_value"] == nil)
    #expect(object["casualty_records"] == nil)
    #expect(object["casualty_outcomes"] == nil)
    #expect(!report.table().contains("date values"))
    #expect(!report.markdown(title: "t").contains("casualty records"))
  }
}
