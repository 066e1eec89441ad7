import EntityEvaluation
import EntityExtraction
import Foundation
import Testing
import _EntityExtractionTestSupport

/// The JSONL files of `Samples/`, which the README's commands read in a fresh clone:
/// `samples.jsonl` (the articles as JSONL input) and `gold.jsonl` (two of them annotated
/// by hand). Both must hold the `.txt` files' texts exactly, and every gold span its text.
@Suite struct SampleFilesTests {
  static let directory = Fixtures.repositoryRoot + "/Samples"

  /// The sample articles by ID (the file name without `.txt`).
  static func articles() throws -> [String: String] {
    var texts: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".txt") {
      texts[String(name.dropLast(4))] = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }
    return texts
  }

  /// The non-blank lines of a file in `Samples/`, parsed.
  static func jsonLines(_ name: String) throws -> [JSONValue] {
    let contents = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    return try contents.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
  }

  @Test func samplesJSONLHoldsEveryArticleWithADate() throws {
    let articles = try Self.articles()
    let lines = try Self.jsonLines("samples.jsonl")
    #expect(articles.count >= 6)
    #expect(lines.count == articles.count)
    var ids: [String] = []
    for line in lines {
      let id = try #require(line["id"]?.stringValue)
      ids.append(id)
      #expect(line["text"]?.stringValue == articles[id], "\(id): the text of Samples/\(id).txt")
      let date = try #require(line["reference_date"]?.stringValue, "\(id)")
      #expect(CalendarDate(parsing: date) != nil, "\(id): \(date)")
    }
    #expect(ids == ids.sorted(), "in file order")
    #expect(Set(ids) == Set(articles.keys))
  }

  @Test func goldSpansAreTheirTextAndFollowTheGuide() throws {
    let articles = try Self.articles()
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/gold.jsonl")))
    let gold = try AnnotatedDocument.readJSONL(bytes, sourceName: "gold.jsonl")
    let inputDates = Dictionary(
      uniqueKeysWithValues: try Self.jsonLines("samples.jsonl").map {
        ($0["id"]?.stringValue ?? "", $0["reference_date"]?.stringValue)
      })
    #expect(gold.count >= 2)
    for document in gold {
      let text = try #require(document.text)
      #expect(text == articles[document.id], "\(document.id): the text of its .txt file")
      #expect(document.referenceDate == inputDates[document.id] ?? nil, "\(document.id)")
      let scalars = Array(text.unicodeScalars)
      var names: [Range<Int>] = []
      for entity in document.entities {
        let place = "\(document.id) \(entity.start)..<\(entity.end)"
        #expect(Evaluator.specTypes.contains(entity.type), "\(place): \(entity.type)")
        try #require(0 <= entity.start && entity.start < entity.end && entity.end <= scalars.count, "\(place)")
        let covered = scalars[entity.start..<entity.end]
        #expect(String(String.UnicodeScalarView(covered)) == entity.text, "\(place)")
        let edges = [covered.first, covered.last].compactMap { $0 }
        #expect(!edges.contains { $0.properties.isWhitespace }, "\(place): white space at an edge")
        switch entity.type {
        case "date": #expect(entity.dateValue != nil, "\(place): a date has a value")
        case "casualty": #expect(entity.casualty != nil, "\(place): a casualty has a record")
        default: names.append(entity.start..<entity.end)
        }
      }
      let sorted = names.sorted { $0.lowerBound < $1.lowerBound }
      for (left, right) in zip(sorted, sorted.dropFirst()) {
        #expect(left.upperBound <= right.lowerBound, "\(document.id): names \(left) and \(right) overlap")
      }
    }
  }

  @Test func theGoldCanBeScoredOutOfTheBox() throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/gold.jsonl")))
    let gold = try AnnotatedDocument.readJSONL(bytes, sourceName: "gold.jsonl")
    let report = try Evaluator().evaluate(
      gold: gold, predicted: Evaluator.annotate(gold, with: EntityExtractor()))
    #expect(report.documents == gold.count)
    #expect(Set(report.scoredTypes) == Set(Evaluator.specTypes), "the gold has all six types")
    #expect(report.failedDocuments.isEmpty)
  }
}
