/// Finds places, organizations, people, nationalities, dates and casualty counts in text.
///
/// Build an extractor once (loading and compiling the gazetteers takes a moment) and
/// share it freely: it is an immutable `Sendable` value, and ``entities(in:referenceDate:)``
/// takes no locks, so any number of tasks can call it at once.
///
///     let extractor = try EntityExtractor()
///     for entity in extractor.entities(in: "Floods hit Balochistan, Pakistan.") {
///       print(entity.label, entity.substring(in: text))   // place Balochistan, place Pakistan
///     }
///
/// The pipeline: ICU word segmentation (``WordSegmenter``), token IDs from the
/// gazetteers' ``Vocabulary``, every ``Recognizer`` appending candidate mentions, then
/// the ``OverlapPolicy`` choosing among overlapping ones; last, each casualty count is
/// tied to the place, date and perpetrator the text gives it (``CasualtyCount/place``,
/// ``incidents(in:referenceDate:)``).
public struct EntityExtractor: Sendable {
  /// What an extractor loads and runs.
  public struct Configuration: Sendable {
    /// Whether to load the gazetteers bundled with the library. Default `true`.
    public var includesBundledGazetteers = true
    /// Directories of extra gazetteer files (`*.tsv`, recursively), loaded after the
    /// bundled ones, in order. Their entries add to or replace (same type and ID)
    /// earlier ones.
    public var gazetteerDirectories: [String] = []
    /// Gazetteers made in code, loaded last (so they replace everything else).
    public var gazetteers: [Gazetteer] = []
    /// The labels to report; `nil` reports every label.
    public var labels: Set<EntityLabel>? = nil
    /// Recognizers of your own, run after the built-in ones.
    public var additionalRecognizers: [any Recognizer] = []
    /// How overlapping mentions are settled.
    public var overlapPolicy: OverlapPolicy = .standard
    /// Whether compiled gazetteers are cached on disk, so that later extractors start in
    /// milliseconds. Default `true`; the cache is keyed by the files' bytes, so it is
    /// never stale. Gazetteers made in code are never cached.
    public var cachesCompiledGazetteers = true
    /// Where the compiled-gazetteer cache lives: by default `$EEX_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/swift-entity-extraction` or `~/.cache/swift-entity-extraction`.
    public var cacheDirectory: String? = CompiledGazetteers.defaultCacheDirectory
    /// Whether a document given no reference date has its relative dates resolved
    /// against the date it gives for itself: its dateline, else the first full date of
    /// its first paragraph (see ``EntityExtractor/documentDate(in:)``). Default `true`;
    /// their values then carry the anchor ``DateAnchor/document``. With `false`, or when
    /// the document gives no date, what a missing reference date leaves unknown is `X`
    /// ("on Tuesday" is `XXXX-WXX-2`).
    public var anchorsToDocumentDate = true
    /// Documents longer than this many UTF-8 bytes are read in overlapping windows of
    /// about this size, so that memory does not grow with the document (see
    /// ``EntityExtractor/enumerateEntities(in:referenceDate:_:)``). Default
    /// ``EntityExtractor/defaultWindowBytes``; at least 256 is used.
    public var windowBytes = EntityExtractor.defaultWindowBytes
    /// How far each window reads beyond the stretch it reports mentions from, on each
    /// side, in UTF-8 bytes (at most a quarter of ``windowBytes`` is used). Default
    /// ``EntityExtractor/defaultWindowOverlapBytes``.
    public var windowOverlapBytes = EntityExtractor.defaultWindowOverlapBytes

    /// The default configuration: bundled gazetteers, every label.
    public init() {}
  }

  /// The configuration the extractor was built with.
  public let configuration: Configuration
  /// The segmenter that tokenizes text.
  public let segmenter: WordSegmenter
  /// Every token spelling the recognizers know.
  public let vocabulary: Vocabulary
  /// The compiled name gazetteers (entries of lexicon types, such as date words, belong
  /// to their recognizers instead).
  public let gazetteerMatcher: GazetteerMatcher
  /// The recognizers, in the order they run.
  public let recognizers: [any Recognizer]
  /// How many of `recognizers` are built in (they come first); the rest are the
  /// configuration's `additionalRecognizers`.
  let builtInRecognizerCount: Int
  /// The built-in date recognizer, which also finds a document's own date.
  let dateRecognizer: DateRecognizer?
  /// The recognizers whose mentions are a windowed document's evidence (see
  /// `DocumentEvidence`): the gazetteer recognizer and the name recognizer.
  let evidenceRecognizers: [any Recognizer]
  /// What ties casualty counts to their place, date and perpetrator (see ``Incident``).
  let incidentRules: IncidentRules

  /// Loads the gazetteers and builds the recognizers.
  ///
  /// - Throws: ``WordSegmenter/ICUError`` when ICU is unusable; ``GazetteerError`` naming
  ///   the file and line of a malformed gazetteer entry or an unreadable directory.
  public init(configuration: Configuration = Configuration()) throws {
    self.configuration = configuration
    let segmenter = try WordSegmenter()
    var files: [[(name: String, bytes: [UInt8])]] = []
    if configuration.includesBundledGazetteers {
      files.append(try Gazetteer.readDirectory(try Gazetteer.bundledDirectoryOrError(), namePrefix: ""))
    }
    for directory in configuration.gazetteerDirectories {
      files.append(try Gazetteer.readDirectory(directory))
    }
    // Entries of lexicon types go to the recognizer that claims them; the rest are names.
    var lexiconOwner: [EntityLabel: Int] = [:]
    for (index, type) in builtInLexiconRecognizers.enumerated() {
      for label in type.lexiconLabels { lexiconOwner[label] = index }
    }
    let lexiconLabels = Set(lexiconOwner.keys).union([
      PlaceRules.contextLabel, PlaceWeights.label, IncidentRules.cueLabel, IncidentWeights.label,
    ])
    var compiled = try CompiledGazetteers.load(
      files: files, memory: configuration.gazetteers, segmenter: segmenter,
      isName: { !lexiconLabels.contains($0) },
      nameLabelsKey: lexiconLabels.map(\.rawValue).sorted().joined(separator: ","),
      cacheDirectory: configuration.cachesCompiledGazetteers ? configuration.cacheDirectory : nil)
    let store = compiled.store
    var lexicons = [[GazetteerEntry]](repeating: [], count: builtInLexiconRecognizers.count)
    var placeContext: [GazetteerEntry] = []
    var placeWeights: [GazetteerEntry] = []
    var incidentCues: [GazetteerEntry] = []
    var incidentWeights: [GazetteerEntry] = []
    for index in store.indices(where: { lexiconLabels.contains($0) }) {
      let label = store.label(of: Int(index))
      if let owner = lexiconOwner[label] {
        lexicons[owner].append(store.entry(at: Int(index)))
      } else if label == PlaceWeights.label {
        placeWeights.append(store.entry(at: Int(index)))
      } else if label == IncidentRules.cueLabel {
        incidentCues.append(store.entry(at: Int(index)))
      } else if label == IncidentWeights.label {
        incidentWeights.append(store.entry(at: Int(index)))
      } else {
        placeContext.append(store.entry(at: Int(index)))
      }
    }
    // Take the vocabulary out rather than copy it: a second reference would make the
    // first insertion below copy all of its tables.
    var vocabulary = Vocabulary()
    swap(&vocabulary, &compiled.vocabulary)
    let matcher = compiled.matcher
    let placeRules = try PlaceRules(lexicon: placeContext, vocabulary: &vocabulary)
    var recognizers: [any Recognizer] = [
      GazetteerRecognizer(
        matcher: matcher, labels: configuration.labels, priority: 0, placeRules: placeRules,
        placeWeights: try PlaceWeights(lexicon: placeWeights))
    ]
    for (index, type) in builtInLexiconRecognizers.enumerated() {
      if let type = type as? any NameContextLexiconRecognizer.Type {
        // Name rules need to know which words are places, organizations, nationalities.
        recognizers.append(
          try type.init(lexicon: lexicons[index], names: matcher, segmenter: segmenter, vocabulary: &vocabulary))
      } else {
        recognizers.append(try type.init(lexicon: lexicons[index], segmenter: segmenter, vocabulary: &vocabulary))
      }
    }
    builtInRecognizerCount = recognizers.count
    dateRecognizer = recognizers.lazy.compactMap { $0 as? DateRecognizer }.first
    evidenceRecognizers = recognizers[..<builtInRecognizerCount].filter {
      $0 is GazetteerRecognizer || $0 is NameRecognizer
    }
    recognizers.append(contentsOf: configuration.additionalRecognizers)
    // The outcome words of the casualty lexicon are event words of incident linking too.
    let outcomes = lexiconOwner[.casualtyOutcome].map { lexicons[$0].filter { $0.label == .casualtyOutcome } } ?? []
    incidentRules = try IncidentRules(
      cues: incidentCues, outcomes: outcomes, weights: incidentWeights, segmenter: segmenter,
      vocabulary: &vocabulary)
    self.segmenter = segmenter
    self.vocabulary = vocabulary
    self.gazetteerMatcher = matcher
    self.recognizers = recognizers
  }

  /// Tokenizes a text with the extractor's segmenter and vocabulary.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  public func tokenize(_ text: String, referenceDate: CalendarDate? = nil) -> TokenizedText {
    var text = text
    text.makeContiguousUTF8()
    let tokens = segmenter.tokens(in: text, vocabulary: vocabulary)
    return TokenizedText(
      text: text, tokens: tokens, referenceDate: referenceDate, vocabulary: vocabulary)
  }

  /// Returns the entity mentions in `text`, ordered by start offset.
  ///
  /// Never fails: any string gives a result (possibly empty). A text longer than
  /// ``Configuration/windowBytes`` is read in windows, and its mentions are those of
  /// ``enumerateEntities(in:referenceDate:_:)``, gathered.
  ///
  /// - Parameters:
  ///   - text: The document.
  ///   - referenceDate: The publication date, for resolving relative dates.
  /// - Returns: Mentions with UTF-8 offsets into `text`, resolved by the overlap policy.
  /// - Complexity: O(*n*) in the length of `text`, for the bundled recognizers.
  public func entities(in text: String, referenceDate: CalendarDate? = nil) -> [Entity] {
    if text.utf8.count <= configuration.windowBytes {
      return entities(in: tokenize(text, referenceDate: referenceDate))
    }
    var all: [Entity] = []
    enumerateEntities(in: text, referenceDate: referenceDate) { all.append(contentsOf: $0) }
    return all
  }

  /// Returns the date a document gives for its own publication, if it gives one.
  ///
  /// That is the date of its dateline ("QUETTA, March 3, 2024 —", "KABUL 2024-05-14"),
  /// else the first full date (year, month and day as written) of its first paragraph,
  /// looked for in its first 1,000 bytes. When a document comes with no reference date,
  /// the extractor resolves its relative dates against this one (unless
  /// ``Configuration/anchorsToDocumentDate`` is off).
  ///
  ///     let text = "KABUL 2024-05-14 — Rockets hit the airport on Sunday."
  ///     extractor.documentDate(in: extractor.tokenize(text))  // 2024-05-14
  ///
  /// - Returns: The date, or `nil` when the document gives none (or the extractor has no
  ///   date words).
  /// - Complexity: O(1) in the document's length: only its first bytes are read.
  public func documentDate(in document: TokenizedText) -> CalendarDate? {
    dateRecognizer?.documentDate(in: document)
  }

  /// Returns the entity mentions in an already tokenized document.
  ///
  /// The document is read whole, however long (only ``entities(in:referenceDate:)`` and
  /// ``enumerateEntities(in:referenceDate:_:)`` read a long text in windows). A document
  /// with no ``TokenizedText/referenceDate`` is given the date it names for itself, if any
  /// (see ``documentDate(in:)`` and ``Configuration/anchorsToDocumentDate``).
  public func entities(in document: TokenizedText) -> [Entity] {
    var document = document
    if document.referenceDate == nil && configuration.anchorsToDocumentDate,
      let date = documentDate(in: document)
    {
      document.referenceDate = date
      document.dateAnchor = .document
    }
    var dates = DateScanState()
    return extract(document, window: nil, dates: &dates)
  }

  /// Runs every recognizer over `document` and settles the overlaps.
  ///
  /// With a `window`, the document is one window of a longer one, read with evidence
  /// from the rest: the date recognizer reads only the window's tokens, starting from the
  /// focus in `dates` (and leaving there the focus where the next window starts), and
  /// mentions outside the window's bytes (found in the evidence) are dropped before the
  /// overlaps are settled.
  func extract(
    _ document: TokenizedText, window: WindowScope?, dates: inout DateScanState
  ) -> [Entity] {
    var document = document
    if document.sharedMatches == nil {
      // The place and name recognizers both need the name gazetteers' matches.
      document.sharedMatches = gazetteerMatcher.sharedMatches(in: document)
    }
    // The built-in recognizers append to one array; a custom one gets its own buffer, so
    // that whatever it does to its argument cannot touch the others' mentions.
    var mentions: [Entity] = []
    var priorities: [Int] = []
    var orders: [Int] = []
    var buffer: [Entity] = []
    for (order, recognizer) in recognizers.enumerated() {
      let first = mentions.count
      if order < builtInRecognizerCount {
        if let window, let dateRecognizer = recognizer as? DateRecognizer {
          dateRecognizer.recognize(document, tokens: window.tokens, into: &mentions, state: &dates)
        } else {
          recognizer.recognize(document, into: &mentions)
        }
      } else {
        buffer.removeAll(keepingCapacity: true)
        recognizer.recognize(document, into: &buffer)
        mentions.append(contentsOf: buffer)
      }
      if configuration.labels != nil || window != nil {
        let labels = configuration.labels
        let bytes = window?.bytes
        var kept = first
        // Swapped in the buffer, where a swap moves the two mentions; `Array.swapAt`
        // copies them, retaining and releasing each one's references.
        mentions.withUnsafeMutableBufferPointer { buffer in
          for index in first..<buffer.count
          where labels?.contains(buffer[index].label) ?? true
            && bytes?.contains(buffer[index].utf8Range.lowerBound) ?? true
          {
            buffer.swapAt(kept, index)
            kept += 1
          }
        }
        mentions.removeSubrange(kept...)
      }
      let added = mentions.count - first
      priorities.append(contentsOf: repeatElement(recognizer.priority, count: added))
      orders.append(contentsOf: repeatElement(order, count: added))
    }
    configuration.overlapPolicy.resolve(&mentions, priorities: priorities, orders: orders)
    // Casualty counts get their place, date and perpetrator from the settled mentions.
    IncidentScan.link(
      &mentions, in: document, tokens: window?.tokens ?? 0..<document.tokens.count, rules: incidentRules)
    return mentions
  }
}

/// The part of a windowed document's tokens and bytes that is the window itself, not
/// evidence from the rest of the document.
struct WindowScope {
  /// The window's tokens, as indices in the document's.
  var tokens: Range<Int>
  /// The bytes the window reads, margins included.
  var bytes: Range<Int>
}
