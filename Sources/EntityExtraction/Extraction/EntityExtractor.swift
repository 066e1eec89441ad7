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
    /// A file of compiled gazetteers to use instead of the cache, written by
    /// ``EntityExtractor/compileGazetteers(configuration:to:)`` (or `entities gazetteer
    /// compile`) from the same gazetteers: for containers, read-only deployments and
    /// cluster workers that should not compile. Default `nil`. A file compiled from other
    /// gazetteer files than the ones this configuration names (or edited since) is an
    /// error, as is one that cannot be read.
    public var compiledGazetteers: String? = nil
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
  /// The compiled-gazetteer file this extractor read its gazetteers from (mapped), or
  /// wrote them to after compiling them; `nil` when they were compiled in memory only.
  public let compiledGazetteersFile: String?
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
    try self.init(configuration: configuration, writingCompiledGazetteersTo: nil)
  }

  /// Compiles the gazetteers a configuration names into one file, for
  /// ``Configuration/compiledGazetteers``.
  ///
  ///     var configuration = EntityExtractor.Configuration()
  ///     configuration.gazetteerDirectories = ["/srv/lists"]
  ///     try EntityExtractor.compileGazetteers(configuration: configuration, to: "/srv/lists.eexg")
  ///     configuration.compiledGazetteers = "/srv/lists.eexg"   // in every worker
  ///
  /// - Throws: ``GazetteerError`` for a malformed gazetteer, gazetteers made in code
  ///   (which a file cannot hold), or a file that cannot be written.
  public static func compileGazetteers(configuration: Configuration, to path: String) throws {
    guard configuration.gazetteers.isEmpty else {
      throw GazetteerError(.unreadable("a compiled file cannot hold gazetteers made in code"), sourceName: path, line: 0)
    }
    var configuration = configuration
    configuration.compiledGazetteers = nil
    _ = try EntityExtractor(configuration: configuration, writingCompiledGazetteersTo: path)
  }

  private init(configuration: Configuration, writingCompiledGazetteersTo outputPath: String?) throws {
    self.configuration = configuration
    let segmenter = try WordSegmenter()
    var layers: [[SourceFile]] = []
    if configuration.includesBundledGazetteers {
      layers.append(try Gazetteer.listDirectory(try Gazetteer.bundledDirectoryOrError(), namePrefix: ""))
    }
    for directory in configuration.gazetteerDirectories {
      layers.append(try Gazetteer.listDirectory(directory))
    }
    // Entries of lexicon types go to the recognizer that claims them (one group each, then
    // the place rules', the place weights', the incident cues' and the incident weights');
    // the rest are names.
    let groups = builtInLexiconRecognizers.map { $0.lexiconLabels } + [
      [PlaceRules.contextLabel], [PlaceWeights.label], [IncidentRules.cueLabel], [IncidentWeights.label],
    ]
    var compiled = try CompiledGazetteers.load(
      layers: layers, memory: configuration.gazetteers, segmenter: segmenter, lexiconGroups: groups,
      cacheDirectory: configuration.cachesCompiledGazetteers ? configuration.cacheDirectory : nil,
      compiledPath: configuration.compiledGazetteers, outputPath: outputPath)
    // Take the vocabulary out rather than copy it: a second reference would make the
    // first insertion below copy all of its tables.
    var vocabulary = Vocabulary()
    swap(&vocabulary, &compiled.vocabulary)
    let matcher = compiled.names
    let recognizerCount = builtInLexiconRecognizers.count
    let placeRules = try PlaceRules(lexicon: compiled.lexicon(recognizerCount, name: "place_context").entries, vocabulary: &vocabulary)
    var recognizers: [any Recognizer] = [
      GazetteerRecognizer(
        matcher: matcher, labels: configuration.labels, priority: 0, placeRules: placeRules,
        placeWeights: try PlaceWeights(lexicon: compiled.lexicon(recognizerCount + 1, name: "place_weight").entries))
    ]
    recognizers += try Self.lexiconRecognizers(
      compiled: compiled, names: matcher, segmenter: segmenter, vocabulary: &vocabulary)
    // The outcome words of the casualty lexicon are event words of incident linking too.
    let casualtyGroup = builtInLexiconRecognizers.firstIndex { $0.lexiconLabels.contains(.casualtyOutcome) }
    // Only the outcome entries are made: the rest of the casualty lexicon stays in the store.
    let outcomes = casualtyGroup.map { group -> [GazetteerEntry] in
      let lexicon = compiled.lexicon(group, name: "casualty")
      return (0..<lexicon.count).filter { lexicon.label(at: $0) == .casualtyOutcome }.map(lexicon.entry(at:))
    } ?? []
    // Before the file is saved: incident linking interns its words in the vocabulary too.
    incidentRules = try IncidentRules(
      cues: compiled.lexicon(recognizerCount + 2, name: "incident_cue").entries, outcomes: outcomes,
      weights: compiled.lexicon(recognizerCount + 3, name: "incident_weight").entries,
      segmenter: segmenter, vocabulary: &vocabulary)
    try compiled.save(vocabulary: vocabulary)
    compiledGazetteersFile = compiled.filePath
    builtInRecognizerCount = recognizers.count
    dateRecognizer = recognizers.lazy.compactMap { $0 as? DateRecognizer }.first
    evidenceRecognizers = recognizers[..<builtInRecognizerCount].filter {
      $0 is GazetteerRecognizer || $0 is NameRecognizer
    }
    recognizers.append(contentsOf: configuration.additionalRecognizers)
    self.segmenter = segmenter
    self.vocabulary = vocabulary
    self.gazetteerMatcher = matcher
    self.recognizers = recognizers
  }

  /// Builds the built-in lexicon recognizers, in order, from their lexicons.
  private static func lexiconRecognizers(
    compiled: CompiledGazetteers, names: GazetteerMatcher, segmenter: WordSegmenter,
    vocabulary: inout Vocabulary
  ) throws(GazetteerError) -> [any Recognizer] {
    var recognizers: [any Recognizer] = []
    for (index, type) in builtInLexiconRecognizers.enumerated() {
      let lexicon = compiled.lexicon(index, name: "\(type)")
      let recognizer: any Recognizer
      if let type = type as? any NameContextLexiconRecognizer.Type {
        // Name rules need to know which words are places, organizations, nationalities.
        recognizer = try type.init(lexicon: lexicon, names: names, segmenter: segmenter, vocabulary: &vocabulary)
      } else {
        recognizer = try type.init(lexicon: lexicon, segmenter: segmenter, vocabulary: &vocabulary)
      }
      recognizers.append(recognizer)
    }
    return recognizers
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
