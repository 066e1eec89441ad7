// Long documents read in windows: the memory an extraction needs grows with the window,
// not with the document. See `DocumentWindows` for the cutting, `DocumentEvidence` for
// the document-level decisions.

extension EntityExtractor {
  /// The default of ``Configuration/windowBytes``: 4 MB. News articles are far shorter, so
  /// they are read whole; a window of text dense with names takes about 30 times its size
  /// while it is read.
  public static let defaultWindowBytes = 4 << 20

  /// The default of ``Configuration/windowOverlapBytes``: 64 KB on each side, so that a
  /// mention near a cut is read with as much context as anywhere else, and a line of up
  /// to that length is wholly in the window of each of its mentions.
  public static let defaultWindowOverlapBytes = 64 << 10

  /// Finds the entity mentions of `text` and passes them to `body` in order, a batch at a
  /// time, so that a long text's mentions need not all be held at once.
  ///
  /// A text of at most ``Configuration/windowBytes`` bytes is one batch, exactly what
  /// ``entities(in:referenceDate:)`` returns. A longer one is cut at sentence boundaries
  /// (else at white space, else between scalars) into stretches, and each is read as a
  /// window with ``Configuration/windowOverlapBytes`` more text on each side; `body`
  /// gets the mentions that start in the stretch, ordered by start, with offsets into
  /// `text`. A mention near a cut is found by the windows on both sides and kept once,
  /// from the window in which it is far from an edge.
  ///
  ///     var count = 0
  ///     extractor.enumerateEntities(in: hugeText) { batch in count += batch.count }
  ///
  /// What the whole document decides is decided on the whole document's evidence: a
  /// first pass over the windows collects the lines in which the name and place
  /// recognizers find people, organizations and places, and each window is then read
  /// with those of them its names share words with (and every place), so that a bare
  /// surname finds its full name, an acronym its definition and an ambiguous place the
  /// document's countries wherever in the document they are. The date that anaphoric
  /// dates ("that day") refer to is carried from each window to the next, and the
  /// document's own date (when no reference date is given) is read from its start.
  /// Recognizers of your own see each window as a ``TokenizedText`` whose text is the
  /// whole document and whose tokens are the window's and that evidence.
  ///
  /// - Parameters:
  ///   - text: The document.
  ///   - referenceDate: The publication date, for resolving relative dates.
  ///   - body: Called with each batch of mentions, in order; never with an empty batch
  ///     unless the text has no mention at all (then once, with none).
  /// - Complexity: O(*n*) in the length of `text`; a windowed text is read about twice
  ///   (the evidence pass, then the windows), in memory that grows with the window.
  public func enumerateEntities(
    in text: String, referenceDate: CalendarDate? = nil, _ body: ([Entity]) throws -> Void
  ) rethrows {
    var text = text
    text.makeContiguousUTF8()
    let length = text.utf8.count
    guard length > configuration.windowBytes, length <= WordSegmenter.maximumTextLength else {
      try body(entities(in: tokenize(text, referenceDate: referenceDate)))
      return
    }
    // Contiguous since `makeContiguousUTF8()`: the storage is read in place, never copied.
    let windowed: Void? = try text.utf8.withContiguousStorageIfAvailable { bytes in
      try extractInWindows(text, bytes: bytes, referenceDate: referenceDate, body)
    }
    if windowed == nil { try body(entities(in: tokenize(text, referenceDate: referenceDate))) }
  }

  /// ``enumerateEntities(in:referenceDate:_:)`` for a text longer than a window, whose
  /// UTF-8 is `bytes`.
  private func extractInWindows(
    _ text: String, bytes: UnsafeBufferPointer<UInt8>, referenceDate: CalendarDate?,
    _ body: ([Entity]) throws -> Void
  ) rethrows {
    let windows = DocumentWindows(
      bytes: bytes, windowBytes: configuration.windowBytes,
      overlapBytes: configuration.windowOverlapBytes)
    var reference = referenceDate
    var anchor: DateAnchor? = referenceDate == nil ? nil : .reference
    if referenceDate == nil && configuration.anchorsToDocumentDate,
      let date = documentDate(in: windowDocument(text, bytes: bytes, window: windows.windows[0]))
    {
      reference = date
      anchor = .document
    }
    let evidence = collectEvidence(text, bytes: bytes, windows: windows)
    var dates = DateScanState()
    var sentAny = false
    for index in windows.windows.indices {
      let window = windows.windows[index]
      let own = windowTokens(bytes: bytes, window: window)
      var words = Set<UInt64>()
      words.reserveCapacity(own.count / 8)
      for token in own where DocumentEvidence.isCapitalisedWord(token) {
        words.insert(DocumentEvidence.wordKey(of: token, in: bytes))
      }
      let (before, after) = evidence?.tokens(around: window, words: words) ?? ([], [])
      var document = TokenizedText(
        text: text, tokens: before + own + after, referenceDate: reference, vocabulary: vocabulary)
      document.dateAnchor = anchor
      dates.snapshotOffset =
        index + 1 < windows.windows.count ? windows.windows[index + 1].lowerBound : nil
      let scope = WindowScope(tokens: before.count..<(before.count + own.count), bytes: window)
      var mentions = extract(document, window: scope, dates: &dates)
      let owned = windows.owned(index)
      mentions.removeAll { !owned.contains($0.utf8Range.lowerBound) }
      if !mentions.isEmpty || (!sentAny && index == windows.windows.count - 1) {
        sentAny = true
        try body(mentions)
      }
    }
  }

  /// The first pass over a windowed document: the units of evidence of every window, or
  /// `nil` when the labels asked for need none (no place, organization or person).
  private func collectEvidence(
    _ text: String, bytes: UnsafeBufferPointer<UInt8>, windows: DocumentWindows
  ) -> DocumentEvidence? {
    if let labels = configuration.labels, labels.isDisjoint(with: [.place, .organization, .person])
    {
      return nil
    }
    var evidence = DocumentEvidence()
    var found: [Entity] = []
    for index in windows.windows.indices {
      let window = windows.windows[index]
      var document = windowDocument(text, bytes: bytes, window: window)
      document.sharedMatches = gazetteerMatcher.sharedMatches(in: document)
      found.removeAll(keepingCapacity: true)
      for recognizer in evidenceRecognizers { recognizer.recognize(document, into: &found) }
      evidence.collect(
        from: found, owned: windows.owned(index), in: document,
        startsDocument: window.lowerBound == 0,
        endsDocument: window.upperBound == bytes.count)
    }
    return evidence
  }

  /// One window of `text` (whose UTF-8 is `bytes`) as a document of its own tokens.
  private func windowDocument(_ text: String, bytes: UnsafeBufferPointer<UInt8>, window: Range<Int>)
    -> TokenizedText
  {
    TokenizedText(
      text: text, tokens: windowTokens(bytes: bytes, window: window), vocabulary: vocabulary)
  }

  /// The tokens of the bytes `window`, with offsets into the whole text.
  private func windowTokens(bytes: UnsafeBufferPointer<UInt8>, window: Range<Int>) -> [Token] {
    var tokens = segmenter.tokens(
      inUTF8: UnsafeBufferPointer(rebasing: bytes[window]), vocabulary: vocabulary)
    let shift = Int32(window.lowerBound)
    tokens.withUnsafeMutableBufferPointer { tokens in
      for index in tokens.indices {
        tokens[index].utf8Start += shift
        tokens[index].utf8End += shift
      }
    }
    return tokens
  }
}
