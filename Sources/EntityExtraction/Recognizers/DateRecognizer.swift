/// Finds dates (TIMEX3 DATE expressions) and gives each its TIMEX3 value, resolved
/// against the document's reference date.
///
/// What it recognizes, with the values for a reference date of Friday 2024-05-31:
///
/// | family | examples → value |
/// |---|---|
/// | calendar dates | "March 26", "26 March 2024", "March 26th", "Thursday, May 30" (one span) → `2024-03-26`, `2024-05-30`; "2024-03-26"; "26/03/2024" |
/// | months and years | "in 2021" → `2021`; "May 2024" → `2024-05`; "in March" → `2024-03`; "January last year" → `2023-01` |
/// | weekdays | "on Thursday" → `2024-05-30` (the preposition stays out); "late Tuesday", "Tuesday night" → the day |
/// | relative | "today", "yesterday", "tomorrow"; "last week" → `2024-W21`; "this week", "next month", "last year", "two days ago", "earlier this year", "a year earlier" |
/// | deictic | "now", "currently" → `PRESENT_REF`; "recently", "previously", "the past", "recent months" → `PAST_REF`; "the future", "coming months" → `FUTURE_REF` |
/// | periods | "the 1990s" → `199`; "the 20th century" → `19`; "the third quarter" → `2024-Q3`; "last fall" → `2023-FA`; holidays ("Eid al-Fitr", "Christmas") |
///
/// Not dates: durations ("two decades", "within hours", "over the past year"), clock
/// times, frequencies ("every week"). Month and weekday names that are also words
/// ("May said", "march on the capital", "Sunday Times") need date context: a day, a
/// year, a preposition, or a modifier such as "last".
///
/// **Resolution.** A weekday, a month or a day without a year is placed by tense: news
/// defaults to the past, the reference day included ("on Thursday" in a Thursday
/// article is that day), and a future cue in the clause ("will", "scheduled",
/// "expected") points forward; "last"/"next" are strict. A month, or a month and day,
/// with no tense cue may also lie up to three months ahead: the deadlines and schedules
/// news announces without a future ("payable Dec. 15"). "last week" is the ISO week
/// before the reference date's. Anaphoric expressions ("that day", "three days later")
/// are resolved against the *focus*, the last calendar date the document mentioned;
/// "the quarter", "a year earlier" and "the year-ago quarter" against the last quarter
/// it named (the comparison of financial reports); else against the reference date.
/// Without a reference date the unknown parts are `X`: "March 26" → `XXXX-03-26`,
/// "Thursday" → `XXXX-WXX-4`, "last year" → `XXXX`.
///
/// **Numeric dates.** `YYYY-MM-DD` and `YYYY/MM/DD` are read as written. `D/M/YYYY`
/// (and `D.M.YYYY`, `D-M-YYYY`) is read day first, the convention of Pakistan,
/// Afghanistan and most of the world's English-language press; it is read month first
/// only when day first is impossible (`03/26/2024`: there is no month 26).
///
/// The words are gazetteer entries of the types `date_month`, `date_weekday`,
/// `date_relative`, `date_season`, `date_holiday` and `date_unit` (bundled under
/// `Gazetteers/dates/`); the grammar words around them (determiners, prepositions,
/// tense cues) are in ``DateWord``.
struct DateRecognizer: LexiconRecognizer {
  static let lexiconLabels: Set<EntityLabel> = [
    DateLexeme.monthType, DateLexeme.weekdayType, DateLexeme.relativeType,
    DateLexeme.seasonType, DateLexeme.holidayType, DateLexeme.unitType,
  ]

  var labels: Set<EntityLabel> { [.date] }

  /// Dates win ties of equal length with names: a weekday or month that the grammar read
  /// as a date ("on Thursday") is not the village of the same name in a place gazetteer.
  var priority: Int { 1 }

  /// The date words, compiled over the shared vocabulary.
  let matcher: GazetteerMatcher
  /// What each of the matcher's entries means.
  let lexemes: [DateLexeme]
  /// The grammar words.
  let words: DateWords
  /// Counts in words ("two days ago").
  let numbers: NumberParser
  /// Whether the scanner skips tokens that cannot begin a date
  /// (`DateScanner.isPossibleStart`) and, at a token it tries, the expression families
  /// that cannot begin there (`DateScanner.possibleFamilies(at:)`). Only tests turn it
  /// off, to check that the filters lose nothing.
  var filtersStarts = true

  init(
    lexicon source: Lexicon, segmenter: WordSegmenter, vocabulary: inout Vocabulary
  )
    throws(GazetteerError)
  {
    let lexicon = source.entries
    numbers = NumberParser(vocabulary: &vocabulary)
    var lexemes: [DateLexeme] = []
    lexemes.reserveCapacity(lexicon.count)
    for entry in lexicon {
      var cueIDs: [UInt32] = []
      if let cues = entry.attributes["cue"] {
        for cue in cues.split(separator: ",") where !cue.isEmpty {
          cueIDs.append(vocabulary.insert(folded: FoldedKey.fold(cue)).rawValue)
        }
      }
      lexemes.append(try DateLexeme(entry: entry, cueIDs: cueIDs))
    }
    self.lexemes = lexemes
    matcher = source.matcher(segmenter: segmenter, vocabulary: &vocabulary)
    // Last, so that its table covers every ID interned so far.
    words = DateWords(vocabulary: &vocabulary)
  }

  func recognize(_ document: TokenizedText, into mentions: inout [Entity]) {
    var state = DateScanState()
    recognize(document, tokens: 0..<document.tokens.count, into: &mentions, state: &state)
  }

  /// Appends the dates of the tokens `scanned` of `document` to `mentions`, starting
  /// from the focus of `state` and leaving in it the focus at `state.snapshotOffset`: one
  /// window of a document read in windows, the others' tokens unread.
  func recognize(
    _ document: TokenizedText, tokens scanned: Range<Int>, into mentions: inout [Entity],
    state: inout DateScanState
  ) {
    guard !scanned.isEmpty else { return }
    var lexicon = [Int32](repeating: -1, count: scanned.upperBound)
    var matches: [DateScanner.LexiconMatch] = []
    var alternatives: [Int32] = []
    matcher.forEachMatch(in: document) { tokenRange, entryIndices in
      // Only matches within the tokens read; the scanner reads no token past them.
      guard scanned.contains(tokenRange.lowerBound), tokenRange.upperBound <= scanned.upperBound
      else { return }
      if matches.isEmpty {
        // Room for a document's usual date words at the first one, rather than growing
        // both arrays from empty (an allocation and a copy per doubling).
        matches.reserveCapacity(32)
        alternatives.reserveCapacity(32)
      }
      lexicon[tokenRange.lowerBound] = Int32(matches.count)
      let first = Int32(alternatives.count)
      for index in entryIndices { alternatives.append(Int32(index)) }
      matches.append(
        DateScanner.LexiconMatch(
          end: Int32(tokenRange.upperBound), entry: Int32(entryIndices[entryIndices.startIndex]),
          alternatives: first..<Int32(alternatives.count)))
    }
    document.withUTF8 { bytes in
      document.tokens.withUnsafeBufferPointer { tokens in
        var scanner = DateScanner(
          recognizer: self, document: document,
          tokens: UnsafeBufferPointer(rebasing: tokens[..<scanned.upperBound]), bytes: bytes,
          referenceDate: document.referenceDate,
          lexicon: lexicon, matches: matches, alternatives: alternatives)
        scanner.scan(from: scanned.lowerBound, into: &mentions, state: &state)
      }
    }
  }
}

/// What a date scan carries from one window of a document to the next: the focus that
/// anaphoric dates ("that day", "a year earlier") refer to, as the scan of the whole
/// document would have it there.
struct DateScanState {
  /// The last calendar position mentioned.
  var focus: TimexPoint?
  /// The last quarter mentioned.
  var quarterFocus: TimexPoint?
  /// Where the next window starts, in UTF-8 bytes: a scan records the focus as it stood
  /// before the first date that starts there or later (or, if none does, at its end).
  var snapshotOffset: Int?
}
