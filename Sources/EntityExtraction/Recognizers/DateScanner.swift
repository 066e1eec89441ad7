/// One pass of the date grammar over one document's tokens.
///
/// At each token the scanner tries every expression family and keeps the longest
/// expression that starts there; scanning resumes after it. Every lookup is on token
/// IDs, token shapes or the bytes of number tokens: no `String` is made per token.
///
/// The unsafe buffers are valid only inside the `withUTF8` / `withUnsafeBufferPointer`
/// closures of ``DateRecognizer/recognize(_:into:)`` that create the scanner.
struct DateScanner {
  /// A date-word gazetteer match: its end token, its first entry, and every entry
  /// sharing its surface (as a range into `alternatives`).
  struct LexiconMatch {
    var end: Int32
    var entry: Int32
    var alternatives: Range<Int32>
  }

  /// A recognized expression: its tokens and value.
  ///
  /// Plain bytes (``TimexPoint`` holds no reference-counted value): `core(at:)` copies
  /// and drops one per family tried, with no retain, release or outlined copy.
  struct Found {
    var start: Int
    var end: Int
    var point: TimexPoint
    /// Whether the value becomes the focus that anaphoric expressions refer to.
    /// Expressions resolved against the focus ("a year earlier") do not move it.
    var setsFocus = true
  }

  /// The recognizer's grammar words. The scanner holds the four properties of the
  /// recognizer that it reads rather than the whole recognizer: made and released once
  /// per document, it retains and releases every array it holds, and the recognizer's
  /// gazetteer matcher (a dozen arrays) is never read here.
  let words: DateWords
  /// What each date-word entry means (the recognizer's `lexemes`).
  let lexemes: [DateLexeme]
  /// Counts in words (the recognizer's `numbers`).
  let numbers: NumberParser
  /// Whether to skip tokens that cannot begin a date, and families that cannot begin at
  /// a token tried (the recognizer's `filtersStarts`).
  let filtersStarts: Bool
  let document: TokenizedText
  let tokens: UnsafeBufferPointer<Token>
  let bytes: UnsafeBufferPointer<UInt8>
  let reference: CalendarDate?
  /// Per token: the index in `matches` of the date-word match that starts there, or -1.
  let lexicon: [Int32]
  let matches: [LexiconMatch]
  let alternatives: [Int32]
  /// The last calendar position mentioned, for "that day", "three days later".
  var focus: TimexPoint?
  /// The last quarter mentioned ("the third quarter"), which financial reports compare
  /// ("the quarter", "a year ago", "the year-earlier period").
  var quarterFocus: TimexPoint?

  init(
    recognizer: DateRecognizer, document: TokenizedText, tokens: UnsafeBufferPointer<Token>,
    bytes: UnsafeBufferPointer<UInt8>, referenceDate: CalendarDate?, lexicon: [Int32],
    matches: [LexiconMatch], alternatives: [Int32]
  ) {
    self.words = recognizer.words
    self.lexemes = recognizer.lexemes
    self.numbers = recognizer.numbers
    self.filtersStarts = recognizer.filtersStarts
    self.document = document
    self.tokens = tokens
    self.bytes = bytes
    self.reference = referenceDate
    self.lexicon = lexicon
    self.matches = matches
    self.alternatives = alternatives
  }

  var count: Int { tokens.count }

  // MARK: - The scan

  /// Appends every date found from token `start` on to `mentions`.
  ///
  /// With a `state`, the scan starts from its focus, and records in it the focus as it
  /// stood at byte `state.snapshotOffset` (see ``DateScanState``).
  mutating func scan(
    from start: Int = 0, into mentions: inout [Entity], state: inout DateScanState
  ) {
    // Every value of the document names the anchor in effect, if there is one.
    let anchor = reference == nil ? nil : document.dateAnchor ?? .reference
    focus = state.focus
    quarterFocus = state.quarterFocus
    var snapshot: (focus: TimexPoint?, quarterFocus: TimexPoint?)?
    var index = start
    while let found = nextDate(from: index) {
      let range = Int(tokens[found.start].utf8Start)..<Int(tokens[found.end - 1].utf8End)
      if snapshot == nil, let offset = state.snapshotOffset, range.lowerBound >= offset {
        snapshot = (focus, quarterFocus)
      }
      mentions.append(
        Entity(
          utf8Range: range, label: .date, source: "rule:date", confidence: 0.9,
          date: DateValue(value: found.point.value, anchor: anchor)))
      if found.setsFocus && found.point.isAnchor {
        focus = found.point
        if case .quarter = found.point { quarterFocus = found.point }
      }
      index = found.end
    }
    let carried = snapshot ?? (focus, quarterFocus)
    state.focus = carried.focus
    state.quarterFocus = carried.quarterFocus
  }

  /// The date that starts at the first token from `index` where one does (the longest
  /// there), or `nil`.
  ///
  /// Not `mutating`, and never inlined into `scan(into:)`: a mutating method hands
  /// `self` to a non-mutating one by copying all of it (several hundred bytes) to the
  /// stack, so `scan(into:)` calling `parse(at:)` paid that copy at every candidate
  /// start. Here `parse(at:)` reads the scanner in place, and the copy is made once per
  /// date found.
  @inline(never)
  func nextDate(from index: Int) -> Found? {
    var index = index
    while index < count {
      if !filtersStarts || isPossibleStart(index), let found = parse(at: index) { return found }
      index += 1
    }
    return nil
  }

  /// A cheap, exact filter: `parse(at:)` can return a date only at a token that is
  ///
  /// - a number or has a digit ("2021", "26th", "1990s", "2024-03-26": the calendar,
  ///   year, quarter, century, decade, numeric and counted-shift families);
  /// - the start of a date-word match (`lexicon[index] >= 0`: months, weekdays,
  ///   relative words, seasons, holidays, units such as "year-ago");
  /// - a spelled unit, tens or ordinal ("four years ago", "nineteen ninety-six",
  ///   "twenty-first", "third quarter"); or
  /// - a grammar word of ``DateWordSet/startWords`` ("last", "some", "early"…; "the",
  ///   "a" and "an" only before certain tokens, below).
  ///
  /// Every family reachable from `parse(at:)` was checked for what its first token must
  /// be; the other grammar words ("of", "in", "said", ",") are only ever read before,
  /// inside or after a date's first token, so `parse(at:)` returns `nil` at them and
  /// skipping them changes no output. A family that learns a new first word must add it
  /// to ``DateWordSet/startWords``. (Spelled words `cardinal(at:)` reads but this filter
  /// does not admit, such as "zero" and "dozens", never began a date.)
  ///
  /// The commonest start words are also checked against the next token, which must go
  /// on with a date after them (the words are no date-word match of their own):
  ///
  /// - after "the", a number, a token with a digit, a date-word match, or a word of
  ///   ``DateWords/canFollowThe(_:)`` (start words, ``DateWordSet/afterThe``, spelled
  ///   numbers and decades). `parse(at:)` goes on from a "the" only with a day ("the
  ///   30th of May"), a deictic or anaphoric word ("the coming weeks", "the following
  ///   year"), a quarter, period or year head ("the third quarter", "the latest
  ///   quarter", "the year 2000", "the full year"), a decade or century ("the
  ///   nineties", "the 20th century"), a season or unit, "end", "beginning", "middle",
  ///   "start" ("the end of March"), or "early", "late", "mid";
  /// - after "a" or "an", a date-word match or "few": only `countedShift(at:)` reads on
  ///   from an article ("a year ago", "a few years ago").
  ///
  /// It runs on every token: the shape checks read the token already loaded, and the
  /// word checks are one bit of ``DateWords/canStart(_:)``, so an ordinary word is
  /// rejected after one more load and the lexicon slot.
  @inline(__always)
  func isPossibleStart(_ index: Int) -> Bool {
    let token = tokens[index]
    if token.kind == .number || token.shape.contains(.hasDigit) || lexicon[index] >= 0 {
      return true
    }
    guard words.canStart(token.rawID) else { return false }
    guard index + 1 < count else { return true }
    switch words.word(token.rawID) {
    case .the:
      let next = tokens[index + 1]
      return next.kind == .number || next.shape.contains(.hasDigit) || lexicon[index + 1] >= 0
        || words.canFollowThe(next.rawID)
    case .a, .an:
      return lexicon[index + 1] >= 0 || words.word(tokens[index + 1].rawID) == .few
    default:
      return true
    }
  }

  /// The longest date expression that starts at `index`.
  func parse(at index: Int) -> Found? {
    var best: Found?
    func consider(_ found: Found?) {
      guard let found, found.end > found.start else { return }
      if let current = best, found.end <= current.end { return }
      best = found
    }
    consider(core(at: index))
    // "early", "late", "mid-", "earlier", "later" before a date stay in the span.
    switch word(index) {
    case .early, .late, .earlier, .later, .mid:
      var next = index + 1
      if word(next) == .hyphen && !spaceBefore(next) && !spaceBefore(next + 1) { next += 1 }
      if let inner = core(at: next), modifierFits(word(index), inner) {
        consider(
          Found(start: index, end: inner.end, point: inner.point, setsFocus: inner.setsFocus))
      }
      // "earlier in the year", "later in the week": the unit the story is in.
      if word(index) == .earlier || word(index) == .later, word(index + 1) == .in,
        word(index + 2) == .the,
        case .unit(let unit, false)? = lexeme(at: index + 3), unit != .day, let reference,
        let point = TimexPoint.containing(reference, unit)
      {
        consider(Found(start: index, end: lexiconEnd(index + 3), point: point, setsFocus: false))
      }
    case .the:
      // "the end of March", "the beginning of October", "the middle of 1990".
      if DateWordSet.partOf.contains(word(index + 1)), word(index + 2) == .of,
        let inner = core(at: index + 3), inner.point.isCalendarPosition
      {
        consider(
          Found(start: index, end: inner.end, point: inner.point, setsFocus: inner.setsFocus))
      }
      // "the early summer", "the late 1980s".
      if DateWordSet.earlyLateMid.contains(word(index + 1)), let inner = core(at: index + 2) {
        switch inner.point {
        case .season, .decade, .century:
          consider(
            Found(start: index, end: inner.end, point: inner.point, setsFocus: inner.setsFocus))
        default:
          break
        }
      }
    default:
      break
    }
    return best
  }

  /// Whether a modifier can stand before this date: "late Tuesday", "early next year",
  /// "mid-1990s"; not "later 2021".
  private func modifierFits(_ modifier: DateWord, _ inner: Found) -> Bool {
    switch inner.point {
    case .reference: return false
    case .day, .weekdayOnly, .unknownDay: return modifier != .mid
    default: return true
    }
  }

  /// Every family, without a leading modifier.
  ///
  /// Only the families that ``possibleFamilies(at:)`` admits are tried (all of them
  /// when `filtersStarts` is off, so that the start-filter tests also check that
  /// choice): at a number most families fail on their first test, but each is a call
  /// that reads a few tokens first ("45" is no weekday, no "the", no "last").
  private func core(at index: Int) -> Found? {
    guard index < count else { return nil }
    let families = filtersStarts ? possibleFamilies(at: index) : .all
    var best: Found?
    func consider(_ found: Found?) {
      guard let found, found.end > found.start else { return }
      if let current = best, found.end <= current.end { return }
      best = found
    }
    if families.contains(.calendar) { consider(calendar(at: index)) }
    if families.contains(.deictic) { consider(deictic(at: index)) }
    if families.contains(.countedShift) { consider(countedShift(at: index)) }
    if families.contains(.relativeWord) { consider(relativeWord(at: index)) }
    if families.contains(.quarter) { consider(quarter(at: index)) }
    if families.contains(.financialPeriod) { consider(financialPeriod(at: index)) }
    if families.contains(.decade) { consider(decade(at: index)) }
    if families.contains(.century) { consider(century(at: index)) }
    if families.contains(.year) { consider(year(at: index)) }
    if families.contains(.season) { consider(season(at: index)) }
    if families.contains(.holiday) { consider(holiday(at: index)) }
    if families.contains(.anaphoric) { consider(anaphoric(at: index)) }
    if families.contains(.numericDate) { consider(numericDate(at: index)) }
    return best
  }

  /// The expression families of ``core(at:)``, a bit each, named as their methods.
  private struct Families: OptionSet {
    let rawValue: UInt16

    /// `calendar(at:)`: weekdays, month dates, "30 May".
    static let calendar = Families(rawValue: 1 << 0)
    /// `deictic(at:)`: "last week", "this fall".
    static let deictic = Families(rawValue: 1 << 1)
    /// `countedShift(at:)`: "two days ago".
    static let countedShift = Families(rawValue: 1 << 2)
    /// `relativeWord(at:)`: "today", "recently".
    static let relativeWord = Families(rawValue: 1 << 3)
    /// `quarter(at:)`: "the third quarter".
    static let quarter = Families(rawValue: 1 << 4)
    /// `financialPeriod(at:)`: "the year-ago quarter".
    static let financialPeriod = Families(rawValue: 1 << 5)
    /// `decade(at:)`: "the 1990s".
    static let decade = Families(rawValue: 1 << 6)
    /// `century(at:)`: "the 20th century".
    static let century = Families(rawValue: 1 << 7)
    /// `year(at:)`: "2021", "nineteen ninety-six".
    static let year = Families(rawValue: 1 << 8)
    /// `season(at:)`: "the spring".
    static let season = Families(rawValue: 1 << 9)
    /// `holiday(at:)`: "Christmas".
    static let holiday = Families(rawValue: 1 << 10)
    /// `anaphoric(at:)`: "that day".
    static let anaphoric = Families(rawValue: 1 << 11)
    /// `numericDate(at:)`: "2024-03-26".
    static let numericDate = Families(rawValue: 1 << 12)
    /// Every family.
    static let all = Families(rawValue: (1 << 13) - 1)

    /// The families whose first token can be this grammar word: the words each family
    /// tests at its first token before reading on ("the", "last", hedges…).
    static func startingWith(_ word: DateWord) -> Families {
      switch word {
      case .the:
        // "the 30th of May", "the coming weeks", "the third quarter", "the year-ago
        // quarter", "the 1990s", "the 20th century", "the year 2000", "the spring",
        // "the same day".
        return [
          .calendar, .deictic, .quarter, .financialPeriod, .decade, .century, .year, .season,
          .anaphoric,
        ]
      case .this, .last, .next:
        return [.deictic, .quarter]  // "last week"; "last year's third quarter"
      case .past, .previous, .coming, .upcoming, .recent, .latest:
        return .deictic
      case .that:
        return .anaphoric
      case .almost, .nearly, .about, .roughly, .approximately, .around, .more, .a, .an, .some,
        .several, .many, .few:
        return .countedShift  // hedges, articles and vague counts: "a few years ago"
      case .fiscal:
        return [.quarter, .year]  // "fiscal third quarter", "fiscal 1989"
      case .comparable, .corresponding, .same:
        return .financialPeriod  // "comparable year-ago quarter"
      case .early, .late, .mid, .apostrophe:
        return .decade  // "early 1980s", "'90s"
      default:
        return []
      }
    }
  }

  /// The families of ``core(at:)`` that can find an expression whose first token is the
  /// one at `index`, judged from that token alone; the others return `nil` there.
  ///
  /// Every family begins by testing its first token, and reads on from there only past
  /// a grammar word of ``Families/startingWith(_:)``. Otherwise that first test is one
  /// of those below, each of which adds the families that make it. (`financialPeriod`
  /// returns a date only after "the" or from a "year-ago" match, so a number or an
  /// ordinal alone does not admit it.) Skipping a family that would return `nil`
  /// changes nothing: `core(at:)` keeps the longest of the others, in the same order.
  /// A family that learns a new first token must add it here, or it silently finds
  /// nothing there; `DateStartFilterTests` compares with every family tried.
  private func possibleFamilies(at index: Int) -> Families {
    let token = tokens[index]
    var families = Families.startingWith(words.word(token.rawID))
    if lexicon[index] >= 0 {
      // A lexeme: a weekday or month ("Thursday", "May 30"), "today", "year-ago", a
      // season, a holiday.
      families.formUnion([.calendar, .relativeWord, .financialPeriod, .season, .holiday])
    }
    if token.kind == .number {
      // `digits`: a day ("30 May"), a count (`cardinal`: "40 years ago"), a four-digit
      // year ("2021", "1988 second quarter"); and the bytes `decadeDigits` and
      // `numericDate` read.
      families.formUnion([.calendar, .countedShift, .quarter, .decade, .year, .numericDate])
    } else if token.kind == .word {
      // `ordinal`'s digits and suffix ("26th": a day, a quarter, a century).
      if token.shape.contains(.hasDigit) { families.formUnion([.calendar, .quarter, .century]) }
      // `cardinal`'s number in words ("four years ago").
      if numbers.canBeginNumberWords(token.rawID) { families.insert(.countedShift) }
    }
    // `decadeDigits` ("1990s") and `numericDate` read the bytes of a token of any kind
    // that has a digit.
    if token.shape.contains(.hasDigit) { families.formUnion([.decade, .numericDate]) }
    // Every spelled ordinal, tens and unit word is a start word, so one bit settles most
    // tokens before the map probes.
    if words.canStart(token.rawID) {
      // `ordinal`'s words: "third", "twenty-first".
      if words.ordinal(token.rawID) != nil || words.tens(token.rawID) != nil {
        families.formUnion([.calendar, .quarter, .century])
      }
      // `spelledYear`: "nineteen ninety-six".
      if words.unit(token.rawID) != nil { families.insert(.year) }
    }
    return families
  }

  // MARK: - Calendar dates, weekdays, months

  /// "Thursday", "Thursday, May 30", "Tuesday night", "May 30", "30 May 2024",
  /// "May 2024", "in May".
  private func calendar(at index: Int) -> Found? {
    // The words before are read only for a date found: most tokens tried here are
    // numbers that begin none ("45 people"), and both tests only reject, so reading
    // them last changes no result.
    guard let found = weekdayOrDate(at: index) else { return nil }
    // "every Friday", "each July": frequencies, not dates.
    if index > 0, word(index - 1) == .every || word(index - 1) == .each { return nil }
    // "at 10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9": the day of a clock
    // time, which is a time expression as a whole.
    if followsClockTime(index) { return nil }
    return found
  }

  /// ``calendar(at:)`` before its tests of the words before `index`: a weekday (with
  /// the date after it), or a date with a month name.
  private func weekdayOrDate(at index: Int) -> Found? {
    if case .weekday(let weekday, let needsContext)? = lexeme(at: index), isCapitalized(index) {
      let afterName = lexiconEnd(index)
      var next = afterName
      if word(next) == .comma { next += 1 }
      if let date = explicitDate(at: next, allowBareMonth: false) {
        return Found(start: index, end: date.end, point: date.point)
      }
      if needsContext { return nil }
      if looksLikeNamePart(wordAt: index, end: afterName) { return nil }
      var end = afterName
      if isDayPart(end) && spaceBefore(end) { end += 1 }
      return Found(start: index, end: end, point: resolveWeekday(weekday, at: index, end: end))
    }
    return explicitDate(at: index, allowBareMonth: true)
  }

  /// "VOA Today", "Deh Now": a capitalized word right after another capitalized word, in
  /// the middle of a line, ends a name.
  private func followsName(_ index: Int) -> Bool {
    isCapitalized(index) && index > 0 && isCapitalized(index - 1) && isWordToken(index - 1)
      && !tokens[index].flags.contains(.lineStart) && word(index - 1) == .none
      && !tokens[index].shape.isAllCaps
  }

  /// Whether a clock time ends just before `index`: "10 p.m.", "noon", "9 a.m. EST".
  private func followsClockTime(_ index: Int) -> Bool {
    var position = index - 1
    if word(position) == .comma { position -= 1 }
    if word(position) == .timeZone { position -= 1 }
    if word(position) == .period && !spaceBefore(position) { position -= 1 }
    return word(position) == .clock
  }

  /// "Sunday Times", "Friday Mosque", "Ramadan City": a date word inside a run of
  /// capitalized words, not introduced by a preposition.
  private func looksLikeNamePart(wordAt index: Int, end: Int) -> Bool {
    guard end < count, spaceBefore(end), isCapitalized(end), tokens[end].kind == .word,
      lexicon[end] < 0, !isDayPart(end)
    else { return false }
    if index == 0 || tokens[index].flags.contains(.lineStart) { return true }
    let before = word(index - 1)
    if before == .the || before == .possessive { return true }
    return isCapitalized(index - 1) && isWordToken(index - 1) && before == .none
  }

  /// A date with a month name: "May 30", "May 30, 2024", "30 May", "the 30th of May",
  /// "May 2024", "January nineteen ninety-seven", "January this year", and (with
  /// `allowBareMonth`) "in May".
  private func explicitDate(at index: Int, allowBareMonth: Bool) -> Found? {
    guard index < count else { return nil }
    if case .month(let month, let needsContext)? = lexeme(at: index), isCapitalized(index) {
      let afterName = lexiconEnd(index)
      // Month day [, year]
      if let day = dayOfMonth(at: afterName),
        spaceBefore(afterName) || word(afterName - 1) == .period,
        day.value <= CalendarDate.daysIn(month: month, year: 2000), !continuesAsNumber(day.end)
      {
        var end = day.end
        var year: Int?
        var yearAt = end
        if word(yearAt) == .comma { yearAt += 1 }
        if let value = fourDigitYear(at: yearAt) {
          year = value
          end = yearAt + 1
        } else if let relative = relativeYear(at: end) {
          year = relative.year
          end = relative.end
        }
        guard let point = resolveMonthDay(month, day.value, year: year, at: index, end: end) else {
          return nil
        }
        return Found(start: index, end: end, point: point)
      }
      // Month [,|of] year
      var yearAt = afterName
      if word(yearAt) == .comma || word(yearAt) == .of { yearAt += 1 }
      if let value = fourDigitYear(at: yearAt) {
        return Found(start: index, end: yearAt + 1, point: .month(year: value, month: month))
      }
      if let spelled = spelledYear(at: yearAt) {
        return Found(
          start: index, end: spelled.end, point: .month(year: spelled.value, month: month))
      }
      if let relative = relativeYear(at: afterName) {
        return Found(
          start: index, end: relative.end, point: .month(year: relative.year, month: month))
      }
      guard allowBareMonth, !needsContext || hasMonthContext(before: index),
        !looksLikeNamePart(monthAt: index, end: afterName)
      else { return nil }
      return Found(
        start: index, end: afterName, point: resolveMonth(month, at: index, end: afterName))
    }
    // Day month [year]: "30 May", "30th May 2024", "the 30th of May".
    let start = index
    let dayAt = word(index) == .the ? index + 1 : index
    if let day = dayOfMonth(at: dayAt), !(dayAt > 0 && isNumberLike(dayAt - 1)) {
      var monthAt = day.end
      if word(monthAt) == .of { monthAt += 1 }
      guard case .month(let month, _)? = lexeme(at: monthAt), isCapitalized(monthAt),
        day.value <= CalendarDate.daysIn(month: month, year: 2000)
      else { return nil }
      if dayAt != index && monthAt == day.end { return nil }  // "the 30 May"
      var end = lexiconEnd(monthAt)
      var year: Int?
      var yearAt = end
      if word(yearAt) == .comma { yearAt += 1 }
      if let value = fourDigitYear(at: yearAt) {
        year = value
        end = yearAt + 1
      }
      guard let point = resolveMonthDay(month, day.value, year: year, at: start, end: end) else {
        return nil
      }
      return Found(start: start, end: end, point: point)
    }
    return nil
  }

  /// Words before a month name that make it a date: prepositions and modifiers ("in May",
  /// "since March", "early May", "mid-March", "of May").
  private func hasMonthContext(before index: Int) -> Bool {
    guard index > 0 else { return false }
    switch word(index - 1) {
    case .in, .since, .until, .till, .by, .before, .after, .during, .from, .through,
      .throughout, .of, .early, .late, .mid, .last, .next, .this, .between, .to, .around,
      .that:
      return true
    case .hyphen:
      return index > 1 && word(index - 2) == .mid
    default:
      // "March and April": another month just before.
      if index > 1, case .month? = lexeme(at: index - 2), word(index - 1) == .none {
        return isWord(index - 1, "and") || isWord(index - 1, "or")
      }
      return false
    }
  }

  /// "June Carter", "August Wilson": a month name followed by another capitalized word
  /// with no preposition before it.
  private func looksLikeNamePart(monthAt index: Int, end: Int) -> Bool {
    guard end < count, spaceBefore(end), isCapitalized(end), tokens[end].kind == .word,
      lexicon[end] < 0
    else { return false }
    return !hasMonthContext(before: index)
  }

  /// "this year", "last year", "next year" after a month or date: the year it names.
  private func relativeYear(at index: Int) -> (year: Int?, end: Int)? {
    guard case .unit(.year, false)? = lexeme(at: index + 1) else { return nil }
    let offset: Int
    switch word(index) {
    case .this: offset = 0
    case .last: offset = -1
    case .next: offset = 1
    default: return nil
    }
    return (reference.map { $0.year + offset }, lexiconEnd(index + 1))
  }

  // MARK: - Deictic expressions

  /// "last week", "this month", "next year", "last Friday", "next March", "this fall",
  /// "this past weekend", "this coming Sunday", "recent months", "the coming weeks".
  private func deictic(at index: Int) -> Found? {
    var at = index
    var hasThe = false
    if word(at) == .the {
      hasThe = true
      at += 1
    }
    enum Kind { case last, this, next }
    var kind: Kind
    switch word(at) {
    case .last, .past, .previous: kind = .last
    case .this: kind = .this
    case .next, .coming, .upcoming: kind = .next
    case .recent, .latest:
      // "recent months", "recent years" (plural units only).
      if !hasThe, word(at) == .recent, case .unit(_, true)? = lexeme(at: at + 1) {
        return Found(
          start: index, end: lexiconEnd(at + 1), point: .reference(.past), setsFocus: false)
      }
      return nil
    default:
      return nil
    }
    // "the past year" read from "past": the determiner makes it a duration.
    if !hasThe && index > 0 && word(index - 1) == .the && kind == .last { return nil }
    var strict = true
    if word(at) == .this, word(at + 1) == .past || word(at + 1) == .coming {
      kind = word(at + 1) == .past ? .last : .next
      strict = false
      at += 1
    }
    let target = at + 1
    guard let lexeme = lexeme(at: target) else { return nil }
    let end = lexiconEnd(target)
    switch lexeme {
    case .unit(let unit, let plural):
      if plural {
        // "the coming weeks", "coming months": the future; "the past two weeks" and
        // "the last few days" are durations.
        if kind == .next && word(at) != .next {
          return Found(start: index, end: end, point: .reference(.future), setsFocus: false)
        }
        return nil
      }
      // "the last year", "the past week", "the next day": durations or anaphora.
      if hasThe { return nil }
      // "last year's third quarter" is the quarter family's.
      if word(end) == .possessive, ordinal(at: end + 1) != nil || word(end + 1) == .fiscal {
        return nil
      }
      if unit == .day || unit == .half { return nil }
      // "This Week" (a programme's name): the unit in title case.
      if isCapitalized(target) && tokens[target].shape.contains(.hasLower) { return nil }
      let offset = kind == .last ? -1 : kind == .next ? 1 : 0
      let point: TimexPoint
      if let reference {
        guard let found = TimexPoint.around(reference, shiftedBy: offset, unit) else { return nil }
        point = found
      } else {
        point = TimexPoint.unplaced(unit)
      }
      return Found(start: index, end: end, point: point)
    case .weekday(let weekday, _):
      guard !hasThe, isCapitalized(target) else { return nil }
      var stop = end
      if isDayPart(stop) && spaceBefore(stop) { stop += 1 }
      var next = end
      if word(next) == .comma { next += 1 }
      if let date = explicitDate(at: next, allowBareMonth: false) {
        return Found(start: index, end: date.end, point: date.point)
      }
      guard let reference else {
        return Found(start: index, end: stop, point: .weekdayOnly(weekday))
      }
      let day: CalendarDate?
      switch kind {
      case .last:
        day =
          strict
          ? DateResolution.weekday(weekday, strictlyFrom: reference, .past)
          : DateResolution.weekday(weekday, from: reference, .past)
      case .next:
        day =
          strict
          ? DateResolution.weekday(weekday, strictlyFrom: reference, .future)
          : DateResolution.weekday(weekday, from: reference, .future)
      case .this:
        day = DateResolution.weekday(weekday, from: reference, tense(at: index, end: stop))
      }
      guard let day else { return nil }
      return Found(
        start: index, end: stop, point: .day(year: day.year, month: day.month, day: day.day))
    case .month(let month, _):
      guard !hasThe, isCapitalized(target) else { return nil }
      // "last Oct. 23": the day says which.
      if let date = explicitDate(at: target, allowBareMonth: false), case .day = date.point {
        return Found(start: index, end: date.end, point: date.point)
      }
      guard let reference else {
        return Found(start: index, end: end, point: .month(year: nil, month: month))
      }
      let year: Int
      switch kind {
      case .last:
        year = DateResolution.year(ofMonth: month, from: reference, .past, strictly: strict)
      case .next:
        year = DateResolution.year(ofMonth: month, from: reference, .future, strictly: strict)
      case .this: year = reference.year
      }
      return Found(start: index, end: end, point: .month(year: year, month: month))
    case .season(let season, _):
      guard !hasThe else { return nil }
      guard let reference else {
        return Found(start: index, end: end, point: .season(year: nil, season: season))
      }
      let year: Int
      switch kind {
      case .last:
        year = DateResolution.year(ofSeason: season, from: reference, .past, strictly: true)
      case .next:
        year = DateResolution.year(ofSeason: season, from: reference, .future, strictly: true)
      case .this:
        let current = Season.of(reference)
        year = current.season == season ? current.year : reference.year
      }
      return Found(start: index, end: end, point: .season(year: year, season: season))
    case .holiday:
      guard !hasThe,
        let holiday = holiday(
          at: target, direction: kind == .last ? .past : kind == .next ? .future : nil)
      else { return nil }
      return Found(start: index, end: holiday.end, point: holiday.point)
    default:
      return nil
    }
  }

  // MARK: - Counted shifts

  /// "two days ago", "a year earlier", "almost four years ago", "three weeks from now",
  /// "a few years ago".
  private func countedShift(at index: Int) -> Found? {
    var at = index
    // Hedges stay in the span.
    while true {
      switch word(at) {
      case .almost, .nearly, .about, .roughly, .approximately, .around:
        at += 1
        continue
      case .more where word(at + 1) == .than:
        at += 2
        continue
      default:
        break
      }
      break
    }
    var amount: Int?
    switch word(at) {
    case .a, .an:
      if word(at + 1) == .few {
        at += 2
      } else {
        amount = 1
        at += 1
      }
    case .some where cardinal(at: at + 1) != nil:
      // "some 40 years ago"
      guard let number = cardinal(at: at + 1) else { return nil }
      amount = number.value
      at = number.end
    case .several, .many, .few, .some:
      at += 1
    default:
      guard let number = cardinal(at: at) else { return nil }
      amount = number.value
      at = number.end
    }
    guard case .unit(let unit, _)? = lexeme(at: at), unit != .half else { return nil }
    var end = lexiconEnd(at)
    if word(end) == .or && word(end + 1) == .so { end += 2 }
    let sign: Int
    var fromFocus = false
    switch word(end) {
    case .ago:
      sign = -1
    case .hence:
      sign = 1
    case .from where word(end + 1) == .now:
      sign = 1
      end += 1
    case .earlier:
      sign = -1
      fromFocus = true
    case .later:
      sign = 1
      fromFocus = true
    default:
      return nil
    }
    end += 1
    guard let amount else {
      if fromFocus { return nil }
      return Found(
        start: index, end: end, point: .reference(sign < 0 ? .past : .future),
        setsFocus: false)
    }
    let shift = sign * amount
    // "Three days later" counts from the day the story is at; "a year earlier" and "a
    // year ago", in a story about a quarter, are that quarter a year before (the
    // comparison of financial reports). Otherwise the count is from the reference date,
    // at the unit's granularity.
    if unit == .year || unit == .quarter, abs(shift) == 1, let quarter = quarterFocus,
      let point = quarter.shifted(by: shift, unit)
    {
      return Found(start: index, end: end, point: point, setsFocus: false)
    }
    if fromFocus, let focus {
      var usesFocus = false
      switch (focus, unit) {
      case (.day, .day), (.day, .week), (.month, .month), (.month, .year), (.year, .year):
        usesFocus = true
      default: usesFocus = false
      }
      if usesFocus, let point = focus.shifted(by: shift, unit) {
        return Found(start: index, end: end, point: point, setsFocus: false)
      }
    }
    guard let reference else {
      return Found(start: index, end: end, point: TimexPoint.unplaced(unit), setsFocus: false)
    }
    guard let point = TimexPoint.around(reference, shiftedBy: shift, unit) else { return nil }
    return Found(start: index, end: end, point: point, setsFocus: false)
  }

  // MARK: - Relative words

  /// "today", "yesterday morning", "now", "currently", "recently", "the past".
  private func relativeWord(at index: Int) -> Found? {
    guard let lexeme = lexeme(at: index) else { return nil }
    let end = lexiconEnd(index)
    switch lexeme {
    case .relativeDay(let offset):
      if followsName(index) { return nil }
      var stop = end
      if isDayPart(stop) && spaceBefore(stop) { stop += 1 }
      guard let reference else { return Found(start: index, end: stop, point: .unknownDay) }
      guard let day = reference.adding(days: offset) else { return nil }
      return Found(
        start: index, end: stop, point: .day(year: day.year, month: day.month, day: day.day))
    case .reference(let name):
      if followsName(index) { return nil }
      // Inside a noun phrase ("a previously announced plan", "the now-defunct party")
      // the adverb modifies an adjective, not the clause.
      if index > 0, end - index == 1 {
        switch word(index - 1) {
        case .a, .an, .the, .possessive:
          return nil
        case .from:
          // "from now on", "from now to May": the start of a span.
          if word(index) == .now { return nil }
        default:
          break
        }
      }
      if word(end) == .hyphen && !spaceBefore(end) { return nil }
      // "the past two years", "the past year": a duration, not the past.
      if end - index > 1, end < count {
        if case .unit? = self.lexeme(at: end) { return nil }
        if cardinal(at: end) != nil || DateWordSet.vagueCounts.contains(word(end)) { return nil }
      }
      return Found(start: index, end: end, point: .reference(name), setsFocus: false)
    default:
      return nil
    }
  }

  // MARK: - Quarters and financial periods

  /// "the third quarter", "third-quarter", "the fourth quarter of 1988", "the 1988 second
  /// quarter", "this year's third quarter", "the fiscal first quarter", "the first half".
  private func quarter(at index: Int) -> Found? {
    var at = index
    if word(at) == .the { at += 1 }
    var year: Int?
    var possessiveYear = false
    if let offset = yearOffset(word(at)),
      case .unit(.year, false)? = lexeme(at: at + 1), word(lexiconEnd(at + 1)) == .possessive
    {
      year = reference.map { $0.year + offset }
      at = lexiconEnd(at + 1) + 1
      possessiveYear = true
    } else if let value = fourDigitYear(at: at) {
      if word(at + 1) == .possessive {
        year = value
        at += 2
      } else if ordinal(at: at + 1) != nil || word(at + 1) == .fiscal {
        year = value
        at += 1
      }
    }
    if word(at) == .fiscal {
      at += 1
      if word(at) == .hyphen { at += 1 }
    }
    if possessiveYear, isQuarterHead(at), word(lexiconEnd(at)) != .hyphen {
      // "last year's quarter": the quarter the report is about, in that year.
      let quarter: Int
      if case .quarter(_, let number)? = quarterFocus {
        quarter = number
      } else if let reference {
        quarter = reference.quarter == 1 ? 4 : reference.quarter - 1
      } else {
        return nil
      }
      return Found(
        start: index, end: lexiconEnd(at), point: .quarter(year: year, quarter: quarter),
        setsFocus: false)
    }
    guard let number = ordinal(at: at) else { return nil }
    at = number.end
    // "third-quarter" is an adjective: the determiner belongs to the noun it modifies
    // ("the third-quarter loss").
    let hyphenated = word(at) == .hyphen && !spaceBefore(at)
    if hyphenated { at += 1 }
    guard case .unit(let unit, false)? = lexeme(at: at), unit == .quarter || unit == .half else {
      return nil
    }
    guard unit == .quarter ? (1...4).contains(number.value) : (1...2).contains(number.value) else {
      return nil
    }
    var end = lexiconEnd(at)
    if word(end) == .of || word(end) == .comma {
      var yearAt = end + 1
      if word(yearAt) == .fiscal { yearAt += 1 }
      if let value = fourDigitYear(at: yearAt) {
        year = value
        end = yearAt + 1
      }
    }
    let resolvedYear = year ?? reference?.year
    let point: TimexPoint =
      unit == .quarter
      ? .quarter(year: resolvedYear, quarter: number.value)
      : .half(year: resolvedYear, half: number.value)
    let start = hyphenated && word(index) == .the ? index + 1 : index
    return Found(start: start, end: end, point: point)
  }

  /// Whether the token is the unit "quarter".
  private func isQuarterHead(_ index: Int) -> Bool {
    if case .unit(.quarter, false)? = lexeme(at: index) { return true }
    return false
  }

  /// The year offset of "this", "last", "next".
  private func yearOffset(_ word: DateWord) -> Int? {
    switch word {
    case .this: 0
    case .last: -1
    case .next: 1
    default: nil
    }
  }

  /// "the quarter", "the latest quarter", "the year-ago quarter", "the year-earlier
  /// period", "year-earlier" (before a noun), "the current quarter".
  private func financialPeriod(at index: Int) -> Found? {
    var at = index
    let hasThe = word(at) == .the
    if hasThe { at += 1 }
    while DateWordSet.comparison.contains(word(at)) { at += 1 }
    var yearAgo = false
    if case .unit(.year, false)? = lexeme(at: at), word(at + 1) == .hyphen,
      DateWordSet.agoOrEarlier.contains(word(at + 2)), !spaceBefore(at + 1), !spaceBefore(at + 2)
    {
      yearAgo = true
      at += 3
    }
    var current = false
    var latest = false
    switch word(at) {
    case .current:
      current = true
      at += 1
    case .latest:
      latest = true
      at += 1
    default:
      break
    }
    var quarterNumber: Int?
    if let number = ordinal(at: at), (1...4).contains(number.value) {
      quarterNumber = number.value
      at = number.end
      if word(at) == .hyphen && !spaceBefore(at) { at += 1 }
    }
    let end: Int
    if case .unit(.quarter, false)? = lexeme(at: at) {
      end = lexiconEnd(at)
      // "the quarter of a century", "quarter-to-quarter".
      if word(end) == .of || (word(end) == .hyphen && !spaceBefore(end)) { return nil }
    } else if isWord(at, "period") && (yearAgo || latest) {
      end = at + 1
    } else if yearAgo && !hasThe && quarterNumber == nil && !current && !latest {
      end = at  // "year-earlier profit"
    } else {
      return nil
    }
    // "quarter" alone is a fraction; "third quarter" is the quarter family's.
    guard hasThe || yearAgo else { return nil }
    // The quarter a report is about: the last one named, else the last full quarter
    // before the reference date.
    let reportQuarter =
      quarterFocus ?? reference.flatMap { TimexPoint.around($0, shiftedBy: -1, .quarter) }
    var base: TimexPoint?
    if let quarterNumber {
      base = .quarter(year: reference?.year, quarter: quarterNumber)
    } else if current {
      base = reference.map { .quarter(year: $0.year, quarter: $0.quarter) }
    } else if yearAgo && end - at <= 1 && quarterFocus == nil, let reference, !isQuarterHead(at) {
      base = .year(reference.year)  // "the year-earlier period", "year-earlier profit"
    } else {
      base = reportQuarter
    }
    guard var point = base else { return nil }
    if yearAgo { point = point.shifted(by: -1, .year) ?? point }
    return Found(start: index, end: end, point: point, setsFocus: !yearAgo)
  }

  // MARK: - Decades, centuries, years

  /// "the 1990s", "the early 1980s", "mid-1990s", "the '90s", "the nineties".
  private func decade(at index: Int) -> Found? {
    var at = index
    let hasThe = word(at) == .the
    if hasThe { at += 1 }
    if DateWordSet.earlyLateMid.contains(word(at)) {
      at += 1
      if word(at) == .hyphen { at += 1 }
    }
    if word(at) == .apostrophe, at + 1 < count, let digits = decadeDigits(at + 1), digits.count == 2
    {
      return Found(start: index, end: at + 2, point: .decade(190 + digits.value / 10))
    }
    if let digits = decadeDigits(at), digits.count == 4 {
      return Found(start: index, end: at + 1, point: .decade(digits.value / 10))
    }
    if hasThe, at < count, let first = words.decade(tokens[at].rawID) {
      return Found(start: index, end: at + 1, point: .decade(190 + first / 10))
    }
    return nil
  }

  /// "the 20th century", "the twenty-first century", "the 11th century".
  private func century(at index: Int) -> Found? {
    var at = index
    if word(at) == .the { at += 1 }
    guard let number = ordinal(at: at), (1...30).contains(number.value) else { return nil }
    at = number.end
    if word(at) == .hyphen && !spaceBefore(at) { at += 1 }
    guard case .unit(.century, false)? = lexeme(at: at) else { return nil }
    return Found(start: index, end: lexiconEnd(at), point: .century(number.value - 1))
  }

  /// "2021", "in 2021", "fiscal 1989", "the year 2000", "nineteen ninety-six".
  private func year(at index: Int) -> Found? {
    var at = index
    var introduced = false
    if word(at) == .the, case .unit(.year, false)? = lexeme(at: at + 1) {
      at = lexiconEnd(at + 1)
      introduced = true
    } else if word(at) == .fiscal {
      at += 1
      introduced = true
      if case .unit(.year, false)? = lexeme(at: at) { at = lexiconEnd(at) }
    }
    if let value = fourDigitYear(at: at) {
      guard introduced || isPlausibleYear(value, at: at) else { return nil }
      return Found(start: index, end: at + 1, point: .year(value))
    }
    if let spelled = spelledYear(at: at) {
      return Found(start: index, end: spelled.end, point: .year(spelled.value))
    }
    if introduced && at < count, let number = cardinal(at: at), number.value >= 1000,
      number.value < 3000
    {
      // "the year two thousand"
      return Found(start: index, end: number.end, point: .year(number.value))
    }
    return nil
  }

  /// Whether a four-digit number is a year and not a count, a code or an amount.
  private func isPlausibleYear(_ value: Int, at index: Int) -> Bool {
    if index > 0 {
      let before = tokens[index - 1]
      // "$1990", "#1990", "£1990": amounts and codes, not years.
      if !spaceBefore(index) && before.kind == .punctuation {
        switch bytes[Int(before.utf8Start)] {
        case UInt8(ascii: "$"), UInt8(ascii: "#"), 0xC2, 0xE2: return false
        default: break
        }
      }
      if before.kind == .number { return false }
    }
    if index + 1 < count {
      let after = word(index + 1)
      if after == .percent { return false }
      if after == .colon
        || (after == .period && !spaceBefore(index + 1) && index + 2 < count
          && tokens[index + 2].kind == .number && !spaceBefore(index + 2))
      {
        return false
      }
    }
    let introduced: Bool
    if index > 0 {
      switch word(index - 1) {
      case .in, .since, .until, .till, .by, .before, .after, .during, .from, .through,
        .throughout, .of, .between, .to, .early, .late, .mid, .hyphen, .around, .for, .the:
        introduced = true
      default:
        introduced = false
      }
    } else {
      introduced = false
    }
    if value < 1900 || value > 2099 { return introduced && value >= 1000 && value < 2100 }
    // "2000 troops", "1500 people": a count before a lower-case plural noun.
    if !introduced, index + 1 < count, spaceBefore(index + 1), looksPlural(index + 1) {
      return false
    }
    return true
  }

  /// A lower-case word of four letters or more ending in a plural "s" ("troops", not
  /// "is", "was", "across", "status").
  private func looksPlural(_ index: Int) -> Bool {
    let token = tokens[index]
    guard token.kind == .word, token.shape.isLowercase, token.utf8Range.count >= 4,
      word(index) == .none, lexicon[index] < 0
    else { return false }
    let end = Int(token.utf8End)
    guard bytes[end - 1] == UInt8(ascii: "s") else { return false }
    switch bytes[end - 2] {
    case UInt8(ascii: "s"), UInt8(ascii: "u"), UInt8(ascii: "i"): return false
    default: return true
    }
  }

  // MARK: - Seasons, holidays, anaphora

  /// "in the spring", "summer 2024", "the winter of 1994", "during summer"; "this
  /// summer" is the deictic family's.
  private func season(at index: Int) -> Found? {
    var at = index
    let hasThe = word(at) == .the
    if hasThe { at += 1 }
    guard case .season(let season, let needsContext)? = lexeme(at: at) else { return nil }
    let nameEnd = lexiconEnd(at)
    var yearAt = nameEnd
    if word(yearAt) == .of { yearAt += 1 }
    if let value = fourDigitYear(at: yearAt) {
      return Found(start: index, end: yearAt + 1, point: .season(year: value, season: season))
    }
    if let spelled = spelledYear(at: yearAt) {
      return Found(
        start: index, end: spelled.end, point: .season(year: spelled.value, season: season))
    }
    if word(nameEnd) == .of || (word(nameEnd) == .hyphen && !spaceBefore(nameEnd)) { return nil }
    // "the spring offensive", "spring water": the season names a kind of thing.
    if nameEnd < count, tokens[nameEnd].kind == .word, tokens[nameEnd].shape.isLowercase,
      word(nameEnd) == .none,
      lexicon[nameEnd] < 0
    {
      return nil
    }
    // A bare season is a date after a preposition: "in the fall", "during summer".
    guard index > 0 else { return nil }
    switch word(index - 1) {
    case .in, .during, .since, .until, .till, .by, .before, .after, .through, .throughout, .over,
      .from, .early, .late, .mid, .for:
      break
    default:
      return nil
    }
    // "in the fall", "in spring", but not "for spring" or "over fall".
    if needsContext && !hasThe && !DateWordSet.seasonPrepositions.contains(word(index - 1)) {
      return nil
    }
    return seasonFound(index, nameEnd, season)
  }

  private func seasonFound(_ start: Int, _ end: Int, _ season: Season) -> Found {
    guard let reference else {
      return Found(start: start, end: end, point: .season(year: nil, season: season))
    }
    let year = DateResolution.year(ofSeason: season, from: reference, tense(at: start, end: end))
    return Found(start: start, end: end, point: .season(year: year, season: season))
  }

  /// "Eid al-Fitr", "Christmas 2023", "Independence Day".
  private func holiday(at index: Int) -> Found? {
    holiday(at: index, direction: nil)
  }

  private func holiday(at index: Int, direction forced: TenseDirection?) -> Found? {
    guard case .holiday? = lexeme(at: index), let match = match(at: index) else { return nil }
    if forced == nil && looksLikeNamePart(wordAt: index, end: lexiconEnd(index)) { return nil }
    let rule = chooseHoliday(match, at: index)
    var end = lexiconEnd(index)
    var yearAt = end
    if word(yearAt) == .comma || word(yearAt) == .of { yearAt += 1 }
    if let value = fourDigitYear(at: yearAt) {
      end = yearAt + 1
      return Found(start: index, end: end, point: rule.point(in: value))
    }
    guard let reference else {
      if let fixed = rule.fixed, rule.length <= 1 {
        return Found(
          start: index, end: end, point: .day(year: nil, month: fixed.month, day: fixed.day))
      }
      return Found(start: index, end: end, point: .year(nil))
    }
    let direction = forced ?? self.tense(at: index, end: end)
    let strict = forced != nil
    let referenceDays = reference.daysSinceEpoch
    var chosen: Int?
    switch direction {
    case .past, .unmarked:
      for year in [reference.year + 1, reference.year, reference.year - 1, reference.year - 2] {
        guard let start = rule.start(in: year) else { continue }
        let days = start.daysSinceEpoch
        if strict ? days < referenceDays - 7 : days <= referenceDays + 7 {
          chosen = year
          break
        }
      }
    case .future:
      for year in [reference.year - 1, reference.year, reference.year + 1, reference.year + 2] {
        guard let start = rule.start(in: year) else { continue }
        if strict
          ? start.daysSinceEpoch > referenceDays
          : start.daysSinceEpoch + rule.length > referenceDays
        {
          chosen = year
          break
        }
      }
    }
    if let chosen { return Found(start: index, end: end, point: rule.point(in: chosen)) }
    // No listed date near the reference: the year is all the text tells.
    return Found(start: index, end: end, point: .year(reference.year), setsFocus: false)
  }

  /// Among holidays that share a name ("Independence Day"), the one whose cue words are
  /// nearest before the mention; else the first.
  private func chooseHoliday(_ match: LexiconMatch, at index: Int) -> HolidayRule {
    var bestRule: HolidayRule?
    var bestDistance = Int.max
    var firstRule: HolidayRule?
    for alternative in match.alternatives {
      guard case .holiday(let rule) = lexemes[Int(alternatives[Int(alternative)])] else {
        continue
      }
      if firstRule == nil { firstRule = rule }
      guard !rule.cues.isEmpty, match.alternatives.count > 1 else { continue }
      var distance = Int.max
      for position in 0..<count where rule.cues.contains(tokens[position].rawID) {
        let gap = position < index ? index - position : 2 * (position - index)
        distance = min(distance, gap)
      }
      if distance < bestDistance {
        bestDistance = distance
        bestRule = rule
      }
    }
    if let bestRule { return bestRule }
    guard let firstRule else {
      guard case .holiday(let rule) = lexemes[Int(match.entry)] else {
        preconditionFailure("a holiday match without a holiday entry")
      }
      return rule
    }
    return firstRule
  }

  /// "that day", "that same day", "the same day", "the following year", "the next day",
  /// "the previous week", "the previous Friday", "the weekend", "the year", "the full
  /// year", "the 1988 period": the focus, or a unit from it.
  private func anaphoric(at index: Int) -> Found? {
    var at = index
    var shift = 0
    var hasThe = false
    switch word(at) {
    case .that:
      at += 1
      if word(at) == .same { at += 1 }
    case .the:
      hasThe = true
      switch word(at + 1) {
      case .same: at += 2
      case .following, .next: at += 2; shift = 1
      case .previous, .prior: at += 2; shift = -1
      default: at += 1
      }
    default:
      return nil
    }
    if hasThe && shift != 0, case .weekday(let weekday, _)? = lexeme(at: at), isCapitalized(at) {
      // "the previous Friday": strictly before (after) the focus day, else the reference.
      let end = lexiconEnd(at)
      var anchor = reference
      if case .day(let year?, let month, let day)? = focus {
        anchor = CalendarDate(year: year, month: month, day: day)
      }
      guard let anchor,
        let day = DateResolution.weekday(weekday, strictlyFrom: anchor, shift < 0 ? .past : .future)
      else { return nil }
      return Found(
        start: index, end: end, point: .day(year: day.year, month: day.month, day: day.day),
        setsFocus: false)
    }
    if hasThe && shift == 0 && at == index + 1 {
      return theDeterminedPeriod(at: index)
    }
    guard case .unit(let unit, false)? = lexeme(at: at), unit != .decade, unit != .century else {
      return nil
    }
    let end = lexiconEnd(at)
    if word(end) == .possessive || (word(end) == .hyphen && !spaceBefore(end)) { return nil }
    // The focus at the unit's granularity: a day for "that day", a year for "that year".
    var base: TimexPoint?
    if let focus, case .day(let year?, let month, let day) = focus,
      let date = CalendarDate(year: year, month: month, day: day)
    {
      base = TimexPoint.containing(date, unit)
    } else if let focus, focus.isAnchor {
      switch (focus, unit) {
      case (.year, .year), (.month, .month), (.quarter, .quarter), (.week, .week): base = focus
      case (.month(let year?, _), .year), (.quarter(let year?, _), .year): base = .year(year)
      default: base = nil
      }
    }
    if base == nil, shift != 0 || word(index) == .that {
      guard let reference else {
        return Found(start: index, end: end, point: TimexPoint.unplaced(unit), setsFocus: false)
      }
      base = TimexPoint.containing(reference, unit)
    }
    guard let base, let point = shift == 0 ? base : base.shifted(by: shift, unit) else {
      return nil
    }
    return Found(start: index, end: end, point: point, setsFocus: false)
  }

  /// "the weekend", "the year", "the full year", "the 1988 period", "the 1988 quarter",
  /// starting at "the".
  private func theDeterminedPeriod(at index: Int) -> Found? {
    var at = index + 1
    // "the 1988 period", "the 1989 quarter": that year's counterpart of the focus.
    if let year = fourDigitYear(at: at) {
      let head = at + 1
      let isQuarter: Bool
      if case .unit(.quarter, false)? = lexeme(at: head) {
        isQuarter = true
      } else if isWord(head, "period") {
        isQuarter = false
      } else {
        return nil
      }
      let end = isQuarter ? lexiconEnd(head) : head + 1
      if case .quarter(_, let quarter)? = focus {
        return Found(
          start: index, end: end, point: .quarter(year: year, quarter: quarter), setsFocus: false)
      }
      return Found(start: index, end: end, point: .year(year), setsFocus: false)
    }
    if DateWordSet.wholeOrCurrent.contains(word(at)) { at += 1 }
    if word(at) == .fiscal { at += 1 }
    guard case .unit(let unit, false)? = lexeme(at: at) else { return nil }
    let end = lexiconEnd(at)
    switch unit {
    case .weekend:
      // The weekend of this week once it has begun, else of the week before; forward
      // when the tense says so.
      guard let reference else {
        return Found(start: index, end: end, point: .weekend(year: nil, week: nil))
      }
      let direction = tense(at: index, end: end)
      let back = direction != .future && reference.weekday < 6 ? -1 : 0
      guard let point = TimexPoint.around(reference, shiftedBy: back, .weekend) else { return nil }
      return Found(start: index, end: end, point: point, setsFocus: false)
    case .year:
      // "the year" of a report is the reference (publication) year, even after an
      // earlier date moved the focus; "the year ended March 31" is a fiscal period,
      // "the year 2000" a year.
      if end < count,
        tokens[end].kind == .number || word(end) == .hyphen || word(end) == .before
          || word(end) == .after || isWord(end, "ended") || isWord(end, "ending")
      {
        return nil
      }
      guard let year = reference?.year else {
        return Found(start: index, end: end, point: .year(nil))
      }
      return Found(start: index, end: end, point: .year(year), setsFocus: false)
    default:
      return nil
    }
  }

  // MARK: - Numeric dates

  /// "2024-03-26", "2024/03/26", "26/03/2024", "26.03.2024", "26-03-2024".
  private func numericDate(at index: Int) -> Found? {
    let token = tokens[index]
    guard token.kind == .number || token.shape.contains(.hasDigit) else { return nil }
    // One token with inner dots: "26.03.2024".
    if let parts = dottedParts(index) {
      guard let point = numericPoint(parts.0, parts.1, parts.2) else { return nil }
      return Found(start: index, end: index + 1, point: point)
    }
    // Three numbers joined by the same separator, with no spaces.
    guard index + 4 < count, let first = digits(at: index) else { return nil }
    let separator = word(index + 1)
    guard separator == .hyphen || separator == .slash,
      word(index + 3) == separator,
      !spaceBefore(index + 1), !spaceBefore(index + 2), !spaceBefore(index + 3),
      !spaceBefore(index + 4),
      let second = digits(at: index + 2), let third = digits(at: index + 4)
    else { return nil }
    if index + 5 < count, !spaceBefore(index + 5),
      DateWordSet.dateSeparators.contains(word(index + 5))
    {
      return nil  // a longer code or number
    }
    guard let point = numericPoint(first, second, third) else { return nil }
    return Found(start: index, end: index + 5, point: point)
  }

  /// The date three numbers spell: year first (`YYYY-MM-DD`) or year last, day first
  /// unless only month first makes sense.
  private func numericPoint(
    _ a: (value: Int, count: Int), _ b: (value: Int, count: Int), _ c: (value: Int, count: Int)
  ) -> TimexPoint? {
    if a.count == 4, b.count <= 2, c.count <= 2 {
      guard CalendarDate(year: a.value, month: b.value, day: c.value) != nil else { return nil }
      return .day(year: a.value, month: b.value, day: c.value)
    }
    guard c.count == 4, a.count <= 2, b.count <= 2 else { return nil }
    if CalendarDate(year: c.value, month: b.value, day: a.value) != nil {
      return .day(year: c.value, month: b.value, day: a.value)
    }
    if CalendarDate(year: c.value, month: a.value, day: b.value) != nil {
      return .day(year: c.value, month: a.value, day: b.value)
    }
    return nil
  }

  /// The three parts of a number token written `D.M.YYYY`.
  private func dottedParts(
    _ index: Int
  ) -> ((value: Int, count: Int), (value: Int, count: Int), (value: Int, count: Int))? {
    let token = tokens[index]
    guard token.kind == .number else { return nil }
    // Up to three parts, read without allocating.
    var parts = ((value: 0, count: 0), (value: 0, count: 0), (value: 0, count: 0))
    var part = 0
    var value = 0
    var digitCount = 0
    for offset in token.utf8Range {
      let byte = bytes[offset]
      if byte >= 0x30 && byte <= 0x39 {
        value = value * 10 + Int(byte - 0x30)
        digitCount += 1
        if digitCount > 4 { return nil }
      } else if byte == UInt8(ascii: ".") && digitCount > 0 && part < 2 {
        if part == 0 { parts.0 = (value, digitCount) } else { parts.1 = (value, digitCount) }
        part += 1
        value = 0
        digitCount = 0
      } else {
        return nil
      }
    }
    guard digitCount > 0, part == 2 else { return nil }
    parts.2 = (value, digitCount)
    return parts
  }

  // MARK: - Resolution

  private func resolveWeekday(_ weekday: Int, at start: Int, end: Int) -> TimexPoint {
    guard let reference,
      let day = DateResolution.weekday(weekday, from: reference, tense(at: start, end: end))
    else { return .weekdayOnly(weekday) }
    return .day(year: day.year, month: day.month, day: day.day)
  }

  private func resolveMonth(_ month: Int, at start: Int, end: Int) -> TimexPoint {
    guard let reference else { return .month(year: nil, month: month) }
    return .month(
      year: DateResolution.year(
        ofMonth: month, from: reference, tense(at: start, end: end, forCalendar: true)),
      month: month)
  }

  private func resolveMonthDay(
    _ month: Int, _ day: Int, year: Int?, at start: Int, end: Int
  ) -> TimexPoint? {
    if let year {
      guard CalendarDate(year: year, month: month, day: day) != nil else { return nil }
      return .day(year: year, month: month, day: day)
    }
    guard let reference else { return .day(year: nil, month: month, day: day) }
    let year = DateResolution.year(
      ofMonth: month, day: day, from: reference, tense(at: start, end: end, forCalendar: true))
    guard CalendarDate(year: year, month: month, day: day) != nil else {
      return .day(year: nil, month: month, day: day)
    }
    return .day(year: year, month: month, day: day)
  }

  /// The way the clause around `start..<end` points: the nearest tense cue to the left
  /// in the sentence (past forms, "will", "scheduled"…), else the nearest to the right,
  /// else `.unmarked`.
  ///
  /// With `forCalendar` (a month, or a month and day), a "would" or a past verb further
  /// away reports the event, not when its date falls ("declared a dividend payable Dec.
  /// 15"), and a deadline ("extended to Nov. 16", "by Jan. 14") lies ahead of a past
  /// verb: only a firm future cue, or a past verb close before an "in"/"on" date ("hit
  /// the region in July"), then count; otherwise the horizon rule decides.
  func tense(at start: Int, end: Int, forCalendar: Bool = false) -> TenseDirection {
    let isDeadline = start > 0 && DateWordSet.deadlinePrepositions.contains(word(start - 1))
    func reading(_ cue: TenseCue, at position: Int) -> TenseDirection {
      switch cue {
      case .future: return .future
      case .weakFuture: return forCalendar ? .unmarked : .future
      case .past:
        guard forCalendar else { return .past }
        return position < start && start - position <= 4 && !isDeadline ? .past : .unmarked
      }
    }
    var position = start - 1
    let leftLimit = max(0, start - 12)
    while position >= leftLimit {
      if isSentenceBoundary(position) { break }
      if let cue = tenseCue(position) { return reading(cue, at: position) }
      if tokens[position].flags.contains(.lineStart) { break }
      position -= 1
    }
    position = end
    let rightLimit = min(count, end + 10)
    while position < rightLimit {
      if isSentenceBoundary(position) || tokens[position].flags.contains(.lineStart) { break }
      if let cue = tenseCue(position) { return reading(cue, at: position) }
      position += 1
    }
    return .unmarked
  }

  /// What a tense cue says.
  private enum TenseCue {
    case past, future
    /// A modal that often reports a plan from the past ("would", "could").
    case weakFuture
  }

  /// The tense a token signals, if any.
  private func tenseCue(_ index: Int) -> TenseCue? {
    let token = tokens[index]
    switch words.word(token.rawID) {
    case .futureCue:
      // "May" the month is not "may" the modal.
      if token.shape.isCapitalized && lexicon[index] >= 0 { return nil }
      if isWord(index, "would") || isWord(index, "could") || isWord(index, "might")
        || isWord(index, "may")
      {
        return .weakFuture
      }
      return .future
    case .next, .coming, .upcoming, .ahead:
      return .future
    case .pastCue, .ago:
      return isPassiveParticiple(index) ? nil : .past
    case .last:
      return .past
    case .none:
      // A lower-case word ending in "-ed" is most often a past tense.
      guard token.kind == .word, token.utf8Range.count > 4, token.shape.isLowercase,
        bytes[Int(token.utf8End) - 1] == UInt8(ascii: "d"),
        bytes[Int(token.utf8End) - 2] == UInt8(ascii: "e")
      else { return nil }
      return isPassiveParticiple(index) ? nil : .past
    default:
      return nil
    }
  }

  /// "be held", "been killed": a participle after a form of "be" does not set the tense.
  private func isPassiveParticiple(_ index: Int) -> Bool {
    guard index > 0 else { return false }
    return isWord(index - 1, "be") || isWord(index - 1, "been") || isWord(index - 1, "being")
  }

  @inline(__always)
  private func isSentenceBoundary(_ index: Int) -> Bool {
    switch word(index) {
    case .question, .exclamation, .semicolon: return true
    case .period:
      // "Sept." and "U.S." keep their dots; a dot after a long lower-case word ends a
      // sentence.
      return index == 0 || tokens[index - 1].utf8Range.count > 4
        || tokens[index - 1].kind == .number
        || !isCapitalized(index - 1)
    default: return false
    }
  }

  // MARK: - Token helpers

  @inline(__always)
  func word(_ index: Int) -> DateWord {
    guard index >= 0 && index < count else { return .none }
    return words.word(tokens[index].rawID)
  }

  @inline(__always)
  func match(at index: Int) -> LexiconMatch? {
    guard index >= 0 && index < count else { return nil }
    let slot = lexicon[index]
    return slot < 0 ? nil : matches[Int(slot)]
  }

  @inline(__always)
  func lexeme(at index: Int) -> DateLexeme? {
    guard let match = match(at: index) else { return nil }
    return lexemes[Int(match.entry)]
  }

  /// The token just past the date-word match at `index`.
  @inline(__always)
  func lexiconEnd(_ index: Int) -> Int {
    guard let match = match(at: index) else { return index + 1 }
    return Int(match.end)
  }

  @inline(__always)
  func spaceBefore(_ index: Int) -> Bool {
    guard index >= 0 && index < count else { return true }
    return tokens[index].flags.contains(.spaceBefore)
  }

  @inline(__always)
  func isCapitalized(_ index: Int) -> Bool {
    guard index >= 0 && index < count else { return false }
    return tokens[index].shape.isCapitalized
  }

  @inline(__always)
  func isWordToken(_ index: Int) -> Bool {
    index >= 0 && index < count && tokens[index].kind == .word
  }

  @inline(__always)
  func isDayPart(_ index: Int) -> Bool {
    switch word(index) {
    case .morning, .afternoon, .evening, .night, .overnight: return true
    default: return false
    }
  }

  /// Whether the token's ASCII letters are `spelling` (lower case), ignoring case.
  func isWord(_ index: Int, _ spelling: StaticString) -> Bool {
    guard index >= 0 && index < count else { return false }
    let token = tokens[index]
    guard token.utf8Range.count == spelling.utf8CodeUnitCount else { return false }
    return spelling.withUTF8Buffer { expected in
      for offset in 0..<expected.count
      where bytes[Int(token.utf8Start) + offset] | 0x20 != expected[offset] {
        return false
      }
      return true
    }
  }

  /// The value and digit count of a token made only of ASCII digits.
  func digits(at index: Int) -> (value: Int, count: Int)? {
    guard index >= 0 && index < count else { return nil }
    let token = tokens[index]
    guard token.kind == .number, token.utf8Range.count <= 9 else { return nil }
    var value = 0
    for offset in token.utf8Range {
      let byte = bytes[offset]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return (value, token.utf8Range.count)
  }

  /// Whether the token is a number or ends in digits (so a following number is not a
  /// day: "1 500").
  private func isNumberLike(_ index: Int) -> Bool {
    guard index >= 0 && index < count else { return false }
    return tokens[index].kind == .number || word(index) == .percent
  }

  /// Whether a number ends a longer numeric expression ("May 30-31", "May 3.5"): a
  /// token right after it, without space, that continues it.
  private func continuesAsNumber(_ index: Int) -> Bool {
    guard index < count, !spaceBefore(index) else { return false }
    switch word(index) {
    case .colon, .period, .comma:
      // "May 30:15", "May 3.5": the number goes on.
      return index + 1 < count && tokens[index + 1].kind == .number && !spaceBefore(index + 1)
    default:
      return tokens[index].kind == .number
        || tokens[index].kind == .word && word(index) != .possessive
    }
  }

  /// A four-digit year, 1000–2999, in one token of digits only.
  func fourDigitYear(at index: Int) -> Int? {
    guard let number = digits(at: index), number.count == 4, number.value >= 1000,
      number.value < 3000
    else {
      return nil
    }
    return number.value
  }

  /// "1990s" (count 4) or "90s" (count 2): the digits before an "s".
  private func decadeDigits(_ index: Int) -> (value: Int, count: Int)? {
    guard index < count else { return nil }
    let token = tokens[index]
    let length = token.utf8Range.count
    guard length == 3 || length == 5, bytes[Int(token.utf8End) - 1] | 0x20 == UInt8(ascii: "s")
    else {
      return nil
    }
    var value = 0
    for offset in Int(token.utf8Start)..<(Int(token.utf8End) - 1) {
      let byte = bytes[offset]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    guard value % 10 == 0 else { return nil }
    return (value, length - 1)
  }

  /// A day of the month: "26", "26th", "twenty-sixth", "eighth".
  private func dayOfMonth(at index: Int) -> (value: Int, end: Int)? {
    guard index < count else { return nil }
    if let number = digits(at: index) {
      guard number.count <= 2, (1...31).contains(number.value) else { return nil }
      return (number.value, index + 1)
    }
    guard let number = ordinal(at: index), (1...31).contains(number.value) else { return nil }
    return number
  }

  /// An ordinal: "3rd", "26th", "third", "twenty-first".
  func ordinal(at index: Int) -> (value: Int, end: Int)? {
    guard index >= 0 && index < count else { return nil }
    let token = tokens[index]
    if token.kind == .word, token.shape.contains(.hasDigit) {
      // Digits then st/nd/rd/th.
      let start = Int(token.utf8Start)
      let end = Int(token.utf8End)
      guard end - start >= 3, end - start <= 4 else { return nil }
      var value = 0
      var position = start
      while position < end - 2 {
        let byte = bytes[position]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
        position += 1
      }
      let suffix = (bytes[end - 2] | 0x20, bytes[end - 1] | 0x20)
      switch suffix {
      case (UInt8(ascii: "s"), UInt8(ascii: "t")), (UInt8(ascii: "n"), UInt8(ascii: "d")),
        (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")):
        return value > 0 ? (value, index + 1) : nil
      default:
        return nil
      }
    }
    if let value = words.ordinal(token.rawID) { return (value, index + 1) }
    // "twenty-first", "thirty-first"
    if let tens = words.tens(token.rawID), word(index + 1) == .hyphen,
      index + 2 < count, let unit = words.ordinal(tokens[index + 2].rawID), unit < 10
    {
      return (tens + unit, index + 3)
    }
    return nil
  }

  /// A count: digits, number words ("two", "twenty-three"), or "one".
  private func cardinal(at index: Int) -> (value: Int, end: Int)? {
    guard index < count else { return nil }
    if let number = digits(at: index) { return (number.value, index + 1) }
    // Most words begin no number: one probe of the parser's table settles them before
    // the parser is called. It is given the tokens and bytes this scanner holds, which
    // `number(in:at:)` would fetch from the document again.
    guard tokens[index].kind == .word, numbers.canBeginNumberWords(tokens[index].rawID),
      let number = numbers.number(in: document.tokens, bytes: bytes, at: index),
      number.tokenRange.upperBound <= count  // within the tokens scanned
    else { return nil }
    return (number.value, number.tokenRange.upperBound)
  }

  /// A year spelled in words: "nineteen ninety-six", "nineteen eighty", "two thousand
  /// one".
  private func spelledYear(at index: Int) -> (value: Int, end: Int)? {
    guard index + 1 < count, let first = words.unit(tokens[index].rawID),
      (10...19).contains(first)
    else { return nil }
    let next = index + 1
    if let tens = words.tens(tokens[next].rawID) {
      if word(next + 1) == .hyphen, next + 2 < count,
        let unit = words.unit(tokens[next + 2].rawID),
        unit < 10
      {
        return (first * 100 + tens + unit, next + 3)
      }
      return (first * 100 + tens, next + 1)
    }
    return nil
  }
}
