/// The closed-class words the date grammar reads: determiners, prepositions, modifiers
/// and tense cues. Open-class date words (months, weekdays, units, holidays) are in the
/// gazetteers under `Gazetteers/dates/`; these are the grammar around them, so they
/// live in code with the rules that use them.
enum DateWord: UInt8, Sendable {
  case none = 0
  // Determiners and deictics.
  case the, a, an, this, that, these, last, next, past, coming, previous, following, same
  case current, recent, latest, upcoming, prior, few, several, many, some, each, every, per
  case comparable, corresponding, full, entire, whole, other, possessive  // 's
  // Prepositions.
  case on, `in`, at, by, since, until, till, before, after, during, from, to, through
  case throughout, of, `for`, over, within, between, around, about, `as`, into, than, like
  case across, ahead, beyond, up
  // Modifiers inside the span.
  case early, late, mid, middle, end, beginning, start, earlier, later
  // Hedges before a count ("nearly four years ago").
  case almost, nearly, roughly, approximately, just, more, or, so
  // Words that close a relative expression.
  case ago, hence, now
  case fiscal
  case morning, afternoon, evening, night, overnight
  // Tense cues.
  case futureCue, pastCue
  // Punctuation.
  case comma, period, hyphen, slash, apostrophe, colon, semicolon, question, exclamation
  case quote
  // Nouns that tell a number is a count, not a year ("1,500 people").
  case percent
  // Clock times and zones ("10 p.m. EST"), which make a following day part of a time.
  case clock, timeZone

  /// Words and the class they belong to.
  static let table: [(String, DateWord)] = [
    ("the", .the), ("a", .a), ("an", .an), ("this", .this), ("that", .that),
    ("these", .these), ("last", .last), ("next", .next), ("past", .past),
    ("coming", .coming), ("previous", .previous), ("following", .following),
    ("same", .same), ("current", .current), ("recent", .recent), ("latest", .latest),
    ("upcoming", .upcoming), ("prior", .prior), ("few", .few), ("several", .several),
    ("many", .many), ("some", .some), ("each", .each), ("every", .every), ("per", .per),
    ("comparable", .comparable), ("corresponding", .corresponding), ("full", .full),
    ("entire", .entire), ("whole", .whole), ("other", .other), ("'s", .possessive),
    ("'", .apostrophe),
    ("on", .on), ("in", .in), ("at", .at), ("by", .by), ("since", .since),
    ("until", .until), ("till", .till), ("before", .before), ("after", .after),
    ("during", .during), ("from", .from), ("to", .to), ("through", .through),
    ("throughout", .throughout), ("of", .of), ("for", .for), ("over", .over),
    ("within", .within), ("between", .between), ("around", .around), ("about", .about),
    ("as", .as), ("into", .into), ("than", .than), ("like", .like), ("across", .across),
    ("ahead", .ahead), ("beyond", .beyond), ("up", .up),
    ("early", .early), ("late", .late), ("mid", .mid), ("middle", .middle), ("end", .end),
    ("beginning", .beginning), ("start", .start), ("earlier", .earlier), ("later", .later),
    ("almost", .almost), ("nearly", .nearly), ("roughly", .roughly),
    ("approximately", .approximately), ("just", .just), ("more", .more), ("or", .or),
    ("so", .so),
    ("ago", .ago), ("hence", .hence), ("now", .now), ("fiscal", .fiscal),
    ("morning", .morning), ("afternoon", .afternoon), ("evening", .evening),
    ("night", .night), ("overnight", .overnight),
    (",", .comma), (".", .period), ("-", .hyphen), ("/", .slash), (":", .colon),
    (";", .semicolon), ("?", .question), ("!", .exclamation), ("\"", .quote),
    ("%", .percent), ("percent", .percent),
    ("a.m", .clock), ("p.m", .clock), ("noon", .clock), ("midnight", .clock),
    ("est", .timeZone), ("edt", .timeZone), ("cst", .timeZone), ("cdt", .timeZone),
    ("pst", .timeZone), ("pdt", .timeZone), ("gmt", .timeZone), ("utc", .timeZone),
    ("pkt", .timeZone),
    // The future: modal and scheduling words.
    ("will", .futureCue), ("shall", .futureCue), ("would", .futureCue),
    ("scheduled", .futureCue), ("slated", .futureCue), ("planned", .futureCue),
    ("plans", .futureCue), ("planning", .futureCue),
    ("expected", .futureCue), ("expects", .futureCue), ("due", .futureCue),
    ("set", .futureCue), ("going", .futureCue), ("soon", .futureCue),
    ("intends", .futureCue), ("aims", .futureCue),
    ("could", .futureCue), ("might", .futureCue), ("may", .futureCue), ("won't", .futureCue),
    // The past: auxiliaries and common irregular past forms ("-ed" forms are read from
    // their spelling).
    ("was", .pastCue), ("were", .pastCue), ("had", .pastCue), ("did", .pastCue),
    ("said", .pastCue), ("told", .pastCue), ("took", .pastCue), ("met", .pastCue),
    ("came", .pastCue), ("went", .pastCue), ("left", .pastCue), ("began", .pastCue),
    ("held", .pastCue), ("gave", .pastCue), ("made", .pastCue), ("saw", .pastCue),
    ("sent", .pastCue), ("won", .pastCue), ("lost", .pastCue), ("fled", .pastCue),
    ("struck", .pastCue), ("shot", .pastCue), ("kept", .pastCue), ("spoke", .pastCue),
    ("wrote", .pastCue), ("led", .pastCue), ("got", .pastCue), ("brought", .pastCue),
    ("found", .pastCue), ("paid", .pastCue), ("sold", .pastCue), ("rose", .pastCue),
    ("fell", .pastCue), ("became", .pastCue), ("stood", .pastCue), ("ran", .pastCue),
    ("seized", .pastCue), ("stole", .pastCue), ("overran", .pastCue), ("swept", .pastCue),
    ("hit", .pastCue), ("quit", .pastCue),
  ]
}

/// A set of grammar word classes, as a 128-bit mask: membership is one bit test, so the
/// grammar's checks ("is this a deadline preposition?") never allocate.
struct DateWordSet: ExpressibleByArrayLiteral, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  init(arrayLiteral words: DateWord...) {
    for word in words {
      precondition(word.rawValue < 128, "DateWordSet holds at most 128 classes")
      if word.rawValue < 64 {
        low |= 1 << UInt64(word.rawValue)
      } else {
        high |= 1 << UInt64(word.rawValue - 64)
      }
    }
  }

  @inline(__always)
  func contains(_ word: DateWord) -> Bool {
    word.rawValue < 64
      ? low & (1 << UInt64(word.rawValue)) != 0 : high & (1 << UInt64(word.rawValue - 64)) != 0
  }
}

extension DateWordSet {
  /// "the end of", "the beginning of", "the middle of", "the start of".
  static let partOf: DateWordSet = [.end, .beginning, .middle, .start]
  /// Modifiers inside a date's span: "early", "late", "mid".
  static let earlyLateMid: DateWordSet = [.early, .late, .mid]
  /// Vague counts: "few", "several", "many".
  static let vagueCounts: DateWordSet = [.few, .several, .many]
  /// Words between "the" and a financial period: "the comparable year-ago quarter".
  static let comparison: DateWordSet = [.comparable, .corresponding, .same]
  /// "year-ago", "year-earlier".
  static let agoOrEarlier: DateWordSet = [.ago, .earlier]
  /// Prepositions after which "spring" and "fall" are seasons.
  static let seasonPrepositions: DateWordSet = [.in, .during, .since, .until, .by, .before, .after]
  /// Words between "the" and "year": "the full year", "the current year".
  static let wholeOrCurrent: DateWordSet = [.full, .entire, .whole, .current, .latest]
  /// Separators of numeric dates.
  static let dateSeparators: DateWordSet = [.hyphen, .slash]
  /// Prepositions of a limit, which usually lies ahead: "until", "by", "to".
  static let deadlinePrepositions: DateWordSet = [.until, .till, .by, .through, .to, .before]
  /// The grammar words that can be the first token of a date, for the scanner's
  /// prefilter (`DateScanner.isPossibleStart`). Every other class is only read before
  /// a start (prepositions, "every", clock times), inside or after one ("of", "ago",
  /// "or so", day parts, "-"), or after "the" ("following", "prior", "current",
  /// "latest", "full", "end"…), or not at all ("these", "other", "just").
  /// A class missing here silently loses the dates it begins; check every family in
  /// `DateScanner` reachable from `parse(at:)` before removing one.
  static let startWords: DateWordSet = [
    // parse's "the end of…", "the early…"; deictic, quarter, financialPeriod, decade,
    // century, year ("the year 2000"), season, anaphoric, explicitDate ("the 30th of May").
    .the,
    // anaphoric: "that day", "that same year".
    .that,
    // deictic ("last week", "this past weekend", "the coming weeks", "recent months");
    // quarter's "last year's third quarter" (.this, .last, .next).
    .this, .last, .next, .past, .previous, .coming, .upcoming, .recent,
    // countedShift: "a year ago", "an hour later", "a few years ago".
    .a, .an,
    // countedShift: "some 40 years ago", "several years ago", "many years ago", "few…".
    .some, .several, .many, .few,
    // countedShift's hedges: "almost four years ago", "more than a year ago".
    .almost, .nearly, .about, .roughly, .approximately, .around, .more,
    // financialPeriod without "the": "comparable year-ago quarter", "same year-ago…".
    .comparable, .corresponding, .same,
    // quarter ("fiscal third quarter"), year ("fiscal 1989").
    .fiscal,
    // parse's modifiers ("early May", "later Tuesday", "earlier in the year"); decade
    // ("early 1980s", "mid-1990s").
    .early, .late, .mid, .earlier, .later,
    // decade: "'90s".
    .apostrophe,
  ]
  /// The grammar words that continue a date only after "the", beyond `startWords`: with
  /// those, numbers, tokens with a digit, date-word matches and spelled decades, every
  /// word that can follow the "the" a date starts with (`DateScanner.isPossibleStart`).
  /// Like `startWords`, a class missing here silently loses dates: check every family
  /// `parse(at:)` reaches from a "the" before removing one.
  static let afterThe: DateWordSet = [
    // financialPeriod: "the current quarter", "the latest quarter", "the latest period";
    // theDeterminedPeriod: "the current year", "the latest year".
    .current, .latest,
    // anaphoric: "the following day", "the prior year" (.next, .previous are startWords).
    .following, .prior,
    // theDeterminedPeriod: "the full year", "the entire year", "the whole year".
    .full, .entire, .whole,
    // parse: "the end of March", "the beginning of 2024", "the middle of", "the start of".
    .end, .beginning, .middle, .start,
  ]
}

/// The date grammar's words, by raw token ID: one array load per lookup.
struct DateWords: Sendable {
  private var classes: [DateWord] = []
  private var ordinals = TokenMap<Int>()
  private var decadeWords = TokenMap<Int>()
  private var spelledTens = TokenMap<Int>()
  private var spelledUnits = TokenMap<Int>()
  /// One bit per raw ID: the word is in `DateWordSet.startWords` or is a spelled unit,
  /// tens or ordinal. The scanner asks this of every token, so it is one load, not a
  /// class lookup and three map probes.
  private var startBits = TokenBitSet()
  /// One bit per raw ID: the word is in `startBits`, in `DateWordSet.afterThe`, or is a
  /// spelled decade ("the nineties"): the words a date that starts with "the" can go on
  /// with, besides numbers and date-word matches.
  private var afterTheBits = TokenBitSet()

  /// Interns the grammar words in `vocabulary`.
  init(vocabulary: inout Vocabulary) {
    var ids: [(UInt32, DateWord)] = []
    for (spelling, word) in DateWord.table {
      ids.append((vocabulary.insert(folded: FoldedKey.fold(spelling)).rawValue, word))
    }
    let ordinalWords = [
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
      "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ]
    // Spelled units, tens and ordinals: each can begin a date (see `canStart`).
    var numberIDs: [UInt32] = []
    for (index, word) in ordinalWords.enumerated() {
      let id = vocabulary.insert(folded: word).rawValue
      ordinals[id] = index + 1
      numberIDs.append(id)
    }
    let thirtieth = vocabulary.insert(folded: "thirtieth").rawValue
    ordinals[thirtieth] = 30
    numberIDs.append(thirtieth)
    let decades = [
      "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
    ]
    var decadeIDs: [UInt32] = []
    for (index, word) in decades.enumerated() {
      let id = vocabulary.insert(folded: word).rawValue
      decadeWords[id] = 20 + 10 * index
      decadeIDs.append(id)
    }
    let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    for (index, word) in tens.enumerated() {
      let id = vocabulary.insert(folded: word).rawValue
      spelledTens[id] = 20 + 10 * index
      numberIDs.append(id)
    }
    let units = [
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen",
    ]
    for (index, word) in units.enumerated() {
      let id = vocabulary.insert(folded: word).rawValue
      spelledUnits[id] = index + 1
      numberIDs.append(id)
    }
    var classes = [DateWord](repeating: .none, count: vocabulary.count)
    for (id, word) in ids where Int(id) < classes.count {
      // The first class listed wins ("upcoming" is listed twice on purpose).
      if classes[Int(id)] == .none { classes[Int(id)] = word }
    }
    self.classes = classes
    // Every word this type knows was interned above, so IDs past `classes.count` have
    // no class and no number: `canStart` reads them as "no".
    var startBits = TokenBitSet()
    func mark(_ id: UInt32) { startBits.insert(id) }
    for (id, _) in ids where Int(id) < classes.count {
      if DateWordSet.startWords.contains(classes[Int(id)]) { mark(id) }
    }
    for id in numberIDs { mark(id) }
    self.startBits = startBits
    // The words after "the": the start words and more. `mark` goes on writing the local
    // bits, which `self.startBits` no longer shares.
    for (id, _) in ids where Int(id) < classes.count {
      if DateWordSet.afterThe.contains(classes[Int(id)]) { mark(id) }
    }
    for id in decadeIDs { mark(id) }
    afterTheBits = startBits
  }

  /// Whether a token with this raw ID can begin a date by its word alone: a word of
  /// `DateWordSet.startWords`, or a spelled unit ("four years ago", "nineteen
  /// ninety-six"), tens ("twenty-first") or ordinal ("the third quarter", "May third").
  @inline(__always)
  func canStart(_ rawID: UInt32) -> Bool {
    startBits.contains(rawID)
  }

  /// Whether a token with this raw ID, after "the", can go on with a date that starts
  /// with the "the", by its word alone: a start word, a word of `DateWordSet.afterThe`,
  /// or a spelled number or decade. (Numbers, tokens with a digit and date-word matches
  /// can too; the scanner tests those from the token.)
  @inline(__always)
  func canFollowThe(_ rawID: UInt32) -> Bool {
    afterTheBits.contains(rawID)
  }

  /// The grammar class of a token's raw ID.
  @inline(__always)
  func word(_ rawID: UInt32) -> DateWord {
    Int(rawID) < classes.count ? classes[Int(rawID)] : .none
  }

  /// The value of a spelled ordinal ("third" → 3).
  @inline(__always)
  func ordinal(_ rawID: UInt32) -> Int? { ordinals[rawID] }

  /// The first year of a spelled decade ("nineties" → 90).
  @inline(__always)
  func decade(_ rawID: UInt32) -> Int? { decadeWords[rawID] }

  /// The value of a spelled multiple of ten, 20…90.
  @inline(__always)
  func tens(_ rawID: UInt32) -> Int? { spelledTens[rawID] }

  /// The value of a spelled number 1…19.
  @inline(__always)
  func unit(_ rawID: UInt32) -> Int? { spelledUnits[rawID] }
}
