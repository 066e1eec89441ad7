import Foundation
import Testing
import _EntityExtractionTestSupport

@testable import EntityExtraction

/// The date scanner tries the grammar only at tokens that can begin a date
/// (`DateScanner.isPossibleStart`). That filter is a speed-up and must lose nothing:
/// these tests run the recognizer with and without it and compare.
@Suite struct DateStartFilterTests {
  static let recognizers: Result<(filtered: DateRecognizer, unfiltered: DateRecognizer, extractor: EntityExtractor), Error> = Result {
    let extractor = try DateRecognizerTests.makeExtractor()
    guard let filtered = extractor.recognizers.lazy.compactMap({ $0 as? DateRecognizer }).first else {
      throw ExtractorWithoutDates()
    }
    var unfiltered = filtered
    unfiltered.filtersStarts = false
    return (filtered, unfiltered, extractor)
  }

  struct ExtractorWithoutDates: Error {}

  /// Words of every kind the date grammar reads: all its grammar words, numbers in
  /// every form, date words of the bundled lists, and ordinary news words.
  static let pool: [String] = {
    var words = DateWord.table.map(\.0)
    words += [
      "January", "March", "May", "Sept.", "Monday", "Tue", "yesterday", "today", "tonight",
      "tomorrow", "week", "weeks", "month", "months", "year", "years", "decade", "day", "days",
      "quarter", "half", "season", "spring", "summer", "winter", "Christmas", "Ramadan", "Eid",
      "weekend", "year-ago", "year-earlier", "period", "century", "hour", "hours", "minutes",
      "2024", "1990s", "'90s", "80s", "26", "3rd", "21st", "1,500", "12/03/2021", "2024-03-26",
      "10", "11:30", "1989", "12", "one", "two", "five", "ten", "twelve", "nineteen", "twenty",
      "ninety-six", "first", "third", "fourth", "twentieth", "dozens", "hundreds", "zero",
      "Q3", "FY2024", "H1", "mid-1990s", "mid-March", "1st", "sixties", "eighties",
      "militants", "police", "Kabul", "Quetta", "attack", "killed", "people", "government",
      "President", "Ahmed", "(", ")", "—", "and", "or", "said", "will", "was",
    ]
    return words
  }()

  /// Number words that the filter deliberately does not admit: the counted-shift
  /// grammar would read "dozens years ago" or "zero days later" as a date, and never
  /// has (see `DateScanner.isPossibleStart`). Without the filter they would.
  static let neverStarts: Set<String> = ["dozens", "hundreds", "zero"]

  func dates(_ recognizer: DateRecognizer, _ extractor: EntityExtractor, _ text: String) -> [Entity] {
    var mentions: [Entity] = []
    recognizer.recognize(
      extractor.tokenize(text, referenceDate: CalendarDate(year: 2024, month: 3, day: 28)),
      into: &mentions)
    return mentions
  }

  @Test func theFilterLosesNoDateOnRandomDateWordSequences() throws {
    let (filtered, unfiltered, extractor) = try Self.recognizers.get()
    var random = SplitMix64(seed: 0xDA7E_5CA7)
    var found = 0
    for round in 0..<4000 {
      let count = 2 + Int(random.next() % 9)
      let pool = Self.pool.filter { !Self.neverStarts.contains($0) }
      let text = (0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
        .joined(separator: random.next() % 4 == 0 ? "" : " ")
      let expected = dates(unfiltered, extractor, text)
      found += expected.count
      #expect(dates(filtered, extractor, text) == expected, "round \(round): \(text)")
    }
    // The pool is rich enough that many sequences hold a date.
    #expect(found > 1000)
  }

  /// Date phrases and the rest of date phrases, to follow every pool word: whatever a
  /// grammar word can begin ("a year ago", "the end of March", "last year's third
  /// quarter"), some continuation here completes it.
  static let continuations: [String] = [
    "year ago", "years ago", "few years ago", "week", "weeks", "month", "year", "decade",
    "day later", "days later", "hours earlier", "year earlier", "quarter", "third quarter",
    "year's third quarter", "year-ago quarter", "year-earlier period", "period a year ago",
    "same period last year", "end of March", "beginning of 2024", "middle of the year",
    "early summer", "late 1980s", "1990s", "'90s", "80s", "March", "March 26", "26 March",
    "26th of March", "30th of May", "Monday", "Tuesday morning", "summer", "spring of 2023",
    "Ramadan", "Christmas", "2024", "1989", "fiscal 2024", "fiscal year", "than a year ago",
    "than two years ago", "40 years ago", "four years ago", "twenty years", "ninety-six",
    "century", "20th century", "next week", "last year", "past few weeks", "coming days",
    "recent months", "in the year", "in the week", "year 2000", "same day", "same year",
    "day", "time", "weekend", "hour", "now", "yesterday", "tomorrow", "today",
  ]

  @Test func theFilterLosesNoDateAfterAnyPoolWord() throws {
    let (filtered, unfiltered, extractor) = try Self.recognizers.get()
    var found = 0
    for word in Self.pool where !Self.neverStarts.contains(word) {
      for continuation in Self.continuations {
        for text in ["\(word) \(continuation)", "Police said \(word) \(continuation) it ended."] {
          let expected = dates(unfiltered, extractor, text)
          found += expected.count
          #expect(dates(filtered, extractor, text) == expected, "\(text)")
        }
      }
    }
    #expect(found > 10_000)
  }

  /// "the", "a" and "an" pass the filter only before a token that can go on with a date
  /// (`DateWordSet.afterThe` and the rest; "few" or a date word): after each of them
  /// and every pool word, each continuation gives the dates the unfiltered grammar finds.
  @Test func theFilterLosesNoDateAfterAnArticle() throws {
    let (filtered, unfiltered, extractor) = try Self.recognizers.get()
    var found = 0
    for article in ["the", "a", "an"] {
      for word in Self.pool where !Self.neverStarts.contains(word) {
        for continuation in Self.continuations {
          let text = "Police said \(article) \(word) \(continuation) it ended."
          let expected = dates(unfiltered, extractor, text)
          found += expected.count
          #expect(dates(filtered, extractor, text) == expected, "\(text)")
        }
      }
    }
    #expect(found > 3000)
  }

  @Test func theFilterLosesNoDateInTheSamples() throws {
    let (filtered, unfiltered, extractor) = try Self.recognizers.get()
    let directory = Fixtures.repositoryRoot + "/Samples"
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
    #expect(!names.isEmpty)
    for name in names {
      let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      let expected = dates(unfiltered, extractor, text)
      #expect(!expected.isEmpty, "\(name)")
      #expect(dates(filtered, extractor, text) == expected, "\(name)")
    }
  }
}
